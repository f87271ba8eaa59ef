"""Writing an .apkg byte for byte the same: fixed zip dates, no compression, a fixed SQLite header."""

from __future__ import annotations

import itertools
import shutil
import sqlite3
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any


def write_package(decks: list[Any], timestamp: float, path: Path) -> None:
    """Write the .apkg: genanki fills the collection; the zip is written here.

    genanki's own ``write_to_file`` stamps the zip entries with the current time, so
    we write the zip with fixed entry dates, attributes and no compression (deflate
    output may differ between zlib builds, and the decks are committed to git). The
    collection is streamed into the zip from disk, never held in memory whole.
    """
    import genanki

    stamp = int(timestamp)
    when = time.gmtime(max(stamp, 315_532_800))[:6]  # zip dates start in 1980
    with tempfile.TemporaryDirectory(prefix="quizgen-apkg-") as tmp:
        db_path = Path(tmp) / "collection.anki2"
        conn = sqlite3.connect(db_path)
        try:
            genanki.Package(decks).write_to_db(conn.cursor(), stamp, itertools.count(stamp * 1000))
            conn.commit()
        finally:
            conn.close()
        with open(db_path, "r+b") as db:
            # The header records the version of the SQLite library that wrote the file;
            # fix it so that machines with another SQLite build the same bytes.
            db.seek(96)
            db.write((3_045_000).to_bytes(4, "big"))
            db.seek(0)
            with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
                info = _zip_entry("collection.anki2", when)
                info.file_size = db_path.stat().st_size  # zip64 headers only where needed
                with archive.open(info, "w") as entry:
                    shutil.copyfileobj(db, entry, 1 << 20)
                archive.writestr(_zip_entry("media", when), b"{}")


def _zip_entry(name: str, when: tuple[int, ...]) -> zipfile.ZipInfo:
    """A zip entry with a fixed date and attributes, whatever the platform."""
    info = zipfile.ZipInfo(name, date_time=when)  # type: ignore[arg-type]
    info.create_system = 3  # unix
    info.external_attr = 0o644 << 16
    return info
