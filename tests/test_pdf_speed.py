"""What the PDF path does to be fast must not change what it writes (benchmarks/render.py)."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from coconstruct.report import pdf

ROOTS = (Path(__file__).resolve().parent.parent / "templates",)
PAGE = """<!DOCTYPE html><html lang="fr"><head><title>Essai</title><style>{css}</style></head>
<body><h1>Titre</h1><p>Un paragraphe<span class="note">la note</span> et la suite.</p>
<ol><li>un</li><li>deux</li></ol><table><tr><th>A</th><td>1</td></tr></table></body></html>"""


@pytest.fixture(autouse=True)
def _pango() -> None:
    try:
        pdf.weasyprint()
    except Exception as exc:  # pragma: no cover - machines without Pango
        pytest.skip(str(exc))


def test_the_lean_user_agent_stylesheet_is_in_use_with_this_weasyprint() -> None:
    """If a weasyprint upgrade moves what it relies on, this says so (the PDF is then made with
    the full stylesheet, correct but slower)."""
    assert pdf._lean_html_class() is not None


@pytest.mark.parametrize("tagged", [False, True])
def test_the_lean_stylesheet_writes_the_same_bytes(
    tagged: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    html = PAGE.format(css="li::marker { color: red }")
    assert pdf._lean_allowed(html)
    lean = pdf.html_to_pdf(html, ROOTS, tagged)
    monkeypatch.setattr(pdf, "_lean_allowed", lambda html: False)
    assert pdf.html_to_pdf(html, ROOTS, tagged) == lean


def test_a_template_with_footnotes_keeps_them() -> None:
    import io

    from pypdf import PdfReader

    html = PAGE.format(css=".note { float: footnote }")
    assert not pdf._lean_allowed(html)
    text = PdfReader(io.BytesIO(pdf.html_to_pdf(html, ROOTS, False))).pages[0].extract_text()
    assert "Un paragraphe1 et la suite." in text  # the footnote call
    assert text.endswith("1. la note")  # and its marker, in the footnote area


def test_a_linked_stylesheet_gets_the_full_one() -> None:
    assert not pdf._lean_allowed('<link rel="stylesheet" href="brand.css">')
    assert not pdf._lean_allowed("<style>@import 'brand.css';</style>")


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_given_back_as_it_was(enabled: bool) -> None:
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        with pdf.no_cycle_collection():
            assert not gc.isenabled()
        assert gc.isenabled() is enabled
        with pytest.raises(ValueError), pdf.no_cycle_collection():
            raise ValueError
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_pydyf_is_tuned_with_this_pydyf() -> None:
    """If a pydyf upgrade moves what the tuning relies on, this says so (the PDF is then
    written as pydyf writes it: the same document, its tags slower)."""
    import pydyf

    assert isinstance(pydyf.zlib, pdf._Deflate)
    assert hasattr(pydyf.PDF.page_references.fget, "original")


def test_the_tuned_writer_writes_the_same_document(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every object the same once inflated, each structure element on its own page."""
    import zlib

    import pydyf

    pages = "".join(
        f'<h2 style="break-before: page">Partie {n}</h2><table><tr><th>Besoin</th>'
        f"<td>{n} 000 €</td></tr></table><p>Suite {n}</p>"
        for n in range(1, 5)
    )
    html = PAGE.format(css="").replace("</body>", pages + "</body>")
    tuned = pdf.html_to_pdf(html, ROOTS, True)
    monkeypatch.setattr(pydyf, "zlib", zlib)
    original = pydyf.PDF.page_references.fget.original
    monkeypatch.setattr(pydyf.PDF, "page_references", property(original))
    plain = pdf.html_to_pdf(html, ROOTS, True)
    assert _inflated(tuned) == _inflated(plain)
    assert len(_inflated(tuned)["pages"]) == 5


def test_the_page_list_is_read_again_when_it_grows() -> None:
    import pydyf

    document = pydyf.PDF()
    for count in range(1, 4):
        document.add_page(pydyf.Dictionary({"Type": "/Page"}))
        assert len(document.page_references) == count
        assert document.page_references[-1] == document.objects[-1].reference


def _inflated(data: bytes) -> dict[str, object]:
    """The PDF's objects, streams inflated; what differs with the compression level (stream
    lengths, the cross-reference stream's offsets) left out."""
    import io

    import pikepdf

    def plain(obj: object, top: bool = False) -> object:
        if not top and getattr(obj, "is_indirect", False):
            return ("ref", obj.objgen)  # type: ignore[attr-defined]
        if isinstance(obj, pikepdf.Stream):
            head = {key: plain(obj[key]) for key in obj if key != "/Length"}
            return head, obj.read_bytes()
        if isinstance(obj, pikepdf.Dictionary):
            return {key: plain(obj[key]) for key in obj}
        if isinstance(obj, pikepdf.Array):
            return [plain(item) for item in obj]
        return repr(obj)

    with pikepdf.open(io.BytesIO(data)) as document:
        objects = [
            plain(obj, top=True)
            for obj in document.objects
            if not (isinstance(obj, pikepdf.Stream) and obj.get("/Type") == "/XRef")
        ]
        pages = [page.obj.objgen for page in document.pages]
    return {"objects": objects, "pages": pages}
