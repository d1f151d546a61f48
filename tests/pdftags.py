"""Read a tagged PDF as a screen reader does: the structure tree, in order, with its text.

`structure(path)` walks the StructTreeRoot depth first and returns one `Node` per structure
element (its role, /Alt, /Lang, its children); the marked content each element points to
(page, MCID) is matched with the text drawn inside that marked content, so `Node.text()` is what
is read aloud for it. Text drawn outside any structure element (artifacts: running headers,
backgrounds, decorations) is not in the tree at all.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf


@dataclass
class Node:
    role: str
    alt: str | None = None
    lang: str | None = None
    kids: list[Node | str] = field(default_factory=list)  # a str is a piece of text

    def text(self) -> str:
        return " ".join(k if isinstance(k, str) else k.text() for k in self.kids).strip()

    def walk(self) -> list[Node]:
        out = [self]
        for kid in self.kids:
            if isinstance(kid, Node):
                out.extend(kid.walk())
        return out

    def reading(self) -> list[str]:
        """The texts in reading order (a Figure reads as its /Alt)."""
        if self.role == "Figure":
            return [self.alt or ""]
        out: list[str] = []
        for kid in self.kids:
            out.extend([kid] if isinstance(kid, str) else kid.reading())
        return out


def marked_texts(path: Path) -> dict[tuple[int, int], str]:
    """(page index, MCID) → the text drawn in that marked content."""
    from pypdf import PdfReader

    texts: dict[tuple[int, int], list[str]] = defaultdict(list)
    for index, page in enumerate(PdfReader(path).pages):
        _read_page(page, index, texts)
    return {key: "".join(parts) for key, parts in texts.items()}


def _read_page(page: Any, index: int, texts: dict[tuple[int, int], list[str]]) -> None:
    stack: list[int | None] = []

    def before(operator: bytes, operands: list[Any], *_: Any) -> None:
        if operator == b"BDC":
            props = operands[1] if len(operands) > 1 else None
            mcid = props.get("/MCID") if hasattr(props, "get") else None
            stack.append(int(mcid) if mcid is not None else None)
        elif operator == b"BMC":
            stack.append(None)
        elif operator == b"EMC" and stack:
            stack.pop()

    def text(content: str, *_: Any) -> None:
        current = next((m for m in reversed(stack) if m is not None), None)
        if current is not None and content:
            texts[(index, current)].append(content)

    page.extract_text(visitor_operand_before=before, visitor_text=text)


def structure(path: Path) -> Node:
    """The document's structure tree, with the text of each element."""
    pdf = pikepdf.open(path)
    pages = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
    texts = marked_texts(path)
    root = pdf.Root.StructTreeRoot

    def build(element: Any, page: int | None) -> Node | str | None:
        if isinstance(element, int):  # an MCID on the element's page
            return texts.get((page if page is not None else -1, element), "")
        if not isinstance(element, pikepdf.Dictionary):
            return None
        if element.get("/Type") == "/OBJR":
            return None
        if "/MCID" in element:
            at = pages.get(element.Pg.objgen, page) if "/Pg" in element else page
            return texts.get((at if at is not None else -1, int(element.MCID)), "")
        if "/Pg" in element:
            page = pages.get(element.Pg.objgen, page)
        node = Node(
            str(element.get("/S", "/?"))[1:],
            str(element.Alt) if "/Alt" in element else None,
            str(element.Lang) if "/Lang" in element else None,
        )
        kids = element.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
            built = build(kid, page)
            if built is not None and built != "":
                node.kids.append(built)
        return node

    top = build(root, None)
    assert isinstance(top, Node)
    return top
