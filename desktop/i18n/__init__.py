"""Translation helpers: mark with `N_()` at import time, translate with `_()` at display time.

`_` is looked up on every call so that switching language takes effect without
re-importing modules (never install `_` into builtins).
"""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Callable

from desktop.paths import i18n_dir

DOMAIN = "kenes"
LANGUAGES = ("en", "kk", "ru")

_translation: _gettext.NullTranslations = _gettext.NullTranslations()
_current = "en"


def setup(lang: str | None) -> str:
    """Activate `lang` (kk/ru/en); unknown or missing catalogs fall back to English."""
    global _translation, _current
    lang = (lang or "en").split("_")[0].split("-")[0].lower()
    if lang not in LANGUAGES:
        lang = "en"
    _translation = _gettext.translation(
        DOMAIN, localedir=str(i18n_dir()), languages=[lang], fallback=True
    )
    _current = lang
    return lang


def current_language() -> str:
    return _current


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now."""
    return message


def translator(lang: str | None) -> Callable[[str], str]:
    """`gettext` for `lang` alone (e.g. an export's language), leaving the interface's as is."""
    lang = (lang or "en").split("_")[0].split("-")[0].lower()
    if lang not in LANGUAGES:
        lang = "en"
    t = _gettext.translation(DOMAIN, localedir=str(i18n_dir()), languages=[lang], fallback=True)
    return t.gettext


def format_number(value: float | int) -> str:
    if isinstance(value, int) and 0 <= value < 1000:
        # No locale groups or signs these: spares loading babel before the window paints.
        return str(value)
    from babel.numbers import format_decimal

    return format_decimal(value, locale=_current)


def format_date(value, fmt: str = "medium") -> str:
    from babel.dates import format_date as _fd

    return _fd(value, format=fmt, locale=_current)
