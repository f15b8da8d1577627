// The author's view: what peers said of their own work (rating and comment, who and when).
import { api } from '../core/api.js'
import { fill, h } from '../core/dom.js'
import { dateTimeWithZone } from '../core/format.js'
import { t } from '../core/i18n.js'

export function peerFeedbackCard() {
  const el = h('section', { class: 'card peer-feedback', testid: 'peer-feedback' })
  const refresh = async () => {
    const rows = await api.get('/api/peer/feedback')
    fill(
      el,
      h('h2', {}, t('peer.feedback_title')),
      rows.length
        ? h(
            'ul',
            { class: 'peer-list' },
            ...rows.map((f) =>
              h(
                'li',
                { testid: `peer-feedback-${f.submission_id}` },
                h('span', { class: 'badge' }, f.rating),
                ' ',
                h('strong', {}, `${f.capability_code} ${f.point_name || ''}`),
                ' · ',
                f.viewer_name,
                h('p', {}, f.text),
                h('div', { class: 'muted' }, dateTimeWithZone(f.updated_at)),
              ),
            ),
          )
        : h('p', { class: 'muted' }, t('peer.feedback_none')),
    )
  }
  return { el, refresh }
}
