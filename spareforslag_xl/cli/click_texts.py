"""click's own texts that a user of spareforslag reads, marked so that Babel extracts them into
our catalogue (click looks them up through cli/language.py). tests/test_i18n.py checks that each
is still a text of the installed click."""

from __future__ import annotations

from spareforslag_xl.model.i18n import N_, ngettext

CLICK_TEXTS = (
    N_("Usage:"),
    N_("Options"),
    N_("Commands"),
    N_("Positional arguments"),
    N_("Aborted!"),
    N_("Error: {message}"),
    N_("Try '{command} {option}' for help."),
    N_("Show this message and exit."),
    N_("Show the version and exit."),
    N_("%(prog)s, version %(version)s"),
    N_("Missing command."),
    N_("Missing argument"),
    N_("Missing option"),
    N_("Missing parameter"),
    N_("Missing parameter: {param_name}"),
    N_("Invalid value: {message}"),
    N_("Invalid value for {param_hint}: {message}"),
    N_("No such option {name!r}."),
    N_("No such command {name!r}."),
    N_("Option {name!r} does not take a value."),
    N_("env var: {var}"),
    N_("default: {default}"),
    N_("required"),
    N_("file"),
    N_("directory"),
    N_("path"),
    N_("{name} {filename!r} does not exist."),
    N_("{name} {filename!r} is a file."),
    N_("{name} {filename!r} is a directory."),
    N_("{name} {filename!r} is not readable."),
    N_("{name} {filename!r} is not writable."),
    N_("{value!r} is not a valid {number_type}."),
    N_("{value} is not in the range {range}."),
    N_("Repeat for confirmation"),
    N_("Error: invalid input"),
    N_("Error: The two entered values do not match."),
    N_("Could not open file {filename!r}: {message}"),
    N_("unknown error"),
)

PLACEHOLDERS = (  # the arguments' and options' placeholders in usage lines and messages (cli/language.py)
    N_("MASTER"),
    N_("PATH"),
    N_("OLD"),
    N_("NEW"),
    N_("OFFICIAL"),
    N_("DOCUMENT"),
    N_("FOLDER"),
    N_("CODES"),
    N_("NAME"),
    N_("UNIT"),
    N_("AMOUNT"),
    N_("OLD.xlsx|forrige"),
    N_("TEXT"),
    N_("INTEGER"),
    N_("NUMBER"),
)


def _plurals() -> None:  # never called: marks click's plural texts for extraction
    ngettext("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})", 1)
    ngettext("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments.", 1)
    ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.", 1)
    ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", 1)
