#!/usr/bin/env python3
"""Throughput of the Python package against the CLI, on the same corpus.

Usage: bench/python_vs_cli.py CORPUS_DIR [--cli target/release/baocao] [--jobs 2] [--rounds 3]

Run with the Python that has the release wheel installed
(``maturin build --release -m python/Cargo.toml`` then ``pip install``).
Both sides get the same files, the same job count and the same options
(text kept); the rounds alternate CLI and Python so that a busy machine
slows both alike. The CLI writes JSON lines to /dev/null; Python turns each
result into a dict (``extract_many``), what a user's loop receives.
Prints the median seconds of each and the ratio Python / CLI.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--cli", default="target/release/baocao")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args()

    import baocao

    files = sorted(
        os.path.join(d, f) for d, _, fs in os.walk(a.corpus) for f in fs if not f.startswith(".")
    )
    size = sum(os.path.getsize(f) for f in files)
    cli, py = [], []
    for _ in range(a.rounds):
        t = time.perf_counter()
        subprocess.run([a.cli, "extract", a.corpus, "--jsonl", "/dev/null", "-j", str(a.jobs), "-q"],
                       check=False)
        cli.append(time.perf_counter() - t)
        t = time.perf_counter()
        n = 0
        for doc in baocao.extract_many(files, jobs=a.jobs):
            n += 1
        py.append(time.perf_counter() - t)
        assert n == len(files)
    c, p = statistics.median(cli), statistics.median(py)
    print(f"{len(files)} files, {size / 1e6:.1f} MB, -j {a.jobs}, {a.rounds} rounds")
    print(f"CLI    {c:7.2f} s  {size / 1e6 / c:6.1f} MB/s   rounds {', '.join(f'{x:.2f}' for x in cli)}")
    print(f"Python {p:7.2f} s  {size / 1e6 / p:6.1f} MB/s   rounds {', '.join(f'{x:.2f}' for x in py)}")
    print(f"ratio Python/CLI {p / c:.3f}")


if __name__ == "__main__":
    sys.exit(main())
