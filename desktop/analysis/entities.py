"""Gazetteer matching: countries, people, organisations and sectors with spans and phrases.

One finditer over ONE compiled alternation per scan; the word start and the ending of
each match are checked here, in Python, which is far cheaper than a leading \\b.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress, repeat

from desktop.analysis.morph import valid_ru_tail, valid_tail
from desktop.analysis.rules import SEPARATORS, WORD_REST_RE, Rules, Scanner

_ADJ_TAILS = ("лық", "лік", "дық", "дік", "тық", "тік", "ск", "ийск", "lyq", "lik", "dyq", "dik")
_LETTERS = re.compile(r"[^\W\d_]+")
_HYPHEN_TAIL = re.compile(r"-([^\W\d_]{1,8})")
_CAP = "[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][a-zа-яёәғқңөұүһі’']+"
_NAME_PART = f"{_CAP}(?:-{_CAP})?"
_PERSON_AFTER_TITLE = re.compile(f"[ \u00a0]+({_NAME_PART})[ \u00a0]+({_NAME_PART})")
_LOWER_WORDS = re.compile("(?:[ \u00a0]+[a-zа-яёәғқңөұүһі’'-]+){0,2}")
# Russian adjective endings: "Генеральной Ассамблее", "Российской Федерации", "Старый
# Оскол" are no name (first names such as Андрей, Сергей, Дмитрий end in -ей, -ий, so those
# endings alone are not among them)
ADJ_ENDS = ("ной", "ской", "цкой", "ого", "его", "ому", "ему", "ых", "их", "ую", "ая", "ый")

# Words that are never part of a personal name, so that a capitalised pair holding one is
# no person ("Associated Press", "Манчестер Сити", "Le Golf", "Бас Ассамблеясын"). Kept
# here, not in the rule files: rules.py reads only the kinds, [titles] and [figures].
# Lowercase; a Latin word must equal one of them, a Cyrillic one may also carry a Kazakh
# ending ("Ассамблеясы", "Университетінің", "Клубқа"; not a Russian case ending, so that
# "Фонда" in "Джейн Фонда" and "Ньюсом" stay names).
ORG_NOUNS = frozenset("""
press assembly club city united fc group university college institute academy bank company
corporation corp inc ltd llc plc holdings partners ventures capital entertainment media news
times post agency foundation fund council committee party union association federation league
national international airlines airways motors energy technologies systems studios records
network hotel stadium street avenue center centre museum theatre theater hospital school
magazine journal radio tv
ассамблея сити юнайтед клуб банк групп груп университет колледж институт академия фонд
комитет совет агентство компания корпорация холдинг медиа пресс таймс пост стрит партия
ассоциация федерация лига фк
""".split())
# Articles, prepositions, conjunctions and pronouns: capitalised only at a sentence start
# ("На Байконуре", "Le Golf", "Big Boy"), never a first name
FUNCTION_WORDS = frozenset("""
the le la les los las der die of and big new
во на по из за до от для при но как что это так он она они мы вы
ол бұл осы сол мен біз сіз ал және
""".split())
# Russian forms of the organisation nouns in -а/-я: "Ассамблеи", "Академией"
_ORG_STEMS = frozenset(w[:-1] for w in ORG_NOUNS if w.endswith(("а", "я")) and len(w) > 5)
_RU_NOUN_TAILS = frozenset("а у ом ем е ой ою ей ею ы и ю я ь ью ам ям ами ями ах ях ов ев".split())
# after an organisation noun, a plural or derivation ending makes another word: "Пресслер"
# is a surname
_KK_DERIVED = ("лар", "лер", "дар", "дер", "тар", "тер", "лық", "лік", "дық", "дік", "тық",
               "тік", "шы", "ші")
# Kazakh possessive of a vowel stem with a case ending ("Ассамблея-сы-н", "палата-сы-ның"):
# a common noun's form, which a personal name does not take
_KK_POSS_CASE = ("сының", "сінің", "сына", "сіне", "сында", "сінде", "сынан", "сінен",
                 "сымен", "сімен", "сындағы", "сіндегі", "сын", "сін")


def is_latin(word: str) -> bool:
    """Whether a word is written in Latin letters (its first letter below U+0250)."""
    return word[:1] < "\u0250"


@lru_cache(maxsize=8192)
def not_name_word(word: str) -> bool:
    """Whether a capitalised word cannot be part of a personal name: a function word, an
    organisation noun (`ORG_NOUNS`, Cyrillic ones also with a Kazakh ending) or a Kazakh
    common noun with a possessive and a case ending ("Ассамблеясын")."""
    w = word.lower()
    if w in FUNCTION_WORDS or w in ORG_NOUNS:
        return True
    if is_latin(w):
        return False
    for end in _KK_POSS_CASE:
        if w.endswith(end) and len(w) - len(end) >= 3:
            return True
    for k in range(len(w) - 1, 3, -1):
        stem, tail = w[:k], w[k:]
        if (stem in ORG_NOUNS and tail not in _RU_NOUN_TAILS
                and not tail.startswith(_KK_DERIVED) and valid_tail(tail)):
            return True
        if (stem in _ORG_STEMS and tail in _RU_NOUN_TAILS
                and not w.endswith(_SURNAME_ENDS)):
            return True
    return False


def name_like(first: str, last: str) -> bool:
    """Two capitalised words that can be a name: one script, no adjective ending, no word
    that is never part of a name (`not_name_word`)."""
    return (is_latin(first) == is_latin(last) and not first.lower().endswith(ADJ_ENDS)
            and not not_name_word(first) and not not_name_word(last))


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

    The word is a rule surface plus the rest of the word (its ending). Endings that are not
    inflections resolve to None; an exclusion resolves to kind "exclude", which callers
    drop after it has claimed its words (`settle_overlaps`).
    """
    hm = scanner.head.match(word)
    if hm is None:
        return None
    e = hm.end()
    targets = scanner.lookup(hm.group())
    tail = word[e:]
    for t in targets:
        if t.policy == "any":
            end, hyph = len(word), False
        elif tail:
            if t.policy == "exact" or not (valid_ru_tail(tail) if t.policy == "stem"
                                           else valid_tail(tail)):
                continue  # a Russian stem takes Russian endings: "скот-а", not "Скот-та"
            end, hyph = len(word), False
        elif t.policy == "stem":
            continue  # a Russian stem alone ("Кита") is not a form of the name
        else:
            end, hyph = e, True
        if t.subtype == "exclude":  # kept as a hit: it also claims the other scan's words
            return ("exclude", t.id, "exclude", end, hyph, word[:end])
        sub = t.subtype
        if sub == "name" and tail and tail.lower().startswith(_ADJ_TAILS):
            sub = "adjective"  # Америкалық, қазақстандық: an adjective, not the name
        return (t.kind, t.id, sub, end, hyph, word[:end])
    return None


_WORD_REST = re.compile(WORD_REST_RE)
_CACHE_MAX = 100_000  # distinct word forms per scanner (a few MB), cleared when full
_MISSING = object()


Hit = tuple[int, int, str, str, str, str]  # start, end, kind, id, subtype, phrase


def _settle(scanner: Scanner, text: str, s: int, e: int, word: str, out: list[Hit],
            shift: int) -> None:
    """Resolve one matched word text[s:e] (s at the word, past any separator) into `out`."""
    cache = scanner.cache
    r = cache.get(word, _MISSING)
    if r is _MISSING:
        if len(cache) > _CACHE_MAX:
            cache.clear()
        r = cache[word] = _resolve(scanner, word)
    if r is None:
        return
    kind, id_, sub, end, hyph, phrase = r
    end += s
    if hyph and end == e and text[e:e + 1] == "-":
        hm = _HYPHEN_TAIL.match(text, e)
        if hm and hm.group(1).islower() and valid_tail(hm.group(1)):
            end = hm.end()
            phrase = text[s:end]
    out.append((s - shift, end - shift, kind, id_, sub, phrase))


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
    head, rest = scanner.head.match, _WORD_REST.match
    if lower:  # the surface after a separator; the match starts at the separator
        assert scanner.start is not None
        done = 0  # matches do not overlap: the next separator is after the last match
        for m in scanner.start.finditer(text):
            s = m.end()
            if s <= done or (hm := head(text, s)) is None:
                continue
            done = e = rest(text, hm.end()).end()
            _settle(scanner, text, s, e, text[s:e], out, shift)
        return out
    search = scanner.head.search
    pos = 0
    while (hm := search(text, pos)) is not None:
        s = hm.start()
        pos = e = rest(text, hm.end()).end()
        if s and text[s - 1].isalnum():
            continue
        _settle(scanner, text, s, e, text[s:e], out, shift)
    return out


def _dedup(hits: list[Hit]) -> list[Hit]:
    """Drop a hit inside an earlier hit with the same kind and id; `hits` sorted by start."""
    kept: list[Hit] = []
    maxend = -1
    for h in hits:  # the two scans may both see one phrase ("Консультативтік кездесуіне")
        if h[0] < maxend and any(k[1] > h[0] and k[3] == h[3] and k[2] == h[2] for k in kept):
            continue
        if h[1] > maxend:
            maxend = h[1]
        kept.append(h)
    return kept


def scan_all(text: str, scanners) -> list[Hit]:
    """Matches of several scanners, in text order."""
    out: list[Hit] = []
    for sc in scanners:
        out += scan(text, sc)
    if len(scanners) < 2 or len(out) < 2:
        return out
    out.sort()
    return _dedup(out)


_EMPTY: tuple = ()
_UNSEEN = object()  # truthy: a token not in the cache yet goes through the loop
_TOKEN_CACHE_MAX = 200_000  # distinct whitespace-separated tokens (~20 MB), cleared when full
# What str.split() splits on, as a set: a membership test is cheaper than str.isspace().
_SPACE_CHARS = frozenset(chr(c) for c in range(0x3001) if chr(c).isspace())
_SPACE_RE_CHARS = frozenset(" \t\u00a0\u202f")  # what SPACE_RE joins words of a surface with


@dataclass(frozen=True)
class _Detail:
    """What the two gazetteer scans find inside one token alone (spans relative to it)."""

    cap: tuple[Hit, ...]
    low: tuple[Hit, ...]
    # how the next word must start for a multi-word surface to run on past the token
    cap_multi: tuple[str, ...]
    low_multi: tuple[str, ...]
    cap_starts: tuple[int, ...]  # where a match of the capitalised scan can begin
    low_starts: tuple[int, ...]  # the separator before a lowercase match (-1: before the token)
    both: tuple[Hit, ...] = ()  # cap + low, sorted


def _detail(tok: str, rules: Rules) -> _Detail | None:
    cap_sc, low_sc = rules.cap_scan, rules.low_scan
    # Most new tokens contain no first word of any surface: one search each rules them out.
    if cap_sc is not None and (cap_sc.quick is None or cap_sc.quick.search(tok)):
        cap, cap_multi = scan(tok, cap_sc), cap_sc.continuations(tok)
    else:
        cap, cap_multi = [], ()
    if low_sc is not None and (low_sc.quick is None or low_sc.quick.search(" " + tok)):
        low, low_multi = scan(tok, low_sc), low_sc.continuations(tok)
    else:
        low, low_multi = [], ()
    if not (cap or low or cap_multi or low_multi):
        return None
    cap_starts = tuple(
        q for q, ch in enumerate(tok)
        if (not q or not tok[q - 1].isalnum()) and cap_sc is not None and ch in cap_sc.firsts
    )
    low_starts = tuple(
        q for q in range(-1, len(tok) - 1)
        if (q < 0 or tok[q] in SEPARATORS) and low_sc is not None and tok[q + 1] in low_sc.firsts
    )
    return _Detail(tuple(cap), tuple(low), cap_multi, low_multi, cap_starts, low_starts,
                   tuple(sorted(cap + low)))


def _learn(toks: list[str], rules: Rules) -> None:
    """Cache what each token of `toks` not cached yet holds, new tokens tested together.

    Real text brings many words never seen before, and nearly all of them contain no first
    word of any surface. One search of each scanner's `quick` pattern over all new tokens
    joined by line breaks (which no surface crosses) finds the few that do, in C; only
    those go through `_detail`, the rest are cached as holding nothing.
    """
    tc = rules.token_cache
    new = [t for t in dict.fromkeys(toks) if t not in tc]
    if not new:
        return
    joined = "\n" + "\n".join(new)
    rfind, find = joined.rfind, joined.find
    maybe: set[str] = set()
    for sc in (rules.cap_scan, rules.low_scan):
        if sc is None:
            continue
        if sc.quick is None:
            maybe.update(new)
            break
        done = -1  # the end of the last token taken: later matches in it add nothing
        for m in sc.quick.finditer(joined):
            at = m.end()  # inside the token the match is in (a lower match starts before it)
            if at <= done:
                continue
            done = find("\n", at) % (len(joined) + 1)
            maybe.add(joined[rfind("\n", 0, at) + 1:done])
    tc.update(dict.fromkeys(new, _EMPTY))
    for tok in maybe:
        tc[tok] = _detail(tok, rules) or _EMPTY


def _scan_at(scanner: Scanner, text: str, base: int, starts: tuple[int, ...], consumed: int,
             out: list[Hit]) -> int:
    """Match the scanner in `text` (padded with one leading space) at base + each start not
    inside an earlier match, as the whole-text scan does; returns where the last one ended."""
    head, rest = scanner.head.match, _WORD_REST.match
    lower = scanner.lower
    for q in starts:
        q += base
        if q < consumed:
            continue
        s = q + 1 if lower else q  # a lower start is the separator before the word
        if lower and scanner.start.match(text, q) is None:
            continue
        hm = head(text, s)
        if hm is None:
            continue
        consumed = e = rest(text, hm.end()).end()
        _settle(scanner, text, s, e, text[s:e], out, 1)
    return consumed


def _runs_on(padded: str, j: int, nexts: tuple[str, ...]) -> bool:
    """Whether the text after a token ending at padded[j] may continue one of its multi-word
    surfaces: one joining space, then a word starting as one of `nexts`."""
    if not nexts or padded[j] not in _SPACE_RE_CHARS or j + 1 >= len(padded):
        return False  # a line break or the end of the text: no surface runs on
    return padded[j + 1] in _SPACE_RE_CHARS or padded.startswith(nexts, j + 1)


def _in_place(d: _Detail, rules: Rules, padded: str, i: int, j: int, cap_end: int,
              low_end: int) -> tuple[list[Hit], int, int]:
    """Hits of the token padded[i:j] where a multi-word match may start or an earlier one
    ran on: (sorted hits in text positions, new cap_end, new low_end)."""
    out: list[Hit] = []
    if cap_end > i or _runs_on(padded, j, d.cap_multi):
        cap_end = _scan_at(rules.cap_scan, padded, i, d.cap_starts, cap_end, out)
    else:
        out += [(h[0] + i - 1, h[1] + i - 1, h[2], h[3], h[4], h[5]) for h in d.cap]
    if low_end > i - 1 or _runs_on(padded, j, d.low_multi):
        low_end = _scan_at(rules.low_scan, padded, i, d.low_starts, low_end, out)
    else:
        out += [(h[0] + i - 1, h[1] + i - 1, h[2], h[3], h[4], h[5]) for h in d.low]
    out.sort()
    return out, cap_end, low_end


Group = tuple[int, tuple[Hit, ...] | list[Hit]]  # (offset to add, hits sorted by start)


def gazetteer_groups(text: str, rules: Rules) -> list[Group]:
    """Both gazetteer scans over `text`: groups of hits, one per token, in text order.

    Rule surfaces hold nothing but single spaces between words, so a match lies inside one
    whitespace-separated token unless a multi-word surface starts in it. Each distinct
    token is scanned once and its hits cached relative to the token, so an article costs
    one dictionary lookup per token. Tokens where a multi-word surface may start and the
    next word may continue it, or where such a match ran on, are matched in place. The
    result equals scanning the whole text with each scanner and sorting the hits
    (tests/analysis/test_token_scan.py checks this on recombined seed text), except that
    a multi-word name glued to the end of another word ("XШавкат Мирзиёев") no longer
    swallows the next word: only matches that start a word are tried in place.
    """
    out: list[Group] = []
    if not text or (rules.cap_scan is None and rules.low_scan is None):
        return out
    tc = rules.token_cache
    if len(tc) > _TOKEN_CACHE_MAX:
        tc.clear()
    get = tc.get
    padded = " " + text + " "  # a separator around every token; positions shift by one
    find = padded.find
    spaces = _SPACE_CHARS
    pos = 0
    cap_end = low_end = 0  # where the last in-place match of each scan ended
    busy = 1  # a token starting before this is inside an in-place match
    toks = text.split()
    # compress/map run in C: only tokens with hits (or not seen yet) reach Python
    for tok in compress(toks, map(get, toks, repeat(_UNSEEN))):
        ent = get(tok)
        if ent is None:  # the first new token: learn every new token of the text at once
            _learn(toks, rules)
            ent = get(tok)
            if not ent:
                continue
        n = len(tok)
        i = find(tok, pos)
        while padded[i - 1] not in spaces or padded[i + n] not in spaces:
            i = find(tok, i + 1)  # an occurrence inside another token: not this one
        pos = j = i + n
        if i >= busy and (not (ent.cap_multi or ent.low_multi) or not (
                _runs_on(padded, j, ent.cap_multi) or _runs_on(padded, j, ent.low_multi))):
            if ent.both:  # no multi-word surface continues here: the token's own hits
                out.append((i - 1, ent.both))
            continue
        hits, cap_end, low_end = _in_place(ent, rules, padded, i, j, cap_end, low_end)
        busy = max(cap_end, low_end + 1)
        if hits:
            out.append((0, hits))
    return out


def gazetteer_hits(text: str, rules: Rules) -> list[Hit]:
    """Both gazetteer scans over `text` as (start, end, kind, id, subtype, phrase), sorted."""
    return [(h[0] + b, h[1] + b, h[2], h[3], h[4], h[5])
            for b, hs in gazetteer_groups(text, rules) for h in hs]


def overlap_test(spans: list[tuple[int, int]]) -> Callable[[int, int], bool]:
    """A test whether (s, e) overlaps any of `spans` (sorted by start), by bisection."""
    starts = [a for a, _b in spans]
    maxends = list(accumulate((b for _a, b in spans), max))  # furthest end among spans[:i+1]

    def overlaps(s: int, e: int) -> bool:
        i = bisect_left(starts, e)  # spans[:i] start before e; one of them overlaps if
        return bool(i) and maxends[i - 1] > s  # the furthest end among them passes s

    return overlaps


BRIDGE_KINDS = ("country", "org")  # what may stand between a title and a name
_OBLIQUE = ("ом", "ем", "ым", "ой", "ей", "у", "ю", "е", "ами", "ями", "ах", "ях", "ам", "ям")

# Apposition: "Майк Куп, президент Сейнсбери", "Майкл Стил, бывший председатель …": a name,
# a comma, up to two lowercase words ("бывший", "коммерческий", "former", "экс-"), a title.
_APPOS_REACH = 40  # how far before a title its comma may stand
_NAME_REACH = 64  # how far before the comma the name may start
_LOW = "a-zа-яёәғқңөұүһі’'"
_APPOS_GAP = re.compile(f"[ \u00a0]+(?:[{_LOW}-]+[ \u00a0]+){{0,2}}(?:[{_LOW}]+-)?")
# The name ending at the comma, matched on the reversed text before it (so the match is
# anchored and costs the name's length, not the window's): surname, then first name. A
# capitalised word before them makes the name longer ("Кристин Блейси Форд") or another
# name's end: not taken.
_REV_CAP = "[a-zа-яёәғқңөұүһі’']+[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]"
_REV_PART = f"{_REV_CAP}(?:-{_REV_CAP})?"
_NAME_BEFORE_REV = re.compile(f"({_REV_PART})[ \u00a0]+({_REV_PART})")
_WORD_BEFORE_REV = re.compile("[ \u00a0]+[\\w’'-]*")  # the word before the name, reversed
# words that make what follows the comma a clause or a list, not an apposition
_CLAUSE_WORDS = frozenset("""
и а но или где когда что чтобы как который которая которое которые которого которой если
хотя также тоже даже ведь же ли бы не это он она они его её ее их
және бірақ ал немесе егер ол мен бұл
and but or where when who whose which while that if as not he she they his her its
""".split())
_KK_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
_MAYBE_OBLIQUE = ("а", "я", "ы", "и")  # "президента", "главы": or a nominative ("глава")
_RU_OBLIQUE_TITLE = (*_OBLIQUE, "ого", "ых", "их")

Name = tuple[str, str, int, int, int]  # first name, surname, start, end, surname start


def _after_title(text: str, t: Hit, overlaps, span_at: dict[int, int]) -> Name | None:
    """The name right after title `t` ("сарапшы Расул Рысмамбетов"), or after lowercase
    words and countries or organisations ("министр энергетики России Александр Новак")."""
    m = _PERSON_AFTER_TITLE.match(text, t[1])
    if m is None or overlaps(m.start(1), m.end(2)):
        if not span_at or t[5].endswith(_OBLIQUE):
            return None
        p = _LOWER_WORDS.match(text, t[1]).end()
        bridged = False
        while True:  # one or more countries or organisations after the lowercase words
            q = p
            while text[q:q + 1] in (" ", "\u00a0"):
                q += 1
            nxt = span_at.get(q)
            if nxt is None or q == p:
                break
            p, bridged = nxt, True
        m = _PERSON_AFTER_TITLE.match(text, p) if bridged else None
        if m is None or overlaps(m.start(1), m.end(2)):
            return None
    return m.group(1), m.group(2), m.start(1), m.end(2), m.start(2)


def _before_title(text: str, t: Hit, overlaps) -> Name | None:
    """The name in apposition before title `t` ("Гай Сесил, директор …"), or None.

    Looks back from the title only: the last comma within `_APPOS_REACH` characters, at
    most two lowercase words (none of them a conjunction or pronoun, `_CLAUSE_WORDS`)
    between it and the title, and exactly two capitalised words (not a third before them)
    ending at the comma. In Russian the name takes the title's case ("Майка Купа,
    президента"), so a title in an oblique case is skipped, and one ending in -а/-я/-ы/-и
    ("президента", "главы", but also "глава") only when the first name does not end so
    too; Kazakh (a Kazakh letter in the name, words or title) does not inflect the name.
    """
    t0 = t[0]
    c = text.rfind(",", t0 - _APPOS_REACH if t0 > _APPOS_REACH else 0, t0)
    if c < 3 or not text[c - 1].isalpha() or _APPOS_GAP.fullmatch(text, c + 1, t0) is None:
        return None
    lo = c - _NAME_REACH if c > _NAME_REACH else 0
    back = text[lo:c][::-1]
    m = _NAME_BEFORE_REV.match(back)
    if m is None:
        return None
    w = _WORD_BEFORE_REV.match(back, m.end())
    if w is not None and w.group().rstrip("-’'")[-1:].isupper():
        return None  # a capitalised word before: a longer name, or another name's end
    s, e, ls = c - m.end(2), c, c - m.end(1)
    if s and (text[s - 1].isalnum() or text[s - 1] in "-’'"):
        return None  # the name starts inside a word ("McDonald")
    if overlaps(s, e):
        return None
    if c + 1 < t0 and not _CLAUSE_WORDS.isdisjoint(text[c + 1:t0].lower().split()):
        return None
    first = text[s:ls].rstrip(" \u00a0")
    if _KK_LETTERS.isdisjoint(text[s:t[1]]):
        title = t[5].lower()
        if title.endswith(_RU_OBLIQUE_TITLE) or (
                title.endswith(_MAYBE_OBLIQUE) and first.endswith(_MAYBE_OBLIQUE)):
            return None
    return first, text[ls:e], s, e, ls


def titled_people(text: str, titles: list[Hit], taken: list[tuple[int, int]],
                  bridges: dict[int, int] | None = None, overlaps=None) -> list[Hit]:
    """People introduced by a title word ("сарапшы Расул Рысмамбетов"), not in the gazetteer.

    `titles` (hits) and `taken` (spans of the other hits) are sorted by start; a title
    inside an earlier title ("министр" in "Премьер-министр") is skipped, and a name
    overlapping any other hit is not a new person. Between the title and the name there
    may be up to two lowercase words followed by countries or organisations (`bridges`:
    their start -> end), as Russian writes it ("министр энергетики России Александр
    Новак", "госсекретарь США Майк Помпео"), unless the title is in an oblique case
    ("с министром … Риком Перри": the name would be inflected too). A title with no name
    after it may follow the name it describes, after a comma ("Гай Сесил, директор
    Priorities USA"; `_before_title`).
    """
    out: list[Hit] = []
    if overlaps is None:  # the caller may bring the test of `taken` already made
        overlaps = overlap_test(taken)
    span_at = bridges or {}
    last_title_end = -1
    named: set[int] = set()  # where the names found so far start: none is found twice
    for t in titles:
        if t[0] < last_title_end:
            continue
        last_title_end = t[1]
        n = _after_title(text, t, overlaps, span_at)
        if n is None or not name_like(n[0], n[1]):
            n = _before_title(text, t, overlaps)
            if n is None or n[2] in named or not name_like(n[0], n[1]):
                continue
        named.add(n[2])
        _add_titled(out, text, *n)
    return out


def _add_titled(out: list[Hit], text: str, first: str, last: str, s: int, e: int,
                last_at: int) -> None:
    """Add the person named `first last` at text[s:e] and the later mentions of the surname
    ("— деді Рысмамбетов") to `out`."""
    surname = surname_stem(last, text, last_at)
    name = f"{first} {surname}"
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
            f = text.rfind(first, max(0, i - len(first) - 2), i)
            out.append((f if f >= 0 else i, j, "person", pid, "titled", name))
        pos = j


# Kazakh endings that no foreign name spelt in Kazakh ends in, and where the instrumental
# -мен/-бен/-пен stands: after these final letters of the stem
_KK_MARKS = frozenset("ңғқ")
_INSTRUMENTAL = {"мен": "аеиоуыэюяёлмнңрй", "бен": "зж", "пен": "пткқсшфхцчщбвгд"}
_FEMININE_ENDS = ("ова", "ева", "ёва", "ина", "ына")
_SURNAME_ENDS = ("ов", "ев", "ёв", "ин", "ын", "ова", "ева", "ина", "ский", "ская", "ұлы",
                 "қызы", "ян", "енко", "дзе", "швили")


@lru_cache(maxsize=8192)
def normalise_surname(word: str) -> str:
    """Strip a case ending from a surname: Белгібаевтың → Белгібаев, Назарова → Назаров;
    a feminine form with an ending too (Назароваға → Назаров), so that one woman has one
    id whatever the case."""
    for i in range(len(word) - 1, 2, -1):
        stem, tail = word[:i], word[i:]
        if stem.endswith(_SURNAME_ENDS) and valid_tail(tail):
            if stem.endswith(_FEMININE_ENDS) and stem[:-1].endswith(_SURNAME_ENDS):
                return stem[:-1]
            return stem
    return word


def surname_stem(word: str, text: str, at: int) -> str:
    """A surname without its case ending: `normalise_surname`, else (a foreign name, such
    as Кларктың or Джонсқа) the longest stem that `text` also shows in another form, bare
    or with another ending ("Кларк мырза", "Кларкқа"; a one-letter ending only beside the
    bare stem: Грэма and Грэм); `at` is where `word` stands."""
    w = normalise_surname(word)
    if w != word:
        return w
    for k in range(len(word) - 1, 3, -1):  # a tail of 1+ letters, a stem of 4+
        stem, tail = word[:k], word[k:]
        if not tail.islower() or not valid_tail(tail):
            continue
        i = text.find(stem)
        while i >= 0:
            if i != at and (not i or not text[i - 1].isalpha()):
                lm = _LETTERS.match(text, i + k)
                rest = lm.group() if lm else ""
                # a one-letter ending (Russian Грэма) only where the bare stem stands too
                if rest != tail and (not rest or (len(tail) > 1 and valid_tail(rest))):
                    return stem
            i = text.find(stem, i + 1)
    # Not confirmed by the text: a Kazakh ending holding ң, ғ or қ (genitive -ның/-тың,
    # dative -ға/-қа, -дағы…) on a stem without Kazakh letters is still an ending: a
    # foreign name spelt in Kazakh never ends in those letters (Джонсқа → Джонс).
    if _KK_LETTERS.isdisjoint(word):
        # the instrumental -мен/-бен/-пен has no such letter: it counts where Kazakh puts
        # it, after a vowel or sonorant (Перримен, Норенмен), з/ж (-бен) or a voiceless
        # consonant, a final б/в/г/д devoiced (Джонспен, Резерфордпен), on a stem of 5+
        # letters (Стилмен, Фримен stay as written)
        stem, tail = word[:-3], word[-3:]
        if len(stem) >= 5 and _INSTRUMENTAL.get(tail, "").find(stem[-1].lower()) >= 0:
            return stem
        return word
    for k in range(4, len(word) - 1):  # the longest such ending, a stem of 4+
        stem, tail = word[:k], word[k:]
        if (not _KK_MARKS.isdisjoint(tail) and tail.islower() and _KK_LETTERS.isdisjoint(stem)
                and valid_tail(tail)):
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


@lru_cache(maxsize=8192)
def slug(name: str) -> str:
    """An id for a person found by pattern: "Расул Рысмамбетов" → "rasul-rysmambetov"."""
    return re.sub(r"[^a-z0-9]+", "-", translit(name)).strip("-")


def settle_overlaps(hits: list[Hit]) -> list[Hit]:
    """Resolve overlaps between the two scans; `hits` sorted by start.

    Within one scan the longest match starting first consumes its words. The capitalised
    and the lowercase scan run separately, so across them: a hit starting inside an earlier
    kept hit is dropped ("корейлік" inside "Солтүстік корейлік"), an exclusion claims the
    other scan's words too (the "США" inside "долларов США"), and an exclusion starting
    inside an earlier kept hit claims nothing. Kept exclusions stay in the result (kind
    "exclude") so that their words are not taken for a name either; callers drop them.
    """
    out: list[Hit] = []
    end = -1
    for h in hits:
        if h[0] >= end:
            end = h[1]
            out.append(h)
    return out


def mention(h: Hit) -> Mention:
    """A hit tuple as a Mention object."""
    return Mention(h[2], h[3], h[4], (h[0], h[1]), h[5])
