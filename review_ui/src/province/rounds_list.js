// Past sampling rounds, newest first (GET /api/province/rounds): the seed, who drew it and when
// (Beijing time), the rule, the candidates, how many were drawn and the weighting. 只看本轮
// narrows the works table to that round.
import { api } from '../core/api.js'
import { h } from '../core/dom.js'
import { dateTime } from '../core/format.js'
import { t } from '../core/i18n.js'
import { zoneLabel } from '../core/people_time.js'

function rule(round) {
  return round.mode === 'count' ? t('rounds.count', { count: round.count }) : t('rounds.percent', { percent: round.percent })
}

export function roundsList({ onShow }) {
  const el = h('section', { class: 'card rounds', testid: 'rounds' })
  const load = async () => {
    const rounds = await api.get('/api/province/rounds')
    const heads = ['round', 'seed', 'by', 'when', 'amount', 'candidates', 'drawn', 'weighting'].map((k) => h('th', {}, t(`rounds.col.${k}`, { zone: zoneLabel() })))
    el.replaceChildren(
      h('h2', {}, t('rounds.title')),
      rounds.length
        ? h(
            'div',
            { class: 'table-wrap' },
            h(
              'table',
              { class: 'table' },
              h('thead', {}, h('tr', {}, ...heads, h('th', {}))),
              h(
                'tbody',
                {},
                ...rounds.map((r) =>
                  h(
                    'tr',
                    { testid: `round-${r.id}` },
                    h('td', {}, `#${r.id}`),
                    h('td', {}, h('code', {}, r.seed)),
                    h('td', {}, r.drawn_by_name || '—'),
                    h('td', {}, dateTime(r.drawn_at)),
                    h('td', {}, rule(r)),
                    h('td', {}, String(r.candidates)),
                    h('td', {}, String(r.drawn.length)),
                    h('td', {}, t(r.weighting === 'risk' ? 'round.risk' : 'round.uniform')),
                    h('td', {}, h('button', { type: 'button', testid: `round-show-${r.id}`, onclick: () => onShow(r.id) }, t('rounds.show'))),
                  ),
                ),
              ),
            ),
          )
        : h('p', { class: 'muted' }, t('rounds.empty')),
    )
  }
  return { el, load }
}
