"""How long the text a template builds would be, checked before one C call builds it.

``replace``, ``join``, ``translate``, a format with many fields and printing a list can
each build text any number of times the size of their inputs (a list may hold one long
text a million times by reference); :mod:`quizgen.making.sandbox` calls these checks
before such a call, and after every other filter, whose result is at most a few times
its input.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from jinja2.exceptions import SecurityError
from jinja2.filters import make_attrgetter
from jinja2.utils import Namespace

MAX_ITEMS = 1_000_000  # characters or items of a repeated string or list


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def text_size(value: Any) -> int:
    """About how long ``str(value)`` is, without building it; stops counting past the limit.

    A list may hold one long text a million times by reference: cheap to hold, a
    terabyte to print.
    """
    total, stack = 0, [value]
    while stack and total <= MAX_ITEMS:
        item = stack.pop()
        if isinstance(item, str):
            total += len(item)
            continue
        if isinstance(item, Namespace):
            item = item._Namespace__attrs
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
            total += 4 * len(item) + 2
        elif isinstance(item, list | tuple | set | frozenset):
            stack.extend(item)
            total += 2 * len(item) + 2
        else:
            total += 8  # numbers, dates, facts: bank data, bounded when it was read
    return total


def check_built(size: int, what: str) -> None:
    """Refuse text of ``size`` characters (or more) beyond the limit."""
    if size > MAX_ITEMS:
        raise SecurityError(f"{what} would be longer than the limit of {MAX_ITEMS:,} characters")


def printable(value: Any) -> Any:
    """What ``{{ … }}`` prints, refused before it is printed if it is over the limit."""
    if not isinstance(value, str):
        check_built(text_size(value), "the value printed")
    return value


def _check_replace(s: Any, old: Any, new: Any, count: Any = -1) -> None:
    """Refuse a ``replace`` whose result would pass the limit (counting ``old`` is linear)."""
    if not (isinstance(s, str) and isinstance(old, str) and isinstance(new, str)):
        return
    grows = len(new) - len(old)
    if grows <= 0 or len(s) + (len(s) + 1) * grows <= MAX_ITEMS:
        return
    times = s.count(old)
    if _is_int(count) and count >= 0:
        times = min(times, count)
    check_built(len(s) + times * grows, "`replace`")


def _check_join(sep: Any, items: Any) -> None:
    if isinstance(sep, str):
        count = len(items)
        own = len(items) if isinstance(items, str) else text_size(items) - 2 * count - 2
        check_built(own + len(sep) * max(count - 1, 0), "`join`")


def _check_translate(s: Any, table: Any) -> None:
    if isinstance(s, str) and isinstance(table, dict):
        longest = max((len(v) for v in table.values() if isinstance(v, str)), default=1)
        check_built(len(s) * max(longest, 1), "`translate`")


def _method_join(sep: str, items: Any = (), *args: Any, **kwargs: Any) -> None:
    _check_join(sep, items if isinstance(items, str | list | tuple) else ())


# str methods whose result can be any number of times the size of their inputs.
BUILDING_METHODS: dict[str, Callable[..., None]] = {
    "replace": _check_replace, "join": _method_join, "translate": _check_translate}


def checked_replace_filter(func: Callable[..., str]) -> Callable[..., str]:
    @functools.wraps(func)
    def replace(eval_ctx: Any, s: Any, old: Any, new: Any, count: Any = None) -> str:
        _check_replace(s, old, new, -1 if count is None else count)
        return func(eval_ctx, s, old, new, count)

    return replace


def checked_join_filter(func: Callable[..., str]) -> Callable[..., str]:
    @functools.wraps(func)
    def join(eval_ctx: Any, value: Any, d: str = "", attribute: Any = None) -> str:
        items = list(value)
        if attribute is not None:
            items = list(map(make_attrgetter(eval_ctx.environment, attribute), items))
        _check_join(d, items)
        return func(eval_ctx, items, d)

    return join


def result_checked(func: Callable[..., Any], name: str) -> Callable[..., Any]:
    """``func``, refusing a value over the limit (many filters print it) or a text result
    over it (the next filter would grow it)."""
    value_at = 1 if hasattr(func, "jinja_pass_arg") else 0  # after the context passed

    @functools.wraps(func)
    def checked(*args: Any, **kwargs: Any) -> Any:
        if len(args) > value_at:
            check_built(text_size(args[value_at]), f"the value given to `{name}`")
        result = func(*args, **kwargs)
        if isinstance(result, str):
            check_built(len(result), f"the result of `{name}`")
        return result

    return checked


def check_indent(value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse an ``indent`` by a text that, on every line, would pass the limit."""
    width = args[0] if args else kwargs.get("width")
    if isinstance(value, str) and isinstance(width, str):
        check_built(len(value) + (value.count("\n") + 1) * len(width), "`indent`")
