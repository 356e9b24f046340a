"""The catalogue of findings: every code with its severity, what it means and its words, in one place.

As frictionless-py keeps its errors: a code means one thing everywhere, and its entry holds the
templates of its message and hint, so that where a problem is found the code raises it by code
with parameters (``error("missing-sheet", ref, name=…, found=…)``) and never writes a sentence.
``spareforslag validate --codes`` lists this catalogue, the README's table of codes is checked
against it (tests/test_codes.py), and tests fail when the code uses a code that is not here or
leaves a template's placeholder unfilled (tests/test_finding_catalogue.py). The codes are stable
(scripts read them from ``validate --json``); the meanings and words are translated.

The entries are kept in ``codes_reading`` (found while the master is read) and ``codes_checking``
(found when the plan is checked), the words that fill placeholders in ``codes_words``.
"""

from __future__ import annotations

from spareforslag_xl.model.catalogue import Code, Variant
from spareforslag_xl.model.codes_checking import CHECKING
from spareforslag_xl.model.codes_reading import READING

__all__ = ["CATALOGUE", "CODES", "Code", "Variant", "severity_label"]

CODES: tuple[Code, ...] = tuple(sorted(READING + CHECKING, key=lambda c: c.code))

CATALOGUE: dict[str, Code] = {c.code: c for c in CODES}


def severity_label(code: Code) -> str:
    """Return 'error', 'warning' or 'error/warning' in the language in use."""
    return "/".join(s.label for s in code.severities)
