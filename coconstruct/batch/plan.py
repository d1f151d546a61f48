"""Many answers files → roadmaps: which inputs, which of them changed, and what a run says.

The parent process never imports weasyprint or matplotlib while it has several files to render: it
finds the inputs, decides from the manifest what is already up to date, and hands the rest to
long-lived worker processes (imports paid once per worker). It watches every worker: a render past
the timeout, or a worker that dies, fails that one file and a fresh worker takes its place, so
nothing stops the batch. A single file to render is rendered in the parent itself, under an alarm
for the timeout: a worker would only add its own start-up (imports again) to one document.

The manifest (`OUT/.coconstruct-manifest.json`) records, per answers file, a hash of everything
that shapes its outputs: the answers file, its questionnaire, every template file in use (the
consultant's overriding ours), the coconstruct version and the options. An unchanged input is
skipped without being parsed, which is what keeps a no-change run over hundreds of files instant.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import json
import re
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from coconstruct import __version__
from coconstruct.errors import CoconstructError, ExitCode, UsageError
from coconstruct.language.messages import msg
from coconstruct.model import fsio
from coconstruct.model.answers_file import HEADER, looks_like_answers_file

MANIFEST = ".coconstruct-manifest.json"


@dataclass(frozen=True)
class Options:
    formats: tuple[str, ...]
    out_dir: Path
    lang: str | None = None
    templates_dir: Path | None = None
    questionnaire: str | None = None
    force: bool = False
    timeout: float = 120.0
    jobs: int = 1
    compare: str | None = None  # an older version (a file, or a git revision of each input)


@dataclass
class Outcome:
    """What happened to one answers file."""

    source: str
    status: str  # rendered | skipped | failed
    outputs: list[str] = field(default_factory=list)
    message: str = ""
    hint: str | None = None
    seconds: float = 0.0


@dataclass
class Summary:
    outcomes: list[Outcome]
    seconds: float
    interrupted: bool = False
    shard: tuple[int, int] | None = None  # the --shard K/N this run took
    found: int = 0  # answers files found, before --shard took its part

    @property
    def empty_shard(self) -> bool:
        """A shard with no file: a CI matrix wider than the inputs, not a failure."""
        return self.shard is not None and not self.outcomes and self.found > 0

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)

    @property
    def exit_code(self) -> int:
        """0 all good, 3 some failed, 1 nothing could be rendered, 130 interrupted."""
        if self.interrupted:
            return ExitCode.INTERRUPTED
        if self.empty_shard or (not self.count("failed") and self.outcomes):
            return ExitCode.OK
        if self.count("rendered") + self.count("skipped"):
            return ExitCode.PARTIAL
        return ExitCode.ERROR

    def as_json(self) -> dict[str, Any]:
        return {
            "rendered": self.count("rendered"),
            "skipped": self.count("skipped"),
            "failed": self.count("failed"),
            "interrupted": self.interrupted,
            "seconds": round(self.seconds, 3),
            "exit_code": self.exit_code,
            "files": [asdict(o) for o in self.outcomes],
        }


# --- finding inputs -----------------------------------------------------------------------------


def find_inputs(args: Iterable[str]) -> tuple[list[Path], list[Outcome]]:
    """Files as given, folders searched for answers files, glob patterns expanded.

    A folder's YAML files count only when they look like answers files (a `questionnaire:`
    header and an `answers:` key), so a consultant's repository can hold other YAML. A name
    that matches nothing is a failure of its own, reported with the rest.
    """
    found: dict[Path, None] = {}
    missing: list[Outcome] = []
    for arg in args:
        path = Path(arg)
        if path.is_dir():
            for candidate in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in candidate.relative_to(path).parts)
                if (
                    candidate.suffix in (".yaml", ".yml")
                    and not hidden
                    and candidate.is_file()
                    and looks_like_answers_file(candidate)
                ):
                    found.setdefault(candidate, None)
        elif path.is_file():
            found.setdefault(path, None)
        elif glob.has_magic(arg):
            # a pattern selects like a folder: other YAML it happens to match is not an input
            matches = sorted(
                Path(m)
                for m in glob.glob(arg, recursive=True)
                if Path(m).is_file() and looks_like_answers_file(Path(m))
            )
            if not matches:
                missing.append(
                    Outcome(arg, "failed", message=msg("{arg}: no answers file matches", arg=arg))
                )
            for match in matches:
                found.setdefault(match, None)
        else:
            missing.append(
                Outcome(arg, "failed", message=msg("{arg}: no such file or folder", arg=arg))
            )
    return list(found), missing


def parse_shard(value: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", value)
    if not match or not 1 <= int(match[1]) <= int(match[2]):
        raise UsageError(
            msg("--shard {value}: expected K/N with 1 <= K <= N, such as 2/8", value=value)
        )
    return int(match[1]), int(match[2])


def shard(paths: list[Path], k: int, n: int) -> list[Path]:
    """The K-th of N deterministic, balanced slices: sorted inputs dealt round-robin."""
    ordered = sorted(paths, key=lambda p: p.as_posix())
    return [path for index, path in enumerate(ordered) if index % n == k - 1]


# --- planning: what needs rendering -----------------------------------------------------------


@dataclass(frozen=True)
class Job:
    source: Path
    stem: str
    key: str


def plan(paths: list[Path], options: Options) -> tuple[list[Job], list[Outcome], Manifest]:
    """Jobs to run and inputs already up to date; refuses two inputs with one output name."""
    by_stem: dict[str, Path] = {}
    for path in paths:
        other = by_stem.setdefault(path.stem, path)
        if other != path:
            raise UsageError(
                msg(
                    "{one} and {other} would both write {target}.*; rename one, or render "
                    "them into different folders with -o",
                    one=other,
                    other=path,
                    target=options.out_dir / path.stem,
                )
            )
    manifest = Manifest.load(options.out_dir)
    templates = _templates_digest(options.templates_dir)
    jobs, skipped = [], []
    for path in paths:
        key = _key(path, options, templates)
        if not options.force and manifest.is_fresh(path.stem, key, options.out_dir):
            skipped.append(
                Outcome(str(path), "skipped", outputs=manifest.outputs(path.stem, options.out_dir))
            )
        else:
            jobs.append(Job(path, path.stem, key))
    return jobs, skipped, manifest


def _templates_digest(templates_dir: Path | None) -> str:
    from coconstruct.report.document import template_files

    digest = hashlib.sha256()
    for path in template_files(templates_dir):
        digest.update(path.name.encode() + b"\0" + _file_digest(path).encode())
    return digest.hexdigest()


@cache
def _code_digest() -> str:
    """coconstruct's own files (code, filters, catalogs): a changed analysis or wording renders
    again even when the version number did not move (a checkout, a patched install)."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".lua", ".mo", ".yaml") and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(root)).encode() + b"\0")
            digest.update(_file_digest(path).encode())
    return digest.hexdigest()


def _file_digest(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return "unreadable"


def _key(path: Path, options: Options, templates: str) -> str:
    """A hash of everything that shapes this file's outputs."""
    digest = hashlib.sha256()
    settings = [
        __version__,
        _code_digest(),
        _engines(options.formats),
        ",".join(options.formats),
        options.lang or "",
        options.questionnaire or "",
        templates,
    ]
    digest.update("\0".join(settings).encode())
    digest.update(_file_digest(path).encode())
    questionnaire = questionnaire_file(path, options.questionnaire)
    digest.update(_file_digest(questionnaire).encode() if questionnaire else b"-")
    digest.update(_compared_digest(path, options.compare).encode())
    return digest.hexdigest()


def _compared_digest(path: Path, compare: str | None) -> str:
    """The compared version (`--compare`) shapes the « Évolutions » section: its content's hash
    (a revision is read from git; one that names nothing fails the render itself)."""
    if compare is None:
        return "-"
    from coconstruct.history import git
    from coconstruct.report.evolution import resolve

    spec = resolve(compare, path)
    file, rev = git.split_spec(spec)
    if rev is None:
        return "file " + _file_digest(file)
    try:
        found = git.show(file, rev)
    except CoconstructError:
        return "unreadable " + compare
    return "git " + hashlib.sha256(found.text.encode()).hexdigest()


def _engines(formats: tuple[str, ...]) -> str:
    """The version of the program beyond Python that writes some formats: pandoc's wheel."""
    if not {"docx", "odt"} & set(formats):
        return ""
    from importlib import metadata

    try:
        return "pandoc " + metadata.version("pypandoc-binary")
    except metadata.PackageNotFoundError:
        return "pandoc"


def questionnaire_file(path: Path, override: str | None) -> Path | None:
    """The questionnaire file an answers file names, from its header alone (no YAML parse)."""
    from coconstruct.model.questionnaire import resolve

    ref = override
    if ref is None:
        try:
            with path.open("rb") as handle:
                head = handle.read(64 * 1024).decode("utf-8", errors="replace")
        except OSError:
            return None
        match = HEADER.search(head)
        ref = match[1].strip() if match else None
    if not ref:
        return None
    try:
        return resolve(ref, relative_to=None if override else path.parent)
    except CoconstructError:
        return None  # the render itself will say what is wrong


class Manifest:
    """Per output stem: the input's key and the files written, in the output folder."""

    def __init__(self, path: Path, entries: dict[str, dict[str, Any]]) -> None:
        self.path, self.entries = path, entries
        self._saved_at = 0.0

    @classmethod
    def load(cls, out_dir: Path) -> Manifest:
        path = out_dir / MANIFEST
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            entries = data["entries"] if data.get("version") == 1 else {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            entries = {}  # missing or damaged: everything is simply rendered again
        return cls(path, entries if isinstance(entries, dict) else {})

    def is_fresh(self, stem: str, key: str, out_dir: Path) -> bool:
        entry = self.entries.get(stem)
        if not isinstance(entry, dict) or entry.get("key") != key:
            return False
        outputs = entry.get("outputs")
        return isinstance(outputs, list) and all((out_dir / o).exists() for o in outputs)

    def outputs(self, stem: str, out_dir: Path) -> list[str]:
        return [str(out_dir / o) for o in self.entries.get(stem, {}).get("outputs", [])]

    def record(self, job: Job, outputs: list[Path], out_dir: Path) -> None:
        names = sorted({p.relative_to(out_dir).as_posix() for p in outputs if p.parent == out_dir})
        self.entries[job.stem] = {"source": str(job.source), "key": job.key, "outputs": names}

    def forget(self, stem: str) -> None:
        self.entries.pop(stem, None)

    def update(self, job: Job, outcome: Outcome, out_dir: Path) -> None:
        """Remember what a render wrote, or forget the file when it failed (it renders again)."""
        if outcome.status == "rendered":
            self.record(job, [Path(p) for p in outcome.outputs], out_dir)
        else:
            self.forget(job.stem)

    def save(self, force: bool = True) -> None:
        """Write the manifest (at most once a second unless forced; losing it only costs time)."""
        now = time.monotonic()
        if not force and now - self._saved_at < 1.0:
            return
        self._saved_at = now
        text = json.dumps(
            {"version": 1, "entries": dict(sorted(self.entries.items()))},
            ensure_ascii=False,
            indent=1,
        )
        with contextlib.suppress(OSError):
            fsio.atomic_write(self.path, text + "\n", durable=False)


# --- running ---------------------------------------------------------------------------------


class Reporter:
    """What the command line shows while a batch runs (the default shows nothing)."""

    def start(self, total: int, skipped: int) -> None: ...

    def begin(self, source: str) -> None: ...

    def done(self, outcome: Outcome) -> None: ...
