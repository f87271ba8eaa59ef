"""The genanki floor: a bare genanki script writing given notes, nothing else.

Usage: ``python bench/genanki_floor.py NOTES.json OUT.apkg``. NOTES.json is what
``bench/run.py`` extracts from a deck quizgen wrote: the same notes (fields, tags,
GUIDs, subdecks), so the only difference from ``quizgen anki`` is quizgen's own work
(loading and checking the bank, generating questions, building fields). Note types
here are plain (one template each, no stylesheet); that makes the floor, if anything,
a little lower than genanki's cost for quizgen's own note types.
"""

from __future__ import annotations

import json
import sys
import zlib

import genanki


def model(fields: int, cloze: bool) -> genanki.Model:
    """A plain note type with ``fields`` fields."""
    names = [f"F{i}" for i in range(fields)]
    front = "{{cloze:F0}}" if cloze else "{{F0}}"
    return genanki.Model(
        zlib.crc32(f"floor {fields} {cloze}".encode()) + (1 << 30), f"Floor {fields}",
        fields=[{"name": n} for n in names],
        templates=[{"name": "Card", "qfmt": front,
                    "afmt": "{{FrontSide}}" + "".join(f"{{{{{n}}}}}" for n in names[1:])}],
        model_type=genanki.Model.CLOZE if cloze else genanki.Model.FRONT_BACK,
    )


def main(notes_json: str, out: str) -> None:
    with open(notes_json, encoding="utf-8") as f:
        notes = json.load(f)
    models: dict[tuple[int, bool], genanki.Model] = {}
    decks: dict[str, genanki.Deck] = {}
    for note in notes:
        key = (len(note["fields"]), note["cloze"])
        if key not in models:
            models[key] = model(*key)
        deck = note["deck"]
        if deck not in decks:
            decks[deck] = genanki.Deck(zlib.crc32(deck.encode()) + (1 << 30), deck)
        decks[deck].add_note(genanki.Note(model=models[key], fields=note["fields"],
                                          tags=note["tags"], guid=note["guid"]))
    genanki.Package(list(decks.values())).write_to_file(out)


if __name__ == "__main__":
    main(*sys.argv[1:3])
