"""The three pages (phone, projector, facilitator), rendered here in the reader's language.

Every word comes from the one catalog. The templates (serve/pages/*.j2) call `_("…")` and
`ngettext(…)` with `{name}` placeholders, as `msg` does: the catalog's words are trusted markup,
the values filling them are escaped. What the scripts write once the page is loaded (counts,
statuses, errors) is `STRINGS` below, marked with N_ so that `make catalogs` extracts it, and put
in each page as a JSON block (`<script type="application/json" id="strings">`) that
static/common.js reads: the scripts hold no word of their own.

The scripts and styles are files under static/, served by the server itself: no inline script,
no CDN, no web font from elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from coconstruct.language.messages import LANGUAGES, N_, catalog, msg, nmsg
from coconstruct.serve.service import DESCRIPTION_MAX, TITLE_MAX
from coconstruct.serve.words import TEXT_MAX

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"

# What the scripts show after the page is loaded (votes, errors, live counts).
STRINGS = {
    "dots_left_0": N_("No dot left"),
    "dots_left_1": N_("1 dot left"),
    "dots_left_n": N_("{n} dots left"),
    "place": N_("Place a dot on"),
    "take_back": N_("Take a dot back from"),
    "voting_not_started": N_("Voting has not started yet: propose post-its in the meantime."),
    "voting_open": N_("Voting is open: place your dots on the needs that matter most."),
    "voting_closed": N_("Voting is closed. Thank you!"),
    "sent": N_("Thank you: your post-it is with the facilitator."),
    "offline": N_("Connection lost: trying again…"),
    "not_sent": N_("Not counted: the connection was lost. Tap again once it is back."),
    "status_open": N_("waiting"),
    "status_accepted": N_("added as {item}"),
    "status_merged": N_("joined {item}"),
    "status_rejected": N_("not kept"),
    "no_needs": N_("No need on the wall yet."),
    "no_ideas": N_("No post-it waiting."),
    "none_yet": N_("None yet."),
    "accept": N_("Accept"),
    "merge": N_("Merge into"),
    "reject": N_("Reject"),
    "merge_choose": N_("choose an item"),
    # counts as labels (« Votants : 3 sur 4 »): no verb to agree with a number the script fills
    "voters_of": N_("Voters: {voters} of {participants}"),
    "not_voted": N_("not voted yet: {n}"),
    "written": N_("Results written to the answers file at {time}."),
    "error": N_("Something went wrong: try again."),
    "results_title": N_("The needs the room chose"),
    "mine": N_("your dots here: {n}"),
    "placed": N_("Dot placed on {title}. {left}"),
    "taken_back": N_("Dot taken back from {title}. {left}"),
    "idea_category": N_("Kind of this post-it"),
    "undo": N_("Undo"),
    "mine_open": N_("with the facilitator"),
    "mine_accepted_needs": N_("your need was added to the list"),
    "mine_accepted_other": N_("added to the workshop's list"),
    "mine_merged": N_("joined to a similar item"),
    "mine_rejected": N_("not kept"),
    "count": N_("{n} of {max} characters"),
    "count_max": N_("{max} characters at most"),
    "title_too_long": N_("The title is too long ({n} characters at most)"),
    "description_too_long": N_("The description is too long ({n} characters at most)"),
    "same_as": N_("Same title as"),
    "alike_to": N_("Looks like"),
    "results_hidden": N_("The dots are shown when the vote closes."),
    # the open question (labels with a count: no verb to agree with the number)
    "answers_n": N_("Answers: {n}"),
    "word_said": N_("{word}: {n}"),
    "words_mine": N_("Your words: {words}"),
    "words_sent": N_("Thank you: your words are on the projector. Send others to replace them."),
    "question_closed": N_("The question is closed. Thank you!"),
    "question_open_state": N_("Answers open"),
    "question_closed_state": N_("Answers closed"),
    "question_written": N_("Words written to the answers file at {time} ({item})."),
    "show_cloud": N_("Show the word cloud"),
    "show_wall": N_("Show the needs"),
    "no_words": N_("No word yet."),
}

LIST_NAMES = {"needs": N_("A need"), "resources": N_("A resource"), "partners": N_("A partner")}


def strings(lang: str) -> dict[str, str]:
    found = {key: msg(value, lang) for key, value in STRINGS.items()}
    found.update({f"list_{key}": msg(value, lang) for key, value in LIST_NAMES.items()})
    # the word after a count, as each language agrees it (French: 0 and 1 gommette)
    for key, n in (("0", 0), ("1", 1), ("n", 2)):
        found[f"dot_word_{key}"] = nmsg("dot", "dots", n, lang)
    return found


@cache
def environment(lang: str) -> Environment:
    """The pages' templates, their `_` and `ngettext` speaking `lang`."""
    env = Environment(
        loader=FileSystemLoader(HERE / "pages"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    gettext, ngettext = translators(lang)
    env.globals.update(_=gettext, gettext=gettext, ngettext=ngettext)
    return env


def translators(lang: str) -> tuple[Callable[..., Markup], Callable[..., Markup]]:
    """`gettext` and `ngettext` for the templates: `{name}` placeholders, values escaped."""
    translations = catalog(lang)

    def gettext(message: str, /, **values: object) -> Markup:
        return _filled(translations.gettext(message), values)

    def ngettext(singular: str, plural: str, n: int, /, **values: object) -> Markup:
        return _filled(translations.ngettext(singular, plural, n), {"n": n, **values})

    return gettext, ngettext


def _filled(translated: str, values: Mapping[str, object]) -> Markup:
    # the catalog's words are ours, so markup; what fills them may be anyone's, so escaped
    return Markup(translated).format(**values) if values else Markup(translated)


def render(page: str, lang: str, **context: Any) -> str:
    template = environment(lang).get_template(page)
    return template.render(
        lang=lang,
        strings=strings(lang),
        languages=LANGUAGES,
        title_max=TITLE_MAX,
        description_max=DESCRIPTION_MAX,
        words_max=TEXT_MAX,
        **context,
    )


def qr_svg(url: str, scale: int, lang: str) -> Markup:
    """The join URL as a QR code, an inline SVG (drawn here: works without the internet), named
    for screen readers by what it opens."""
    import segno
    from markupsafe import escape

    code = segno.make(url, error="m")
    svg = code.svg_inline(scale=scale, dark="#1c2430", light="#ffffff", omitsize=True)
    label = escape(msg("QR code to join the room: {url}", lang, url=url))
    return Markup(svg.replace("<svg ", f'<svg class="qr" role="img" aria-label="{label}" ', 1))


def list_names(lang: str) -> dict[str, str]:
    return {key: msg(value, lang) for key, value in LIST_NAMES.items()}
