"""The words that fill the placeholders of the catalogue's templates: parts of findings' messages.

A finding's parameter that is words (not data such as a cell, a name or a number) is one of these,
or a ``phrase`` of one with its own parameters, so that the whole message is put into words in the
language it is shown in (a workbook's Kontrol sheet is Danish also when the terminal is English).
"""

from __future__ import annotations

from spareforslag_xl.model.i18n import lazy, lazy_plural

THE = {
    "amount": lazy("the amount"),
    "year": lazy("the year"),
    "share": lazy("the share"),
    "average salary": lazy("the average salary"),
    "number of decimals": lazy("the number of decimals"),
    "first year": lazy("the first year"),
    "target": lazy("the target"),
    "budget year": lazy("the budget year"),
}
"""The names of the values a cell holds, with their article, as a message starts with them
("the amount 'abc' is not a number"), by the English key the reader passes."""

AMOUNT = lazy("amount")
ADOPTED_AMOUNT = lazy("adopted amount")
FIXED_AMOUNT = lazy("fixed amount")
TARGET = lazy("target")
"""What too-many-decimals names ('the {what} in the cell is …')."""

NONE = lazy("none")
NOTHING = lazy("nothing")
AND = lazy(" and ")

THEME = lazy("theme {theme}")
THEME_LINE = lazy("theme {theme} proposal {line}")
LINE_OF_THEME = lazy("proposal {line} of theme {theme}")

A_DATE = lazy("{date} (a date)")
A_DATE_AS_YEAR = lazy("{date} (a date; Excel shows it as a year only through the cell's format)")

MERGED_LOST = lazy("only {first} holds a value, so {cells} of {columns} read as empty")
OTHER_CELLS = lazy_plural("{n} other cell", "{n} other cells")
COLUMNS = lazy_plural("the column {headers}", "the columns {headers}")


# What is wrong with an e-mail address: invalid-email's {problem} (the mail command says it too).
ADDRESS_LINE_BREAK = lazy("it contains a line break")
ADDRESS_CONTROL_CHARACTER = lazy("it contains a control character")
ADDRESS_WITH_NAME = lazy("write the address alone, without a name or '<' '>'")
ADDRESS_SPACE = lazy("it contains a space")
ADDRESS_NO_AT = lazy("it has no '@'")
ADDRESS_TWO_ATS = lazy("it has more than one '@'")
ADDRESS_NO_LOCAL_PART = lazy("nothing comes before the '@'")
ADDRESS_LOCAL_TOO_LONG = lazy("the part before the '@' is longer than 64 characters")
ADDRESS_LOCAL_CHARACTER = lazy("the part before the '@' contains '{bad}'")
ADDRESS_LOCAL_DOTS = lazy("the part before the '@' has a dot at its start, its end or twice in a row")
ADDRESS_NO_DOMAIN = lazy("nothing comes after the '@'")
ADDRESS_DOMAIN_NO_DOT = lazy("the domain '{domain}' has no dot (such as aarhus.dk)")
ADDRESS_DOMAIN_EMPTY_PART = lazy("the domain '{domain}' has an empty part between dots")
ADDRESS_DOMAIN_CHARACTER = lazy("the domain '{domain}' contains '{bad}'")
ADDRESS_DOMAIN_HYPHEN = lazy("the domain '{domain}' has a part that starts or ends with '-'")
ADDRESS_DOMAIN_NO_TLD = lazy("the domain '{domain}' does not end in a top-level domain such as .dk")
ADDRESS_TOO_LONG = lazy("it is longer than 254 characters")
