"""A final file stays valid: `set`, `import` and merges refuse a change that would break it.

A file marked final is one a mayor may sign; an edit that leaves an item without its type, or a
required answer empty, would make `render` fail on it later. The check compares the errors
before and after the change, so a final file that was already broken can still be mended; the
change is refused with the answers it would leave missing named, unless the same command puts
the file back in draft.
"""

from __future__ import annotations

from coconstruct.errors import UsageError
from coconstruct.language.messages import msg, nmsg
from coconstruct.model.answers_file import AnswersFile
from coconstruct.model.questionnaire import Questionnaire
from coconstruct.model.validation import validate

#: an error as the check compares them: its question path and its message (not its line)
Error = tuple[str, str]


def errors(doc: AnswersFile, questionnaire: Questionnaire) -> set[Error]:
    """The file's errors (warnings aside) as (question, message)."""
    return {(p.question, p.message) for p in validate(doc, questionnaire) if p.severity == "error"}


def keep_valid(
    doc: AnswersFile, questionnaire: Questionnaire, before: set[Error], hint: str | None = None
) -> None:
    """Raise when `doc` is final and now has errors it did not have `before` the change."""
    if doc.status != "final":
        return
    lang = doc.language
    new = sorted(errors(doc, questionnaire) - before)
    if not new:
        return
    shown = "; ".join(f"{question}: {message}" for question, message in new[:5])
    more = nmsg(" (and {n} more)", " (and {n} more)", len(new) - 5, lang) if len(new) > 5 else ""
    raise UsageError(
        nmsg(
            "the file is final and this change would leave it invalid ({n} problem): "
            "{problems}; nothing was written",
            "the file is final and this change would leave it invalid ({n} problems): "
            "{problems}; nothing was written",
            len(new),
            lang,
            problems=shown + more,
        ),
        hint=hint
        or msg(
            "complete the answers in the same command, or add --status draft to keep working "
            "on it as a draft",
            lang,
        ),
        lang=lang,
    )
