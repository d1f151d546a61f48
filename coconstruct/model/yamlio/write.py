"""Writing YAML that diffs well: what a person wrote is kept, a one-word edit is a one-line diff.

Comments, key order and quoting survive (round-trip), lines are never folded, and multi-line text is
a literal block. An interview saves after every answer, so a dumper re-emits only what changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from io import StringIO
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from coconstruct.model.yamlio.read import make_yaml


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
        emitted = False
        for key, fingerprint, build in self._chunks(data):
            known = self._cache.get(key)
            if known is not None and known[0] == fingerprint:
                text = known[1]
            else:
                text = self._emit(build())
                emitted = True
                if isinstance(key, tuple) and key[2] > 0:
                    text = text.split("\n", 1)[1]  # `answers:` is written by the first chunk
            cache[key] = (fingerprint, text)
            chunks.append(text)
        if emitted:  # emitting marks some scalars (`_yaml_anchor`): fingerprints as they are now
            cache = {key: (print_, cache[key][1]) for key, print_, _ in self._chunks(data)}
        self._cache = cache
        return "".join(chunks)

    @property
    def chunks(self) -> dict[Any, tuple[Any, str]]:
        """What the next dump may reuse (fingerprint and text of each chunk), to keep with the
        document (yamlio/kept.py)."""
        return self._cache

    @chunks.setter
    def chunks(self, known: dict[Any, tuple[Any, str]]) -> None:
        self._cache = known

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
