"""The room under load: 80 phones join, spend 5 dots each and send 2 post-its each, at once.

Starts `coconstruct serve` on a copy of the example (its own process, over loopback), opens the
vote, and runs 80 participants concurrently, each from its own loopback address (127.0.1.N) with
its own live-events stream, as phones hold one; a projector listens too. Measures every request's
latency, and for each vote the time from the tap to the projector's event. Then closes the vote
and checks the answers file: its totals must equal the acknowledged votes, need by need (none
lost, none counted twice). The server is stopped at the end (Ctrl-C, as a facilitator would).

The load generator speaks HTTP/1.1 on asyncio streams itself: httpx would spend more CPU per
request than the server does, and the two share the same two cores.

Usage: python benchmarks/serve.py [--participants 80] [--burst] [--behind-proxy | --nat]
Default: people tap as people do (they join over 5 s, 0.2 to 1.5 s between taps); `--burst`:
everyone fires every request back to back, the worst case. `--behind-proxy`: the room as a tunnel
or a proxy on the laptop brings it (`serve --behind-proxy`): every phone connects from one
address, 127.0.0.1, and is told apart by the X-Forwarded-For header the tunnel adds (addresses of
TEST-NET-3, written in a header only: no packet goes anywhere but loopback). `--nat`: every phone
from one address, 127.0.0.1, with no header at all (a venue's NAT, or a tunnel without
--behind-proxy): each phone is told apart by its participant id once joined.
Targets: p99 request latency under 100 ms, p99 tap-to-projector under 1 s, 0 votes lost.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from serving import draft_example, start_serve  # noqa: E402

NEEDS = [f"N{i}" for i in range(1, 13)]
DOMAINS = ["economique", "social", "environnemental", "societal"]


class Http:
    """One keep-alive HTTP/1.1 connection, from a given local address."""

    def __init__(
        self, host: str, port: int, local: str | None = None, forwarded: str | None = None
    ) -> None:
        self.host, self.port, self.local = host, port, local
        # what a tunnel on the laptop adds to each request of a phone it forwards
        self.extra = f"X-Forwarded-For: {forwarded}\r\n" if forwarded else ""
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def _open(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        if self.reader is None or self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(
                self.host, self.port, local_addr=(self.local, 0) if self.local else None
            )
        return self.reader, self.writer

    async def request(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        reader, writer = await self._open()
        payload = json.dumps(body).encode() if body is not None else b""
        head = f"{method} {path} HTTP/1.1\r\nHost: {self.host}\r\n{self.extra}"
        head += f"Content-Length: {len(payload)}\r\n"
        if body is not None:
            head += "Content-Type: application/json\r\n"
        writer.write(head.encode() + b"\r\n" + payload)
        status = int((await reader.readline()).split()[1])
        length = 0
        while (line := await reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        data = await reader.readexactly(length)
        return status, json.loads(data) if data else {}

    async def events(self, path: str) -> AsyncIterator[str]:
        """The lines of a server-sent events stream."""
        reader, writer = await self._open()
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\n{self.extra}\r\n".encode())
        while (line := await reader.readline()) not in (b"\r\n", b""):
            pass
        while line := await reader.readline():
            yield line.decode().rstrip("\r\n")

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


class Results:
    def __init__(self) -> None:
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.statuses: Counter[tuple[str, int]] = Counter()
        self.acked: list[tuple[str, float, float]] = []  # item, sent, acknowledged
        self.events: dict[str, list[tuple[int, float]]] = defaultdict(list)  # item → (votes, t)


async def request(
    results: Results, client: Http, kind: str, method: str, path: str, body: Any = None
) -> tuple[int, Any, float, float]:
    sent = time.perf_counter()
    status, data = await client.request(method, path, body)
    done = time.perf_counter()
    results.latencies[kind].append(done - sent)
    results.statuses[(kind, status)] += 1
    return status, data, sent, done


async def listen(client: Http, path: str, results: Results | None, ready: asyncio.Event) -> None:
    kind = ""
    async for line in client.events(path):
        ready.set()
        if line.startswith("event: "):
            kind = line[7:]
        elif line.startswith("data: ") and kind == "votes" and results is not None:
            data = json.loads(line[6:])
            results.events[data["item"]].append((data["votes"], time.perf_counter()))


async def participant(
    number: int,
    host: str,
    port: int,
    room: str,
    results: Results,
    burst: bool,
    stop: asyncio.Event,
    rng: random.Random,
    proxied: bool = False,
    nat: bool = False,
) -> None:
    address = f"127.0.{1 + number // 250}.{1 + number % 250}"
    forwarded = f"203.0.113.{1 + number % 250}" if proxied else None
    if proxied or nat:
        address = "127.0.0.1"  # the tunnel's or the NAT's: one address for the whole room
    client = Http(host, port, address, forwarded)
    if not burst:
        await asyncio.sleep(rng.uniform(0, 5))  # people scan the QR code one after another
    status, data, _, _ = await request(results, client, "join", "POST", f"/api/{room}/join")
    assert status == 201, data
    me = data["participant"]
    await request(results, client, "state", "GET", f"/api/{room}/state?participant={me}")
    ready = asyncio.Event()
    phone = Http(host, port, address, forwarded)  # the page listens, as every phone does
    # the page listens once joined, naming its participant (a few streams of its own)
    stream = asyncio.create_task(listen(phone, f"/api/{room}/events?participant={me}", None, ready))
    await ready.wait()
    actions = [("vote", rng.choice(NEEDS)) for _ in range(5)] + [("idea", "")] * 2
    rng.shuffle(actions)
    for kind, item in actions:
        if not burst:
            await asyncio.sleep(rng.uniform(0.2, 1.5))
        if kind == "vote":
            body = {"participant": me, "item": item}
            status, _, sent, done = await request(
                results, client, "vote", "POST", f"/api/{room}/votes", body
            )
            if status == 200:
                results.acked.append((item, sent, done))
        else:
            idea = {
                "participant": me,
                "list": "needs",
                "title": f"Idée {number}-{rng.random():.4f}",
                "domain": rng.choice(DOMAINS),
                "description": "Proposée depuis un téléphone",
            }
            await request(results, client, "idea", "POST", f"/api/{room}/ideas", idea)
    await stop.wait()
    stream.cancel()
    client.close()
    phone.close()


async def run(
    count: int,
    burst: bool,
    base: str,
    room: str,
    admin: str,
    proxied: bool = False,
    nat: bool = False,
) -> Results:
    host, port_text = base.removeprefix("http://").rsplit(":", 1)
    port = int(port_text)
    results = Results()
    stop = asyncio.Event()
    ready = asyncio.Event()
    screen = Http(host, port)
    projector = asyncio.create_task(listen(screen, f"/api/{admin}/events", results, ready))
    await ready.wait()
    facilitator = Http(host, port)
    await facilitator.request("POST", f"/api/{admin}/voting/open")
    facilitator.close()
    seeds = random.Random(2026)
    people = [
        asyncio.create_task(
            participant(
                i,
                host,
                port,
                room,
                results,
                burst,
                stop,
                random.Random(seeds.random()),
                proxied,
                nat,
            )
        )
        for i in range(count)
    ]
    deadline = time.monotonic() + 120
    while len(results.acked) + results.statuses[("vote", 409)] < count * 5:
        await asyncio.sleep(0.05)
        failed = [p for p in people if p.done() and p.exception()]
        if failed:
            raise failed[0].exception()  # type: ignore[misc]
        if time.monotonic() > deadline:
            raise TimeoutError("the room did not finish voting in 2 minutes")
    await asyncio.sleep(1.0)  # the last events reach the projector
    stop.set()
    await asyncio.gather(*people, return_exceptions=True)
    projector.cancel()
    screen.close()
    return results


def server_cpu(pid: int) -> float:
    """Seconds of CPU the server process used so far (Linux /proc), else 0."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def event_latencies(results: Results) -> list[float]:
    """Tap to projector: a need's k-th acknowledged vote ↔ the first event counting k on it.

    Two votes on one need flushed together give one event counting both: the first is then
    matched to it too (its latency is counted, not lost).
    """
    out = []
    by_item: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for item, sent, done in results.acked:
        by_item[item].append((done, sent))
    for item, acks in by_item.items():
        acks.sort()
        arrivals = sorted(results.events.get(item, []))
        for k, (_, sent) in enumerate(acks, 1):
            later = [t for votes, t in arrivals if votes >= k]
            if later:
                out.append(min(later) - sent)
    return out


def ms(values: list[float], p: float) -> str:
    return f"{percentile(values, p) * 1000:.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--participants", type=int, default=80)
    parser.add_argument("--burst", action="store_true")
    modes = parser.add_mutually_exclusive_group()
    modes.add_argument("--behind-proxy", action="store_true")
    modes.add_argument("--nat", action="store_true")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = draft_example(Path(folder))
        server = start_serve(path, *(["--behind-proxy"] if options.behind_proxy else []))
        room = server.room
        try:
            started = time.perf_counter()
            results = asyncio.run(
                run(
                    options.participants,
                    options.burst,
                    room.base,
                    room.room,
                    room.admin,
                    options.behind_proxy,
                    options.nat,
                )
            )
            elapsed = time.perf_counter() - started
            cpu = server_cpu(server.proc.pid)
            closed = room.admin_post("voting/close")
            assert closed.status_code == 200, closed.text
        finally:
            room.client.close()
            server.proc.send_signal(signal.SIGINT)  # the server stops by itself
            try:
                server.proc.wait(30)
            except subprocess.TimeoutExpired:
                server.proc.kill()
        from coconstruct.model.answers_file import AnswersFile

        written = Counter(
            {str(n["id"]): int(n.get("votes") or 0) for n in AnswersFile.load(path).items("needs")}
        )
    acked = Counter(item for item, _, _ in results.acked)
    lost = sum((acked - written).values())
    extra = sum((written - acked).values())
    every = [x for values in results.latencies.values() for x in values]
    events = event_latencies(results)
    mode = "burst (no pause between requests)" if options.burst else "room (people's pace)"
    if options.behind_proxy:
        mode += ", behind a proxy (one address, X-Forwarded-For)"
    if options.nat:
        mode += ", behind a NAT (one address, no header)"
    print(
        f"serve: {options.participants} participants, 5 dots and 2 post-its each, {mode}: "
        f"{elapsed:.1f} s, server CPU {cpu:.1f} s"
    )
    print(
        f"  requests: {len(every)}  p50 {ms(every, 50)}  p99 {ms(every, 99)}  "
        f"max {max(every) * 1000:.1f} ms"
    )
    for kind, values in sorted(results.latencies.items()):
        print(f"    {kind:<6} {len(values):>4}  p50 {ms(values, 50):>9}  p99 {ms(values, 99):>9}")
    print(f"  answers: {dict(sorted(results.statuses.items()))}")
    print(f"  tap to projector: {len(events)} votes  p50 {ms(events, 50)}  p99 {ms(events, 99)}")
    print(
        f"  votes acknowledged {sum(acked.values())}, in the file {sum(written.values())}: "
        f"lost {lost}, counted twice {extra}"
    )
    met = (
        percentile(every, 99) < 0.1
        and percentile(events, 99) < 1.0
        and lost == 0
        and extra == 0
        and sum(acked.values()) == options.participants * 5
    )
    print("  targets (p99 < 100 ms, events p99 < 1 s, 0 lost): " + ("met" if met else "NOT MET"))
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    main()
