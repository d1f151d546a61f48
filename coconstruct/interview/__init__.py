"""The live interview behind `coconstruct run`, with no terminal code.

    protocol.py  what is asked (Ask, Menu) and answered (a value, BACK, DEFER): the Prompter
    flow.py      the walk through sections and questions, back, aside, the end menu
    lists.py     list screens: add, edit, remove, move items
    review.py    a section's answers as a table; the questions set aside
    opening.py   the file to work on, created when missing

Every change to the file goes through the Editor (coconstruct/editing/editor.py), as `set` does.
"""

from coconstruct.interview.flow import Interview
from coconstruct.interview.opening import open_or_create
from coconstruct.interview.protocol import (
    BACK,
    DEFER,
    Ask,
    Header,
    Menu,
    Nav,
    Option,
    Prompter,
    Table,
)

__all__ = [
    "BACK",
    "DEFER",
    "Ask",
    "Header",
    "Interview",
    "Menu",
    "Nav",
    "Option",
    "Prompter",
    "Table",
    "open_or_create",
]
