"""Safe, strict YAML: the C loader where present, no aliases, no duplicate keys.

Line numbers are only worked out when an error needs them, so a valid file pays
nothing for them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from quizgen.errors import BankError

_Loader: type[yaml.SafeLoader]
try:
    _Loader = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader


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

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node in self.constructed_objects:
            raise _AliasUsed(node.start_mark.line + 1)
        return super().construct_object(node, deep=deep)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        if not isinstance(node, yaml.MappingNode):
            return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]
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
    except yaml.YAMLError as exc:
        problem = f"{path}: YAML error: {exc}"
    finally:
        loader.dispose()
    raise BankError([problem], summary=f"Cannot read {path.name}")


def line_of(text: str, loc: Sequence[str | int], first_line: int = 1) -> int | None:
    """The line of the deepest node along ``loc`` (keys and list indexes)."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
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
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int):
        if 0 <= part < len(node.value):
            return node.value[part], node.value[part]
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                return key, value
    return None
