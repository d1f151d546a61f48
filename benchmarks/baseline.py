"""The yardstick of the PDF speed work: today's templates with that work undone.

Issue 16 asked for the same roadmap, faster, measured against "the templates before the speed
work". A frozen copy of those templates (the day the issue was filed) stopped rendering once the
report was rewritten for questionnaire v2: it asked the context for names that no longer exist,
and it would not have laid out the same content anyway (no sources annex, no results chart…).
So the baseline is made here, at run time, from the current templates: every construct the
speed work replaced is put back, and nothing else changes, so that both sides render the same
content of today with the same look:

- fonts as base64 WOFF2 `data:` URLs in the stylesheet, in the PDF too (the speed work hands
  weasyprint the TrueType files of `templates/fonts/`);
- `columns: 1` on the contents list (a multi-column context that draws nothing);
- the contents' dotted leaders as `leader(". ")` before the page number (the speed work draws
  them as a background);
- weasyprint called as before (`as_before`): Python's cycle collector left running while it
  lays out, pydyf deflating at level 9 and rebuilding its page list for each structure
  element (coconstruct now pauses the one and tunes the other, see coconstruct/report/pdf.py).

Each edit must find what it undoes: when a template changes so that one no longer applies, this
module fails and says which, rather than measure against a baseline that quietly lost a
construct. Accessibility changes made since (tags, `lang`, contrast, the chart-data annex) are
kept on both sides: they are content, not speed.
"""

from __future__ import annotations

import contextlib
import re
import shutil
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"

# What the speed work replaced, by construct: (files, pattern, replacement, how many times it
# must match: None for at least once).
Edit = tuple[str, str, str, int | None]
CONSTRUCTS: dict[str, list[Edit]] = {
    # Fonts: the WOFF2 data: URLs of the HTML page, in the PDF too.
    "fonts": [
        (
            "html/fonts.css.j2",
            r"\{% if pdf %\}\n.*?\n\{% else %\}\n(.*?)\n\{% endif %\}\n",
            r"\1\n",
            1,
        ),
    ],
    # The contents list in one "column".
    "columns": [
        (
            "roadmap.css",
            r"nav\.toc ol \{ list-style: none; padding: 0; margin: 0; \}",
            "nav.toc ol { list-style: none; padding: 0; margin: 0; columns: 1; }",
            1,
        ),
    ],
    # Dotted leaders as leader(), not a background.
    "leaders": [
        (
            "roadmap.css",
            r"  nav\.toc li \{ position: relative;\n.*?repeat-x; \}\n  nav\.toc a \{[^}]*\}\n",
            "",
            1,
        ),
        (
            "roadmap.css",
            r"nav\.toc a::after \{ content: target-counter\(attr\(href\), page\); "
            r"position: absolute; right: 0;\n\s*background: #fff; padding-left: 0\.59em;\n",
            'nav.toc a::after { content: leader(". ") target-counter(attr(href), page);\n',
            1,
        ),
    ],
}


def make(folder: Path, constructs: Iterable[str] = CONSTRUCTS) -> Path:
    """Write the baseline templates into `folder` (a templates folder for `--templates`), with
    the named constructs put back (all of them: the baseline)."""
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(TEMPLATES, folder)
    edits = [edit for name in constructs for edit in CONSTRUCTS[name]]
    for pattern_files, pattern, replacement, count in edits:
        found = 0
        for path in sorted(folder.glob(pattern_files)):
            text = path.read_text(encoding="utf-8")
            text, n = re.subn(pattern, replacement, text, flags=re.M | re.S)
            found += n
            path.write_text(text, encoding="utf-8")
        if found == 0 or (count is not None and found != count):
            raise SystemExit(
                f"benchmarks/baseline.py: {pattern!r} matched {found} times in {pattern_files} "
                f"(expected {count or 'at least 1'}): the templates changed; update the edit"
            )
    return folder


def as_before(html: str, roots: Sequence[Path]) -> bytes:
    """The PDF as coconstruct made it before the speed work: untagged, the collector running."""
    from coconstruct.report.pdf import confined_fetcher, weasyprint

    base = roots[0].resolve().as_uri() + "/"
    module = weasyprint()
    with pydyf_as_shipped():
        document = module.HTML(string=html, base_url=base, url_fetcher=confined_fetcher(roots))
        return bytes(document.write_pdf())


@contextlib.contextmanager
def pydyf_as_shipped() -> Iterator[None]:
    """pydyf without coconstruct's tuning (`pdf._tune_pydyf`): level 9, the page list rebuilt."""
    import zlib

    import pydyf

    tuned_zlib, tuned_references = pydyf.zlib, pydyf.PDF.page_references
    original = getattr(tuned_references.fget, "original", None)
    pydyf.zlib = zlib
    if original is not None:
        pydyf.PDF.page_references = property(original)
    try:
        yield
    finally:
        pydyf.zlib, pydyf.PDF.page_references = tuned_zlib, tuned_references
