"""The deck in Impress's own format (.odp), converted from the .pptx by LibreOffice.

No Python library writes OpenDocument presentations with layouts, themes and notes as
python-pptx writes PowerPoint's, and Impress reads .pptx faithfully: LibreOffice, run headless
with a profile of its own (a LibreOffice already open is not disturbed), converts the deck.
Without LibreOffice, `-f odp` says so in one line and the other formats are still written.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from coconstruct.errors import CoconstructError
from coconstruct.language.messages import msg

TIMEOUT = 180.0  # a first start of LibreOffice builds its profile: tens of seconds


def soffice() -> str | None:
    """LibreOffice's program: COCONSTRUCT_SOFFICE, else soffice or libreoffice on PATH."""
    chosen = os.environ.get("COCONSTRUCT_SOFFICE")
    if chosen:
        return shutil.which(chosen)
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(pptx: bytes) -> bytes:
    """The .odp of a .pptx deck, written by LibreOffice Impress."""
    program = soffice()
    if program is None:
        raise CoconstructError(
            msg("cannot write odp: LibreOffice is not installed (no soffice on PATH)"),
            hint=msg("install LibreOffice Impress, or use -f pptx, which needs nothing else"),
        )
    with tempfile.TemporaryDirectory(prefix="coconstruct-deck-") as folder:
        root = Path(folder)
        source = root / "deck.pptx"
        source.write_bytes(pptx)
        command = [
            program,
            f"-env:UserInstallation={(root / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "odp",
            "--outdir",
            str(root / "out"),
            str(source),
        ]
        try:
            done = subprocess.run(
                command,
                capture_output=True,
                timeout=TIMEOUT,
                check=False,
                stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired:
            raise CoconstructError(
                msg(
                    "cannot write odp: LibreOffice did not finish within {seconds} seconds",
                    seconds=int(TIMEOUT),
                )
            ) from None
        except OSError as exc:
            raise CoconstructError(
                msg("cannot write odp: LibreOffice did not start ({reason})", reason=exc.strerror)
            ) from None
        result = root / "out" / "deck.odp"
        if not result.is_file():
            said = (done.stderr + done.stdout).decode("utf-8", errors="replace")
            if "no export filter" in said or "could not be loaded" in said:
                raise CoconstructError(
                    msg(
                        "cannot write odp: LibreOffice could not open the deck (is LibreOffice "
                        "Impress installed?)"
                    ),
                    hint=msg(
                        "install LibreOffice Impress, or use -f pptx, which needs nothing else"
                    ),
                )
            lines = [line for line in said.splitlines() if line.strip()]
            raise CoconstructError(
                msg(
                    "cannot write odp: LibreOffice failed ({reason})",
                    reason=lines[-1] if lines else done.returncode,
                )
            )
        return result.read_bytes()
