// The school admin's 推送观摩视频: one button that gives each teacher their N peer videos from the
// configured pool (POST /api/peer/schools/{id}/push); safe to press again.
import { api } from '../core/api.js'
import { fill, h } from '../core/dom.js'
import { dateTimeWithZone } from '../core/format.js'
import { errorLines, t } from '../core/i18n.js'

export function peerPushCard(schoolId) {
  const result = h('div', { role: 'status', testid: 'peer-push-result' })
  const button = h('button', { type: 'button', class: 'primary', testid: 'peer-push' }, t('peer.push'))
  button.addEventListener('click', async () => {
    button.disabled = true
    try {
      const r = await api.post(`/api/peer/schools/${schoolId}/push`)
      result.className = 'notice ok'
      result.dataset.created = String(r.created)
      fill(result, t('peer.pushed', { created: r.created, teachers: r.teachers, videos: r.videos, due: dateTimeWithZone(r.due_at) }))
    } catch (err) {
      result.className = 'notice error'
      fill(result, errorLines(err).join(' '))
    } finally {
      button.disabled = false
    }
  })
  const lead = h('p', { class: 'muted' })
  api
    .get('/api/peer/rules')
    .then((rules) => fill(lead, t('peer.push_lead', { n: rules.per_teacher, pool: t(`peer.pool.${rules.pool}`), days: rules.due_days })))
    .catch((err) => console.error(err))
  return h('section', { class: 'card peer-push', testid: 'peer-push-card' }, h('h2', {}, t('peer.push_title')), lead, button, result)
}
