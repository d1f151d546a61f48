"""Shell completion (`coconstruct --install-completion`): commands and options come from typer;
these complete what only we know: questionnaire ids, section ids, formats, and for `set`, the
answer paths of the file being edited (`population=`, `needs[N2].priority=`, `needs[+].title=`).

Each runs at every Tab: it reads only what it needs and never fails (a broken file completes
nothing rather than printing a traceback into the shell).
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from coconstruct.language.locales import LANGUAGES

STATUSES = ("draft", "final")


def questionnaires(incomplete: str) -> list[str]:
    """Built-in ids, and questionnaire files (*.yaml) in the current folder."""
    from coconstruct.model.questionnaire import builtin_ids

    found = list(builtin_ids())
    with contextlib.suppress(OSError):
        found += sorted(str(p) for p in Path(".").glob("*.yaml") if _is_questionnaire(p))
    return [q for q in found if q.startswith(incomplete)]


def languages(incomplete: str) -> list[str]:
    return [lang for lang in LANGUAGES if lang.startswith(incomplete)]


def statuses(incomplete: str) -> list[str]:
    return [status for status in STATUSES if status.startswith(incomplete)]


def formats(incomplete: str) -> list[str]:
    """`md,ht` → `md,html`: one more format after those already typed."""
    from coconstruct.report import FORMATS

    return _one_more(incomplete, FORMATS)


def synthesis_formats(incomplete: str) -> list[str]:
    """The formats of `synthesis` (`md,x` → `md,xlsx`)."""
    from coconstruct.synthesis import FORMATS

    return _one_more(incomplete, FORMATS)


def _one_more(incomplete: str, choices: tuple[str, ...]) -> list[str]:
    done, _, last = incomplete.rpartition(",")
    given = set(done.split(",")) if done else set()
    prefix = f"{done}," if done else ""
    return [prefix + f for f in choices if f.startswith(last) and f not in given]


def examples(incomplete: str) -> list[str]:
    from coconstruct.cli.demo import examples as names

    return [name for name in names() if name.startswith(incomplete)]


def sections(ctx: Any, incomplete: str) -> list[str]:
    """Section ids of the file's questionnaire (the built-in one before a file is named)."""
    questionnaire = _questionnaire(ctx)
    ids = [s.id for s in questionnaire.sections] if questionnaire is not None else []
    return [i for i in ids if i.startswith(incomplete)]


def answer_paths(ctx: Any, incomplete: str) -> list[str]:
    """`set`'s PATH=…: the questions, the items of each list by id, `[+]` for a new item."""
    if "=" in incomplete:
        return []
    loaded = _answers(ctx)
    if loaded is None:
        return []
    doc, questionnaire = loaded
    found = []
    for question in questionnaire.questions():
        if not question.is_list:
            found.append(f"{question.id}=")
            continue
        for item in [*(str(i.get("id")) for i in doc.items(question.id)), "+"]:
            found += [f"{question.id}[{item}].{field.id}=" for field in question.fields or []]
    return [path for path in found if path.startswith(incomplete)]


def _answers(ctx: Any) -> Any:
    from coconstruct.model.validation import load_checked

    file = (ctx.params or {}).get("file")
    if not file:
        return None
    try:
        return load_checked(Path(file), (ctx.params or {}).get("questionnaire"))
    except Exception:  # completion never fails: a bad file simply completes nothing
        return None


def _questionnaire(ctx: Any) -> Any:
    loaded = _answers(ctx)
    if loaded is not None:
        return loaded[1]
    from coconstruct.model.questionnaire import builtin_ids, load

    try:
        return load(builtin_ids()[0])
    except Exception:
        return None


def _is_questionnaire(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return b"\nsections:" in head or head.startswith(b"sections:")
