"""Question templates: YAML data holding sandboxed, strict Jinja2 text."""

from __future__ import annotations

import functools
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from pydantic import BaseModel, Field, ValidationError, model_validator

from quizgen.bank.controls import control_problems
from quizgen.bank.facts import FACT_KINDS, Slug, Strict, Text
from quizgen.bank.textfile import read_text
from quizgen.bank.yamlfile import line_of, parse_yaml
from quizgen.errors import BankError, TemplateError, validation_message
from quizgen.making.question import QuestionKind
from quizgen.making.sandbox import EVALUATION_ERRORS, RENDER_SECONDS, WATCHDOG, RenderTimeout

if TYPE_CHECKING:
    from types import CodeType

    import jinja2

# Pools of values of one type that wrong options are drawn from (see generate.py).
PoolName = Literal[
    "person", "role", "country", "place", "organisation", "exercise", "exercise_type",
    "membership_status", "document", "document_status", "date", "number", "outlet", "claim",
]
_LOWER_FIRST = {"the", "a", "an", "his", "her", "its", "their", "this", "these", "that", "there"}


class Swap(Strict):
    """Which fact field wrong answers replace, and the pool they come from."""

    field: str
    pool: PoolName


class QuestionTemplate(Strict):
    """One way of asking about a fact kind; the text fields are Jinja2."""

    id: Slug
    fact: str = Field(description="The fact kind it asks about (see FACT_KINDS), or `any`.")
    question: QuestionKind
    when: str | None = Field(None, description="A Jinja2 expression; the template applies "
                             "to a fact only when it is true.")
    disputed: bool = Field(False, description="Apply only to disputed facts (else never).")
    per_source: bool = Field(False, description="One question per source, as `source`.")
    prompt: Text
    answer: Text | None = None
    accept: list[Text] = Field(default_factory=list)
    explanation: Text | None = None
    swap: Swap | None = Field(None, description="For multiple_choice and true_false.")
    text: Text | None = Field(None, description="For cloze: the text to blank; "
                              "`quote` blanks the answer in a source quote.")
    item: Text | None = Field(None, description="For ordering: how an item reads.")
    order_by: str | None = Field(None, description="For ordering: the date field.")
    left: Text | None = Field(None, description="For matching: the left column.")
    right: Text | None = Field(None, description="For matching: the right column.")
    tags: list[Slug] = Field(default_factory=list)

    @model_validator(mode="after")
    def _fields_for_kind(self) -> QuestionTemplate:
        needs: dict[str, tuple[str, ...]] = {
            "short_answer": ("answer",),
            "multiple_choice": ("answer", "swap"),
            "true_false": (),  # without `swap`, only the true statement
            "cloze": ("answer", "text"),
            "ordering": ("item", "order_by"),
            "matching": ("left", "right"),
        }
        missing = [name for name in needs[self.question] if getattr(self, name) is None]
        if missing:
            raise ValueError(f"a {self.question} template needs {', '.join(missing)}")
        if self.fact != "any" and self.fact not in FACT_KINDS:
            raise ValueError(f"unknown fact kind {self.fact!r}")
        return self

    @cached_property
    def compiled(self) -> dict[str, jinja2.Template]:
        """Every text field compiled once."""
        fields = ("prompt", "answer", "explanation", "text", "item", "left", "right")
        out = {name: _compile(getattr(self, name)) for name in fields
               if getattr(self, name) is not None}
        for i, accept in enumerate(self.accept):
            out[f"accept{i}"] = _compile(accept)
        return out

    @cached_property
    def condition(self) -> Any:
        return _compile_expression(self.when) if self.when else None

    @cached_property
    def answer_reads_only_swap(self) -> bool:
        """True when ``answer`` reads nothing from its context but the swapped field.

        Its text then depends on that one value alone: ``{{ fact.place }}`` or
        ``{{ fact.date|date }}`` reads alike for every fact with the same place or date.
        """
        if self.swap is None or self.answer is None:
            return False
        variable, _, attribute = self.swap.field.rpartition(".")
        return reads_only(self.answer, variable or "fact", attribute)

    def render(self, name: str, context: dict[str, Any], fact_id: str) -> str:
        """Render one field, naming the template and fact if it fails or runs too long."""
        template = self.compiled[name]
        try:
            WATCHDOG.renders += 1
            WATCHDOG.inside = True
            try:
                text = template.render(context)
            finally:
                WATCHDOG.inside = False
        except RenderTimeout:
            raise TemplateError(_too_slow(self.id, f"field {name!r}", fact_id)) from None
        except EVALUATION_ERRORS as exc:
            raise TemplateError(
                f"template {self.id!r} field {name!r} failed for fact {fact_id!r}: {_reason(exc)}"
            ) from None
        return " ".join(text.split())

    def applies(self, context: dict[str, Any], fact_id: str) -> bool:
        """Evaluate ``when`` for a fact."""
        if self.condition is None:
            return True
        try:
            WATCHDOG.renders += 1
            WATCHDOG.inside = True
            try:
                return bool(self.condition(**context))
            finally:
                WATCHDOG.inside = False
        except RenderTimeout:
            raise TemplateError(_too_slow(self.id, "`when`", fact_id)) from None
        except EVALUATION_ERRORS as exc:
            raise TemplateError(
                f"template {self.id!r} `when` failed for fact {fact_id!r}: {_reason(exc)}"
            ) from None


def _too_slow(template_id: str, part: str, fact_id: str) -> str:
    return (f"template {template_id!r} {part} took longer than {RENDER_SECONDS:g} s for fact "
            f"{fact_id!r} and was stopped; a template should render at once (look for loops)")


def _reason(exc: BaseException) -> str:
    """Jinja2's own message, or the Python error a template expression raised."""
    import jinja2

    if isinstance(exc, jinja2.TemplateError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


# What `reads_only` accepts: output, constants, attribute reads and filters that are pure
# functions of their input. Any tag, call, test or other filter makes it answer False.
_PLAIN_NODES = frozenset({"Template", "Output", "TemplateData", "Const", "Name", "Getattr", "Filter"})
_PURE_FILTERS = frozenset({"capfirst", "lowerfirst", "date", "number", "upper", "lower", "title",
                           "capitalize", "trim"})


def reads_only(source: str, variable: str, attribute: str) -> bool:
    """True when the template ``source`` reads nothing from its context but ``variable.attribute``.

    Conservative: a template with tags, calls, tests or filters outside ``_PURE_FILTERS``
    is never said to, even when it would qualify.
    """
    from jinja2 import nodes

    tree = environment().parse(source)
    reads = {id(node.node) for node in tree.find_all(nodes.Getattr)
             if isinstance(node.node, nodes.Name) and node.node.name == variable
             and node.attr == attribute}
    for node in tree.find_all(nodes.Node):
        if type(node).__name__ not in _PLAIN_NODES:
            return False
        if isinstance(node, nodes.Name) and id(node) not in reads:
            return False
        if isinstance(node, nodes.Filter) and node.name not in _PURE_FILTERS:
            return False
    return bool(reads)


_T = TypeVar("_T")
_ENV: jinja2.sandbox.SandboxedEnvironment | None = None


def environment() -> jinja2.sandbox.SandboxedEnvironment:
    """The one sandboxed, strict Jinja2 environment templates run in."""
    global _ENV
    if _ENV is None:
        import jinja2

        from quizgen.bank.dates import PartialDate
        from quizgen.bank.facts import FactBase, Source
        from quizgen.making.sandbox import BoundedSandbox

        env = BoundedSandbox(undefined=jinja2.StrictUndefined, autoescape=False)
        models: list[type[BaseModel]] = [Source, *_subclasses(FactBase)]
        for model in models:
            env.allow_data(model, model.model_fields)
        env.allow_data(PartialDate, ("year", "month", "day", "precision", "first_day",
                                     "last_day"))
        env.filters["capfirst"] = lambda s: s[:1].upper() + s[1:]
        env.filters["lowerfirst"] = _lower_first
        env.filters["date"] = lambda d: d.readable()
        env.filters["number"] = _number
        _ENV = env
    return _ENV


def _subclasses(cls: type[_T]) -> list[type[_T]]:
    found: list[type[_T]] = []
    for direct in cls.__subclasses__():
        found += [direct, *_subclasses(direct)]
    return found


def _compile(source: str) -> jinja2.Template:
    from quizgen.making.cache import compiled_code

    env = environment()
    # What env.from_string(source) does, with the compiled code kept between runs.
    code = compiled_code(source, lambda: env.compile(source))
    template = env.template_class.from_code(env, code, env.make_globals(None), None)
    # Every render copies the template's globals; as a ChainMap over the environment's
    # globals that copy cost as much as the render itself, as a plain dict it is cheap.
    template.globals = dict(template.globals)
    return template


def _compile_expression(source: str) -> Any:
    """What env.compile_expression(source) does, with the compiled code kept between runs."""
    from types import CodeType

    from jinja2.environment import TemplateExpression

    from quizgen.store import kept

    env = environment()
    code = kept("expression", source, lambda: _expression_code(env, source),
                lambda value: isinstance(value, CodeType))
    template = env.template_class.from_code(env, code, env.make_globals(None), None)
    template.globals = dict(template.globals)  # see _compile
    return TemplateExpression(template, undefined_to_none=True)


def _expression_code(env: jinja2.Environment, source: str) -> CodeType:
    """Jinja2's code for an expression, raising its errors as compile_expression does."""
    from jinja2 import TemplateSyntaxError, nodes
    from jinja2.parser import Parser

    parser = Parser(env, source, state="variable")
    try:
        expr = parser.parse_expression()
        if not parser.stream.eos:
            raise TemplateSyntaxError("chunk after expression", parser.stream.current.lineno,
                                      None, None)
        expr.set_environment(env)
    except TemplateSyntaxError:
        env.handle_exception(source=source)
    body = [nodes.Assign(nodes.Name("result", "store"), expr, lineno=1)]
    code: CodeType = env.compile(nodes.Template(body, lineno=1))
    return code


def _lower_first(text: str) -> str:
    """Lower-case a sentence's first word only when it is a common word ('The')."""
    first, _, rest = text.partition(" ")
    return f"{first.lower()} {rest}" if first.lower() in _LOWER_FIRST else text


def _number(value: float) -> str:
    """``30000`` → ``30,000``; keeps decimals only when there are any."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def load_templates(directory: Path, *, kept: bool = False) -> list[QuestionTemplate]:
    """Read every ``*.yaml`` file in ``directory``: each a list of templates (``kept``: each
    validated through the cache, quizgen.bank.validated)."""
    from quizgen.bank.validated import validate_kept

    validate = functools.partial(validate_kept, QuestionTemplate) if kept else (
        QuestionTemplate.model_validate)
    if not directory.is_dir():
        raise BankError([f"{directory}: question templates folder not found"],
                        summary="Cannot read the templates")
    templates: list[QuestionTemplate] = []
    problems: list[str] = []
    seen: dict[str, Path] = {}
    for path in sorted(directory.glob("*.yaml")):
        text = read_text(path, "template file")
        data = parse_yaml(text, path)
        if controls := control_problems(data, text, path):
            problems.extend(controls)
            continue
        if not isinstance(data, list):
            problems.append(f"{path}:1: expected a list of templates")
            continue
        for i, item in enumerate(data):
            try:
                template = validate(item)
            except ValidationError as exc:
                problems.extend(
                    f"{path}:{line_of(text, [i, *err['loc']]) or 1}: "
                    f"[{i}].{'.'.join(map(str, err['loc']))}: {validation_message(err)}"
                    for err in exc.errors()
                )
                continue
            if template.id in seen:
                problems.append(f"{path}:{line_of(text, [i, 'id']) or 1}: duplicate template id "
                                f"{template.id!r} (also in {seen[template.id]})")
            seen[template.id] = path
            templates.append(template)
    if problems:
        raise BankError(problems, summary="Invalid question templates")
    with WATCHDOG.watching():
        for template in templates:
            _compile_now(template)
    return templates


def _compile_now(template: QuestionTemplate) -> None:
    """Compile a template's fields, to report errors before any fact is rendered.

    Jinja2 computes constant expressions while compiling, so compiling is bounded in
    time like a render.
    """
    import jinja2

    try:
        WATCHDOG.renders += 1
        WATCHDOG.inside = True
        try:
            template.compiled  # noqa: B018
            template.condition  # noqa: B018
        finally:
            WATCHDOG.inside = False
    except RenderTimeout:
        raise TemplateError(f"template {template.id!r} took longer than {RENDER_SECONDS:g} s "
                            "to compile and was stopped") from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"template {template.id!r}, line {exc.lineno}: {exc.message}") from None
    except jinja2.TemplateError as exc:
        raise TemplateError(f"template {template.id!r} cannot be compiled: {exc}") from None
    except (RecursionError, SyntaxError, MemoryError) as exc:
        raise TemplateError(f"template {template.id!r} cannot be compiled: it is too deeply "
                            f"nested or too large ({type(exc).__name__})") from None
