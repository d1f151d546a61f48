"""The answers file: round-trip load and save, edits in questionnaire order, locking.

The file is a ruamel round-trip document, edited in place, so the comments, key order and quoting
a person wrote survive every save. Only the answers we touch change, and they are written where
the questionnaire puts them.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shlex
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from coconstruct.errors import CoconstructError, Position, PositionedError
from coconstruct.language.messages import msg
from coconstruct.model import fsio
from coconstruct.model.questionnaire import BUILTIN_DIR, Question, Questionnaire
from coconstruct.model.text import normalize_text
from coconstruct.model.yamlio.read import load_values, load_yaml, read_text, value_position
from coconstruct.model.yamlio.write import IncrementalDumper, block_if_multiline

HEADER_KEYS = ("questionnaire", "questionnaire_version", "language", "status")
HEADER = re.compile(r"^questionnaire:[ \t]*['\"]?([^'\"#\n]+?)['\"]?[ \t]*(?:#.*)?$", re.M)
_ANSWERS_KEY = re.compile(r"^answers:", re.M)


def looks_like_answers_file(path: Path) -> bool:
    """Whether a file is an answers file, from its text alone (cheap: no YAML parse).

    Batch rendering and `validate --only-answers` use it to pass over other YAML in a folder.
    """
    try:
        with path.open("rb") as handle:
            text = handle.read(256 * 1024).decode("utf-8", errors="replace")
    except OSError:
        return False
    return bool(HEADER.search(text) and _ANSWERS_KEY.search(text))


CONFLICT_MARKER = re.compile(r"^(?:<{7}|={7}|>{7}|\|{7})(?: |$)", re.M)


class ConflictMarkers(PositionedError):
    """A merge left conflict markers in the file: it is no YAML until someone chooses."""

    def __init__(self, name: str, lines: list[int]) -> None:
        super().__init__(
            Position(name, lines[0], 1),
            msg(
                "conflict marker left by a merge: choose between the two versions, then "
                "delete the markers"
            ),
            hint=msg("coconstruct diff shows what each side changed"),
        )
        self.lines = lines


def check_no_conflict_markers(text: str, name: str) -> None:
    """Refuse a file a merge left with conflict markers, naming each marker's line."""
    if CONFLICT_MARKER.search(text) is None:
        return
    lines = [n for n, line in enumerate(text.split("\n"), 1) if CONFLICT_MARKER.match(line)]
    raise ConflictMarkers(name, lines)


KEPT_KEY = "kept_by_migration"  # values a migration could not place (migrations.py)
TOP_KEYS = (*HEADER_KEYS, "answers", "deferred", KEPT_KEY)
STATUSES = ("draft", "final")


class AnswersFile:
    """An answers document and where it lives."""

    def __init__(self, data: CommentedMap, path: Path, editable: bool = True) -> None:
        self.data = data
        self.path = path
        # set when the file was read through migrations (an older questionnaire version)
        self.migration: Any = None
        self.editable = editable  # False: read without its comments, never to be saved
        # taken back from what the last save kept (yamlio/kept.py): its positions may be stale
        self.recalled = False
        # an interview saves after every answer: unchanged answers are not emitted again
        self._dumper = IncrementalDumper("answers")
        # each list's items by id, and the highest number its ids use: an import of thousands
        # of rows finds an item, and the next id, without reading the whole list each time
        self._index: dict[str, _ListIndex] = {}

    # --- creating and reading ----------------------------------------------------------------

    @classmethod
    def new(cls, questionnaire: Questionnaire, path: Path, lang: str, source: str) -> AnswersFile:
        data = CommentedMap()
        data["questionnaire"] = source
        data["questionnaire_version"] = questionnaire.version
        data["language"] = lang
        data["status"] = "draft"
        data["answers"] = CommentedMap()
        title = questionnaire.title.get(lang) or next(iter(questionnaire.title.values()))
        data.yaml_set_start_comment(msg("{title} — coconstruct answers file", lang, title=title))
        return cls(data, path)

    @classmethod
    def load(
        cls, path: Path, comments: bool = True, duplicates: bool = False, recall: bool = False
    ) -> AnswersFile:
        """Read an answers file; YAML-level problems raise with their position.

        `comments=False` reads the same values several times faster, for what only reads them
        (export, diff, log, a comparison): such a document cannot be saved. `duplicates`: a key
        given twice keeps its first value (for `validate`, which says every duplicate).
        `recall`: take back the document the last save of this very text kept, when there is
        one (`set`; its positions are those of an earlier text, see yamlio/kept.py).
        """
        if not path.exists() and not path.is_symlink():  # the one hint a missing file wants
            raise PositionedError(
                Position(str(path)),
                msg("no such file"),
                hint=msg("create it with: coconstruct new {file}", file=shlex.quote(str(path))),
            )
        text = read_text(path)
        if recall and comments and not duplicates:
            kept = _kept().recall(path, text)
            if kept is not None:
                data, chunks = kept
                doc = cls._checked(data, path, comments)
                doc._dumper.chunks = chunks
                doc.recalled = True
                return doc
        return cls.parse(text, path, comments, duplicates)

    @classmethod
    def parse(
        cls, text: str, path: Path, comments: bool = True, duplicates: bool = False
    ) -> AnswersFile:
        """An answers document from its text (a file, or a version of it in git) named `path`."""
        name = str(path)
        check_no_conflict_markers(text, name)
        if duplicates:
            data = load_yaml(text, name, duplicates=True)
        else:
            data = load_yaml(text, name) if comments else load_values(text, name)
        return cls._checked(data, path, comments)

    @classmethod
    def _checked(cls, data: Any, path: Path, comments: bool) -> AnswersFile:
        name = str(path)
        if not isinstance(data, CommentedMap):
            raise PositionedError(
                Position(name, 1, 1),
                msg("an answers file is a YAML mapping (questionnaire:, answers:)"),
            )
        if "questionnaire" not in data:
            raise PositionedError(
                Position(name, 1, 1),
                msg("not an answers file: the `questionnaire:` header is missing"),
                hint=msg("create one with: coconstruct new FILE"),
            )
        answers = data.get("answers")
        if answers is None:
            data["answers"] = CommentedMap()
        elif not isinstance(answers, CommentedMap):
            line, col = value_position(data, "answers") or (None, None)
            raise PositionedError(Position(name, line, col), msg("answers: a mapping is expected"))
        return cls(data, path, editable=comments)

    # --- header -------------------------------------------------------------------------------

    @property
    def questionnaire_ref(self) -> str:
        return str(self.data.get("questionnaire") or "")

    @property
    def language(self) -> str:
        return str(self.data.get("language") or "fr")

    @property
    def status(self) -> str:
        return str(self.data.get("status") or "draft")

    @property
    def answers(self) -> CommentedMap:
        return self.data["answers"]  # type: ignore[no-any-return]

    # --- reading answers ------------------------------------------------------------------------

    def get(self, question_id: str) -> Any:
        return self.answers.get(question_id)

    def items(self, question_id: str) -> list[CommentedMap]:
        value = self.answers.get(question_id)
        if not isinstance(value, list):
            return []
        return [item for item in value if isinstance(item, CommentedMap)]

    def item(self, question_id: str, item_id: str) -> CommentedMap | None:
        index = self._indexed(question_id)
        if index is None:
            return None
        item = index.by_id.get(item_id)
        if item is None or str(item.get("id")) == item_id:
            return item
        # an id written over in place (`forget()` was not called): read the list again
        self.forget()
        return self._indexed(question_id).by_id.get(item_id)  # type: ignore[union-attr]

    def forget(self) -> None:
        """The lists were changed by hand (an item's id written over): index them again."""
        self._index.clear()

    def next_id(self, question: Question) -> str:
        """The id the next item of a list gets (`N13`; ids are never reused)."""
        index = self._indexed(question.id)
        if index is None:
            return next_item_id(question, [])
        return f"{question.item_prefix or 'I'}{index.used(question.item_prefix or 'I') + 1}"

    def _indexed(self, question_id: str) -> _ListIndex | None:
        """The list's index, read again when the list was changed other than through this file's
        methods (replaced, or its length changed)."""
        seq = self.answers.get(question_id)
        if not isinstance(seq, list):
            return None
        index = self._index.get(question_id)
        if index is None or index.seq is not seq or index.length != len(seq):
            index = self._index[question_id] = _ListIndex(seq)
        return index

    def plain(self) -> dict[str, Any]:
        """The answers as plain Python values, for conditions, analysis and templates."""
        return {str(k): as_loaded(v) for k, v in self.answers.items()}

    @property
    def deferred(self) -> list[str]:
        value = self.data.get("deferred")
        return [str(v) for v in value] if isinstance(value, list) else []

    # --- editing --------------------------------------------------------------------------------

    def set(self, questionnaire: Questionnaire, question_id: str, value: Any) -> None:
        """Store a top-level answer where the questionnaire order puts it."""
        value = _for_yaml(value)
        answers = self.answers
        if question_id in answers:
            answers[question_id] = value
            return
        order = questionnaire.order
        rank = order.get(question_id, len(order))
        position = len(answers)
        for index, key in enumerate(answers):
            if order.get(str(key), len(order)) > rank:
                position = index
                break
        answers.insert(position, question_id, value)

    def unset(self, question_id: str) -> None:
        self.answers.pop(question_id, None)

    def set_field(self, question: Question, item: CommentedMap, field_id: str, value: Any) -> None:
        """Store a list item's field in the order of the list's fields."""
        value = _for_yaml(value)
        if field_id in item:
            item[field_id] = value
            return
        order = {"id": -1} | {f.id: i for i, f in enumerate(question.fields or [])}
        rank = order.get(field_id, len(order))
        position = len(item)
        for index, key in enumerate(item):
            if order.get(str(key), len(order)) > rank:
                position = index
                break
        item.insert(position, field_id, value)

    def add_item(self, questionnaire: Questionnaire, question: Question) -> CommentedMap:
        """Append a new item with the next free stable id (N1, N2…; ids are never reused)."""
        seq = self.answers.get(question.id)
        if not isinstance(seq, CommentedSeq):
            seq = CommentedSeq(seq if isinstance(seq, list) else [])
            self.set(questionnaire, question.id, seq)
        item = CommentedMap()
        item["id"] = self.next_id(question)
        index = self._indexed(question.id)
        seq.append(item)
        if index is not None:
            index.add(item)
        return item

    def insert_item(
        self, questionnaire: Questionnaire, question: Question, item: Any, index: int
    ) -> None:
        """Put an item made elsewhere (another version of the file) at `index` of its list."""
        seq = self.answers.get(question.id)
        if not isinstance(seq, CommentedSeq):
            seq = CommentedSeq(seq if isinstance(seq, list) else [])
            self.set(questionnaire, question.id, seq)
        seq.insert(max(0, min(index, len(seq))), item)
        self._index.pop(question.id, None)

    def remove_item(self, question_id: str, item_id: str) -> None:
        seq = self.answers.get(question_id)
        if isinstance(seq, list):
            for index, item in enumerate(seq):
                if isinstance(item, dict) and str(item.get("id")) == item_id:
                    del seq[index]
                    self._index.pop(question_id, None)
                    return

    def move_item(self, question_id: str, item_id: str, offset: int) -> None:
        seq = self.answers.get(question_id)
        if not isinstance(seq, list):
            return
        ids = [str(i.get("id")) if isinstance(i, dict) else None for i in seq]
        if item_id not in ids:
            return
        old = ids.index(item_id)
        new = max(0, min(len(seq) - 1, old + offset))
        if new != old:
            seq.insert(new, seq.pop(old))

    def set_deferred(self, question_ids: list[str]) -> None:
        if question_ids:
            seq = CommentedSeq(question_ids)
            seq.fa.set_flow_style()
            self.data["deferred"] = seq
        else:
            self.data.pop("deferred", None)

    def set_status(self, status: str) -> None:
        self.data["status"] = status

    # --- writing --------------------------------------------------------------------------------

    def dump(self) -> str:
        return self._dumper.dump(self.data)

    def save(self) -> None:
        """Write atomically and durably (see fsio.atomic_write)."""
        if not self.editable:
            raise RuntimeError(f"{self.path} was read without its comments: it cannot be saved")
        text = self.dump()
        try:
            fsio.atomic_write(self.path, text)
            _kept().keep(self.path, text, self.data, self._dumper.chunks)
        except OSError as exc:
            raise CoconstructError(
                msg(
                    "{file}: could not save ({reason}); the file is unchanged",
                    file=self.path,
                    reason=exc.strerror or exc,
                ),
                hint=msg("free some disk space or choose a writable folder, then try again"),
            ) from None


def _kept() -> Any:
    from coconstruct.model.yamlio import kept

    return kept


def check_creatable(path: Path, lang: str | None = None) -> None:
    """Refuse, before asking anything, a new file that could not be written or would replace one."""
    if path.exists():
        raise CoconstructError(
            msg("{file} already exists; nothing was changed", lang, file=path),
            hint=msg("edit it with: coconstruct run {file}", lang, file=path),
        )
    if not path.parent.is_dir():
        raise CoconstructError(msg("{folder}: no such folder", lang, folder=path.parent))


def create(
    path: Path, questionnaire: Questionnaire, ref: str, language: str, lang: str | None = None
) -> AnswersFile:
    """Write a new, empty answers file (never over an existing one); the caller holds its lock.

    `ref` is how the questionnaire was named: a built-in id is recorded as is, a file by its path
    relative to the answers file, so that the pair can move together. Messages are in `lang`.
    """
    check_creatable(path, lang)
    doc = AnswersFile.new(questionnaire, path, language, questionnaire_source(ref, path))
    doc.save()
    return doc


def questionnaire_source(ref: str, answers_path: Path) -> str:
    """How an answers file names its questionnaire (see `create`)."""
    from coconstruct.model.questionnaire import resolve

    resolved = resolve(ref)
    if resolved.parent == BUILTIN_DIR and resolved.stem == ref:
        return ref
    return os.path.relpath(resolved.resolve(), answers_path.resolve().parent)


class _ListIndex:
    """A list's items by id, and the numbers its ids use, for one version of the list."""

    def __init__(self, seq: list[Any]) -> None:
        self.seq = seq
        self.length = len(seq)
        self.by_id: dict[str, CommentedMap] = {}
        self._ids: list[str] = []
        self._used: dict[str, int] = {}
        for item in seq:
            if isinstance(item, CommentedMap):
                self.by_id.setdefault(str(item.get("id")), item)
                self._ids.append(str(item.get("id", "")))

    def used(self, prefix: str) -> int:
        """The highest number of the ids written PREFIX + number (0 when none is)."""
        if prefix not in self._used:
            self._used[prefix] = max((_number(i, prefix) for i in self._ids), default=0)
        return self._used[prefix]

    def add(self, item: CommentedMap) -> None:
        item_id = str(item.get("id", ""))
        self.length += 1
        self.by_id.setdefault(item_id, item)
        self._ids.append(item_id)
        for prefix, used in self._used.items():
            self._used[prefix] = max(used, _number(item_id, prefix))


def _number(item_id: str, prefix: str) -> int:
    rest = item_id[len(prefix) :]
    return int(rest) if item_id.startswith(prefix) and rest.isdigit() else 0


def next_item_id(question: Question, items: list[Any]) -> str:
    prefix = question.item_prefix or "I"
    used = 0
    for item in items:
        item_id = str(item.get("id", "")) if isinstance(item, dict) else ""
        if item_id.startswith(prefix) and item_id[len(prefix) :].isdigit():
            used = max(used, int(item_id[len(prefix) :]))
    return f"{prefix}{used + 1}"


def _for_yaml(value: Any) -> Any:
    """Normalise text answers, give multi-line ones a literal block, write dates as ISO text."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return block_if_multiline(normalize_text(value))
    if isinstance(value, list) and not isinstance(value, CommentedSeq):
        seq = CommentedSeq(_for_yaml(v) for v in value)
        if all(isinstance(v, str | int) for v in value):
            seq.fa.set_flow_style()  # [N1, N3]: short, one line, diffs well
        return seq
    return value


def as_plain(value: Any) -> Any:
    """A value as the file holds it, in plain types (CommentedSeq → list, a date → ISO text)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): as_plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def as_loaded(value: Any) -> Any:
    """A value in plain types as `plain()` gives it (dates stay dates)."""
    if isinstance(value, dict):
        return {str(k): as_loaded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_loaded(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value
