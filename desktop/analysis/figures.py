"""Key figures: money amounts, counts and percentages, normalised for comparison.

`$10 млрд` → 1e10 USD, `1,7 млрд доллар` → 1.7e9 USD, `23 мыңнан астам компания` →
23000 count (more_than, unit "компания"), `25 пайыз` → 25 percent. Years, dates,
durations, ordinals (14-ші) and list numbers are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop.analysis.model import Figure
from desktop.analysis.morph import valid_tail

_SP = "[ \u00a0\u202f\u2009]"
_KK_SUFFIX = (
    "ден|дан|тен|тан|нен|нан|ге|ға|ке|қа|не|на|ге|ші|шы|інші|ыншы|ы|і|сы|сі|да|де|та|те|"
    "нда|нде|ның|нің|дың|дің|тың|тің|ы|ын|ін|ға|ке"
)
_ORDINAL = re.compile(r"(?:ші|шы|інші|ыншы|й|го|му|м|я|е|ой|ого|th|st|nd|rd)$")
_WORD = re.compile(r"[^\W\d_][^\W\d_\-]*")
_WS = re.compile(_SP + "*")


@dataclass
class FigureRules:
    regex: re.Pattern[str]
    scales: list[tuple[str, float]]
    currencies: list[tuple[str, str]]
    percent: tuple[str, ...]
    before: dict[str, str]
    after: dict[str, str]
    skip: frozenset[str]
    symbols: frozenset[str] = frozenset("$")
    words: dict[str, str] = field(default_factory=dict)  # lowercase currency stem -> ISO
    multi: list[tuple[tuple[str, str], str]] = field(default_factory=list)


def compile_figures(cfg: dict) -> FigureRules:
    """Build the one figure regex from the `[figures]` tables of the rule files."""
    scales = sorted(((k.lower(), float(v)) for k, v in (cfg.get("scales") or {}).items()),
                    key=lambda kv: -len(kv[0]))
    currencies = sorted(((k, str(v)) for k, v in (cfg.get("currencies") or {}).items()),
                        key=lambda kv: -len(kv[0]))
    percent = tuple(w.lower() for w in (cfg.get("percent") or {}).get("words", ["%"])
                    if w[:1].isalpha())
    q = cfg.get("qualifiers") or {}
    skip = frozenset(w.lower() for w in (cfg.get("skip_units") or {}).get("words", []))
    sym = "".join(re.escape(k) for k, _ in currencies if len(k) == 1 and not k.isalnum())
    scale_alt = "|".join(re.escape(k) for k, _ in scales) or "(?!)"
    rx = re.compile(
        rf"(?P<num>\d(?:\d{{0,2}}(?:{_SP}\d{{3}})+(?:,\d+)?|\d*(?:[.,]\d+)?))"
        rf"(?P<suf>-?(?:{_KK_SUFFIX})(?![^\W\d_]))?"
        rf"(?P<pct>{_SP}?%)?"
        rf"(?:{_SP}?(?P<scale>(?:{scale_alt})[^\W\d_]*\.?))?"
    )
    return FigureRules(rx, scales, currencies, percent,
                       {k.lower(): v for k, v in (q.get("before") or {}).items()},
                       {k.lower(): v for k, v in (q.get("after") or {}).items()}, skip,
                       frozenset(sym),
                       {k.lower(): c for k, c in currencies if k[0].isalnum() and " " not in k},
                       [((k.split()[0].lower(), k.lower()), c) for k, c in currencies if " " in k])


def _sentence(text: str, start: int, end: int) -> str:
    a = max(text.rfind(". ", 0, start), text.rfind("! ", 0, start), text.rfind("? ", 0, start),
            text.rfind("\n", 0, start))
    a = 0 if a < 0 else a + 1
    cands = [i for i in (text.find(". ", end), text.find("! ", end), text.find("? ", end),
                         text.find("\n", end)) if i >= 0]
    b = min(cands) + 1 if cands else len(text)
    return text[a:b].strip()


def _next_word(text: str, pos: int) -> tuple[str, int, int]:
    m = _WS.match(text, pos)
    p = m.end() if m else pos
    w = _WORD.match(text, p)
    if not w:
        return "", p, p
    return w.group(), w.start(), w.end()


def _prev_word(text: str, pos: int) -> str:
    i = pos
    while i > 0 and text[i - 1] in " \u00a0\u202f\u2009":
        i -= 1
    j = i
    while j > 0 and text[j - 1].isalpha():
        j -= 1
    return text[j:i].lower()


_ADJ_END = ("ых", "их", "ый", "ий", "ая", "яя", "ое", "ые", "ие", "ого", "ной", "ской",
            "кен", "ген", "қан", "ған", "лық", "лік", "дық", "дік", "тық", "тік", "ті", "ты")


_VERB_END = ("ды", "ді", "ты", "ті", "ады", "еді", "йды", "йді", "ады", "ейді", "айды", "ған",
             "ген", "ыпты", "іпті")


def _after_qualifier(word: str, after: dict[str, str]) -> str | None:
    w = word.lower()
    if w in after:
        return after[w]
    for k in range(min(len(w) - 1, 8), 1, -1):
        v = after.get(w[:k])
        if v and valid_tail(w[k:]):
            return v  # астамын, астамы
    return None


def _is_skip(word: str, skip: frozenset[str]) -> bool:
    w = word.lower().rstrip(".")
    if w in skip:
        return True
    # stems with endings: жылы, айдың, году, ноября, қарашада
    for k in range(1, min(len(w), 9)):
        if w[:k] in skip and (k >= 3 or valid_tail(w[k:])):
            return True
    return False


def extract_figures(text: str, fr: FigureRules) -> list[Figure]:
    """Every key figure in `text`, in order, with spans into `text`."""
    out: list[Figure] = []
    for m in fr.regex.finditer(text):
        s, e = m.span()
        pre = None
        if s and text[s - 1] in fr.symbols:  # "$10 млрд" (the symbol starts the figure)
            pre, s = text[s - 1], s - 1
        elif s > 1 and text[s - 1] in " \u00a0" and text[s - 2] in fr.symbols:
            pre, s = text[s - 2], s - 2
        prev = text[s - 1] if s else " "
        if prev.isalnum() or prev in "№#" or (prev in "-./:" and s >= 2 and text[s - 2].isalnum()):
            continue
        nxt = text[e:e + 2]
        if nxt[:1] in (".", ":", "/") and nxt[1:2].isdigit():
            continue  # 15.03.2025, 10:30
        if nxt[:1] == "-" and nxt[1:2].isdigit():
            continue  # 14-15 қараша, 2005-2025
        raw = m.group("num")
        suf = m.group("suf") or ""
        if suf and _ORDINAL.search(suf) and suf.lstrip("-") in ("ші", "шы", "інші", "ыншы"):
            continue
        compact = raw
        if len(raw) > 3 and not raw[1:4].isdigit():
            compact = raw.replace(" ", "").replace("\u00a0", "").replace("\u202f", "") \
                .replace("\u2009", "")
        thousands = compact != raw
        try:
            value = float(compact.replace(",", "."))
        except ValueError:
            continue
        pct = bool(m.group("pct"))
        scale_word = m.group("scale") or ""
        mult = 1.0
        if scale_word:
            sw = scale_word.lower()
            for k, v in fr.scales:
                if sw.startswith(k):
                    mult = v
                    break
        currency = None
        if pre:
            currency = next((c for k, c in fr.currencies if k == pre), None)
        end = e
        # currency / percent word after the number or scale
        word, ws, we = _next_word(text, end)
        if not pct and word:
            low = word.lower()
            if low.startswith(fr.percent):
                pct, end = True, we
                word, ws, we = _next_word(text, end)
        if currency is None and not pct and word:
            low = word.lower()
            for k, c in fr.multi:  # "АҚШ доллары"
                if low == k[0] and text[ws:ws + len(k[1]) + 1].lower().replace("\u00a0", " ") \
                        .startswith(k[1]):
                    after = _WORD.match(text, ws + len(k[1]))
                    currency = c
                    end = after.end() if after else ws + len(k[1])
                    break
            else:
                for k in range(min(len(low), 8), 1, -1):
                    c = fr.words.get(low[:k])
                    if c:
                        currency, end = c, we
                        break
        if currency is None and not pct and text[end:end + 1] in ("$", "€", "₸", "£", "₽"):
            currency = next((c for k, c in fr.currencies if k == text[end]), None)
            end += 1
        qualifier = fr.before.get(_prev_word(text, s))
        word, ws, we = _next_word(text, end)
        aq = _after_qualifier(word, fr.after) if word else None
        if aq:
            qualifier = qualifier or aq
            end = we
            word, ws, we = _next_word(text, end)
        unit = None
        kind = "percent" if pct else "money" if currency else "count"
        if kind == "count" and word and not word[0].isupper():
            if _is_skip(word, fr.skip):
                if not scale_word:
                    continue  # a date or a duration: "9 айдың", "15 ноября"
            elif not word.lower().endswith(_VERB_END):
                unit, end = word, we
                if word.lower().endswith(_ADJ_END):
                    w2, _s2, e2 = _next_word(text, we)
                    if w2 and not w2[0].isupper() and not _is_skip(w2, fr.skip):
                        unit, end = text[ws:e2], e2
        if kind == "count" and not scale_word and not unit and not thousands:
            continue  # a bare number: list item, age, score…
        if (kind == "count" and not scale_word and not thousands and 1900 <= value <= 2100
                and value == int(value)):
            continue  # a year
        if kind == "percent":
            unit = "%"
        out.append(Figure(
            text=text[s:end], value=value * mult, kind=kind, unit=unit, currency=currency,
            qualifier=qualifier, span=(s, end), sentence=_sentence(text, s, end),
        ))
    return out
