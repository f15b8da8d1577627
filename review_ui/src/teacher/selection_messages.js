// Words of the selection chooser's "this is final" note and the change warning.
export const SELECTION_MESSAGES = {
  'selection.final_note': ['确认后不可自行修改，如需变更须由学校管理员批准。', 'Once confirmed you cannot change it yourself; a change needs the school administrator’s approval.'],
  'selection.final_note_for': ['确认后该教师不可自行修改，之后的变更须填写原因。', 'Once confirmed the teacher cannot change it; a later change needs a reason.'],
  'selection.drop_blocked': [
    '{code} 已有作品（{states}），不能从选点中移除。',
    '{code} already has work ({states}) and cannot be dropped from the selection.',
  ],
  'selection.drop_draft': [
    '该教师已为 {code} 上传作品草稿（{states}）；移除后该作品不再计入。',
    'The teacher already has a draft for {code} ({states}); dropped, it no longer counts.',
  ],
}
