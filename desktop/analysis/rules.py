"""Load the gazetteer rule files (bundled + user overrides) and compile them for matching.

Format: see docs/rules.md. Each file holds tables `[country.XX]`, `[sector.id]`,
`[person.id]`, `[org.id]` (plus `[titles]` and `[figures]` settings). Entries with the
same kind and id are merged in load order: bundled files by name, then the user folder.
All name patterns of one scan are compiled into ONE case-sensitive alternation shaped
as a trie (no leading \\b, no IGNORECASE); word boundaries and endings are checked per
match in Python, which keeps a 4 KB article in the tens of microseconds.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from desktop.analysis.given_forms import GIVEN
from desktop.analysis.morph import ru_stem
from desktop.i18n import _

KINDS = ("country", "sector", "person", "org")
ENTITY_KINDS = ("country", "person", "org")
# Pattern lists per entry and the mention type they produce.
NAME_LISTS = ("kk", "ru", "en", "kk_latn")
TYPED_LISTS = {"cities": "city", "adjectives": "adjective", "exclude": "exclude"}
# Sectors only: keywords that count half (a word with common meanings outside the sector,
# such as встреча or технология), so one of them alone does not tag the sector.
WEAK_LIST = "weak"
WILD = "\x00"
SPORT = "sport"  # [context] sport_words, compiled as hits of their own (pipeline)
_KK_ONLY = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")  # letters of Kazakh, not of Russian
# Spaces inside multi-word names. Written so that no class holds a character above U+00FF:
# such a class compiles to a 256-entry table, and with one per multi-word name it made
# the compiled alternation 2.4x larger (slower through CPU caches), for the same matches.
SPACE_RE = "(?:[ \t\u00a0]|\u202f+)+"
LETTERS_RE = "[^\\W\\d_]*"
WORD_REST_RE = "[^\\W\\d_]*"  # the ending after a surface: the rest of the word


@dataclass
class Entry:
    """One country, sector, person or organisation with its patterns."""

    kind: str
    id: str
    names: dict[str, str] = field(default_factory=dict)  # display names: en, kk, ru
    patterns: dict[str, list[str]] = field(default_factory=dict)  # list name -> patterns
    roles: list[str] = field(default_factory=list)
    min_hits: int = 1
    home_only: bool = False


@dataclass(frozen=True)
class Target:
    """What a matched surface form means."""

    kind: str
    id: str
    subtype: str  # name | city | adjective | term | weak | exclude | title
    policy: str  # suffix | any | exact | stem (suffix with an ending required)


@dataclass
class Scanner:
    """One compiled alternation plus the table from surface form to targets.

    `head` matches a rule surface; a match runs on over the rest of its word (the ending,
    `WORD_REST_RE`), and `head` splits such a word the first time it is seen. `cache` maps
    each matched word to its resolution so endings are analysed once per distinct form,
    not per match. The ending is matched apart so that the large alternation is compiled
    once (≈ 0.4 s of each process's start).
    """

    head: re.Pattern[str]
    table: dict[str, tuple[Target, ...]]
    wild: list[tuple[re.Pattern[str], tuple[Target, ...]]]
    lower: bool = False  # matches include the separator before the word
    # lower: a separator followed by a letter some surface starts with (where to try `head`)
    start: re.Pattern[str] | None = None
    cache: dict = field(default_factory=dict, repr=False)
    # Multi-word surfaces: first word -> the literal starts of the words that may follow it
    # (up to a wildcard), and the same for first words with a wildcard, as regexes.
    multi_next: dict[str, frozenset[str]] = field(default_factory=dict)
    multi_wild: list[tuple[re.Pattern[str], frozenset[str]]] = field(default_factory=list)
    multi_wild_any: re.Pattern[str] | None = None  # any of multi_wild, ending the token
    multi_len: int = 0  # the longest first word in multi_next
    firsts: frozenset[str] = frozenset()  # first characters of the surfaces
    # Any first word of a surface, at any start (lower: after a separator): a token where
    # this finds nothing has no match and no continuation (the cheap test for new tokens).
    quick: re.Pattern[str] | None = None

    def continuations(self, token: str) -> tuple[str, ...]:
        """How the next word must start for a multi-word surface starting anywhere in
        `token` to match on past its end (empty: no such surface can)."""
        if not self.multi_next and not self.multi_wild:
            return ()
        # A surface starts a word: at the token's start or after a character that is not
        # a letter or digit (both scans reject any other start), so only there can a first
        # word begin; most tokens are one plain word and have one start. A literal first
        # word is at most `multi_len` long, so only the token's last characters can hold
        # it (a huge token must not cost a slice per start).
        n = len(token)
        starts = (0,) if token.isalnum() else [
            p for p in range(n) if not p or not token[p - 1].isalnum()]
        out: set[str] = set()
        get = self.multi_next.get
        lo = n - self.multi_len
        for p in starts:
            if p >= lo:
                nxt = get(token[p:])
                if nxt:
                    out |= nxt
        # one search for all wildcard first words before trying each of them at each start
        if self.multi_wild_any is not None and self.multi_wild_any.search(token):
            for p in starts:
                for rx, nxt in self.multi_wild:
                    if rx.fullmatch(token, p):
                        out |= nxt
        return tuple(sorted(out))

    def lookup(self, surface: str) -> tuple[Target, ...]:
        """Targets of a matched surface (whitespace-normalised), wildcard patterns last."""
        t = self.table.get(surface)
        if t is None:  # any run of spaces (NBSP, narrow NBSP, tab) is one space in the rules
            t = self.table.get(" ".join(surface.split()))
        if t is not None:
            return t
        for rx, targets in self.wild:
            if rx.fullmatch(surface):
                return targets
        return ()


@dataclass
class Rules:
    """Everything loaded from the rule files, ready to match."""

    entries: dict[tuple[str, str], Entry]
    titles: list[str]
    figures: dict
    files: list[Path]
    fingerprint: str
    context: dict = field(default_factory=dict)  # [context]: words around a country name
    cx: object = field(default=None, repr=False, compare=False)  # context.ContextRules
    cap_scan: Scanner | None = None  # surfaces starting with a capital, digit or symbol
    low_scan: Scanner | None = None  # surfaces starting with a lowercase letter
    role_scan: Scanner | None = None
    role_low_scan: Scanner | None = None
    # Per distinct token: what the gazetteer scans find in it (see entities.gazetteer_groups)
    token_cache: dict = field(default_factory=dict, repr=False, compare=False)
    display_names: dict[tuple[str, str], str] = field(default_factory=dict)  # English names
    min_hits: dict[str, int] = field(default_factory=dict)  # sector id -> minimum hits
    # [given_names]: list name -> given names (people named by one and a surname, given.py)
    given_names: dict[str, list[str]] = field(default_factory=dict)

    def of_kind(self, kind: str) -> list[Entry]:
        return [e for (k, _i), e in self.entries.items() if k == kind]


def parse_pattern(p: str) -> tuple[str, str]:
    """Split a pattern into its text and ending policy: 'сауда*' → ('сауда', 'any')."""
    p = " ".join(p.split())
    if p.endswith("*"):
        return p[:-1], "any"
    if p.endswith("!"):
        return p[:-1], "exact"
    return p, "suffix"


def case_variants(text: str) -> set[str]:
    """Surface variants to compile: as written, Capitalised, UPPER, and lower if written lower."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return {text}
    out = {text, text[:1].upper() + text[1:], text.upper()}
    if text[:1].islower():
        out.add(text)
    return out


def _esc(ch: str) -> str:
    if ch == " ":
        return SPACE_RE
    if ch == WILD:
        return LETTERS_RE
    return re.escape(ch)


# Letters by rough frequency in Kazakh and Russian news: alternatives are tried in this
# order, so a frequent letter is found after fewer failed comparisons.
LETTER_ORDER = "аеоиынтрлсқкдмзіубжпвшғгүяңөйұәчхьцюфщэһъё"
_RANK = {ch: i for i, ch in enumerate(LETTER_ORDER)}


def _rank(key: str) -> tuple[int, int, int, str]:
    """Sort key of trie siblings: wildcard and space first (as before), then by frequency."""
    if key in (WILD, " "):
        return (0, 0, 0, key)
    low = key.lower()
    return (1, key != low, _RANK.get(low, len(_RANK)), key)


def trie_regex(words: list[str]) -> str:
    """One alternation shaped as a prefix trie; longer continuations are tried first.

    The first level is a plain alternation of literals so that the regex engine can skip,
    in C, every position whose character starts no pattern. Sibling branches start with
    different characters, so their order only changes speed: frequent letters go first.
    """
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict, top: bool = False) -> str:
        end = "" in node
        keys = sorted((k for k in node if k), key=_rank)
        if not keys:
            return ""
        singles = [] if top else [
            k for k in keys if list(node[k]) == [""] and k not in (" ", WILD)
        ]
        alts = [_esc(k) + build(node[k]) for k in keys if k not in singles]
        if len(singles) == 1:
            alts.append(_esc(singles[0]))
        elif singles:
            alts.append("[" + "".join(re.escape(s) for s in singles) + "]")
        if len(alts) == 1:
            body = alts[0]
            if end:  # "?" must apply to the whole continuation, not its last item
                body = "(?:" + body + ")"
        else:
            body = "(?:" + "|".join(alts) + ")"
        return body + "?" if end else body

    return build(trie, top=True)


# What may stand before a lowercase rule word: punctuation and every whitespace character
# (str.split's, so the per-token scan in entities.py and a whole-text scan agree).
SEPARATORS = "".join(chr(c) for c in range(0x3001) if chr(c).isspace()) + "\"'«»„“”()[]/—–-.,;:!?"


# Kinds compiled only as written: a given name is a person only before a capitalised
# surname (given.py), which a text in capitals has not, so its CAPITALS form would find
# nothing; given names are half of the capitalised scanner's surfaces.
_AS_WRITTEN = frozenset({GIVEN})


def _compile(pairs: list[tuple[str, Target]], lower: bool = False) -> Scanner | None:
    """Compile the surfaces; `lower` scanners start each match at the separator before it."""
    table: dict[str, list[Target]] = {}
    wild: dict[str, list[Target]] = {}
    for surface, target in pairs:
        if not surface.strip():
            continue
        for v in case_variants(surface):
            if v[:1].islower() != lower:
                continue
            if target.kind in _AS_WRITTEN and v != surface:
                continue
            (wild if "*" in v else table).setdefault(v, [])
            lst = (wild if "*" in v else table)[v]
            if target not in lst:
                lst.append(target)
    words = list(table) + [w.replace("*", WILD) for w in wild]
    if not words:
        return None
    words.sort(key=lambda w: (-len(w), w))
    head = re.compile(trie_regex(words))
    quick = trie_regex(sorted({w.split(" ")[0] for w in words}, key=lambda w: (-len(w), w)))
    start = None
    if lower:  # the lookahead skips, in C, words whose first letter starts no pattern
        firsts = "".join(sorted({w[0] for w in words}))
        sep = "[" + re.escape(SEPARATORS) + "](?=[" + re.escape(firsts) + "])"
        start = re.compile(sep)
        quick = sep + "(?:" + quick + ")"
    wild_list = [
        (re.compile(SPACE_RE.join(
            LETTERS_RE.join(re.escape(x) for x in part.split("*")) for part in w.split(" ")
        )), tuple(t))
        for w, t in wild.items()
    ]
    def order(ts: list[Target]) -> tuple[Target, ...]:
        return tuple(sorted(ts, key=lambda t: t.subtype != "exclude"))  # exclusions win

    wild_list = [(rx_, order(list(ts))) for rx_, ts in wild_list]
    multi_next: dict[str, set[str]] = {}
    multi_wild: dict[str, set[str]] = {}
    for w in words:
        if " " in w:
            first, second = w.split(" ")[:2]
            nxt = second.split(WILD)[0]  # its literal start; "" (anything) before a wildcard
            (multi_wild if WILD in first else multi_next).setdefault(first, set()).add(nxt)
    return Scanner(
        head, {k: order(v) for k, v in table.items()}, wild_list, lower, start,
        multi_next={k: frozenset(v) for k, v in multi_next.items()},
        multi_len=max(map(len, multi_next), default=0),
        multi_wild=[(re.compile(LETTERS_RE.join(re.escape(x) for x in k.split(WILD))),
                     frozenset(v)) for k, v in multi_wild.items()],
        multi_wild_any=re.compile("(?:" + trie_regex(list(multi_wild)) + ")\\Z")
        if multi_wild else None,
        firsts=frozenset(w[0] for w in words),
        quick=re.compile(quick),
    )


def _surfaces(entry: Entry) -> list[tuple[str, Target]]:
    out: list[tuple[str, Target]] = []
    sector = entry.kind == "sector"
    # a pattern listed as weak is weak even when a language list has it too (a user file
    # may demote a bundled keyword by listing it under `weak`)
    weak = {parse_pattern(p) for p in entry.patterns.get(WEAK_LIST, ())} if sector else set()
    # a sector keyword listed for one of kk / ru only applies in a sentence of that
    # language ("term:kk": Kazakh мыс, copper, is not in Russian мысли); listed for both, or
    # weak without Kazakh letters, it applies anywhere
    langs: dict[tuple[str, str], set[str]] = {}
    if sector:
        for list_name, pats in entry.patterns.items():
            for raw in pats:
                key = parse_pattern(raw)
                if list_name in ("kk", "ru"):
                    lang = list_name
                elif list_name == WEAK_LIST and not _KK_ONLY.isdisjoint(key[0]):
                    lang = "kk"
                else:
                    lang = ""
                langs.setdefault(key, set()).add(lang)
        # the longest surface wins the match, so one that a stem of the other language
        # covers ("энергетика*" under ru "энергет*") applies in that language too
        stems = [(t, ls) for (t, pol), ls in langs.items() if pol == "any"]
        for (t, _pol), ls in langs.items():
            for st, sls in stems:
                if t != st and t.startswith(st):
                    ls |= sls
    for list_name, pats in entry.patterns.items():
        if sector:
            subtype = ("exclude" if list_name == "exclude" else
                       "weak" if list_name == WEAK_LIST else "term")
        elif list_name == WEAK_LIST:
            continue  # only sectors have weak keywords
        else:
            subtype = TYPED_LISTS.get(list_name, "name")
        for raw in pats:
            text, policy = parse_pattern(raw)
            if not text or (subtype == "term" and (text, policy) in weak):
                continue
            sub = subtype
            if sector and subtype != "exclude":
                ls = langs.get((text, policy), ())
                if len(ls) == 1 and "" not in ls:
                    sub = f"{subtype}:{next(iter(ls))}"
            target = Target(entry.kind, entry.id, sub, policy)
            if (policy == "suffix" and subtype != "exclude" and list_name == "ru"
                    and len(text) == 4 and text[0].isupper() and text[-1] in "ая"):
                # a short name in -а/-я (Куба, Гана): its Russian cases as words of their
                # own, since the stem would take any ending (Куб-ка is Кубка, a cup)
                exact = Target(entry.kind, entry.id, sub, "exact")
                ends = ("ы", "е", "у", "ой", "ою") if text[-1] == "а" else ("и", "е", "ю", "ей")
                out.extend((text[:-1] + x, exact) for x in ends)
            if policy == "suffix" and subtype != "exclude" and list_name in ("ru", "cities"):
                stem, ending = ru_stem(text)
                # the stem is no word of its own: it needs an ending ("stem"), so that
                # "Кита" (of Кит, a name) is not Китай nor "Кени" Кения
                stem_target = Target(entry.kind, entry.id, sub, "stem")
                if ending and list_name == "ru":  # Турция → Турци- + endings, and the
                    out.append((text, Target(entry.kind, entry.id, sub, "exact")))
                    text, target = stem, stem_target  # citation form as written (-й is
                    # no ending: Китай)
                elif ending and ending in "ая":  # a city list mixes languages: Москва in
                    out.append((stem, stem_target))  # Kazakh endings, Москве in Russian
            out.append((text, target))
    return out


def entry_surfaces(entry: Entry) -> tuple[dict[str, list[tuple[str, str]]], dict[str, list[str]]]:
    """What an entry adds to the scanners: surface → [(subtype, policy)], role → [policy].

    Two entries that compile to the same of these (in order) match identically; a surface
    whose list differs can only change results where that surface occurs.
    """
    surfaces: dict[str, list[tuple[str, str]]] = {}
    for text, t in _surfaces(entry):
        if text.strip():
            lst = surfaces.setdefault(text, [])
            if (t.subtype, t.policy) not in lst:
                lst.append((t.subtype, t.policy))
    roles: dict[str, list[str]] = {}
    for r in entry.roles:
        text, policy = parse_pattern(r)
        if text.strip():
            lst = roles.setdefault(text, [])
            if policy not in lst:
                lst.append(policy)
    return surfaces, roles


def compile_rules(rules: Rules) -> Rules:
    """Build the scanners: every kind in two alternations (capitalised, lowercase), roles."""
    ent: list[tuple[str, Target]] = []
    roles: list[tuple[str, Target]] = []
    for e in rules.entries.values():
        ent.extend(_surfaces(e))
        for r in e.roles:
            text, policy = parse_pattern(r)
            roles.append((text, Target(e.kind, e.id, "role", policy)))
    for t in rules.titles:
        text, policy = parse_pattern(t)
        ent.append((text, Target("title", "", "title", policy)))
    sport = [parse_pattern(str(w).lower()) for w in rules.context.get("sport_words", ())]
    if rules.given_names or sport:
        from desktop.analysis.given_forms import blocked_by, given_surfaces, is_blocked

        # a given name or sport word that another rule's word starts (Дания, Сапар*;
        # спортсмен, the culture word спорт*) is left to that rule
        blocked = blocked_by([text for text, _t in ent])
        ent += [(form, Target(GIVEN, base, sub, "exact"))
                for form, base, sub in given_surfaces(rules.given_names)
                if not is_blocked(form, blocked)]
        # words of a sports story, found by the same scans (pipeline._sport_sectors)
        ent += [(text, Target(SPORT, text, SPORT, policy)) for text, policy in sport
                if not is_blocked(text, blocked)]
    rules.cap_scan = _compile(ent)
    rules.low_scan = _compile(ent, lower=True)
    role_all = _compile(roles)
    role_low = _compile(roles, lower=True)
    rules.role_scan = role_all
    rules.role_low_scan = role_low
    rules.display_names = {k: e.names["en"] for k, e in rules.entries.items() if e.names.get("en")}
    rules.min_hits = {e.id: e.min_hits for e in rules.of_kind("sector")}
    # rules.cx (the [context] tables) is compiled by the pipeline on first use: the context
    # module reads names through entities, which builds on this module
    return rules


_LIST_FIELDS = set(NAME_LISTS) | set(TYPED_LISTS) | {WEAK_LIST}


def _merge(entries: dict[tuple[str, str], Entry], kind: str, id_: str, d: dict) -> None:
    key = (kind, str(id_))
    if d.get("disabled"):
        entries.pop(key, None)
        return
    if d.get("replace") or key not in entries:
        entries[key] = Entry(kind, str(id_))
    e = entries[key]
    for k, v in d.items():
        if k in _LIST_FIELDS and isinstance(v, list):
            lst = e.patterns.setdefault(k, [])
            lst.extend(str(x) for x in v if str(x) not in lst)
        elif k.startswith("name_") and isinstance(v, str):
            e.names[k[5:]] = v
        elif k == "name" and isinstance(v, str):
            e.names["en"] = v
        elif k == "roles" and isinstance(v, list):
            e.roles.extend(str(x) for x in v if str(x) not in e.roles)
        elif k == "min_hits":
            e.min_hits = max(1, int(v))
        elif k == "home_only":
            e.home_only = bool(v)


def rule_files(bundled: Path, user: Path | None) -> list[Path]:
    """Bundled `*.toml` by name, then the user's, so user files win."""
    files = sorted(bundled.glob("*.toml")) if bundled.is_dir() else []
    if user is not None and user.is_dir():
        files += sorted(user.glob("*.toml"))
    return files


def structure_error(data: dict) -> str | None:
    """Why parsed TOML cannot be merged as rules (kinds, titles, figures must be tables;
    min_hits a number…), or None. A user file with such an error is skipped whole."""
    for key in (*KINDS, "titles", "figures", "context", "given_names"):
        if key in data and not isinstance(data[key], dict):
            return _("“{key}” must be a table").format(key=key)
    scratch: dict[tuple[str, str], Entry] = {}
    for kind in KINDS:
        for id_, d in data.get(kind, {}).items():
            try:
                if isinstance(d, dict):
                    _merge(scratch, kind, id_, d)
            except (TypeError, ValueError) as exc:
                return f"[{kind}.{id_}]: {exc}"
    return None


class RuleError(ValueError):
    """A rule file could not be read; carries the path."""


def load_rules(bundled: Path, user: Path | None = None, on_error=None,
               compiled: bool = True) -> Rules:
    """Read, merge and compile every rule file; a broken user file is reported and skipped."""
    files = rule_files(bundled, user)
    entries: dict[tuple[str, str], Entry] = {}
    titles: list[str] = []
    figures: dict = {}
    context: dict[str, list] = {}
    given: dict[str, list[str]] = {}
    h = hashlib.sha256()
    used: list[Path] = []
    for f in files:
        raw = f.read_bytes()
        try:
            data = tomllib.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            if user is not None and f.parent == user and on_error is not None:
                on_error(f, str(exc))
                continue
            raise RuleError(f"{f}: {exc}") from exc
        why = structure_error(data) if user is not None and f.parent == user else None
        if why:
            if on_error is None:
                raise RuleError(f"{f}: {why}")
            on_error(f, why)
            continue
        h.update(f.name.encode() + b"\0" + raw + b"\0")
        used.append(f)
        for kind in KINDS:
            for id_, d in (data.get(kind) or {}).items():
                if isinstance(d, dict):
                    _merge(entries, kind, id_, d)
        t = data.get("titles") or {}
        for v in t.values():
            if isinstance(v, list):
                titles.extend(str(x) for x in v)
        for k, v in (data.get("figures") or {}).items():
            if isinstance(v, list) and isinstance(figures.get(k), list):
                figures[k] = figures[k] + v
            elif isinstance(v, dict) and isinstance(figures.get(k), dict):
                figures[k] = {**figures[k], **v}
            else:
                figures[k] = v
        for k, v in (data.get("context") or {}).items():  # lists add up across files
            if isinstance(v, list):
                lst = context.setdefault(k, [])
                lst.extend(str(x) for x in v if str(x) not in lst)
        for k, v in (data.get("given_names") or {}).items():
            if isinstance(v, list):
                given.setdefault(k, []).extend(str(x) for x in v)
    rules = Rules(entries, titles, figures, used, h.hexdigest()[:16], context=context,
                  given_names=given)
    return compile_rules(rules) if compiled else rules
