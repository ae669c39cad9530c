"""Headings, dates, numbers and names in the export language (not the interface language)."""

from __future__ import annotations

import datetime as _dt
from functools import cache

from desktop.i18n import N_, translator

EXPORT_LANGUAGES = ("kk", "ru", "en")
# Long dates as a ministry writes them: 15 қараша 2025 ж. / 15 ноября 2025 г. / 15 November 2025
_DATE_PATTERNS = {"kk": "d MMMM y 'ж'.", "ru": "d MMMM y 'г'.", "en": "d MMMM y"}
_BABEL_LOCALES = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_GB"}
LANG_NAMES = {"kk": N_("Kazakh"), "ru": N_("Russian"), "en": N_("English"), "other": N_("Other")}


@cache
def _vocab(kind: str) -> dict:
    try:
        from desktop.analysis.pipeline import vocabulary

        return vocabulary(kind) or {}
    except Exception:  # noqa: BLE001 - names are cosmetic; ids are printed instead
        return {}


class L10n:
    """Translation and formatting for one export language."""

    def __init__(self, lang: str = "en") -> None:
        self.lang = lang if lang in EXPORT_LANGUAGES else "en"
        self.gettext = translator(self.lang)
        self.locale = _BABEL_LOCALES[self.lang]

    def __call__(self, message: str) -> str:
        return self.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        catalog = getattr(self.gettext, "__self__", None)  # translator() gives a bound gettext
        if catalog is None:
            return singular if n == 1 else plural
        return catalog.ngettext(singular, plural, n)

    def date(self, value: str | _dt.date | None) -> str:
        """A long date; an ISO date-time keeps only its date; unparsable text is kept."""
        from babel.dates import format_date

        if not value:
            return ""
        if isinstance(value, str):
            try:
                value = _dt.date.fromisoformat(value[:10])
            except ValueError:
                return value
        return format_date(value, _DATE_PATTERNS[self.lang], locale=self.locale)

    def short_date(self, value: str | None) -> str:
        """15.11.2025 (kk, ru) / 15 Nov 2025 (en), for tables and citations."""
        from babel.dates import format_date

        if not value:
            return ""
        try:
            d = _dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
        return format_date(d, "d MMM y" if self.lang == "en" else "dd.MM.y", locale=self.locale)

    def date_range(self, start: str | None, end: str | None) -> str:
        """14–16 November 2025, 30 October – 2 November 2025, or two full dates."""
        from babel.dates import format_date

        if not (start and end) or start[:10] == end[:10]:
            return self.date(start or end)
        try:
            a, b = _dt.date.fromisoformat(start[:10]), _dt.date.fromisoformat(end[:10])
        except ValueError:
            return f"{self.date(start)} – {self.date(end)}"
        if a.year != b.year or a > b:
            return f"{self.date(a)} – {self.date(b)}"
        if a.month == b.month:
            return f"{a.day}–{self.date(b)}"
        return f"{format_date(a, 'd MMMM', locale=self.locale)} – {self.date(b)}"

    def number(self, value: float | int) -> str:
        from babel.numbers import format_decimal

        return format_decimal(value, locale=self.locale)

    def compact(self, value: float) -> str:
        """1,7 млрд / 1.7B style for large figures."""
        from babel.numbers import format_compact_decimal

        return format_compact_decimal(value, locale=self.locale, fraction_digits=1)

    def lang_name(self, code: str | None) -> str:
        return self(LANG_NAMES[code]) if code in LANG_NAMES else (code or "")

    def localized(self, kind: str, id_: str | None, shown: str | None) -> str:
        """`shown` (a name a briefing stored in its own language) in the export language,
        unless the user wrote something else there: then their text is kept."""
        if not id_:
            return shown or ""
        names = _vocab(kind).get(id_) or {}
        if not shown or shown in names.values() or shown == id_:
            return self.name(kind, id_, shown or "")
        return shown

    def name(self, kind: str, id_: str, fallback: str = "") -> str:
        """A country/sector/person/org name in the export language."""
        names = _vocab(kind).get(id_)
        if not names:
            return fallback or id_
        return names.get(self.lang) or names.get("en") or fallback or id_
