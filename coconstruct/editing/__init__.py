"""Every change to an answers file: the one `Editor` (editor.py) and what writes through it
(`set`: assignments.py; an item's citations when it is removed or renumbered: citations.py).
`run`, `serve`, `import` and merges use the same Editor.

May import `model`, `language`, `errors`."""
