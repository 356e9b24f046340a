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
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Protocol, runtime_checkable

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
            # The catalogue's own path: gettext.translation would look for variants of the language and
            # import the locale module to spell them, on every start (it raises FileNotFoundError alike).
            with open(LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo", "rb") as catalogue:
                _cache[language] = _gettext.GNUTranslations(catalogue)
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


@contextmanager
def in_language(language: str) -> Iterator[str]:
    """Use language inside the block, then the one in use before (the workbooks are Danish whatever
    language the terminal speaks)."""
    before = _current[:]
    try:
        yield set_language(language)
    finally:
        _current[:] = before


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

    def in_language(self, language: str) -> str:
        """Return the text in a language ('da' or 'en'), whatever the language in use."""
        return translations(language).gettext(self.message)

    def words(self, language: str, params: Mapping[str, object]) -> str:
        """Return the template in a language (a plural's form is chosen by params; a text has one form)."""
        return self.in_language(language)


def lazy(message: str) -> LazyText:
    """Return message, translated when it is shown rather than now."""
    return LazyText(message)


class _Value:
    """A small immutable value compared by its fields, as a frozen dataclass is (these load with every command,
    --help too: the dataclasses module and the code it generates would be a tenth of a --help)."""

    __slots__: tuple[str, ...] = ()

    def __init__(self, *values: object) -> None:
        for name, value in zip(self.__slots__, values, strict=True):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}")

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        return other.__class__ is self.__class__ and self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({shown})"

    def __reduce__(self):
        return type(self), self._values()


class LazyPlural(_Value):
    """A text with a singular and a plural form, chosen by the parameter ``count`` when it is shown."""

    __slots__ = ("singular", "plural", "count")
    singular: str
    plural: str
    count: str

    def __init__(self, singular: str, plural: str, count: str = "n") -> None:
        super().__init__(singular, plural, count)

    def words(self, language: str, params: Mapping[str, object]) -> str:
        """Return the form for params[count] in a language."""
        n = params[self.count]
        assert isinstance(n, int), f"{self.count} chooses the plural form of {self.singular!r}: an int"
        return translations(language).ngettext(self.singular, self.plural, n)


def lazy_plural(singular: str, plural: str, count: str = "n") -> LazyPlural:
    """Return a text whose singular or plural form is chosen when it is shown (by the parameter ``count``)."""
    return LazyPlural(singular, plural, count)


Template = LazyText | LazyPlural
"""A message id with {param} placeholders, translated when it is shown."""


@runtime_checkable
class Localised(Protocol):
    """A value that is put into words in the language a text is shown in."""

    def in_language(self, language: str) -> str: ...


def fill(template: Template, language: str, params: Mapping[str, object]) -> str:
    """Return a template in a language with its placeholders filled; a value that is words is in that language too."""
    values = {k: v.in_language(language) if isinstance(v, Localised) else v for k, v in params.items()}
    return template.words(language, params).format(**values)


class Phrase(_Value):
    """A template with its parameters, put into words when it is shown: a part of a longer message."""

    __slots__ = ("template", "params")
    template: Template
    params: tuple[tuple[str, object], ...]

    def __init__(self, template: Template, params: tuple[tuple[str, object], ...] = ()) -> None:
        super().__init__(template, params)

    def in_language(self, language: str) -> str:
        return fill(self.template, language, dict(self.params))

    def __str__(self) -> str:
        return self.in_language(language())


def phrase(template: Template, **params: object) -> Phrase:
    """Return a template with its parameters, to be put into words in the language it is shown in."""
    return Phrase(template, tuple(params.items()))


class Joined(_Value):
    """Items joined by a separator that is a word (' and '), in the language they are shown in."""

    __slots__ = ("separator", "items")
    separator: LazyText
    items: tuple[str, ...]

    def __init__(self, separator: LazyText, items: tuple[str, ...]) -> None:
        super().__init__(separator, items)

    def in_language(self, language: str) -> str:
        return self.separator.in_language(language).join(self.items)

    def __str__(self) -> str:
        return self.in_language(language())


class TranslatedEnum(Enum):
    """An enum whose values are English msgids (marked with N_): ``text`` is the value in the
    language in use, the value itself stays English (for JSON and tests)."""

    @property
    def text(self) -> str:
        return gettext(self.value)

