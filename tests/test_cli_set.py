"""`coconstruct set`: what a user types and sees."""

from __future__ import annotations

from pathlib import Path

from conftest import said, said_n

from coconstruct.model.answers_file import AnswersFile


def test_set_edits_answers_and_keeps_everything_else(cli, example: Path) -> None:
    before = example.read_text()
    result = cli(
        "set",
        example,
        "population=24 100",
        "needs[N2].priority=5",
        "needs[+].title=Eau potable",
        "needs[+].domain=environnemental",
        "needs[+].priority=3",
        "sdgs=odd6, odd13",
    )
    assert result.code == 0, result.err
    # every line in the file's language (French here), values as the room reads them
    assert "  needs[N13].title = Eau potable\n" in result.out
    assert "  needs[N13].domain = Environnemental\n" in result.out
    assert "  population = 24\u202f100\xa0habitants\n" in result.out
    assert result.out.endswith("enregistré\n")
    after = example.read_text()
    changed = [line for line in after.splitlines() if line not in before.splitlines()]
    assert "  population: 24100" in changed
    assert "  sdgs: [odd6, odd13]" in changed
    doc = AnswersFile.load(example)
    assert doc.item("needs", "N2")["priority"] == 5  # type: ignore[index]
    assert doc.item("needs", "N13") == {
        "id": "N13",
        "title": "Eau potable",
        "domain": "environnemental",
        "priority": 3,
    }
    assert cli("validate", example).code == 0


def test_set_refuses_bad_values_and_changes_nothing(cli, example: Path) -> None:
    before = example.read_bytes()
    for args, message in [
        (["needs[N2].priority=7"], "needs[N2].priority : « 7 » n'est pas un choix possible"),
        (["population=beaucoup"], "population : « beaucoup » n'est pas un nombre"),
        (["actions[A1].needs_served=N1,N99"], "« N99 » ne désigne aucun élément de needs"),
        (["needs[N99].priority=2"], "needs[N99].priority : aucun élément N99 dans needs"),
        (["colour=blue"], "colour : pas de question colour"),
        (["population"], "population : CHEMIN=VALEUR attendu"),
    ]:
        result = cli("set", example, "vision=changed", *args)
        assert result.code == 2, args
        assert message in result.err, (args, result.err)
        assert "Traceback" not in result.err
    assert example.read_bytes() == before


def test_set_refuses_figures_no_file_can_keep_in_one_line(cli, example: Path) -> None:
    before = example.read_bytes()
    too_big = "est trop grand (au plus 1\u202f000\u202f000\u202f000\u202f000\u202f000)"
    for args, message in [
        (["funding[F1].amount=1e30"], f"funding[F1].amount : « 1e30 » {too_big}"),
        (["population=1e400"], f"population : « 1e400 » {too_big}"),
        (["population=99999999999999999999999999999999999999"], too_big),
        (["population=123456789012345678"], too_big),
        (["population=~1e20"], f"population : « ~1e20 » {too_big}"),
        (["population=10-1e20"], too_big),
        (["funding[F1].amount=plus de 2e15 €"], too_big),
        (["population=nan"], "population : « nan » n'est pas un nombre"),
        (["population=inf"], "population : « inf » n'est pas un nombre"),
    ]:
        result = cli("set", example, *args)
        assert result.code == 2, (args, result.err)
        assert message in result.err, (args, result.err)
        assert len(result.err.strip().splitlines()) == 1, result.err
        assert "Traceback" not in result.err
    assert example.read_bytes() == before
    result = cli("set", example, "population=1000000000000000")  # the bound itself is a figure
    assert result.code == 0, result.err
    assert "population = 1\u202f000\u202f000\u202f000\u202f000\u202f000\xa0habitants" in result.out


def test_set_status_final_only_for_a_complete_file(cli, example: Path, tmp_path: Path) -> None:
    example.write_text(example.read_text().replace("status: final", "status: draft"))
    assert cli("set", example, "--status", "final").code == 0
    assert "status: final" in example.read_text()
    draft = tmp_path / "draft.yaml"
    cli("new", draft)
    result = cli("set", draft, "territory_name=Val", "--status", "final")
    assert result.code == 2
    first = f"{draft}:6:10: perimeter_type: {said('an answer is required')}"
    refused = said_n(
        "cannot mark the file final: {n} error, {first}",
        "cannot mark the file final: {n} errors, the first: {first}",
        3,
        first=first,
    )
    assert refused in result.err
    assert "status: draft" in draft.read_text() and "Val" not in draft.read_text()


def test_set_refuses_to_empty_a_required_answer_and_takes_a_label_start(cli, example: Path) -> None:
    result = cli("set", example, "territory_name=")
    required = said(
        "{path}: {problem}", path="territory_name", problem=said("an answer is required")
    )
    assert result.code == 2 and required in result.err
    assert cli("set", example, "perimeter_type=Intercommunalité", "population=").code == 0
    text = example.read_text()
    assert "perimeter_type: intercommunalite" in text and "population:" not in text


def test_set_says_an_approximate_answer_as_the_room_reads_it(cli, example: Path) -> None:
    """Never « – » for an answer given, never « Oui » for a yes/no nobody gave."""
    result = cli(
        "set",
        example,
        "population=environ 23 000",
        "funding[F1].amount=au moins 700 000",
        "actions[A1].budget=15 à 20 k€",
        "funding[F2].amount=inconnu",
        "actions[A1].start=T2 2027",
    )
    assert result.code == 0, result.err
    shown = result.out.replace("\u202f", " ").replace("\u00a0", " ")
    assert "  population = ≈ 23 000 habitants\n" in shown
    assert "  funding[F1].amount = au moins 700 000 €\n" in shown
    assert "  actions[A1].budget = 15 000 € à 20 000 €\n" in shown
    assert "  funding[F2].amount = montant non connu\n" in shown
    assert "  actions[A1].start = T2 2027\n" in shown


def test_set_refuses_a_target_before_its_baseline_and_more_dots_than_offered(
    cli, example: Path
) -> None:
    before = example.read_bytes()
    for args, message in [
        (
            ["indicators[Ind1].target_date=2020"],
            "indicators[Ind1].target_date : antérieur à « Date de la situation de départ »",
        ),
        (
            ["indicators[Ind1].baseline_date=2030"],
            "indicators[Ind1].baseline_date : postérieur à « Échéance de la cible »",
        ),
        (
            ["vote_voters=3"],
            "vote_voters : « Gommettes reçues » (Besoins du territoire) : 190 en tout, plus que "
            "les 15 possibles (Nombre de votants 3 × Gommettes par personne 5)",
        ),
        (["vote_dots=1"], "190 en tout, plus que les 38 possibles"),
        (["needs[N1].votes=40"], "199 en tout, plus que les 190 possibles"),
        (["needs[+].title=Eau", "needs[+].votes=1"], "191 en tout, plus que les 190 possibles"),
    ]:
        result = cli("set", example, *args)
        assert result.code == 2, (args, result.err)
        assert message in result.err, (args, result.err)
        assert len(result.err.strip().splitlines()) == 1, result.err
    assert example.read_bytes() == before
    # a measure before its indicator's baseline is history: kept, `validate` says it
    result = cli("set", example, "measures[Mes1].date=2010")
    assert result.code == 0, result.err
    assert cli("validate", example).code == 0


def test_a_participant_is_any_of_the_partners_types_of_actor(cli, example: Path) -> None:
    result = cli(
        "set", example, "participants[I1].actor_type=ebe", "participants[I2].actor_type=CAF"
    )
    assert result.code == 0, result.err
    assert "participants[I1].actor_type = Entreprise à but d’emploi (EBE)" in result.out
    assert "participants[I2].actor_type = CAF et organisme de sécurité sociale" in result.out
    assert cli("validate", example).code == 0
