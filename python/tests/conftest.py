"""Shared fixtures: where the project, the seeds and the `chaff` binary are."""

import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"


def chaff_bin() -> str:
    """The CLI the binding is compared with: $CHAFF_BIN, else the release build."""
    path = os.environ.get("CHAFF_BIN") or str(ROOT / "target" / "release" / "chaff")
    if not os.path.exists(path):
        pytest.fail(f"{path} not found: run `cargo build --release` (or set CHAFF_BIN)")
    return path


def run_chaff(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    p = subprocess.run([chaff_bin(), *map(str, args)], capture_output=True, text=True)
    if check and p.returncode != 0:
        raise AssertionError(f"chaff {' '.join(map(str, args))} exited {p.returncode}: {p.stderr}")
    return p


@pytest.fixture(scope="session")
def seeds() -> pathlib.Path:
    if not (SEEDS / "seed-page.html").exists():
        pytest.fail(f"{SEEDS} is missing: the tests need ../shared/seeds beside the project")
    return SEEDS
