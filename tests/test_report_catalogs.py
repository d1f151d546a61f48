"""Every string of the report exists in French, and the committed .mo matches its .po."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).parent.parent
LOCALE = ROOT / "coconstruct" / "report" / "locale"
PO = LOCALE / "fr" / "LC_MESSAGES" / "coconstruct.po"
MO = PO.with_suffix(".mo")


def extracted() -> set[str]:
    """The msgids `make catalogs` would extract (same settings as babel.cfg)."""
    method_map = [("templates/**.j2", "jinja2"), ("coconstruct/report/**.py", "python")]
    options = {
        "templates/**.j2": {
            "extensions": "jinja2.ext.i18n",
            "newstyle_gettext": "true",
            "trimmed": "true",
        }
    }
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_every_report_string_has_a_french_translation() -> None:
    with PO.open("rb") as handle:
        catalog = read_po(handle)
    translated = {
        (m.id if isinstance(m.id, str) else m.id[0])
        for m in catalog
        if m.id and (m.string if isinstance(m.string, str) else all(m.string))
    }
    missing = sorted(extracted() - translated)
    assert not missing, f"untranslated (run `make catalogs`, then translate): {missing}"


def test_the_compiled_catalog_is_up_to_date() -> None:
    def messages(catalog: object) -> dict[object, object]:
        return {
            (m.id if isinstance(m.id, str) else tuple(m.id)): (
                m.string if isinstance(m.string, str) else tuple(m.string)
            )
            for m in catalog  # type: ignore[attr-defined]
            if m.id
        }

    with PO.open("rb") as handle:
        po = messages(read_po(handle))
    with MO.open("rb") as handle:
        mo = messages(read_mo(handle))
    assert po == mo, "coconstruct.mo is stale: run `make catalogs`"
