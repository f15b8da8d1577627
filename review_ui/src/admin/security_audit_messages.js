// Words for the audit entries the sign-in throttle writes (api/auth/throttle.py): a lockout of an
// account or of a client address after too many wrong passwords.
export const SECURITY_AUDIT_MESSAGES = {
  'audit.kind.sign_in_account': ['登录账号', 'Sign-in account'],
  'audit.kind.sign_in_address': ['登录来源地址', 'Sign-in address'],
  'audit.action.auth.locked_out': ['密码错误过多，暂时锁定', 'Locked after too many wrong passwords'],
}
