"""Benchmark: the build against a floor and a pandas peer, as whole processes, interleaved.

    pip install pandas             # the peer's only need; not a dependency of the tool
    python bench/run.py            # seed, 500, 5.000 and 20.000 lines, 3 runs each
    python bench/run.py --quick    # 1 run each, seed, 5.000 and 20.000 lines

For every size it generates a synthetic master with the project's own code and runs, in turn
and as separate processes, `build` (report and department workbooks), the *floor* (bench/floor.py:
openpyxl reads the master, xlsxwriter writes exactly the cells, texts, formulas, sheets and files
the build wrote, without formats or logic; the archive copy is not counted) and the *peer*
(bench/peer.py: the same job written the straightforward way with pandas). It prints medians of
wall time and CPU time (user + system, the process and its workers), the peak memory of the whole
process tree (its proportional set size, sampled every 10 ms from /proc, workers included: pages
a forked worker shares with its parent count once; in runs of their own, as reading a process's
memory costs the kernel 1-2 ms, a fifth of a core at three processes every 10 ms, which would be
taken from the timed runs), the ratios tool/peer and
tool/floor, and the scaling exponent of wall and CPU from 5.000 to 20.000 lines
(log(t20000 / t5000) / log 4: 1.0 is linear). Ratios measured in the same run are what to compare
across machines; absolute times vary with the machine and its load.
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
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
    ("20.000 lines", 20000, 50, 12, 10),
]


@dataclass
class Runs:
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    peaks: list[float] = field(default_factory=list)

    @property
    def wall(self) -> float:
        return statistics.median(self.walls)

    @property
    def cpu(self) -> float:
        return statistics.median(self.cpus)

    @property
    def peak(self) -> float:
        return statistics.median(self.peaks)

    def add(self, wall: float, cpu: float, peak: float) -> None:
        self.walls.append(wall)
        self.cpus.append(cpu)
        self.peaks.append(peak)


def command() -> list[str]:
    script = Path(sys.executable).with_name("spareforslag")
    return [str(script)] if script.exists() else [sys.executable, "-m", "spareforslag_xl"]


def _tree(pid: int) -> list[int]:
    """The process and all its descendants."""
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        for task in Path(f"/proc/{p}/task").glob("*"):
            try:
                todo += [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                pass
    return found


def _memory_kb(pid: int) -> int:
    """The process's proportional set size (PSS): its own pages, and its share of the pages it shares
    with other processes (a forked worker's inherited pages count once over the tree, not once per
    process); its resident size where the kernel gives no PSS."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        return int(rollup.split("\nPss:")[1].split()[0])
    except (OSError, IndexError):
        pass
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    return int(status.split("VmRSS:")[1].split()[0]) if "VmRSS:" in status else 0


def run(args: list[str], ok: tuple[int, ...] = (0,), sample: bool = False) -> tuple[float, float, float]:
    """Run a process; return (wall s, CPU s of it and its waited-for workers, peak MB of its process tree).

    With ``sample``, the tree's proportional set sizes are summed every 10 ms (pages shared after a fork
    count once over the tree), and the times are not to be used: the sampling takes CPU from the machine
    (see ``measure``). Without, or for a process too short to be sampled, the peak is the largest resident
    size of one of its processes, as the kernel counts it."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=err)
        peak = 0
        if not sample:
            _, status, usage = os.wait4(proc.pid, 0)
        while sample:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            peak = max(peak, sum(_memory_kb(p) for p in _tree(proc.pid)))
            time.sleep(0.01)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in ok:
            err.seek(0)
            raise SystemExit(f"{' '.join(args)} exited {proc.returncode}:\n{err.read().decode()}")
    return wall, usage.ru_utime + usage.ru_stime, (peak or usage.ru_maxrss) / 1024


def measure(runs: Runs, args: list[str], ok: tuple[int, ...] = (0,)) -> None:
    """Add a timed run of args to runs, and its peak memory from a run of its own, sampled."""
    wall, cpu, _ = run(args, ok)
    runs.add(wall, cpu, run(args, ok, sample=True)[2])


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


def exponent(small: float, large: float) -> float:
    """How time grows with lines from 5.000 to 20.000: 1.0 is linear."""
    return math.log(large / small) / math.log(4)


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark build against a floor and a pandas peer.")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="1 run each, without the 500-line master")
    parser.add_argument("--cli", type=Path, help="the spareforslag program to measure (another checkout's)")
    parser.add_argument("--before", type=Path, help="another checkout's spareforslag, measured in the same runs")
    parser.add_argument("--out", type=Path, help="where masters and outputs go (default bench/out)")
    parser.add_argument("--lines", nargs="+", choices=["seed", "500", "5000", "20000"],
                        help="only these masters (default: all; --quick leaves out 500)")
    args = parser.parse_args()
    global OUT
    OUT = args.out or OUT
    runs = 1 if args.quick else args.runs
    sizes = [s for s in SIZES if not (args.quick and s[1] == 500)
             and (args.lines is None or str(s[1] or "seed") in args.lines)]
    sys.path.insert(0, str(REPO))
    sys.path.insert(0, str(HERE))
    from floor import manifest

    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    cli = [str(args.cli)] if args.cli else command()
    py = sys.executable
    # An installed package carries its bytecode (pip compiles it, as it did click's and openpyxl's); a checkout
    # run with PYTHONDONTWRITEBYTECODE set would compile every module again in every run, which no installation
    # does. (Compile the checkout of --before or --cli the same way.)
    subprocess.run([py, "-m", "compileall", "-q", str(REPO / "spareforslag_xl")], check=True)

    startup = {name: Runs() for name in ("--help", "import click", "build seed", "import openpyxl, xlsxwriter, click")}
    for _ in range(runs * 3):  # interleaved, so that the machine's load falls on all alike
        startup["--help"].add(*run(cli + ["--help"]))
        startup["import click"].add(*run([py, "-c", "import click"]))
        startup["build seed"].add(*run(cli + ["build", str(SEED), "-o", str(OUT / "seed-startup"), "--force"]))
        startup["import openpyxl, xlsxwriter, click"].add(*run([py, "-c", "import openpyxl, xlsxwriter, click"]))
    w = {k: v.wall for k, v in startup.items()}
    print(f"--help {w['--help']:.3f} s = {w['--help'] / w['import click']:.2f}× `python -c \"import click\"` "
          f"({w['import click']:.3f} s); build of the seed {w['build seed']:.3f} s = "
          f"{w['build seed'] / w['import openpyxl, xlsxwriter, click']:.2f}× `import openpyxl, xlsxwriter, click` "
          f"({w['import openpyxl, xlsxwriter, click']:.3f} s) (medians of {runs * 3})\n")

    header = (f"{'master':<13}{'build wall':>11}{'cpu':>7}{'MB':>5} | {'floor wall':>10}{'cpu':>7}{'MB':>5} | "
              f"{'peer wall':>9}{'cpu':>7}{'MB':>5} | {'tool/peer wall':>14}{'cpu':>6}{'MB':>6} | "
              f"{'tool/floor wall':>15}{'cpu':>6}   cells in files")
    print(header)
    print("-" * len(header))
    results: dict[str, tuple[Runs, Runs, Runs]] = {}
    diffs = []
    for name, lines, themes, departments, years in sizes:
        master = master_for(name, lines, themes, departments, years)
        out = OUT / f"build-{name.split()[0]}"
        build_args = cli + ["build", str(master), "-o", str(out), "--force"]
        run(build_args)
        cells_file = OUT / f"cells-{name.split()[0]}.pickle"
        data, cells = manifest(out)
        cells_file.write_bytes(data)
        files = sum(1 for p in out.rglob("*.xlsx") if "arkiv" not in p.relative_to(out).parts)
        floor_args = [py, str(HERE / "floor.py"), str(master), str(OUT / "floor"), str(cells_file)]
        peer_args = [py, str(HERE / "peer.py"), str(master), str(OUT / "peer")]
        build, floor, peer, before = Runs(), Runs(), Runs(), Runs()
        for _ in range(runs):
            if args.before:
                measure(before, [str(args.before), *build_args[len(cli):]])
            measure(build, build_args)
            measure(floor, floor_args)
            measure(peer, peer_args)
        results[name] = (build, floor, peer)
        if lines == 5000:
            edited = edited_master(name, lines, themes, departments, years)
            diff = Runs()
            validate = Runs()
            for _ in range(runs):
                diff.add(*run(cli + ["diff", str(master), str(edited)], ok=(1,)))
                validate.add(*run(cli + ["validate", str(master)]))
            diffs.append((name, diff.wall, validate.wall))
        for label, tool in ((name, build), ("  before", before)):
            if not tool.walls:
                continue
            print(f"{label:<13}{tool.wall:>11.2f}{tool.cpu:>7.2f}{tool.peak:>5.0f} | {floor.wall:>10.2f}"
                  f"{floor.cpu:>7.2f}{floor.peak:>5.0f} | {peer.wall:>9.2f}{peer.cpu:>7.2f}{peer.peak:>5.0f} | "
                  f"{tool.wall / peer.wall:>14.2f}{tool.cpu / peer.cpu:>6.2f}{tool.peak / peer.peak:>6.2f} | "
                  f"{tool.wall / floor.wall:>15.2f}{tool.cpu / floor.cpu:>6.2f}   {cells:,} in {files}", flush=True)
        results[name + " before"] = (before, floor, peer)
        if lines == 5000:  # at once: a long run may be stopped before the largest master
            print(f"  (diff of two {name} masters: {diff.wall:.2f} s = {diff.wall / validate.wall:.2f}× validate of "
                  f"one ({validate.wall:.2f} s); CPU {diff.cpu:.2f} s = {diff.cpu / validate.cpu:.2f}×)", flush=True)
    for name, diff_wall, validate_wall in diffs:
        print(f"\ndiff of two {name} masters: {diff_wall:.2f} s = {diff_wall / validate_wall:.2f}× validate of one "
              f"({validate_wall:.2f} s)")
    if "5.000 lines" in results and "20.000 lines" in results:
        small, large = results["5.000 lines"], results["20.000 lines"]
        shown = ", ".join(f"{who} wall {exponent(a.wall, b.wall):.3f} CPU {exponent(a.cpu, b.cpu):.3f}"
                          for who, a, b in zip(("build", "floor", "peer"), small, large, strict=True))
        print(f"\nexponent 5.000 → 20.000 lines (1.000 is linear): {shown}")
        if args.before:
            a, b = results["5.000 lines before"][0], results["20.000 lines before"][0]
            print(f"before: build wall {exponent(a.wall, b.wall):.3f} CPU {exponent(a.cpu, b.cpu):.3f}")
    print(f"\n(medians of {runs} interleaved runs; MB: peak memory of the whole process tree, proportional set size, "
          f"from runs of their own)")


if __name__ == "__main__":
    main()
