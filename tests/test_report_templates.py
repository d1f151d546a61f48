"""What a report template can say with the catalog: `_()` and `ngettext()` fill `{name}` as the
code's messages do, escape each value for the format (HTML, Markdown), and keep the words
themselves as they are; a `{% trans %}` block still works. Every kind of block a body holds has
its macro in each format, and is named in docs/roadmaps/templates.md for template authors."""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import fields, is_dataclass
from pathlib import Path

import pytest

from coconstruct.report import content, parts
from coconstruct.report.environment import builtin_templates, environment, render_template

TEMPLATES_PAGE = Path(__file__).parent.parent / "docs" / "roadmaps" / "templates.md"
PAGE = TEMPLATES_PAGE.read_text(encoding="utf-8")

TEMPLATE = (
    '{{ _("Page {page} of {pages}", page="<b>1</b>", pages=2) }}'
    ' | {{ ngettext("{n} need", "{n} needs", 3) }}'
    ' | {% trans name="**x**" %}Hello {{ name }}{% endtrans %}'
)


@pytest.mark.parametrize(
    ("fmt", "lang", "expected"),
    [
        ("html", "fr", "Page &lt;b&gt;1&lt;/b&gt; sur 2 | 3 besoins | Hello **x**"),
        ("html", "en", "Page &lt;b&gt;1&lt;/b&gt; of 2 | 3 needs | Hello **x**"),
        ("md", "fr", "Page \\<b\\>1\\</b\\> sur 2 | 3 besoins | Hello \\*\\*x\\*\\*"),
    ],
)
def test_template_words_fill_braces_and_escape_their_values(
    tmp_path: Path, fmt: str, lang: str, expected: str
) -> None:
    (tmp_path / "words.j2").write_text(TEMPLATE, encoding="utf-8")
    env = environment(fmt, lang, (tmp_path,))
    env.used = set()
    assert render_template(env, "words.j2", {}) == expected


def _block_kinds() -> set[str]:
    """The kinds of the content's blocks: classes with a `kind` of their own, not a field."""
    modules = [parts, content] + [
        importlib.import_module(f"{content.__name__}.{info.name}")
        for info in pkgutil.iter_modules(content.__path__)
    ]
    return {
        cls.kind
        for module in modules
        for cls in vars(module).values()
        if isinstance(cls, type)
        and is_dataclass(cls)
        and isinstance(getattr(cls, "kind", None), str)
        and "kind" not in {f.name for f in fields(cls)}
    }


def test_every_kind_of_block_has_its_macro_in_each_format_and_is_named_in_the_readme() -> None:
    kinds = _block_kinds()
    assert {"paragraphs", "evidence", "refs", "titled", "need_links"} <= kinds
    for fmt in ("md", "html"):
        macros = environment(fmt, "en", (builtin_templates(),)).get_template(f"{fmt}/macros.j2")
        missing = sorted(kind for kind in kinds if not callable(getattr(macros.module, kind, None)))
        assert not missing, f"{fmt}/macros.j2 lays out no block of kind {missing}"
    unnamed = sorted(kind for kind in kinds if f"`{kind}`" not in PAGE)
    page = "docs/roadmaps/templates.md, « What a template receives »"
    assert not unnamed, f"{page} does not name {unnamed}"
