"""Benchmark quizgen against the libraries it stands on, side by side in one run.

Usage: ``python bench/run.py [--work DIR] [--repeat N] [--only a,b,c,d]`` from the
repository root, with quizgen installed in the running Python's environment.

Each row runs quizgen and a bare script doing the same job with the library
underneath, in fresh processes on the same machine, and prints the ratio; targets are
ratios because absolute times differ between machines:

  (a) ``quizgen --help``            vs ``python -c "import click"``       target ≤ 1.5×
  (b) ``quizgen anki``, 20,000 facts vs genanki writing the same notes    ≤ 1.5× time, ≤ 2× memory
  (c) ``quizgen check``, 100,000 facts vs ``yaml.load`` (C loader) of the facts file  ≤ 2×
  (d) ``quizgen sheet``, 100 questions to PDF vs WeasyPrint on a plain list of them
      (the same questions, answers and sources, unstyled)             ≤ 1.3×
  (e) ``quizgen check``, 1,000 facts with ``sources:`` misspelt (2,000 errors) vs
      ``yaml.load`` of that file: finding the errors' lines stays linear  ≤ 10×
  (f) ``quizgen check``, the default bank with one disputed fact cited by 8,001 sources
      vs ``quizgen check`` of the default bank: a dispute's cost stays linear  ≤ 3×

Times are medians of ``--repeat`` runs (wall clock); memory is the peak resident set
of the process. Synthetic banks come from ``bench/synth.py`` and are kept in
``--work`` between runs.
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
from collections.abc import Sequence
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


@dataclass(frozen=True)
class Row:
    label: str
    ours: Run
    floor: Run
    time_target: float
    memory_target: float | None = None

    @property
    def time_ratio(self) -> float:
        return self.ours.seconds / self.floor.seconds

    @property
    def memory_ratio(self) -> float:
        return self.ours.peak_mb / self.floor.peak_mb

    @property
    def met(self) -> bool:
        return self.time_ratio <= self.time_target and (
            self.memory_target is None or self.memory_ratio <= self.memory_target)


def run_once(cmd: Sequence[str], expect: int = 0) -> Run:
    """Run ``cmd`` to the end; its wall time and peak resident memory. Fails loudly
    unless it exits with ``expect``."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != expect:
        sys.exit(f"benchmark command failed ({proc.returncode}): {' '.join(cmd)}\n"
                 f"{err.decode(errors='replace')}")
    return Run(seconds, usage.ru_maxrss / 1024)  # ru_maxrss is in KiB on Linux


def measure(ours: Sequence[str], floor: Sequence[str], repeat: int,
            ours_fails: bool = False) -> tuple[Run, Run]:
    """Median time and peak memory of each command, runs interleaved so drift hits both.

    ``ours_fails``: our command is expected to exit 1 (a bank with errors).
    """
    runs: tuple[list[Run], list[Run]] = ([], [])
    for _ in range(repeat):
        runs[0].append(run_once(ours, expect=1 if ours_fails else 0))
        runs[1].append(run_once(floor))
    return tuple(  # type: ignore[return-value]
        Run(statistics.median(r.seconds for r in rs), max(r.peak_mb for r in rs))
        for rs in runs)


def quizgen(*args: str) -> list[str]:
    """The installed ``quizgen`` console script, as a user runs it."""
    script = Path(PY).with_name("quizgen")
    return [str(script), *args] if script.exists() else [PY, "-m", "quizgen", *args]


def synth(facts: int, work: Path) -> Path:
    """A synthetic bank of ``facts`` facts in ``work`` (made once, then reused)."""
    out = work / f"bank-{facts}"
    if not (out / "facts.yaml").exists():
        subprocess.run([PY, str(HERE / "synth.py"), "--facts", str(facts), "--out", str(out)],
                       check=True, stdout=subprocess.DEVNULL)
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
        Path(out).write_text(plain_list(int(source)), encoding="utf-8")


def bench_help(work: Path, repeat: int) -> Row:
    ours, floor = measure(quizgen("--help"), [PY, "-c", "import click"], max(repeat, 9))
    return Row("(a) quizgen --help  vs  import click", ours, floor, 1.5)


def bench_anki(work: Path, repeat: int, facts: int = 20_000) -> Row:
    bank = synth(facts, work)
    deck = work / "ours.apkg"
    run_once(quizgen("anki", *bank_args(bank), "-o", str(deck)))  # warm the page cache
    notes = work / "notes.json"
    count = int(prepare("notes", str(deck), str(notes)))
    ours, floor = measure(quizgen("anki", *bank_args(bank), "-o", str(deck)),
                          [PY, str(HERE / "genanki_floor.py"), str(notes),
                           str(work / "floor.apkg")], repeat)
    return Row(f"(b) anki, {facts:,} facts ({count:,} notes)  vs  genanki", ours, floor, 1.5, 2.0)


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
    ours, floor = measure(quizgen("check", *bank_args(bank)),
                          [PY, "-c", load, str(bank / "facts.yaml")], repeat)
    return Row(f"(c) check, {facts:,} facts  vs  yaml.load (C loader)", ours, floor, 2.0)


def bench_sheet(work: Path, repeat: int, n: int = 100) -> Row:
    plain = work / "plain.html"
    prepare("plain", str(n), str(plain))
    render = ("import sys, weasyprint\n"
              "weasyprint.HTML(filename=sys.argv[1]).write_pdf(sys.argv[2])")
    ours, floor = measure(
        quizgen("sheet", *default_bank_args(), "--n", str(n), "-o", str(work / "ours.pdf")),
        [PY, "-c", render, str(plain), str(work / "plain.pdf")], repeat)
    return Row(f"(d) sheet, {n} questions to PDF  vs  WeasyPrint", ours, floor, 1.3)


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
    return Row(f"(e) check, {facts:,} facts, {count:,} errors  vs  yaml.load (C loader)",
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


def plain_list(n: int) -> str:
    """The words of ``quizgen sheet --n n`` as bare HTML lists, without its styling.

    The same questions with their options, then the answers with explanations, then
    each question's sources (outlet, date, title, quote): what the sheet typesets.
    """
    from quizgen.making.selection import load_and_generate
    from quizgen.render.sheet import choose_questions

    args = default_bank_args()
    _, generation = load_and_generate(Path(args[1]), Path(args[3]), Path(args[5]), seed=0)
    chosen = choose_questions(generation.questions, n, seed=0)

    def items(texts: Sequence[str]) -> str:
        return "".join(f"<li>{html.escape(t)}</li>" for t in texts)

    questions = "".join(f"<li><p>{html.escape(q.prompt)}</p>"
                        f"<ol>{items([*q.options, *q.items, *q.left, *q.right])}</ol></li>"
                        for q in chosen)
    answers = items([f"{q.answer}. {q.explanation}" for q in chosen])
    sources = "".join(
        f"<li><ul>{items([f'{s.outlet}, {s.published}, {s.title}: {s.quote}' for s in q.sources])}"
        "</ul></li>" for q in chosen)
    return (f"<!doctype html><meta charset='utf-8'><ol>{questions}</ol>"
            f"<h2>Answers</h2><ol>{answers}</ol><h2>Sources</h2><ol>{sources}</ol>")


BENCHES = {"a": bench_help, "b": bench_anki, "c": bench_check, "d": bench_sheet,
           "e": bench_check_errors, "f": bench_check_dispute}


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
    lines = ["| benchmark | quizgen | floor | time ratio (target) | peak memory quizgen / floor "
             "| memory ratio (target) | met |",
             "|---|---:|---:|---:|---:|---:|:-:|"]
    for r in rows:
        memory_target = f" (≤ {r.memory_target}×)" if r.memory_target else ""
        lines.append(
            f"| {r.label} | {r.ours.seconds:.3f} s | {r.floor.seconds:.3f} s "
            f"| {r.time_ratio:.2f}× (≤ {r.time_target}×) "
            f"| {r.ours.peak_mb:.0f} MB / {r.floor.peak_mb:.0f} MB "
            f"| {r.memory_ratio:.2f}×{memory_target} | {'yes' if r.met else 'no'} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "quizgen-bench",
                        help="where synthetic banks and outputs go (kept between runs)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per command (median)")
    parser.add_argument("--only", default="a,b,c,d,e,f", help="which rows, e.g. a,d")
    parser.add_argument("--prepare", nargs=3, help=argparse.SUPPRESS)  # see prepare()
    args = parser.parse_args()
    if args.prepare:
        _prepare(*args.prepare)
        return
    args.work.mkdir(parents=True, exist_ok=True)
    rows = []
    for key in args.only.split(","):
        print(f"running {key} …", file=sys.stderr, flush=True)
        rows.append(BENCHES[key.strip()](args.work, args.repeat))
    print(f"Machine: {machine()}\n")
    print(table(rows))


if __name__ == "__main__":
    main()
