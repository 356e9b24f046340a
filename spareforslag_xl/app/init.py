"""The library's entry point for a new master: an empty workbook that explains itself."""

from __future__ import annotations

from pathlib import Path

from spareforslag_xl.io.output import refuse_existing, write_atomically
from spareforslag_xl.master.write import master_bytes
from spareforslag_xl.model.plan import Method, Plan, ProposalLine, Rule, Settings, Theme

EXAMPLE_NOTE = "EKSEMPEL – overskriv eller slet denne række"
"""The mark of the example rows (on Temaer and Forslag): reading a master warns while one is left."""


def init_master(path: Path, first_year: int, years: int, overwrite: bool = False) -> Path:
    """Write an empty, self-explaining master at path; refuse to replace a file unless ``overwrite``."""
    path = Path(path)
    refuse_existing(path, overwrite)
    span = tuple(range(first_year, first_year + years))
    plan = Plan(
        settings=Settings(unit="1.000 kr.", budget_year=first_year, target={y: None for y in span}),
        years=span,
        departments=(),
        keys=(),
        themes=(Theme("1", "Eksempel: navnet på temaet", status=EXAMPLE_NOTE, rule=Rule(Method.NONE)),),
        lines=(ProposalLine("1", "1", "Eksempel: navnet på forslaget", {y: None for y in span},
                            note=EXAMPLE_NOTE),),
    )
    write_atomically(path, master_bytes(plan, example=True, decisions=True))
    return path
