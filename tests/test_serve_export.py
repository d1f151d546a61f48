"""The wall as a PNG from the facilitator's page: drawn on the server (matplotlib), the needs
ranked by dots, as tall as the needs ask, for the facilitator only."""

from __future__ import annotations

import io
from pathlib import Path

from conftest import said
from serving import draft_example, room_in_thread

from coconstruct.serve.export import TITLE_WIDTH, WallRow, wall_png

DOMAINS = {"economique": "Économique", "social": "Social"}


def size(png: bytes) -> tuple[int, int]:
    from PIL import Image

    with Image.open(io.BytesIO(png)) as picture:
        assert picture.format == "PNG"
        return picture.size


def test_the_wall_is_downloaded_as_a_png_by_the_facilitator_only(tmp_path: Path) -> None:
    with room_in_thread(draft_example(tmp_path)) as room:
        room.admin_post("voting/open")
        me = room.join()
        room.vote(me, "N3")
        answer = room.client.get(f"/api/{room.admin}/wall.png?lang=fr")
        assert answer.status_code == 200
        assert answer.headers["content-type"] == "image/png"
        assert answer.headers["content-disposition"] == (
            f'attachment; filename="atelier-{said("wall")}.png"'
        )
        width, height = size(answer.content)
        assert width == 1200 and height > 12 * 45  # the example's 12 needs, each on its line
        for token in (room.room, room.screen):
            assert room.client.get(f"/api/{token}/wall.png").status_code == 404
        page = room.client.get(f"/a/{room.admin}?lang=fr").text
        assert f'href="/api/{room.admin}/wall.png?lang=fr"' in page
        assert said("Export the wall (PNG)") in page


def test_forty_needs_with_long_titles_make_a_taller_picture_not_cut_titles() -> None:
    title = "Recruter localement et ramener vers l'emploi les jeunes du territoire " * 2
    few = [WallRow(i + 1, f"N{i + 1}", title, "social", 40 - i) for i in range(6)]
    many = [WallRow(i + 1, f"N{i + 1}", title, None, 40 - i) for i in range(18)]
    short = [WallRow(i + 1, f"N{i + 1}", "Eau", "economique", 0) for i in range(18)]
    heights = [size(wall_png("Val", "Vote", rows, DOMAINS, "—"))[1] for rows in (few, many, short)]
    assert heights[1] > 2 * heights[0]  # wrapped on their lines, every line drawn
    assert heights[2] < heights[1]  # a short title takes one line
    assert len(title) > 2 * TITLE_WIDTH
    assert size(wall_png("Val", "Vote", [], DOMAINS, "Aucun besoin"))[1] > 0
