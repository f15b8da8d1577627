// The provincial reviewer's list: 优秀 work the schools forwarded (and any sampled), each
// opening the player with confirm or downgrade. Sampling rounds come later.
import { api, query } from '../core/api.js'
import { h } from '../core/dom.js'
import { dateTime, stateLabel } from '../core/format.js'
import { zoneLabel } from '../core/people_time.js'
import { t } from '../core/i18n.js'
import { linkHandler } from '../core/router.js'
import { currentRules } from '../core/rules.js'
import { moveButtons } from '../review/moves.js'
import { loadPoints, pointTitle } from '../teacher/points.js'
import { schoolSessions } from '../admin/school_sessions.js'

export async function provincePage(main, { setTitle }) {
  setTitle(t('province.title'))
  const points = await loadPoints()
  const list = h('section', { class: 'card' })

  const load = async () => {
    // The states the province acts in (forwarded, sampled), the later ones first.
    const states = [...currentRules().workflow.province_states].reverse()
    const lists = await Promise.all(states.map((state) => api.get(`/api/province/forwarded${query({ state, limit: 500 })}`)))
    const work = lists.flat()
    list.replaceChildren(
      h('h2', {}, t('province.list', { n: work.length })),
      work.length
        ? h(
            'ul',
            { class: 'rows' },
            ...work.map((s) => {
              const path = `/review/${s.id}`
              return h(
                'li',
                { class: 'forwarded', testid: `forwarded-item-${s.id}` },
                h(
                  'a',
                  { href: path, class: 'row-link', onclick: linkHandler(path) },
                  h('span', { class: 'who' }, s.teacher_name),
                  h('span', { class: 'what' }, pointTitle(points, s.capability_code)),
                  h('span', { class: 'muted' }, s.subject),
                  h('span', { class: `badge state-${s.state}` }, stateLabel(s.state)),
                  h('span', { class: 'when muted', title: zoneLabel() }, dateTime(s.updated_at)),
                ),
                moveButtons(s, { onMoved: load, only: ['confirm', 'downgrade'] }),
              )
            }),
          )
        : h('p', { class: 'muted' }, t('province.empty')),
    )
  }
  // Sessions of the groups whose work reached the province; the flagged ones counted on a leader's word.
  const sessions = schoolSessions({ withSchool: true, title: t('province.sessions') })
  main.append(h('p', { class: 'lead' }, t('province.lead')), list, sessions.el)
  await Promise.all([load(), sessions.load()])
  return () => {}
}
