"""The repository speaks of itself and its public sources only."""

from __future__ import annotations

import re
import subprocess

from analysis.config import ROOT_DIR

# Built from parts so that this file does not name what it looks for.
MACHINE_PATHS = re.compile("|".join(re.escape(p) for p in ("/" + "work/", "../" + "shared")))
TICKET_NUMBERS = re.compile(r"\bissues? #?\d", re.IGNORECASE)


def _tracked_text_files() -> dict[str, str]:
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT_DIR, capture_output=True, check=True
    ).stdout.decode()
    texts = {}
    for name in filter(None, listed.split("\0")):
        path = ROOT_DIR / name
        if not path.is_file():  # deleted in the working tree
            continue
        try:
            texts[name] = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:  # figures, compressed seeds
            continue
    return texts


def test_no_file_names_a_machine_path_or_a_ticket_number():
    texts = _tracked_text_files()
    assert "README.md" in texts
    hits = [
        f"{name}:{text.count(chr(10), 0, match.start()) + 1}: {match.group()}"
        for name, text in texts.items()
        for pattern in (MACHINE_PATHS, TICKET_NUMBERS)
        for match in pattern.finditer(text)
    ]
    assert hits == []
