// Strings of a teacher's departure (离校) on the school's roster (admin/departure.js).
export const DEPARTURE_MESSAGES = {
  'departure.button': ['登记离校', 'Record as left'],
  'departure.armed': ['再点一次：停用账号并删除人脸数据', 'Click again: close the accounts and delete face data'],
  'departure.left': ['已离校（{day}）', 'Left the school ({day})'],
  'departure.undo': ['撤销离校', 'Undo departure'],
  'departure.undo_armed': ['再点一次确认撤销', 'Click again to undo'],
  'departure.done': [
    '已登记 {name} 离校：账号已停用，{photos} 张参考照片和 {faces} 个录像人脸已删除。',
    '{name} is recorded as having left: accounts closed, {photos} reference photos and {faces} session faces deleted.',
  ],
  'departure.undone': [
    '已撤销 {name} 的离校登记，账号已恢复；已删除的人脸数据不会恢复，需本人重新同意并上传照片。',
    "{name}'s departure is undone and the accounts are open again; deleted face data stays deleted (they consent and send a photo again).",
  ],
}
