// Where the group stands: 优秀 k of n needed and the group-session recording, and — for the
// leader — the button that submits the group to the school, saying what is still missing.
import { api } from '../core/api.js'
import { h } from '../core/dom.js'
import { errorLines, reasonText, t } from '../core/i18n.js'
import { dateTimeWithZone } from '../core/format.js'

export function quotaBar() {
  const fill = h('div', { class: 'quota-fill' })
  const label = h('span', { class: 'quota-label' })
  const sessions = h('span', { class: 'quota-sessions' })
  const el = h('div', { class: 'quota', testid: 'quota-bar' }, h('div', { class: 'quota-track' }, fill), h('div', { class: 'quota-text' }, label, sessions))
  return {
    el,
    show(quota) {
      el.dataset.excellent = String(quota.excellent_count)
      el.dataset.needed = String(quota.required_excellent)
      el.classList.toggle('met', quota.ok)
      const share = quota.required_excellent ? Math.min(1, quota.excellent_count / quota.required_excellent) : 1
      fill.style.width = `${Math.round(share * 100)}%`
      label.textContent = t('quota.excellent', { k: quota.excellent_count, n: quota.required_excellent })
      sessions.textContent = t('quota.sessions', { k: quota.accepted_sessions, n: quota.required_sessions })
      el.setAttribute('aria-label', label.textContent)
    },
  }
}

/** The group's quota bar, kept up to date by refresh(); with `canSubmit`, the submit button. */
export function groupStatus(groupId, { canSubmit = false } = {}) {
  const bar = quotaBar()
  const missing = h('ul', { class: 'missing', testid: 'group-missing' })
  const state = h('p', { class: 'muted' })
  const reopened = h('div', { class: 'notice warn', testid: 'group-reopened', role: 'status', hidden: true })
  const problem = h('div', { class: 'notice error', role: 'alert', hidden: true })
  const submit = h('button', { type: 'button', class: 'primary', testid: 'group-submit' }, t('group.submit'))
  let current = null

  const refresh = async () => {
    current = await api.get(`/api/groups/${groupId}/submission`)
    bar.show(current.quota)
    const submitted = current.state === 'submitted'
    state.textContent = submitted ? t('group.submitted_on', { date: dateTimeWithZone(current.submitted_at) }) : t('group.open')
    reopened.hidden = current.state !== 'reopened' || !current.reopen_reason
    reopened.textContent = reopened.hidden ? '' : t('group.reopened_because', { date: dateTimeWithZone(current.reopened_at), reason: current.reopen_reason })
    missing.replaceChildren(...current.violations.map((v) => h('li', {}, reasonText(v))))
    missing.hidden = !current.violations.length
    submit.disabled = submitted || current.violations.length > 0
    submit.title = current.violations.length ? t('group.cannot_submit') : ''
    return current
  }

  submit.addEventListener('click', async () => {
    problem.hidden = true
    submit.disabled = true
    try {
      await api.post(`/api/groups/${groupId}/submit`, { version: current?.version ?? null })
    } catch (err) {
      problem.replaceChildren(...errorLines(err).map((line) => h('div', {}, line)))
      problem.hidden = false
    }
    await refresh()
  })

  const el = h('section', { class: 'card quota-card' }, h('h2', {}, t('group.quota_title')), bar.el, state, reopened)
  if (canSubmit) el.append(missing, problem, h('div', { class: 'actions' }, submit))
  return { el, refresh }
}
