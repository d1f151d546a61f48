"""Export: answers files per second into one workbook, and the memory it takes.

Run: .venv/bin/python benchmarks/export.py [N]
- generates N realistic answers files (default 500): a portfolio made from the bundled example,
  each territory with its own name, size, figures and list lengths, drafts with the later
  sections not done yet, references kept valid;
- exports them to XLSX with `-j 1` and with one worker per CPU, and to CSV, each as a user runs
  it (a fresh process), reporting files per second, CPU seconds and the peak memory of the
  processes (target: 500 files in under 15 s on 2 cores);
- exports a fifth of them again, to show that memory does not grow with the number of files;
- times reading one file with the full YAML parser and for reading only (libyaml, without comments).
"""

from __future__ import annotations

import copy
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

EXAMPLE = Path(__file__).parent.parent / "coconstruct" / "examples" / "val-d-orbiere.yaml"
PLACES = [
    "Val d'Orbière",
    "Pays de Lorm",
    "Haute-Vallée du Sorn",
    "Plateau des Brandes",
    "Marches de l'Ardan",
    "Coteaux de la Vive",
    "Bocage des Trois Rus",
    "Causse de Mirande",
    "Quartier des Tilleuls",
    "Bassin de la Sèvre Nantaise",
]
KINDS = ["commune", "intercommunalite", "departement", "bassin_de_vie", "quartier"]
# the sections a draft may not have reached yet, in questionnaire order
LATER = [
    ["budget_year", "funding", "resource_model", "target_year", "target_public_share"],
    ["vision", "sdgs", "axes", "actions", "steering_committee", "technical_committee"],
    ["catalyst", "agreement", "review_frequency", "risks", "success_conditions", "next_meeting"],
]


def _blocks(value: Any) -> Any:
    """Answers files as coconstruct writes them: multi-line text as literal blocks."""
    from coconstruct.model.yamlio.write import block_if_multiline

    if isinstance(value, str):
        return block_if_multiline(value)
    if isinstance(value, dict):
        return {k: _blocks(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_blocks(v) for v in value]
    return value


def _example() -> dict[str, Any]:
    from coconstruct.model.answers_file import AnswersFile

    doc = AnswersFile.load(EXAMPLE)
    header = {k: doc.data[k] for k in ("questionnaire", "questionnaire_version", "language")}
    return _builtin({**header, "status": "final", "answers": doc.plain()})


def _builtin(value: Any) -> Any:
    """ruamel's scalar types (ScalarFloat…) as Python's own, for PyYAML to write."""
    if isinstance(value, dict):
        return {str(k): _builtin(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_builtin(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    for kind in (int, float, str):
        if isinstance(value, kind):
            return kind(value)
    return value


# how territories name the same needs and funders in their own words (`reworded`)
NEED_WORDINGS = [
    " dans les hameaux",
    " en zone rurale",
    " pour les jeunes",
    " des seniors",
    " sur tout le territoire",
    " au quotidien",
]
OTHER_NEEDS = [
    ("Lutter contre la désertification médicale", "social"),
    ("Développer les circuits courts alimentaires", "economique"),
    ("Préserver la biodiversité des zones humides", "environnemental"),
    ("Accompagner les aidants familiaux", "social"),
    ("Revitaliser le commerce de centre-ville", "economique"),
    ("Réduire les déchets ménagers", "environnemental"),
    ("Favoriser la participation citoyenne", "societal"),
    ("Attirer des médecins généralistes", "social"),
    ("Soutenir l'installation de jeunes agriculteurs", "economique"),
    ("Lutter contre la précarité énergétique", "social"),
    ("Créer des tiers-lieux", "societal"),
    ("Développer la mobilité douce", "environnemental"),
]
FUNDER_WORDINGS = ["Conseil départemental du {d}", "Département du {d}", "Région {r}"]
DEPARTEMENTS = ["Morbihan", "Finistère", "Cantal", "Lot", "Gers", "Jura", "Creuse", "Ardèche"]
REGIONS = ["Bretagne", "Occitanie", "Auvergne-Rhône-Alpes", "Nouvelle-Aquitaine"]


def _reword(answers: dict[str, Any], rng: random.Random) -> None:
    """Need titles and funder names as another territory would write them: a few words added,
    some needs of its own, its own département and region."""
    for need in answers.get("needs", []):
        roll = rng.random()
        if roll < 0.35:
            need["title"] += rng.choice(NEED_WORDINGS)
        elif roll < 0.55:
            need["title"], need["domain"] = rng.choice(OTHER_NEEDS)
    for line in answers.get("funding", []):
        if line.get("funder") == "Conseil départemental":
            line["funder"] = rng.choice(FUNDER_WORDINGS).format(
                d=rng.choice(DEPARTEMENTS), r=rng.choice(REGIONS)
            )


def _territory(
    base: dict[str, Any], index: int, rng: random.Random, reworded: bool = False
) -> dict[str, Any]:
    data = copy.deepcopy(base)
    answers = data["answers"]
    place = f"{rng.choice(PLACES)} {index + 1}"
    answers["territory_name"] = f"Communauté de communes {place}"
    answers["workshop_title"] = f"{place} 2030"
    answers["perimeter_type"] = rng.choice(KINDS)
    # each territory its own official code (the base's is one territory's: the synthesis would
    # take every file for a version of it)
    answers.pop("territory_code", None)
    if answers["perimeter_type"] == "intercommunalite":
        answers["territory_code"] = f"{200_000_000 + index:09d}"
    elif answers["perimeter_type"] == "commune":
        answers["territory_code"] = f"{10_000 + index:05d}"
    answers["population"] = rng.randint(2_000, 200_000)
    draft = rng.random() < 0.3
    data["status"] = "draft" if draft else "final"
    if draft:
        for keys in LATER[rng.randint(0, 2) :]:
            for key in keys:
                answers.pop(key, None)
    for key, value in list(answers.items()):
        if isinstance(value, list) and value and isinstance(value[0], dict):
            share = rng.uniform(0.2, 0.6) if draft else rng.uniform(0.5, 1.0)
            answers[key] = value[: max(1, round(len(value) * share))]
            for item in answers[key]:
                for field in ("priority", "urgency", "power", "interest", "availability"):
                    if field in item:
                        item[field] = rng.randint(1, 5)
                for field in ("amount", "budget"):
                    if field in item:
                        item[field] = rng.randint(5, 900) * 1000
    if reworded:
        _reword(answers, rng)
    _keep_references(answers)
    return data


def _keep_references(answers: dict[str, Any]) -> None:
    """References to items a shorter list no longer has are taken out (the file stays valid):
    every reference of the questionnaire, wherever it is; a required one is moved to an item
    that is still there, or its item goes."""
    from coconstruct.model import questionnaire as qmod

    questionnaire = qmod.load("territoire")
    ids = {
        key: [item["id"] for item in value]
        for key, value in answers.items()
        if isinstance(value, list) and value and isinstance(value[0], dict)
    }

    def kept(holder: dict[str, Any], field: Any) -> bool:
        """Whether `holder` can stay once its reference `field` cites only what exists."""
        if field.id not in holder:
            return True
        known = ids.get(field.to, [])
        if isinstance(holder[field.id], list):  # at least one (an action serves a need)
            holder[field.id] = [ref for ref in holder[field.id] if ref in known] or known[:1]
            if not holder[field.id]:
                del holder[field.id]
        elif holder[field.id] not in known:
            if field.required and known:
                holder[field.id] = known[0]
            else:
                del holder[field.id]
        return field.id in holder or not field.required

    for question in questionnaire.questions():
        if question.type == "reference":
            kept(answers, question)
        if not question.is_list or not isinstance(answers.get(question.id), list):
            continue
        references = [f for f in question.fields or [] if f.type == "reference"]
        answers[question.id] = [
            item for item in answers[question.id] if all([kept(item, f) for f in references])
        ]
        ids[question.id] = [item["id"] for item in answers[question.id]]


def make_portfolio(folder: Path, count: int, seed: int = 11, reworded: bool = False) -> int:
    """`count` answers files in `folder`; returns their total size in bytes. `reworded`: each
    territory names some needs and funders in its own words (for `synthesis`)."""
    from coconstruct.model.yamlio.write import dump_yaml

    rng = random.Random(seed)
    base = _example()
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for index in range(count):
        text = dump_yaml(_blocks(_territory(base, index, rng, reworded)))
        path = folder / f"territoire-{index + 1:03}.yaml"
        path.write_text(text, encoding="utf-8")
        total += len(text.encode())
    return total


# runs a command and prints the CPU seconds and the peak memory (KB) of it and its workers
_MEASURE = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
    "use = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "sys.stderr.write(code.stderr)\n"
    "print(use.ru_utime + use.ru_stime, use.ru_maxrss)\n"
    "sys.exit(code.returncode)\n"
)


def export(inputs: Path, out: Path, *options: str) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak MB of the largest process) of one export."""
    command = [sys.executable, "-m", "coconstruct", "export", str(inputs), "-o", str(out)]
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command, *options],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "COCONSTRUCT_LANG": "fr"},
    )
    wall = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"export failed ({result.returncode}):\n{result.stderr[-2000:]}")
    cpu, peak = result.stdout.split()
    return wall, float(cpu), int(peak) / 1024


def reading(path: Path, runs: int = 5) -> tuple[float, float]:
    """Median milliseconds to read one file: full parser, and for reading only."""
    from coconstruct.model.answers_file import AnswersFile

    def median(comments: bool) -> float:
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            AnswersFile.load(path, comments=comments)
            times.append(time.perf_counter() - started)
        return sorted(times)[len(times) // 2] * 1000

    return median(True), median(False)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    cpus = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        size = make_portfolio(root / "in", count)
        small = root / "small"
        small.mkdir()
        for path in sorted((root / "in").iterdir())[: count // 5]:
            (small / path.name).write_bytes(path.read_bytes())
        print(f"{count} answers files ({size / count / 1024:.0f} KB on average), {cpus} CPU(s)")
        runs = [
            ("xlsx", "-j 1", export(root / "in", root / "one.xlsx", "-j", "1")),
            ("xlsx", f"-j {cpus}", export(root / "in", root / "all.xlsx")),
            ("csv", f"-j {cpus}", export(root / "in", root / "csv", "-f", "csv")),
        ]
        for fmt, jobs, (wall, cpu, peak) in runs:
            print(
                f"  {fmt:<4} {jobs:<5} {wall:6.1f} s  {count / wall:6.1f} files/s  "
                f"CPU {cpu:6.1f} s  peak {peak:4.0f} MB"
            )
        _, _, small_peak = export(small, root / "small.xlsx")
        print(
            f"  memory: {count // 5} files {small_peak:.0f} MB, {count} files "
            f"{runs[1][2][2]:.0f} MB (the largest process)"
        )
        full, fast = reading(root / "in" / "territoire-001.yaml")
        print(f"  reading one file: full parser {full:.0f} ms, for reading only {fast:.0f} ms")
        kb = (root / "all.xlsx").stat().st_size / 1024
        print(f"  workbook {kb:.0f} KB; target: {count} files in under 15 s on 2 cores")


if __name__ == "__main__":
    main()
