// Sign in with a username and password; a refusal is explained in the current language.
import { h } from './dom.js'
import { errorLines, t } from './i18n.js'
import { signIn } from './session.js'

export function loginPage(main, { setTitle, onSignedIn }) {
  setTitle(t('login.title'))
  const username = h('input', { id: 'login-username', name: 'username', autocomplete: 'username', required: true, testid: 'login-username' })
  const password = h('input', {
    id: 'login-password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
    testid: 'login-password',
  })
  const error = h('div', { class: 'notice error', role: 'alert', testid: 'login-error', hidden: true })
  const submit = h('button', { type: 'submit', class: 'primary', testid: 'login-submit' }, t('login.submit'))
  const form = h(
    'form',
    {
      class: 'card login',
      onsubmit: async (event) => {
        event.preventDefault()
        error.hidden = true
        submit.disabled = true
        try {
          await signIn(username.value.trim(), password.value)
          onSignedIn()
        } catch (err) {
          error.replaceChildren(...errorLines(err).map((line) => h('div', {}, line)))
          error.hidden = false
          submit.disabled = false
          password.select()
        }
      },
    },
    h('p', { class: 'lead' }, t('login.lead')),
    h('label', { for: 'login-username' }, t('login.username')),
    username,
    h('label', { for: 'login-password' }, t('login.password')),
    password,
    error,
    submit,
  )
  main.append(form)
  username.focus()
  return () => {}
}
