// The desk's table: every work that reached the province, as the filters and the chosen round
// narrow it (GET /api/province/works), a page at a time by keyset (上一页 / 下一页, the total),
// each row with its school, group, subject, point, teacher, state, flags and the review moves.
import { api, query } from '../core/api.js'
import { fill, h } from '../core/dom.js'
import { stateLabel } from '../core/format.js'
import { t } from '../core/i18n.js'
import { linkHandler } from '../core/router.js'
import { cursorOf, firstPage, nextPage, pageCount, prevPage, withResult, worksQuery } from './desk_state.js'
import { reviewActions } from './review_actions.js'

function flags(work) {
  const out = []
  if (work.checks_ok === false) out.push(['problem', 'pdesk.flag.checks', 'checks'])
  else if (work.accepted_despite_checks) out.push(['flagged', 'pdesk.flag.accepted', 'accepted'])
  if (work.duplicate_flagged) out.push(['flagged', 'pdesk.flag.duplicate', 'duplicate'])
  if (!work.handed_over) out.push(['muted', 'pdesk.flag.not_handed_over', 'not-handed-over'])
  const badges = out.map(([cls, key, name]) => h('span', { class: `badge ${cls}`, testid: `flag-${name}-${work.id}` }, t(key)))
  if (work.sampling_round_id) badges.push(h('span', { class: 'badge', testid: `flag-round-${work.id}` }, t('pdesk.flag.round', { id: work.sampling_round_id })))
  return badges
}

export function worksTable({ pointTitle = (code) => code, onReviewed = async () => {} } = {}) {
  let filters = {}
  let roundId = null
  let pager = firstPage()
  const notice = h('div', { class: 'notice ok', role: 'status', hidden: true, testid: 'province-notice' })
  const el = h('section', { class: 'card province-works', testid: 'province-works' })

  const row = (work) => {
    const path = `/review/${work.id}`
    return h(
      'tr',
      { testid: `province-row-${work.id}`, dataset: { state: work.state } },
      h('td', {}, h('a', { href: path, onclick: linkHandler(path), testid: `province-open-${work.id}` }, work.teacher_name)),
      h('td', {}, work.school_name),
      h('td', {}, work.group_name || '—'),
      h('td', {}, work.subject),
      h('td', {}, pointTitle(work.capability_code)),
      h('td', {}, h('span', { class: `badge state-${work.state}`, testid: `province-state-${work.id}` }, stateLabel(work.state))),
      h('td', { class: 'flags' }, ...flags(work)),
      h(
        'td',
        {},
        reviewActions(work, {
          onDone: async (out, action) => {
            notice.textContent = t('pdesk.done', { action: t(`pdesk.${action}`), teacher: work.teacher_name, point: pointTitle(work.capability_code), state: stateLabel(out.state) })
            notice.hidden = false
            await load()
            await onReviewed()
          },
        }),
      ),
    )
  }

  // Each load starts a generation: a page that arrives after the filters, the round or the page
  // changed again is dropped, so a quick second filter never shows the first one's works under it.
  let generation = 0
  // Moving between pages of the same filters keeps the total (count: false); anything else counts again.
  const load = async ({ count = true } = {}) => {
    const mine = ++generation
    const page = await api.get(`/api/province/works${query(worksQuery({ ...filters, round_id: roundId }, cursorOf(pager), undefined, { count }))}`)
    if (mine !== generation) return
    pager = withResult(pager, page)
    const prev = h('button', { type: 'button', testid: 'province-prev', disabled: pager.index === 0 }, t('pdesk.prev'))
    const next = h('button', { type: 'button', testid: 'province-next', disabled: pager.next === null }, t('pdesk.next'))
    prev.addEventListener('click', () => {
      pager = prevPage(pager)
      load({ count: false })
    })
    next.addEventListener('click', () => {
      pager = nextPage(pager)
      load({ count: false })
    })
    const heads = ['teacher', 'school', 'group', 'subject', 'point', 'state', 'flags', 'actions'].map((k) => h('th', {}, t(`pdesk.col.${k}`)))
    fill(
      el,
      h('h2', { testid: 'province-total', dataset: { total: String(pager.total) } }, t('pdesk.works', { n: pager.total })),
      roundId
        ? h(
            'p',
            {},
            h('span', { class: 'badge', testid: 'province-round-filter' }, t('pdesk.filter.round', { id: roundId })),
            ' ',
            h('button', { type: 'button', class: 'link-button', testid: 'province-round-clear', onclick: () => setRound(null) }, t('pdesk.filter.clear_round')),
          )
        : null,
      notice,
      page.items.length
        ? h('div', { class: 'table-wrap' }, h('table', { class: 'table' }, h('thead', {}, h('tr', {}, ...heads)), h('tbody', {}, ...page.items.map(row))))
        : h('p', { class: 'muted', testid: 'province-empty' }, t('pdesk.empty')),
      h(
        'div',
        { class: 'pager actions' },
        prev,
        h('span', { class: 'muted', testid: 'province-page' }, t('pdesk.page', { page: pager.index + 1, pages: pageCount(pager) })),
        next,
      ),
    )
  }

  const setFilters = (next) => {
    filters = next
    pager = firstPage()
    notice.hidden = true
    return load()
  }
  const setRound = (id) => {
    roundId = id
    pager = firstPage()
    return load()
  }
  return { el, load, setFilters, setRound }
}
