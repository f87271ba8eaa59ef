"""Benchmark quizgen against the libraries it stands on, side by side in one run.

Usage: ``python bench/run.py [--work DIR] [--repeat N] [--only a,b,c,d,e,s]`` from the
repository root, with quizgen installed in the running Python's environment (and
matplotlib, ``pip install -e '.[bench]'``, for the scaling curve).

Each row runs quizgen and a bare script doing the same job with the library
underneath, in fresh processes on the same machine, and prints the ratio; targets are
ratios because absolute times differ between machines:

  (a) ``quizgen --help``            vs ``python -c "import click"``       target ≤ 1.5×
  (b) ``quizgen anki``, 20,000 facts vs genanki writing the same notes: once the bank
      has been seen (warm) ≤ 1.5×, right after it changed (cold) ≤ 2.5×; memory ≤ 1.5×
  (c) ``quizgen check``, 100,000 facts vs ``yaml.load`` (C loader) of the facts file
      ≤ 1.5× time and memory (check never uses the cache)
  (d) ``quizgen sheet``, 100 questions to PDF (the sheet and its key) vs WeasyPrint on
      plain lists of them (the same questions, answers and sources in the same two
      documents, unstyled, with the same bundled fonts embedded whole: bench/
      weasyprint_floor.py), warm and cold  ≤ 1.3×
  (e) the first question, ``printf '\n' | quizgen quiz --n 1`` vs ``quizgen --help``:
      warm ≤ 2.5×; cold (facts.yaml edited since the last run) ≤ 6×; and, for
      information, with the cache emptied
  (s) the scaling table: each step of ``quizgen anki`` on 1k, 5k, 20k and 100k facts
      (bench/scaling.py), and its curve as a PNG
  (g) ``quizgen check``, 1,000 facts with ``sources:`` misspelt (2,000 errors) vs
      ``yaml.load`` of that file: finding the errors' lines stays linear  ≤ 10×
  (f) ``quizgen check``, the default bank with one disputed fact cited by 8,001 sources
      vs ``quizgen check`` of the default bank: a dispute's cost stays linear  ≤ 3×

Times are medians of ``--repeat`` runs (wall clock); memory is the peak resident set
of the process. Synthetic banks come from ``bench/synth.py`` and are kept in
``--work`` between runs. quizgen's cache lives in ``--work``/cache (never the user's):
a cold run of (b) and (d) starts with it empty, a warm run after one run has filled it;
see (e) for its cold run.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import platform
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PY = sys.executable


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float
    each: tuple[float, ...] = ()  # the seconds of every run, in order


@dataclass(frozen=True)
class Row:
    label: str
    ours: Run
    floor: Run
    time_target: float | None  # None: a row for information, with no target
    memory_target: float | None = None

    @property
    def time_ratio(self) -> float:
        return self.ours.seconds / self.floor.seconds

    @property
    def ratio_range(self) -> tuple[float, float]:
        """The lowest and highest time ratio of the runs, paired as they were interleaved."""
        pairs = [a / b for a, b in zip(self.ours.each, self.floor.each, strict=True)] or [
            self.time_ratio]
        return min(pairs), max(pairs)

    @property
    def memory_ratio(self) -> float:
        return self.ours.peak_mb / self.floor.peak_mb

    @property
    def met(self) -> bool | None:
        if self.time_target is None:
            return None
        return self.time_ratio <= self.time_target and (
            self.memory_target is None or self.memory_ratio <= self.memory_target)


def run_once(cmd: Sequence[str], stdin: bytes = b"", expect: int = 0) -> Run:
    """Run ``cmd`` to the end; its wall time and peak resident memory. Fails loudly
    unless it exits with ``expect``."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    assert proc.stdin is not None and proc.stderr is not None
    proc.stdin.write(stdin)
    proc.stdin.close()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != expect:
        sys.exit(f"benchmark command failed ({proc.returncode}): {' '.join(cmd)}\n"
                 f"{err.decode(errors='replace')}")
    return Run(seconds, usage.ru_maxrss / 1024)  # ru_maxrss is in KiB on Linux


def measure(ours: Sequence[str], floor: Sequence[str], repeat: int, *, stdin: bytes = b"",
            before: Callable[[], None] = lambda: None, ours_fails: bool = False) -> tuple[Run, Run]:
    """Median time and peak memory of each command, runs interleaved so drift hits both.

    ``before`` runs ahead of each of quizgen's runs (to empty the cache for a cold run);
    ``ours_fails``: our command is expected to exit 1 (a bank with errors).
    """
    runs: tuple[list[Run], list[Run]] = ([], [])
    for _ in range(repeat):
        before()
        runs[0].append(run_once(ours, stdin, expect=1 if ours_fails else 0))
        runs[1].append(run_once(floor))
    return tuple(  # type: ignore[return-value]
        Run(statistics.median(r.seconds for r in rs), max(r.peak_mb for r in rs),
            tuple(r.seconds for r in rs))
        for rs in runs)


def cache_dir() -> Path:
    return Path(os.environ["QUIZGEN_CACHE_DIR"])


def empty_cache() -> None:
    """What a run right after the bank changed finds: no entry for it."""
    shutil.rmtree(cache_dir(), ignore_errors=True)


def quizgen(*args: str) -> list[str]:
    """The installed ``quizgen`` console script, as a user runs it."""
    script = Path(PY).with_name("quizgen")
    return [str(script), *args] if script.exists() else [PY, "-m", "quizgen", *args]


def synth(facts: int, work: Path) -> Path:
    """A synthetic bank of ``facts`` facts in ``work`` (made once, then reused)."""
    out = work / f"bank-{facts}"
    if not (out / "facts.yaml").exists():  # written aside, then renamed: a stopped run leaves
        partial = work / f".bank-{facts}.partial"  # no half-written bank to be reused
        shutil.rmtree(partial, ignore_errors=True)
        subprocess.run([PY, str(HERE / "synth.py"), "--facts", str(facts), "--out", str(partial)],
                       check=True, stdout=subprocess.DEVNULL)
        shutil.rmtree(out, ignore_errors=True)
        partial.rename(out)
    return out


def bank_args(bank: Path) -> list[str]:
    return ["--facts", str(bank / "facts.yaml"), "--corpus", str(bank)]


# -- the rows -------------------------------------------------------------


def prepare(what: str, *args: str) -> str:
    """Make a floor's input in a child process; what it prints.

    Linux counts a process's peak memory from its parent's size at the fork, so this
    process stays small: the notes of a 100,000-note deck are never loaded here.
    """
    return subprocess.run([PY, __file__, "--prepare", what, *args], check=True,
                          capture_output=True, text=True).stdout


def _prepare(what: str, source: str, out: str) -> None:
    if what == "notes":
        notes = deck_notes(Path(source))
        Path(out).write_text(json.dumps(notes), encoding="utf-8")
        print(len(notes))
    else:
        questions, key = plain_list(int(source))
        Path(out).write_text(questions, encoding="utf-8")
        Path(out).with_name(f"{Path(out).stem}-key.html").write_text(key, encoding="utf-8")


def bench_help(work: Path, repeat: int) -> Row:
    ours, floor = measure(quizgen("--help"), [PY, "-c", "import click"], max(repeat, 9))
    return Row("(a) quizgen --help  vs  import click", ours, floor, 1.5)


def bench_anki(work: Path, repeat: int, facts: int = 20_000) -> list[Row]:
    bank = synth(facts, work)
    deck = work / "ours.apkg"
    command = quizgen("anki", *bank_args(bank), "-o", str(deck))
    run_once(command)  # warm the page cache
    notes = work / "notes.json"
    count = int(prepare("notes", str(deck), str(notes)))
    floor_command = [PY, str(HERE / "genanki_floor.py"), str(notes), str(work / "floor.apkg")]
    label = f"(b) anki, {facts:,} facts ({count:,} notes)  vs  genanki"
    cold, floor = measure(command, floor_command, repeat, before=empty_cache)
    run_once(command)  # fills the cache
    warm, floor_again = measure(command, floor_command, repeat)
    return [Row(f"{label}, cold", cold, floor, 2.5, 1.5),
            Row(f"{label}, warm", warm, floor_again, 1.5, 1.5)]


def deck_notes(apkg: Path) -> list[dict[str, Any]]:
    """Every note of a deck: fields, tags, GUID, subdeck, and whether it is a cloze."""
    with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(apkg) as archive:
        db = Path(archive.extract("collection.anki2", tmp))
        conn = sqlite3.connect(db)
        try:
            decks = json.loads(conn.execute("select decks from col").fetchone()[0])
            models = json.loads(conn.execute("select models from col").fetchone()[0])
            rows = conn.execute("select n.guid, n.mid, n.tags, n.flds, c.did from notes n "
                                "join cards c on c.nid = n.id order by n.id").fetchall()
        finally:
            conn.close()
    return [{"guid": guid, "fields": flds.split("\x1f"), "tags": tags.split(),
             "deck": decks[str(did)]["name"], "cloze": models[str(mid)]["type"] == 1}
            for guid, mid, tags, flds, did in rows]


def bench_check(work: Path, repeat: int, facts: int = 100_000) -> Row:
    bank = synth(facts, work)
    load = ("import sys, yaml\n"
            "with open(sys.argv[1], encoding='utf-8') as f:\n"
            "    yaml.load(f, Loader=yaml.CSafeLoader)")
    # check reads no cached questions, but it reuses pieces keyed by their text (compiled
    # templates, sentence spans): emptied before each run, so none of them helps here.
    ours, floor = measure(quizgen("check", *bank_args(bank)),
                          [PY, "-c", load, str(bank / "facts.yaml")], repeat, before=empty_cache)
    return Row(f"(c) check, {facts:,} facts  vs  yaml.load (C loader)", ours, floor, 1.5, 1.5)


def bench_sheet(work: Path, repeat: int, n: int = 100) -> list[Row]:
    """``quizgen sheet -o ours.pdf`` writes two PDFs (the questions, and ``ours-key.pdf``
    with the answers and sources), with its bundled fonts embedded whole; the floor
    renders the same two documents' words unstyled with the same fonts, the same way."""
    plain = work / "plain.html"
    prepare("plain", str(n), str(plain))
    key = plain.with_name("plain-key.html")
    floor_command = [PY, str(HERE / "weasyprint_floor.py"), str(ROOT / "quizgen/assets/fonts"),
                     str(plain), str(work / "plain.pdf"), str(key), str(work / "plain-key.pdf")]
    command = quizgen("sheet", *default_bank_args(), "--n", str(n), "-o", str(work / "ours.pdf"))
    cold, floor = measure(command, floor_command, repeat, before=empty_cache)
    run_once(command)
    warm, floor_again = measure(command, floor_command, repeat)
    label = f"(d) sheet, {n} questions to PDF (and its key)  vs  WeasyPrint"
    return [Row(f"{label}, cold", cold, floor, 1.3), Row(f"{label}, warm", warm, floor_again, 1.3)]


def bench_first_question(work: Path, repeat: int) -> list[Row]:
    """Warm: the bank seen before. Cold, as the issue defines it: right after the bank
    changed, i.e. facts.yaml edited since the last run (a comment line that no run has
    seen, so the bank's entry misses; pieces keyed by unchanged text, the templates'
    compiled code and the articles' sentences, are still cached). An empty cache is
    shown too, for information."""
    bank = work / "bank-default"
    shutil.rmtree(bank, ignore_errors=True)
    shutil.copytree(ROOT / "corpus", bank / "corpus")
    shutil.copytree(ROOT / "questions", bank / "questions")
    facts = bank / "corpus" / "facts.yaml"
    original = facts.read_bytes()
    edits = iter(range(1, 1_000_000))

    def edit_facts() -> None:
        facts.write_bytes(original + f"# edited {next(edits)} ({time.time_ns()})\n".encode())

    def edit_and_empty() -> None:
        edit_facts()
        empty_cache()

    db = work / "history.sqlite3"
    command = quizgen("quiz", "--facts", str(facts), "--corpus", str(bank / "corpus"),
                      "--questions", str(bank / "questions"), "--n", "1", "--db", str(db))
    repeat = max(repeat, 5)
    run_once(command, b"\n")  # the bank has been seen once: its pieces are cached
    cold, floor = measure(command, quizgen("--help"), repeat, stdin=b"\n", before=edit_facts)
    empty, floor_empty = measure(command, quizgen("--help"), repeat, stdin=b"\n",
                                 before=edit_and_empty)
    run_once(command, b"\n")
    warm, floor_again = measure(command, quizgen("--help"), repeat, stdin=b"\n")
    label = "(e) first question: quiz --n 1  vs  quizgen --help"
    return [Row(f"{label}, cold (facts.yaml edited)", cold, floor, 6.0),
            Row(f"{label}, warm", warm, floor_again, 2.5),
            Row(f"{label}, empty cache (for information)", empty, floor_empty, None)]


def bench_check_errors(work: Path, repeat: int, facts: int = 1_000) -> Row:
    good = synth(facts, work)
    bad = work / f"bank-{facts}-misspelt"
    if not bad.exists():
        shutil.copytree(good, bad)
        text = (good / "facts.yaml").read_text(encoding="utf-8")
        (bad / "facts.yaml").write_text(text.replace("  sources:", "  sourcse:"), encoding="utf-8")
    errors = subprocess.run(quizgen("check", *bank_args(bad)), capture_output=True, text=True)
    assert errors.returncode == 1 and "sourcse" in errors.stderr, errors.stderr[-500:]
    load = ("import sys, yaml\n"
            "with open(sys.argv[1], encoding='utf-8') as f:\n"
            "    yaml.load(f, Loader=yaml.CSafeLoader)")
    ours, floor = measure(quizgen("check", *bank_args(bad)),
                          [PY, "-c", load, str(bad / "facts.yaml")], repeat, ours_fails=True)
    more = re.search(r"and (\d+) more", errors.stderr)
    count = errors.stderr.count("\n  /") + (int(more.group(1)) if more else 0)
    return Row(f"(g) check, {facts:,} facts, {count:,} errors  vs  yaml.load (C loader)",
               ours, floor, 10.0)


def disputed_bank(work: Path, sources: int) -> Path:
    """The default bank with its first disputed fact's sources repeated to ``sources``."""
    out = work / f"bank-disputed-{sources}"
    facts = out / "corpus" / "facts.yaml"
    if not facts.exists():
        shutil.copytree(ROOT / "corpus", out / "corpus")
        text = facts.read_text(encoding="utf-8")
        begin = text.index("    sources:\n", text.index("    disputed: ")) + len("    sources:\n")
        end = text.index("\n\n", begin) + 1
        block = text[begin:end]
        facts.write_text(text[:begin] + block * (sources // block.count("- doc:")) + text[end:],
                         encoding="utf-8")
    return out


def bench_check_dispute(work: Path, repeat: int, sources: int = 8_001) -> Row:
    bank = disputed_bank(work, sources)
    args = ["--facts", str(bank / "corpus" / "facts.yaml"), "--corpus", str(bank / "corpus"),
            "--questions", str(ROOT / "questions")]
    ours, floor = measure(quizgen("check", *args), quizgen("check", *default_bank_args()), repeat)
    return Row(f"(f) check, a dispute cited {sources:,} times  vs  check of the default bank",
               ours, floor, 3.0)


def default_bank_args() -> list[str]:
    return ["--facts", str(ROOT / "corpus" / "facts.yaml"), "--corpus", str(ROOT / "corpus"),
            "--questions", str(ROOT / "questions")]


def plain_list(n: int) -> tuple[str, str]:
    """The words of ``quizgen sheet --n n`` as bare HTML lists, without its styling.

    Two documents, as the sheet writes them: the questions with their options; then the
    answers with explanations and each question's sources (outlet, date, title, quote).
    """
    from quizgen.making.selection import load_and_generate
    from quizgen.render.sheet import choose_questions

    args = default_bank_args()
    _, generation = load_and_generate(Path(args[1]), Path(args[3]), Path(args[5]), seed=0)
    chosen = choose_questions(generation.questions, n, seed=0)

    def items(texts: Sequence[str]) -> str:
        return "".join(f"<li>{html.escape(t)}</li>" for t in texts)

    head = "<!doctype html><meta charset='utf-8'>"
    questions = "".join(f"<li><p>{html.escape(q.prompt)}</p>"
                        f"<ol>{items([*q.options, *q.items, *q.left, *q.right])}</ol></li>"
                        for q in chosen)
    answers = items([f"{q.answer}. {q.explanation}" for q in chosen])
    sources = "".join(
        f"<li><ul>{items([f'{s.outlet}, {s.published}, {s.title}: {s.quote}' for s in q.sources])}"
        "</ul></li>" for q in chosen)
    return (f"{head}<ol>{questions}</ol>",
            f"{head}<h2>Answers</h2><ol>{answers}</ol><h2>Sources</h2><ol>{sources}</ol>")


def bench_help_rows(work: Path, repeat: int) -> list[Row]:
    return [bench_help(work, repeat)]


def bench_check_errors_rows(work: Path, repeat: int) -> list[Row]:
    return [bench_check_errors(work, repeat)]


def bench_check_dispute_rows(work: Path, repeat: int) -> list[Row]:
    return [bench_check_dispute(work, repeat)]


def bench_check_rows(work: Path, repeat: int) -> list[Row]:
    return [bench_check(work, repeat)]


BENCHES: dict[str, Callable[[Path, int], list[Row]]] = {
    "a": bench_help_rows, "b": bench_anki, "c": bench_check_rows, "d": bench_sheet,
    "e": bench_first_question, "f": bench_check_dispute_rows, "g": bench_check_errors_rows}
SCALING_SIZES = (1_000, 5_000, 20_000, 100_000)


def bench_scaling(work: Path) -> str:
    """Each step of ``quizgen anki`` by bank size (a fresh process per size), and the curve."""
    from scaling import STEPS, plot

    table = {}
    for n in SCALING_SIZES:
        print(f"  scaling: {n:,} facts …", file=sys.stderr, flush=True)
        done = subprocess.run([PY, str(HERE / "scaling.py"), str(synth(n, work)),
                               str(work / f"scaling-{n}.apkg")], check=True, capture_output=True,
                              text=True, cwd=ROOT)
        table[n] = json.loads(done.stdout)
    picture = work / "scaling.png"
    plot(table, picture)
    lines = ["| facts | questions | " + " | ".join(STEPS) + " | peak memory |",
             "|---:|---:|" + "---:|" * (len(STEPS) + 1)]
    for n, steps in table.items():
        lines.append(f"| {n:,} | {int(steps['questions']['count']):,} | "
                     + " | ".join(f"{steps[s]['seconds']:.2f} s" for s in STEPS)
                     + f" | {steps['write']['peak_mb']:.0f} MB |")
    return "\n".join(lines) + f"\n\nCurve: {picture}"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{cpu}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}")


def table(rows: Sequence[Row]) -> str:
    lines = ["| benchmark | quizgen | floor | time ratio (target) | range over runs "
             "| peak memory quizgen / floor | memory ratio (target) | met |",
             "|---|---:|---:|---:|---:|---:|---:|:-:|"]
    for r in rows:
        memory_target = f" (≤ {r.memory_target}×)" if r.memory_target else ""
        time_target = f" (≤ {r.time_target}×)" if r.time_target else ""
        met = "–" if r.met is None else "yes" if r.met else "no"
        lines.append(
            f"| {r.label} | {r.ours.seconds:.3f} s | {r.floor.seconds:.3f} s "
            f"| {r.time_ratio:.2f}×{time_target} "
            f"| {r.ratio_range[0]:.2f}–{r.ratio_range[1]:.2f}× "
            f"| {r.ours.peak_mb:.0f} MB / {r.floor.peak_mb:.0f} MB "
            f"| {r.memory_ratio:.2f}×{memory_target} | {met} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "quizgen-bench",
                        help="where synthetic banks and outputs go (kept between runs)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per command (median)")
    parser.add_argument("--only", default="a,b,c,d,e,f,g,s", help="which rows, e.g. a,d (s: scaling)")
    parser.add_argument("--prepare", nargs=3, help=argparse.SUPPRESS)  # see prepare()
    args = parser.parse_args()
    if args.prepare:
        _prepare(*args.prepare)
        return
    args.work.mkdir(parents=True, exist_ok=True)
    os.environ["QUIZGEN_CACHE_DIR"] = str(args.work / "cache")  # never the user's cache
    os.environ.pop("QUIZGEN_NO_CACHE", None)
    # An installed package runs from bytecode compiled once (pip compiles it); without it
    # every run would measure compiling quizgen's own modules again.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    rows: list[Row] = []
    keys = [key.strip() for key in args.only.split(",")]
    for key in keys:
        if key in BENCHES:
            print(f"running {key} …", file=sys.stderr, flush=True)
            rows.extend(BENCHES[key](args.work, args.repeat))
    print(f"Machine: {machine()}\n")
    print(table(rows))
    if "s" in keys:
        print("\n" + bench_scaling(args.work))


if __name__ == "__main__":
    main()
