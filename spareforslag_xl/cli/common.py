"""What every command shares: exit codes, library errors turned into messages, shared options.

The library says what is wrong; here each error's ``remedy`` (the library setting that would
change the outcome) becomes the option that sets it, so that the messages name options only
on the command line.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from spareforslag_xl.cli.language import argument, option
from spareforslag_xl.model.errors import (
    DeliveryError,
    FindingsError,
    InputError,
    OutputError,
    RequestError,
    SpareforslagError,
)
from spareforslag_xl.model.i18n import LazyText, _, lazy
from spareforslag_xl.model.scenario import Scenario

if TYPE_CHECKING:  # the commands import the library when they run, so that --help stays quick
    from spareforslag_xl.model.findings import Finding

HelpText = str | LazyText

EXIT_OK, EXIT_PROBLEMS, EXIT_INPUT, EXIT_OUTPUT = 0, 1, 2, 3
SMTP_ENV = "SPAREFORSLAG_SMTP_"

OPTION_OF = {"only": "--only", "templates": "--templates", "since": "--since"}
"""The option a RequestError's remedy names; its message is prefixed with it ('--only: …')."""

REMEDIES = {
    "overwrite": lazy("Use --overwrite to replace it."),
    "import": lazy("Make the master with 'spareforslag import DOCUMENT -o MASTER.xlsx'."),
    "unit": lazy("Give the unit with --unit."),
    "sheet": lazy("Check the name given with --sheet."),
    "mapping": lazy("Say where the table is with --mapping FILE (see the README)."),
    "sheet-or-mapping": lazy("Choose the sheet with --sheet NAME, or say where the table is with --mapping FILE."),
    "security-starttls": lazy("Use --smtp-security ssl, or none on a trusted network."),
    "login": lazy("Check --smtp-user and the password."),
    "no-login": lazy("Leave out --smtp-user."),
    "security": lazy("Check --smtp-security and --smtp-port."),
    "connect": lazy("Check --smtp-host and --smtp-port, and that the server is reachable from this machine."),
    "outdir": lazy("Give the output folder of the builds (spareforslag history FOLDER)."),
    "send-log": lazy("Check it; to send every mail again, move it away."),
}
"""What to do, on the command line, about an error whose remedy is the key."""


class CommandError(click.ClickException):
    """A library error shown as 'Error: …' with our exit code."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code  # type: ignore[misc]  # click declares it on the class; ours is per error


def message_of(exc: SpareforslagError) -> str:
    """Return the library's message with what to do on the command line."""
    if isinstance(exc, RequestError) and exc.remedy in OPTION_OF:
        return f"{OPTION_OF[exc.remedy]}: {exc}"
    advice = REMEDIES.get(exc.remedy, "")
    return f"{exc} {advice}" if advice else str(exc)


def fail(exc: SpareforslagError) -> CommandError:
    """Return the command's error for a library error, with its exit code."""
    if isinstance(exc, (InputError, RequestError)):
        return CommandError(message_of(exc), EXIT_INPUT)
    if isinstance(exc, (OutputError, DeliveryError)):
        return CommandError(message_of(exc), EXIT_OUTPUT)
    return CommandError(message_of(exc), EXIT_PROBLEMS)


def stopped(exc: FindingsError, instead: str = "", errors_only: bool = False) -> CommandError:
    """Print the findings that stopped a command and return its error (exit 1); ``instead`` names
    the option that goes on anyway, e.g. '--force to write a marked report anyway'."""
    echo_findings(exc.findings, errors_only=errors_only, err=True)
    advice = (_("Fix the findings above, or use {option}.").format(option=instead) if instead
              else _("Fix the findings above."))
    return CommandError(f"{exc} {advice}", EXIT_PROBLEMS)


def echo_findings(findings: Iterable[Finding], errors_only: bool = False, err: bool = False) -> None:
    for f in findings:
        if errors_only and not f.is_error:
            continue
        click.echo(str(f), err=err)


def echo_scenario(scenario: Scenario | None, err: bool = True) -> None:
    """Say which plan the figures are, when the master records decisions (or --scenario chose one)."""
    if scenario is not None:
        click.echo(_("Scenario: {scenario} ({meaning})").format(scenario=scenario.value,
                                                              meaning=SCENARIO_TEXT[scenario.value]), err=err)


def codes(only: str | None) -> list[str] | None:
    """Return the department codes of --only ('MSB,MBU'), or None when not given."""
    return only.split(",") if only is not None else None


# -- options more than one command has -------------------------------------------------------------
def master_argument():
    return argument("master", type=click.Path(path_type=Path, readable=False))


FILE_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".pdf", ".eml", ".docx", ".md")
"""Suffixes that show a file name where -o wants a folder (a folder named 'rapport.xlsx' helps nobody)."""


def _folder(ctx, param, value: Path) -> Path:
    if value.suffix.lower() in FILE_SUFFIXES and not value.is_dir():
        raise click.BadParameter(_("'{path}' is a file name, but the outputs are several files: give the folder "
                                   "to write them into, e.g. -o build/.").format(path=value), ctx, param)
    return value


def output_folder_option(help: HelpText):
    return option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path),
                  default=Path("build"), show_default=True, callback=_folder, help=help)


def only_option(help: HelpText):
    return option("--only", metavar="CODES", help=help)


SCENARIO_TEXT = {
    "vedtaget": lazy("the adopted plan: rejected and postponed proposals left out"),
    "foreslået": lazy("every proposal, decisions ignored"),
    "vedtaget+udskudt": lazy("the adopted plan with the postponed proposals"),
}
"""What each scenario (by its value) shows, for the terminal."""


def scenario_option():
    """--scenario: which plan the workbooks (or mails) show, once the master records decisions."""
    return option(
        "--scenario", type=click.Choice([s.value for s in Scenario]), default=None,
        callback=lambda ctx, param, value: Scenario(value) if value else None,
        help=lazy("The plan to show: 'vedtaget' (the adopted plan; the default once the master records "
                  "decisions), 'foreslået' (every proposal, decisions ignored) or 'vedtaget+udskudt' (as if "
                  "the postponed proposals were adopted too)."),
    )


def force_option(help: HelpText):
    return option("--force", is_flag=True, help=help)


def strict_option(help: HelpText):
    return option("--strict", is_flag=True, help=help)


def overwrite_option(help: HelpText):
    return option("--overwrite", is_flag=True, help=help)


def since_option(help: HelpText):
    return option("--since", metavar="OLD.xlsx|forrige", default=None, help=help)
