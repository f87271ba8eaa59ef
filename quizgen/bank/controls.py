"""Control characters: refused in a bank's text, and never printed raw.

A YAML double-quoted string can hold any character (``"\\e[2J"``, ``"\\r"``); printed, such
a character clears the screen, retitles the window, plants a hyperlink or overwrites a
line. Newline and tab are ordinary text; every other C0 and C1 character is refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """``text`` with every control character shown as an escape (``\\x1b``), safe to print."""
    return CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _strings(data: Any, loc: list[str | int]) -> Iterator[tuple[list[str | int], str]]:
    stack: list[tuple[list[str | int], Any]] = [(loc, data)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, str):
            yield where, value
        elif isinstance(value, dict):
            for key, item in reversed(value.items()):
                if isinstance(key, str):
                    yield [*where, key], key
                stack.append(([*where, str(key)], item))
        elif isinstance(value, list):
            stack.extend(([*where, i], item) for i, item in reversed(list(enumerate(value))))


def control_problems(data: Any, text: str, path: Path, first_line: int = 1) -> list[str]:
    """One problem, naming file, line and field, per text in ``data`` with a control character."""
    from quizgen.bank.yamlfile import line_of

    problems = []
    for loc, value in _strings(data, []):
        found = CONTROL.search(value)
        if found:
            field = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")
            problems.append(
                f"{path}:{line_of(text, loc, first_line) or first_line}: {field or '(top level)'}: "
                f"control character U+{ord(found.group()):04X} in the text; remove it "
                "(only newline and tab may appear)")
    return problems
