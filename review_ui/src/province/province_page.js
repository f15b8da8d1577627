// The provincial reviewer's desk: filters, the works table (school, group, subject, point,
// teacher, state, flags; paged), the 抽检 form and the past rounds (one narrows the table to its
// draw), the group sessions of the schools whose work reached the province, and the insights.
// Each part is its own module here; this one lays them out and wires them together.
import { api } from '../core/api.js'
import { h } from '../core/dom.js'
import { t } from '../core/i18n.js'
import { loadPoints, pointTitle } from '../teacher/points.js'
import { schoolSessions } from '../admin/school_sessions.js'
import { filtersBar } from './filters_bar.js'
import { worksTable } from './works_table.js'
import { roundForm } from './round_form.js'
import { roundsList } from './rounds_list.js'
import { provinceInsights } from './insights.js'
import { provinceHours } from '../hours/province_hours.js'

export async function provincePage(main, { user, setTitle }) {
  setTitle(t('province.title'))
  const [points, values] = await Promise.all([loadPoints(), api.get('/api/province/filters')])
  const title = (code) => pointTitle(points, code)
  const table = worksTable({ pointTitle: title, onReviewed: () => insights.load() })
  const filters = filtersBar(values, { onChange: (f) => table.setFilters(f), pointTitle: title })
  const rounds = roundsList({
    onShow: (id) => {
      table.setRound(id)
      table.el.scrollIntoView?.({ block: 'start' })
    },
  })
  // Only the provincial reviewer draws; an administrator reads the rounds.
  const form =
    user?.role === 'provincial_reviewer'
      ? roundForm({
          // The drawn work changes state in place; 只看本轮 in the rounds list narrows the table to it.
          onDrawn: async () => {
            await Promise.all([rounds.load(), table.load()])
          },
        })
      : null
  // Sessions of the groups whose work reached the province; the flagged ones counted on a leader's word.
  const sessions = schoolSessions({ withSchool: true, title: t('province.sessions') })
  const insights = provinceInsights()
  const hours = provinceHours()
  main.append(
    h('p', { class: 'lead' }, t('pdesk.lead')),
    h('section', { class: 'card' }, filters.el),
    table.el,
    form?.el,
    rounds.el,
    sessions.el,
    insights.el,
    hours.el,
  )
  await Promise.all([table.load(), rounds.load(), sessions.load(), insights.load(), hours.load()])
  return () => {}
}
