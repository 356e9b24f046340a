"""The catalogue's codes of problems found when the plan is checked as a whole (``core/``, ``app/``).

Each entry: code, severities, meaning (the README's table), then the templates of the message
and hint (English message ids with ``{param}`` placeholders, translated when shown) and the other
wordings of the same code. Where the finding is raised it gives the code and the parameters.
"""

from __future__ import annotations

from spareforslag_xl.model.catalogue import Code, E, Variant, W
from spareforslag_xl.model.i18n import lazy

CHECKING: tuple[Code, ...] = (
    Code("adopted-but-rejected", W, lazy("A rejected proposal has adopted amounts; they are not used."),
         lazy("the proposal '{label}' is rejected but has adopted amounts; they are not used."),
         lazy("Clear the adopted amounts, or change the decision.")),
    Code("decision-without-lines", W, lazy("A theme without proposals has a decision; it changes nothing."),
         lazy("theme {number} has the decision '{value}' but no proposals; it changes nothing."),
         lazy("Clear the cell, or add the theme's proposals on the sheet {name}.")),
    Code("duplicate-email", W, lazy("An address is given twice, or for two departments."),
         lazy("the address '{address}' is given twice for {code}."),
         lazy("Delete the second one."),
         variants=(
             Variant("other",
                     lazy("the address '{address}' is also given for {code}{place}; "
                          "it receives the mails of both departments."),
                     lazy("Check the addresses; keep them if one person really handles both departments.")),
         )),
    Code("file-name-clash", W, lazy("Two department codes give the same file name."),
         lazy("the department codes '{code}' and '{code2}' give the same file "
              "name '{stems}'; the files of '{code2}' are named '{stems2}'."),
         lazy("Give the departments codes that differ in letters or "
              'digits (a file name cannot hold / \\ : * ? " < > |).')),
    Code("fixed-not-estimated", W, lazy("Fixed amounts are given for a year whose amount is not estimated."),
         lazy("{what} is not estimated in {year}, but fixed amounts of {parts} are given."),
         lazy("Clear the fixed amounts or estimate the amount.")),
    Code("fixed-sum", E, lazy("The fixed amounts do not add up to the amount they distribute."),
         lazy("the fixed amounts of {what} for {year} sum to {parts}, "
              "but its amount is {whole} (difference {difference})."),
         lazy("Correct the fixed amounts so that they sum to the amount.")),
    Code("fixed-unused", W, lazy("Fixed amounts are given for a theme or proposal not distributed by them."),
         lazy("fixed amounts are given for theme {theme} proposal {line}, "
              "whose distribution is not '{fixed}'; they are ignored."),
         lazy("Set {column} to '{fixed}', or delete the rows."),
         variants=(
             Variant("theme",
                     lazy("fixed amounts are given for theme {theme}, whose "
                          "distribution is not '{fixed}'; they are ignored."),
                     lazy("Set {column} to '{fixed}', or delete the rows.")),
         )),
    Code("invalid-email", E, lazy("An e-mail address is not valid."),
         lazy("the e-mail address '{address}' of {code} is not valid: {problem}."),
         lazy("Write each address as name@domain.dk; separate several with ';'.")),
    Code("key-not-100", W, lazy("A key's shares sum to less than 100 %; the rest appears as 'Ikke fordelt'."),
         lazy("the shares of key '{key}' sum to {total}, not 100 %; "
              "the remaining {rest} of each amount appears as 'Ikke fordelt'."),
         lazy("Correct the shares if the key should distribute everything.")),
    Code("key-over-100", E, lazy("A key's shares sum to more than 100 %."),
         lazy("the shares of key '{key}' sum to {total}, more than 100 %; it would distribute more than the amount."),
         lazy("Correct the shares so that they sum to 100 %.")),
    Code("missing-account", W,
         lazy("A department has no account while others have one; its budget changes cannot be written."),
         lazy("the department '{code}' has no account, so its budget changes cannot be written."),
         lazy("Write the account string the department's changes go on in the column '{column}'.")),
    Code("missing-email", W, lazy("A department has no e-mail address."),
         lazy("the department {code} has no e-mail address; its mail "
              "draft has no recipient and 'mail --send' skips it."),
         lazy("Write the department's addresses in the column '{EMAIL_FIELD}', separated by ';'.")),
    Code("missing-fixed", E, lazy("A distribution by fixed amounts has no rows on 'Faste beløb'."),
         lazy("{what} is distributed by '{fixed}' but the sheet '{sheet}' has no rows for it."),
         lazy("Add one row per department on the sheet '{sheet}'.")),
    Code("negative-amount", W, lazy("An amount is negative (savings are entered as positive amounts)."),
         lazy("the amount {amount} for {year} is negative; savings are entered as positive amounts."),
         lazy("Enter the saving as a positive number (a cost as negative only on purpose).")),
    Code("negative-share", E, lazy("A key has a negative share."),
         lazy("the share of {department} in key '{key}' is negative."),
         lazy("Shares go from 0 % to 100 %.")),
    Code("no-departments", E, lazy("The master lists no departments."),
         lazy("the master workbook lists no departments."),
         lazy("Add one row per department with its code and name.")),
    Code("no-distribution", W, lazy("A theme has no distribution; its amounts appear as 'Ikke fordelt'."),
         lazy("theme {number} has no distribution ({column}); its amounts appear as '{none}'."),
         lazy("Choose {methods}")),
    Code("no-themes", E, lazy("The master lists no themes."),
         lazy("the master workbook lists no themes."),
         lazy("Add one row per theme.")),
    Code("stated-row-unreadable", W, lazy("A row of the sheet 'Dokumenttal' cannot be read; the audit leaves it out."),
         lazy("this row of the document's figures cannot be read (a kind, line, "
              "value or decimals that make no sense); the audit leaves it out."),
         lazy("Import the document again, or correct the row.")),
    Code("theme-without-lines", W, lazy("A theme has no proposals and no status note."),
         lazy("theme {number} '{title}' has no proposals."),
         lazy("Add its proposals on the sheet {sheet}, or explain in "
              "{column} (e.g. '(temaet er slået ind under tema 8)').")),
    Code("too-many-decimals", E, lazy("An amount has more decimals than the plan shows."),
         lazy("the {what} in the cell is {amount}, which has more decimals than the plan shows ({decimals}; "
              "a cell formatted so shows {shown}); its parts could not add up exactly to the totals."),
         lazy("Type the amount with {decimals} decimals (a formula: wrap it in "
              "ROUND(…; {decimals})), or raise '{setting}' on the sheet {sheet}.")),
    Code("unknown-department", E, lazy("A department code is not on the sheet 'Afdelinger'."),
         lazy("the key '{key}' names the department '{department}', which is not on the sheet '{sheet}'."),
         lazy("Use a code from the sheet {sheet}."),
         variants=(
             Variant("fixed",
                     lazy("the fixed amount names the department '{department}', which is not on the sheet {sheet}."),
                     lazy("Use a code from the sheet {sheet}.")),
         )),
    Code("unknown-key", E, lazy("A key name is not on the sheet 'Nøgler'."),
         lazy("the key '{key}' is not on the sheet '{sheet}'."),
         lazy("Use one of the keys: {names}."),
         variants=(
             Variant("no-keys",
                     lazy("the key '{key}' is not on the sheet '{sheet}'."),
                     lazy("Add the key on the sheet Nøgler.")),
             Variant("setting",
                     lazy("the key '{key}' named in '{setting}' is not on the sheet '{sheet}'."),
                     lazy("Use one of the keys: {names}.")),
             Variant("setting-no-keys",
                     lazy("the key '{key}' named in '{setting}' is not on the sheet '{sheet}'."),
                     lazy("Add the key on the sheet Nøgler.")),
         )),
    Code("unknown-line", E, lazy("A fixed amount refers to a proposal that does not exist."),
         lazy("the fixed amount refers to proposal {line} of theme {theme}, which does not exist."),
         lazy("Use the number of a proposal on the sheet {sheet}.")),
    Code("unknown-theme", E, lazy("A proposal or fixed amount refers to a theme that does not exist."),
         lazy("the proposal '{title}' belongs to theme {theme}, which is not on the sheet '{sheet}'."),
         lazy("Use a theme number from the sheet {sheet}, or add the theme."),
         variants=(
             Variant("fixed",
                     lazy("the fixed amount refers to theme {theme}, which does not exist."),
                     lazy("Use a theme number from the sheet {sheet}.")),
         )),
    Code("unknown-year", W, lazy("A first year ('Fra år') is not one of the plan's years."),
         lazy("the first year {year} is not one of the plan's years ({years})."),
         lazy("Write one of the plan's years.")),
)
