// The school's hand-over to the province (学校提交), a card just below 待办: the counts that decide
// it (forwarded and still 优秀 against 30% of the 专任教师, each subject), what is missing, the
// button that asks for confirmation and hands over, what changed since, and the package to
// upload to the provincial platform (a draft until handed over).
import { api } from '../core/api.js'
import { fill, h } from '../core/dom.js'
import { dateTimeWithZone } from '../core/format.js'
import { reasonText, t } from '../core/i18n.js'
import { handoverView, packageHref, refusalStillHolds } from './handover_state.js'

function countLines(status, view) {
  const percent = status.excellent_percent
  return h(
    'ul',
    { class: 'rows', testid: 'handover-counts', 'data-counted': String(status.excellent_count), 'data-required': String(status.required_excellent) },
    h('li', {}, t('handover.teachers', { n: status.full_time_teachers, required: status.required_excellent, percent })),
    h('li', { class: status.missing_excellent ? 'problem' : 'ok' }, t('handover.counted', { k: status.excellent_count })),
    status.awaiting_forward ? h('li', { testid: 'handover-awaiting' }, t('handover.awaiting', { n: status.awaiting_forward })) : null,
    h(
      'li',
      {},
      t('handover.subjects'),
      ...view.subjects.flatMap((s, i) => [i ? '、' : '', h('span', { class: s.uncovered ? 'problem' : '' }, t('handover.subject_count', { subject: s.subject, n: s.count }))]),
    ),
  )
}

function confirmBox(status, view, { proceed, cancel }) {
  const yes = h('button', { type: 'button', class: 'primary', testid: 'handover-confirm' }, t('handover.confirm_yes'))
  yes.addEventListener('click', () => proceed(yes))
  const covered = view.subjects.filter((s) => !s.uncovered).map((s) => s.subject)
  return h(
    'div',
    { class: 'notice warn', testid: 'handover-confirm-box' },
    h('p', {}, t('handover.confirm_title')),
    h(
      'ul',
      {},
      h('li', {}, t('handover.confirm_counted', { k: status.excellent_count, required: status.required_excellent })),
      h('li', {}, t('handover.confirm_subjects', { subjects: covered.join('、') || '—' })),
    ),
    h('p', { class: 'muted' }, t('handover.confirm_final')),
    h('div', { class: 'actions' }, h('button', { type: 'button', testid: 'handover-cancel', onclick: cancel }, t('move.cancel')), yes),
  )
}

/** The card of `schoolId`; load() reads GET /api/schools/{id}/handover again (after a forward). */
export function schoolHandover({ schoolId, onHandedOver = () => {} }) {
  const el = h('section', { class: 'card handover', testid: 'handover-card' })
  const confirmSlot = h('div')
  const result = h('div', { class: 'notice info', role: 'status', testid: 'handover-result', hidden: true })
  const refusalBox = h('div', { class: 'notice error', role: 'alert', testid: 'handover-refusal', hidden: true })
  let status = null
  let refusal = null

  // A refusal lists what was missing, one line each; a line goes once the school has fixed it
  // (refusalStillHolds on every reload), the box once nothing is left.
  const showRefusal = () => {
    refusalBox.hidden = !refusal
    if (!refusal) return refusalBox.replaceChildren()
    const lines = refusal.violations.length ? refusal.violations.map((v) => h('li', { 'data-code': v.code }, reasonText(v))) : [h('li', {}, reasonText(refusal))]
    refusalBox.replaceChildren(h('p', {}, t('handover.refused')), h('ul', {}, ...lines))
  }

  const render = () => {
    const view = handoverView(status)
    const stateLine = view.handedOver
      ? t('handover.handed_over_line', { at: dateTimeWithZone(status.handed_over_at), name: status.handed_over_by_name || '—' })
      : t('desk.handover', { state: t(view.stateKey) })
    const submit = view.canSubmit ? h('button', { type: 'button', class: 'primary', testid: 'handover-submit' }, t('handover.submit')) : null
    submit?.addEventListener('click', () => ask(submit))
    el.dataset.state = status.state
    el.classList.toggle('met', view.ready)
    fill(
      el,
      h('h2', {}, t('handover.title')),
      h('p', { class: 'muted' }, t('handover.lead', { percent: status.excellent_percent })),
      h('p', { testid: 'handover-state', 'data-state': status.state, class: view.handedOver ? 'ok' : '' }, stateLine),
      countLines(status, view),
      view.since
        ? h('p', { class: 'muted', testid: 'handover-since' }, t('handover.since', { at: view.since.excellent_at_hand_over, now: view.since.excellent_now, downgraded: view.since.downgraded, forwarded: view.since.forwarded }))
        : null,
      status.missing.length
        ? h('div', {}, h('p', {}, t('handover.missing_title')), h('ul', { class: 'missing', testid: 'handover-missing' }, ...status.missing.map((r) => h('li', { 'data-code': r.code }, reasonText(r)))))
        : view.handedOver
          ? null
          : h('p', { class: 'ok', testid: 'handover-ready' }, t('handover.ready')),
      result,
      refusalBox,
      confirmSlot,
      h(
        'div',
        { class: 'actions' },
        submit,
        h('a', { href: packageHref(schoolId), download: '', class: 'button', testid: 'handover-package' }, t('handover.package')),
        view.handedOver ? null : h('span', { class: 'muted' }, ' ', t('handover.package_draft')),
      ),
    )
  }

  const load = async () => {
    status = await api.get(`/api/schools/${schoolId}/handover`)
    refusal = refusalStillHolds(refusal, status)
    render()
    showRefusal()
  }

  const ask = (submit) => {
    submit.disabled = true
    const cancel = () => {
      confirmSlot.replaceChildren()
      submit.disabled = false
    }
    const proceed = async (yes) => {
      yes.disabled = true
      result.hidden = true
      try {
        status = await api.post(`/api/schools/${schoolId}/handover`)
        refusal = null
        confirmSlot.replaceChildren()
        render()
        result.textContent = t('handover.done', { at: dateTimeWithZone(status.handed_over_at) })
        result.hidden = false
        showRefusal()
        await onHandedOver(status)
      } catch (err) {
        confirmSlot.replaceChildren()
        submit.disabled = false
        refusal = err?.error ? { ...err.error, violations: err.error.violations || [] } : { message_zh: String(err), message_en: String(err), violations: [] }
        showRefusal()
        if (err?.status === 409) await load()
      }
    }
    confirmSlot.replaceChildren(confirmBox(status, handoverView(status), { proceed, cancel }))
  }

  return { el, load }
}
