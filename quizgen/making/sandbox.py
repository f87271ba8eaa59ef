"""The sandbox question templates run in: Jinja2's, plus bounds on time and size.

Templates are untrusted text, and Jinja2's sandbox keeps them from reaching files
or Python internals but not from running for ever: ``range`` is capped at 100,000
items, yet two nested loops make ten billion steps. Two bounds close that gap:

- **Time.** While questions are generated, a watchdog interval timer (SIGALRM, main
  thread) ticks ten times a second; a tick that finds one render still running after
  ``RENDER_SECONDS`` raises :class:`RenderTimeout` inside it. This stops anything that
  runs Python code (loops, recursion, filters), whatever construct the template uses,
  and costs a render only a counter increment. A per-render check inside sandbox hooks
  would not do: an empty nested loop calls no hook between its steps.
- **Size.** A timer cannot interrupt one long C call, so what can start one is checked
  before it runs: ``**`` and ``*`` on numbers and sequences (results beyond
  ``MAX_BITS`` / ``MAX_ITEMS``), widths in ``%`` and ``str.format`` specs, and the
  width arguments of ``center``, ``indent``, ``batch``, ``ljust``… So is what the
  calls whose result has no fixed bound would build: ``replace``, ``join`` and
  ``translate`` (filter or method), a format with many fields, ``+``, ``~``, and the
  text a template or block yields (``MAX_ITEMS`` characters at most). Every other
  filter and ``str`` method may grow its input a few times over, so its result is
  checked after the call: chained, none can build more than a few times the limit.
  Intercepting them also keeps Jinja2 from computing them while compiling, where it
  folds constants. Other large allocations are bound by memory and fail fast with
  MemoryError, which the caller reports like any template error.

Where SIGALRM is missing (Windows) or generation runs outside the main thread, only
the size bounds apply.
"""

from __future__ import annotations

import functools
import re
import signal
import threading
import time
import types
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from types import FrameType
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment

from quizgen.making.sizes import (
    BUILDING_METHODS,
    MAX_ITEMS,
    check_built,
    check_indent,
    checked_join_filter,
    checked_replace_filter,
    printable,
    result_checked,
    text_size,
)

RENDER_SECONDS = 1.0  # the longest one field may take for one fact (a render takes ~10 µs)
TICK_SECONDS = 0.1
MAX_BITS = 330_000  # about 100,000 decimal digits


class RenderTimeout(BaseException):  # noqa: N818 - like KeyboardInterrupt, not an error class
    """Raised inside a render that ran longer than ``RENDER_SECONDS``.

    A BaseException so that no ``except Exception`` on the way (in Jinja2, a filter
    or a library) swallows it.
    """


# Filters and str methods whose arguments are sizes of what they build in one C call.
_SIZED_FILTERS = ("center", "indent", "batch")
_SIZED_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs"})
_DICT_ATTRIBUTES = frozenset(dir(dict))
_PLAIN_FUNCTIONS = (types.FunctionType, types.MethodType)
_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[#0+\- ]*(\*|\d+)?(?:\.(\*|\d+))?")
_BRACE_SPEC = re.compile(r"\{[^{}:]*:((?:[^{}]|\{[^{}]*\})*)\}")


class _BoundedCodeGenerator(CodeGenerator):
    """Compiles ``a ~ b`` to the environment's bounded concatenation."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:  # noqa: N802 - Jinja2's name
        self.write("environment.concat((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class BoundedSandbox(SandboxedEnvironment):
    """Jinja2's sandbox with size limits on what runs as one long C call."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})
    code_generator_class = _BoundedCodeGenerator

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in _SIZED_FILTERS:
            self.filters[name] = _sized(self.filters[name], name)
        self.filters["format"] = _checked_format_filter(self.filters["format"])
        self.filters["replace"] = checked_replace_filter(self.filters["replace"])
        self.filters["join"] = checked_join_filter(self.filters["join"])
        self.filters = {name: result_checked(f, name) for name, f in self.filters.items()}
        self.finalize = printable
        self.data_fields: dict[type, frozenset[str]] = {}

    @staticmethod
    def concat(parts: Iterable[Any]) -> str:
        """``"".join``, refusing text over ``MAX_ITEMS`` (a render's, a block's, ``~``'s)."""
        parts = list(parts)
        others = [p for p in parts if type(p) is not str]  # `~` joins values as they are
        if others:
            check_built(sum(map(text_size, parts)), "the text")
            return "".join(map(str, parts))
        check_built(sum(map(len, parts)), "the text")
        return "".join(parts)

    def allow_data(self, cls: type, names: Iterable[str]) -> None:
        """Let templates read these attributes of ``cls`` without the sandbox's checks.

        Only for plain data (model fields, properties returning data), never methods.
        """
        self.data_fields[cls] = frozenset(names)

    def getattr(self, obj: Any, attribute: str) -> Any:
        # Reading a fact's field or a plain dict's key passes every check of the sandbox,
        # and the checks cost more than the rest of a render: skip them for those.
        fields = self.data_fields.get(type(obj))
        if fields is not None and attribute in fields:
            return getattr(obj, attribute)
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        _check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        # quizgen's own helpers in the context (`past`, `period`) are plain functions that
        # need no context passed: call them directly, sparing Jinja2's introspection.
        if (type(__obj) in _PLAIN_FUNCTIONS and (__obj.__module__ or "").startswith("quizgen.")
                and not hasattr(__obj, "jinja_pass_arg")):
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
            return __obj(*args, **kwargs)
        owner = getattr(__obj, "__self__", None)
        name = getattr(__obj, "__name__", "")
        if isinstance(owner, str):
            if name in _SIZED_METHODS:
                _check_sizes(args, kwargs, name)
            elif name in BUILDING_METHODS:
                BUILDING_METHODS[name](owner, *args, **kwargs)
        wrapped = getattr(__obj, "__wrapped__", None)  # the sandbox's str.format wrapper
        formatted = getattr(wrapped, "__self__", None)
        if isinstance(formatted, str) and name in ("format", "format_map"):
            _check_format(formatted, (*args, *kwargs.values()))
        result = super().call(__context, __obj, *args, **kwargs)
        if isinstance(result, str):
            check_built(len(result), f"`{name}`")
        return result


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_sizes(args: Sequence[Any], kwargs: dict[str, Any], what: str) -> None:
    for n in (*args, *kwargs.values()):
        if _is_int(n) and abs(n) > MAX_ITEMS:
            raise SecurityError(f"`{what}` of {n:,} is larger than the limit of {MAX_ITEMS:,}")


def _sized(func: Callable[..., Any], name: str) -> Callable[..., Any]:
    @functools.wraps(func)
    def sized(value: Any, *args: Any, **kwargs: Any) -> Any:
        _check_sizes(args, kwargs, name)
        if name == "indent":
            check_indent(value, args, kwargs)
        return func(value, *args, **kwargs)

    return sized


def _checked_format_filter(func: Callable[..., str]) -> Callable[..., str]:
    @functools.wraps(func)
    def format_(value: Any, *args: Any, **kwargs: Any) -> str:
        if isinstance(value, str):
            _check_format(value, (*args, *kwargs.values()))
        return func(value, *args, **kwargs)

    return format_


def _check_format(fmt: str, args: Any) -> None:
    """Refuse a ``%`` or ``{}`` format whose field widths would build a huge string."""
    numbers: list[str] = []
    for match in _PERCENT_SPEC.finditer(fmt):
        numbers += [g for g in match.groups() if g]
    for match in _BRACE_SPEC.finditer(fmt):
        spec = match.group(1)
        numbers += re.findall(r"\d+", spec) + (["*"] if "{" in spec else [])
    if "*" in numbers:  # widths taken from the arguments
        values = args if isinstance(args, tuple) else (args,)
        _check_sizes(values, {}, "format width")
    if any(n != "*" and len(n) > 7 or n.isdigit() and int(n) > MAX_ITEMS for n in numbers):
        raise SecurityError(f"a format width in {fmt[:40]!r} is larger than {MAX_ITEMS:,}")
    # Each field may show the longest argument: '{0}' * 300000 shows one 300,000 times.
    fields = fmt.count("{") + fmt.count("%")
    if fields:
        values = args if isinstance(args, tuple) else (args,)
        values = tuple(v for a in values for v in (a.values() if isinstance(a, dict) else (a,)))
        check_built(len(fmt) + fields * max(map(text_size, values), default=0), "the formatted text")


def _check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse ``**``, ``*`` and ``%`` whose result would be too large to compute quickly."""
    if operator == "%":
        if isinstance(left, str):
            _check_format(left, right)
    elif operator == "**" and _is_int(left) and _is_int(right):
        if right > 0 and abs(left) > 1 and right * abs(left).bit_length() > MAX_BITS:
            raise SecurityError(f"{left} ** {right} is too large a number to compute")
    elif operator == "+":
        if isinstance(left, str | list | tuple) and isinstance(right, str | list | tuple):
            check_built(len(left) + len(right), "the sum")
    elif operator == "*":
        if _is_int(left) and _is_int(right):
            if left.bit_length() + right.bit_length() > MAX_BITS:
                raise SecurityError("the product is too large a number to compute")
            return
        seq, times = (left, right) if _is_int(right) else (right, left)
        if (isinstance(seq, str | list | tuple) and _is_int(times)
                and len(seq) * times > MAX_ITEMS):
            raise SecurityError(f"repeating {len(seq)} items {times} times makes more than "
                                f"{MAX_ITEMS:,}")


class Watchdog:
    """Interrupts a render that runs longer than ``RENDER_SECONDS``.

    Renders call :meth:`guard`; between renders the ticks do nothing.
    """

    def __init__(self) -> None:
        self.inside = False
        self.renders = 0
        self.seen = -1
        self.since = 0.0
        self.running = False

    @contextmanager
    def guard(self) -> Iterator[None]:
        """Mark a render; the body may raise RenderTimeout."""
        self.renders += 1
        self.inside = True
        try:
            yield
        finally:
            self.inside = False

    def _tick(self, signum: int, frame: FrameType | None) -> None:
        if not self.inside:
            return
        now = time.monotonic()
        if self.renders != self.seen:
            self.seen, self.since = self.renders, now
        elif now - self.since >= RENDER_SECONDS:
            self.seen = -1
            raise RenderTimeout

    def rearm(self) -> None:
        """Start the ticks again while watching: a forked child inherits the handler but
        not the timer."""
        if self.running:
            signal.setitimer(signal.ITIMER_REAL, TICK_SECONDS, TICK_SECONDS)

    @contextmanager
    def watching(self) -> Iterator[None]:
        """Tick while the body runs (main thread only; nested use is a no-op)."""
        usable = (hasattr(signal, "setitimer")
                  and threading.current_thread() is threading.main_thread())
        if self.running or not usable:
            yield
            return
        previous: Callable[..., Any] | int | None = signal.signal(signal.SIGALRM, self._tick)
        old_timer = signal.setitimer(signal.ITIMER_REAL, TICK_SECONDS, TICK_SECONDS)
        self.running = True
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, *old_timer)
            signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)
            self.running = False


WATCHDOG = Watchdog()

# Errors a template's own expressions can raise (1 / 0, 'a' + 1, a huge allocation…):
# reported as the template's fault, naming template and fact, not as a crash.
EVALUATION_ERRORS = (ArithmeticError, TypeError, ValueError, LookupError, AttributeError,
                     RecursionError, MemoryError, jinja2.TemplateError)
