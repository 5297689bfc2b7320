"""The French catalogue holds every message the code and the templates give, and no other: a
message missing prints English on a French page; one the code no longer gives still wins over
Django's own translation of the same words (the admin's "Change" read "Changer", not
"Modifier")."""

import shutil
import subprocess
import sys
from pathlib import Path

from tests.test_french import PO_FILE, read_po

ROOT = Path(__file__).resolve().parents[1]


def _messages(path: Path) -> set[tuple]:
    return {(entry.get("msgctxt"), entry["msgid"]) for entry in read_po(path)[1:]}


def test_the_catalogue_holds_every_message_of_the_code_and_no_other(tmp_path):
    tracked = (
        subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, tracked):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, tmp_path / name)
    shutil.copy2(PO_FILE, tmp_path / PO_FILE.relative_to(ROOT))  # as it stands, committed or not

    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "fr", "--no-obsolete", "-v0"],
        cwd=tmp_path, check=True, env={"PATH": "/usr/bin:/bin", "HLM_DEBUG": "true"},
    )  # fmt: skip

    ours, code = _messages(PO_FILE), _messages(tmp_path / PO_FILE.relative_to(ROOT))
    assert sorted(code - ours, key=str) == []  # missing: English on French pages
    assert sorted(ours - code, key=str) == []  # stale: may shadow Django's own
