"""Answers files outlive questionnaire versions: declarative migrations bring them up to date.

A questionnaire declares, as data, how answers of version N become answers of version N+1
(`migrations:` in its YAML, checked by `questionnaires check`); this module only interprets the
steps, on the round-trip document, so comments, key order, quoting and item ids survive. A value
with nowhere to go is never dropped: it is kept under `kept_by_migration:` with the path it had,
reported, and flagged by `validate` until someone places it.

    rename   a question or a list field gets a new id (`actions[].lead_partner` → `…leads`)
    move     into a new list item (`territory_code` → `communes[+].insee_code`) or out of one
    to_list  a single value becomes a list (one lead → several leads)
    map      choice values renamed (`values: {realisee: terminee}`; `null`: nowhere to go)
    convert  a value into a `date`, a `number`, `money` or `text` (what does not convert is kept)
    set      a value where there is none (`when:` a condition over the answers, `item` in a list)
    drop     a question that is gone: its values are kept aside
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from coconstruct.errors import CoconstructError
from coconstruct.language.messages import N_, msg
from coconstruct.model import conditions, question_types
from coconstruct.model.answers_file import KEPT_KEY, AnswersFile
from coconstruct.model.questionnaire import Migration, MigrationStep, Questionnaire

_PATH = re.compile(
    r"^(?P<question>[a-z][a-z0-9_]*)(?:\[(?P<new>\+?)\]\.(?P<field>[a-z][a-z0-9_]*))?$"
)


@dataclass(frozen=True)
class StepPath:
    """A migration path: a question, or a field of every item of a list (`list[].field`), or of
    a new item (`list[+].field`, as a `move` target)."""

    question: str
    field: str | None = None
    new_item: bool = False

    @classmethod
    def parse(cls, text: str) -> StepPath | None:
        found = _PATH.match(text.strip())
        if found is None:
            return None
        return cls(found["question"], found["field"], found["new"] == "+")

    def __str__(self) -> str:
        if self.field is None:
            return self.question
        return f"{self.question}[{'+' if self.new_item else ''}].{self.field}"


@dataclass(frozen=True)
class Change:
    """What one step did to one answer, for `migrate`'s report."""

    old: str  # the answer's path before (`actions[A1].lead_partner`)
    new: str | None  # where it is now; None when it was kept aside
    what: str  # the step: rename, move, to_list, map, convert, set, drop


@dataclass
class MigrationResult:
    from_version: int
    to_version: int
    changes: list[Change] = field(default_factory=list)

    @property
    def kept(self) -> list[Change]:
        return [c for c in self.changes if c.new is None]

    @property
    def changed(self) -> bool:
        return self.from_version != self.to_version


def file_version(doc: AnswersFile, questionnaire: Questionnaire) -> int:
    """The questionnaire version an answers file was written for (its header; current if none)."""
    version = doc.data.get("questionnaire_version")
    if isinstance(version, int) and not isinstance(version, bool):
        return version
    return questionnaire.version


def outdated(doc: AnswersFile, questionnaire: Questionnaire) -> bool:
    return file_version(doc, questionnaire) < questionnaire.version


def migrate(
    doc: AnswersFile, questionnaire: Questionnaire, lang: str | None = None
) -> MigrationResult:
    """Bring an answers document to the questionnaire's version, in memory; say what changed.

    A file already at the current version is left untouched (migrating is idempotent). A file
    written for a newer version than the questionnaire cannot be read: it is refused.
    """
    start = file_version(doc, questionnaire)
    result = MigrationResult(start, questionnaire.version)
    if start > questionnaire.version:
        raise CoconstructError(
            msg(
                "{file} was written for version {version} of questionnaire {id}, newer than "
                "this coconstruct knows ({current})",
                lang,
                file=doc.path,
                version=start,
                id=questionnaire.id,
                current=questionnaire.version,
            ),
            hint=msg("update coconstruct, or open the file with the version that wrote it", lang),
            lang=lang,
        )
    for migration in chain(questionnaire, start, lang):
        runner = _Runner(doc, questionnaire, result)
        for step in migration.steps:
            runner.apply(step)
    if result.changed:
        doc.data["questionnaire_version"] = questionnaire.version
    return result


def chain(questionnaire: Questionnaire, start: int, lang: str | None = None) -> list[Migration]:
    """The migrations from `start` to the questionnaire's version, in order."""
    steps = {m.from_version: m for m in questionnaire.migrations}
    out = []
    version = start
    while version < questionnaire.version:
        migration = steps.get(version)
        if migration is None:
            raise CoconstructError(
                msg(
                    "questionnaire {id} has no migration from version {version}",
                    lang,
                    id=questionnaire.id,
                    version=version,
                ),
                lang=lang,
            )
        out.append(migration)
        version = migration.to_version
    return out


class _Runner:
    """The steps of one migration, applied to one document."""

    def __init__(self, doc: AnswersFile, questionnaire: Questionnaire, result: MigrationResult):
        self.doc, self.q, self.result = doc, questionnaire, result

    def apply(self, step: MigrationStep) -> None:
        getattr(self, f"_{step.action}")(step)

    # --- where values are ------------------------------------------------------------------

    def _places(self, path: StepPath) -> list[tuple[CommentedMap, str, str]]:
        """(container, key, the path a user knows) of every answer a path names in the file."""
        answers = self.doc.answers
        if path.field is None:
            return [(answers, path.question, path.question)] if path.question in answers else []
        places = []
        for item in self.doc.items(path.question):
            if path.field in item:
                label = f"{path.question}[{item.get('id')}].{path.field}"
                places.append((item, path.field, label))
        return places

    def _keep(self, label: str, value: Any, what: str) -> None:
        """Keep a value with nowhere to go, under `kept_by_migration:`, with its old path."""
        kept = self.doc.data.get(KEPT_KEY)
        if not isinstance(kept, CommentedMap):
            kept = CommentedMap()
            self.doc.data[KEPT_KEY] = kept
            self.doc.data.yaml_set_comment_before_after_key(
                KEPT_KEY,
                before=msg(
                    "Values a questionnaire migration could not place: move each where it "
                    "belongs, then delete it (validate reminds you)",
                    self.doc.language,
                ),
            )
        key, n = label, 2
        while key in kept:
            key, n = f"{label} ({n})", n + 1
        kept[key] = value
        self.result.changes.append(Change(label, None, what))

    def _rename_deferred(self, old: str, new: str) -> None:
        """`deferred:` paths follow a renamed question or field."""
        deferred = self.doc.deferred
        renamed = [re.sub(rf"^{re.escape(old)}(?=$|\[|\.)", new, p) for p in deferred]
        if renamed != deferred:
            self.doc.set_deferred(renamed)

    # --- the steps -------------------------------------------------------------------------

    def _rename(self, step: MigrationStep) -> None:
        source, target = StepPath.parse(step.rename or ""), StepPath.parse(step.to or "")
        if source is None or target is None:
            return
        for container, key, label in self._places(source):
            new_key = target.field if target.field is not None else target.question
            new_label = label.replace(key, new_key) if source.field else new_key
            if new_key in container:  # already answered there: the old value goes aside
                self._keep(label, container.pop(key), "rename")
                continue
            _rename_key(container, key, new_key)
            self.result.changes.append(Change(label, new_label, "rename"))
        old = str(source).replace("[]", "")
        self._rename_deferred(
            source.question if source.field is None else old, str(target).replace("[]", "")
        )
        if source.field is not None and target.field is not None:
            self._rename_deferred_fields(source.question, source.field, target.field)

    def _rename_deferred_fields(self, question: str, old: str, new: str) -> None:
        pattern = re.compile(rf"^({re.escape(question)}\[[^\]]+\])\.{re.escape(old)}$")
        deferred = self.doc.deferred
        renamed = [pattern.sub(rf"\1.{new}", p) for p in deferred]
        if renamed != deferred:
            self.doc.set_deferred(renamed)

    def _move(self, step: MigrationStep) -> None:
        source, target = StepPath.parse(step.move or ""), StepPath.parse(step.to or "")
        if source is None or target is None:
            return
        places = self._places(source)
        if source.field is None and target.new_item and target.field is not None:
            list_question = self.q.question(target.question)
            for container, key, label in places:
                value = container.pop(key)
                if list_question is None or value in (None, "", []):
                    self._keep(label, value, "move")
                    continue
                item = self.doc.add_item(self.q, list_question)
                self.doc.set_field(list_question, item, target.field, value)
                new = f"{target.question}[{item['id']}].{target.field}"
                self.result.changes.append(Change(label, new, "move"))
            return
        if source.field is not None and target.field is None:
            if len(places) == 1 and target.question not in self.doc.answers:
                container, key, label = places[0]
                self.doc.set(self.q, target.question, container.pop(key))
                self.result.changes.append(Change(label, target.question, "move"))
                return
            for container, key, label in places:  # several items: no single place for them
                self._keep(label, container.pop(key), "move")
            return
        for container, key, label in places:  # top to top: to its place in the new order
            value = container.pop(key)
            if target.question in self.doc.answers:
                self._keep(label, value, "move")
            else:
                self.doc.set(self.q, target.question, value)
                self.result.changes.append(Change(label, target.question, "move"))
        self._rename_deferred(source.question, target.question)

    def _to_list(self, step: MigrationStep) -> None:
        path = StepPath.parse(step.to_list or "")
        if path is None:
            return
        for container, key, label in self._places(path):
            value = container[key]
            if isinstance(value, list):
                continue
            if value in (None, ""):
                container[key] = _flow([])
            else:
                container[key] = _flow([value])
            self.result.changes.append(Change(label, label, "to_list"))

    def _map(self, step: MigrationStep) -> None:
        path = StepPath.parse(step.map or "")
        table = dict(step.values or {})
        if path is None:
            return
        for container, key, label in self._places(path):
            value = container[key]
            many = isinstance(value, list)
            mapped, lost = [], []
            for one in value if many else [value]:
                if one in table:
                    if table[one] is None:
                        lost.append(one)
                    else:
                        mapped.append(table[one])
                else:
                    mapped.append(one)
            if lost:
                self._keep(label, lost if many else lost[0], "map")
            if many:
                container[key] = _flow(mapped)
            elif mapped:
                container[key] = mapped[0]
            else:
                container.pop(key)
            if mapped != (value if many else [value]):
                self.result.changes.append(Change(label, label, "map"))

    def _convert(self, step: MigrationStep) -> None:
        path = StepPath.parse(step.convert or "")
        if path is None or step.into is None:
            return
        for container, key, label in self._places(path):
            value = container[key]
            converted = _converted(value, step.into, self.doc.language)
            if converted is None:
                self._keep(label, container.pop(key), "convert")
            elif converted != value:
                container[key] = converted
                self.result.changes.append(Change(label, label, "convert"))

    def _set(self, step: MigrationStep) -> None:
        path = StepPath.parse(step.set or "")
        if path is None:
            return
        answers = self.doc.plain()
        if path.field is None:
            if path.question not in self.doc.answers and conditions.is_shown(step.when, answers):
                self.doc.set(self.q, path.question, step.value)
                self.result.changes.append(Change(path.question, path.question, "set"))
            return
        list_question = self.q.question(path.question)
        if list_question is None:
            return
        for item in self.doc.items(path.question):
            plain = {str(k): v for k, v in item.items()}
            if path.field in item or not conditions.is_shown(step.when, {**answers, "item": plain}):
                continue
            self.doc.set_field(list_question, item, path.field, step.value)
            label = f"{path.question}[{item.get('id')}].{path.field}"
            self.result.changes.append(Change(label, label, "set"))

    def _drop(self, step: MigrationStep) -> None:
        path = StepPath.parse(step.drop or "")
        if path is None:
            return
        for container, key, label in self._places(path):
            self._keep(label, container.pop(key), "drop")


def _converted(value: Any, into: str, lang: str) -> Any:
    """A value as the new type, or None when it does not convert (it is then kept aside)."""
    if value in (None, ""):
        return value
    return question_types.named(into).converted(value, lang)


def _rename_key(container: CommentedMap, old: str, new: str) -> None:
    """Rename a key where it stands, its comments with it."""
    keys = list(container)
    position = keys.index(old)
    value = container.pop(old)
    comment = container.ca.items.pop(old, None)
    container.insert(position, new, value)
    if comment is not None:
        container.ca.items[new] = comment


def _flow(values: list[Any]) -> CommentedSeq:
    seq = CommentedSeq(values)
    if all(isinstance(v, str | int) for v in values):
        seq.fa.set_flow_style()
    return seq


@dataclass(frozen=True)
class FileMigration:
    """`migrate`'s outcome for one file: what changed, or why it could not be read."""

    path: str
    result: MigrationResult | None
    error: str | None = None
    lang: str | None = None


def migrate_files(
    paths: list[Any], dry_run: bool = False, questionnaire: str | None = None
) -> list[FileMigration]:
    """Bring answers files to their questionnaire's version, in place, atomically, each under
    its lock; `dry_run` says what would change and writes nothing. One bad file never stops
    the others."""
    from coconstruct.model.fsio import clean_stale_temp_files
    from coconstruct.model.locking import locked
    from coconstruct.model.validation import questionnaire_for

    out = []
    for path in paths:
        try:
            with locked(path):
                clean_stale_temp_files(path)
                doc = AnswersFile.load(path)
                q = questionnaire_for(doc, questionnaire)
                result = migrate(doc, q, doc.language)
                if result.changed and not dry_run:
                    doc.save()
            out.append(FileMigration(str(path), result, lang=doc.language))
        except CoconstructError as exc:
            out.append(FileMigration(str(path), None, exc.message, exc.lang))
    return out


_STEPS = {
    "rename": N_("renamed"),
    "move": N_("moved"),
    "to_list": N_("made a list"),
    "map": N_("value renamed"),
    "convert": N_("converted"),
    "set": N_("filled in"),
    "drop": N_("question gone"),
}


def describe(change: Change, lang: str | None) -> str:
    """One line of `migrate`'s report, in the file's language."""
    step = msg(_STEPS[change.what], lang)
    if change.new is None:
        return msg(
            "{old}: kept aside under kept_by_migration ({step})", lang, old=change.old, step=step
        )
    if change.new == change.old:
        return msg("{old}: {step}", lang, old=change.old, step=step)
    return msg("{old} → {new} ({step})", lang, old=change.old, new=change.new, step=step)


def notice(doc: AnswersFile, saves: bool, lang: str | None = None) -> str | None:
    """What a command says once about a file it read through migrations (None when current).

    A command that saves the file (`set`, `run`) writes it at the new version.
    """
    result = doc.migration
    if result is None or not result.changed:
        return None
    text = (
        N_(
            "{file} was written for version {old} of its questionnaire: read as version {new}, "
            "and saved so"
        )
        if saves
        else N_(
            "{file} was written for version {old} of its questionnaire: read as version {new} "
            "(coconstruct migrate {file} updates it)"
        )
    )
    return msg(text, lang, file=doc.path, old=result.from_version, new=result.to_version)
