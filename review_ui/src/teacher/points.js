// Point names and dimensions, read once per page from the actor's catalogue.
import { api } from '../core/api.js'
import { isEnglish } from '../core/i18n.js'

export async function loadPoints() {
  const points = await api.get('/api/catalogue/points')
  return new Map(points.map((p) => [p.code, p]))
}

/** The point's name in the current language (Chinese when no English name exists). */
export function pointName(point) {
  if (!point) return ''
  return (isEnglish() && point.name_en) || point.name_zh
}

/** "A1 技术支持的学情分析" / "A1 Technology-supported learner analysis". */
export function pointTitle(points, code) {
  const point = points.get(code)
  return point ? `${code} ${pointName(point)}` : code
}

export function dimensionName(point) {
  if (!point) return ''
  return isEnglish() ? point.dimension_en : point.dimension_zh
}

export function environmentName(point) {
  if (!point) return ''
  return isEnglish() ? { multimedia: 'multimedia', hybrid: 'hybrid learning', smart: 'smart learning' }[point.environment] : point.environment_zh
}
