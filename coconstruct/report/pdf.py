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
import zlib
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from coconstruct.errors import CoconstructError
from coconstruct.language.messages import N_, msg

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
    _tune_pydyf()
    return module


# zlib's own default: on the object stream of a tagged roadmap (0.5 MB of structure elements
# that differ by a number or two) level 9 takes four times as long for 5 % fewer bytes.
DEFLATE_LEVEL = 6


class _Deflate:
    """zlib as pydyf sees it: the same module, its compression level capped at DEFLATE_LEVEL."""

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)

    @staticmethod
    def compressobj(level: int = -1, *args: Any, **kwargs: Any) -> Any:
        return zlib.compressobj(min(level, DEFLATE_LEVEL), *args, **kwargs)


def _tune_pydyf() -> None:
    """Two costs of pydyf (weasyprint's PDF writer) that grow with a tagged PDF's structure
    tree, taken away without changing what the PDF holds: every stream deflated at level 9
    (now DEFLATE_LEVEL), and `PDF.page_references`, which rebuilds the list of every page's
    reference each time weasyprint asks for one page's, once per structure element (5 000
    elements × 35 pages on Val d'Orbière): kept while the page list does not change. Together
    a third of what the tags cost. Left alone when pydyf is not built the way this relies on
    (tests/test_pdf_speed.py says so)."""
    import pydyf

    if getattr(pydyf, "zlib", None) is zlib:
        pydyf.zlib = _Deflate()
    references = vars(pydyf.PDF).get("page_references")
    if (
        isinstance(references, property)
        and references.fget is not None
        and not hasattr(references.fget, "original")  # tuned already (two threads, one import)
        and hasattr(pydyf.PDF(), "__dict__")
    ):
        pydyf.PDF.page_references = property(_kept_while_pages_unchanged(references.fget))


def _kept_while_pages_unchanged(page_references: Any) -> Any:
    def kept(pdf: Any) -> Any:
        kids = pdf.pages["Kids"]
        cached = pdf.__dict__.get("_page_references")
        if cached is None or cached[0] is not kids or cached[1] != len(kids):
            cached = pdf.__dict__["_page_references"] = (kids, len(kids), page_references(pdf))
        return cached[2]

    kept.original = page_references  # type: ignore[attr-defined]
    return kept


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
            return _lay_out_and_write(document_class or module.HTML, html, base, roots, tagged)
    except FatalURLFetchingError as exc:
        raise _refused(str(exc.args[0]) if exc.args else "?", roots) from None


def _lay_out_and_write(
    html_class: Any, html: str, base: str, roots: Sequence[Path], tagged: bool
) -> bytes:
    # Its own frame: the document is released when it returns, before the collector is back.
    document = html_class(string=html, base_url=base, url_fetcher=confined_fetcher(roots))
    return bytes(document.write_pdf(pdf_variant="pdf/ua-1" if tagged else None))


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
