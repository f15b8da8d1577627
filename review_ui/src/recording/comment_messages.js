// Words of the comment list's author line, its edit/delete controls and the key hint's wording.
export const COMMENT_MESSAGES = {
  'comments.author_unknown': ['（账号已删除）', '(account removed)'],
  'comments.edited': ['已修改', 'edited'],
  'comments.edit': ['修改', 'Edit'],
  'comments.delete': ['删除', 'Delete'],
  'comments.save': ['保存', 'Save'],
  'comments.cancel': ['取消', 'Cancel'],
  'comments.delete_confirm': ['确定删除这条评语吗？', 'Delete this comment?'],
}
