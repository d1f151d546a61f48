"""Checking an answers file against its questionnaire, every problem with its position."""

from __future__ import annotations

import contextlib
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from coconstruct.errors import CoconstructError, Position, PositionedError, ProblemsError
from coconstruct.language.messages import LANGUAGES, msg, nmsg
from coconstruct.model import conditions, double_funding, values
from coconstruct.model import questionnaire as qmod
from coconstruct.model.answers_file import (
    KEPT_KEY,
    STATUSES,
    TOP_KEYS,
    AnswersFile,
    ConflictMarkers,
    looks_like_answers_file,
)
from coconstruct.model.questionnaire import Question, Questionnaire
from coconstruct.model.yamlio.read import (
    DuplicateKey,
    duplicate_keys,
    position,
    read_text,
    start_position,
    value_position,
)


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    col: int | None
    question: str
    message: str
    severity: str = "error"  # or "warning"
    lang: str | None = None  # the language of the message (the file's), for the "warning:" tag

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}:{self.col or 1}"
        label = f"{self.question}: " if self.question else ""
        tag = msg("warning: ", self.lang) if self.severity == "warning" else ""
        return f"{where}: {tag}{label}{self.message}"

    def as_dict(self) -> dict[str, Any]:
        found = asdict(self)
        del found["lang"]
        return found


@dataclass(frozen=True)
class Report:
    """`validate`'s result: the problems of each file, in the order given."""

    files: dict[str, list[Problem]]
    outdated: frozenset[str] = frozenset()  # files at an older questionnaire version

    def count(self, severity: str) -> int:
        return sum(p.severity == severity for problems in self.files.values() for p in problems)

    def as_json(self) -> dict[str, Any]:
        return {
            "files": [
                {
                    "file": name,
                    "ok": not any(p.severity == "error" for p in problems),
                    "outdated": name in self.outdated,
                    "problems": [p.as_dict() for p in problems],
                }
                for name, problems in self.files.items()
            ],
            "errors": self.count("error"),
            "warnings": self.count("warning"),
        }

    def summary(self) -> str:
        """`2 fichiers vérifiés : 2 erreurs, 4 avertissements`, in the user's language."""
        return msg(
            "{files}: {errors}, {warnings}",
            files=nmsg("{n} file checked", "{n} files checked", len(self.files)),
            errors=nmsg("{n} error", "{n} errors", self.count("error")),
            warnings=nmsg("{n} warning", "{n} warnings", self.count("warning")),
        )


def check_files(
    paths: list[Path], questionnaire: str | None = None, only_answers: bool = False
) -> Report:
    """Validate files; `only_answers` passes over YAML that is not an answers file."""
    if only_answers:
        paths = [path for path in paths if looks_like_answers_file(path)]
    files, outdated = {}, set()
    for path in paths:
        problems, migrated = _check_one(path, questionnaire)
        files[str(path)] = problems
        if migrated:
            outdated.add(str(path))
    return Report(files, frozenset(outdated))


def questionnaire_for(doc: AnswersFile, override: str | None = None) -> Questionnaire:
    """The questionnaire an answers file names (a built-in id, or a path relative to the file)."""
    if override is not None:
        return qmod.load(override)
    ref = doc.questionnaire_ref
    line, col = value_position(doc.data, "questionnaire") or (1, 1)
    where = Position(str(doc.path), line, col)
    if not ref:
        raise PositionedError(
            where,
            msg("the `questionnaire:` header is empty"),
            hint=msg("write the id of a questionnaire, such as territoire"),
        )
    try:
        return qmod.load(str(qmod.resolve(ref, relative_to=doc.path.parent)))
    except ProblemsError:
        raise  # the questionnaire file's own problems, each with its place
    except PositionedError as exc:
        raise PositionedError(
            where, msg("questionnaire {ref}: {problem}", ref=ref, problem=exc.message)
        ) from None
    except CoconstructError as exc:
        raise PositionedError(where, exc.message, exc.hint) from None


def load_checked(
    path: Path,
    override: str | None = None,
    comments: bool = True,
    duplicates: bool = False,
    recall: bool = False,
) -> tuple[AnswersFile, Questionnaire]:
    """An answers file and its questionnaire; a file written for an older version of the
    questionnaire is read through its migrations, in memory (`doc.migration` says what moved;
    saving it writes the current version). `comments=False`: read faster, for reading only;
    `duplicates`: a key given twice keeps its first value (`validate` says them all);
    `recall`: the document the last save kept, when the file is as it left it (see
    `AnswersFile.load`)."""
    from coconstruct.model.migrations import migrate, outdated

    doc = AnswersFile.load(path, comments, duplicates, recall)
    questionnaire = questionnaire_for(doc, override)
    if outdated(doc, questionnaire):
        doc.migration = migrate(doc, questionnaire, doc.language)
    return doc, questionnaire


class InvalidAnswers(CoconstructError):
    """An answers file with validation errors: the first one, and how many there are."""

    def __init__(self, problems: list[Problem]) -> None:
        others = len(problems) - 1
        more = nmsg(" (and {n} more)", " (and {n} more)", others) if others else ""
        super().__init__(
            f"{problems[0]}{more}",
            hint=msg("see every problem with: coconstruct validate {file}", file=problems[0].file),
        )
        self.problems = problems


def refuse_errors(doc: AnswersFile, questionnaire: Questionnaire) -> None:
    """Raise InvalidAnswers when the file has validation errors (warnings pass): what `render`
    and `export` do with a file, rather than leave its invalid answers out."""
    problems = [p for p in validate(doc, questionnaire) if p.severity == "error"]
    if problems:
        raise InvalidAnswers(problems)


def validate(doc: AnswersFile, questionnaire: Questionnaire) -> list[Problem]:
    """Every problem in the file; missing required answers are warnings while status is draft."""
    return _Validator(doc, questionnaire).run()


class _Validator:
    def __init__(self, doc: AnswersFile, questionnaire: Questionnaire) -> None:
        self.doc, self.q = doc, questionnaire
        self.file = str(doc.path)
        self.lang = doc.language if doc.language in LANGUAGES else "en"
        self.final = doc.status == "final"
        self.problems: list[Problem] = []
        self.plain = doc.plain()
        self.items = values.items_index(questionnaire, self.plain)
        self._list: Question | None = None  # the list whose items are being checked

    def add(
        self, pos: tuple[int, int] | None, question: str, message: str, warning: bool = False
    ) -> None:
        line, col = pos or (None, None)
        self.problems.append(
            Problem(
                self.file,
                line,
                col,
                question,
                message,
                "warning" if warning else "error",
                self.lang,
            )
        )

    def run(self) -> list[Problem]:
        self.header()
        answers = self.doc.answers
        for key in answers:
            if self.q.question(str(key)) is None:
                self.add(
                    position(answers, key),
                    str(key),
                    msg("unknown question (not in questionnaire {qid})", self.lang, qid=self.q.id),
                )
        for question in self.q.questions():
            self.question(question, answers, question.id, self.plain, None)
            if question.adds_up_to is not None:
                self.adds_up(question, answers)
        for pos, path, said in double_funding.warnings(answers, self.plain, self.lang):
            self.add(pos, path, said, warning=True)  # one grant reported twice?
        deferred = self.doc.data.get("deferred")
        if deferred is not None and not isinstance(deferred, list):
            self.add(
                value_position(self.doc.data, "deferred"),
                "deferred",
                msg("a list of question ids is expected", self.lang),
            )
        for index, qid in enumerate(deferred if isinstance(deferred, list) else []):
            if self.q.question(str(qid).split("[")[0]) is None:
                self.add(
                    position(deferred, index),
                    "deferred",
                    msg("{value!r} is not a question", self.lang, value=qid),
                    warning=True,
                )
        return sorted(self.problems, key=lambda p: (p.line or 0, p.col or 0))

    def adds_up(self, question: Question, answers: Any) -> None:
        """Shares that must make a whole (`adds_up_to`): an error in a final file, a warning in
        a draft; said once every share is given (or when those given already go past it)."""
        names = [question.id, *(question.adds_up_with or [])]
        shown = [
            name
            for name in names
            if (other := self.q.question(name)) is not None
            and conditions.is_shown(other.when, self.plain)
        ]
        figures = [values.as_number(answers.get(name)) for name in shown]
        given = [f for f in figures if f is not None]
        total, whole = sum(given), float(question.adds_up_to or 0)
        if not given or abs(total - whole) < 1e-6:
            return
        if len(given) < len(shown) and total <= whole:
            return  # not every share given yet, and no overshoot

        def said(number: float) -> str:  # no babel here: `validate` starts without it
            return str(int(number)) if float(number).is_integer() else f"{number:g}"

        self.add(
            value_position(answers, question.id) or start_position(answers),
            " + ".join(shown),
            msg(
                "these answers add up to {total}, not {whole}",
                self.lang,
                total=said(total),
                whole=said(whole),
            ),
            warning=not self.final,
        )

    def header(self) -> None:
        data = self.doc.data
        for key in data:
            if key not in TOP_KEYS:
                self.add(
                    position(data, key),
                    str(key),
                    msg("unknown key (expected: {keys})", self.lang, keys=", ".join(TOP_KEYS)),
                )
        if self.doc.migration is not None:
            self.add(
                value_position(data, "questionnaire_version"),
                "questionnaire_version",
                msg(
                    "written for version {version} of the questionnaire, which is at version "
                    "{current}: coconstruct migrate {file} updates it",
                    self.lang,
                    version=self.doc.migration.from_version,
                    current=self.q.version,
                    file=self.doc.path,
                ),
                warning=True,
            )
        kept = data.get(KEPT_KEY)
        for key in kept if isinstance(kept, dict) else []:
            self.add(
                position(kept, key),
                KEPT_KEY,
                msg(
                    "{path}: kept by a questionnaire migration; put it where it belongs, then "
                    "delete it",
                    self.lang,
                    path=key,
                ),
                warning=True,
            )
        if data.get("language") not in self.q.languages:
            self.add(
                value_position(data, "language") or (1, 1),
                "language",
                msg(
                    "{value!r} is not a language of the questionnaire ({languages})",
                    self.lang,
                    value=data.get("language"),
                    languages=", ".join(self.q.languages),
                ),
            )
        if data.get("status", "draft") not in STATUSES:
            self.add(
                value_position(data, "status"),
                "status",
                msg(
                    "{value!r} is not a status ({statuses})",
                    self.lang,
                    value=data.get("status"),
                    statuses=", ".join(STATUSES),
                ),
            )

    def question(
        self,
        question: Question,
        container: Any,
        path: str,
        context: dict[str, Any],
        item: dict[str, Any] | None,
    ) -> None:
        present = question.id in container and not values.is_empty(container[question.id])
        ctx = context if item is None else {**context, "item": item}
        shown = conditions.is_shown(question.when, ctx)
        pos = value_position(container, question.id) if present else None
        if not shown:
            if present:
                self.add(
                    pos,
                    path,
                    msg(
                        "answer kept, but the question does not apply any more (its "
                        "`when:` condition is false)",
                        self.lang,
                    ),
                    warning=True,
                )
            return
        if not present:
            if question.required:
                start = start_position(container)
                self.add(
                    start,
                    path,
                    values.rule_message(question, "required", self.lang),
                    warning=not self.final,
                )
            return
        value = container[question.id]
        for message in values.check(question, value, self.lang, self.items):
            self.add(pos, path, message)
        if question.not_before is not None:
            earlier, earlier_value, owner = self._earlier(question.not_before, container, item)
            if earlier is not None:
                problem = values.order_problem(
                    question, value, earlier, earlier_value, self.lang, owner
                )
                if problem is not None:
                    self.add(pos, path, problem, warning=question.not_before_warns)
        if question.is_list and isinstance(value, list):
            self.list_items(question, value, path, context)
            for field in question.fields or []:
                if field.total_at_most:
                    figures = [item.get(field.id) for item in value if isinstance(item, dict)]
                    limits = [
                        (limit, self.doc.answers.get(limit.id))
                        for name in field.total_at_most
                        if (limit := self.q.question(name)) is not None
                    ]
                    problem = values.total_problem(question, field, figures, limits, self.lang)
                    if problem is not None:
                        self.add(pos, f"{path}.{field.id}", problem)

    def _earlier(
        self, name: str, container: Any, item: dict[str, Any] | None
    ) -> tuple[Question | None, Any, str | None]:
        """The date a `not_before` names, its value, and the item it belongs to when it is
        another list's (`indicator.baseline_date`: the baseline of the indicator named)."""
        if "." not in name:
            if item is None:
                return self.q.question(name), container.get(name), None
            sibling = self._list.field(name) if self._list is not None else None
            return sibling, container.get(name), None
        ref_id, field_id = name.split(".")
        ref = self._list.field(ref_id) if self._list is not None and item is not None else None
        target = self.q.question(ref.to) if ref is not None and ref.to else None
        if item is None or target is None:
            return None, None, None
        owner = item.get(ref_id)
        answers = self.doc.answers.get(target.id)
        for other in answers if isinstance(answers, list) else []:
            if isinstance(other, dict) and owner is not None and other.get("id") == owner:
                return target.field(field_id), other.get(field_id), str(owner)
        return None, None, None

    def list_items(self, question: Question, seq: Any, path: str, context: dict[str, Any]) -> None:
        seen: set[str] = set()
        field_ids = {f.id for f in question.fields or []}
        for index, item in enumerate(seq):
            where = position(seq, index)
            if not isinstance(item, dict):
                self.add(
                    where, f"{path}[{index}]", msg("a list item is a mapping of fields", self.lang)
                )
                continue
            item_id = item.get("id")
            label = f"{path}[{item_id}]" if item_id is not None else f"{path}[{index}]"
            if item_id is None or values.is_empty(item_id):
                self.add(
                    where,
                    label,
                    msg(
                        "the item has no `id` (such as {example})",
                        self.lang,
                        example=f"{question.item_prefix}{index + 1}",
                    ),
                )
            elif str(item_id) in seen:
                self.add(
                    value_position(item, "id"),
                    label,
                    msg("id {id} is used twice", self.lang, id=item_id),
                )
            else:
                seen.add(str(item_id))
            for key in item:
                if key != "id" and key not in field_ids:
                    self.add(
                        position(item, key),
                        f"{label}.{key}",
                        msg(
                            "unknown field (fields of {list}: {fields})",
                            self.lang,
                            list=path,
                            fields=", ".join(sorted(field_ids)),
                        ),
                    )
            plain_item = {str(k): v for k, v in item.items()}
            self._list = question
            for field in question.fields or []:
                self.question(field, item, f"{label}.{field.id}", context, plain_item)


def validate_path(path: Path, override: str | None = None) -> list[Problem]:
    """Load and validate one file; a file that cannot be read is one positioned problem."""
    return _check_one(path, override)[0]


def _check_one(
    path: Path, override: str | None, duplicates: bool = False
) -> tuple[list[Problem], bool]:
    """The problems of one file, and whether it was read through migrations (outdated). A key
    given twice is one error among the others: every duplicate is said, and the file is
    checked as read with each key's first value.

    A file is first read fast (libyaml, for reading only); one with a problem is read again by
    the full reader, whose positions (an empty value's, say) and words are the ones said."""
    if not duplicates:
        with contextlib.suppress(CoconstructError):
            doc, questionnaire = load_checked(path, override, comments=False)
            problems = validate(doc, questionnaire)
            if not problems:
                return problems, doc.migration is not None
    try:
        doc, questionnaire = load_checked(path, override, duplicates=duplicates)
    except DuplicateKey as first:
        said = [
            Problem(e.position.file, e.position.line, e.position.col, "", e.detail)
            for e in duplicate_keys(read_text(path), str(path)) or [first]
        ]
        problems, outdated = _check_one(path, override, duplicates=True)
        return sorted(said + problems, key=lambda p: (p.line or 0, p.col or 0)), outdated
    except ConflictMarkers as exc:  # every marker, so that none is left behind
        name = exc.position.file
        return [Problem(name, line, 1, "", exc.detail) for line in exc.lines], False
    except PositionedError as exc:
        pos = exc.position
        return [Problem(pos.file, pos.line, pos.col, "", exc.detail)], False
    except CoconstructError as exc:
        return [Problem(str(path), None, None, "", exc.message)], False
    return validate(doc, questionnaire), doc.migration is not None


def load_to_read(path: Path, override: str | None = None) -> tuple[AnswersFile, Questionnaire]:
    """`load_checked` for what only reads a file (`show`): libyaml reads it; a file it cannot
    read is refused in the full reader's words and positions, as `validate` says it."""
    try:
        return load_checked(path, override, comments=False)
    except CoconstructError:
        load_checked(path, override)  # the full reader's refusal, when it refuses too
        raise
