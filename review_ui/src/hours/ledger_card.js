// The teacher's 学时 ledger (GET /api/teachers/{id}/hours/ledger): online, practice and assessment
// hours against the requirement, how practice hours were earned, and why they are held (seed 001:
// practice hours count only once the pushed peer reviews and the point work are done).
import { api } from '../core/api.js'
import { fill, h } from '../core/dom.js'
import { reasonText, t } from '../core/i18n.js'

const num = (n) => String(Math.round(n * 100) / 100)

function line(key, have, need, testid) {
  return h('li', { testid }, h('strong', {}, t(key)), ' ', t('hours.of', { have: num(have), need: num(need) }))
}

function reasons(titleKey, found, testid) {
  if (!found.length) return null
  return h('div', { class: 'result-reasons' }, h('span', { class: 'muted' }, t(titleKey)), h('ul', { class: 'missing', testid }, ...found.map((r) => h('li', {}, reasonText(r)))))
}

export function ledgerCard(teacherId) {
  const el = h('section', { class: 'card hours-ledger', testid: 'hours-ledger' })
  const refresh = async () => {
    const body = await api.get(`/api/teachers/${teacherId}/hours/ledger`)
    const hours = body.hours
    const need = hours.required
    el.dataset.complete = String(hours.complete)
    const parts = [
      ['hours.part.sessions', body.sessions],
      ['hours.part.peer_views', body.peer_views],
      ['hours.part.peer_comments', body.peer_comments],
      ['hours.part.points', body.points_passed],
    ]
    fill(
      el,
      h(
        'header',
        { class: 'card-head' },
        h('h2', {}, t('hours.title')),
        h('span', { class: `badge ${hours.complete ? 'result-pass' : 'result-in_progress'}`, testid: 'hours-complete' }, t(hours.complete ? 'hours.complete' : 'hours.incomplete')),
      ),
      h(
        'ul',
        { class: 'hours-totals' },
        line('hours.online', hours.online, need.online, 'hours-online'),
        line('hours.practice', hours.practice, need.practice, 'hours-practice'),
        need.assessment ? line('hours.assessment', hours.assessment, need.assessment, 'hours-assessment') : null,
      ),
      body.online_teaching_recorded > body.online_teaching_counted
        ? h('p', { class: 'muted' }, t('hours.teaching_capped', { recorded: num(body.online_teaching_recorded), cap: num(body.online_teaching_cap) }))
        : null,
      reasons('hours.held_title', hours.held, 'hours-held'),
      h('p', { class: 'muted' }, t('hours.earned_by')),
      h('ul', { class: 'muted', testid: 'hours-parts' }, ...parts.map(([key, part]) => h('li', {}, t(key, { count: part.count, hours: num(part.hours) })))),
      reasons('hours.still_short', body.missing, 'hours-missing'),
    )
  }
  refresh().catch((err) => fill(el, h('div', { class: 'notice error', role: 'alert' }, reasonText(err.error || {}) || String(err))))
  return { el, refresh }
}
