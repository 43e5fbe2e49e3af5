"""Shared by the benchmarks: where the licensed data lives, temporary databases, percentiles."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DATA = Path(os.environ.get("QUOTETRACE_DATA", ROOT.parent / "shared" / "data"))
QV = DATA / "qv-bench"


def need(path: Path) -> Path:
    """``path``, or exit with a clear message: the data is read at run time, never shipped."""
    if not path.exists():
        sys.exit(f"skipped: {path} is not here (the licensed data lives in ../shared/data)")
    return path


def temp_sqlite_url(name: str) -> str:
    """A fresh SQLite file in a temporary folder."""
    folder = Path(tempfile.mkdtemp(prefix="quotetrace-bench-"))
    return f"sqlite:///{folder / name}"


def pct(values: list[float], q: float) -> float:
    """The q-th percentile (0–100) of ``values``."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def machine_speed() -> str:
    """How fast this machine runs Python right now: ns for one iteration of an empty loop (median of 5).

    Printed beside timings, because a shared VM's speed drifts: the same code on the same data measured
    1.5-2x apart within an hour here. A figure is comparable to another at the same loop speed.
    """
    import time

    runs = []
    for _ in range(5):
        t0 = time.perf_counter()
        for _ in range(2_000_000):
            pass
        runs.append((time.perf_counter() - t0) / 2_000_000 * 1e9)
    return f"empty Python loop: {statistics.median(runs):.0f} ns an iteration"
