"""Benchmark: median wall time and peak memory of whole `validate` and `build` processes.

    python bench/run.py            # all sizes, 5 runs each (about two minutes)
    python bench/run.py --quick    # fewer runs, no 10.000-line master

For every size it generates a synthetic master with the project's own code, runs the
commands as separate processes several times, and prints the medians, the peak memory
(max RSS of the child), the phases measured inside `build --timings`, and the ratio to a
floor: a bare script that reads the same master with openpyxl and writes as many cells with
xlsxwriter, without any logic or formatting. Ratios measured in the same run are what to
compare across machines; absolute times vary with the machine.

Columns: 'peak MB' is the largest resident size of the build process itself; 'all MB' adds
the worker processes that large builds render in (sampled, counting shared pages in each).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT = HERE / "out"
SEED = REPO / "input" / "spareforslag-budget-2024.xlsx"

SIZES = [
    # name, lines, themes, departments, years
    ("seed", None, None, None, None),
    ("500 lines", 500, 20, 6, 4),
    ("5.000 lines", 5000, 50, 12, 10),
    ("10.000 lines", 10000, 50, 12, 10),
]


@dataclass
class Runs:
    walls: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    phases: list[dict[str, float]] = field(default_factory=list)

    @property
    def wall(self) -> float:
        return statistics.median(self.walls)

    @property
    def rss(self) -> float:
        return max(self.rss_mb)

    def phase(self, name: str) -> float:
        values = [p.get(name, 0.0) for p in self.phases]
        return statistics.median(values) if values else 0.0


def command() -> list[str]:
    script = Path(sys.executable).with_name("spareforslag")
    return [str(script)] if script.exists() else [sys.executable, "-m", "spareforslag_xl"]


def timed(args: list[str]) -> tuple[float, float, str, int]:
    """Run a process; return (wall seconds, peak RSS in MB, stderr, exit code)."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.stderr.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024, stderr, proc.returncode


def tree_peak_mb(args: list[str]) -> float:
    """Run once and return the peak of the summed RSS of the process and its workers, in MB.

    Sampled every 10 ms from /proc; pages shared after fork count once per process, so
    this overstates what the machine really uses.
    """
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while proc.poll() is None:
        pids = [proc.pid]
        children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
        if children.exists():
            pids += [int(p) for p in children.read_text().split()]
        total = 0
        for pid in pids:
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            total += int(status.split("VmRSS:")[1].split()[0]) if "VmRSS:" in status else 0
        peak = max(peak, total)
        time.sleep(0.01)
    return peak / 1024


def phases_of(stderr: str) -> dict[str, float]:
    for line in reversed(stderr.splitlines()):
        if line.startswith("read="):
            return {k: float(v.rstrip("ms")) / 1000 for k, v in (p.split("=") for p in line.split())}
    return {}


def repeat(args: list[str], runs: int, ok: tuple[int, ...] = (0,)) -> Runs:
    result = Runs()
    for _ in range(runs):
        wall, rss, stderr, code = timed(args)
        if code not in ok:
            raise SystemExit(f"{' '.join(args)} exited {code}:\n{stderr}")
        result.walls.append(wall)
        result.rss_mb.append(rss)
        result.phases.append(phases_of(stderr))
    return result


def count_cells(folder: Path) -> tuple[int, int]:
    import openpyxl

    cells = files = 0
    for path in folder.rglob("*.xlsx"):
        files += 1
        book = openpyxl.load_workbook(path, read_only=True)
        for ws in book.worksheets:
            for row in ws.iter_rows(values_only=True):
                cells += sum(1 for v in row if v is not None)
        book.close()
    return cells, files


def master_for(name, lines, themes, departments, years) -> Path:
    if lines is None:
        if SEED.exists():
            return SEED
        from spareforslag_xl.master.write import master_bytes
        from tests.plans import sample_plan  # the seed's shape, until input/ has the seed master

        path = OUT / "sample.xlsx"
        path.write_bytes(master_bytes(sample_plan()))
        return path
    sys.path.insert(0, str(HERE))
    from synthetic import synthetic_plan
    from spareforslag_xl.master.write import master_bytes

    path = OUT / f"synthetic-{lines}.xlsx"
    path.write_bytes(master_bytes(synthetic_plan(lines, themes, departments, years)))
    return path


def edited_master(name, lines, themes, departments, years) -> Path:
    """The synthetic master of this size with every 50th amount lowered and every 200th line renamed."""
    from dataclasses import replace

    sys.path.insert(0, str(HERE))
    from synthetic import synthetic_plan
    from spareforslag_xl.master.write import master_bytes

    plan = synthetic_plan(lines, themes, departments, years)
    edited = []
    for i, line in enumerate(plan.lines):
        if i % 50 == 0:
            line = replace(line, amounts={y: (a - 1 if a else a) for y, a in line.amounts.items()})
        if i % 200 == 0:
            line = replace(line, title=line.title + " (ændret)")
        edited.append(line)
    path = OUT / f"synthetic-{lines}-edited.xlsx"
    path.write_bytes(master_bytes(replace(plan, lines=tuple(edited))))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark validate and build.")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="3 runs, without the 10.000-line master")
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    sizes = [s for s in SIZES if not (args.quick and s[1] == 10000)]
    sys.path.insert(0, str(REPO))
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    cli = command()

    # Danish is the default: --help loads the compiled catalogue (.mo) and translates every text.
    startup = {" ".join(flags): repeat(cli + flags, runs * 2).wall
               for flags in (["--help"], ["--version"], ["--lang", "en", "--help"], ["build", "--help"])}
    shown = ", ".join(f"{flags} {wall:.3f} s" for flags, wall in startup.items())
    limit = "" if max(startup.values()) < 0.15 else "  OVER THE LIMIT OF 0.15 s"
    print(f"spareforslag {shown} (median of {runs * 2}){limit}\n")
    header = (f"{'master':<14}{'lines':>7}{'validate s':>12}{'build s':>9}{'peak MB':>9}{'all MB':>8}{'floor s':>9}"
              f"{'ratio':>7}   phases of build (read / parse / validate / compute / render / write, s)")
    print(header)
    print("-" * len(header))
    builds = {}
    diffs = []
    for name, lines, themes, departments, years in sizes:
        master = master_for(name, lines, themes, departments, years)
        out = OUT / f"build-{name.split()[0]}"
        validate = repeat(cli + ["validate", str(master)], runs)
        build = repeat(cli + ["build", str(master), "-o", str(out), "--timings"], runs)
        cells, files = count_cells(out)
        all_mb = tree_peak_mb(cli + ["build", str(master), "-o", str(out)])
        floor = repeat([sys.executable, str(HERE / "floor.py"), str(master), str(OUT / "floor"), str(cells),
                        str(files)], runs)
        builds[name] = build.wall
        if lines == 5000:
            edited = edited_master(name, lines, themes, departments, years)
            diff = repeat(cli + ["diff", str(master), str(edited)], runs, ok=(1,))
            diffs.append((name, diff.wall, validate.wall))
        p = build
        phases = " / ".join(f"{p.phase(k):.2f}" for k in ("read", "parse", "validate", "compute", "render", "write"))
        n_lines = lines if lines is not None else "seed"
        print(f"{name:<14}{n_lines!s:>7}{validate.wall:>12.3f}{build.wall:>9.3f}{build.rss:>9.0f}{all_mb:>8.0f}"
              f"{floor.wall:>9.3f}{build.wall / floor.wall:>7.2f}   {phases}   ({cells:,} cells in {files} files)")
    for name, diff_wall, validate_wall in diffs:
        print(f"\ndiff of two {name} masters: {diff_wall:.3f} s = {diff_wall / validate_wall:.2f}× validate of one "
              f"({validate_wall:.3f} s)")
    if "5.000 lines" in builds and "10.000 lines" in builds:
        print(f"\n10.000 / 5.000 lines: {builds['10.000 lines'] / builds['5.000 lines']:.2f}× the time")


if __name__ == "__main__":
    main()
