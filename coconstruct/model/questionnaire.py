"""The questionnaire: a YAML definition checked with positions, kept as plain frozen classes.

The classes are standard dataclasses: pydantic validates a definition into them when it is
checked (`model_validate`, the constraints written in their annotations), and only then is
pydantic imported. A checked definition comes back from the cache (a pickle) without pydantic
at all: `set`, `validate` and `show` start without it.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, fields, replace
from dataclasses import field as default_of
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, TypeVar

from coconstruct import __version__
from coconstruct.errors import CoconstructError
from coconstruct.language.messages import msg
from coconstruct.model import fsio, question_types
from coconstruct.model.question_types.common import QuestionType
from coconstruct.model.text import LocalText as LocalText  # most modules read them from here
from coconstruct.model.text import text as text
from coconstruct.model.yamlio.read import (
    read_text,
)

BUILTIN_DIR = Path(__file__).resolve().parents[1] / "questionnaires"

if TYPE_CHECKING:
    from pydantic import AfterValidator, Field, TypeAdapter

    TypeName = str
    Conversion = str
else:  # what pydantic accepts, from the registry of question types
    TypeName = Literal[question_types.NAMES]
    Conversion = Literal[question_types.CONVERSIONS]
RuleName = Literal["required", "min", "max", "pattern"]

ID_PATTERN = r"^[a-z][a-z0-9_]*$"


def _known_languages(value: list[str]) -> list[str]:
    for lang in value:
        if not re.fullmatch(r"[a-z]{2}", lang):
            raise ValueError(f"language {lang!r} is not a two-letter code such as fr or en")
    return value


_M = TypeVar("_M", bound="Model")


class Model:
    """A frozen plain class that pydantic validates into (`extra` keys refused)."""

    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid", "frozen": True}

    @classmethod
    def model_validate(cls: type[_M], data: Any) -> _M:
        """`data` (a mapping, as read from YAML) checked and made into this class, or
        pydantic's ValidationError."""
        return _adapter(cls).validate_python(data)  # type: ignore[no-any-return]

    def __getstate__(self) -> dict[str, Any]:
        # the fields only: what was computed from them (cached properties) is computed again
        return {f.name: getattr(self, f.name) for f in fields(self)}  # type: ignore[arg-type]

    def __setstate__(self, state: dict[str, Any]) -> None:
        names = {f.name for f in fields(self)}  # type: ignore[arg-type]
        if not isinstance(state, dict) or set(state) != names:
            raise pickle.UnpicklingError(f"not a {type(self).__name__} of this version")
        self.__dict__.update(state)


_ADAPTERS: dict[type, Any] = {}


def _adapter(cls: type) -> TypeAdapter[Any]:
    """pydantic's validator of a class, built the first time a definition is checked."""
    if cls not in _ADAPTERS:
        import pydantic

        # the annotations are text until pydantic reads them here, in this module's names
        globals().update(Field=pydantic.Field, AfterValidator=pydantic.AfterValidator)
        _ADAPTERS[cls] = pydantic.TypeAdapter(cls)
    return _ADAPTERS[cls]  # type: ignore[no-any-return]


@dataclass(frozen=True, kw_only=True)
class Choice(Model):
    id: str | int
    label: LocalText
    help: LocalText | None = None


@dataclass(frozen=True, kw_only=True)
class Variant(Model):
    """Other words for a section or a question while a condition holds over the answers: a site
    documented from sources held no workshop, so its first section is « Le territoire et les
    sources » (`when: "origin == 'documentaire'"`). The first variant whose `when` holds wins;
    what it does not give keeps the usual words (model/variants.py)."""

    when: str
    title: LocalText | None = None
    intro: LocalText | None = None
    label: LocalText | None = None
    help: LocalText | None = None


@dataclass(frozen=True, kw_only=True)
class Question(Model):
    id: Annotated[str, Field(pattern=ID_PATTERN)]
    type: TypeName
    label: LocalText
    help: LocalText | None = None
    required: bool = False
    min: float | None = None
    max: float | None = None
    pattern: str | None = None
    messages: dict[RuleName, LocalText] = default_of(default_factory=dict)
    choices: list[Choice] | None = None
    # the questionnaire's `choice_lists` entry giving the choices (one list for several questions)
    choices_from: str | None = None
    unit: LocalText | None = None
    # the unit said of one, where the language says it so (French: 0 and 1 « personne »)
    unit_one: LocalText | None = None
    when: str | None = None
    default: Any = None
    # date: the (sibling) date it cannot come before, such as an action's `end` after `start`,
    # or `REFERENCE.FIELD`, a date of the item a reference field names (a measure's date and its
    # indicator's `indicator.baseline_date`); `not_before_warns`: said as a warning, not refused
    not_before: Annotated[str | None, Field(pattern=r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$")] = (
        None
    )
    not_before_warns: bool = False
    # a number field of a list: its items' figures add up to at most the product of these
    # top-level answers (the needs' `votes` ≤ `vote_voters` × `vote_dots`)
    total_at_most: list[str] | None = None
    # a number that counts (people, votes, a population): whole numbers only, and « 12.500 »
    # or « 12,500 » read as 12 500 where a count can be nothing else
    integer: bool = False
    # a top-level number: it and the top-level answers `adds_up_with` names add up to
    # `adds_up_to` (the three target shares of the model make 100 %); checked once all are given
    adds_up_to: float | None = None
    adds_up_with: list[str] | None = None
    # reference
    to: str | None = None
    multiple: bool = False
    # list
    fields: list[Question] | None = None
    item_prefix: Annotated[str | None, Field(pattern=r"^[A-Z][A-Za-z]{0,3}$")] = None
    item_title: str | None = None
    # other words (label, help) while a condition holds: see Variant
    variants: list[Variant] = default_of(default_factory=list)

    @cached_property
    def choice_ids(self) -> list[str | int]:
        return [choice.id for choice in self.choices or []]

    def choice(self, choice_id: object) -> Choice | None:
        for choice in self.choices or []:
            if choice.id == choice_id:
                return choice
        return None

    def field(self, field_id: str) -> Question | None:
        for field in self.fields or []:
            if field.id == field_id:
                return field
        return None

    @cached_property
    def kind(self) -> QuestionType:
        """Its type, which reads, checks, shows and describes its answers."""
        return question_types.named(self.type)(self)

    @property
    def is_list(self) -> bool:
        """Its answer is a list of items with fields of their own."""
        return self.kind.holds_items

    @property
    def is_multi(self) -> bool:
        """Its answer is a list of choices or of items' ids."""
        return self.kind.several


@dataclass(frozen=True, kw_only=True)
class Section(Model):
    id: Annotated[str, Field(pattern=ID_PATTERN)]
    title: LocalText
    intro: LocalText | None = None
    timebox: Annotated[int | None, Field(ge=1, le=24 * 60)] = None
    questions: list[Question]
    # other words (title, intro) while a condition holds: see Variant
    variants: list[Variant] = default_of(default_factory=list)


MIGRATION_ACTIONS = ("rename", "move", "to_list", "map", "convert", "set", "drop")


@dataclass(frozen=True, kw_only=True)
class MigrationStep(Model):
    """One change answers need to go from a version to the next (see migrations.py).

    Exactly one action: `rename`/`move` a path `to` another, `to_list` a single value, `map` choice
    `values`, `convert` a value `into` a type, `set` a `value` (`when` a condition holds, over
    `item` in a list), `drop` a question (its values are kept aside, never lost). A path is a
    question (`budget_year`) or a field of every item (`actions[].lead_partner`); `move` may go
    into a new item (`communes[+].name`).
    """

    rename: str | None = None
    move: str | None = None
    to: str | None = None
    to_list: str | None = None
    map: str | None = None
    values: dict[str | int, str | int | None] | None = None
    convert: str | None = None
    into: Conversion | None = None
    set: str | None = None
    value: Any = None
    when: str | None = None
    drop: str | None = None

    @property
    def action(self) -> str:
        """The step's action (the first one given; questionnaire checks insist on exactly one)."""
        return next((a for a in MIGRATION_ACTIONS if getattr(self, a) is not None), "")

    @property
    def path(self) -> str:
        return str(getattr(self, self.action, "") or "")


@dataclass(frozen=True, kw_only=True)
class Migration(Model):
    __pydantic_config__: ClassVar[dict[str, Any]] = {
        "extra": "forbid",
        "frozen": True,
        "populate_by_name": True,
    }

    from_version: Annotated[int, Field(alias="from", ge=1)]
    to_version: Annotated[int, Field(alias="to", ge=2)]
    steps: list[MigrationStep] = default_of(default_factory=list)


def _shared_choices(data: Any) -> Any:
    """A question's `choices_from: NAME` gets the choices of `choice_lists: NAME` (an unknown
    name leaves it without, which the checks say at the question)."""
    if not isinstance(data, dict) or not isinstance(data.get("choice_lists"), dict):
        return data
    shared = data["choice_lists"]

    def resolved(question: Any) -> Any:
        if not isinstance(question, dict):
            return question
        out = dict(question)
        name = out.get("choices_from")
        if isinstance(name, str) and name in shared and "choices" not in question:
            out["choices"] = shared[name]
        if isinstance(out.get("fields"), list):
            out["fields"] = [resolved(one) for one in out["fields"]]
        return out

    sections = [
        {**s, "questions": [resolved(q) for q in s["questions"]]}
        if isinstance(s, dict) and isinstance(s.get("questions"), list)
        else s
        for s in data.get("sections") or []
    ]
    return {**data, "sections": sections}


@dataclass(frozen=True, kw_only=True)
class Questionnaire(Model):
    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_-]*$")]
    version: Annotated[int, Field(ge=1)]
    title: LocalText
    languages: Annotated[list[str], Field(min_length=1), AfterValidator(_known_languages)]
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] = "EUR"
    sections: Annotated[list[Section], Field(min_length=1)]
    migrations: list[Migration] = default_of(default_factory=list)
    # lists of choices shared by several questions (`choices_from:`), defined once
    choice_lists: dict[str, list[Choice]] = default_of(default_factory=dict)
    source: str = ""  # the file it came from, for messages

    @classmethod
    def model_validate(cls: type[_M], data: Any) -> _M:
        return _adapter(cls).validate_python(_shared_choices(data))  # type: ignore[no-any-return]

    @cached_property
    def _by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions()}

    @cached_property
    def _section_of(self) -> dict[str, Section]:
        return {q.id: s for s in self.sections for q in s.questions}

    def questions(self) -> Iterator[Question]:
        """Top-level questions in order (list fields are reached through their list)."""
        for section in self.sections:
            yield from section.questions

    def question(self, question_id: str) -> Question | None:
        return self._by_id.get(question_id)

    def section_of(self, question_id: str) -> Section:
        return self._section_of[question_id]

    def section(self, section_id: str) -> Section | None:
        for section in self.sections:
            if section.id == section_id:
                return section
        return None

    @cached_property
    def order(self) -> dict[str, int]:
        return {q.id: index for index, q in enumerate(self.questions())}

    def lang(self, wanted: str | None) -> str:
        """The language to use: the wanted one if the questionnaire has it, else its first."""
        return wanted if wanted in self.languages else self.languages[0]


# --- loading ------------------------------------------------------------------------------------


def builtin_ids() -> list[str]:
    return sorted(p.stem for p in BUILTIN_DIR.glob("*.yaml"))


def resolve(name_or_path: str, relative_to: Path | None = None) -> Path:
    """A built-in id (`territoire`) or a path to a questionnaire file.

    An answers file names its questionnaire relative to itself: `relative_to` is its folder.
    """
    builtin = BUILTIN_DIR / f"{name_or_path}.yaml"
    if re.fullmatch(r"[a-z][a-z0-9_-]*", name_or_path) and builtin.is_file():
        return builtin
    for path in ([relative_to / name_or_path] if relative_to else []) + [Path(name_or_path)]:
        if path.is_file():
            return path
    raise CoconstructError(
        msg("no questionnaire {name}: neither a built-in id nor a file", name=name_or_path),
        hint=msg("built-in questionnaires: {ids}", ids=", ".join(builtin_ids())),
    )


_cache: dict[tuple[str, float], Questionnaire] = {}
_CACHE_FORMAT = "dataclasses-1"  # what the cache holds: changed when the classes change


def load(name_or_path: str) -> Questionnaire:
    """Load and check a questionnaire; every problem is reported at once with its position."""
    path = resolve(name_or_path)
    key = (str(path.resolve()), path.stat().st_mtime)
    if key not in _cache:
        _cache[key] = load_file(path)
    return _cache[key]


def load_file(path: Path) -> Questionnaire:
    """Load a questionnaire file, from the checked-model cache when its bytes were seen before.

    Parsing 70 kB of YAML with positions takes most of a second in pure Python, and building
    pydantic's validators a tenth of one: a definition that passed every check is cached as a
    pickle, keyed by its content, our version and Python's, and comes back as it was checked.
    """
    filename = str(path)  # as the user named it, so messages point where they look
    text = read_text(path)
    cached = _cache_file(text)
    if cached is not None:
        found = _from_cache(cached)
        if found is not None:
            return replace(found, source=filename)
    from coconstruct.model.questionnaire_checks import check

    questionnaire = check(text, filename)
    if cached is not None:
        with contextlib.suppress(OSError):
            blob = pickle.dumps(questionnaire, protocol=pickle.HIGHEST_PROTOCOL)
            fsio.atomic_write(cached, blob)
    return questionnaire


def _from_cache(cached: Path) -> Questionnaire | None:
    """The checked questionnaire kept in `cached`, or None (absent, unreadable, or not one)."""
    try:
        found = pickle.loads(cached.read_bytes())
    except FileNotFoundError:
        return None
    except Exception:  # a truncated or foreign file: checked again, and written over
        return None
    return found if isinstance(found, Questionnaire) else None


def _cache_file(text: str) -> Path | None:
    folder = fsio.cache_folder("questionnaires")
    if folder is None:
        return None
    key = f"{__version__}\0{_CACHE_FORMAT}\0{sys.version_info[:2]}\0{text}"
    digest = hashlib.sha256(key.encode()).hexdigest()
    return folder / f"{digest}.pickle"
