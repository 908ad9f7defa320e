"""Time to build the national pack (slides + .pptx + .xlsx): median of 5 runs after a warm-up. Target < 3 s.

Run from the project root: `python -m bench.pack`. The dataset is loaded once, outside the timing, as the app
keeps it cached.
"""
from __future__ import annotations

import datetime as dt
import statistics
import time

from quartiers.data import load_dataset
from quartiers.exports import build_xlsx
from quartiers.filters import Filters
from quartiers.pptx_export import build_pptx
from quartiers.slides import build_slides, filters_label

RUNS = 5
TARGET_S = 3.0


def build_pack(ds, f: Filters) -> tuple[bytes, bytes]:
    slides = build_slides(ds, f)
    return build_pptx(slides, filters_label(ds, f), dt.date.today()), build_xlsx(slides)


def main() -> int:
    ds = load_dataset()
    national = Filters()
    build_pack(ds, national)  # warm-up: imports, template and font caches
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        pptx, xlsx = build_pack(ds, national)
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(f"national pack (slides + pptx {len(pptx) // 1024} Ko + xlsx {len(xlsx) // 1024} Ko): "
          f"median {median:.2f} s over {RUNS} runs (min {min(times):.2f}, max {max(times):.2f}); "
          f"target < {TARGET_S:.0f} s: {'OK' if median < TARGET_S else 'TOO SLOW'}")
    return 0 if median < TARGET_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
