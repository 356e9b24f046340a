"""The language a user reads: Danish by default, English on request, through gettext catalogues.

Message ids are the English texts in the code; ``spareforslag_xl/locale/da/LC_MESSAGES/
spareforslag.po`` holds their Danish translations and its compiled ``.mo`` is installed with
the package (``make catalog`` extracts, updates and compiles them with Babel). Only the stdlib's
``gettext`` is needed at run time.

The language is Danish unless ``--lang en`` or ``SPAREFORSLAG_LANG=en`` asks for English; the
machine's locale is not consulted (the product is Danish, also on an English or C locale).
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections import UserString
from enum import Enum
from pathlib import Path

DOMAIN = "spareforslag"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
LANGUAGES = ("da", "en")
DEFAULT_LANGUAGE = "da"
ENV = "SPAREFORSLAG_LANG"

_cache: dict[str, _gettext.NullTranslations] = {}
_current: list = []  # [language, translations]: set by set_language, read by every lookup


def translations(language: str) -> _gettext.NullTranslations:
    """Return the catalogue of a language (English is the message ids themselves)."""
    if language not in _cache:
        if language == "en":
            _cache[language] = _gettext.NullTranslations()
        else:
            _cache[language] = _gettext.translation(DOMAIN, str(LOCALE_DIR), [language])
    return _cache[language]


def normalise(language: str | None) -> str:
    """Return 'da' or 'en' for a language asked for ('en_GB.UTF-8', 'EN', 'dansk'); Danish when unknown."""
    text = (language or "").strip().lower()
    return "en" if text.startswith("en") else DEFAULT_LANGUAGE


def set_language(language: str | None) -> str:
    """Use this language from now on; return it ('da' or 'en')."""
    chosen = normalise(language)
    _current[:] = [chosen, translations(chosen)]
    return chosen


def language() -> str:
    """Return the language in use ('da' or 'en')."""
    if not _current:
        set_language(os.environ.get(ENV))
    return _current[0]


def _catalogue() -> _gettext.NullTranslations:
    if not _current:
        set_language(os.environ.get(ENV))
    return _current[1]


def gettext(message: str) -> str:
    """Return message in the language in use."""
    return _catalogue().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Return the singular or plural form for n in the language in use."""
    return _catalogue().ngettext(singular, plural, n)


_ = gettext


def N_(message: str) -> str:
    """Mark a message for extraction without translating it (it is translated where it is shown)."""
    return message


class LazyText(UserString):
    """A text translated each time it is used: for help texts and labels defined at import time."""

    def __init__(self, message: str) -> None:  # noqa: D107 - UserString keeps .data; ours is a property
        self.message = message

    @property
    def data(self) -> str:  # type: ignore[override]
        return gettext(self.message)

    def __hash__(self) -> int:
        return hash(self.message)


def lazy(message: str) -> LazyText:
    """Return message, translated when it is shown rather than now."""
    return LazyText(message)


class TranslatedEnum(Enum):
    """An enum whose values are English msgids (marked with N_): ``text`` is the value in the
    language in use, the value itself stays English (for JSON and tests)."""

    @property
    def text(self) -> str:
        return gettext(self.value)

