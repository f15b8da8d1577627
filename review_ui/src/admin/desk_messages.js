// Messages of the school admin's desk (待办: what waits for them) and of the history of forwards,
// returns, confirmations and downgrades, as [zh-CN, en]; also the leader's own 提交 label.
export const DESK_MESSAGES = {
  'submission.submit_to_school': ['提交给学校管理员', 'Submit to the school administrator'],
}
