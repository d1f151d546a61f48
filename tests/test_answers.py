from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coconstruct.errors import CoconstructError
from coconstruct.model import questionnaire as qmod
from coconstruct.model.answers_file import AnswersFile
from coconstruct.model.locking import lock_path, locked
from coconstruct.model.text import normalize_text

TERRITOIRE = qmod.load("territoire")

HAND_WRITTEN = textwrap.dedent(
    """\
    # Atelier du 12 mars, salle des fêtes
    questionnaire: territoire
    questionnaire_version: 1
    language: fr
    status: draft
    answers:
      territory_name: "Val d'Orbière"   # nom validé par le bureau
      # la population vient de l'INSEE
      population: 23400
      needs:
        - id: N1
          title: Mobilité des jeunes
          priority: 4
    """
)

# Text that exercises every line-break and control character YAML treats specially.
tricky_text = st.lists(
    st.one_of(
        st.text(max_size=8),
        st.sampled_from(
            [
                "\x85",
                "\u2028",
                "\u2029",
                "\r",
                "\r\n",
                "\n",
                " ",
                "\t",
                "#",
                ": ",
                "- ",
                "'",
                '"',
                "|",
                ">",
                "{{ 7*7 }}",
                "e\u0301",
                "\x00",
                "\x1b",
                "\ufeff",
                "null",
                "2027-03-15",
                "no",
                "0x1F",
                "~",
            ]
        ),
    ),
    max_size=12,
).map("".join)


def test_load_and_save_keeps_the_file_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(HAND_WRITTEN)
    AnswersFile.load(path).save()
    assert path.read_text() == HAND_WRITTEN


def test_new_answers_go_where_the_questionnaire_puts_them(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(HAND_WRITTEN)
    doc = AnswersFile.load(path)
    doc.set(TERRITOIRE, "vision", "Un territoire où\nchacun trouve sa place.")
    doc.set(TERRITOIRE, "perimeter_type", "intercommunalite")
    doc.save()
    text = path.read_text()
    assert list(AnswersFile.load(path).answers) == [
        "territory_name",
        "perimeter_type",
        "population",
        "needs",
        "vision",
    ]
    assert "# nom validé par le bureau" in text and "# la population vient de l'INSEE" in text
    assert "  vision: |-\n    Un territoire où\n    chacun trouve sa place.\n" in text


def test_list_items_get_stable_ids_that_are_never_reused(tmp_path: Path) -> None:
    doc = AnswersFile.new(TERRITOIRE, tmp_path / "a.yaml", "fr", "territoire")
    needs = TERRITOIRE.question("needs")
    assert needs is not None
    ids = [doc.add_item(TERRITOIRE, needs)["id"] for _ in range(3)]
    assert ids == ["N1", "N2", "N3"]
    doc.remove_item("needs", "N3")
    doc.move_item("needs", "N2", -1)
    assert [i["id"] for i in doc.items("needs")] == ["N2", "N1"]
    assert doc.add_item(TERRITOIRE, needs)["id"] == "N3"


@pytest.mark.slow  # 300 saves and loads of a whole answers file
@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=tricky_text)
def test_any_typed_text_survives_save_and_load(tmp_path: Path, raw: str) -> None:
    path = tmp_path / "prop.yaml"
    doc = AnswersFile.new(TERRITOIRE, path, "fr", "territoire")
    doc.set(TERRITOIRE, "vision", raw)
    doc.set(TERRITOIRE, "territory_name", raw)
    doc.save()
    again = AnswersFile.load(path)
    expected = normalize_text(raw)
    assert again.get("vision") == expected
    assert again.get("territory_name") == expected
    again.save()
    assert AnswersFile.load(path).get("vision") == expected


def test_dates_round_trip_as_iso_dates(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    doc = AnswersFile.new(TERRITOIRE, path, "fr", "territoire")
    doc.set(TERRITOIRE, "workshop_date", dt.date(2027, 3, 15))
    doc.save()
    assert "workshop_date: 2027-03-15\n" in path.read_text()
    assert AnswersFile.load(path).get("workshop_date") == "2027-03-15"


def test_a_second_holder_of_the_lock_is_refused_with_the_first_ones_pid(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(HAND_WRITTEN)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path\n"
            "from coconstruct.model.locking import locked\n"
            f"with locked(Path({str(path)!r})):\n    print('held', flush=True); sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,  # held until the test ends (kill below), however long it takes
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(CoconstructError) as info, locked(path):
            pass
        assert f"in use by another coconstruct (process {holder.pid}" in info.value.message
    finally:
        holder.kill()  # as a crash: its lock file stays, and holds nothing
        holder.wait()
    assert lock_path(path).exists()
    with locked(path):
        pass
    assert not lock_path(path).exists()  # a normal end takes its lock file away
