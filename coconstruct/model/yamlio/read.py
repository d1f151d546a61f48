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
from coconstruct.language.messages import msg

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


def make_yaml(duplicates: bool = False) -> YAML:
    """A round-trip YAML 1.2 reader/writer with the house layout; `duplicates`: a key given
    twice in a mapping keeps its first value instead of failing (`validate` says them all)."""
    yaml = YAML(typ="rt")
    yaml.Resolver = _CoreResolver
    yaml.Parser = _StrictParser
    yaml.width = sys.maxsize  # never fold a line: a one-word edit stays a one-line diff
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.preserve_quotes = True
    yaml.allow_duplicate_keys = duplicates
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


class DuplicateKey(PositionedError):
    """A key given twice in one mapping: one error among the file's others, for `validate`."""


def load_yaml(text: str, filename: str, duplicates: bool = False) -> Any:
    """Parse one YAML document strictly, keeping comments and positions (round-trip);
    `duplicates`: read past keys given twice (their first value), see `duplicate_keys`."""
    yaml = make_yaml(duplicates)
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
    except (AssertionError, AttributeError, IndexError, TypeError):
        # ruamel's round-trip reader can trip on its own asserts over some broken files (a
        # comment where a block scalar's header should be): ask the plain reader where it breaks
        raise _plain_reader_error(text, filename) from None


def _plain_reader_error(text: str, filename: str) -> PositionedError:
    """Where the reading broke: what comes after the last piece of YAML that could be read."""
    from ruamel.yaml import YAML

    last = None
    try:
        for token in YAML().scan(text):
            last = token
    except Exception:  # the same trip: `last` is where the reader still understood the file
        pass
    if last is None:
        return PositionedError(
            Position(filename), msg("this YAML cannot be read (check its syntax)")
        )
    line = last.end_mark.line + 1
    following = text.split("\n")[line:]  # the next line with something on it
    skip = next((i for i, row in enumerate(following) if row.strip()), 0)
    return PositionedError(
        Position(filename, line + 1 + skip, 1),
        msg("this YAML cannot be read here (check its syntax)"),
    )


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
        where = Position(filename, mark.line + 1, mark.column + 1) if mark else Position(filename)
        return DuplicateKey(where, _one_line(problem))
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


def duplicate_keys(text: str, filename: str) -> list[DuplicateKey]:
    """Every key given again in a mapping of a readable document, where it is given again."""
    from ruamel.yaml.nodes import MappingNode, Node, SequenceNode

    found: list[DuplicateKey] = []

    def walk(node: Node | None) -> None:
        if isinstance(node, MappingNode):
            seen: set[Any] = set()
            for key, value in node.value:
                name = getattr(key, "value", None)
                if isinstance(name, str) and name in seen:
                    mark = key.start_mark
                    where = Position(filename, mark.line + 1, mark.column + 1)
                    found.append(
                        DuplicateKey(where, msg("duplicate key {key}", key='"' + name + '"'))
                    )
                seen.add(name)
                walk(value)
        elif isinstance(node, SequenceNode):
            for item in node.value:
                walk(item)

    with contextlib.suppress(YAMLError):  # broken further on: the strict reader says where
        walk(make_yaml(duplicates=True).compose(text))
    return found


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


# --- reading fast, for what only reads -----------------------------------------------------------


def load_values(text: str, filename: str) -> Any:
    """The same document as `load_yaml`, read some ten times faster, without comments.

    `diff`, `log`, the roadmap's comparison and the merge driver's common ancestor read whole
    versions of a file only to compare their values: they need what `load_yaml` builds (the same
    mappings, sequences, scalar types, YAML 1.2 core schema, positions) but not the comments,
    which only the round-trip scanner, in pure Python, keeps. Here libyaml (ruamel.yaml.clib)
    parses and the events are checked as `_StrictParser` checks them. Anything unusual (a tag, an
    anchor, a directive, a duplicate or complex key) and every error go to `load_yaml`, so that
    refusals and their positions are written once, there.
    """
    try:
        from _ruamel_yaml import CParser
    except ImportError:  # no wheel for this platform: the round-trip reader does it all
        return load_yaml(text, filename)
    if _LIBYAML_SHY.search(text) or _HEADER_COMMENT.search(text):
        return load_yaml(text, filename)
    try:
        return _FastReader(CParser(text)).document()
    except Exception:
        return load_yaml(text, filename)


# Characters libyaml (YAML 1.1) and ruamel may not read alike: line breaks of 1.1 only, a BOM
# inside the text, tabs (libyaml takes some that ruamel refuses). A text holding one is read by
# ruamel alone; our writer never writes them raw.
_LIBYAML_SHY = re.compile("[\t\x85\u2028\u2029\ufeff]")
# A block scalar's header with a comment glued to it (`|#`, `>-#`): YAML wants a space before
# the comment and ruamel refuses it, libyaml reads it. Such a text goes to ruamel too.
_HEADER_COMMENT = re.compile(r"[|>][-+0-9]{0,2}#")


class _Unusual(Exception):
    """Something the fast reader leaves to the round-trip reader."""


class _FastReader:
    def __init__(self, parser: Any) -> None:
        from ruamel.yaml.nodes import ScalarNode

        self.parser = parser
        yaml = make_yaml()
        resolver = yaml.resolver
        # the resolver's own table, read once (its `resolve` looks the YAML version up for each
        # scalar, a third of the time here): the same rules, in the same order
        table = resolver.versioned_resolver
        anywhere = list(table.get(None, []))
        # an empty value (`key:`) is filed under "": a null, as the full reader reads it
        self.rules = {
            first: [*rules, *anywhere] for first, rules in table.items() if first is not None
        }
        self.anywhere = anywhere
        self.tags: dict[str, Any] = {}
        self.default = resolver.DEFAULT_SCALAR_TAG
        self.constructor = yaml.constructor
        self.node = ScalarNode
        self.depth = 0

    def document(self) -> Any:
        events = self.parser
        kinds = [type(events.get_event()).__name__, type(events.peek_event()).__name__]
        if kinds != ["StreamStartEvent", "DocumentStartEvent"]:
            raise _Unusual
        start = events.get_event()
        if getattr(start, "version", None) or getattr(start, "tags", None):
            raise _Unusual
        value = self.value(events.get_event())
        if type(events.get_event()).__name__ != "DocumentEndEvent":
            raise _Unusual
        if type(events.get_event()).__name__ != "StreamEndEvent":
            raise _Unusual  # a second document
        return value

    def value(self, event: Any) -> Any:
        if getattr(event, "anchor", None) is not None or getattr(event, "tag", None) is not None:
            raise _Unusual
        kind = type(event).__name__
        if kind == "ScalarEvent":
            return self.scalar(event)
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _Unusual
        mark = event.start_mark
        if kind == "MappingStartEvent":
            mapping = CommentedMap()
            mapping._yaml_set_line_col(mark.line, mark.column)
            if event.flow_style:
                mapping.fa.set_flow_style()
            while type(self.parser.peek_event()).__name__ != "MappingEndEvent":
                key_event = self.parser.get_event()
                if type(key_event).__name__ != "ScalarEvent":
                    raise _Unusual
                key = self.scalar(key_event)
                if key in mapping or key == "<<" or isinstance(key, list | dict):
                    raise _Unusual
                value_event = self.parser.peek_event()
                value_mark = value_event.start_mark
                mapping[key] = self.value(self.parser.get_event())
                mapping._yaml_set_kv_line_col(
                    key,
                    [
                        key_event.start_mark.line,
                        key_event.start_mark.column,
                        value_mark.line,
                        value_mark.column,
                    ],
                )
            self.parser.get_event()
            self.depth -= 1
            return mapping
        if kind == "SequenceStartEvent":
            seq = CommentedSeq()
            seq._yaml_set_line_col(mark.line, mark.column)
            if event.flow_style:
                seq.fa.set_flow_style()
            while type(self.parser.peek_event()).__name__ != "SequenceEndEvent":
                item = self.parser.get_event()
                seq._yaml_set_idx_line_col(len(seq), [item.start_mark.line, item.start_mark.column])
                seq.append(self.value(item))
            self.parser.get_event()
            self.depth -= 1
            return seq
        raise _Unusual  # an alias

    def scalar(self, event: Any) -> Any:
        value = event.value
        tag = self.default
        if event.implicit[0]:  # plain: its type comes from its text
            for name, pattern in self.rules.get(value[:1], self.anywhere):
                if pattern.match(value):
                    tag = self.tags.get(name)
                    if tag is None:
                        from ruamel.yaml.tag import Tag

                        tag = self.tags[name] = Tag(suffix=name)
                    break
        node = self.node(tag, value, event.start_mark, event.end_mark, style=event.style or None)
        return self.constructor.construct_object(node, deep=True)
