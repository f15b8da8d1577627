// Change my password. Accounts made by the roster import start with a one-time password and see
// only this page until they replace it (the API refuses everything else meanwhile).
import { api } from './api.js'
import { h } from './dom.js'
import { errorLines, t } from './i18n.js'
import { loadUser } from './session.js'

function field(id, key, autocomplete) {
  const input = h('input', { id, type: 'password', autocomplete, required: true, testid: id })
  return { input, label: h('label', { for: id }, t(key)) }
}

export function passwordPage(main, { user, setTitle, onSignedIn }) {
  setTitle(t('password.title'))
  const current = field('password-current', 'password.current', 'current-password')
  const fresh = field('password-new', 'password.new', 'new-password')
  const repeat = field('password-repeat', 'password.repeat', 'new-password')
  const error = h('div', { class: 'notice error', role: 'alert', testid: 'password-error', hidden: true })
  const done = h('div', { class: 'notice info', role: 'status', hidden: true })
  const submit = h('button', { type: 'submit', class: 'primary', testid: 'password-submit' }, t('password.submit'))
  const fail = (lines) => {
    error.replaceChildren(...[].concat(lines).map((line) => h('div', {}, line)))
    error.hidden = false
  }
  const form = h(
    'form',
    {
      class: 'card login',
      onsubmit: async (event) => {
        event.preventDefault()
        error.hidden = true
        if (fresh.input.value !== repeat.input.value) {
          fail(t('password.mismatch'))
          repeat.input.select()
          return
        }
        submit.disabled = true
        try {
          await api.post('/api/auth/password', { current_password: current.input.value, new_password: fresh.input.value })
          await loadUser()
          done.textContent = t('password.changed')
          done.hidden = false
          form.reset()
          if (user.must_change_password) onSignedIn()
        } catch (err) {
          fail(errorLines(err))
        } finally {
          submit.disabled = false
        }
      },
    },
    user.must_change_password ? h('p', { class: 'notice info' }, t('password.must_change')) : null,
    current.label,
    current.input,
    fresh.label,
    fresh.input,
    h('p', { class: 'muted hint' }, t('password.hint')),
    repeat.label,
    repeat.input,
    error,
    done,
    submit,
  )
  main.append(form)
  current.input.focus()
  return () => {}
}
