// 重置密码 for one teacher: asks first (the old password stops working and the teacher is signed
// out everywhere), then shows the new one-time password as a printable slip in `out`.
import { api } from '../core/api.js'
import { h } from '../core/dom.js'
import { errorLines, t } from '../core/i18n.js'
import { accountSlips } from './account_slips.js'

export function resetPasswordButton({ teacherId, name, staffId, out }) {
  const button = h('button', { type: 'button', testid: `reset-password-${teacherId}` }, t('reset.button'))
  button.addEventListener('click', async () => {
    if (!window.confirm(t('reset.confirm', { name, staff_id: staffId }))) return
    button.disabled = true
    try {
      const reset = await api.post(`/api/teachers/${teacherId}/password-reset`)
      out.replaceChildren(h('div', { class: 'notice info', role: 'status' }, t('reset.done', { name: reset.name })), accountSlips([reset]))
      out.scrollIntoView?.({ block: 'nearest' })
    } catch (err) {
      out.replaceChildren(h('div', { class: 'notice error', role: 'alert' }, ...errorLines(err).map((line) => h('div', {}, line))))
    } finally {
      button.disabled = false
    }
  })
  return button
}
