"""Run every benchmark: `python -m bench [--quick] [--only NAME] [--json PATH]` (bench/run installs wrk/nginx first)."""

from __future__ import annotations

import argparse
import importlib
import sys
import traceback
from pathlib import Path

from bench.harness import Result, table, write_json

HERE = Path(__file__).parent


def main() -> int:
    parser = argparse.ArgumentParser(prog="bench")
    parser.add_argument("--quick", action="store_true", help="smaller data and shorter runs (smoke test)")
    parser.add_argument("--only", action="append", default=[], help="run only bench_<NAME>.py (repeatable)")
    parser.add_argument("--json", type=Path, default=HERE / "results" / "latest.json")
    args = parser.parse_args()
    names = sorted(p.stem.removeprefix("bench_") for p in HERE.glob("bench_*.py"))
    if args.only:
        names = [n for n in names if n in args.only]
    results: list[Result] = []
    failed: list[str] = []
    for name in names:
        print(f"== {name}", file=sys.stderr, flush=True)
        try:
            module = importlib.import_module(f"bench.bench_{name}")
            results.extend(module.run(quick=args.quick))
        except Exception:
            traceback.print_exc()
            failed.append(name)
    print(table(results))
    write_json(results, args.json)
    print(f"\nresults written to {args.json}", file=sys.stderr)
    if failed:
        print(f"benchmarks that crashed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
