// The consent to face identification (PIPL arts. 28–29) shown before a photo control: the
// teacher reads the notice (purpose, retention, who sees it), ticks 同意 and agrees, or
// withdraws (which deletes their face data). Anyone else sees only whether it is given: consent
// is the teacher's own act, so a leader adding a member's photo is told to ask them first.
import { api } from '../core/api.js'
import { confirmOnSecondClick } from '../core/confirm_click.js'
import { h } from '../core/dom.js'
import { errorLines, isEnglish, t } from '../core/i18n.js'


export function getConsent(teacherId) {
  return api.get(`/api/teachers/${teacherId}/biometric-consent`)
}

/**
 * The consent block for `teacherId`. `onChange(consented)` runs once it is read and after every
 * change. Returns {el, destroy}.
 */
export function consentBlock(teacherId, { onChange } = {}) {
  const id = Number(teacherId)
  const body = h('div', { class: 'consent-body' })
  const message = h('p', { class: 'photo-message', role: 'status', 'aria-live': 'polite', testid: `consent-message-${id}`, hidden: true })
  const el = h('div', { class: 'consent', testid: `consent-${id}` }, body, message)
  let destroyed = false
  let disarm = () => {}

  const say = (kind, text) => {
    message.className = `photo-message ${kind}`
    message.textContent = text
    message.hidden = !text
  }

  const show = (consent) => {
    el.dataset.consent = consent.consented ? 'given' : 'none'
    if (consent.consented) body.replaceChildren(...given(consent))
    else if (consent.can_decide) body.replaceChildren(...notice(consent))
    else body.replaceChildren(h('p', { class: 'muted', testid: `consent-missing-${id}` }, t('consent.missing_other')))
    onChange?.(consent.consented)
  }

  const given = (consent) => {
    const parts = [h('p', { testid: `consent-given-${id}` }, consent.can_decide ? t('consent.given', { version: consent.version }) : t('consent.given_other'))]
    if (!consent.can_decide) return parts
    const withdraw = h('button', { type: 'button', class: 'danger', testid: `consent-withdraw-${id}` }, t('consent.withdraw'))
    disarm = confirmOnSecondClick(withdraw, { armedLabel: t('consent.confirm_withdraw'), onConfirm: () => withdrawConsent(withdraw) })
    return [...parts, withdraw]
  }

  const withdrawConsent = async (withdraw) => {
      withdraw.disabled = true
      try {
        const next = await api.del(`/api/teachers/${id}/biometric-consent`)
        if (destroyed) return
        show(next)
        say('info', t('consent.withdrawn'))
      } catch (err) {
        withdraw.disabled = false
        if (!destroyed) say('error', errorLines(err).join(' '))
      }
  }

  const notice = (consent) => {
    const sections = consent.text.map((section) =>
      h('p', { class: 'consent-section', dataset: { section: section.key } }, isEnglish() ? section.en : section.zh),
    )
    const tick = h('input', { type: 'checkbox', testid: `consent-tick-${id}` })
    const agree = h('button', { type: 'button', class: 'primary', testid: `consent-agree-${id}`, disabled: true }, t('consent.agree'))
    tick.addEventListener('change', () => {
      agree.disabled = !tick.checked
    })
    agree.addEventListener('click', async () => {
      agree.disabled = true
      try {
        const next = await api.post(`/api/teachers/${id}/biometric-consent`, { version: consent.text_version, agree: tick.checked })
        if (destroyed) return
        say('', '')
        show(next)
      } catch (err) {
        agree.disabled = false
        if (!destroyed) say('error', errorLines(err).join(' '))
      }
    })
    return [
      h('h3', {}, t('consent.title')),
      h('p', { class: 'muted' }, t('consent.intro')),
      ...sections,
      h('label', { class: 'consent-tick' }, tick, ' ', t('consent.tick')),
      h('div', { class: 'photo-actions' }, agree),
    ]
  }

  getConsent(id)
    .then((consent) => !destroyed && show(consent))
    .catch((err) => !destroyed && say('error', errorLines(err).join(' ')))
  return {
    el,
    destroy: () => {
      destroyed = true
      disarm()
    },
  }
}
