"""Question types: one class per type, found by the name a questionnaire gives in `type:`.

    common.py          QuestionType, the base every type derives from, and what types share
    free_text.py       text, textarea
    choices.py         select, multiselect, scale
    numeric.py         number, money, percent
    calendar_date.py   date
    yes_no.py          boolean
    reference.py       reference
    item_list.py       list

Every module of this package is read when it is first imported, and every subclass of
`QuestionType` with a `name` is a type the questionnaire format knows. A question reaches its
type as `question.kind`; values, display, schema, the spreadsheets, the interview, `show` and
the history ask it rather than comparing type names.

Adding a type is one module here: a class with its `name`, `read`, `coerce` and `schema` (from
`QuestionType` or a family: `FreeText`, `Amounts`, `OneChoice`…), overriding what else differs;
then its tests (tests/test_question_types.py), its row in docs/questionnaire-format.md (a test
holds the registry and the table together) and the French of its new messages.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator

from coconstruct.model.question_types.common import QuestionType


def _defined() -> dict[str, type[QuestionType]]:
    """Every type of this package's modules, by name."""
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    types: dict[str, type[QuestionType]] = {}
    for kind in _every_subclass():
        if "name" not in vars(kind):
            continue  # a family several types share, not a type
        if kind.name in types:
            raise TypeError(f"two question types are named {kind.name}: {types[kind.name]}, {kind}")
        types[kind.name] = kind
    return types


def _every_subclass() -> Iterator[type[QuestionType]]:
    waiting = QuestionType.__subclasses__()
    while waiting:
        kind = waiting.pop()
        yield kind
        waiting += kind.__subclasses__()


TYPES = _defined()
#: what `type:` may say, in alphabetical order (as pydantic lists them when one is wrong)
NAMES = tuple(sorted(TYPES))
#: the types a migration may `convert` a value into
CONVERSIONS = tuple(name for name in NAMES if TYPES[name].convertible)


def named(name: str) -> type[QuestionType]:
    """The type a questionnaire names (KeyError for a name no type has)."""
    return TYPES[name]
