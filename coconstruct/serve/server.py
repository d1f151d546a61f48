"""Starting and stopping the room's server (uvicorn, one event loop), alone or beside `run`.

The socket is bound here before uvicorn starts, so that a port in use is one clear error, and
`--port 0` (tests, the benchmark) gets a free port whose number the URLs then carry.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import ipaddress
import os
import signal
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coconstruct.errors import CoconstructError, UsageError
from coconstruct.language.messages import msg
from coconstruct.serve.service import RoomService


@dataclass(frozen=True)
class Access:
    """Who may reach what beyond the defaults: `--lan-admin` (the facilitator's page from any
    address) and `--behind-proxy` (the forwarded address of a tunnel on this laptop is trusted)."""

    lan_admin: bool = False
    behind_proxy: bool = False


@dataclass(frozen=True)
class Urls:
    join: str
    admin: str
    screen: str
    lan: bool
    short: str = ""  # the participants' page by its short code, to type
    public: bool = False  # given by --public-url: the phones come through a tunnel


def bind(host: str, port: int, lang: str | None = None) -> socket.socket:
    """The listening socket, or an error saying which port is taken and what to do."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise UsageError(
                msg("port {port} is already in use", lang, port=port),
                hint=msg(
                    "choose another one with --port, such as --port {other}", lang, other=port + 1
                ),
                lang=lang,
            ) from None
        raise CoconstructError(
            msg(
                "cannot listen on {host}:{port} ({reason})",
                lang,
                host=host,
                port=port,
                reason=exc.strerror or exc,
            ),
            lang=lang,
        ) from None
    sock.listen(512)
    sock.setblocking(False)
    return sock


def lan_address() -> str | None:
    """This laptop's address on the local network (what phones on the same Wi-Fi reach).

    Asks the system which interface would route outside (a UDP socket's `connect` sends nothing),
    then falls back to the host name's addresses. None when there is no network at all.
    """
    candidates: list[str] = []
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(("192.0.2.1", 9))  # TEST-NET-1: routed nowhere, no packet is sent
        candidates.append(probe.getsockname()[0])
    with contextlib.suppress(OSError):
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            candidates.append(str(info[4][0]))
    for address in candidates:
        ip = ipaddress.ip_address(address)
        if not ip.is_loopback and not ip.is_unspecified:
            return address
    return None


def urls(
    service: RoomService, sock: socket.socket, lan: bool, public_url: str | None = None
) -> Urls:
    """The room's URLs: the phones' and the projector's on the local network (`lan`), or
    through the tunnel's address (`public_url`, from `public_url_of`); the facilitator's
    always on this computer."""
    host, port = sock.getsockname()[:2]
    local = "127.0.0.1" if host in ("0.0.0.0", "127.0.0.1") else host
    public = (lan_address() or local) if lan else local
    if ":" in public:
        public = f"[{public}]"
    if ":" in local:
        local = f"[{local}]"
    outside = public_url or f"http://{public}:{port}"
    return Urls(
        join=f"{outside}/j/{service.tokens.room}",
        admin=f"http://{local}:{port}/a/{service.tokens.admin}",
        # read-only: it may be opened on a device of the room (a smart screen) and be projected
        screen=f"{outside}/s/{service.tokens.screen}",
        lan=lan,
        short=f"{outside.partition('://')[2]}/{service.tokens.code}",
        public=public_url is not None,
    )


def public_url_of(value: str | None, lang: str | None = None) -> str | None:
    """`--public-url`: the address a tunnel gives the room (`https://abc.example.net`), checked:
    http or https, a host, an optional port, no path (the room's pages are at its root)."""
    if value is None:
        return None
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(value.strip())
        port = parts.port  # a port out of range raises here
    except ValueError:
        parts, port = None, None
    if (
        parts is None
        or parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
        or parts.username
        or parts.password
    ):
        raise UsageError(
            msg(
                "--public-url {url}: give the address the tunnel gives, such as "
                "https://abc.example.net (http or https, no path)",
                lang,
                url=value,
            ),
            lang=lang,
        )
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    return f"{parts.scheme}://{host}" + (f":{port}" if port else "")


def _config(service: RoomService, access: Access) -> Any:
    import uvicorn

    from coconstruct.serve.app import create_app

    try:
        import uvloop  # noqa: F401

        loop = "uvloop"
    except ImportError:
        loop = "asyncio"
    try:
        import httptools  # noqa: F401

        http = "httptools"
    except ImportError:
        http = "h11"
    return uvicorn.Config(
        create_app(service, lan_admin=access.lan_admin, behind_proxy=access.behind_proxy),
        loop=loop,
        http=http,
        lifespan="off",
        access_log=False,  # no addresses in logs: nothing about participants is written
        log_level="warning",
        proxy_headers=False,  # the address a request comes from is the socket's, not a header
        server_header=False,
        timeout_graceful_shutdown=2,
        timeout_keep_alive=30,
        limit_concurrency=2000,
    )


class _Server:
    """uvicorn's server, telling the room's listeners to hang up when it stops."""

    def __init__(self, service: RoomService, access: Access) -> None:
        import uvicorn

        service_ref = service

        class Server(uvicorn.Server):
            def handle_exit(self, sig: int, frame: Any) -> None:
                if service_ref.loop is not None:
                    service_ref.broker.close_all()
                super().handle_exit(sig, frame)

            @contextlib.contextmanager
            def capture_signals(self) -> Iterator[None]:
                # Ctrl-C is how the facilitator stops the room: a clean stop, not an interruption
                # (uvicorn would raise it again once stopped)
                if threading.current_thread() is not threading.main_thread():
                    yield
                    return
                handlers = {
                    sig: signal.signal(sig, self.handle_exit)
                    for sig in (signal.SIGINT, signal.SIGTERM)
                }
                try:
                    yield
                finally:
                    for sig, handler in handlers.items():
                        signal.signal(sig, handler)

        self.service = service
        self.server = Server(_config(service, access))

    async def serve(self, sock: socket.socket) -> None:
        self.service.loop = asyncio.get_running_loop()
        try:
            await self.server.serve(sockets=[sock])
        finally:
            await self.service.journal.drain()

    def run(self, sock: socket.socket) -> None:
        """Serve until Ctrl-C (or SIGTERM)."""
        with asyncio.Runner(loop_factory=self.server.config.get_loop_factory()) as runner:
            runner.run(self.serve(sock))

    def stop(self) -> None:
        loop = self.service.loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self.service.broker.close_all)
        self.server.should_exit = True


def run(service: RoomService, sock: socket.socket, access: Access | None = None) -> None:
    """Serve in this thread until interrupted."""
    _Server(service, access or Access()).run(sock)


@contextlib.contextmanager
def background(
    service: RoomService, sock: socket.socket, access: Access | None = None
) -> Iterator[None]:
    """Serve in a thread while the caller (the interview) runs; stopped on the way out."""
    server = _Server(service, access or Access())
    thread = threading.Thread(
        target=server.run, args=(sock,), name="coconstruct-serve", daemon=True
    )
    thread.start()
    try:
        yield
    finally:
        server.stop()
        thread.join(10)


def admin_file(answers: Path) -> Path:
    """Where the facilitator's URL is kept, beside the answers file (readable by its owner only):
    the terminal, often on the projector, does not print it unless asked (--show-admin)."""
    return answers.with_name(f".{answers.name}.facilitator")


def write_admin_file(answers: Path, url: str) -> Path:
    path = admin_file(answers)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)  # an older file may have been made with other rights
        os.write(fd, (url + "\n").encode())
    finally:
        os.close(fd)
    return path
