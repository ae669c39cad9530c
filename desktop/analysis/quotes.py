"""Quotes: «…» and dash-introduced speech, with the speaker when the text names one.

Speakers come from the words after the speech verb (`— деді Расул Рысмамбетов`,
`- сказал глава Казахстана`, `сообщил Токаев`) or, for «…» without such a tail, from
the same sentence before the quote (`Мирзиёев подчеркнул: «…»`). A role noun
("сарапшы", "эксперт") points to the expert named earlier; "ол"/"он" to the last speaker.
"""

from __future__ import annotations

import re
from itertools import islice

from desktop.analysis.entities import (
    Mention,
    name_like,
    normalise_surname,
    not_name_word,
    overlap_test,
    scan_all,
    surname_stem,
)
from desktop.analysis.model import Quote

_VERBS = (
    "деп|деді|дейді|деген|депті|"
    "сказал|сказала|отметил|отметила|подчеркнул|подчеркнула|заявил|заявила|сообщил|сообщила|"
    "добавил|добавила|пояснил|пояснила|считает|говорит|констатировал|резюмировал|уточнил|"
    "said|added|noted|stressed|told"
)
# One regex per dash: a literal first character lets the engine skip ahead in C (a
# character class at the start is tested at every position, several times slower).
_CUES = tuple(re.compile(rf"{d}[ \u00a0]*(?:{_VERBS})(?![^\W\d_])") for d in "—–-")
_PUNCT = ",.!?…"
_EM_LINE = re.compile("\n[ \t]*—[ \u00a0]+")
_DASH_START = re.compile(r"[ \t\u00a0]*[—–-][ \u00a0]+")
_CAP_WORDS = re.compile(
    "[ \u00a0]*((?:[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][a-zа-яёәғқңөұүһі’'-]+[ \u00a0]?){1,3})"
)
_WORD = re.compile(r"[^\W\d_]+")
_CAP = "[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][a-zа-яёәғқңөұүһі’']+"
_NAME2 = re.compile(f"(?<![^\\W\\d_])({_CAP}(?:-{_CAP})?)[ \u00a0]+({_CAP}(?:-{_CAP})?)")
_NEXT_WORD = re.compile(f"[ \u00a0]+({_CAP}(?:-{_CAP})?)")
EXPERT_ROLES = frozenset(
    "сарапшы саясаттанушы экономист эксперт политолог аналитик спикер маман талдаушы expert "
    "analyst".split()
)
_EXPERT_PREFIXES = tuple(sorted(EXPERT_ROLES))
PRONOUNS = frozenset("ол он она he she".split())
MIN_WORDS = 5


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _sentence_start(text: str, pos: int, floor: int) -> int:
    best = floor
    for sep in (". ", "! ", "? ", "\n", "… "):
        i = text.rfind(sep, floor, pos)
        if i >= 0 and i + len(sep) > best:
            best = i + len(sep)
    return best


_SENT_END = re.compile("[.!?] |\n")


def _sentence_end(text: str, pos: int) -> int:
    """Position of the first ". ", "! ", "? " or line break at or after `pos`."""
    m = _SENT_END.search(text, pos)
    return m.start() if m else len(text)


def guillemet_spans(text: str) -> list[tuple[int, int]]:
    """Top-level «…» spans (nested quotes stay inside), including the marks."""
    spans: list[tuple[int, int]] = []
    find = text.find
    o = find("«")
    if o < 0:
        return spans
    c = find("»")
    depth = 0
    start = -1
    while c >= 0 or o >= 0:
        if o >= 0 and (c < 0 or o < c):
            if depth == 0:
                start = o
            depth += 1
            o = find("«", o + 1)
        else:
            if depth:
                depth -= 1
                if depth == 0:
                    spans.append((start, c + 1))
            c = find("»", c + 1)
    return spans


def _cues(text: str) -> list[re.Match[str]]:
    """Speech-verb cues after a dash ("— деді", ", - сказал"), in text order."""
    out: list[re.Match[str]] = []
    for d, rx in zip("—–-", _CUES, strict=True):
        if d in text:
            out += rx.finditer(text)
    if len(out) > 1:
        out.sort(key=lambda m: m.start())
    return out


class _Speakers:
    """Resolves the words naming a speaker to (person id, name as written)."""

    def __init__(self, text: str, people: list[Mention], role_scan, experts: list[Mention],
                 taken=()):
        self.text = text
        # whether a span overlaps a gazetteer match (country, organisation, city…)
        self.is_taken = overlap_test(taken)
        self.people = people
        self.role_scan = role_scan
        self.experts = experts
        self.last: tuple[str | None, str | None] = (None, None)

    def _person_in(self, a: int, b: int) -> Mention | None:
        for p in self.people:
            if a <= p.span[0] < b:
                return p
        return None

    def _role_in(self, a: int, b: int) -> str | None:
        for h in scan_all(self.text[a:b], self.role_scan):
            return h[3]
        return None

    def after(self, a: int) -> tuple[str | None, str | None]:
        """Speaker named in the words after a speech verb starting at `a`."""
        b = min(_sentence_end(self.text, a), a + 160)
        p = self._person_in(a, b)
        if p is not None:  # a person named after the verb speaks (a role cannot outrank one)
            return self._found(p)
        role = self._role_in(a, b)
        if role:
            return self._set(role, None)
        words = [w.group() for w in islice(_WORD.finditer(self.text, a, b), 4)]
        for w in words:
            low = w.lower()
            if low in PRONOUNS:
                return self.last
            if low.startswith(_EXPERT_PREFIXES):
                return self._expert_before(a)
        # a name as written: "деп тоқталды Равшан Назаров"; not two words of a country or
        # an organisation ("Индонезия Қызыл Крест"), of two scripts ("Старридж Liverpool"),
        # with an adjective ending ("Генеральной Ассамблее") or with a word that is never
        # part of a name ("Associated Press", "Бас Ассамблеясын", `not_name_word`), nor two
        # words that an organisation noun follows ("Рейтер Пресс агенттігіне")
        pos = a
        while True:
            m = _NAME2.search(self.text, pos, b)
            if m is None:
                return (None, None)
            w1, w2 = m.group(1), m.group(2)
            if self.is_taken(m.start(1), m.end(2)) or not name_like(w1, w2):
                pos = m.start(2)  # the second word may start the name: "России Александр Новак"
                continue
            nx = _NEXT_WORD.match(self.text, m.end(2), b)
            if nx is not None and not_name_word(nx.group(1)):
                pos = nx.end()
                continue
            name = f"{w1} {surname_stem(w2, self.text, m.start(2))}"
            return self._set(self._known(name), name)

    def _known(self, name: str) -> str | None:
        for p in self.people:
            if p.subtype != "titled" and p.phrase.split()[-1].startswith(name.split()[-1][:5]):
                return p.id
        return None

    def before(self, a: int, b: int) -> tuple[str | None, str | None]:
        """Speaker named in the same sentence before a «…» quote."""
        p = None
        for q in self.people:
            if a <= q.span[0] < b:
                p = q
        if p is not None:
            return self._found(p)
        role = self._role_in(a, b)
        if role:
            return self._set(role, None)
        return (None, None)

    def _expert_before(self, pos: int) -> tuple[str | None, str | None]:
        best = None
        for e in self.experts:
            if e.span[0] < pos:
                best = e
        if best is None:
            return (None, None)
        return self._found(best)

    def _found(self, m: Mention) -> tuple[str | None, str | None]:
        if m.subtype == "titled":
            return self._set(None, m.phrase)
        words = self.text[m.span[0]:m.span[1]].split()
        words[-1] = normalise_surname(words[-1])
        return self._set(m.id, " ".join(words))

    def _set(self, pid: str | None, name: str | None) -> tuple[str | None, str | None]:
        self.last = (pid, name)
        return self.last


def extract_quotes(text: str, people: list[Mention], role_scan, taken=()) -> list[Quote]:
    """All quotes in `text`, in order of appearance; `taken`: spans of gazetteer matches,
    sorted, which a speaker's name as written must not overlap."""
    quotes: list[Quote] = []
    g_spans = guillemet_spans(text)
    cues = _cues(text)
    if not g_spans and not cues and "—" not in text:
        return quotes  # no «…», no speech verb after a dash, no em-dash paragraph
    experts = [p for p in people if p.subtype == "titled"]
    sp = _Speakers(text, people, role_scan, experts, taken)
    used_g: set[tuple[int, int]] = set()
    items: list[tuple[int, int, str | None, str | None, bool]] = []
    for c in cues:
        # the dash must follow the end of the speech: ", —", "» —", "», —"
        p = c.start()
        while p and text[p - 1] in " \u00a0":
            p -= 1
        closing = None
        if p and text[p - 1] in _PUNCT:
            p -= 1
            if p and text[p - 1] in "»“\"":
                closing = text[p - 1]
                p -= 1
        elif p and text[p - 1] in "»“\"":
            closing = text[p - 1]
            p -= 1
        else:
            continue
        verb_end = c.end()
        if closing == "»":
            g = next((gs for gs in g_spans if gs[1] == p + 1), None)
            if g is None:
                continue
            used_g.add(g)
            spk = sp.after(verb_end)
            items.append((g[0] + 1, g[1] - 1, *spk, True))
            continue
        ls = _line_start(text, p)
        dm = _DASH_START.match(text, ls)
        start = dm.end() if dm else _sentence_start(text, p, ls)
        if any(a <= start < b for a, b in g_spans):
            continue
        spk = sp.after(verb_end)
        items.append((start, p, *spk, True))
    for g in g_spans:
        if g in used_g or any(a <= g[0] < b for a, b, *_ in items):
            continue
        inner = text[g[0] + 1:g[1] - 1]
        if len(inner.split()) < MIN_WORDS:
            continue
        ss = _sentence_start(text, g[0], _line_start(text, g[0]))
        spk = sp.before(ss, g[0])
        items.append((g[0] + 1, g[1] - 1, *spk, False))
    # dash paragraphs without a speech verb (— at line start, em dash only)
    for m in _EM_LINE.finditer(text):
        s = m.end()
        if any(a <= s < b + 1 for a, b, *_ in items):
            continue
        e = text.find("\n", s)
        e = len(text) if e < 0 else e
        if len(text[s:e].split()) >= 2 * MIN_WORDS:
            items.append((s, e, None, None, False))
    items.sort()
    for s, e, pid, name, _cued in items:
        body = text[s:e].strip()
        if not body:
            continue
        lead = len(text[s:e]) - len(text[s:e].lstrip())
        quotes.append(Quote(text=body, speaker=pid, speaker_name=name,
                            span=(s + lead, s + lead + len(body))))
    return quotes
