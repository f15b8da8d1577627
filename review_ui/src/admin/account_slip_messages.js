// Strings of the printable account slips and the school admin's password reset.
export const ACCOUNT_SLIP_MESSAGES = {
  'slips.heading': ['课鉴 · 教师账号', 'Kejian · teacher account'],
  'slips.school': ['学校', 'School'],
  'slips.name': ['姓名', 'Name'],
  'slips.staff_id': ['工号', 'Staff ID'],
  'slips.username': ['用户名', 'Username'],
  'slips.password': ['一次性密码', 'One-time password'],
  'slips.address': ['登录地址', 'Sign in at'],
  'slips.must_change': ['首次登录须修改密码。', 'Change this password at your first sign-in.'],
  'slips.issued': ['发放时间：{time}', 'Issued: {time}'],
  'slips.print': ['打印账号条', 'Print account slips'],
  'slips.once': ['共 {n} 张。密码只显示这一次，请现在打印或抄下。', '{n} slips. The passwords are shown only this once: print or copy them now.'],
  'reset.button': ['重置密码', 'Reset password'],
  'reset.confirm': [
    '重置 {name}（{staff_id}）的密码？原密码立即失效，其已登录的设备将全部退出。',
    "Reset the password of {name} ({staff_id})? The old one stops working at once and every device they are signed in on is signed out.",
  ],
  'reset.done': ['已重置 {name} 的密码，请打印账号条交给本人。', "{name}'s password is reset: print the slip and hand it to them."],
}
