// Printable account slips: one per teacher, cut apart and handed out, so a one-time password
// travels on paper to its owner instead of being read off the admin's screen. Shown after a
// roster import and after a password reset; 打印账号条 prints only the slips (account_slips.css).
import { h } from '../core/dom.js'
import { dateTimeWithZone } from '../core/format.js'
import { t } from '../core/i18n.js'

/**
 * The slips to print, from the import report's new accounts or a reset's answer: accounts
 * without a password (a dry run's) have nothing to hand out and are left out.
 */
export function slipsOf(accounts, { address, issuedAt }) {
  return accounts
    .map((a) => ({
      school: a.school_name || a.school_code || '—',
      name: a.name,
      staffId: a.staff_id,
      username: a.username,
      password: a.initial_password ?? a.one_time_password ?? null,
      address,
      issuedAt,
    }))
    .filter((slip) => slip.password)
}

/** The address teachers sign in at: this site's own, whatever page the admin is on. */
export function signInAddress(location) {
  return `${location.origin}/`
}

function slipView(slip) {
  const line = (label, value, extra = {}) => [h('dt', {}, t(label)), h('dd', extra, value)]
  return h(
    'article',
    { class: 'slip', testid: `slip-${slip.username}` },
    h('h3', {}, t('slips.heading')),
    h(
      'dl',
      {},
      line('slips.school', slip.school),
      line('slips.name', slip.name),
      line('slips.staff_id', slip.staffId),
      line('slips.username', slip.username, { class: 'mono' }),
      line('slips.password', slip.password, { class: 'mono password', testid: 'slip-password' }),
      line('slips.address', slip.address, { class: 'mono' }),
    ),
    h('p', { class: 'must-change' }, t('slips.must_change')),
    h('p', { class: 'muted' }, t('slips.issued', { time: dateTimeWithZone(slip.issuedAt) })),
  )
}

/**
 * Paper gets one set of slips, the newest or the one whose button was pressed last: a copy of
 * it in a page-level sheet that only print shows, since everything else is left out of the
 * printout entirely (hidden elements would still take up pages).
 */
function claimPrint(sheet) {
  let paper = document.querySelector('body > .slip-print')
  if (!paper) {
    paper = h('div', { class: 'slip-print', testid: 'slip-print' })
    document.body.append(paper)
  }
  paper.replaceChildren(sheet.cloneNode(true))
}

/** The slips with their print button; `null` when there is nothing to print. */
export function accountSlips(accounts, { now = new Date() } = {}) {
  const slips = slipsOf(accounts, { address: signInAddress(window.location), issuedAt: now.toISOString() })
  if (!slips.length) return null
  const print = h('button', { type: 'button', class: 'primary', testid: 'print-slips' }, t('slips.print'))
  const section = h(
    'section',
    { class: 'account-slips', testid: 'account-slips' },
    h('div', { class: 'actions no-print' }, print, h('span', { class: 'muted' }, t('slips.once', { n: slips.length }))),
    h('div', { class: 'slip-sheet' }, ...slips.map(slipView)),
  )
  const sheet = section.querySelector('.slip-sheet')
  print.addEventListener('click', () => {
    claimPrint(sheet)
    window.print()
  })
  claimPrint(sheet)
  return section
}
