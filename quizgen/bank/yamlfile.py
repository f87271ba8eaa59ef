"""Safe, strict YAML: the C loader where present, no aliases, no duplicate keys.

Line numbers are only worked out when an error needs them, so a valid file pays
nothing for them.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from quizgen.bank.messages import yaml_hint
from quizgen.errors import BankError
from quizgen.gcpause import gc_paused

_Loader: type[yaml.SafeLoader]
try:
    _Loader = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader


_STR_TAG = "tag:yaml.org,2002:str"


class _DuplicateKey(Exception):
    def __init__(self, key: object, line: int) -> None:
        self.key = key
        self.line = line


class _AliasUsed(Exception):
    def __init__(self, line: int) -> None:
        self.line = line


class StrictLoader(_Loader):  # type: ignore[misc, valid-type]
    """A safe loader that rejects duplicate keys and anchors/aliases.

    Aliases are refused because nothing in a bank needs them and because a
    "billion laughs" file of nested aliases would otherwise blow up later, when
    the shared objects are validated one by one.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._plain_tags: dict[tuple[str, bool], str] = {}

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: tuple[bool, bool]) -> str:
        # Keys and repeated values ("id", "kind", "event") are resolved over and over:
        # remember the tag of each plain scalar. Quoted scalars are always text.
        if kind is yaml.ScalarNode and not self.yaml_path_resolvers:
            if not implicit[0]:
                return self.DEFAULT_SCALAR_TAG  # type: ignore[no-any-return]
            key = (value, implicit[1])
            tag = self._plain_tags.get(key)
            if tag is None:
                tag = self._plain_tags[key] = super().resolve(kind, value, implicit)
            return tag
        return super().resolve(kind, value, implicit)  # type: ignore[no-any-return]

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node in self.constructed_objects:
            raise _AliasUsed(node.start_mark.line + 1)
        if node.tag == _STR_TAG and type(node) is yaml.ScalarNode:
            # The commonest node by far: what the generic dispatch would return, directly.
            self.constructed_objects[node] = node.value
            return node.value
        return super().construct_object(node, deep=deep)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        if not isinstance(node, yaml.MappingNode):
            other: dict[Any, Any] = super().construct_mapping(node, deep=deep)
            return other
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=deep)
            try:
                seen = key in mapping
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    None, None, "a mapping key must be plain text", key_node.start_mark
                ) from None
            if seen:
                raise _DuplicateKey(key, key_node.start_mark.line + 1)
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping


StrictLoader.add_constructor("tag:yaml.org,2002:map", StrictLoader.construct_mapping)
# Dates stay text: quizgen's own date type parses them, with errors that name the field.
StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", StrictLoader.construct_yaml_str)


def parse_yaml(text: str, path: Path, first_line: int = 1) -> Any:
    """Parse one YAML document, raising BankError naming the file and line."""
    offset = first_line - 1
    loader = StrictLoader(text)
    try:
        with gc_paused():  # the data is acyclic (aliases are refused): nothing to collect
            return loader.get_single_data()
    except _DuplicateKey as exc:
        problem = f"{path}:{exc.line + offset}: duplicate key {exc.key!r} (YAML keeps only the last)"
    except _AliasUsed as exc:
        problem = f"{path}:{exc.line + offset}: YAML anchors and aliases (&, *) are not allowed"
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f"{mark.line + 1 + offset}:" if mark else ""
        what = exc.problem or exc.context or "invalid YAML"
        problem = f"{path}:{line} YAML syntax error: {what}"
        problem += yaml_hint(what, text.split("\n"), mark.line + 1 if mark else None)
    except yaml.YAMLError as exc:
        problem = f"{path}: YAML error: {exc}"
    finally:
        loader.dispose()
    raise BankError([problem], summary=f"Cannot read {path.name}")


@functools.lru_cache(maxsize=8)
def _composed(text: str) -> yaml.Node | None | yaml.YAMLError:
    """The node tree of ``text``, composed once however many errors ask for lines in it."""
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        return exc


def line_of(text: str, loc: Sequence[str | int], first_line: int = 1) -> int | None:
    """The line of the deepest node along ``loc`` (keys and list indexes)."""
    node = _composed(text)
    if isinstance(node, yaml.YAMLError):
        return None
    best = node.start_mark.line if node is not None else None
    for part in loc:
        child = _child(node, part)
        if child is None:
            continue  # e.g. pydantic's union tag, which is not in the file
        key_node, node = child
        best = key_node.start_mark.line
    return None if best is None else best + first_line


def _child(node: yaml.Node | None, part: str | int) -> tuple[yaml.Node, yaml.Node] | None:
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return node.value[part], node.value[part]
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                return key, value
    return None
