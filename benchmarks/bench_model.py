"""Size and load time of the bundled model, and import time of the library.

Each figure comes from a fresh interpreter, so caches do not flatter it.

    python benchmarks/bench_model.py
"""

from __future__ import annotations

import subprocess
import sys

SNIPPET = """
import time
t0 = time.perf_counter()
import complaintkit
t1 = time.perf_counter()
model = complaintkit.load_model()
t2 = time.perf_counter()
complaintkit.predict(["первый текст"], model=model)
t3 = time.perf_counter()
from complaintkit.persist import bundled_model_path
size = bundled_model_path().stat().st_size / 2**20
print(f"{size:.1f} {t1 - t0:.2f} {t2 - t1:.2f} {t3 - t2:.2f}")
"""


def main() -> None:
    runs = [
        subprocess.run(
            [sys.executable, "-c", SNIPPET], capture_output=True, text=True, check=True
        ).stdout.split()
        for _ in range(3)
    ]
    size = runs[0][0]
    best = [min(float(r[i]) for r in runs) for i in (1, 2, 3)]
    print(f"bundled model: {size} MB")
    print(f"import complaintkit: {best[0]:.2f} s (best of 3)")
    print(f"load_model():        {best[1]:.2f} s")
    print(f"first predict:       {best[2]:.2f} s (builds the pymorphy3 analyser)")


if __name__ == "__main__":
    main()
