"""Packaging: the wheel carries the default bank from the top-level corpus/ and questions/.

They stay the one source; this build step copies them into ``quizgen/builtin/`` of the
built package (never into the source tree). An editable install reads them in place.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
BANK = {"corpus": ("*.md", "facts.yaml"), "questions": ("*.yaml",)}


class BuildWithBank(build_py):
    """``build_py`` that also copies the default bank into the package as ``builtin/``."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        for folder, patterns in BANK.items():
            target = Path(self.build_lib, "quizgen", "builtin", folder)
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir(parents=True)
            for pattern in patterns:
                for source in sorted((HERE / folder).glob(pattern)):
                    shutil.copy2(source, target / source.name)


setup(cmdclass={"build_py": BuildWithBank})
