"""Errors that reach the user: a message, an optional hint, an exit code."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    ERROR = 1
    USAGE = 2
    PARTIAL = 3
    INTERRUPTED = 130


class CoconstructError(Exception):
    """A problem the user can fix; the CLI prints `Error: message` and the hint.

    `lang` is the language the message was written in (an answers file's, for a problem with
    its answers), so that "Error:" and "Hint:" around it speak the same language.
    """

    exit_code: ExitCode = ExitCode.ERROR

    def __init__(self, message: str, hint: str | None = None, lang: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.lang = lang


class UsageError(CoconstructError):
    exit_code = ExitCode.USAGE


class Position:
    """A place in a file, printed as `file:line:col` (1-based, as editors count)."""

    __slots__ = ("col", "file", "line")

    def __init__(self, file: str, line: int | None = None, col: int | None = None) -> None:
        self.file, self.line, self.col = file, line, col

    def __str__(self) -> str:
        if self.line is None:
            return self.file
        return f"{self.file}:{self.line}:{self.col or 1}"


class PositionedError(CoconstructError):
    """An error at a place in a file (bad YAML, a bad questionnaire definition…)."""

    def __init__(self, position: Position, message: str, hint: str | None = None) -> None:
        super().__init__(f"{position}: {message}", hint)
        self.position = position
        self.detail = message


class ProblemsError(CoconstructError):
    """Several positioned problems found at once (a questionnaire definition, say)."""

    def __init__(self, problems: list[str], hint: str | None = None) -> None:
        from coconstruct.language.messages import nmsg

        count = nmsg("{n} problem:", "{n} problems:", len(problems))
        super().__init__(count + "\n" + "\n".join(problems), hint)
        self.problems = problems
