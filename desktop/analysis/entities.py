"""Gazetteer matching: countries, people, organisations and sectors with spans and phrases.

One finditer over ONE compiled alternation per scan; the word start and the ending of
each match are checked here, in Python, which is far cheaper than a leading \\b.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from desktop.analysis.morph import valid_tail
from desktop.analysis.rules import Rules, Scanner

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


def _resolve(scanner: Scanner, word: str) -> tuple[str, str, str, int, bool, str] | None:
    """What one matched word means: (kind, id, subtype, end in word, may take -suffix, phrase).

    The word is a rule surface plus the rest of the word (its ending). Exclusions and
    endings that are not inflections resolve to None.
    """
    hm = scanner.head.match(word) if scanner.head is not None else None
    if hm is None:
        return None
    e = hm.end()
    targets = scanner.lookup(hm.group())
    tail = word[e:]
    for t in targets:
        if t.policy == "any":
            end, hyph = len(word), False
        elif tail:
            if t.policy == "exact" or not valid_tail(tail):
                continue
            end, hyph = len(word), False
        else:
            end, hyph = e, True
        if t.subtype == "exclude":
            return None
        sub = t.subtype
        if sub == "name" and tail and tail.lower().startswith(_ADJ_TAILS):
            sub = "adjective"  # Америкалық, қазақстандық: an adjective, not the name
        return (t.kind, t.id, sub, end, hyph, word[:end])
    return None


_CACHE_MAX = 100_000  # distinct word forms per scanner (a few MB), cleared when full
_MISSING = object()


Hit = tuple[int, int, str, str, str, str]  # start, end, kind, id, subtype, phrase


def scan(text: str, scanner: Scanner | None) -> list[Hit]:
    """All rule matches of one scanner in `text`; exclusions and bad endings dropped.

    Each match covers a rule surface and the rest of its word; its meaning is looked up in
    the scanner's cache, so ending analysis runs once per distinct word form.
    """
    out: list[Hit] = []
    if scanner is None or not text:
        return out
    shift = 0
    lower = scanner.lower
    if lower and text[0].islower():
        text, shift = " " + text, 1
    cache = scanner.cache
    if len(cache) > _CACHE_MAX:
        cache.clear()
    get = cache.get
    find = text.find
    pos = 0
    # findall (strings only, no match objects) + find: the leftmost occurrence of a matched
    # string at or after the previous match is that match (an earlier one would have matched)
    for word in scanner.regex.findall(text):
        s = find(word, pos)
        pos = e = s + len(word)
        if lower:
            s += 1
        elif s and text[s - 1].isalnum():
            continue
        r = get(word, _MISSING)
        if r is _MISSING:
            r = cache[word] = _resolve(scanner, word[1:] if lower else word)
        if r is None:
            continue
        kind, id_, sub, end, hyph, phrase = r
        end += s
        if hyph and end == e and text[e:e + 1] == "-":
            hm = _HYPHEN_TAIL.match(text, e)
            if hm and hm.group(1).islower() and valid_tail(hm.group(1)):
                end = hm.end()
                phrase = text[s:end]
        out.append((s - shift, end - shift, kind, id_, sub, phrase))
    return out


def scan_all(text: str, scanners) -> list[Hit]:
    """Matches of several scanners, in text order."""
    out: list[Hit] = []
    for sc in scanners:
        out += scan(text, sc)
    if len(scanners) < 2 or len(out) < 2:
        return out
    out.sort()
    kept: list[Hit] = []
    maxend = -1
    for h in out:  # the two scans may both see one phrase ("Консультативтік кездесуіне")
        if h[0] < maxend and any(k[1] > h[0] and k[3] == h[3] and k[2] == h[2] for k in kept):
            continue  # inside an earlier hit with the same kind and id
        if h[1] > maxend:
            maxend = h[1]
        kept.append(h)
    return kept


def titled_people(text: str, titles: list[Hit], taken: list[Hit]) -> list[Hit]:
    """People introduced by a title word ("сарапшы Расул Рысмамбетов"), not in the gazetteer.

    `titles` and `taken` are sorted by start; a title inside an earlier title ("министр" in
    "Премьер-министр") is skipped, and a name overlapping any other hit is not a new person.
    """
    out: list[Hit] = []
    starts: list[int] = []
    maxends: list[int] = []  # maxends[i]: the furthest end among taken[:i + 1]
    furthest = -1
    for h in taken:
        if h[2] == "title":
            continue
        starts.append(h[0])
        if h[1] > furthest:
            furthest = h[1]
        maxends.append(furthest)
    last_title_end = -1
    for t in titles:
        if t[0] < last_title_end:
            continue
        last_title_end = t[1]
        m = _PERSON_AFTER_TITLE.match(text, t[1])
        if not m:
            continue
        s, e = m.start(1), m.end(2)
        i = bisect_left(starts, e)  # taken[:i] start before e; one of them overlaps if
        if i and maxends[i - 1] > s:  # the furthest end among them passes s
            continue
        surname = normalise_surname(m.group(2))
        name = f"{m.group(1)} {surname}"
        pid = slug(name)
        out.append((s, e, "person", pid, "titled", name))
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
                out.append((first if first >= 0 else i, j, "person", pid, "titled", name))
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


def entity_hits(text: str, rules: Rules, dedup: bool = True) -> list[Hit]:
    """Every rule match in `text` as (start, end, kind, id, subtype, phrase) tuples.

    Gazetteer hits come sorted by start, titled people after them. With `dedup=False` a hit
    inside an earlier hit with the same kind and id (both scans can see one phrase) is
    left in, for callers that drop it themselves while grouping (the pipeline does).
    """
    if dedup:
        hits = scan_all(text, (rules.cap_scan, rules.low_scan))
    else:
        hits = scan(text, rules.cap_scan) + scan(text, rules.low_scan)
        hits.sort()
    titles = [h for h in hits if h[2] == "title"]
    if titles:
        people = titled_people(text, titles, hits)
        hits = [h for h in hits if h[2] != "title"]
        hits += people
    return hits


def mention(h: Hit) -> Mention:
    """A hit tuple as a Mention object."""
    return Mention(h[2], h[3], h[4], (h[0], h[1]), h[5])


def entity_mentions(text: str, rules: Rules) -> list[Mention]:
    """Every rule match in `text`: countries, people (gazetteer + titled), orgs, sectors."""
    return [mention(h) for h in entity_hits(text, rules)]
