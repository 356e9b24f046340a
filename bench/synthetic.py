"""Synthetic masters of any size, made with the project's own model and master writer.

    python bench/synthetic.py --lines 5000 --themes 50 --departments 12 --years 10 -o big.xlsx
"""

from __future__ import annotations

import argparse
import random
from decimal import Decimal
from pathlib import Path

from spareforslag_xl.master.write import master_bytes
from spareforslag_xl.model.plan import (
    Department, DistributionKey, FixedAmount, KeyShare, Method, Plan, ProposalLine, Rule, Settings, Theme,
)

WORDS = ("administration digitalisering forenkling indkøb licenser møder rapportering tilsyn kommunikation "
         "rekruttering klima opgavefællesskab automatisering dokumentation effektivisering samarbejde "
         "borgerinddragelse planlægning strategi økonomi").split()


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:]


def synthetic_plan(lines: int, themes: int, departments: int, years: int, seed: int = 2024) -> Plan:
    """Return a plan with realistic text lengths and a mix of key, fixed and undistributed splits."""
    rng = random.Random(seed)
    codes = [f"A{i:02d}" for i in range(departments)]
    span = tuple(range(2024, 2024 + years))
    weights = [Decimal(rng.randint(20, 300)) for _ in codes]
    total = sum(weights)
    shares = [(w / total).quantize(Decimal("0.001")) for w in weights]
    shares[0] += Decimal(1) - sum(shares)
    even = [(Decimal(1) / departments).quantize(Decimal("0.0001")) for _ in codes]
    even[0] += Decimal(1) - sum(even)
    keys = [
        DistributionKey("Administrativ fordelingsnøgle", tuple(KeyShare(c, s) for c, s in zip(codes, shares))),
        DistributionKey("Lønnøgle", tuple(KeyShare(c, s) for c, s in zip(codes, even))),
    ]
    theme_list, line_list, fixed = [], [], []
    per_theme = [lines // themes + (1 if i < lines % themes else 0) for i in range(themes)]
    for t, count in enumerate(per_theme, start=1):
        kind = t % 4
        rule = (Rule(Method.KEY, keys[0].name) if kind in (0, 1) else
                Rule(Method.FIXED) if kind == 2 else Rule(Method.KEY, keys[1].name, span[min(1, years - 1)]))
        theme_list.append(Theme(
            str(t), sentence(rng, 6), rule=rule, salary=Decimal(rng.choice((540, 575, 600, 750))),
            description="\n\n".join(sentence(rng, 60) for _ in range(3)),
            potential_text=sentence(rng, 40), distribution_text=sentence(rng, 30),
        ))
        theme_lines = []
        for n in range(1, count + 1):
            amounts = {y: (None if rng.random() < 0.05 else Decimal(rng.randint(0, 400) * 10)) for y in span}
            own = Rule(Method.KEY, keys[1].name) if rng.random() < 0.1 and kind != 2 else None
            theme_lines.append(ProposalLine(str(t), str(n), sentence(rng, 8), amounts,
                                            kind=rng.choice(("A", "T", "")), rule=own, note=sentence(rng, 4)))
        line_list += theme_lines
        if kind == 2:
            for y in span:
                whole = sum((l.amounts[y] or Decimal(0) for l in theme_lines), Decimal(0))
                base = (whole / departments).quantize(Decimal(1), rounding="ROUND_FLOOR")
                for i, c in enumerate(codes):
                    fixed.append((str(t), c, y, base + (whole - base * departments if i == 0 else 0)))
    rows: dict[tuple[str, str], dict[int, Decimal]] = {}
    for t, c, y, v in fixed:
        rows.setdefault((t, c), {})[y] = v
    settings = Settings(
        title=f"Syntetisk plan ({lines} forslag)", subtitle="Benchmark", municipality="Syntetisk Kommune",
        budget_year=span[0], residual_key=keys[0].name,
        target={y: Decimal(lines * 2500) for y in span},
    )
    return Plan(
        settings, span, tuple(Department(c, f"Afdeling {c} for {sentence(rng, 2).lower()}",
                                         (f"{c.lower()}@example.org",)) for c in codes),
        tuple(keys), tuple(theme_list), tuple(line_list),
        tuple(FixedAmount(t, "", c, a) for (t, c), a in rows.items()),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=5000)
    parser.add_argument("--themes", type=int, default=50)
    parser.add_argument("--departments", type=int, default=12)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    plan = synthetic_plan(args.lines, args.themes, args.departments, args.years, args.seed)
    args.output.write_bytes(master_bytes(plan))
    print(f"wrote {args.output} ({args.output.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
