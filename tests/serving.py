"""Helpers for the room's tests: a real server on a free loopback port, in a thread or a process."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

EXAMPLE = Path(__file__).parent.parent / "coconstruct" / "examples" / "val-d-orbiere.yaml"


def draft_example(folder: Path, name: str = "atelier.yaml") -> Path:
    """The example workshop as a draft (accepted post-its may lack a priority)."""
    path = folder / name
    shutil.copy(EXAMPLE, path)
    path.write_text(path.read_text(encoding="utf-8").replace("status: final", "status: draft", 1))
    return path


@dataclass
class Room:
    base: str
    room: str
    admin: str
    path: Path
    client: httpx.Client
    service: object = None  # the RoomService, when the server runs in this process
    screen: str = ""  # the projector's token

    def join(self, client: httpx.Client | None = None) -> str:
        answer = (client or self.client).post(f"/api/{self.room}/join")
        assert answer.status_code == 201, answer.text
        return str(answer.json()["participant"])

    def phone(self, number: int) -> httpx.Client:
        """A client from its own loopback address (127.0.1.N), as each phone has its own."""
        transport = httpx.HTTPTransport(
            local_address=f"127.0.{1 + number // 250}.{1 + number % 250}"
        )
        return httpx.Client(base_url=self.base, timeout=10, transport=transport)

    def vote(self, participant: str, item: str, method: str = "POST") -> httpx.Response:
        return self.client.request(
            method, f"/api/{self.room}/votes", json={"participant": participant, "item": item}
        )

    def admin_post(self, path: str, **body: object) -> httpx.Response:
        return self.client.post(f"/api/{self.admin}/{path}", json=body or None)

    def state(self, participant: str | None = None, lang: str = "en") -> dict:
        params = {"lang": lang}
        if participant:
            params["participant"] = participant
        answer = self.client.get(f"/api/{self.room}/state", params=params)
        assert answer.status_code == 200, answer.text
        return answer.json()

    def admin_state(self) -> dict:
        answer = self.client.get(f"/api/{self.admin}/state", params={"lang": "en"})
        assert answer.status_code == 200, answer.text
        return answer.json()


@contextlib.contextmanager
def room_in_thread(path: Path, dots: int = 5) -> Iterator[Room]:
    """The room's server of `path` in a thread of this process (as `run --serve` runs it)."""
    from coconstruct.editing.editor import Editor
    from coconstruct.model.validation import load_checked
    from coconstruct.serve import RoomService, Workshop, background, bind, urls

    doc, q = load_checked(path)
    service = RoomService.open(Workshop(Editor(doc, q)), dots)
    service.lang = "en"
    sock = bind("127.0.0.1", 0)
    found = urls(service, sock, lan=False)
    service.join_url = found.join
    service.short_url = found.short
    base = found.join.split("/j/")[0]
    with background(service, sock), httpx.Client(base_url=base, timeout=10) as client:
        yield Room(
            base,
            service.tokens.room,
            service.tokens.admin,
            path,
            client,
            service,
            service.tokens.screen,
        )
    service.close(remove_journal=False)


URL = re.compile(r"(http://\S+)/j/(\S+)")
ADMIN = re.compile(r"http://\S+/a/([^/\s]+)\s")
SCREEN = re.compile(r"http://\S+/s/([^/\s]+)\s")


@dataclass
class Process:
    proc: subprocess.Popen[str]
    room: Room
    output: str


def start_serve(
    path: Path, *args: str, env: dict[str, str] | None = None, show_admin: bool = True
) -> Process:
    """`coconstruct serve FILE --port 0 ARGS…` in its own process; its URLs read from its output
    (the facilitator's printed with --show-admin, else read from the file it is kept in)."""
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "coconstruct",
            "serve",
            str(path),
            "--port",
            "0",
            "--lang",
            "en",
            *(["--show-admin"] if show_admin else []),
            *args,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "COCONSTRUCT_LANG": "en", **(env or {})},
    )
    assert proc.stdout is not None
    lines: list[str] = []
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line)
        if line.startswith("Ctrl-C"):  # the banner's last line: URLs and QR code all printed
            break
    text = "".join(lines)
    join, screen = URL.search(text), SCREEN.search(text)
    kept = path.with_name(f".{path.name}.facilitator")
    admin = ADMIN.search(text if show_admin else kept.read_text() if kept.exists() else "")
    if join is None or admin is None or screen is None:
        proc.kill()
        raise AssertionError(f"serve did not start:\n{text}{proc.stdout.read()}")
    client = httpx.Client(base_url=join[1], timeout=10)
    room = Room(join[1], join[2], admin[1], path, client, screen=screen[1])
    return Process(proc, room, text)


def stop(process: Process, timeout: float = 15) -> str:
    """Ctrl-C, as the facilitator stops the server; returns the rest of its output."""
    import signal

    process.room.client.close()
    if process.proc.poll() is None:
        process.proc.send_signal(signal.SIGINT)
    out, _ = process.proc.communicate(timeout=timeout)
    return out


def start_run_serve(spawn: Any) -> tuple[Any, str, str, str]:
    """`run atelier.yaml --serve` in English, asking the venue, its admin URL printed: the child,
    the server's base URL, the room's token and the facilitator's."""
    child = spawn(
        "run", "atelier.yaml", "--serve", "--show-admin", "--port", "0", "--lang", "en",
        "--ask", "workshop_place",
    )  # fmt: skip
    child.expect(r"Participants \(phones, the QR code below\): (http://[0-9.:]+)/j/([\w-]+)")
    base, room_token = child.match.group(1), child.match.group(2)
    child.expect(r"Facilitator \(keep it to yourself\): http://[0-9.:]+/a/([\w-]+)")
    return child, base, room_token, child.match.group(1)
