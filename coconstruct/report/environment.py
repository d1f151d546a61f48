"""The Jinja environment of the report: sandboxed, strict, escaping, translated, traceable.

Templates may come from a consultant (`--templates DIR`), so every template, ours included, runs in
Jinja's immutable sandbox with StrictUndefined: a template reads the context, nothing else, and a
typo fails loudly with the template's file and line instead of printing an empty string.

Both formats autoescape. HTML uses Jinja's own escaping; Markdown escapes every printed value
through `md_escape` (via `finalize`), so an answer such as `<script>` or `**bold**` comes out as
text. What templates themselves write (literal text, translations, macros) is trusted.
"""

from __future__ import annotations

import base64
import mimetypes
import re
from collections.abc import Callable, Sequence
from functools import cache, partial
from pathlib import Path
from types import TracebackType
from typing import Any

from jinja2 import (
    ChoiceLoader,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    Template,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    pass_context,
)
from jinja2.loaders import split_template_path
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

from coconstruct.errors import CoconstructError
from coconstruct.language.messages import N_, catalog, msg
from coconstruct.model.fsio import as_typed, cache_folder
from coconstruct.report.parts import Phrase

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def builtin_templates() -> Path:
    """The built-in templates: inside the package once installed, at the top of a checkout."""
    for candidate in (PACKAGE_DIR / "templates", PACKAGE_DIR.parent / "templates"):
        if (candidate / "roadmap.html.j2").is_file():
            return candidate
    raise CoconstructError(
        msg("the built-in report templates are missing from this installation"),
        hint=msg("reinstall coconstruct (pip install --force-reinstall coconstruct)"),
    )


def search_path(templates_dir: Path | None) -> list[Path]:
    """Where templates are looked up, first match wins: the user's folder, then ours."""
    builtin = builtin_templates()
    if templates_dir is None:
        return [builtin]
    if not templates_dir.is_dir():
        raise CoconstructError(
            msg("{folder}: no such templates folder", folder=templates_dir),
            hint=msg("create one with: coconstruct templates export FOLDER"),
        )
    return [templates_dir.resolve(), builtin]


# --- escaping ---------------------------------------------------------------------------------

_MD_ENTITY = re.compile(r"&(?=#?\w+;)")
_MD_BREAKS = re.compile(r"[ \t\n\r\f\v\x1c-\x1f\x85\u2028\u2029]+")  # not U+00A0, U+202F
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
# What would start a block (list item, heading, quote, rule) if a value began a line.
_MD_BLOCK_START = re.compile(r"^(\d{1,9}(?=[.)](\s|$))|[-+=#]+(?=\s|$))")


def md_escape(value: Any) -> Markup:
    """Text that Markdown (GitHub-flavoured) shows as typed: no markup, no HTML, one line."""
    if isinstance(value, Phrase):  # our words, the values in them escaped
        return value.markdown(md_escape)
    if hasattr(value, "__html__"):
        return Markup(value)
    # newlines would break tables and lists; no-break spaces (`1 200 €`) stay unbreakable
    # (a separator between printed values belongs in the template's text, not in a value)
    text = _MD_BREAKS.sub(" ", str(value)).strip(" ")
    text = _MD_ENTITY.sub("&amp;", text)  # `&lt;` typed stays `&lt;`, a lone & stays as is
    text = _MD_SPECIAL.sub(r"\\\1", text)
    if match := _MD_BLOCK_START.match(text):
        end = match.end()
        text = text[:end] + "\\" + text[end:] if text[:1].isdigit() else "\\" + text
    return Markup(text)


def _md_finalize(value: Any) -> Any:
    if value is None:
        return ""
    return md_escape(value)


def _html_finalize(value: Any) -> Any:
    if value is None:
        return ""
    lang = getattr(value, "lang", None)  # an answer in another language than the report's
    if isinstance(value, str) and isinstance(lang, str) and not hasattr(value, "__html__"):
        return Markup('<span lang="{}">{}</span>').format(lang, value)
    return value


def _paragraphs(value: Any, every_line: bool = False) -> list[list[str]]:
    """A long answer as paragraphs (blank lines separate them), each as its lines: a line
    break inside a paragraph is kept where the lines are short or start like a list item (an
    address, a list typed with dashes), and flows where the text was merely wrapped;
    `every_line`: an answer typed one item a line (an action's indicators) keeps every break."""
    out = []
    for part in re.split(r"\n\s*\n", str(value).strip()):
        lines = [line.strip() for line in part.splitlines() if line.strip()]
        if not lines:
            continue
        listed = any(_LIST_ITEM.match(line) for line in lines[1:])
        short = len(lines) > 1 and all(len(line) < _SHORT_LINE for line in lines[:-1])
        out.append(lines if every_line or listed or short else [" ".join(lines)])
    return out


# a line shorter than this, followed by another, was broken on purpose (wrapped text is longer)
_SHORT_LINE = 60
_LIST_ITEM = re.compile(r"^([-–•*·]|\d{1,2}[.)])\s")


def paragraphs_html(value: Any, quote: bool = False, every_line: bool = False) -> Markup:
    """Paragraphs of a long answer: `<p>` each, kept line breaks as `<br>`."""
    if not value:
        return Markup("")
    lang = getattr(value, "lang", None)
    opening = Markup('<p lang="{}">').format(lang) if isinstance(lang, str) else Markup("<p>")
    return Markup("\n").join(
        opening
        + Markup("<br>\n").join(Markup("{}").format(" ".join(line.split())) for line in lines)
        + Markup("</p>")
        for lines in _paragraphs(value, every_line)
    )


def paragraphs_md(value: Any, quote: bool = False, every_line: bool = False) -> Markup:
    """Markdown paragraphs (kept line breaks end in a backslash); `quote=True` makes them one
    block quote."""
    if not value:
        return Markup("")
    parts = [
        Markup("\\\n").join(md_escape(line) for line in lines)
        for lines in _paragraphs(value, every_line)
    ]
    if quote:
        return Markup("\n>\n").join(Markup("> " + str(p).replace("\n", "\n> ")) for p in parts)
    return Markup("\n\n").join(parts)


def breakable(value: Any) -> Markup:
    """A figure with its unit that may go on two lines where a card is narrow: « ≈ 400 » then
    « sociétaires » (its last no-break space becomes a line break opportunity)."""
    head, _, unit = str(value).rpartition("\u00a0")
    if not head:
        return Markup("{}").format(value)
    return Markup("{}<wbr> {}").format(head, unit)


def lines_html(value: Any) -> Markup:
    """An answer typed one item a line (an action's indicators) in a table cell: every line
    kept apart, whatever its length."""
    if not value:
        return Markup("")
    text = Markup("<br>").join(
        Markup("{}").format(" ".join(line.split()))
        for lines in _paragraphs(value, every_line=True)
        for line in lines
    )
    lang = getattr(value, "lang", None)
    return Markup('<span lang="{}">{}</span>').format(lang, text) if isinstance(lang, str) else text


def lines_md(value: Any) -> Markup:
    """An answer typed one item a line in a Markdown table cell: every line, apart by `<br>`."""
    if not value:
        return Markup("")
    return Markup("<br>").join(
        md_escape(line) for lines in _paragraphs(value, every_line=True) for line in lines
    )


def css_content(value: Any) -> Markup:
    """A CSS `content:` value: the text as a CSS string, `[page]`/`[pages]` as page counters."""

    def quoted(text: str) -> str:
        return "".join(
            c if c.isalnum() or c in " .,;:!?'’()-–/" else f"\\{ord(c):x} " for c in text
        )

    escaped = quoted(str(value))
    for token, counter in (("[pages]", "counter(pages)"), ("[page]", "counter(page)")):
        escaped = escaped.replace(quoted(token), f'" {counter} "')
    return Markup(f'"{escaped}"')


# --- gettext ----------------------------------------------------------------------------------


def _gettext_callables(
    catalog: Any, quote: Callable[[Any], Markup]
) -> tuple[Callable[..., Markup], Callable[..., Markup]]:
    """gettext and ngettext for templates, with the catalog's one placeholder style, as `msg`:
    `_("Page {page} of {pages}", page=…)`, `ngettext("{n} need", "{n} needs", count)` (`{n}` is
    the count). The translation is ours and trusted, like the template's own text; each value
    is escaped for the output format (`quote`: HTML's escape, or Markdown's)."""

    def fill(text: str, variables: dict[str, Any]) -> Markup:
        quoted = {key: quote(value) for key, value in variables.items()}
        if "%(" in text:  # a `{% trans %}` block: Jinja writes its placeholders so
            return Markup(text) % quoted
        return Markup(text).format(**quoted) if quoted else Markup(text)

    @pass_context
    def gettext(_context: Context, message: str, **variables: Any) -> Markup:
        return fill(catalog.gettext(message), variables)

    @pass_context
    def ngettext(
        _context: Context, singular: str, plural: str, num: int, **variables: Any
    ) -> Markup:
        variables.setdefault("n", num)
        variables.setdefault("num", num)  # the count's name in a `{% trans %}` block
        return fill(catalog.ngettext(singular, plural, num), variables)

    return gettext, ngettext


# --- environment ------------------------------------------------------------------------------


class ReportEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox, remembering which template files each render reads (batch hashes them)."""

    used: set[Path]

    def get_template(self, name: Any, parent: Any = None, globals: Any = None) -> Template:
        template = super().get_template(name, parent, globals)
        self._note(template)
        return template

    def select_template(self, names: Any, parent: Any = None, globals: Any = None) -> Template:
        template = super().select_template(names, parent, globals)
        self._note(template)
        return template

    def _note(self, template: Template) -> None:
        if template.filename:
            self.used.add(Path(template.filename))


class ConfinedLoader(FileSystemLoader):
    """A FileSystemLoader that never reads outside its folder.

    Jinja's own loader refuses `..` but follows symlinks: a consultant's folder holding
    `evil.j2 -> /etc/passwd` (or `/dev/urandom`) would be read. Here the real path is checked,
    and must be a regular file inside the folder, before a byte is read.
    """

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)
        for searchpath in self.searchpath:
            root = Path(searchpath).resolve()
            candidate = Path(searchpath, *pieces)
            real = candidate.resolve()
            if real.is_relative_to(root) and real.is_file():
                mtime = real.stat().st_mtime
                source = real.read_text(encoding=self.encoding)
                return source, str(candidate), partial(_unchanged, real, mtime)
        raise TemplateNotFound(template)


def _unchanged(path: Path, mtime: float) -> bool:
    try:
        return path.stat().st_mtime == mtime
    except OSError:
        return False


@cache
def environment(fmt: str, lang: str, roots: tuple[Path, ...]) -> ReportEnvironment:
    """One environment per output format, language and template search path (kept per process)."""
    markdown = fmt == "md"
    env = ReportEnvironment(
        loader=ChoiceLoader([ConfinedLoader(str(root)) for root in roots]),
        undefined=StrictUndefined,
        autoescape=True,
        finalize=_md_finalize if markdown else _html_finalize,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        bytecode_cache=_bytecode_cache(),
    )
    env.used = set()
    quote = md_escape if markdown else escape
    gettext, ngettext = _gettext_callables(catalog(lang), quote)
    env.install_gettext_callables(gettext, ngettext)  # type: ignore[attr-defined]
    env.newstyle_gettext = True  # type: ignore[attr-defined]
    env.policies["ext.i18n.trimmed"] = True  # as babel.cfg extracts them
    env.filters["paragraphs"] = paragraphs_md if markdown else paragraphs_html
    env.filters["lines"] = lines_md if markdown else lines_html
    env.filters["md"] = md_escape
    env.filters["css_content"] = css_content
    env.filters["breakable"] = breakable
    env.globals["asset"] = _asset_function(env, roots)
    env.globals["asset_url"] = _asset_url_function(env, roots)
    return env


@cache
def _bytecode_cache() -> FileSystemBytecodeCache | None:
    """Compiled templates, kept across runs (Jinja keys them by template source).

    Compiling the roadmap's templates costs about a third of a second; every format and
    language compiles a template to the same code, so one cache serves them all.
    """
    folder = cache_folder("templates")
    return FileSystemBytecodeCache(str(folder)) if folder else None


def _asset_function(env: ReportEnvironment, roots: Sequence[Path]) -> Callable[[str], Any]:
    """`asset('fonts/x.woff2')`: a file of the template folders as a data: URL (or the text
    of a stylesheet or a script, to put inline)."""

    def asset(name: str) -> Any:
        path = find_file(roots, name)
        env.used.add(path)
        if path.suffix in (".css", ".js"):
            return Markup(path.read_text(encoding="utf-8"))
        kind = mimetypes.guess_type(path.name)[0] or _FONT_TYPES.get(path.suffix, "")
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        return Markup(f"data:{kind or 'application/octet-stream'};base64,{data}")

    return asset


def _asset_url_function(env: ReportEnvironment, roots: Sequence[Path]) -> Callable[[str], Any]:
    """`asset_url('fonts/x.ttf')`: a file of the template folders as a file: URL, for the PDF.

    weasyprint then reads the file itself (through the confined fetcher, which serves exactly
    these folders) instead of parsing a data: URL out of the stylesheet: a font as a file costs
    it a tenth of the time of the same font inlined as base64 (see benchmarks/render.py).
    """

    def asset_url(name: str) -> Markup:
        path = find_file(roots, name)
        env.used.add(path)
        return Markup(path.as_uri())

    return asset_url


_FONT_TYPES = {".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf", ".otf": "font/otf"}


def find_file(roots: Sequence[Path], name: str) -> Path:
    """A file of the template folders by relative name; nothing outside them, symlinks included."""
    for root in roots:
        candidate = (root / name).resolve()
        if candidate.is_relative_to(root.resolve()) and candidate.is_file():
            return candidate
    raise TemplateNotFound(name)


def render_template(env: ReportEnvironment, name: str, context: dict[str, Any]) -> str:
    """Render a template; a template mistake becomes a CoconstructError naming file:line."""
    try:
        return env.get_template(name).render(context)
    except TemplateSyntaxError as exc:
        where = f"{exc.filename or exc.name}:{exc.lineno}"
        raise CoconstructError(
            msg("{place}: template syntax error: {problem}", place=where, problem=exc.message),
            hint=msg(_TEMPLATE_HINT),
        ) from None
    except TemplateNotFound as exc:
        raise CoconstructError(
            msg(
                "template {name} not found in {folders}",
                name=exc.name,
                folders=", ".join(map(str, _roots(env))),
            ),
            hint=msg(_TEMPLATE_HINT),
        ) from None
    except (TemplateError, TypeError, ValueError, ArithmeticError, LookupError) as exc:
        place = _template_frame(exc.__traceback__, env)
        if place is None:
            raise
        message = str(getattr(exc, "message", None) or exc)
        raise CoconstructError(f"{place}: {message}", hint=msg(_TEMPLATE_HINT)) from None


_TEMPLATE_HINT = N_(
    "fix the template (see the file and line above); `coconstruct templates export DIR` "
    "gives fresh copies of the built-in ones"
)


def _roots(env: ReportEnvironment) -> list[str]:
    loader = env.loader
    if isinstance(loader, ChoiceLoader):
        return [
            p for sub in loader.loaders if isinstance(sub, FileSystemLoader) for p in sub.searchpath
        ]
    return []


def _template_frame(tb: TracebackType | None, env: ReportEnvironment) -> str | None:
    """The innermost `file:line` of a template in a traceback (Jinja rewrites it so)."""
    roots = [Path(r) for r in _roots(env)]
    found = None
    while tb is not None:
        filename = Path(tb.tb_frame.f_code.co_filename)
        if any(filename.is_relative_to(root) for root in roots):
            found = f"{as_typed(filename)}:{tb.tb_lineno}"
        tb = tb.tb_next
    return found
