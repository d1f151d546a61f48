"""An answers file flattened to one line per answer: what git's diff driver compares.

git's textconv turns each version into text and diffs the texts line by line; this text is made
so that such a line diff reads as the semantic diff: labels and formatted values in the file's
language, single answers under their section's heading, each list under its own with its order
line, items sorted by id under a heading of their own (a move changes one order line, not every
line of the list; the heading is what git shows after `@@`, through the driver's xfuncname), long
texts one sentence a line (`git diff --word-diff` goes further).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from coconstruct.language.locales import locale_for
from coconstruct.language.messages import msg
from coconstruct.model import display, values, variants
from coconstruct.model.answers_file import AnswersFile
from coconstruct.model.question_types.reference import item_label
from coconstruct.model.questionnaire import Question, Questionnaire, text

HEADING = "### "  # an item's heading; the driver's xfuncname matches it
_SENTENCE = re.compile(r"(?<=[.!?…])\s+(?=[^\W\d_a-z])")


def flatten(doc: AnswersFile, q: Questionnaire) -> str:
    lang = q.lang(doc.language)
    colon = locale_for(lang).plain_colon
    answers = doc.plain()
    q = variants.for_answers(q, answers)  # a documented site's section titles, as in the roadmap
    items = values.items_index(q, answers)
    status, review = msg("Status", lang), msg("To review", lang)
    lines = [
        f"# {doc.questionnaire_ref} v{doc.data.get('questionnaire_version', q.version)} · "
        f"{doc.language}",
        f"{status}{colon}{doc.status}",
    ]
    known = set()
    for section in q.sections:
        # every line sits under the heading git shows for it: its section's, its list's, its item's
        under: str | None = None
        for question in section.questions:
            known.add(question.id)
            if question.id not in answers:
                continue
            value = answers[question.id]
            label = text(question.label, lang)
            if question.is_list and isinstance(value, list):
                rows = [i for i in value if isinstance(i, dict)]
                order = ", ".join(str(i.get("id")) for i in rows)
                lines += [f"{HEADING}{label}", f"{label}{colon}{order}"]
                for item in sorted(rows, key=lambda i: _natural(str(i.get("id")))):
                    lines += _item(question, item, lang, items, q.currency, colon)
                under = None
            else:
                if under is None:
                    under = text(section.title, lang)
                    lines.append(f"{HEADING}{under}")
                lines += _lines(label, question, value, lang, items, q.currency, colon)
    for key, value in answers.items():
        if key not in known:
            lines.append(f"{key}{colon}{' '.join(str(value).split())}")
    for path in doc.deferred:
        lines.append(f"{review}{colon}{path}")
    kept = doc.data.get("kept_by_migration")
    for key, value in kept.items() if isinstance(kept, dict) else []:
        lines.append(f"kept_by_migration{colon}{key} = {' '.join(str(value).split())}")
    return "\n".join(lines) + "\n"


def _item(
    question: Question,
    item: dict[str, Any],
    lang: str,
    items: values.Items,
    currency: str,
    colon: str,
) -> list[str]:
    item_id = str(item.get("id"))
    title = str(item.get(question.item_title or "", "") or "")
    lines = [f"{HEADING}{item_label(item_id, ' '.join(title.split()))}"]
    fields = {f.id: f for f in question.fields or []}
    for key, value in item.items():
        if key == "id":
            continue
        field = fields.get(str(key))
        label = f"{item_id} › {text(field.label, lang) if field else key}"
        lines += _lines(label, field, value, lang, items, currency, colon)
    return lines


def _lines(
    label: str,
    question: Question | None,
    value: Any,
    lang: str,
    items: values.Items,
    currency: str,
    colon: str,
) -> list[str]:
    if question is None:
        return [f"{label}{colon}{' '.join(str(value).split())}"]
    if isinstance(value, str) and (question.kind.multiline or "\n" in value.strip()):
        sentences = [s for s in _SENTENCE.split(" ".join(value.split())) if s]
        return [f"{label}{colon}{sentence}" for sentence in sentences] or [f"{label}{colon}"]
    shown = display.answer(question, value, lang, items, currency)
    return [f"{label}{colon}{' '.join(shown.split())}"]


def _natural(item_id: str) -> tuple[Any, ...]:
    """N2 before N10."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", item_id))


# a conflict marker line, as git and the merge driver write them (the size is git's %L)
_MARKER = re.compile(r"^(<{7,}|\|{7,}|={7,}|>{7,})(?: .*)?$")


def sides(raw: str) -> tuple[str, str] | None:
    """A text with conflict markers as its two sides, ours and theirs (a diff3 base left out);
    None when it has no well-formed conflict."""
    ours: list[str] = []
    theirs: list[str] = []
    state, found = "", False  # "", "ours", "base", "theirs"
    for line in raw.splitlines(keepends=True):
        marker = _MARKER.match(line.rstrip("\r\n"))
        kind = marker.group(1)[0] if marker else ""
        if kind == "<" and not state:
            state, found = "ours", True
            continue
        if kind == "|" and state == "ours":
            state = "base"
            continue
        if kind == "=" and state in ("ours", "base"):
            state = "theirs"
            continue
        if kind == ">" and state == "theirs":
            state = ""
            continue
        if state in ("", "ours"):
            ours.append(line)
        if state in ("", "theirs"):
            theirs.append(line)
    if not found or state:
        return None
    return "".join(ours), "".join(theirs)


def conflicted(raw: str, path: Path) -> str | None:
    """A file in the middle of a merge conflict, flattened: the lines both sides agree on, and
    each conflicting answer between markers, ours then theirs — what `git diff` shows during a
    conflict, rather than the whole file. None when it has no conflict or a side is unreadable."""
    import difflib

    from coconstruct.history.diff import migrated
    from coconstruct.model.validation import questionnaire_for

    split = sides(raw)
    if split is None:
        return None
    docs = [AnswersFile.parse(text, path, comments=False) for text in split]
    q = questionnaire_for(docs[0])
    ours, theirs = (flatten(migrated(doc, q), q).splitlines() for doc in docs)
    out: list[str] = []
    matcher = difflib.SequenceMatcher(None, ours, theirs, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out += ours[i1:i2]
        else:
            out += ["<<<<<<< ours", *ours[i1:i2], "=======", *theirs[j1:j2], ">>>>>>> theirs"]
    return "\n".join(out) + "\n"


def textconv(path: Path) -> str:
    """What git's diff driver shows of a file: flattened, each conflicting answer between
    markers during a merge conflict, or as it is when it cannot be read as an answers file
    (never an error: git would stop the whole diff)."""
    from coconstruct.errors import CoconstructError
    from coconstruct.history.diff import migrated
    from coconstruct.model.validation import questionnaire_for
    from coconstruct.model.yamlio.read import read_text

    try:
        raw = read_text(path)
    except CoconstructError:
        return ""
    try:
        during_conflict = conflicted(raw, path)
        if during_conflict is not None:
            return during_conflict
    except (CoconstructError, RecursionError, ValueError, TypeError):
        pass
    try:
        doc = AnswersFile.parse(raw, path, comments=False)
        q = questionnaire_for(doc)
        return flatten(migrated(doc, q), q)
    except (CoconstructError, RecursionError, ValueError, TypeError):
        return raw
