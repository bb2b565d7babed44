"""Run one command and report its own wall time, CPU time and peak memory, as JSON on stdout.

    python -I benchmarks/launch.py '{"cmd": [...], "stdout": "FILE or null"}'

`run.py` starts every timed command through this small process rather than directly: a child's
peak resident memory (ru_maxrss) starts at what its parent had when it forked, and the runner
holds the generated programme's data. Here the parent is this script, a few MB, so the figure
is the command's own. The times are measured here too, around the command alone.
"""

import json
import os
import subprocess
import sys
import tempfile
import time


def main() -> int:
    spec = json.loads(sys.argv[1])
    with tempfile.TemporaryFile() as err:
        out = open(spec["stdout"], "wb") if spec.get("stdout") else subprocess.DEVNULL
        try:
            start = time.perf_counter()
            child = subprocess.Popen(spec["cmd"], stdin=subprocess.DEVNULL, stdout=out, stderr=err)
            _, status, usage = os.wait4(child.pid, 0)
            elapsed = time.perf_counter() - start
        finally:
            if out is not subprocess.DEVNULL:
                out.close()
        err.seek(0)
        tail = err.read().decode("utf-8", "replace").strip().splitlines()[-3:]
    print(json.dumps({
        "exit": os.waitstatus_to_exitcode(status),
        "wall": elapsed,
        "cpu": usage.ru_utime + usage.ru_stime,
        "maxrss_kb": usage.ru_maxrss,
        "stderr": tail,
    }))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
