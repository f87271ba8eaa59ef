"""Schema and YAML errors in plain words: one sentence a curator can act on.

Pydantic's own messages name regular expressions and report a union once per
member ("Input should be a valid number", "Input should be a valid integer");
these read the error's type, input and context instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

# The last ``loc`` part pydantic adds for each member of a union such as ``float | int``.
_UNION_MEMBERS = frozenset({"float", "int", "str", "bool", "none", "list", "dict"})
_SLUG = r"^[a-z0-9][a-z0-9_-]*$"
_LANGUAGE = r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$"


def merge_union_errors(errors: Iterable[Any]) -> list[Any]:
    """One error per field: a failed ``float | int`` gives one error, not two."""
    merged: dict[tuple[Any, ...], Any] = {}
    for err in errors:
        loc = tuple(err["loc"])
        if loc and loc[-1] in _UNION_MEMBERS:
            loc = loc[:-1]
            err = {**err, "loc": loc, "type": _merged_type(err["type"])}
        merged.setdefault(loc, err)
    return list(merged.values())


def _merged_type(kind: str) -> str:
    return "number_type" if kind in ("float_type", "int_type", "int_from_float") else kind


def plain_message(err: Any) -> str:
    """The sentence for one pydantic error (as ``ValidationError.errors()`` gives it)."""
    kind = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    if kind == "extra_forbidden":
        return "unknown field (check its spelling)"
    if kind == "missing":
        return "required field is missing"
    if kind == "value_error" and "error" in ctx:
        return str(ctx["error"])
    if kind == "string_type":
        return _expected_text(value)
    if kind in ("number_type", "float_type", "int_type", "float_parsing", "int_parsing"):
        if isinstance(value, str):
            return (f"expected a number, found the text {value!r}: write it without quotes "
                    "and without thousands separators (30000, 2.5)")
        return f"expected a number, found {_found(value)}"
    if kind == "bool_type":
        return f"expected true or false, found {_found(value)}"
    if kind == "string_pattern_mismatch":
        return _pattern_message(str(ctx.get("pattern", "")), value)
    if kind == "string_too_short":
        if value == "":
            return "is empty: write a value or delete the line"
        return f"{value!r} is too short: write at least {ctx.get('min_length')} characters"
    template = _TEMPLATES.get(kind)
    if template is not None:
        return template.format(value=repr(value), found=_found(value), **ctx)
    return str(err["msg"])


# Messages that only fill in the error's input and context.
_TEMPLATES = {
    "string_too_long": "is too long: at most {max_length} characters",
    "too_short": "needs at least {min_length} item(s), found {actual_length}",
    "list_type": "expected a list, found {found}: write [a, b] or one `- item` per line",
    "dict_type": "expected fields (`key: value` lines), found {found}",
    "model_type": "expected fields (`key: value` lines), found {found}",
    "model_attributes_type": "expected fields (`key: value` lines), found {found}",
    "literal_error": "{value} is not allowed here: write one of {expected}",
    "union_tag_invalid": "unknown kind {tag!r}; expected one of {expected_tags}",
    "union_tag_not_found": "has no `kind:` line: add one (event, role, exercise, membership, "
                           "document, statement or figure)",
}


def _expected_text(value: Any) -> str:
    if isinstance(value, bool | int | float):
        return (f"expected text, YAML read {value!r}: put the value in quotes "
                f"(YAML 1.1 reads NO, yes, on, 1.0 as booleans or numbers)")
    if value is None:
        return "is empty: write a value or delete the line"
    return f"expected text, found {_found(value)}: put the value in quotes"


def _found(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "fields (`key: value`)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"the text {value!r}"
    return repr(value)


def _pattern_message(pattern: str, value: Any) -> str:
    if pattern == _SLUG:
        example = re.sub(r"[^a-z0-9_-]+", "-", str(value).lower()).strip("-_") or "my-id"
        return (f"{value!r} is not a valid id: use lower-case letters, digits, - and _, "
                f"starting with a letter or digit (e.g. {example!r})")
    if pattern == _LANGUAGE:
        return f"{value!r} is not a language code: write a code such as en, ru or pt-BR"
    return f"{value!r} is not in the expected form"


def yaml_hint(problem: str, lines: Sequence[str], line: int | None) -> str:
    """What to type instead, for a YAML syntax error at ``line`` (1-based) of ``lines``."""
    if "mapping values are not allowed" in problem:
        return " (a value with ': ' in it needs quotes; or check the indentation)"
    if "\t" in problem or "that cannot start any token" in problem and _has_tab(lines, line):
        return " (indent with spaces, not tabs)"
    for text in _around(lines, line):
        value = text.split(": ", 1)[1].strip() if ": " in text else text.strip().lstrip("- ")
        if value.startswith('"') and len(re.findall(r'(?<!\\)"', value)) > 2:
            return (" (a value that contains a double quote: wrap it in single quotes, "
                    "or write the inner quote as \\\")")
        if value.startswith("'") and len(re.findall(r"'", value.replace("''", ""))) > 2:
            return (" (a value in single quotes that contains an apostrophe: write it twice, ''"
                    ", or wrap the value in double quotes)")
    if "expected <block end>" in problem or "expected '-' indicator" in problem:
        return " (check the indentation: items of one list or mapping start in the same column)"
    return ""


def _around(lines: Sequence[str], line: int | None) -> list[str]:
    """The error's line and the one before it (PyYAML often marks the line after)."""
    if line is None:
        return []
    return [lines[i] for i in (line - 1, line - 2) if 0 <= i < len(lines)]


def _has_tab(lines: Sequence[str], line: int | None) -> bool:
    return any("\t" in text for text in _around(lines, line))
