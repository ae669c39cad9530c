"""Gazetteer matching: countries, people, organisations and sectors with spans and phrases.

One finditer over ONE compiled alternation per scan; the word start and the ending of
each match are checked here, in Python, which is far cheaper than a leading \\b.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.analysis.morph import valid_tail
from desktop.analysis.rules import Rules, Scanner, Target

_ADJ_TAILS = ("лық", "лік", "дық", "дік", "тық", "тік", "ск", "ийск", "lyq", "lik", "dyq", "dik")
_LETTERS = re.compile(r"[^\W\d_]+")
_HYPHEN_TAIL = re.compile(r"-([^\W\d_]{1,8})")
_CAP = "[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][a-zа-яёәғқңөұүһі’']+"
_NAME_PART = f"{_CAP}(?:-{_CAP})?"
_PERSON_AFTER_TITLE = re.compile(f"[ \u00a0]+({_NAME_PART})[ \u00a0]+({_NAME_PART})")


@dataclass
class Mention:
    """One match: what it means, where, and the words as written."""

    kind: str
    id: str
    subtype: str
    span: tuple[int, int]
    phrase: str


def scan(text: str, scanner: Scanner | None) -> list[Mention]:
    """All rule matches of one scanner in `text`; exclusions and bad endings dropped."""
    out: list[Mention] = []
    if scanner is None or not text:
        return out
    shift = 0
    if scanner.lower and text[0].islower():
        text, shift = " " + text, 1
    lookup = scanner.lookup
    letters = _LETTERS.match
    lower = scanner.lower
    n = len(text)
    for m in scanner.regex.finditer(text):
        s, e = m.span()
        if lower:
            s += 1
            surface = m.group()[1:]
        else:
            if s and text[s - 1].isalnum():
                continue
            surface = m.group()
        targets = lookup(surface)
        if not targets:
            continue
        tail = ""
        end_any = e
        if e < n and text[e].isalpha():
            lm = letters(text, e)
            tail = lm.group()
            end_any = lm.end()
        hyph = None
        if not tail and e < n and text[e] == "-":
            hm = _HYPHEN_TAIL.match(text, e)
            if hm and hm.group(1).islower() and valid_tail(hm.group(1)):
                hyph = hm.end()
        for t in targets:
            if t.policy == "any":
                end = end_any
            elif tail:
                if t.policy == "exact" or not valid_tail(tail):
                    continue
                end = end_any
            else:
                end = hyph or e
            if t.subtype == "exclude":
                break
            sub = t.subtype
            if sub == "name" and tail and tail.lower().startswith(_ADJ_TAILS):
                sub = "adjective"  # Америкалық, қазақстандық: an adjective, not the name
            out.append(Mention(t.kind, t.id, sub, (s - shift, end - shift), text[s:end]))
            break
    return out


def scan_all(text: str, scanners) -> list[Mention]:
    """Matches of several scanners, in text order."""
    out: list[Mention] = []
    for sc in scanners:
        out += scan(text, sc)
    out.sort(key=lambda m: m.span)
    kept: list[Mention] = []
    last: dict[tuple[str, str], int] = {}
    for m in out:  # the two scans may both see one phrase ("Консультативтік кездесуіне")
        key = (m.kind, m.id)
        if last.get(key, -1) > m.span[0]:
            continue
        last[key] = m.span[1]
        kept.append(m)
    return kept


def titled_people(text: str, titles: list[Mention], taken: list[tuple[int, int]]) -> list[Mention]:
    """People introduced by a title word ("сарапшы Расул Рысмамбетов"), not in the gazetteer."""
    out: list[Mention] = []
    for t in titles:
        m = _PERSON_AFTER_TITLE.match(text, t.span[1])
        if not m:
            continue
        s, e = m.start(1), m.end(2)
        if any(a < e and s < b for a, b in taken):
            continue
        surname = normalise_surname(m.group(2))
        name = f"{m.group(1)} {surname}"
        pid = slug(name)
        out.append(Mention("person", pid, "titled", (s, e), name))
        pos = e
        while len(surname) >= 4:  # later mentions by surname: "— деді Рысмамбетов"
            i = text.find(surname, pos)
            if i < 0:
                break
            j = i + len(surname)
            lm = _LETTERS.match(text, j)
            if lm:
                j = lm.end()
            if (not i or not text[i - 1].isalpha()) and valid_tail(text[i + len(surname):j]):
                first = text.rfind(m.group(1), max(0, i - len(m.group(1)) - 2), i)
                out.append(Mention("person", pid, "titled", (first if first >= 0 else i, j), name))
            pos = j
    return out


_SURNAME_ENDS = ("ов", "ев", "ёв", "ин", "ын", "ова", "ева", "ина", "ский", "ская", "ұлы",
                 "қызы", "ян", "енко", "дзе", "швили")


def normalise_surname(word: str) -> str:
    """Strip a case ending from a surname: Белгібаевтың → Белгібаев, Назарова → Назаров."""
    for i in range(len(word) - 1, 2, -1):
        stem, tail = word[:i], word[i:]
        if stem.endswith(_SURNAME_ENDS) and valid_tail(tail):
            return stem
    return word


_TR = str.maketrans({
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "yo",
    "ж": "zh", "з": "z", "и": "i", "й": "y", "к": "k", "қ": "k", "л": "l", "м": "m", "н": "n",
    "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u",
    "ү": "u", "ф": "f", "х": "kh", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "", "ы": "y", "і": "i", "ь": "", "э": "e", "ю": "yu", "я": "ya",
})


def translit(s: str) -> str:
    """Plain ASCII transliteration of Kazakh/Russian Cyrillic (for ids and comparisons)."""
    return s.lower().translate(_TR)


def slug(name: str) -> str:
    """An id for a person found by pattern: "Расул Рысмамбетов" → "rasul-rysmambetov"."""
    return re.sub(r"[^a-z0-9]+", "-", translit(name)).strip("-")


def entity_mentions(text: str, rules: Rules) -> list[Mention]:
    """Every rule match in `text`: countries, people (gazetteer + titled), orgs, sectors."""
    ms = scan_all(text, (rules.cap_scan, rules.low_scan))
    titles = [m for m in ms if m.kind == "title"]
    ms = [m for m in ms if m.kind != "title"]
    if titles:
        ms += titled_people(text, titles, [m.span for m in ms])
    return ms


def target_of(t: Target) -> tuple[str, str]:
    return t.kind, t.id
