"""`import`: rows of a spreadsheet as new items of a list, with `set`'s checks, every problem
placed where the spreadsheet shows it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from conftest import SAINT_IVY
from openpyxl import Workbook
from test_cli_export import sheet_rows

from coconstruct.model.answers_file import AnswersFile
from coconstruct.model.locking import locked


def items(path: Path, list_id: str) -> list[dict[str, Any]]:
    """A list's items as plain values, ids aside."""
    doc = AnswersFile.load(path)
    return [{k: v for k, v in item.items() if k != "id"} for item in doc.plain()[list_id]]


def new_file(cli, path: Path, lang: str = "fr") -> Path:
    assert cli("new", path, "--lang", lang).code == 0
    return path


def typed(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Items as typed text is stored: a hand-written literal block (`|`) ends with a newline
    that the interview, `set` and `import` never keep."""
    return [{k: v.rstrip("\n") if isinstance(v, str) else v for k, v in i.items()} for i in found]


def test_an_export_imports_back_into_a_new_file(cli, example: Path, tmp_path: Path) -> None:
    export = tmp_path / "export.xlsx"
    assert cli("export", example, "-o", export, "--lang", "en").code == 0
    target = new_file(cli, tmp_path / "nouveau.yaml")
    # the partners cite needs and sources by their ids: those come first
    early = cli("import", target, export, "--list", "partners")
    assert early.code == 1
    assert "« N1 » ne désigne aucun élément de needs" in early.err
    assert early.err.rstrip().endswith(
        "importez d'abord needs, ou laissez la colonne de côté avec "
        "--map 'Needs the actor contributes to='"
    ), early.err
    result = cli("import", target, export, "--list", "sources")
    assert result.code == 0, result.err
    result = cli("import", target, export, "--list", "needs")
    assert result.code == 0, result.err
    assert "12 éléments ajoutés à needs : N1 … N12" in result.out
    result = cli("import", target, export, "--list", "partners")
    assert result.code == 0, result.err
    assert "Colonnes lues : C Name → name, D Type of actor → actor_type" in result.err
    assert (
        "Colonnes de l'export ignorées (les nouveaux éléments reçoivent de nouveaux "
        "identifiants) : A Territory, B Id, Q File, R Questionnaire version, S File status"
    ) in result.err
    assert f"{target} enregistré" in result.out
    assert items(target, "partners") == typed(items(example, "partners"))
    assert items(target, "needs") == typed(items(example, "needs"))
    assert items(target, "sources") == typed(items(example, "sources"))
    assert cli("validate", target).code == 0
    # and exported again, the sheets are the same but for the file they come from
    again = tmp_path / "again.xlsx"
    assert cli("export", target, "-o", again, "--lang", "en").code == 0
    for sheet in ("sources", "needs", "partners"):
        first, second = sheet_rows(export, sheet), sheet_rows(again, sheet)
        for row in first + second:
            row.pop("File")
            row.pop("Territory")
            row.pop("File status")
        assert first == second


@pytest.mark.parametrize(
    ("fmt", "lang"), [("xlsx", "fr"), ("xlsx", "en"), ("csv", "fr"), ("csv", "en")]
)
def test_a_real_site_s_approximate_answers_import_back_as_they_were(
    cli, tmp_path: Path, fmt: str, lang: str
) -> None:
    """Saint-Ivy: amounts not published, an estimate, a range, years, months, quarters, several
    leads: exported, imported into a new file, the same answers."""
    out = tmp_path / ("export.xlsx" if fmt == "xlsx" else "csv")
    assert cli("export", SAINT_IVY, "-o", out, "-f", fmt, "--lang", lang).code == 0
    target = new_file(cli, tmp_path / "nouveau.yaml")
    # what is cited first: sources, needs, partners and axes, then what cites them
    for list_id in ("sources", "needs", "resources", "partners", "funding", "axes", "actions"):
        table = out if fmt == "xlsx" else out / f"{list_id}.csv"
        result = cli("import", target, table, "--list", list_id)
        assert result.code == 0, result.err
        assert items(target, list_id) == typed(items(SAINT_IVY, list_id)), list_id
    assert cli("validate", target).code == 0


def test_a_french_csv_export_imports_back_hostile_text_included(cli, tmp_path: Path) -> None:
    source = tmp_path / "source.yaml"
    source.write_text(
        "questionnaire: territoire\nlanguage: fr\nanswers:\n  partners:\n"
        '    - {id: P1, name: "=HYPERLINK(\\"http://x\\")", actor_type: association}\n'
        '    - {id: P2, name: "-2+3", contribution: "- une ligne\\n- deux; trois", power: 4}\n'
        '    - {id: P3, name: "{{ 7*7 }} <script>", actor_type: entreprise, attitude: champion}\n',
        encoding="utf-8",
    )
    folder = tmp_path / "csv"
    assert cli("export", source, "-o", folder, "-f", "csv", "--lang", "fr").code == 0
    target = new_file(cli, tmp_path / "cible.yaml", lang="en")
    result = cli("import", target, folder / "partners.csv", "--list", "partners")
    assert result.code == 0, result.err
    assert items(target, "partners") == items(source, "partners")


def kobo_workbook(path: Path) -> None:
    """A KoboToolbox-style XLSX export of a funding survey: metadata, group prefixes, labels in
    English, an empty row, typed cells."""
    workbook = Workbook()
    ws = workbook.active
    ws.title = "Financements"
    ws.append(
        [
            "start",
            "end",
            "financement/funder",
            "financement/Funding source",
            "financement/amount",
            "financement/Funding secured?",
            "Commentaire",
            "_id",
            "_uuid",
            "_submission_time",
            "_index",
        ]
    )
    submitted = dt.datetime(2026, 11, 20, 9, 30)
    ws.append(
        [
            submitted,
            submitted,
            "Conseil départemental",
            "Grants",
            640000,
            "yes",
            "ok",
            101,
            "9f1c",
            submitted,
            1,
        ]
    )
    ws.append([None] * 11)  # a blank line someone left
    ws.append(
        [
            submitted,
            submitted,
            "Fondation Terres d'Orbière",
            "mecenat",
            120000.5,
            False,
            None,
            102,
            "a2b4",
            submitted,
            2,
        ]
    )
    workbook.save(path)


def test_a_survey_tool_export_is_read_with_its_prefixes_and_metadata(cli, tmp_path: Path) -> None:
    survey = tmp_path / "kobo.xlsx"
    kobo_workbook(survey)
    target = new_file(cli, tmp_path / "atelier.yaml")
    result = cli("import", target, survey, "--list", "funding")
    assert result.code == 0, result.err
    assert (
        "Colonnes lues : C financement/funder → funder, D financement/Funding source → source, "
        "E financement/amount → amount, F financement/Funding secured? → secured" in result.err
    )
    assert (
        "Colonnes ignorées, aucun champ de funding ne porte leur nom : G Commentaire\n"
        "  (--map COLONNE=CHAMP en lit une)" in result.err
    )
    assert (
        "Métadonnées d'enquête ignorées : A start, B end, H _id, I _uuid, J _submission_time, "
        "K _index" in result.err
    )
    assert "2 éléments ajoutés à funding : F1 … F2" in result.out
    assert items(target, "funding") == [
        {
            "funder": "Conseil départemental",
            "source": "subventions",
            "amount": 640000,
            "secured": True,
        },
        {
            "funder": "Fondation Terres d'Orbière",
            "source": "mecenat",
            "amount": 120000.5,
            "secured": False,
        },
    ]


def test_an_odk_central_export_is_read(cli, tmp_path: Path) -> None:
    """ODK Central's CSV: `-` between group and field, its own metadata columns."""
    target = new_file(cli, tmp_path / "atelier.yaml")
    table = tmp_path / "besoins.csv"
    table.write_text(
        "SubmissionDate,meta-instanceID,besoin-title,besoin-priority,besoin-people_concerned,"
        "KEY,SubmitterID,SubmitterName,AttachmentsPresent,AttachmentsExpected,Status,"
        "ReviewState,DeviceID,Edits,FormVersion\n"
        "2026-11-20T09:30:00.000Z,uuid:1,Eau potable,4,1250,uuid:1,5,Léa,0,0,,,collect:x,0,1\n"
        "\n",
        encoding="utf-8",
    )
    result = cli("import", target, table, "--list", "needs")
    assert result.code == 0, result.err
    assert (
        "Métadonnées d'enquête ignorées : A SubmissionDate, B meta-instanceID, F KEY, "
        "G SubmitterID, H SubmitterName, I AttachmentsPresent, J AttachmentsExpected, K Status, "
        "L ReviewState, M DeviceID, N Edits, O FormVersion" in result.err
    )
    assert items(target, "needs") == [
        {"title": "Eau potable", "priority": 4, "people_concerned": 1250}
    ]


def test_every_bad_cell_is_placed_and_nothing_is_written(cli, tmp_path: Path) -> None:
    target = new_file(cli, tmp_path / "atelier.yaml")
    before = target.read_bytes()
    table = tmp_path / "partenaires.csv"
    table.write_text(
        "Nom;Type d'acteur;Pouvoir d'influence;Besoins auxquels l'acteur contribue\n"
        "Mairie;Collectivité territoriale;5;\n"
        "Club;ONG;3;\n"
        ";;;\n"
        "Usine;entreprise;9;N4\n",
        encoding="utf-8",
    )
    result = cli("import", target, table, "--list", "partners")
    assert result.code == 1
    assert result.err.splitlines()[:5] == [
        # how the columns were read first: a column taken for the wrong field is often why
        "Colonnes lues : A Nom → name, B Type d'acteur → actor_type, C Pouvoir d'influence → "
        "power, D Besoins auxquels l'acteur contribue → needs_addressed",
        "Erreur : partenaires.csv : 3 problèmes, rien n'a été écrit :",
        "partenaires.csv:3:B: actor_type: « ONG » n'est pas un choix possible (association, "
        "entreprise, collectivite, etat, union_europeenne, recherche, fondation, media, citoyens, "
        "expert, siae, "
        "ebe, cooperative, bailleur_social, securite_sociale, fonds_reseau, "
        "etablissement_scolaire)",
        "partenaires.csv:5:C: power: « 9 » n'est pas un choix possible (1, 2, 3, 4, 5)",
        "partenaires.csv:5:D: needs_addressed: « N4 » ne désigne aucun élément de needs "
        "(aucun élément pour l'instant)",
    ]
    assert target.read_bytes() == before


def test_french_excel_s_own_csv_is_read(cli, tmp_path: Path) -> None:
    """« CSV (séparateur : point-virgule) » of French Excel: Windows-1252, `;`, decimal comma."""
    target = new_file(cli, tmp_path / "atelier.yaml", lang="en")
    table = tmp_path / "financements.csv"
    table.write_bytes(
        "Financeur;Montant;Financement acquis ?\r\nRégion Île-de-France;12 500,50;oui\r\n".encode(
            "cp1252"
        )
    )
    result = cli("import", target, table, "--list", "funding")
    assert result.code == 0, result.err
    assert items(target, "funding") == [
        {"funder": "Région Île-de-France", "amount": 12500.5, "secured": True}
    ]


def test_decimal_commas_in_a_comma_separated_file_keep_their_cents(cli, tmp_path: Path) -> None:
    """A CSV saved with commas between fields, its amounts typed the French way and quoted:
    12 500,50 € is 12 500,50 €, not 1 250 050 €."""
    target = new_file(cli, tmp_path / "atelier.yaml", lang="en")
    table = tmp_path / "funding.csv"
    table.write_text('Funder,Amount\nRégion,"12 500,50"\nDépartement,"1,5 M€"\n', encoding="utf-8")
    result = cli("import", target, table, "--list", "funding")
    assert result.code == 0, result.err
    assert [item["amount"] for item in items(target, "funding")] == [12500.5, 1500000]


def test_a_number_that_reads_two_ways_is_refused_not_read_in_the_file_s_language(
    cli, tmp_path: Path
) -> None:
    """« 12.500 » in a French `;` file, imported into an English answers file: 12 500 or 12,5?
    The cell is refused; English would have read 12.5 without a word."""
    target = new_file(cli, tmp_path / "atelier.yaml", lang="en")
    table = tmp_path / "k.csv"
    table.write_text("Financeur;Montant\nRégion;12.500\n", encoding="utf-8")
    result = cli("import", target, table, "--list", "funding", "--dry-run")
    assert result.code != 0
    assert "k.csv:2:B: amount: “12.500” could be 12\u202f500 or 12,5" in result.err


def test_dry_run_shows_the_items_and_writes_nothing(cli, example: Path, tmp_path: Path) -> None:
    table = tmp_path / "besoins.csv"
    table.write_text(
        "Need,Domain,Priority,Urgency\nClean water,Environmental,4,2\nBus line,societal,5,\n",
        encoding="utf-8",
    )
    before = example.read_bytes()
    result = cli("import", example, table, "--list", "needs", "--dry-run")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].split() == ["Id", "Intitulé", "du", "besoin", "Domaine", "Priorité", "Urgence"]
    assert lines[1].split()[:4] == ["N13", "Clean", "water", "Environnemental"]
    assert lines[2].split()[:6] == ["N14", "Bus", "line", "Sociétal", "5", "·"]
    assert lines[-1] == (
        "Essai à blanc : 2 éléments seraient ajoutés à needs (N13 … N14) ; rien n'a été écrit"
    )
    assert example.read_bytes() == before


def test_map_names_the_columns_people_wrote(cli, tmp_path: Path) -> None:
    target = new_file(cli, tmp_path / "atelier.yaml")
    table = tmp_path / "contacts.csv"
    table.write_text(
        "Organisme;Catégorie;Remarque\nMairie;collectivite;à relancer\n", encoding="utf-8"
    )
    refused = cli("import", target, table, "--list", "partners")
    assert refused.code == 2
    assert "contacts.csv : aucune colonne ne correspond à un champ de partners" in refused.err
    result = cli(
        "import",
        target,
        table,
        "--list",
        "partners",
        "--map",
        "organisme=name",
        "--map",
        "Catégorie=Type d’acteur",
        "--map",
        "Remarque=",
    )
    assert result.code == 0, result.err
    assert "Colonnes ignorées comme le demande --map : C Remarque" in result.err
    assert items(target, "partners") == [{"name": "Mairie", "actor_type": "collectivite"}]
    bad = cli("import", target, table, "--list", "partners", "--map", "Ville=name")
    assert bad.code == 2
    assert "--map Ville=name : contacts.csv n'a pas de colonne Ville" in bad.err


def test_two_columns_for_one_field_are_refused(cli, tmp_path: Path) -> None:
    target = new_file(cli, tmp_path / "atelier.yaml")
    table = tmp_path / "t.csv"
    table.write_text("name;Nom\nA;B\n", encoding="utf-8")
    result = cli("import", target, table, "--list", "partners")
    assert result.code == 2
    assert "t.csv : les colonnes A (name), B (Nom) donnent toutes partners.name" in result.err
    assert "--map 'Nom='" in result.err


def test_the_sheet_is_chosen_by_name_or_by_the_list(cli, example: Path, tmp_path: Path) -> None:
    export = tmp_path / "export.xlsx"
    assert cli("export", example, "-o", export).code == 0
    target = new_file(cli, tmp_path / "atelier.yaml")
    # no --sheet: the sheet named like the list
    assert cli("import", target, export, "--list", "axes").code == 0
    assert items(target, "axes") == typed(items(example, "axes"))
    wrong = cli("import", target, export, "--list", "risks", "--sheet", "risques")
    assert wrong.code == 1
    assert "Erreur : --sheet risques : " in wrong.err
    assert (
        "export.xlsx n'a pas de feuille de ce nom (feuilles : answers, communes, participants,"
        in wrong.err
    )
    csv_table = tmp_path / "t.csv"
    csv_table.write_text("title\nX\n", encoding="utf-8")
    refused = cli("import", target, csv_table, "--list", "axes", "--sheet", "x")
    assert "est un fichier CSV, il n'a pas de feuilles" in refused.err
    not_a_list = cli("import", target, csv_table, "--list", "population")
    assert not_a_list.code == 2
    assert "--list population : pas une liste du questionnaire territoire" in not_a_list.err
    assert "listes : communes (Communes concernées), participants (Participants)," in not_a_list.err


def test_a_locked_file_is_refused(cli, tmp_path: Path) -> None:
    target = new_file(cli, tmp_path / "atelier.yaml")
    table = tmp_path / "t.csv"
    table.write_text("title\nX\n", encoding="utf-8")
    with locked(target):
        result = cli("import", target, table, "--list", "axes")
    assert result.code == 1
    assert "is in use by another coconstruct" in result.err


GENERIC = """\
id: inventaire
version: 3
title: {fr: Inventaire, en: Inventory}
languages: [fr, en]
currency: EUR
sections:
  - id: s
    title: {fr: S, en: S}
    questions:
      - id: lieux
        type: list
        item_prefix: L
        item_title: nom
        label: {fr: Lieux, en: Places}
        fields:
          - {id: nom, type: text, label: {fr: Nom, en: Name}}
      - id: lignes
        type: list
        item_prefix: R
        item_title: libelle
        label: {fr: Lignes, en: Rows}
        fields:
          - {id: libelle, type: text, label: {fr: Libellé, en: Label}}
          - {id: notes, type: textarea, label: {fr: Notes, en: Notes}}
          - {id: effectif, type: number, label: {fr: Effectif, en: Headcount}}
          - {id: cout, type: money, label: {fr: Coût, en: Cost}}
          - {id: part, type: percent, label: {fr: Part, en: Share}}
          - {id: debut, type: date, label: {fr: Début, en: Start}}
          - {id: actif, type: boolean, label: {fr: Actif, en: Active}}
          - id: genre
            type: select
            label: {fr: Genre, en: Kind}
            choices:
              - {id: a, label: {fr: "Premier, le bon", en: "First, the good one"}}
              - {id: b, label: {fr: Second, en: Second}}
          - id: themes
            type: multiselect
            label: {fr: Thèmes, en: Themes}
            choices:
              - {id: x, label: {fr: "Eau, air", en: "Water, air"}}
              - {id: y, label: {fr: Sols, en: Soils}}
          - id: niveau
            type: scale
            label: {fr: Niveau, en: Level}
            choices: [{id: 1, label: {fr: Bas, en: Low}}, {id: 2, label: {fr: Haut, en: High}}]
          - {id: lieu, type: reference, to: lieux, label: {fr: Lieu, en: Place}}
          - {id: lieux_vus, type: reference, to: lieux, multiple: true,
             label: {fr: Lieux vus, en: Places seen}}
"""


@pytest.mark.parametrize("into", ["en", "fr"])
@pytest.mark.parametrize(
    ("fmt", "lang"), [("xlsx", "fr"), ("xlsx", "en"), ("csv", "fr"), ("csv", "en")]
)
def test_every_kind_of_answer_round_trips_for_any_questionnaire(
    cli, tmp_path: Path, fmt: str, lang: str, into: str
) -> None:
    """No field name of ours: a questionnaire of its own, every type, exact and approximate,
    exported in either language and imported into an answers file of either language."""
    (tmp_path / "inventaire.yaml").write_text(GENERIC, encoding="utf-8")
    source = tmp_path / "source.yaml"
    source.write_text(
        "questionnaire: inventaire.yaml\nquestionnaire_version: 3\nlanguage: fr\nanswers:\n"
        "  lieux:\n    - {id: L1, nom: Halle}\n    - {id: L2, nom: 'Gare, quai 2'}\n"
        "  lignes:\n"
        "    - id: R1\n      libelle: Première\n      notes: |-\n        deux\n        lignes\n"
        "      effectif: 1250.75\n      cout: 1200.5\n      part: 12.5\n"
        "      debut: 2027-03-15\n      actif: true\n      genre: a\n      themes: [x, y]\n"
        "      niveau: 2\n      lieu: L2\n      lieux_vus: [L2, L1]\n"
        "    - {id: R2, libelle: '+seconde', part: 100, actif: false, effectif: -3}\n"
        # approximate: what a spreadsheet cannot hold as a number or a date
        "    - {id: R3, effectif: '~12', cout: 15000-20000, debut: 2016-10}\n"
        "    - {id: R4, effectif: unknown, cout: '>=700000', debut: 2021-Q2}\n"
        "    - {id: R5, effectif: '>=2.5', cout: '~1200.5', debut: 2016}\n"
        "    - {id: R6, effectif: 1200.25-1300.75, cout: unknown}\n"
        "    - {id: R7, cout: '~200000', effectif: '~1234567.125'}\n",
        encoding="utf-8",
    )
    assert cli("validate", source).code == 0
    out = tmp_path / ("export.xlsx" if fmt == "xlsx" else "csv")
    assert cli("export", source, "-o", out, "-f", fmt, "--lang", lang).code == 0
    target = tmp_path / "cible.yaml"
    target.write_text(f"questionnaire: inventaire.yaml\nlanguage: {into}\nanswers: {{}}\n")
    for list_id in ("lieux", "lignes"):
        table = out if fmt == "xlsx" else out / f"{list_id}.csv"
        result = cli("import", target, table, "--list", list_id)
        assert result.code == 0, result.err
    assert items(target, "lignes") == items(source, "lignes")
    assert items(target, "lieux") == items(source, "lieux")
    assert cli("validate", target).code == 0
