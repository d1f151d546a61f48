"""The two commands of the README on a fresh machine: `make demo` for users, `make test` for us."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def planned(target: str) -> list[str]:
    """The commands `make TARGET` would run from nothing (-B: as on a fresh clone; -n: not run)."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    done = subprocess.run(
        ["make", "-n", "-B", target], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return done.stdout.splitlines()


def test_make_demo_installs_the_tool_and_no_test_tool() -> None:
    syncs = [line for line in planned("demo") if " sync " in line]
    assert syncs and all("--extra" not in line for line in syncs)
    assert any("--locked" in line for line in syncs)  # the versions CI tested


@pytest.mark.parametrize("target", ["test", "dev"])
def test_make_test_and_dev_add_the_development_extras(target: str) -> None:
    syncs = [line for line in planned(target) if " sync " in line]
    assert any("--extra dev" in line for line in syncs)
    assert not any("apt-get" in line for line in planned(target))  # apt: make system-deps only
