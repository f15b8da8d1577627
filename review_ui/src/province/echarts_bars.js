// The slice of Apache ECharts the province's progress chart uses (bar chart, grid, tooltip, mark
// line, canvas renderer), in a module of its own: insights.js imports it only when the chart is
// drawn, so esbuild puts ECharts in a separate chunk that teachers and leaders never download.
import { BarChart } from 'echarts/charts'
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'

echarts.use([BarChart, GridComponent, MarkLineComponent, TooltipComponent, CanvasRenderer])

/** An ECharts instance drawing on a canvas inside `el`. */
export function barChart(el) {
  return echarts.init(el, null, { renderer: 'canvas' })
}
