"""HTML to PDF with weasyprint, reading nothing but the template folders and data: URLs.

A consultant's template could point at `http://…` or `file:///etc/…`; the fetcher refuses both,
as it refuses a symlink or a `..` that leads out of the template folders. Pango missing (weasyprint
cannot start) is reported with the install hint; Markdown and HTML do not need it.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import mimetypes
import re
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from coconstruct.errors import CoconstructError
from coconstruct.i18n import N_, msg

PANGO_HINT = N_(
    "PDF output needs Pango: `apt-get install libpango-1.0-0 libpangoft2-1.0-0` (Debian, Ubuntu), "
    "`brew install pango` (macOS); Markdown and HTML work without it: -f md,html"
)


class RefusedURL(CoconstructError):
    """A template asked for a resource outside the template folders."""


@cache
def weasyprint() -> Any:
    """Import weasyprint once per process, turning a missing Pango into a clear error."""
    try:
        import weasyprint as module
    except (OSError, ImportError) as exc:
        raise CoconstructError(
            msg("cannot make a PDF: weasyprint does not start ({reason})", reason=_first_line(exc)),
            hint=msg(PANGO_HINT),
        ) from None
    # weasyprint warns on stderr for every CSS property it ignores; the CLI owns the terminal.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    return module


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def confined_fetcher(roots: Sequence[Path]) -> Any:
    """A weasyprint URL fetcher that serves data: URLs and files inside `roots`, nothing else."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    allowed = [root.resolve() for root in roots]

    class ConfinedFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = url.split(":", 1)[0].lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                path = Path(unquote(urlsplit(url).path)).resolve()
                if any(path.is_relative_to(root) for root in allowed) and path.is_file():
                    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": kind})
            # A BaseException: weasyprint would swallow an ordinary one and go on without it.
            raise FatalURLFetchingError(url)

    return ConfinedFetcher()


def _refused(url: str, roots: Sequence[Path]) -> RefusedURL:
    shown = url if len(url) < 120 else url[:117] + "…"
    return RefusedURL(
        msg("the report template asks for {url}, outside the template folders", url=shown),
        hint=msg(
            "the PDF step reads only files inside {folders} and data: URLs; copy the file into "
            "your templates folder and refer to it with a relative path",
            folders=", ".join(str(r) for r in roots),
        ),
    )


def html_to_pdf(html: str, roots: Sequence[Path], tagged: bool = True) -> bytes:
    """Lay out and write the PDF; relative URLs resolve against the first template folder.

    `tagged` (the default) writes PDF/UA-1: a structure tree that screen readers follow
    (headings, lists, tables with their header cells, figures with their text alternative),
    the document's language from `<html lang>`, its title shown in the window bar, and
    backgrounds, borders and running headers marked as artifacts.
    """
    module = weasyprint()
    from weasyprint.urls import FatalURLFetchingError

    base = roots[0].resolve().as_uri() + "/"
    document_class = _lean_html_class() if _lean_allowed(html) else None
    try:
        with no_cycle_collection():
            document = (document_class or module.HTML)(
                string=html, base_url=base, url_fetcher=confined_fetcher(roots)
            )
            return bytes(document.write_pdf(pdf_variant="pdf/ua-1" if tagged else None))
    except FatalURLFetchingError as exc:
        raise _refused(str(exc.args[0]) if exc.args else "?", roots) from None


@contextlib.contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while weasyprint lays out and writes a document.

    weasyprint builds hundreds of thousands of objects that all live until the PDF is written
    (boxes, styles, text layouts, with references both ways); every few hundred allocations the
    collector walks the young ones, finds nothing to free and promotes them, and later walks
    them again: a third of a roadmap's PDF time on the bundled examples. Paused, it walks the
    document once, when it has become garbage, at its first collection after the PDF is done.
    Memory does not grow: nothing of the document is garbage before the end.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# The user-agent rules of footnotes and notes (float: footnote, position: note()): they select
# every element, so weasyprint computes five pseudo-element styles per element of the page
# (about 13,000 on the example) for calls and markers that no roadmap has.
_NOTE_RULES = re.compile(r"^::(?:footnote|note)-[a-z]+ \{[^}]*\}\n", re.M)


def _lean_allowed(html: str) -> bool:
    """Whether the page can do without those rules: nothing in it asks for a footnote or a
    note, and it links no stylesheet that could (a branded template may)."""
    return not any(word in html for word in ("footnote", "note(", "<link", "@import"))


@cache
def _lean_html_class() -> Any:
    """weasyprint.HTML with the user-agent stylesheet less the footnote and note rules; None
    when this weasyprint is not built the way this relies on (then the full one is used)."""
    module = weasyprint()
    try:
        from importlib.resources import files

        from weasyprint.css.counters import CounterStyle

        rules = (files("weasyprint.css") / "html5_ua.css").read_text("utf-8")
        lean_rules, removed = _NOTE_RULES.subn("", rules)
        if removed != 5 or not callable(getattr(module.HTML, "_ua_stylesheets", None)):
            return None
        stylesheet = module.CSS(string=lean_rules, counter_style=CounterStyle())
    except Exception:  # weasyprint changed its internals: the full stylesheet then
        return None

    class LeanHTML(module.HTML):  # type: ignore[misc,name-defined]
        def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
            return [stylesheet, *module.HTML._ua_stylesheets(self, forms)[1:]]

    return LeanHTML
