#!/usr/bin/env python3
"""Open-to-first-view benchmark: runs ptscope-bench-graph once per model per round, in a fresh
process each time (the GUI's first open pays the same one-time costs), round after round so that
a busy machine slows every model alike, and prints the median of each phase per model.

    bench/graph-bench.py [--bench PATH] [--runs N] [--load-library LIB.so]... [--no-full] MODEL.pt...

Times are seconds; see bench/graphbench.cpp for what each phase covers. Standard library only.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys

PHASES = ["open_s", "extract_s", "first_view_s", "first_layout_s", "open_to_first_view_s", "expand_all_s"]
HEADER = ["open", "extract", "view", "layout", "TOTAL", "expand all"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench", default="build/release/bench/ptscope-bench-graph")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--load-library", action="append", default=[])
    parser.add_argument("--no-full", action="store_true", help="skip the Expand All layout")
    parser.add_argument("--json", action="store_true", help="print every run's JSON line too")
    parser.add_argument("models", nargs="+")
    args = parser.parse_args()

    command = [args.bench]
    for library in args.load_library:
        command += ["--load-library", library]
    if args.no_full:
        command.append("--no-full")

    runs = {model: [] for model in args.models}
    for _ in range(args.runs):
        for model in args.models:
            done = subprocess.run(command + [model], capture_output=True, text=True)
            if done.returncode != 0:
                sys.exit(f"{model}: {done.stderr.strip() or 'exit status %d' % done.returncode}")
            line = done.stdout.strip().splitlines()[-1]
            if args.json:
                print(line, flush=True)
            runs[model].append(json.loads(line))

    print(f"medians of {args.runs} runs (seconds)")
    print(f"{'model':<38}{'nodes':>7}{'boxes':>7}" + "".join(f"{h:>11}" for h in HEADER) + f"{'peak MiB':>10}")
    for model, results in runs.items():
        def median(key):
            values = [r[key] for r in results if key in r]
            return f"{statistics.median(values):.3f}" if values else "-"
        name = os.path.basename(model)
        first = results[0]
        print(f"{name:<38}{first['graph_nodes']:>7}{first['first_view_items']:>7}" +
              "".join(f"{median(k):>11}" for k in PHASES) +
              f"{statistics.median(r['peak_rss_mib'] for r in results):>10.0f}")
        totals = sorted(r["open_to_first_view_s"] for r in results)
        print(f"{'':<38}{'':>14} total per run: " + " ".join(f"{t:.3f}" for t in totals))


if __name__ == "__main__":
    main()
