"""One catalog for every word users read: each exists in French, and the .mo matches the .po.

The .mo files are built, not committed: the build compiles them (hatch_build.py), `make` again
when a .po changes.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).parent.parent
PO = ROOT / "coconstruct" / "language" / "locale" / "fr" / "LC_MESSAGES" / "coconstruct.po"
MO = PO.with_suffix(".mo")


def extracted() -> set[str]:
    """The msgids `make catalogs` extracts: babel.cfg with the Makefile's keywords."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    keywords = {"msg": None, "nmsg": (1, 2), "N_": None, "_": None, "gettext": None}
    keywords["ngettext"] = (1, 2)
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=keywords
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_every_string_has_a_french_translation() -> None:
    with PO.open("rb") as handle:
        catalog = read_po(handle)
    translated = {
        (m.id if isinstance(m.id, str) else m.id[0])
        for m in catalog
        if m.id and (m.string if isinstance(m.string, str) else all(m.string))
    }
    missing = sorted(extracted() - translated)
    assert not missing, f"untranslated (run `make catalogs`, then translate): {missing}"


def messages(catalog: object) -> dict[object, object]:
    return {
        (m.id if isinstance(m.id, str) else tuple(m.id)): (
            m.string if isinstance(m.string, str) else tuple(m.string)
        )
        for m in catalog  # type: ignore[attr-defined]
        if m.id
    }


def test_the_compiled_catalog_is_up_to_date() -> None:
    with PO.open("rb") as handle:
        po = messages(read_po(handle))
    with MO.open("rb") as handle:
        mo = messages(read_mo(handle))
    assert po == mo, "coconstruct.mo is stale: run `make`"


def test_the_compiled_catalog_is_not_committed() -> None:
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    tracked = subprocess.run(
        ["git", "ls-files", "*.mo"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert tracked == [], "the build compiles the .mo files (hatch_build.py): git rm --cached them"


@pytest.mark.slow
def test_a_wheel_built_from_a_fresh_clone_carries_the_compiled_catalog(tmp_path: Path) -> None:
    """A fresh clone has .po files only: building its wheel compiles them, and the wheel ships
    each .mo, up to date (without it, French users would read English)."""
    if not (ROOT / ".git").exists() or shutil.which("git") is None:
        pytest.skip("not a git checkout")
    files = (
        subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .split("\0")
    )
    clone = tmp_path / "clone"
    for name in filter(None, files):
        if (ROOT / name).is_file():
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, clone / name)
    assert not list(clone.rglob("*.mo"))
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(clone)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("coconstruct-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        compiled = archive.read(str(MO.relative_to(ROOT)))
    with PO.open("rb") as handle:
        po = messages(read_po(handle))
    assert messages(read_mo(io.BytesIO(compiled))) == po


def test_no_message_hides_inside_an_f_string() -> None:
    """`f"{msg('…')}"` is one token to the extractor: its message would never be translated."""
    hidden = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in (ROOT / "coconstruct").rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "{msg(" in line or "{nmsg(" in line
    ]
    assert hidden == []


def test_one_placeholder_style() -> None:
    """Python and templates alike write `{name}` (`{n}`: a count): no `%(name)s` is left."""
    with PO.open("rb") as handle:
        catalog = read_po(handle)
    percent = [m.id for m in catalog if m.id and "%(" in str(m.id)]
    assert percent == []
