"""A diff as people and machines read it: a terminal or a projector (rich: colours on a
terminal, plain text in a pipe), Markdown for a ticket, JSON for a program."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from coconstruct.history.describe import STATUS_WORDS, Said, describe, kept_context
from coconstruct.history.diff import Diff
from coconstruct.language.locales import locale_for
from coconstruct.language.messages import msg, nmsg

if TYPE_CHECKING:
    from rich.console import RenderableType

    from coconstruct.history.log import Entry

STYLES = {"+": "green", "−": "red", "~": "yellow", "↕": "cyan"}


def title(result: Diff) -> str:
    lang = result.lang
    count = nmsg("{n} change", "{n} changes", len(result.changes), lang)
    if not result.changes:
        count = msg("no change", lang)
    return msg(
        "{old} → {new}: {count}", lang, old=result.old.name, new=result.new.name, count=count
    )


def grouped(said: list[Said]) -> Iterator[tuple[str, list[Said]]]:
    """The changes by section, sections in the order of their first change."""
    groups: dict[str, list[Said]] = {}
    for one in said:
        groups.setdefault(one.group, []).append(one)
    yield from groups.items()


def as_text(result: Diff, plain: bool = False) -> RenderableType:
    """Lines for a terminal: a heading per section, one line per change, word diffs inline;
    `plain` (a pipe, NO_COLOR) writes word diffs in git's own notation, [-removed-]{+added+}."""
    from rich.console import Group
    from rich.text import Text

    lines: list[Any] = [Text(title(result), style="bold")]
    for group, said in grouped(describe(result)):
        lines.append(Text(group, style="bold underline"))
        for one in said:
            line = Text("  ")
            line.append(one.sign, style=STYLES[one.sign])
            line.append(" " + one.where)
            if one.words is not None:
                line.append(locale_for(result.lang).plain_colon.rstrip())
                lines.append(line)
                lines.append(_words(one, "    ", plain))
                continue
            line.append(locale_for(result.lang).plain_colon)
            line.append(one.what, style=STYLES[one.sign] if one.sign in "+−" else None)
            lines.append(line)
    return Group(*lines)


def _words(one: Said, indent: str, plain: bool) -> Any:
    """A word diff: removed words struck through in red, added ones in green, or plain."""
    from rich.text import Text

    text = Text(indent)
    for op, chunk in kept_context(one.words or ()):
        if op == "=":
            text.append(chunk)
        elif op == "-":
            text.append(f"[-{chunk}-]" if plain else chunk, style="red strike")
        else:
            text.append(f"{{+{chunk}+}}" if plain else chunk, style="green bold")
    return text


def as_markdown(result: Diff) -> str:
    """For a ticket or a wiki: a heading per section, a bullet per change."""
    out = [f"**{_md(title(result))}**", ""]
    colon = locale_for(result.lang).plain_colon
    for group, said in grouped(describe(result)):
        out += [f"### {_md(group)}", ""]
        for one in said:
            if one.words is not None:
                runs = "".join(_md_run(op, chunk) for op, chunk in kept_context(one.words))
                out.append(f"- {one.sign} {_md(one.where)}{colon}{runs}")
            elif one.old_text is not None and one.new_text is not None and one.sign == "~":
                what = one.what.replace(one.old_text, f"~~{one.old_text}~~", 1)
                out.append(f"- {one.sign} {_md(one.where)}{colon}{_md_keep(what)}")
            else:
                out.append(f"- {one.sign} {_md(one.where)}{colon}{_md(one.what)}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def as_json(result: Diff) -> dict[str, Any]:
    """Every change with its plain values and its words."""
    return {
        "old": {"name": result.old.name, "date": result.old.date},
        "new": {"name": result.new.name, "date": result.new.date},
        "language": result.lang,
        "changes": [
            {
                "kind": one.change.kind,
                "path": one.change.path,
                "old": one.change.old,
                "new": one.change.new,
                **(
                    {"old_index": one.change.old_index, "new_index": one.change.new_index}
                    if one.change.old_index or one.change.new_index
                    else {}
                ),
                "section": one.group,
                "where": one.where,
                "said": one.what,
                **({"words": [list(run) for run in one.words]} if one.words is not None else {}),
            }
            for one in describe(result)
        ],
    }


_MD_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>|#~"})


def _md(value: str) -> str:
    return value.translate(_MD_SPECIAL)


def _md_keep(value: str) -> str:
    """Escape everything but the ~~strike~~ put in on purpose."""
    return "~~".join(_md(part) for part in value.split("~~"))


def _md_run(op: str, chunk: str) -> str:
    """A run of a word diff in Markdown: ~~removed~~, **added**, the spaces outside the marks
    (Markdown does not close `** word**`)."""
    if op == "=" or not chunk.strip():
        return _md(chunk)
    lead = chunk[: len(chunk) - len(chunk.lstrip())]
    tail = chunk[len(chunk.rstrip()) :]
    mark = "~~" if op == "-" else "**"
    return f"{lead}{mark}{_md(chunk.strip())}{mark}{tail}"


def log_lines(entries: list[Entry], most: int = 3) -> RenderableType:
    """One line per commit, then its main changes (at most `most`, and how many more)."""
    from rich.console import Group
    from rich.text import Text

    from coconstruct.model.formatting import formatter

    lines: list[Any] = []
    for entry in entries:
        lang = entry.lang
        commit = entry.commit
        line = Text()
        line.append(commit.commit[:7], style="yellow")
        line.append(f"  {formatter(lang).date(commit.date[:10], 'medium')}  ")
        line.append(commit.author, style="bold")
        if entry.unreadable is not None:
            line.append("  " + msg("unreadable: {reason}", lang, reason=entry.unreadable), "red")
            lines.append(line)
            continue
        status = msg(STATUS_WORDS.get(entry.status, entry.status), lang) if entry.status else "–"
        line.append(f"  {status}  ", style="cyan")
        counts = [
            nmsg("{n} need", "{n} needs", entry.counts["needs"], lang),
            nmsg("{n} partner", "{n} partners", entry.counts["partners"], lang),
            nmsg("{n} action", "{n} actions", entry.counts["actions"], lang),
            nmsg("{n} answer", "{n} answers", entry.answers, lang),
        ]
        line.append(" · ".join(counts))
        if commit.subject:
            line.append(f"  {commit.subject}", style="dim")
        lines.append(line)
        if entry.created:
            lines.append(Text("    " + msg("file created", lang), style="green"))
        for said in entry.changes[:most]:
            change = Text("    ")
            change.append(said.sign, style=STYLES[said.sign])
            what = said.what if said.words is None else msg("text changed", lang)
            change.append(f" {said.where}{locale_for(lang).plain_colon}{what}")
            lines.append(change)
        if len(entry.changes) > most:
            more = len(entry.changes) - most
            lines.append(
                Text("    " + nmsg("and {n} other change", "and {n} other changes", more, lang))
            )
    return Group(*lines)
