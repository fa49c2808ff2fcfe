#!/usr/bin/env python3
"""Summarises libFuzzer's `-print_coverage=1` report per source file of the engine crate.

libFuzzer lists every instrumented function as COVERED_FUNC or UNCOVERED_FUNC with
`edges: covered/total` and its source location. Code inlined into a function counts where that
function is defined, so the figures are per compiled function, not per source line. No llvm-cov is
needed (the system one is older than nightly's LLVM and cannot read its profiles).

Usage (docs/fuzzing.md):
  fuzz/target/x86_64-unknown-linux-gnu/release/<target> -runs=0 -print_coverage=1 fuzz/corpus/<target> \
      2>&1 | python3 fuzz/scripts/coverage.py
"""

import re
import sys
from collections import defaultdict

LINE = re.compile(r"^(COVERED|UNCOVERED)_FUNC: hits: \d+ edges: (\d+)/(\d+) .* (\S+):\d+$")
ENGINE = "/crates/engine/src/"


def main() -> None:
    # file -> [covered functions, functions, covered edges, edges]
    files: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for line in sys.stdin:
        match = LINE.match(line.strip())
        if not match or ENGINE not in match.group(4):
            continue
        covered, edges = int(match.group(2)), int(match.group(3))
        entry = files[match.group(4).split(ENGINE, 1)[1]]
        entry[0] += match.group(1) == "COVERED"
        entry[1] += 1
        entry[2] += covered
        entry[3] += edges
    if not files:
        sys.exit("no engine functions in the input: was it run with -print_coverage=1?")
    print("| engine file | functions reached | edges covered |")
    print("|---|---:|---:|")
    total = [0, 0, 0, 0]
    for name in sorted(files):
        f = files[name]
        total = [a + b for a, b in zip(total, f)]
        print(f"| {name} | {f[0]}/{f[1]} | {f[2]}/{f[3]} ({100 * f[2] / max(f[3], 1):.0f}%) |")
    print(f"| **all** | {total[0]}/{total[1]} | {total[2]}/{total[3]} ({100 * total[2] / max(total[3], 1):.0f}%) |")


if __name__ == "__main__":
    main()
