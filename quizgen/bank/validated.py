"""A facts file validated fact by fact, each fact's model kept by its own parsed mapping.

Validating the whole file builds pydantic's validators of every fact model first (about a
tenth of a second of each run that reads a changed bank). Here a fact whose mapping was
validated before is read back from the cache, and only the facts that changed are
validated, each by its own kind's model (building only that model's validator); the
file's other fields are validated by :class:`FactsHead`. The result equals
``FactsFile.model_validate(data)``.

Anything else — a fact that is not a mapping of a known kind, a fact or a field that does
not validate, the cache turned off — validates the whole file as before, so every error
reads as it did.

The kept models live in one cache file per facts file (as given), a mapping from the
SHA-256 of each fact's pickled mapping to its model; each is used only for a mapping
with that digest, under the same fingerprint of quizgen and its libraries, so the file
can be stale or damaged (then it is ignored) but never wrong. It is rewritten when the
facts changed.
"""

from __future__ import annotations

import hashlib
import pickle
from typing import Any, TypeVar, get_args

from pydantic import BaseModel, ValidationError

from quizgen.bank.facts import Fact, FactsFile, FactsHead
from quizgen.store import (
    FACTS_SUFFIX,
    MODEL_SUFFIX,
    cache_dir,
    cache_enabled,
    code_fingerprint,
    read_payload,
    write_payload,
)


def validate_facts(data: dict[str, Any], facts_path: object) -> FactsFile:
    """``FactsFile.model_validate(data)``, validating only the facts not seen before."""
    facts = data.get("facts")
    models = _models()
    if not cache_enabled() or not isinstance(facts, list) or not all(
            isinstance(f, dict) and isinstance(f.get("kind"), str) and f["kind"] in models
            for f in facts):
        return FactsFile.model_validate(data)
    digests = [hashlib.sha256(pickle.dumps(f, protocol=5)).hexdigest() for f in facts]
    name = hashlib.sha256(f"{code_fingerprint()}\0facts\0{facts_path}".encode()).hexdigest()
    kept = _read(name)
    try:
        head = validate_kept(FactsHead, {k: v for k, v in data.items() if k != "facts"})
        validated = [kept[d] if d in kept else models[f["kind"]].model_validate(f)
                     for f, d in zip(facts, digests, strict=True)]
    except ValidationError:
        return FactsFile.model_validate(data)  # raises, with the whole file's errors
    fresh = dict(zip(digests, validated, strict=True))
    if fresh.keys() != kept.keys():
        write_payload(_path(name), f"{name} facts", pickle.dumps(fresh, protocol=5))
    values = {field: getattr(head, field) for field in FactsHead.model_fields}
    return FactsFile.model_construct(head.model_fields_set | {"facts"}, **values,
                                     facts=validated)


_M = TypeVar("_M", bound=BaseModel)


def validate_kept(model: type[_M], raw: Any) -> _M:
    """``model.model_validate(raw)``, kept in the cache by the digest of ``raw``: for the
    corpus's front matter and the templates, which rarely change (so a run after an edit of
    the facts builds neither validator). What does not validate raises as before and is
    never kept."""
    if not cache_enabled() or not isinstance(raw, dict):
        return model.model_validate(raw)
    blob = pickle.dumps(raw, protocol=5)
    key = hashlib.sha256(f"{code_fingerprint()}\0{model.__qualname__}\0".encode() + blob).hexdigest()
    path = cache_dir() / f"{key}{MODEL_SUFFIX}"
    payload = read_payload(path, f"{key} model")
    if payload is not None:
        try:
            value = pickle.loads(payload)
        except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError,
                ValueError, IndexError, KeyError):
            value = None
        if type(value) is model:
            return value
    value = model.model_validate(raw)
    write_payload(path, f"{key} model", pickle.dumps(value, protocol=5))
    return value


def _models() -> dict[str, type[BaseModel]]:
    """Each fact model by its ``kind``."""
    return {get_args(model.model_fields["kind"].annotation)[0]: model
            for model in get_args(get_args(Fact)[0])}


def _path(name: str) -> Any:
    return cache_dir() / f"{name}{FACTS_SUFFIX}"


def _read(name: str) -> dict[str, BaseModel]:
    """The kept models, or none when the file is missing, damaged or not of these facts."""
    payload = read_payload(_path(name), f"{name} facts")
    if payload is None:
        return {}
    try:
        kept = pickle.loads(payload)
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError,
            ValueError, IndexError, KeyError):
        return {}
    models = get_args(get_args(Fact)[0])
    if not isinstance(kept, dict) or not all(
            isinstance(k, str) and isinstance(v, models) for k, v in kept.items()):
        return {}
    return kept
