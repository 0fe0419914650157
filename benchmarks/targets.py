"""The performance targets ``make bench`` checks, each with the figure measured in the same run.

A benchmark that runs in its own process prints each of its results as one marked line
(:func:`emit`); ``benchmarks/run.py`` takes those lines out of what it shows (:func:`collect`) and
prints every target at the end, met or not (:func:`summary`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass

MARK = "@target "


@dataclass(frozen=True)
class Target:
    name: str
    """What is measured, e.g. "registry lookup through the gateway, SQLite"."""
    wanted: str
    """The target as written, e.g. "≥ 5 % of bare ASGI, p99 ≤ 50 ms"."""
    figure: str
    """What this run measured, in the target's terms."""
    met: bool


def at_most(name: str, value: float, limit: float, unit: str, *, digits: int = 1) -> Target:
    """A target of the form "``value`` ≤ ``limit`` ``unit``"."""
    return Target(
        name=name,
        wanted=f"≤ {limit:,.{digits}f} {unit}",
        figure=f"{value:,.{digits}f} {unit}",
        met=value <= limit,
    )


def emit(target: Target) -> None:
    """Print ``target`` as the marked line :func:`collect` reads back."""
    print(MARK + json.dumps(asdict(target), ensure_ascii=False), flush=True)


def collect(output: str) -> tuple[list[str], list[Target]]:
    """A benchmark's output split into the lines to show and the targets it emitted."""
    shown: list[str] = []
    found: list[Target] = []
    for line in output.splitlines():
        if line.startswith(MARK):
            found.append(Target(**json.loads(line[len(MARK) :])))
        else:
            shown.append(line)
    return shown, found


def summary(targets: Iterable[Target]) -> list[str]:
    """One line per target, then how many were met."""
    listed = list(targets)
    width = max((len(t.name) for t in listed), default=0)
    lines = [
        f"  {'met    ' if t.met else 'NOT met'}  {t.name:<{width}}  {t.figure:>24}  (target {t.wanted})"
        for t in listed
    ]
    met = sum(t.met for t in listed)
    lines.append(f"  {met} of {len(listed)} targets met")
    return lines
