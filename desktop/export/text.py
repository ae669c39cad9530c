"""Untrusted text to reportlab Paragraph markup: controls dropped, everything else literal."""

from __future__ import annotations

import re
import unicodedata
from contextvars import ContextVar

_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff\ufffe\uffff]")

_UNDRAWABLE = re.compile("[\ud800-\udfff\ue000-\uf8ff\U000f0000-\U0010ffff]")


def clean(text: str | None) -> str:
    """NFC text without control characters (tabs become spaces, CR/LF stay newlines)."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", str(text)).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\t", " ")
    text = _CONTROLS.sub("", text)
    # Surrogates and private-use code points cannot be drawn reliably by any bundled font.
    return _UNDRAWABLE.sub("", text)


def _escape(t: str) -> str:
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


class Fallback:
    """Wraps runs of characters the text font lacks (but `font` has) in <font name=…>."""

    def __init__(self, font: str, primary: frozenset[int], secondary: frozenset[int]) -> None:
        self.font = font
        self.primary = primary
        self.secondary = secondary

    def markup(self, t: str) -> str:
        if self.primary.issuperset(map(ord, t)):
            return _escape(t)
        out: list[str] = []
        run: list[str] = []
        in_fb = False
        for ch in t:
            fb = ord(ch) not in self.primary and ord(ch) in self.secondary and not ch.isspace()
            if fb != in_fb and run:
                out.append(self._close(run, in_fb))
                run = []
            in_fb = fb
            run.append(ch)
        if run:
            out.append(self._close(run, in_fb))
        return "".join(out)

    def _close(self, run: list[str], fb: bool) -> str:
        s = _escape("".join(run))
        return f'<font name="{self.font}">{s}</font>' if fb else s


# Set by export.document.Doc for the style being built (per thread/context, so exports in
# parallel workers do not mix); it only changes glyph choice, never the text.
_fallback: ContextVar[Fallback | None] = ContextVar("kenes_export_fallback", default=None)


def set_fallback(fb: Fallback | None) -> None:
    _fallback.set(fb)


def esc(text: str | None, fallback: Fallback | None = None) -> str:
    """`text` as Paragraph markup that prints literally (<b>, &amp;, <img …> included)."""
    t = clean(text)
    fb = fallback or _fallback.get()
    return fb.markup(t) if fb is not None else _escape(t)


def esc_lines(text: str | None) -> str:
    """Like esc, keeping single line breaks as <br/>."""
    return "<br/>".join(esc(line) for line in clean(text).split("\n"))


def paragraphs(text: str | None) -> list[str]:
    """Non-empty paragraphs of plain text (one per line or blank-line-separated block)."""
    return [p.strip() for p in clean(text).split("\n") if p.strip()]


def first_paragraphs(text: str | None, min_chars: int = 160) -> str:
    """The lead of an article body: its first paragraph, the second too when the first is a
    dateline-sized fragment."""
    paras = paragraphs(text)
    out = ""
    for p in paras:
        out = f"{out} {p}".strip()
        if len(out) >= min_chars:
            break
    return out
