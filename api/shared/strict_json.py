"""JSON bodies are read strictly where a number is expected, for every route at once.

Pydantic's lax mode turns ``true`` into 1 and ``"5"`` into 5, so ``{"size": true}`` declared
a one-byte upload. Rather than marking each model field strict, the app-wide dependency
walks the body against the route's own JSON schema and refuses a boolean or a string where
only a number fits, and an integer beyond 64 bits, naming the field.
"""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from api.errors import Unprocessable
from domain.input_reasons import INTEGER_OUT_OF_RANGE, NOT_A_NUMBER

INT64 = (-(2**63), 2**63 - 1)


def _branches(schema: dict, defs: dict) -> list[dict]:
    """The alternatives a value may take (``anyOf``/``oneOf`` flattened, ``$ref`` resolved)."""
    if "$ref" in schema:
        return _branches(defs.get(schema["$ref"].rsplit("/", 1)[-1], {}), defs)
    alternatives = schema.get("anyOf") or schema.get("oneOf")
    if alternatives:
        return [b for a in alternatives for b in _branches(a, defs)]
    if "allOf" in schema and len(schema["allOf"]) == 1:
        return _branches(schema["allOf"][0], defs)
    return [schema]


def _types(branches: list[dict]) -> set[str]:
    found: set[str] = set()
    for branch in branches:
        kind = branch.get("type")
        if kind is None and "const" not in branch and "enum" not in branch:
            found.add("any")
        elif isinstance(kind, list):
            found.update(kind)
        elif kind is not None:
            found.add(kind)
        else:
            found.update(type(v).__name__ for v in branch.get("enum", [branch.get("const")]))
    return found


def problem(value: Any, schema: dict, defs: dict, where: str = "") -> Unprocessable | None:
    """The first strictness problem of ``value`` against ``schema``, or None."""
    branches = _branches(schema, defs)
    types = _types(branches)
    if "any" in types:
        return None
    numeric = types & {"integer", "number"}
    if isinstance(value, bool):
        if numeric and not types & {"boolean", "bool"}:
            return Unprocessable(NOT_A_NUMBER.format(field=where or "body"), extra={"field": where})
        return None
    if isinstance(value, str):
        if numeric and not types & {"string", "str"}:
            return Unprocessable(NOT_A_NUMBER.format(field=where or "body"), extra={"field": where})
        return None
    if isinstance(value, int):
        if "integer" in types and not INT64[0] <= value <= INT64[1]:
            reason = INTEGER_OUT_OF_RANGE.format(name=where or "body", low=INT64[0], high=INT64[1])
            return Unprocessable(reason, extra={"field": where})
        return None
    if isinstance(value, list):
        for branch in branches:
            if branch.get("type") == "array":
                items = branch.get("items") or {}
                for i, item in enumerate(value):
                    found = problem(item, items, defs, f"{where}[{i}]")
                    if found is not None:
                        return found
                return None
        return None
    if isinstance(value, dict):
        for branch in branches:
            if branch.get("type") == "object":
                properties = branch.get("properties") or {}
                extra = branch.get("additionalProperties")
                for key, item in value.items():
                    sub = properties.get(key, extra if isinstance(extra, dict) else None)
                    if sub is not None:
                        found = problem(item, sub, defs, f"{where}.{key}" if where else key)
                        if found is not None:
                            return found
                return None
    return None


_SCHEMAS: dict[int, tuple[object, dict | None]] = {}


def body_schema(route) -> dict | None:
    """The JSON schema of the route's body (None when it takes none), cached per route."""
    cached = _SCHEMAS.get(id(route))
    if cached is None or cached[0] is not route:
        field = getattr(route, "body_field", None)
        schema = None
        if field is not None:
            schema = TypeAdapter(field.field_info.annotation).json_schema()
        cached = _SCHEMAS[id(route)] = (route, schema)
    return cached[1]


def check_body(route, body: Any) -> None:
    schema = body_schema(route)
    if schema is None:
        return
    found = problem(body, schema, schema.get("$defs", {}))
    if found is not None:
        raise found
