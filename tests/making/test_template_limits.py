"""Untrusted templates: a runaway or oversized template is stopped with a clear error.

Each hostile template goes in a temporary questions folder and is run against the
default bank through the CLI; the error must name the template, the field and the fact,
exit 1, and come within seconds (the sandbox stops a render after RENDER_SECONDS).
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import FrameType

import jinja2
import pytest
from click.testing import Result

from quizgen.bank.loader import load_bank
from quizgen.making import sandbox
from quizgen.making.generate import generate_questions
from quizgen.making.templates import environment, load_templates
from tests.conftest import CORPUS, FACTS, ROOT

FIRST_FIGURE = "collective-forces-strength"  # the first figure fact of the default bank


def questions_folder(tmp_path: Path, prompt: str, when: str | None = None) -> Path:
    """A questions folder holding one short-answer template about figures."""
    folder = tmp_path / "questions"
    folder.mkdir()
    lines = ["- id: hostile", "  fact: figure", "  question: short_answer",
             f"  prompt: {json.dumps(prompt)}", '  answer: "{{ fact.value }}"']
    if when is not None:
        lines.append(f"  when: {json.dumps(when)}")
    (folder / "hostile.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def check(run: Callable[..., Result], folder: Path) -> Result:
    return run("check", "--facts", str(FACTS), "--corpus", str(CORPUS), "--questions", str(folder))


NESTED_LOOPS = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"

RUNAWAY = [
    ("nested loops", NESTED_LOOPS, None, "field 'prompt'"),
    ("endless text in `when`", "Q?", "lipsum(10 ** 6) != ''", "`when`"),
    ("lorem ipsum without end", "{{ lipsum(10 ** 6) }}", None, "field 'prompt'"),
]


@pytest.mark.parametrize(("prompt", "when", "part"), [r[1:] for r in RUNAWAY],
                         ids=[r[0] for r in RUNAWAY])
def test_runaway_template_is_stopped_naming_template_and_fact(
        run: Callable[..., Result], tmp_path: Path, prompt: str, when: str | None,
        part: str) -> None:
    result = check(run, questions_folder(tmp_path, prompt, when))
    assert result.exit_code == 1
    assert (f"template 'hostile' {part} took longer than {sandbox.RENDER_SECONDS:g} s "
            f"for fact '{FIRST_FIGURE}' and was stopped") in result.output
    assert "Traceback" not in result.output


OVERSIZED = [
    ("huge power", "{{ 9 ** 999999999 }}", "9 ** 999999999 is too large a number to compute"),
    ("huge power of a fact field", "{{ (fact.number|int) ** 999999999 }}",
     "30000 ** 999999999 is too large a number to compute"),
    ("string repeated", "{{ 'x' * 10 ** 10 }}",
     "repeating 1 items 10000000000 times makes more than 1,000,000"),
    ("centre filter", "{{ 'a'|center(3000000000) }}",
     "`center` of 3,000,000,000 is larger than the limit of 1,000,000"),
    ("centre method", "{{ 'a'.center(3000000000) }}",
     "`center` of 3,000,000,000 is larger than the limit of 1,000,000"),
    ("percent width", "{{ '%3000000000d' % 1 }}",
     "a format width in '%3000000000d' is larger than 1,000,000"),
    ("format width", "{{ '{:>3000000000}'.format(1) }}",
     "a format width in '{:>3000000000}' is larger than 1,000,000"),
    ("width from arguments", "{{ '%*d' % (3000000000, 1) }}",
     "`format width` of 3,000,000,000 is larger than the limit of 1,000,000"),
    ("range beyond the sandbox", "{{ range(10 ** 9)|list|length }}", "Range too big"),
    ("division by zero", "{{ fact.number / 0 }}", "ZeroDivisionError: division by zero"),
    ("endless macro", "{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", "RecursionError"),
    # One C call that would build gigabytes (issue 17, item 16): refused before it runs.
    ("replace method", "{{ ('x' * 999999).replace('x', 'y' * 999) }}",
     "`replace` would be longer than the limit of 1,000,000 characters"),
    ("replace filter", "{{ ('x' * 999999)|replace('x', 'y' * 999) }}",
     "`replace` would be longer than the limit of 1,000,000 characters"),
    ("join method", "{{ ('y' * 999).join('x' * 999999) }}",
     "`join` would be longer than the limit of 1,000,000 characters"),
    ("join filter", "{{ ('x' * 999999)|join('y' * 999) }}",
     "`join` would be longer than the limit of 1,000,000 characters"),
    ("translate", "{{ ('x' * 999999).translate({120: 'y' * 999}) }}",
     "`translate` would be longer than the limit of 1,000,000 characters"),
    ("a format field repeated", "{{ ('{0}' * 300000).format('x' * 999999) }}",
     "the formatted text would be longer than the limit of 1,000,000 characters"),
    ("a list holding one text a million times, printed", "{{ ['x' * 999999] * 999999 }}",
     "the value printed would be longer than the limit of 1,000,000 characters"),
    ("that list joined", "{{ (['x' * 999999] * 999999)|join }}",
     "the value given to `join` would be longer than the limit of 1,000,000 characters"),
    ("concatenated", "{% set s = 'x' * 999999 %}{{ s ~ s }}",
     "the text would be longer than the limit of 1,000,000 characters"),
    ("indented by a long text", "{{ ('a\\n' * 400000)|indent('x' * 999) }}",
     "`indent` would be longer than the limit of 1,000,000 characters"),
    ("a filter growing its input", "{{ ('%' * 999999)|urlencode|urlencode }}",
     "the result of `urlencode` would be longer than the limit of 1,000,000 characters"),
]


@pytest.mark.parametrize(("prompt", "message"), [o[1:] for o in OVERSIZED],
                         ids=[o[0] for o in OVERSIZED])
def test_oversized_or_failing_expression_is_refused(run: Callable[..., Result], tmp_path: Path,
                                                    prompt: str, message: str) -> None:
    result = check(run, questions_folder(tmp_path, prompt))
    assert result.exit_code == 1
    assert f"template 'hostile' field 'prompt' failed for fact '{FIRST_FIGURE}'" in result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_constant_too_large_to_fold_is_not_computed_while_compiling(
        run: Callable[..., Result], tmp_path: Path) -> None:
    # Jinja2 folds constant expressions at compile time; an intercepted `**` is not folded,
    # so the refusal comes at render time, naming the fact.
    result = check(run, questions_folder(tmp_path, "{{ 10 ** 10000000 }}"))
    assert result.exit_code == 1
    assert "10 ** 10000000 is too large a number to compute" in result.output


def test_template_nested_too_deeply_to_compile(run: Callable[..., Result], tmp_path: Path) -> None:
    result = check(run, questions_folder(tmp_path, "{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}"))
    assert result.exit_code == 1
    assert "template 'hostile' cannot be compiled: it is too deeply nested" in result.output
    assert "Traceback" not in result.output


def test_runaway_template_stops_a_real_process(tmp_path: Path) -> None:
    folder = questions_folder(tmp_path, NESTED_LOOPS)
    proc = subprocess.run(
        [sys.executable, "-m", "quizgen", "check", "--facts", str(FACTS), "--corpus", str(CORPUS),
         "--questions", str(folder)],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )
    assert proc.returncode == 1
    assert "template 'hostile' field 'prompt' took longer than" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_ordinary_arithmetic_and_formatting_still_work() -> None:
    env = environment()
    text = env.from_string("{{ 2 ** 10 }} {{ 'ab' * 3 }} {{ '%05.1f' % 2.5 }} "
                           "{{ '{:,}'.format(30000) }} {{ 'x'|center(5) }}|{{ 3 * 4 }}").render()
    assert text == "1024 ababab 002.5 30,000   x  |12"
    text = env.from_string("{{ ['a', 'b']|join(', ') }} {{ 'abc'.replace('b', 'x') }} "
                           "{{ 'a' ~ 1 }} {{ [1, 2] + [3] }} {{ {'k': 1} }} {{ 'a\nb'|indent('> ') }}"
                           "{% set x %}block{% endset %} {{ x }}").render()
    assert text == "a, b axc a1 [1, 2, 3] {'k': 1} a\n> b block"


def test_refused_operations_raise_security_errors() -> None:
    env = environment()
    for source in ("{{ 7 ** 1000000 }}", "{{ [0] * 2000000 }}", "{{ '%*s' % (10 ** 7, 'x') }}"):
        with pytest.raises(jinja2.exceptions.SecurityError):
            env.from_string(source).render()


def test_generation_restores_the_previous_alarm_handler() -> None:
    def mine(signum: int, frame: FrameType | None) -> None:
        raise AssertionError("the watchdog's timer should have been stopped")

    previous = signal.signal(signal.SIGALRM, mine)
    try:
        bank = load_bank(FACTS, CORPUS)
        generate_questions(bank, load_templates(ROOT / "questions"))
        assert signal.getsignal(signal.SIGALRM) is mine
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    finally:
        signal.signal(signal.SIGALRM, previous)


def test_generation_outside_the_main_thread_works_without_the_timer() -> None:
    bank = load_bank(FACTS, CORPUS)
    templates = load_templates(ROOT / "questions")
    counts: list[int] = []
    thread = threading.Thread(
        target=lambda: counts.append(len(generate_questions(bank, templates).questions)))
    thread.start()
    thread.join()
    assert counts == [len(generate_questions(bank, templates).questions)]
