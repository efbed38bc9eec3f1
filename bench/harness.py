"""The contract every benchmark module keeps, and the table it ends up in.

A module `bench/bench_<name>.py` defines `run(quick: bool) -> list[Result]`. Each Result
compares a figure with a baseline measured in the same run, so ratios survive a slower or
faster machine; `target` states what the ratio (or figure) must reach.
"""

from __future__ import annotations

import json
import platform
import resource
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class Result:
    name: str
    figure: float
    unit: str
    baseline_name: str
    baseline: float
    target: str  # e.g. "ratio >= 0.8", "figure <= 20", "figure == 100"
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.figure / self.baseline if self.baseline else float("nan")

    @property
    def met(self) -> bool:
        subject, operator, bound = self.target.split()
        value = self.ratio if subject == "ratio" else self.figure
        limit = float(bound)
        return {">=": value >= limit, "<=": value <= limit, "==": value == limit}[operator]


def machine() -> dict[str, object]:
    import os

    return {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "kernel": platform.release(),
    }


def peak_rss_mb() -> float:
    """Peak resident memory of this process image, in MiB.

    Linux's `VmHWM` (high-water mark of the current address space) starts afresh at exec;
    getrusage's `ru_maxrss` does not — a child started with fork+exec reports its parent's peak
    — so it is only the fallback where /proc is missing.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def table(results: list[Result]) -> str:
    rows = [("benchmark", "figure", "baseline", "ratio", "target", "met")]
    for r in results:
        rows.append((
            r.name, f"{r.figure:,.1f} {r.unit}", f"{r.baseline:,.1f} ({r.baseline_name})", f"{r.ratio:.2f}",
            r.target, "yes" if r.met else "NO",
        ))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [" | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "-+-".join("-" * width for width in widths))
    return "\n".join(lines)


def write_json(results: list[Result], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "machine": machine(),
        "results": [{**asdict(r), "ratio": r.ratio, "met": r.met} for r in results],
    }
    path.write_text(json.dumps(document, indent=2) + "\n")
