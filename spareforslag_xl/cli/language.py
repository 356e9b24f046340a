"""click in the user's language: its own texts from our catalogue, help texts translated when shown.

click marks its texts with ``from gettext import gettext as _`` in each of its modules, which
would look them up in the global ``messages`` domain by the machine's locale. We point those
module names at our catalogue instead, so that "Usage:", "Error:" and "Aborted!" follow
``--lang`` like everything else (the msgids we translate are listed in ``cli/click_texts.py``).
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

import click

from spareforslag_xl.model import i18n
from spareforslag_xl.model.i18n import LazyText, lazy

__all__ = ["Argument", "Command", "Group", "Option", "argument", "command", "confirm", "install_click_translations",
           "language_from_args", "lazy", "option"]  # lazy is re-exported: the commands import it from here

_CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types", "utils",
                  "_termui_impl", "shell_completion")


def _english(message: str) -> str:
    return message


def _english_while_defining() -> None:
    """Let click keep its texts in English while the commands are defined (click.Path names itself 'file'
    then): the stdlib's gettext would search the machine's locale folders for a 'messages' catalogue at
    each of them, and what is shown is translated later, in the language chosen."""
    for name in _CLICK_MODULES:
        module = sys.modules.get(f"click.{name}")
        if module is not None and hasattr(module, "_"):
            setattr(module, "_", _english)  # noqa: B010 - a module's attribute mypy cannot see


_english_while_defining()


def install_click_translations() -> None:
    """Make click's own texts come from our catalogue in the language in use."""
    click.types.Path.name = _TranslatedName()  # type: ignore[assignment]  # see _TranslatedName
    for name in _CLICK_MODULES:
        module = sys.modules.get(f"click.{name}")
        if module is None:
            continue
        if hasattr(module, "_"):
            setattr(module, "_", i18n.gettext)  # noqa: B010 - a module's attribute mypy cannot see
        if hasattr(module, "ngettext"):
            setattr(module, "ngettext", i18n.ngettext)  # noqa: B010


class _TranslatedName:
    """click.Path's name ('file', 'directory', 'path'), which click sets in English when a command is
    defined, looked up in the language in use when a message shows it ("Mappe 'x' er en fil")."""

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        english = instance.__dict__.get("_english_name", instance.__dict__.get("name", "path"))
        return i18n.gettext(english)

    def __set__(self, instance, value) -> None:
        instance.__dict__["_english_name"] = value


def language_from_args(args: list[str]) -> str | None:
    """Return the value of --lang among the arguments (before or after the command's name), if given."""
    for i, arg in enumerate(args):
        if arg == "--":
            return None
        if arg == "--lang" and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def without_lang(args: list[str]) -> list[str]:
    """Return the arguments without a valid --lang after the command's name, where click would refuse
    it: the language is chosen before click parses anything, so it may stand anywhere."""
    kept: list[str] = []
    seen_command = False
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            return kept + args[i:]
        value, width = None, 1
        if arg == "--lang" and i + 1 < len(args):
            value, width = args[i + 1], 2
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value is not None:
            if not (seen_command and value in i18n.LANGUAGES):
                kept.extend(args[i:i + width])
            i += width
            continue
        seen_command = seen_command or not arg.startswith("-")
        kept.append(arg)
        i += 1
    return kept


TYPE_METAVARS = {"text": "TEXT", "integer": "INTEGER", "integer range": "INTEGER", "float": "NUMBER",
                 "float range": "NUMBER"}
"""click's placeholders of its types (TEXT, INTEGER RANGE …), as message ids translated when shown."""


class Option(click.Option):
    """A click option whose help text (a LazyText) is translated when --help is shown, not at import."""

    def __init__(self, *args, help=None, **kwargs) -> None:  # noqa: A002 - click's own name
        super().__init__(*args, **kwargs)
        self._help = help

    @property
    def help(self):
        return str(self._help) if self._help is not None else None

    @help.setter
    def help(self, value) -> None:
        self._help = value

    def make_metavar(self, ctx) -> str:
        metavar = self.metavar or TYPE_METAVARS.get(self.type.name)
        if metavar is None:
            return super().make_metavar(ctx)
        return i18n.gettext(metavar) + ("..." if self.nargs != 1 else "")


class Argument(click.Argument):
    """A click argument whose placeholder in the usage line and messages is translated when shown
    ('GRUNDARK' for MASTER); give it as metavar='MASTER', an English message id."""

    def make_metavar(self, ctx) -> str:
        var = i18n.gettext(self.metavar or (self.name or "").upper())
        if not self.required:
            var = f"[{var}]"
        return var + ("..." if self.nargs != 1 else "")


def argument(name: str, **kwargs):
    """click.argument with a placeholder translated when shown."""
    return click.argument(name, cls=Argument, **kwargs)


def option(*decls, help: str | LazyText | None = None, **kwargs):  # noqa: A002
    """click.option with a help text translated when shown (give it as lazy('...'))."""
    return click.option(*decls, cls=Option, help=help, **kwargs)


def confirm(question: str) -> bool:
    """Ask a yes/no question whose default is no ('[j/N]' in Danish); return the answer."""
    yes_words = {"y", "yes"} | ({"j", "ja"} if i18n.language() == "da" else set())
    choices = i18n.gettext("[y/N]")
    answer = click.prompt(f"{question} {choices}", default="", show_default=False, err=True,
                          prompt_suffix=": ")
    return answer.strip().lower() in yes_words


if TYPE_CHECKING:
    _Base = click.Command
    """What the mixin is mixed into, for the type checker (super() is click.Command's)."""
else:
    _Base = object


class _HelpOptionPerLanguage(_Base):
    """click creates a command's --help option once and keeps it, with its help text in the
    language of that moment; keep one per language instead. '[OPTIONS]' in the usage line is
    translated when shown, too."""

    @property
    def options_metavar(self) -> str:
        return i18n.gettext("[OPTIONS]")

    @options_metavar.setter
    def options_metavar(self, value) -> None:
        pass

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        made = self.__dict__.setdefault("_help_options", {})
        self._help_option = made.get(i18n.language())
        made[i18n.language()] = option = super().get_help_option(ctx)
        return option


# click.Command's options_metavar is a plain attribute; ours is a property, translated when shown.
class Command(_HelpOptionPerLanguage, click.Command):
    """A click command whose '[OPTIONS]' in the usage line is translated when shown."""


def command(name: str | None = None, *, help: LazyText, **kwargs):  # noqa: A002
    """click.command with a help text translated when shown (give it as lazy('...'))."""
    return click.command(name, cls=Command, help=help, **kwargs)


class Group(_HelpOptionPerLanguage, click.Group):
    """The command group: chooses the language (--lang, SPAREFORSLAG_LANG, else Danish) before
    click parses anything, so that even a usage error is in the chosen language."""

    @property
    def subcommand_metavar(self) -> str:
        return i18n.gettext("COMMAND [ARGS]...")

    @subcommand_metavar.setter
    def subcommand_metavar(self, value) -> None:
        pass

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        given = list(sys.argv[1:] if args is None else args)
        i18n.set_language(language_from_args(given) or os.environ.get(i18n.ENV))
        given = without_lang(given)
        install_click_translations()
        if click.formatting.FORCED_WIDTH is None and "terminal_width" not in extra:
            extra["terminal_width"] = _help_width(self.context_settings.get("max_content_width") or 80)
        return super().main(given, prog_name, complete_var, standalone_mode, **extra)


def _help_width(max_width: int) -> int:
    """Return the width click gives help text in this terminal (its own formula), without the import of shutil
    that click makes to ask, which loads the compression modules (bz2, lzma, zlib): a tenth of a --help."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:  # as shutil.get_terminal_size: the environment, then the terminal, then 80
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return max(min(columns or 80, max_width) - 2, 50)
