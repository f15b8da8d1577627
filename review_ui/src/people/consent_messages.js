// Strings of the consent to face identification (PIPL: separate consent before a photo is used).
export const CONSENT_MESSAGES = {
  'consent.title': ['人脸识别单独同意', 'Consent to face identification'],
  'consent.intro': [
    '上传参考照片前，请阅读以下说明。人脸信息属于敏感个人信息，需要您本人单独同意。',
    'Before a reference photo is added, read this notice. Face data is sensitive personal information and needs your own, separate consent.',
  ],
  'consent.tick': ['我已阅读并同意以上说明（同意）', 'I have read the notice above and agree'],
  'consent.agree': ['同意', 'I agree'],
  'consent.given': ['您已同意人脸识别（说明版本 {version}）。', 'You consented to face identification (notice version {version}).'],
  'consent.withdraw': ['撤回同意并删除人脸数据', 'Withdraw consent and delete face data'],
  'consent.confirm_withdraw': [
    '确认撤回？您的照片、特征值和截图将立即删除',
    'Withdraw? Your photos, encodings and crops are deleted at once',
  ],
  'consent.withdrawn': ['已撤回同意，您的人脸数据已删除。', 'Consent withdrawn; your face data was deleted.'],
  'consent.missing_other': [
    '该教师尚未同意人脸识别：需本人登录后在“我的照片”中同意，才能添加照片。',
    'This teacher has not consented to face identification: they must sign in and agree under “My photo” before a photo can be added.',
  ],
  'consent.given_other': ['已同意人脸识别', 'Consented to face identification'],
  'analysis.no_consent': ['未同意人脸识别，未作识别', 'no consent to face identification: not identified'],
}
