"""Reason codes of the auth hardening: throttled sign-ins, refused cross-site writes, busy hashing."""

from __future__ import annotations

from domain.reasons import Reason


def _r(code: str, zh: str, en: str) -> Reason:
    return Reason(code, zh, en)


SIGN_IN_THROTTLED = _r(
    "auth.throttled",
    "密码错误次数过多，请在 {seconds} 秒后再试。",
    "Too many wrong passwords; try again in {seconds} seconds.",
)
SIGN_IN_LOCKED = _r(
    "auth.locked",
    "密码错误次数过多，登录已暂时锁定，请在 {minutes} 分钟后再试。",
    "Too many wrong passwords; signing in is locked for {minutes} minutes.",
)
AUTH_BUSY = _r(
    "auth.busy",
    "登录请求过多，服务器繁忙，请稍后再试。",
    "Too many sign-ins at once; the server is busy, try again shortly.",
)
CSRF_TOKEN_MISSING = _r(
    "auth.csrf_missing",
    "请求缺少来源或防伪令牌，已被拒绝。请刷新页面后重试。",
    "The request has neither an origin nor an anti-forgery token and was refused; reload the page and try again.",
)
