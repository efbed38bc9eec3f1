"""Benchmarks: `bench/run` runs every bench/bench_*.py and prints figures against same-run baselines."""
