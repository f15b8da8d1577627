// Point names and dimensions, read once per page from the actor's catalogue.
import { api } from '../core/api.js'
import { isEnglish } from '../core/i18n.js'

export async function loadPoints() {
  const points = await api.get('/api/catalogue/points')
  return new Map(points.map((p) => [p.code, p]))
}

/** "A1 技术支持的学情分析" (the catalogue names points in Chinese only). */
export function pointTitle(points, code) {
  const point = points.get(code)
  return point ? `${code} ${point.name_zh}` : code
}

export function dimensionName(point) {
  if (!point) return ''
  return isEnglish() ? point.dimension_en : point.dimension_zh
}

export function environmentName(point) {
  if (!point) return ''
  return isEnglish() ? { multimedia: 'multimedia', hybrid: 'hybrid learning', smart: 'smart learning' }[point.environment] : point.environment_zh
}
