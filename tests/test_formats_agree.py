"""The Markdown and the HTML say the same thing, section by section: the same words in the same
order, for the bundled examples and for partial files, in French and in English, roadmap and
synthesis. (Word and LibreOffice are made from the Markdown, the PDF from the HTML.)

Each document is read as a reader sees it, by section (its numbered headings are the keys): the
Markdown is turned into HTML (markdown-it, as GitHub reads it), then both into text. Compared are
the words and numbers, the signs that carry a meaning (≥ ≈ € % + − –), and the line breaks inside
a paragraph or a table cell (⏎): a text typed on several lines keeps its lines in both.
Normalised away, as layout: markup (tags, Markdown syntax, table pipes, escapes), spaces (no-break
and narrow no-break too), punctuation (« N1 · Titre » and « N1 Titre », « Mécénat : 2 » and the
chip « Mécénat · 2 », « : » after a bold label).
Left out, as what one format has for its medium: the HTML's skip link, the numbers of its
contents (the Markdown numbers its list itself), and the drawn charts (their words are the
Markdown image's alternative text and the annex's tables). The title page is compared as a bag
of words: the cover puts kicker, territory and title in a page's order, the Markdown its title
first; both carry the cover's headline figures.
"""

from __future__ import annotations

import difflib
import re
import shutil
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import DATA, EXAMPLE
from markdown_it import MarkdownIt

from coconstruct.report import render
from coconstruct.synthesis import Options, run

EXAMPLES = sorted(EXAMPLE.parent.glob("*.yaml"))
PARTIAL = [DATA / "quatre-vallees.yaml", DATA / "v1-made-by-run.yaml", DATA / "commented.yaml"]
FRONT = "front"  # the title page and the contents, before the first numbered section
TOKEN = re.compile(r"\w+|[≥≈€%+−–$£⏎]")
# elements a reader of one format only meets: a screen's skip link, the contents' numbers
# (span.n), the charts drawn inline, the HTML synthesis' filters (controls)
FORMAT_ONLY = {("a", "skip-link"), ("span", "n"), ("form", "filters")}
HIDDEN = {"svg", "style", "script", "head"}
VOID = {"br", "img", "col", "meta", "link", "hr", "input", "wbr"}

NEAR_EMPTY = """\
questionnaire: territoire
questionnaire_version: 2
language: fr
status: draft
answers:
  territory_name: Presque vide
"""

# indicators typed one per line, as people do: every format keeps them apart
LINES = """\
questionnaire: territoire
questionnaire_version: 2
language: fr
status: draft
answers:
  territory_name: Lignes
  needs:
    - {id: N1, title: Se déplacer, domain: social, priority: 4, urgency: 3}
  actions:
    - id: A1
      title: Transport solidaire
      needs_served: [N1]
      indicators: |
        - trajets par mois
        - chauffeurs bénévoles
      description: |
        Mairie de Vernoux
        12 place de la Halle
    - id: A2
      title: Épicerie itinérante
"""


class _Reader(HTMLParser):
    """An HTML page's visible text, cut into sections at its numbered headings."""

    def __init__(self, heading: str) -> None:
        super().__init__(convert_charrefs=True)
        self.heading = heading  # h1 in our HTML, h2 in the Markdown
        self.sections: dict[str, list[str]] = {FRONT: []}
        self.current = FRONT
        self.stack: list[tuple[str, bool]] = []  # (tag, hidden)
        self.title: list[str] | None = None

    @property
    def hidden(self) -> bool:
        return any(hidden for _, hidden in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            self._say(" ⏎ " if tag == "br" else " ")
            return
        classes = (dict(attrs).get("class") or "").split()
        only = any((tag, name) in FORMAT_ONLY for name in classes)
        self.stack.append((tag, tag in HIDDEN or only))
        if tag == self.heading and not self.hidden:
            self.title = []
        self._say(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        while self.stack:
            opened, _ = self.stack.pop()
            if opened == tag:
                break
        if tag == self.heading and self.title is not None:
            text = " ".join("".join(self.title).split())
            self.title = None
            numbered = re.match(r"^\d\d\s*·?\s*(.+)$", text)
            if numbered:
                self.current = numbered.group(1)
                self.sections[self.current] = []
            else:
                self.sections[self.current].append(f" {text} ")
        self._say(" ")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self._say(data)

    def _say(self, text: str) -> None:
        if self.title is not None:
            self.title.append(text)
        else:
            self.sections[self.current].append(text)


def sections(html: str, heading: str = "h1") -> dict[str, list[str]]:
    """Each section's words and signs, in order."""
    reader = _Reader(heading)
    reader.feed(html)
    reader.close()
    return {key: TOKEN.findall("".join(parts)) for key, parts in reader.sections.items()}


def markdown_sections(markdown: str) -> dict[str, list[str]]:
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)
    return sections(html, heading="h2")


def differences(markdown: str, html: str) -> list[str]:
    """Where the two formats do not say the same, section by section (empty: they agree)."""
    md, page = markdown_sections(markdown), sections(html)
    out = []
    if list(md) != list(page):
        out.append(f"sections: Markdown {list(md)}, HTML {list(page)}")
    for key in md.keys() & page.keys():
        a, b = md[key], page[key]
        if key == FRONT:
            a, b = sorted(a), sorted(b)
            if a != b:
                only_md, only_html = Counter(a) - Counter(b), Counter(b) - Counter(a)
                out.append(
                    f"{key}: only in Markdown {sorted(only_md.elements())}, "
                    f"only in HTML {sorted(only_html.elements())}"
                )
            continue
        matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op != "equal":
                out.append(
                    f"{key}: Markdown « {' '.join(a[max(0, i1 - 4) : i2 + 4])} », "
                    f"HTML « {' '.join(b[max(0, j1 - 4) : j2 + 4])} »"
                )
    return out


def roadmap(path: Path, lang: str, compare: str | None = None) -> tuple[str, str]:
    result = render(path, ["md", "html"], lang=lang, compare=compare)
    return result.documents["md"].decode(), result.documents["html"].decode()


def written(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("path", EXAMPLES + PARTIAL, ids=lambda p: p.stem)
def test_markdown_and_html_say_the_same_in_every_section(path: Path, lang: str) -> None:
    markdown, html = roadmap(path, lang)
    assert differences(markdown, html) == []


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name", ["near-empty", "lines"])
def test_a_near_empty_file_and_text_typed_on_lines_read_the_same(
    tmp_path: Path, name: str, lang: str
) -> None:
    path = written(tmp_path, name, NEAR_EMPTY if name == "near-empty" else LINES)
    markdown, html = roadmap(path, lang)
    assert differences(markdown, html) == []
    if name == "lines":  # both keep the indicators apart, in the sheet and in the table
        for text in (markdown_sections(markdown), sections(html)):
            monitoring = "Suivi et évaluation" if lang == "fr" else "Monitoring and evaluation"
            words = " ".join(text[monitoring])
            assert "trajets par mois ⏎ chauffeurs bénévoles" in words


def test_the_changes_since_an_older_version_read_the_same(tmp_path: Path) -> None:
    older = shutil.copy(DATA / "val-d-orbiere-v1.yaml", tmp_path / "v1.yaml")
    for lang in ("fr", "en"):
        markdown, html = roadmap(EXAMPLE, lang, compare=str(older))
        assert differences(markdown, html) == []
        assert "Évolutions depuis" in markdown or "Changes since" in markdown


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_synthesis_says_the_same_in_markdown_and_html(tmp_path: Path, lang: str) -> None:
    out = tmp_path / "synthesis"
    summary = run(
        [str(p) for p in EXAMPLES + PARTIAL],
        Options(out_dir=out, formats=("md", "html"), lang=lang),
    )
    assert summary.included
    markdown = (out / "synthesis.md").read_text(encoding="utf-8")
    html = (out / "synthesis.html").read_text(encoding="utf-8")
    assert differences(markdown, html) == []


def test_the_comparison_sees_a_difference() -> None:
    """The reader is not blind: a word moved, a line break lost, a section missing are seen."""
    page = (
        '<h1><span class="num">01</span> <span class="section-title">Un</span></h1>'
        "<p>alpha<br>beta gamma</p>"
    )
    assert differences("## 01 · Un\n\nalpha\\\nbeta gamma\n", page) == []
    assert differences("## 01 · Un\n\nalpha beta gamma\n", page)  # the break
    assert differences("## 01 · Un\n\nalpha\\\ngamma beta\n", page)  # the order
    assert differences("## 01 · Deux\n\nalpha\\\nbeta gamma\n", page)  # the section
