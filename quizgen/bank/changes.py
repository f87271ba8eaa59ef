"""When a bank's files last changed: the commit that last touched them, else their mtimes."""

from __future__ import annotations

import subprocess
from pathlib import Path


def last_change(path: Path) -> int:
    """When ``path`` (a file, or a folder's files) last changed, in Unix seconds."""
    path = Path(path)
    if path.is_dir():
        files = [p for p in path.iterdir() if p.is_file() and not p.name.startswith(".")]
    else:
        files = [path] if path.is_file() else []
    newest = max((int(f.stat().st_mtime) for f in files), default=0)
    committed, clean = git_commit_time(path)
    if committed is not None and clean:
        return committed
    return max(newest, committed or 0)


def git_commit_time(path: Path) -> tuple[int | None, bool]:
    """The time of the last commit that touched ``path``, and whether it is unmodified.

    ``(None, False)`` outside git, when git is missing, when ``path`` is not committed,
    or when a shallow clone cuts the history off before that commit (its date would
    then be wrong).
    """
    folder, name = (path, ".") if path.is_dir() else (path.parent, path.name)

    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True,
                                  text=True, timeout=30, check=False)
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout if done.returncode == 0 else None

    log = git("log", "-1", "--format=%H %ct", "--", name)
    if not log or not log.strip():
        return None, False
    commit, seconds = log.split()
    shallow = git("rev-parse", "--is-shallow-repository", "--git-path", "shallow")
    if shallow and shallow.startswith("true"):
        boundary = Path(folder, shallow.split("\n")[1].strip())
        if boundary.is_file() and commit in boundary.read_text().split():
            return None, False
    status = git("status", "--porcelain", "--", name)
    return int(seconds), status is not None and not status.strip()
