// Who wrote a comment and when, as one line under it: a teacher reading a remark should know
// whether their group leader or the province made it, and an edited remark says so.
import { dateTime } from '../core/format.js'
import { t } from '../core/i18n.js'

/** "王强 · 教研组长 · 2026-12-06 14:20" (Beijing time), with "· 已修改" once edited. */
export function authorLine(comment, { time = dateTime } = {}) {
  const who = comment.author_name || t('comments.author_unknown')
  const parts = [who]
  if (comment.author_role) parts.push(t(`role.${comment.author_role}`))
  parts.push(time(comment.created_at))
  if (comment.updated_at && comment.created_at && comment.updated_at !== comment.created_at) parts.push(t('comments.edited'))
  return parts.join(' · ')
}
