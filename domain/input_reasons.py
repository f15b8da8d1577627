"""Reason codes for input refused before any rule looks at it: numbers out of range, bodies
that are not JSON, methods a path does not answer, values the database cannot store.

They share the ``request.`` prefix with ``domain.reasons.INVALID_REQUEST`` so a client can
treat every malformed-request refusal alike.
"""

from __future__ import annotations

from domain.reasons import Reason


def _r(code: str, zh: str, en: str) -> Reason:
    return Reason(code, zh, en)


INTEGER_OUT_OF_RANGE = _r(
    "request.integer_out_of_range",
    "参数 {name} 的值超出允许范围（{low}–{high}）。",
    "Parameter {name} is out of range ({low}–{high}).",
)
METHOD_NOT_ALLOWED = _r(
    "request.method_not_allowed",
    "此接口不支持 {method} 请求。",
    "This endpoint does not answer {method} requests.",
)
HTTP_REFUSED = _r(
    "request.refused",
    "请求被拒绝（HTTP {status}）。",
    "The request was refused (HTTP {status}).",
)
VALUE_NOT_STORABLE = _r(
    "request.value_not_storable",
    "请求中有无法保存的值（如超出范围的数字或含有空字符的文字）。",
    "The request holds a value that cannot be stored (a number out of range or text containing a NUL character).",
)
NOT_A_NUMBER = _r(
    "request.not_a_number",
    "字段 {field} 应为数字（不接受 true/false 或带引号的文字）。",
    "Field {field} must be a number (true/false and quoted text are not accepted).",
)
BODY_UNREADABLE = _r(
    "request.unreadable_body",
    "请求正文无法解析（应为 UTF-8 编码的 JSON）。",
    "The request body cannot be read (it must be JSON in UTF-8).",
)
BAD_CURSOR = _r(
    "request.bad_cursor",
    "翻页位置（after）无效：请从列表第一页重新开始，并使用服务器返回的 X-Next-After 值。",
    "The page position (after) is not valid: start again from the first page and pass the X-Next-After value"
    " the server returned.",
)
