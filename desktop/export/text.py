"""Untrusted text to reportlab Paragraph markup: controls dropped, everything else literal."""

from __future__ import annotations

import re
import unicodedata

_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff\ufffe\uffff]")


def clean(text: str | None) -> str:
    """NFC text without control characters (tabs become spaces, CR/LF stay newlines)."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", str(text)).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\t", " ")
    text = _CONTROLS.sub("", text)
    # Surrogates and private-use code points cannot be drawn reliably by any bundled font.
    return "".join(c for c in text if unicodedata.category(c) not in ("Cs", "Co"))


def esc(text: str | None) -> str:
    """`text` as Paragraph markup that prints literally (<b>, &amp;, <img …> included)."""
    t = clean(text)
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


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
