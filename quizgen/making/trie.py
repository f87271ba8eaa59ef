"""A regular expression of many words, rewritten so a search costs no more with more words.

:func:`quizgen.making.audit.internals_pattern` matches any fact or template id as a
whole token: ``(?<![\\w-])(?:id1|id2|…)(?![\\w-])``. Python's ``re`` tries every
alternative at every position, so one search costs as much as the bank has ids, and
checking every question became quadratic in the facts (100,000 facts: hours). The
same words as a trie (``statement-00(?:01|02)``) reject a position after a character
or two. (Generation now finds ids by their tokens, :class:`quizgen.making.audit.InternalIds`,
and compiles a trie only for the few ids that are not plain tokens; the speakers' names
and :func:`any_of` use tries too.)

:func:`as_trie` recognises exactly that shape of pattern and returns one that matches
the same strings at the same places; any other pattern is returned as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from typing import Any

_PREFIX = r"(?<![\w-])(?:"
_SUFFIX = r")(?![\w-])"


def as_trie(pattern: re.Pattern[str] | None) -> re.Pattern[str] | None:
    """The same alternation of escaped words between the same guards, as a trie."""
    if pattern is None or pattern.flags != re.UNICODE:
        return pattern
    return trie_pattern(pattern.pattern, lambda: pattern)


def compiled_trie(source: str | None) -> re.Pattern[str] | None:
    """``as_trie(re.compile(source))`` without compiling ``source`` itself first (a large
    alternation costs as much to compile as its trie)."""
    if source is None:
        return None
    return trie_pattern(source, lambda: re.compile(source))


def trie_pattern(source: str, as_is: Callable[[], re.Pattern[str]]) -> re.Pattern[str]:
    """The trie of an alternation's ``source`` (without flags), else ``as_is()``."""
    if not (source.startswith(_PREFIX) and source.endswith(_SUFFIX)):
        return as_is()
    body = source[len(_PREFIX):-len(_SUFFIX)]
    escaped = body.split("|")
    words = [re.sub(r"\\(.)", r"\1", alternative, flags=re.DOTALL) for alternative in escaped]
    # Only plain escaped words: each must escape back to itself (so no `|` was split).
    if not all(words) or any(re.escape(w) != e for w, e in zip(words, escaped, strict=True)):
        return as_is()
    return re.compile(_PREFIX + _expression(_trie(words)) + _SUFFIX)


def any_of(words: Collection[str]) -> re.Pattern[str] | None:
    """A pattern that ``search`` finds in a text exactly when one of ``words`` is in it
    (as ``any(w in text for w in words)``, at the cost of one scan); None for no words."""
    return re.compile(_expression(_trie(words))) if words else None


def _trie(words: Iterable[str]) -> dict[str, Any]:
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return trie


def _expression(node: dict[str, Any]) -> str:
    """The regular expression of a trie node's words (iterative: words may be long)."""
    # Post-order over the trie with an explicit stack; each node's text is built from
    # its children's.
    done: dict[int, str] = {}
    stack: list[tuple[dict[str, Any], bool]] = [(node, False)]
    while stack:
        current, children_done = stack.pop()
        children = sorted(key for key in current if key)
        if not children_done:
            stack.append((current, True))
            stack.extend((current[key], False) for key in children)
            continue
        alternatives = [re.escape(key) + done.pop(id(current[key])) for key in children]
        ends = "" in current
        if not alternatives:
            text = ""
        elif len(alternatives) == 1 and not ends:
            text = alternatives[0]
        else:
            text = "(?:" + "|".join(alternatives) + ")" + ("?" if ends else "")
        done[id(current)] = text
    return done[id(node)]
