"""Answers as spreadsheets: sheets of typed cells (sheets.py), XLSX and CSV files
(spreadsheets.py), `export` and `import`.

May import `batch`, `editing`, `model`, `language`, `errors`."""
