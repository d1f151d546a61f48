"""YAML in and out: strict, positioned reading and round-trip, diff-friendly writing.

Answer files come from workshop rooms and questionnaires from third parties, so reading is
defensive: a stream of parser events is checked before anything is built (no tags, no anchors or
aliases, no `%YAML 1.1` directive, one document, bounded nesting). Writing keeps what a person
wrote (comments, key order, quoting) and never folds a line, so git diffs stay small.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from functools import partial
from io import StringIO
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
from ruamel.yaml.scalarstring import LiteralScalarString

from coconstruct.errors import Position, PositionedError

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
            raise PositionedError(Position(str(path)), f"file too large ({size} bytes)")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise PositionedError(Position(str(path)), "no such file") from None
    except IsADirectoryError:
        raise PositionedError(Position(str(path)), "is a folder, not a file") from None
    except PermissionError:
        raise PositionedError(Position(str(path)), "permission denied") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        raise PositionedError(
            Position(str(path), line, col), f"invalid UTF-8 byte 0x{raw[exc.start]:02x}"
        ) from None


def load_yaml(text: str, filename: str) -> Any:
    """Parse one YAML document strictly, keeping comments and positions (round-trip)."""
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
            f"character U+{char:04X} is not allowed in YAML (remove it)",
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
        event = super().get_event()
        if isinstance(event, DocumentStartEvent):
            self._documents = getattr(self, "_documents", 0) + 1
            if self._documents > 1:
                raise _Refused(event.start_mark, "only one YAML document is allowed")
            if event.version is not None and tuple(event.version) != (1, 2):
                version = ".".join(map(str, event.version))
                raise _Refused(
                    event.start_mark,
                    f"%YAML {version} directive: coconstruct reads YAML 1.2 only "
                    "(remove the directive)",
                    directive=True,
                )
        elif isinstance(event, AliasEvent):
            raise _Refused(event.start_mark, "aliases (*name) are not allowed; write the value out")
        elif isinstance(event, NodeEvent):
            if event.anchor is not None:
                raise _Refused(
                    event.start_mark, "anchors (&name) are not allowed; write the value out"
                )
            tag = getattr(event, "tag", None)
            if tag is not None:
                raise _Refused(event.start_mark, f"YAML tags are not allowed ({tag})")
            if isinstance(event, CollectionStartEvent):
                self._depth = getattr(self, "_depth", 0) + 1
                if self._depth > MAX_DEPTH:
                    raise _Refused(event.start_mark, f"nested deeper than {MAX_DEPTH} levels")
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
    problem = exc.problem or exc.context or "invalid YAML"
    if "duplicate key" in str(exc) or "found duplicate key" in (exc.problem or ""):
        problem = "duplicate key " + _duplicate_key_name(exc)
    else:
        problem, mark = _explained(exc, problem, mark)
    where = Position(filename, mark.line + 1, mark.column + 1) if mark else Position(filename)
    return PositionedError(where, _one_line(problem))


def _explained(exc: MarkedYAMLError, problem: str, mark: Any) -> tuple[str, Any]:
    """The parser's usual complaints in words a person editing answers by hand understands.

    An unclosed quote or bracket is reported where it was opened, not where the file ended.
    """
    from coconstruct.i18n import msg

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


def dump_yaml(data: Any) -> str:
    stream = StringIO()
    make_yaml().dump(data, stream)
    return stream.getvalue()


class IncrementalDumper:
    """Dump a round-trip mapping chunk by chunk, emitting again only the chunks that changed.

    ruamel's emitter is pure Python: a 40 KiB answers file takes some 60 ms to dump, and the
    interview saves after every answer. Here each top-level key is a chunk, and so is each key of
    the mapping under `split` (the answers); a chunk is emitted alone, with the comments that a
    whole dump would put in it, so that the concatenation is byte for byte the whole dump (the
    tests compare them). A chunk is reused only while the fingerprint of everything that shapes
    its text (values, their types and styles, comments) is unchanged, so a change made behind the
    dumper's back can never be lost: it just costs a fresh emit of that chunk.
    """

    def __init__(self, split: str) -> None:
        self.split = split
        self._yaml = make_yaml()
        self._cache: dict[Any, tuple[Any, str]] = {}

    def dump(self, data: CommentedMap) -> str:
        cache: dict[Any, tuple[Any, str]] = {}
        chunks = []
        for key, fingerprint, build in self._chunks(data):
            known = self._cache.get(key)
            if known is not None and known[0] == fingerprint:
                text = known[1]
            else:
                text = self._emit(build())
                if isinstance(key, tuple) and key[2] > 0:
                    text = text.split("\n", 1)[1]  # `answers:` is written by the first chunk
            cache[key] = (fingerprint, text)
            chunks.append(text)
        self._cache = cache
        return "".join(chunks)

    def _chunks(self, data: CommentedMap) -> Iterator[tuple[Any, Any, Callable[[], CommentedMap]]]:
        """(cache key, fingerprint, what to emit) for each chunk, in order."""
        keys = list(data)
        for index, key in enumerate(keys):
            first, last = index == 0, index == len(keys) - 1
            nested = data[key]
            fingerprint: Any
            if key != self.split or not isinstance(nested, CommentedMap) or not nested:
                fingerprint = (
                    _fingerprint(nested),
                    repr(data.ca.items.get(key)),
                    first and _start(data),
                    last and repr(data.ca.end),
                )
                yield key, fingerprint, partial(_alone, data, key, first, last)
                continue
            inner = list(nested)
            for position, inner_key in enumerate(inner):
                inner_first, inner_last = position == 0, position == len(inner) - 1
                fingerprint = (
                    _fingerprint(nested[inner_key]),
                    repr(nested.ca.items.get(inner_key)),
                    inner_first
                    and (first and _start(data), repr(data.ca.items.get(key)), _start(nested)),
                    inner_last and (repr(nested.ca.end), last and repr(data.ca.end)),
                )
                build = partial(
                    _wrapped, data, key, inner_key, first, last, inner_first, inner_last
                )
                yield (key, inner_key, position), fingerprint, build

    def _emit(self, data: CommentedMap) -> str:
        stream = StringIO()
        self._yaml.dump(data, stream)
        return stream.getvalue()


def _wrapped(
    data: CommentedMap,
    key: Any,
    inner_key: Any,
    first: bool,
    last: bool,
    inner_first: bool,
    inner_last: bool,
) -> CommentedMap:
    """`{key: {inner_key: value}}` with the comments a whole dump writes around that value."""
    wrapper = _alone(data, key, first and inner_first, last and inner_last, inner_first)
    wrapper[key] = _alone(data[key], inner_key, inner_first, inner_last)
    return wrapper


def _alone(
    data: CommentedMap, key: Any, first: bool, last: bool, with_items: bool = True
) -> CommentedMap:
    """`data` reduced to one key, with the comments a whole dump would write around it.

    Comment lists are copied, never shared: ruamel appends to them while it dumps.
    """
    alone = CommentedMap()
    alone[key] = data[key]
    if with_items and key in data.ca.items:
        alone.ca.items[key] = list(data.ca.items[key])
    if first and data.ca.comment:
        alone.ca.comment = list(data.ca.comment[:2])
    if last and data.ca.end:
        alone.ca.end.extend(data.ca.end)
        if alone.ca.comment is None:
            alone.ca.comment = [None, None]  # ruamel writes end comments only beside these
    if data.fa.flow_style():
        alone.fa.set_flow_style()
    return alone


def _start(node: CommentedMap | CommentedSeq) -> str:
    return repr(node.ca.comment[:2]) if node.ca.comment else ""


def _fingerprint(node: Any) -> Any:
    """Everything about a value that shapes its text (comment lists sliced: dumps grow them)."""
    if isinstance(node, CommentedMap):
        return (
            "map",
            node.fa.flow_style(),
            _start(node),
            repr(node.ca.items),
            repr(node.ca.end),
            tuple((key, _fingerprint(value)) for key, value in node.items()),
        )
    if isinstance(node, CommentedSeq):
        return (
            "seq",
            node.fa.flow_style(),
            _start(node),
            repr(node.ca.items),
            repr(node.ca.end),
            tuple(_fingerprint(value) for value in node),
        )
    if isinstance(node, dict):
        return ("dict", tuple((key, _fingerprint(value)) for key, value in node.items()))
    if isinstance(node, list):
        return ("list", tuple(_fingerprint(value) for value in node))
    return (type(node), repr(node), repr(getattr(node, "__dict__", None)))


# --- text normalisation -------------------------------------------------------------------------

_NEWLINES = str.maketrans({"\r": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n"})
_KEEP = {"\n", "\t"}


def normalize_text(text: str) -> str:
    """NFC, `\\n` newlines, no control characters: the form every typed answer is kept in.

    U+0085 and U+2028/2029 count as line breaks for YAML and for `str.splitlines`, so they become
    `\\n` rather than surviving to surprise a later reader. Surrogates and U+FFFE/U+FFFF cannot be
    written as UTF-8 YAML and are dropped.
    """
    text = text.replace("\r\n", "\n").translate(_NEWLINES)
    text = "".join(
        ch
        for ch in text
        if ch in _KEEP
        or not (unicodedata.category(ch) in ("Cc", "Cs") or ch in ("\ufffe", "\uffff", "\ufeff"))
    )
    return unicodedata.normalize("NFC", text)


def block_if_multiline(text: str) -> str:
    """Mark multi-line text to be written as a literal block (`|`) when YAML can say it that way."""
    if "\n" in text.rstrip("\n") and _literal_safe(text):
        literal: str = LiteralScalarString(text)
        return literal
    return text


def _literal_safe(text: str) -> bool:
    # A literal block cannot start with a space-indented line without an indentation indicator,
    # nor carry trailing spaces before a newline reliably across tools; plain quoting is kept then.
    lines = text.split("\n")
    return not (
        text[0] in " \t"
        or any(line != line.rstrip(" \t") for line in lines)
        or "\t" in text
        or text.endswith("\n\n")
    )


# --- durable writes -------------------------------------------------------------------------------

TMP_PREFIX = ".coconstruct-"


def atomic_write(path: Path, text: str, durable: bool = True) -> None:
    """Write `text` so that `path` is always either the old or the new content, even on a crash.

    The temp file sits beside the target (same filesystem, so `os.replace` is atomic), is fsynced
    before the rename, and the folder is fsynced after it so the rename itself survives a power cut.
    Its name carries our pid so that a later start can tell a crashed writer's leftovers.
    `durable=False` skips the fsyncs, for files that only save time (a cache, a manifest).
    """
    folder = path.parent
    fd, tmp = tempfile.mkstemp(
        prefix=f"{TMP_PREFIX}{os.getpid()}-", suffix=f".{path.name}.tmp", dir=folder
    )
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, _mode_of(path))
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if durable:
        _fsync_dir(folder)


def _mode_of(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def clean_stale_temp_files(path: Path) -> list[Path]:
    """Remove temp files left beside `path` by writers that are no longer running."""
    removed = []
    for tmp in path.parent.glob(f"{TMP_PREFIX}*.{path.name}.tmp"):
        pid_text = tmp.name[len(TMP_PREFIX) :].split("-", 1)[0]
        if pid_text.isdigit() and _alive(int(pid_text)):
            continue
        with contextlib.suppress(OSError):
            tmp.unlink()
            removed.append(tmp)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
