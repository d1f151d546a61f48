"""A consultant's templates are untrusted input: sandbox escapes, reads outside the template
folder and network access are refused with a clear error, and nothing leaks into a report."""

from __future__ import annotations

import http.server
import os
import shutil
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import EXAMPLE

from coconstruct.errors import CoconstructError
from coconstruct.report import render

SECRET = "TOPSECRET-7f3a9c"

# template → what the consultant is told (after "roadmap.md.j2:1: ")
ESCAPES = {
    "{{ ''.__class__.__mro__[1].__subclasses__() }}": (
        "access to attribute '__class__' of 'str' object is unsafe"
    ),
    "{{ ''|attr('__class__') }}": "access to attribute '__class__' of 'str' object is unsafe",
    "{{ lipsum.__globals__['os'].popen('id').read() }}": (
        "access to attribute '__globals__' of 'function' object is unsafe"
    ),
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}": (
        "access to attribute '__init__' of 'type' object is unsafe"
    ),
    "{{ joiner.__init__.__globals__ }}": (
        "access to attribute '__init__' of 'type' object is unsafe"
    ),
    "{{ namespace.__init__.__globals__ }}": (
        "access to attribute '__init__' of 'type' object is unsafe"
    ),
    "{{ self.__init__.__globals__ }}": (
        "access to attribute '__init__' of 'TemplateReference' object is unsafe"
    ),
    "{{ range.__self__ }}": "'function object' has no attribute '__self__'",
    "{{ '{0.__class__}'.format(1) }}": "access to attribute '__class__' of 'int' object is unsafe",
    "{{ fmt.__class__.__init__.__globals__ }}": (
        "access to attribute '__init__' of 'StrictUndefined' object is unsafe"
    ),
    "{% set x = [].append(1) %}": "access to attribute 'append' of 'list' object is unsafe",
    "{{ answers.update({'a': 1}) }}": "access to attribute 'update' of 'dict' object is unsafe",
    "{{ config }}{{ request }}{{ os }}": "'config' is undefined",
}

READS = [
    "{% include '../secret.txt' %}",
    "{% include '/SECRET_PATH' %}",
    "{% include 'leak.j2' %}",  # a symlink to the secret, inside the folder
    "{% include 'random.j2' %}",  # a symlink to /dev/urandom
    "{% import '../secret.txt' as s %}",
    "{% extends '../secret.txt' %}",
    "{{ asset('../secret.txt') }}",
    "{{ asset('leak.j2') }}",
]


@pytest.fixture
def brand(tmp_path: Path) -> Path:
    """A templates folder with symlinks leading out of it, and a secret beside it."""
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    folder = tmp_path / "brand"
    folder.mkdir()
    (folder / "leak.j2").symlink_to(tmp_path / "secret.txt")
    (folder / "random.j2").symlink_to("/dev/urandom")
    shutil.copy(EXAMPLE, tmp_path / "atelier.yaml")
    return folder


def md_template(brand: Path, source: str) -> None:
    source = source.replace("SECRET_PATH", str(brand.parent / "secret.txt").lstrip("/"))
    (brand / "roadmap.md.j2").write_text(source, encoding="utf-8")


@pytest.mark.parametrize("source", list(ESCAPES))
def test_sandbox_escapes_are_refused(brand: Path, source: str) -> None:
    md_template(brand, source)
    with pytest.raises(CoconstructError) as caught:
        render(brand.parent / "atelier.yaml", ["md"], templates_dir=brand)
    message = caught.value.message
    assert f"roadmap.md.j2:1: {ESCAPES[source]}" in message


@pytest.mark.parametrize("source", READS)
def test_reads_outside_the_template_folder_are_refused(brand: Path, source: str) -> None:
    md_template(brand, source)
    with pytest.raises(CoconstructError) as caught:
        render(brand.parent / "atelier.yaml", ["md"], templates_dir=brand)
    assert "not found" in caught.value.message
    assert SECRET not in caught.value.message


def test_the_cli_reports_a_hostile_template_in_one_line(brand: Path) -> None:
    md_template(brand, "{{ lipsum.__globals__['os'].popen('id').read() }}")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "coconstruct",
            "render",
            "atelier.yaml",
            "-f",
            "md",
            "--templates",
            "brand",
            "-o",
            "out",
        ],
        capture_output=True,
        text=True,
        cwd=brand.parent,
        timeout=120,
        env={**os.environ, "COCONSTRUCT_LANG": "en"},
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    failure = [line for line in result.stderr.splitlines() if line.startswith("✗")]
    assert len(failure) == 1
    assert (
        "roadmap.md.j2:1: access to attribute '__globals__' of 'function' object is unsafe"
        in (failure[0])
    )
    assert not (brand.parent / "out" / "atelier.md").exists()


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []  # noqa: RUF012 — shared on purpose: the test reads it

    def do_GET(self) -> None:
        _Recorder.requests.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"body{color:red}")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    _Recorder.requests = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}"
    # the recorder does see a request: "no request" below means none was made
    with urllib.request.urlopen(f"{url}/canary", timeout=30) as response:
        assert response.read() == b"body{color:red}"
    assert _Recorder.requests == ["/canary"]
    _Recorder.requests = []
    yield url
    httpd.shutdown()


@pytest.mark.slow
@pytest.mark.parametrize(
    "css",
    [
        "@import url('{server}/import.css');",
        "body {{ background: url('{server}/bg.png'); }}",
        "@font-face {{ font-family: X; src: url('{server}/x.woff2'); }} body {{ font-family: X; }}",
        "body {{ background: url('file://{secret}'); }}",
        "body {{ background: url('../secret.txt'); }}",
        "body {{ background: url('leak.j2'); }}",
        "body {{ background: url('random.j2'); }}",
        "body {{ background: url('file:///dev/urandom'); }}",
    ],
)
def test_the_pdf_step_reads_nothing_outside_and_never_the_network(
    brand: Path, server: str, css: str
) -> None:
    rule = css.format(server=server, secret=brand.parent / "secret.txt")
    (brand / "roadmap.css").write_text(rule + "\n", encoding="utf-8")
    html = brand / "roadmap.html.j2"
    html.write_text(
        "<html><head><style>{{ asset('roadmap.css') }}</style></head>"
        "<body><h1>{{ doc.territory }}</h1></body></html>\n",
        encoding="utf-8",
    )
    with pytest.raises(CoconstructError) as caught:
        render(brand.parent / "atelier.yaml", ["pdf"], templates_dir=brand)
    assert "outside the template folders" in caught.value.message
    assert _Recorder.requests == []
    assert SECRET not in caught.value.message


@pytest.mark.slow
def test_images_in_answers_or_templates_never_reach_the_network(brand: Path, server: str) -> None:
    from coconstruct.model.answers_file import AnswersFile
    from coconstruct.model.questionnaire import load

    answers = brand.parent / "atelier.yaml"
    doc = AnswersFile.load(answers)
    doc.set(load("territoire"), "workshop_place", f'<img src="{server}/a.png">')
    doc.save()
    result = render(answers, ["pdf", "html"])
    assert _Recorder.requests == []
    assert f"&lt;img src=&#34;{server}/a.png&#34;&gt;" in result.documents["html"].decode()
    assert SECRET.encode() not in result.documents["pdf"]
