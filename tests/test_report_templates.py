"""What a report template can say with the catalog: `_()` and `ngettext()` fill `{name}` as the
code's messages do, escape each value for the format (HTML, Markdown), and keep the words
themselves as they are; a `{% trans %}` block still works."""

from __future__ import annotations

from pathlib import Path

import pytest

from coconstruct.report.environment import environment, render_template

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
