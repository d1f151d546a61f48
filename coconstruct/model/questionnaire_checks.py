"""Checking a questionnaire definition: every problem at once, each with its `file:line:col`.

Shape first (pydantic: unknown keys, wrong types), then meaning (unique ids, references to
lists, every language present, `when:` and default expressions that compile). Unknown keys alone
do not hide the rest: the file is checked again without them, so a typo'd key and a broken
reference are reported together.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator
from typing import Any

from pydantic import ValidationError

from coconstruct.errors import Position, ProblemsError
from coconstruct.language.messages import N_, msg
from coconstruct.model import variants
from coconstruct.model.question_types import CONVERSIONS
from coconstruct.model.question_types.common import Definition
from coconstruct.model.questionnaire import LocalText, Question, Questionnaire
from coconstruct.model.yamlio.read import load_yaml, position, start_position, value_position

# a key the definition does not know, as pydantic says it of the questionnaire's dataclasses
_UNKNOWN_KEY = ("extra_forbidden", "unexpected_keyword_argument")


def check(text: str, filename: str) -> Questionnaire:
    data = load_yaml(text, filename)
    if not isinstance(data, dict):
        raise ProblemsError(
            [f"{Position(filename, 1, 1)}: " + msg("a questionnaire is a YAML mapping")]
        )
    try:
        return _checked_model(data, filename)
    except ValidationError as exc:
        shape = _pydantic_problems(exc, data, filename)
        errors = exc.errors()
    # Unknown keys alone should not hide the rest: check the file again without them, so that
    # a typo'd key and a broken reference are reported together.
    unknown = [e["loc"] for e in errors if e["type"] in _UNKNOWN_KEY]
    if len(unknown) == len(errors):
        trimmed = copy.deepcopy(data)
        for loc in unknown:
            _parent(trimmed, loc).pop(loc[-1], None)
        try:
            _checked_model(trimmed, filename)
        except ProblemsError as more:
            shape += more.problems
        except ValidationError:
            pass
    raise ProblemsError(sorted(shape, key=_line_of))


def _checked_model(data: Any, filename: str) -> Questionnaire:
    """The model, or ValidationError (shape), or ProblemsError (meaning)."""
    questionnaire = Questionnaire.model_validate({**data, "source": filename})
    problems = [
        f"{Position(filename, *(pos or (None, None)))}: {msg}"
        for pos, msg in _semantic_problems(questionnaire, data)
    ]
    if problems:
        raise ProblemsError(problems)
    return questionnaire


def _parent(data: Any, loc: tuple[int | str, ...]) -> Any:
    for part in loc[:-1]:
        data = data[part]
    return data


def _line_of(problem: str) -> tuple[int, int]:
    """(line, col) of a `file:line:col: message` problem, for sorting."""
    match = re.search(r":(\d+):(\d+): ", problem)
    return (int(match[1]), int(match[2])) if match else (0, 0)


def _locate(data: Any, loc: tuple[int | str, ...], at_key: bool = False) -> tuple[int, int] | None:
    """Walk an error location through the YAML data to the deepest known position.

    The last step points at the value, or at the key itself when `at_key` (an unknown key).
    """
    node, best = data, start_position(data)
    for index, part in enumerate(loc):
        try:
            child = node[part]
        except (KeyError, IndexError, TypeError):
            break
        last = index == len(loc) - 1
        if hasattr(child, "lc") or (last and at_key):
            best = position(node, part) or best
        else:
            best = value_position(node, part) or best
        node = child
    return best


def _pydantic_problems(exc: ValidationError, data: Any, filename: str) -> list[str]:
    problems = []
    for error in exc.errors():
        loc = tuple(
            part
            for part in error["loc"]
            if not isinstance(part, str) or part in _raw_keys(data, error["loc"])
        )
        at_key = error["type"] in _UNKNOWN_KEY
        where = Position(filename, *(_locate(data, loc, at_key) or (None, None)))
        path = _dotted(error["loc"])
        message = error["msg"]
        if error["type"] in _UNKNOWN_KEY:
            message = msg("unknown key")
        elif error["type"] == "missing":
            message = msg("missing key")
        problems.append(f"{where}: {path}: {message}")
    return problems


def _raw_keys(data: Any, loc: tuple[int | str, ...]) -> set[str]:
    # pydantic adds union-member names (e.g. "str", "int") to locations; keep only real keys.
    keys: set[str] = set()
    node = data
    for part in loc:
        if isinstance(node, dict):
            keys.update(str(k) for k in node)
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
    return keys


def _dotted(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _semantic_problems(q: Questionnaire, data: Any) -> Iterator[tuple[tuple[int, int] | None, str]]:
    """Cross-field rules pydantic cannot see: unique ids, references, languages, expressions."""

    langs = q.languages

    def missing_langs(local: LocalText | None) -> list[str]:
        return [lang for lang in langs if local is not None and not local.get(lang)]

    def where(*path: int | str) -> tuple[int, int] | None:
        return _locate(data, path)

    for lang_field in ("title",):
        if missing := missing_langs(q.title):
            yield (
                where(lang_field),
                msg("title: missing language {languages}", languages=", ".join(missing)),
            )

    list_ids = {qq.id for qq in q.questions() if qq.is_list}
    seen_ids: dict[str, str] = {}
    seen_sections: set[str] = set()
    for s_index, section in enumerate(q.sections):
        spath: tuple[int | str, ...] = ("sections", s_index)
        if section.id in seen_sections:
            yield where(*spath, "id"), msg("section id {id} is used twice", id=section.id)
        seen_sections.add(section.id)
        for key in ("title", "intro"):
            if missing := missing_langs(getattr(section, key)):
                yield (
                    where(*spath, key),
                    msg(
                        "{path}: missing language {languages}",
                        path=f"{section.id}.{key}",
                        languages=", ".join(missing),
                    ),
                )
        yield from variants.problems(
            section.id, section.variants, spath, where, missing_langs, ("title", "intro")
        )
        for q_index, question in enumerate(section.questions):
            qpath = (*spath, "questions", q_index)
            if question.id in seen_ids:
                yield where(*qpath, "id"), msg("question id {id} is used twice", id=question.id)
            seen_ids[question.id] = section.id
            yield from _question_problems(question, qpath, where, missing_langs, list_ids, top=True)
            for cpath, asked in [(qpath, question)] + [
                ((*qpath, "fields", f_index), field)
                for f_index, field in enumerate(question.fields or [])
            ]:
                if asked.choices_from is not None and asked.choices_from not in q.choice_lists:
                    yield (
                        where(*cpath, "choices_from"),
                        msg(
                            "{name}: choices_from names no list of choice_lists ({lists})",
                            name=asked.id,
                            lists=", ".join(q.choice_lists) or msg("none yet"),
                        ),
                    )
            for f_index, field in enumerate(question.fields or []):
                yield from _order_problems(field, question, (*qpath, "fields", f_index), where, q)
                for name in field.total_at_most or []:
                    limit = q.question(name)
                    if not _takes(field, "total_at_most") or not _takes(limit, "total_at_most"):
                        yield (
                            where(*qpath, "fields", f_index, "total_at_most"),
                            msg(
                                "{name}: total_at_most names top-level number questions "
                                "({other} is not one)",
                                name=field.id,
                                other=name,
                            ),
                        )
            yield from _order_problems(question, None, qpath, where, q)
            for name in question.adds_up_with or []:
                other = q.question(name)
                if other is None or other.type not in ("number", "percent", "money"):
                    yield (
                        where(*qpath, "adds_up_with"),
                        msg(
                            "{name}: adds_up_with names top-level number questions "
                            "({other} is not one)",
                            name=question.id,
                            other=name,
                        ),
                    )
    yield from _migration_problems(q, where)


def _order_problems(
    question: Question,
    parent: Question | None,
    qpath: tuple[int | str, ...],
    where: Any,
    q: Questionnaire | None = None,
) -> Iterator[tuple[tuple[int, int] | None, str]]:
    """`not_before:` names a date of the same list item (or a top-level date question)."""
    if question.not_before is None:
        return
    if "." in question.not_before:  # `indicator.baseline_date`: through a reference field
        ref_id, field_id = question.not_before.split(".")
        ref = parent.field(ref_id) if parent is not None else None
        target = q.question(ref.to) if q is not None and ref is not None and ref.to else None
        other = (
            target.field(field_id)
            if target is not None and ref is not None and not ref.multiple
            else None
        )
    else:
        other = (
            parent.field(question.not_before)
            if parent is not None
            else q.question(question.not_before)
            if q is not None
            else None
        )
    if not _takes(question, "not_before") or not _takes(other, "not_before"):
        yield (
            where(*qpath, "not_before"),
            msg(
                "{name}: not_before names another date question ({other} is not one)",
                name=question.id,
                other=question.not_before,
            ),
        )


def _migration_problems(
    q: Questionnaire, where: Any
) -> Iterator[tuple[tuple[int, int] | None, str]]:
    """Migrations: a chain of versions up to this one, each step one action on valid paths."""
    from coconstruct.model import conditions
    from coconstruct.model.migrations import StepPath
    from coconstruct.model.questionnaire import MIGRATION_ACTIONS

    froms = sorted(m.from_version for m in q.migrations)
    for index, migration in enumerate(q.migrations):
        mpath: tuple[int | str, ...] = ("migrations", index)
        if migration.to_version != migration.from_version + 1 or migration.to_version > q.version:
            yield (
                where(*mpath, "to"),
                msg(
                    "migration from {old} to {new}: each migration goes to the next version, "
                    "up to this questionnaire's ({version})",
                    old=migration.from_version,
                    new=migration.to_version,
                    version=q.version,
                ),
            )
        if froms.count(migration.from_version) > 1:
            yield (
                where(*mpath, "from"),
                msg("two migrations from version {old}", old=migration.from_version),
            )
        for s_index, step in enumerate(migration.steps):
            spath = (*mpath, "steps", s_index)
            actions = [a for a in MIGRATION_ACTIONS if getattr(step, a) is not None]
            if len(actions) != 1:
                yield (
                    where(*spath),
                    msg(
                        "a migration step does one thing: one of {actions}",
                        actions=", ".join(MIGRATION_ACTIONS),
                    ),
                )
                continue
            action = actions[0]
            for key in (action, "to"):
                text = getattr(step, key) if key != "to" else step.to
                if text is not None and StepPath.parse(text) is None:
                    yield (
                        where(*spath, key),
                        msg(
                            "{path}: not a migration path (a question, or list[].field)",
                            path=text,
                        ),
                    )
            if action in ("rename", "move") and step.to is None:
                yield where(*spath, action), msg("{action} needs `to:`", action=action)
            if action in ("rename", "move") and step.to is not None:
                target = StepPath.parse(step.to)
                if target is not None and not _exists(q, target):
                    yield (
                        where(*spath, "to"),
                        msg(
                            "{path}: no such question in version {version}",
                            path=step.to,
                            version=q.version,
                        ),
                    )
            if action in ("to_list", "map", "convert", "set"):
                target = StepPath.parse(step.path)
                if (
                    target is not None
                    and migration.to_version == q.version
                    and not _exists(q, target)
                ):
                    yield (
                        where(*spath, action),
                        msg(
                            "{path}: no such question in version {version}",
                            path=step.path,
                            version=q.version,
                        ),
                    )
            if action == "map" and not step.values:
                yield where(*spath, "map"), msg("map needs `values:` (old: new)")
            if action == "convert" and step.into not in CONVERSIONS:
                yield (
                    where(*spath, "convert"),
                    msg("convert needs `into:` one of {kinds}", kinds=", ".join(CONVERSIONS)),
                )
            if step.when is not None and (error := conditions.syntax_error(step.when, True)):
                yield where(*spath, "when"), msg("when: {problem}", problem=error)


def _exists(q: Questionnaire, path: Any) -> bool:
    question = q.question(path.question)
    if question is None:
        return False
    if path.field is None:
        return not path.new_item
    return question.is_list and question.field(path.field) is not None


#: the keys only some types take: whether a question has them, where a problem is said, and
#: what is said of a question of another type that has them (in the order problems are said)
_TYPES_KEYS: tuple[tuple[frozenset[str], Callable[[Question], bool], str, str], ...] = (
    (
        frozenset({"choices"}),
        lambda q: bool(q.choices),
        "choices",
        N_("{name}: only select, multiselect and scale have choices"),
    ),
    (
        frozenset({"to", "multiple"}),
        lambda q: q.to is not None or q.multiple,
        "to",
        N_("{name}: only reference questions have `to` and `multiple`"),
    ),
    (
        frozenset({"integer"}),
        lambda q: q.integer,
        "integer",
        N_("{name}: only number questions have `integer`"),
    ),
    (
        frozenset({"fields", "item_prefix", "item_title"}),
        lambda q: bool(q.fields or q.item_prefix or q.item_title),
        "fields",
        N_("{name}: only list questions have fields"),
    ),
)


def _takes(question: Question | None, key: str) -> bool:
    """Whether a question's type takes a key: `not_before` a date, `total_at_most` a number."""
    return question is not None and key in question.kind.keys


def _question_problems(
    question: Question,
    qpath: tuple[int | str, ...],
    where: Any,
    missing_langs: Any,
    list_ids: set[str],
    top: bool,
) -> Iterator[tuple[tuple[int, int] | None, str]]:
    from coconstruct.model import conditions

    name = question.id
    for key in ("label", "help", "unit", "unit_one"):
        if missing := missing_langs(getattr(question, key)):
            yield (
                where(*qpath, key),
                msg(
                    "{path}: missing language {languages}",
                    path=f"{name}.{key}",
                    languages=", ".join(missing),
                ),
            )
    for rule, message in question.messages.items():
        if missing := missing_langs(message):
            yield (
                where(*qpath, "messages", rule),
                msg(
                    "{name}: message for {rule}: missing language {languages}",
                    name=name,
                    rule=rule,
                    languages=", ".join(missing),
                ),
            )
    kind = question.kind
    own = kind.definition_problems(
        Definition(
            name,
            qpath,
            where,
            missing_langs,
            frozenset(list_ids),
            top,
            lambda field, fpath: _question_problems(
                field, fpath, where, missing_langs, list_ids, top=False
            ),
        )
    )
    said = False  # the type's own problems: where the first key it takes is checked
    for keys, has_them, at, foreign in _TYPES_KEYS:
        if kind.keys & keys:
            if not said:
                yield from own
                said = True
        elif has_them(question):
            yield where(*qpath, at), msg(foreign, name=name)
    if not said:
        yield from own
    if question.pattern is not None:
        try:
            re.compile(question.pattern)
        except re.error as exc:
            yield (
                where(*qpath, "pattern"),
                msg(
                    "{name}: pattern is not a valid regular expression ({problem})",
                    name=name,
                    problem=exc,
                ),
            )
    yield from variants.problems(
        name, question.variants, qpath, where, missing_langs, ("label", "help")
    )
    if question.min is not None and question.max is not None and question.min > question.max:
        yield where(*qpath, "min"), msg("{name}: min is greater than max", name=name)
    if question.when is not None and (
        error := conditions.syntax_error(question.when, expression=True)
    ):
        yield where(*qpath, "when"), msg("{name}: when: {problem}", name=name, problem=error)
    default = question.default
    if (
        isinstance(default, str)
        and conditions.is_template(default)
        and (error := conditions.syntax_error(default, expression=False))
    ):
        yield where(*qpath, "default"), msg("{name}: default: {problem}", name=name, problem=error)
