"""Schemathesis against the app's own OpenAPI schema, as each demo role (issue 19 item 9).

Every operation gets a few generated requests — valid ones and deliberately invalid ones —
sent in-process (ASGI) as teacher, leader, schooladmin, reviewer and admin, on SQLite and on
PostgreSQL. No answer may be a 5xx (or an exception), and every 4xx must be in the project's
error shape with a reason code and both messages. Bounded for CI: a fixed seed (Hypothesis
``derandomize``), no example database, a couple of examples per operation and mode.

Routes whose body is a binary stream (parts, direct uploads, documents, photos) declare no
request body in the schema, so they are fuzzed on their path and query only; their bytes are
covered by the upload and hostile-media tests.
"""

from __future__ import annotations

import time

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.python import asgi

ROLES = ("teacher", "leader", "schooladmin", "reviewer", "admin")
EXAMPLES = 2
# Signing out revokes the token the rest of the run needs; sign-in and its throttle have tests of their own.
SKIPPED = {("POST", "/api/auth/logout"), ("POST", "/api/auth/login")}


def _problem(response) -> str | None:
    if response.status_code >= 500:
        return f"{response.status_code} {response.text[:300]}"
    if 400 <= response.status_code < 500:
        try:
            error = response.json()["error"]
            assert error["code"] and error["message_zh"] and error["message_en"]
        except Exception:
            return f"{response.status_code} not in the error shape: {response.text[:300]}"
    return None


def _fuzz(operation, mode: GenerationMode, client, headers: dict[str, dict], problems: list[str]) -> int:
    sent = 0

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate],
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case) -> None:
        nonlocal sent
        # Valid requests go out as every role (authorisation differs); invalid ones as one role
        # in turn (they are refused before any role matters), which keeps the run short.
        roles = ROLES if mode is GenerationMode.POSITIVE else (ROLES[sent % len(ROLES)],)
        for role in roles:
            sent += 1
            try:
                response = case.call(session=client, headers=headers[role])
            except Exception as exc:  # the app raised instead of answering
                problems.append(f"{case.method} {case.formatted_path} as {role}: {exc!r}\n  {case.as_curl_command()}")
                return
            problem = _problem(response)
            if problem is not None:
                problems.append(f"{case.method} {case.formatted_path} as {role}: {problem}\n  {case.as_curl_command()}")
                return

    try:
        run()
    except Unsatisfiable:
        pass  # no invalid request exists for an operation without parameters
    return sent


def test_no_operation_answers_5xx_or_a_4xx_outside_the_error_shape(api):
    headers = {role: api.auth(role) for role in ROLES}
    schema = schemathesis.openapi.from_asgi("/openapi.json", api.app)
    problems: list[str] = []
    operations = sent = 0
    started = time.monotonic()
    with asgi.get_client(api.app) as client:  # one in-process client for the run, not one per request
        for result in schema.get_all_operations():
            operation = result.ok()
            if (operation.method.upper(), operation.path) in SKIPPED:
                continue
            operations += 1
            sent += _fuzz(operation, GenerationMode.POSITIVE, client, headers, problems)
            if operation.definition.raw.get("parameters") or operation.definition.raw.get("requestBody"):
                # (an operation with nothing to get wrong has no invalid request to generate)
                sent += _fuzz(operation, GenerationMode.NEGATIVE, client, headers, problems)
    elapsed = time.monotonic() - started
    assert not problems, f"{len(problems)} problems in {sent} requests:\n" + "\n".join(problems[:30])
    assert operations > 80 and sent > operations * EXAMPLES * len(ROLES)
    print(f"fuzzed {operations} operations with {sent} requests in {elapsed:.0f} s")
