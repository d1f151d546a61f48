"""Build the gettext catalogs: every `.po` compiled to its `.mo` when a wheel, an sdist or an
editable install is built (hatchling runs this hook; babel is a build requirement).

The `.mo` files are build products, not sources: git ignores them, the build writes them beside
their `.po` (an editable install reads them there) and ships them in the wheel and the sdist.
`make` compiles them again when a `.po` changes; `make catalogs` extracts and merges first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

CATALOGS = "coconstruct/language/locale"


class CatalogsHook(BuildHookInterface):
    """Compile each language's catalog before the files are collected."""

    PLUGIN_NAME = "catalogs"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        root = Path(self.root)
        for po in sorted((root / CATALOGS).glob("*/LC_MESSAGES/*.po")):
            mo = compile_catalog(po)
            # ignored by git, so hatch would leave it out: an artifact is always included
            build_data["artifacts"].append("/" + mo.relative_to(root).as_posix())


def compile_catalog(po: Path) -> Path:
    """`po` compiled beside it, as `pybabel compile` does (fuzzy entries left out)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalog = read_po(handle, locale=po.parent.parent.name)
    mo = po.with_suffix(".mo")
    with mo.open("wb") as handle:
        write_mo(handle, catalog)
    return mo
