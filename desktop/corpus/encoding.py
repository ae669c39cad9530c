"""Bytes → clean text: BOMs, UTF-8, UTF-16 without BOM, legacy Cyrillic code pages, binary refusal.

Order matters and is cheap first: BOM, then a NUL/control-byte check (UTF-16 without a BOM,
or binary), then strict UTF-8 (nearly every modern file), and only then legacy single-byte
Cyrillic code pages (cp1251, KZ-1048 for Kazakh, KOI8-R, cp866) scored by how much of the
result is plausible Cyrillic, with charset-normalizer as the last resort for anything else.
The result is NFC, has `\\n` newlines only and no invisible or control characters but `\\t`.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from desktop.corpus import NotTextError
from desktop.i18n import N_, _

BINARY = N_("not valid text: binary content")
UNKNOWN_ENCODING = N_("not valid text: unknown encoding")

_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0 controls that never occur in text files (tab, LF, VT, FF, CR are allowed), plus DEL.
_CTRL_BYTES = bytes([*range(0, 9), 14, *range(15, 32), 127])
# Characters outside the scripts a kk/ru/en news text is written in: a UTF-16 guess that
# produces many of these (CJK from ASCII bytes read two at a time) is wrong.
_IMPLAUSIBLE = re.compile(
    "[^\t\n\r\x20-\x7e\u00a0-\u024f\u0400-\u052f\u2000-\u206f\u20a0-\u20cf\u2100-\u214f]+"
)
_CTRL_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile("\r\n?|[\x0b\x0c\x85\u2028\u2029]")
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u00ad\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\ufffe\uffff\ud800-\udfff]+"
)

# Whitespace str.isprintable() rejects although it is ordinary text.
_PRINTABLE_SPACES = ("\n", "\t", "\u00a0", "\u202f", "\u2009", "\u2007", "\u3000")

_KK_LOWER = "әғқңөұүһі"
_KK_UPPER = "ӘҒҚҢӨҰҮҺІ"
_CYR_LOWER = "а-яё" + _KK_LOWER
_CYR_UPPER = "А-ЯЁ" + _KK_UPPER
_GOOD_CYR = re.compile(f"[{_CYR_LOWER}{_CYR_UPPER}]")
_LOWER_CYR = re.compile(f"[{_CYR_LOWER}]")
_CAMEL = re.compile(f"[{_CYR_LOWER}][{_CYR_UPPER}]")
_NON_ASCII = re.compile("[^\x00-\x7f]")
_MIXED = re.compile(f"[A-Za-z][{_CYR_LOWER}{_CYR_UPPER}]|[{_CYR_LOWER}{_CYR_UPPER}][A-Za-z]")
# Single-byte code pages for Cyrillic, in order of preference when two score the same.
_CYRILLIC_CODEPAGES = ("cp1251", "kz1048", "koi8_r", "cp866", "mac_cyrillic")
_SAMPLE = 1 << 16


def _binary() -> NotTextError:
    return NotTextError(_(BINARY))


def _too_many_controls(count: int, length: int) -> bool:
    return count > max(4, length // 100)


def _utf16_without_bom(data: bytes, final: bool = True) -> str | None:
    """Guess UTF-16 LE/BE for BOM-less data full of NUL/0x04 high bytes; None if neither fits."""
    if final and len(data) % 2:  # a whole UTF-16 file has an even number of bytes
        return None
    sample = data[: _SAMPLE & ~1]
    if len(sample) < 2:
        return None
    best, best_bad = None, 0.05 * (len(sample) // 2)
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = codecs.getincrementaldecoder(enc)("strict").decode(sample, final=False)
        except UnicodeDecodeError:
            continue
        bad = sum(map(len, _IMPLAUSIBLE.findall(text))) + len(_CTRL_CHARS.findall(text))
        if bad < best_bad:
            best, best_bad = enc, bad
    return best


def _score_cyrillic(text: str) -> tuple[int, bool]:
    """(score, plausible) of one code-page reading: real Cyrillic words, mostly lower case."""
    non_ascii = len(_NON_ASCII.findall(text))
    good = len(_GOOD_CYR.findall(text))
    lower = len(_LOWER_CYR.findall(text))
    camel = len(_CAMEL.findall(text))
    mixed = len(_MIXED.findall(text))  # "cafй": Latin-1 read as Cyrillic
    bad = non_ascii - good
    plausible = bool(non_ascii) and good >= 0.8 * non_ascii and mixed <= 0.1 * good
    return good + lower - 3 * (bad + camel + mixed), plausible


def _legacy_encoding(data: bytes) -> str:
    """Best single-byte Cyrillic code page, else cp1252, else charset-normalizer's guess."""
    sample = data[:_SAMPLE]
    best, best_score = None, None
    for enc in _CYRILLIC_CODEPAGES:
        text = sample.decode(enc, errors="replace")
        score, plausible = _score_cyrillic(text)
        if plausible and (best_score is None or score > best_score):
            best, best_score = enc, score
    if best:
        return best
    try:  # Western European text (the English in a kk/ru/en newsroom)
        text = sample.decode("cp1252")
        if not _IMPLAUSIBLE.search(text):
            return "cp1252"
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        match = from_bytes(sample).best()
    except Exception:  # noqa: BLE001 - a detector failure means "unknown", never a crash
        match = None
    if match is None or not match.encoding:
        raise NotTextError(_(UNKNOWN_ENCODING))
    try:
        return codecs.lookup(match.encoding).name
    except LookupError:
        raise NotTextError(_(UNKNOWN_ENCODING)) from None


def detect_encoding(data: bytes, *, final: bool = True) -> str:
    """Codec name to read `data` with, or NotTextError for binary/undecodable bytes.

    With `final=False`, `data` is the head of a longer stream: a multi-byte character
    cut at the end does not count against UTF-8.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc
    ctrl = len(data) - len(data.translate(None, _CTRL_BYTES))
    if ctrl:
        nul = data.count(0)
        if nul or _too_many_controls(ctrl, len(data)):
            enc = _utf16_without_bom(data, final)
            if enc:
                return enc
            if nul or _too_many_controls(ctrl, len(data)):
                raise _binary()
    try:
        codecs.getincrementaldecoder("utf-8")("strict").decode(data, final=final)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    enc = _legacy_encoding(data)
    text = data[:_SAMPLE].decode(enc, errors="replace")
    if "\x00" in text or _too_many_controls(len(_CTRL_CHARS.findall(text)), len(text)):
        raise _binary()
    return enc


def clean_text(text: str) -> str:
    """NFC, `\\n` newlines, no zero-width/bidi/control characters (tab and newline stay)."""
    visible = text
    for ch in _PRINTABLE_SPACES:
        if ch in visible:
            visible = visible.replace(ch, "")
    if not visible.isprintable():  # fast path: isprintable() is C, the regexes are 10× slower
        text = _LINE_BREAKS.sub("\n", text)
        text = _INVISIBLE.sub("", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


def decode_bytes(data: bytes) -> str:
    """Decode a whole file's bytes to clean text; NotTextError if it is not text."""
    if not data:
        return ""
    enc = detect_encoding(data)
    try:
        text = data.decode(enc, errors="replace")
    except (LookupError, ValueError):  # pragma: no cover - codec names come from lookup
        raise NotTextError(_(UNKNOWN_ENCODING)) from None
    if enc != "utf-8":
        bad = text.count("\ufffd") + len(_CTRL_CHARS.findall(text[:_SAMPLE]))
        if _too_many_controls(bad, min(len(text), _SAMPLE)) or "\x00" in text:
            raise _binary()
    return clean_text(text)
