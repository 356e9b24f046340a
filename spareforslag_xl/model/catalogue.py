"""What a catalogue entry is: a finding code with its severities, its meaning and its words.

As frictionless-py keeps its errors, each code holds the templates of its message and hint
(English message ids with ``{param}`` placeholders, translated when shown); where a finding is
raised it gives the code and the parameters, never a sentence. The entries are in
``codes_reading`` (the master read into a plan) and ``codes_checking`` (the plan checked);
``codes`` joins them into the catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass
from string import Formatter

from spareforslag_xl.model.i18n import LazyPlural, LazyText, Template
from spareforslag_xl.model.severity import Severity

E = (Severity.ERROR,)
W = (Severity.WARNING,)
EW = (Severity.ERROR, Severity.WARNING)


@dataclass(frozen=True)
class Variant:
    """One wording of a code: a message and a hint template; the default has the name ''."""

    name: str
    message: Template
    hint: Template


@dataclass(frozen=True)
class Code:
    """One finding code: the severities it is reported with, what it means, and how it is worded."""

    code: str
    severities: tuple[Severity, ...]
    meaning: LazyText
    message: Template
    hint: Template
    variants: tuple[Variant, ...] = ()
    """Other wordings of the same problem (a missing value is a code, a title or a share)."""

    def wording(self, variant: str = "") -> Variant:
        """Return the templates of a variant ('' for the default); a KeyError for one the code lacks."""
        if not variant:
            return Variant("", self.message, self.hint)
        for v in self.variants:
            if v.name == variant:
                return v
        raise KeyError(f"the finding code {self.code!r} has no variant {variant!r}")

    def wordings(self) -> tuple[Variant, ...]:
        """Return every wording of the code, the default first."""
        return (self.wording(), *self.variants)


def placeholders(template: Template) -> set[str]:
    """Return the parameters a template needs: its placeholders, and a plural's count."""
    texts: tuple[str, ...]
    if isinstance(template, LazyPlural):
        texts, needed = (template.singular, template.plural), {template.count}
    else:
        texts, needed = (template.message,), set()
    return needed | {field.split(".")[0].split("[")[0] for text in texts
                     for _, field, _, _ in Formatter().parse(text) if field}
