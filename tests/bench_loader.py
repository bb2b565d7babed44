"""Measure the YAML loader against a bare libyaml load, and how fast hostile files are refused.

Not a test (no timing is asserted anywhere); run it by hand and copy the figures
into docs/reliability.md:

    .venv/bin/python tests/bench_loader.py [PARTICIPANTS]
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable

import yaml

from jstevents.load import yamlfile


def participants(count: int, flows: bool) -> str:
    parts = ["participants:\n"]
    for i in range(count):
        parts.append(
            f'  - id: osoba-{i}\n    name: "Osoba Fikcyjna {i}"\n    unit: gmina-{i % 50}\n'
            f'    role: "specjalista ds. oświaty"\n    email: osoba{i}@example.pl\n'
            f'    phone: "+48 500 000 {i % 1000:03d}"\n    diet: standardowa\n'
        )
        if flows:
            parts.append("    nights: [2017-08-21, 2017-08-22]\n")
    return "".join(parts)


def billion_laughs() -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, 9)]
    return "\n".join(lines) + "\n"


def best(run: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    for flows in (False, True):
        text = participants(count, flows)
        bare = best(lambda t=text: yaml.load(t, Loader=yaml.CSafeLoader))
        ours = best(lambda t=text: yamlfile.parse(t))
        label = "with a flow list per entry" if flows else "block style only"
        print(
            f"{count} participants, {len(text) / 1e6:.1f} MB, {label}: "
            f"bare CSafeLoader {bare:.2f} s, jstevents {ours:.2f} s ({ours / bare:.2f}×)"
        )
    bomb = billion_laughs()
    times = [best(lambda: yamlfile.parse(bomb), repeat=1) for _ in range(5)]
    print(f"billion laughs (9 levels × 9) refused in {statistics.median(times) * 1000:.1f} ms (median of 5)")
    deep = "a: " + "[" * 1_000_000 + "\n"
    print(f"1,000,000 nested [ refused in {best(lambda: yamlfile.parse(deep), repeat=1) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
