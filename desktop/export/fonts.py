"""Fonts for PDF export: registration with reportlab and the coverage check.

The families come from desktop.export.fontfiles. reportlab embeds TrueType fonts as
subsets, so a PDF carries only the glyphs it uses.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from desktop.export.fontfiles import (  # noqa: F401 - re-exported
    VARIANTS,
    Family,
    FontError,
    families,
    family,
    font_dirs,
)

_lock = threading.Lock()
_registered: set[str] = set()


def _ttfont_class():
    from reportlab.pdfbase.ttfonts import TTFont

    class FastTTFont(TTFont):
        """TTFont whose text encoding takes a fast path once every character of a run has
        its code in the first subset (nearly always, for Kazakh and Russian text); the
        result is the same bytes reportlab's loop makes."""

        def splitString(self, text, doc, encoding="utf-8"):  # noqa: N802 - reportlab API
            state = self.state.get(doc) if isinstance(text, str) else None
            if state is not None:
                codes = state.assignments
                try:
                    ns = [codes[c] for c in map(ord, text.replace("\xa0", " "))]
                except KeyError:
                    ns = None
                if ns is not None and (not ns or max(ns) < 256):
                    return [(0, bytes(ns))] if ns else []
            return super().splitString(text, doc, encoding)

    return FastTTFont


def register(name: str) -> Family:
    """Register a family's variants with reportlab once, so <b>/<i> pick the right files."""
    from reportlab.pdfbase import pdfmetrics

    TTFont = _ttfont_class()  # noqa: N806 - a class
    fam = family(name)
    with _lock:
        if fam.name in _registered:
            return fam
        for v, path in fam.files.items():
            pdfmetrics.registerFont(TTFont(f"{fam.name}-{v}", str(path)))
        pdfmetrics.registerFontFamily(
            fam.name, normal=fam.font_name("Regular"), bold=fam.font_name("Bold"),
            italic=fam.font_name("Italic"), boldItalic=fam.font_name("BoldItalic"))
        _registered.add(fam.name)
    return fam


@cache
def _cmap(font_file: Path) -> frozenset[int]:
    from reportlab.pdfbase.ttfonts import TTFontFile

    return frozenset(TTFontFile(str(font_file)).charToGlyph)


FALLBACK = "DejaVuSans"  # symbols (≠ ≤ → …) that the text fonts lack


def fallback_family() -> Family | None:
    try:
        return family(FALLBACK)
    except FontError:
        return None


def cmap(name: str, variant: str = "Regular") -> frozenset[int]:
    """Code points a family's variant can draw."""
    fam = family(name)
    return _cmap(fam.files.get(variant) or fam.files["Regular"])


def _ignorable(ch: str) -> bool:
    # Whitespace and invisible controls are never drawn as glyphs (text.clean drops controls).
    return ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn")


def family_missing(text: str, families_: Iterable[str]) -> set[str]:
    """Characters of `text` that some face of the families cannot draw and the symbol
    fallback cannot draw either."""
    chars = {c for c in set(text) if not _ignorable(c)}
    missing: set[str] = set()
    for name in families_:
        fam = family(name)
        for path in set(fam.files.values()):
            table = _cmap(path)
            missing |= {c for c in chars if ord(c) not in table}
    fb = fallback_family()
    if fb is not None and missing:
        table = _cmap(fb.files["Regular"])
        missing = {c for c in missing if ord(c) not in table}
    return missing


def missing_chars(text: str, style) -> set[str]:
    """Characters of `text` that some font of house style `style` (a HouseStyle or a
    style name) cannot draw."""
    if isinstance(style, str):
        from desktop.export.styles import load_style

        style = load_style(style)
    return family_missing(text, {style.body_font, style.heading_font})


def describe_missing(chars: set[str]) -> str:
    """“ꙮ (U+A66E CYRILLIC LETTER MULTIOCULAR O), …” in code point order."""
    parts = []
    for c in sorted(chars):
        name = unicodedata.name(c, "")
        parts.append(f"{c} (U+{ord(c):04X}{' ' + name if name else ''})")
    return ", ".join(parts)
