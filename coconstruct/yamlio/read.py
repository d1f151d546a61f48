"""Reading YAML strictly, with the place of every problem and of every value.

Answer files come from workshop rooms and questionnaires from third parties, so reading is
defensive: a stream of parser events is checked before anything is built (no tags, no anchors or
aliases, no `%YAML 1.1` directive, one document, bounded nesting), and every error names its
`file:line:col`. The documents keep comments and positions (round-trip), for editing and messages.
"""

from __future__ import annotations

import contextlib
import re
import sys
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    NodeEvent,
)
from ruamel.yaml.parser import RoundTripParser
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.resolver import VersionedResolver

from coconstruct.errors import Position, PositionedError
from coconstruct.i18n import msg

MAX_DEPTH = 32  # an answers file is at most five levels deep; deeper is an attack or an accident
MAX_BYTES = 64 * 1024 * 1024


class _CoreResolver(VersionedResolver):
    """YAML 1.2 core schema: no implicit timestamps.

    ruamel resolves `2027-03-15` to a date as an extension; an impossible date (`2027-02-30`)
    then fails deep inside the constructor with no position. Dates stay strings here and are
    checked, with their position, by validation.
    """

    _timestamp = "tag:yaml.org,2002:timestamp"

    @property
    def versioned_resolver(self) -> Any:
        table = super().versioned_resolver
        if not getattr(self, "_filtered", False):
            for first, resolvers in table.items():
                table[first] = [(tag, rx) for tag, rx in resolvers if tag != self._timestamp]
            self._filtered = True
        return table


def make_yaml() -> YAML:
    """A round-trip YAML 1.2 reader/writer with the house layout."""
    yaml = YAML(typ="rt")
    yaml.Resolver = _CoreResolver
    yaml.Parser = _StrictParser
    yaml.width = sys.maxsize  # never fold a line: a one-word edit stays a one-line diff
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.preserve_quotes = True
    yaml.allow_duplicate_keys = False
    return yaml


def read_text(path: Path) -> str:
    """Read a UTF-8 file (a BOM is accepted) or fail with the place of the first bad byte."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise PositionedError(
                Position(str(path)), msg("file too large ({size} bytes)", size=size)
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise PositionedError(Position(str(path)), msg("no such file")) from None
    except IsADirectoryError:
        raise PositionedError(Position(str(path)), msg("is a folder, not a file")) from None
    except PermissionError:
        raise PositionedError(Position(str(path)), msg("permission denied")) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        raise PositionedError(
            Position(str(path), line, col),
            msg("invalid UTF-8 byte 0x{byte}", byte=f"{raw[exc.start]:02x}"),
        ) from None


def load_yaml(text: str, filename: str, comments: bool = True) -> Any:
    """Parse one YAML document strictly, keeping comments and positions (round-trip).

    `comments=False` is for reading only (a document that will not be saved): libyaml's C
    parser, when PyYAML has it, then reads the text about five times faster, and ruamel builds
    the same document from its events, through the same checks (see `_LibyamlParser`).
    Whatever libyaml does not read the way we do, it leaves to the parser below, whose errors
    are the ones shown.
    """
    if not comments and _libyaml_takes(text):
        fast = make_yaml()
        fast.Parser = _LibyamlParser
        with contextlib.suppress(Exception):  # any doubt: the full parser reads it, says why
            return fast.load(text)
    yaml = make_yaml()
    try:
        return yaml.load(text)
    except _Refused as exc:
        where = Position(filename, exc.mark.line + 1, exc.mark.column + 1)
        if exc.directive:
            where = _directive_position(text, filename)
        raise PositionedError(where, exc.message) from None
    except MarkedYAMLError as exc:
        raise _positioned(exc, filename) from None
    except ReaderError as exc:
        before = text[: exc.position]
        line = before.count("\n") + 1
        col = exc.position - (before.rfind("\n") + 1) + 1
        char = exc.character if isinstance(exc.character, int) else 0
        raise PositionedError(
            Position(filename, line, col),
            msg("character U+{code} is not allowed in YAML (remove it)", code=f"{char:04X}"),
        ) from None
    except YAMLError as exc:
        raise PositionedError(Position(filename), _one_line(str(exc))) from None


class _Refused(Exception):
    def __init__(self, mark: Any, message: str, directive: bool = False) -> None:
        super().__init__(message)
        self.mark, self.message, self.directive = mark, message, directive


class _StrictParser(RoundTripParser):
    """The round-trip parser, refusing what answers never need as each event goes by.

    Checking events in the one parse (rather than a separate pass) keeps loading fast, and
    refuses an alias bomb before a single node is built.
    """

    def get_event(self) -> Any:
        return self._checked(super().get_event())

    def _checked(self, event: Any) -> Any:
        if isinstance(event, DocumentStartEvent):
            self._documents = getattr(self, "_documents", 0) + 1
            if self._documents > 1:
                raise _Refused(event.start_mark, msg("only one YAML document is allowed"))
            if event.version is not None and tuple(event.version) != (1, 2):
                version = ".".join(map(str, event.version))
                raise _Refused(
                    event.start_mark,
                    msg(
                        "%YAML {version} directive: coconstruct reads YAML 1.2 only "
                        "(remove the directive)",
                        version=version,
                    ),
                    directive=True,
                )
        elif isinstance(event, AliasEvent):
            raise _Refused(
                event.start_mark, msg("aliases (*name) are not allowed; write the value out")
            )
        elif isinstance(event, NodeEvent):
            if event.anchor is not None:
                raise _Refused(
                    event.start_mark, msg("anchors (&name) are not allowed; write the value out")
                )
            tag = getattr(event, "tag", None)
            if tag is not None:
                raise _Refused(event.start_mark, msg("YAML tags are not allowed ({tag})", tag=tag))
            if isinstance(event, CollectionStartEvent):
                self._depth = getattr(self, "_depth", 0) + 1
                if self._depth > MAX_DEPTH:
                    raise _Refused(
                        event.start_mark, msg("nested deeper than {n} levels", n=MAX_DEPTH)
                    )
        elif isinstance(event, CollectionEndEvent):
            self._depth -= 1
        return event


# Characters libyaml (YAML 1.1) and ruamel may not read alike: line breaks of 1.1 only, a BOM
# inside the text, tabs (libyaml takes some that ruamel refuses). A text holding one is read by
# ruamel alone; our writer never writes them raw.
_LIBYAML_SHY = re.compile("[\t\x85\u2028\u2029\ufeff]")


def _libyaml_takes(text: str) -> bool:
    try:
        import yaml
    except ImportError:
        return False
    return bool(getattr(yaml, "__with_libyaml__", False)) and not _LIBYAML_SHY.search(text)


class _LibyamlParser(_StrictParser):
    """libyaml's events, as ruamel's, for ruamel to compose and construct the document.

    libyaml scans and parses (in C); ruamel's reader has already checked the characters, and
    its composer, resolver (YAML 1.2, see `_CoreResolver`) and constructor build the document
    from these events, with the positions of every key and value. Every event goes through
    `_StrictParser`'s checks. Comments are not events: a document read this way has none.
    """

    def reset_parser(self) -> None:
        super().reset_parser()
        self._events: Any = None

    def _pull(self) -> Any:
        import yaml
        from ruamel.yaml import events
        from ruamel.yaml.error import StreamMark

        if self._events is None:
            text = self.loader.reader.buffer.rstrip("\0")  # the reader's copy, already checked
            self._events = yaml.parse(text, Loader=yaml.CSafeLoader)
        event = next(self._events)
        start, end = event.start_mark, event.end_mark
        marks = (
            StreamMark("<yaml>", start.index, start.line, start.column),
            StreamMark("<yaml>", end.index, end.line, end.column),
        )
        kind = type(event).__name__
        if kind == "ScalarEvent":
            return events.ScalarEvent(
                event.anchor, event.tag, event.implicit, event.value, *marks, style=event.style
            )
        if kind in ("MappingStartEvent", "SequenceStartEvent"):
            made = getattr(events, kind)
            flow = event.flow_style
            return made(event.anchor, event.tag, event.implicit, *marks, flow_style=flow)
        if kind == "DocumentStartEvent":
            return events.DocumentStartEvent(
                *marks, explicit=event.explicit, version=event.version, tags=event.tags
            )
        if kind == "DocumentEndEvent":
            return events.DocumentEndEvent(*marks, explicit=event.explicit)
        if kind == "AliasEvent":
            return events.AliasEvent(event.anchor, *marks)
        return getattr(events, kind)(*marks)  # stream start and end, collection ends

    def check_event(self, *choices: Any) -> bool:
        event = self.peek_event()
        return event is not None and (not choices or isinstance(event, choices))

    def peek_event(self) -> Any:
        if self.current_event is None:
            self.current_event = self._pull()
        return self.current_event

    def get_event(self) -> Any:
        event = self.peek_event()
        self.current_event = None
        return self._checked(event)


def _directive_position(text: str, filename: str) -> Position:
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("%YAML"):
            return Position(filename, number, 1)
    return Position(filename, 1, 1)


def _positioned(exc: MarkedYAMLError, filename: str) -> PositionedError:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or msg("invalid YAML")
    if "duplicate key" in str(exc) or "found duplicate key" in (exc.problem or ""):
        problem = msg("duplicate key {key}", key=_duplicate_key_name(exc))
    else:
        problem, mark = _explained(exc, problem, mark)
    where = Position(filename, mark.line + 1, mark.column + 1) if mark else Position(filename)
    return PositionedError(where, _one_line(problem))


def _explained(exc: MarkedYAMLError, problem: str, mark: Any) -> tuple[str, Any]:
    """The parser's usual complaints in words a person editing answers by hand understands.

    An unclosed quote or bracket is reported where it was opened, not where the file ended.
    """

    context = exc.context or ""
    opened = exc.context_mark
    if "quoted scalar" in context and opened:
        return msg("quote opened here and never closed"), opened
    if context.startswith("while parsing a flow") and "expected ','" in problem and opened:
        bracket = "[" if "sequence" in context else "{"
        return msg("'{bracket}' opened here and never closed", bracket=bracket), opened
    if problem.startswith("mapping values are not allowed"):
        return msg("unexpected ':' here: put a value that contains ': ' in quotes"), mark
    if problem.startswith("expected <block end>"):
        return msg("inconsistent indentation: align this line with the keys of its level"), mark
    if "found '<stream end>'" in problem:
        return msg("the file ends where a value was expected (a bracket or quote left open?)"), (
            opened or mark
        )
    if problem.startswith("could not find expected ':'"):
        return msg("expected ':' after the key"), mark
    found = re.match(r"found character '(.+)' that cannot start any token", problem)
    if found:
        if found[1] == "\\t":
            return msg("tab character: YAML is indented with spaces"), mark
        return msg("a value cannot start with '{char}': put it in quotes", char=found[1]), mark
    return problem, mark


def _duplicate_key_name(exc: MarkedYAMLError) -> str:
    found = re.search(r'duplicate key (".*?") with value', exc.problem or "", re.S)
    return found[1] if found else ""


def _one_line(text: str) -> str:
    return " ".join(text.split())


def position(container: Any, key: Any) -> tuple[int, int] | None:
    """The 1-based (line, col) of `container[key]`'s key (mapping) or item (sequence)."""
    try:
        if isinstance(container, CommentedMap):
            line, col = container.lc.key(key)
        elif isinstance(container, CommentedSeq):
            line, col = container.lc.item(key)
        else:
            return None
    except (KeyError, IndexError, TypeError, AttributeError):
        return None
    return line + 1, col + 1


def value_position(container: Any, key: Any) -> tuple[int, int] | None:
    """The 1-based (line, col) of the value at `container[key]`."""
    try:
        if isinstance(container, CommentedMap):
            line, col = container.lc.value(key)
            return line + 1, col + 1
    except (KeyError, IndexError, TypeError, AttributeError):
        return None
    return position(container, key)


def start_position(node: Any) -> tuple[int, int] | None:
    """Where a mapping or sequence itself starts."""
    lc = getattr(node, "lc", None)
    if lc is None or lc.line is None:
        return None
    return lc.line + 1, lc.col + 1
