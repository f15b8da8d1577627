// Messages of the notifications (通知): the top bar's bell and the /notifications page, as [zh-CN, en].
// The notices' own sentences come from the server in both languages (text_zh, text_en).
export const NOTIFICATION_MESSAGES = {
  'notifications.title': ['通知', 'Notifications'],
  'notifications.bell': ['通知', 'Notices'],
  'notifications.bell_unread': ['通知，{n} 条未读', 'Notifications, {n} unread'],
  'notifications.bell_none': ['通知，没有未读', 'Notifications, none unread'],
  'notifications.read_all': ['全部标为已读', 'Mark all as read'],
  'notifications.all_read': ['已全部标为已读（{n} 条）。', 'Marked {n} as read.'],
  'notifications.empty': ['暂无通知。', 'No notifications yet.'],
  'notifications.unread': ['未读', 'Unread'],
  'notifications.more': ['加载更多', 'Load more'],
  'notifications.lead': [
    '作品被评审、退回、推送、抽检、确认或降等，成员提交作品，教研组提交学校时，相关人员会在这里收到通知。',
    'You are told here when work is graded, returned, forwarded, sampled, confirmed or downgraded, when a member submits work, and when a group hands its work over to the school.',
  ],
}
