"""The manual as a new user sees it: the site built (as `make site` builds it) and opened in
Chromium at a laptop's and a phone's width, in both languages: the language switch leads to the
same page in the other tree, French pages are marked French, nothing runs off the screen."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).parent.parent
pytestmark = pytest.mark.slow  # the site built once (about 5 s), then Chromium
# what a reader would see wrong: a page wider than the screen, a picture that does not load
FITS = """() => {
  const found = [], width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > width) found.push('scrolls sideways');
  for (const img of document.images)
    if (!img.complete || img.naturalWidth === 0) found.push('no image ' + img.src);
  return found;
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site built with mkdocs.yml (--strict), served over HTTP as a host would serve it."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    out = tmp_path_factory.mktemp("site")
    build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(out), strict=True))

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(out))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.mark.parametrize(
    ("start", "language", "lands"),
    [
        ("getting-started/", "fr", "fr/getting-started/"),
        ("fr/facilitating/room/", "en", "facilitating/room/"),
        ("reference/cli/", "fr", "fr/"),  # a page in English only: the French home
    ],
)
def test_the_language_switch_leads_to_the_same_page(
    site: str, browser: Any, start: str, language: str, lands: str
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        page.goto(site + start)
        page.wait_for_load_state("networkidle")  # as a reader: the theme's script is ready
        page.hover(".md-select")
        page.click(f".md-select__link[hreflang={language}]")
        page.wait_for_url(site + lands, timeout=10_000)
        assert page.evaluate("document.documentElement.lang") == language
    finally:
        page.close()


def test_pages_fit_a_laptop_and_a_phone_in_both_languages(site: str, browser: Any) -> None:
    paths = ["fr/", "fr/answers/real-sites/", "portfolios/synthesis/"]  # pictures, wide tables
    for width, height in [(1280, 800), (390, 844)]:
        page = browser.new_page(viewport={"width": width, "height": height})
        try:
            for path in paths:
                page.goto(site + path)
                page.wait_for_load_state("load")
                wrong = page.evaluate(FITS)
                assert wrong == [], f"{path or 'home'} at {width}: {wrong}"
                assert page.evaluate("document.documentElement.lang") == (
                    "fr" if path.startswith("fr/") else "en"
                )
        finally:
            page.close()
