"""Imported at start-up by every Python process that has this folder on its PYTHONPATH, workers
included (tests/test_batch.py): SIGUSR1 makes it print on stderr where its main thread is, then
END, so that a test can wait until a process runs a given file instead of sleeping."""

import faulthandler
import os
import signal
from types import FrameType

END = b"(where: end)\n"


def _where(signum: int, frame: FrameType | None) -> None:
    # a Python handler runs in the main thread, between two steps of its code (faulthandler's own
    # runs in whichever thread the signal lands on, a library's native thread included)
    faulthandler.dump_traceback(all_threads=False)
    os.write(2, END)


signal.signal(signal.SIGUSR1, _where)
