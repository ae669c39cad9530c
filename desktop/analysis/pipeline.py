"""Analyse one text: language, countries, sectors, people, organisations, figures, quotes.

`analyze()` is pure over its input and the loaded rules; every span refers to the text
given. Rules load once (`rules()`), are reloaded after a user edit (`reload_rules()`),
and are fingerprinted so a library knows when to re-tag.
"""

from __future__ import annotations

import hashlib
import os
import threading
from dataclasses import dataclass

from desktop import paths
from desktop.analysis.context import SentenceLanguage, compile_context, not_a_country
from desktop.analysis.entities import (
    BRIDGE_KINDS,
    Group,
    Hit,
    Mention,
    gazetteer_groups,
    overlap_test,
    titled_people,
)
from desktop.analysis.figures import FigureRules, compile_figures, extract_figures
from desktop.analysis.given import given_people
from desktop.analysis.given_forms import GIVEN
from desktop.analysis.language import detect_language
from desktop.analysis.model import Analysis, Figure, Tag
from desktop.analysis.quotes import extract_quotes
from desktop.analysis.rules import SPORT, Rules, load_rules

DEFAULT_HOME = "KZ"
# Bump whenever a code change alters what analyze() returns for the same rules: a library
# then re-tags every article instead of only those a rule edit can reach.
ENGINE_VERSION = "6"  # 6: measures, numbers in words, given names, weak-word weights
_lock = threading.Lock()
_rules: Rules | None = None
_figs: FigureRules | None = None
load_errors: list[tuple[str, str]] = []


@dataclass
class _Loaded:
    rules: Rules
    figures: FigureRules


def home_country(home: str | None = None) -> str:
    """The configured home country: argument, else $KENES_HOME_COUNTRY, else KZ."""
    return (home or os.environ.get("KENES_HOME_COUNTRY") or DEFAULT_HOME).upper()


def rules() -> Rules:
    """The compiled rules (bundled + user overrides), loaded once per process."""
    global _rules, _figs
    r = _rules
    if r is not None:
        return r
    with _lock:
        if _rules is None:
            load_errors.clear()
            _rules = load_rules(
                paths.resource("gazetteers"), paths.user_rules_dir(),
                on_error=lambda p, msg: load_errors.append((str(p), msg)),
            )
            _figs = compile_figures(_rules.figures)
        return _rules


def _figure_rules() -> FigureRules:
    rules()
    assert _figs is not None
    return _figs


def forget_rules() -> None:
    """Drop the loaded rules; the next `rules()` reads and compiles the files again."""
    global _rules, _figs, _plain
    with _lock:
        _rules = None
        _figs = None
        _plain = None


def clear_caches() -> None:
    """Empty every per-word cache of the loaded rules, as if no text had been analysed yet
    (results are the same either way; `perf` uses it to time text never seen before)."""
    from desktop.analysis.entities import normalise_surname, slug
    from desktop.analysis.morph import valid_ru_tail, valid_tail

    r, fr = _rules, _figs
    if r is not None:
        r.token_cache.clear()
        for sc in (r.cap_scan, r.low_scan, r.role_scan, r.role_low_scan):
            if sc is not None:
                sc.cache.clear()
    if fr is not None:
        fr.cache.clear()
        fr.scale_cache.clear()
    for f in (valid_tail, valid_ru_tail, normalise_surname, slug):
        f.cache_clear()


def reload_rules() -> Rules:
    """Forget the loaded rules and read the files again (after a user edit)."""
    forget_rules()
    return rules()


def _fingerprint(r: Rules) -> str:
    key = f"{r.fingerprint}\0{ENGINE_VERSION}\0{home_country()}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def rules_fingerprint() -> str:
    """Hash of the rule files, engine version and home country: what tagging depends on.

    Reads the files without compiling them when this process has not compiled the rules
    yet: an import whose analysis runs in worker processes never needs them here."""
    r = _rules
    if r is None:
        r = load_rules(paths.resource("gazetteers"), paths.user_rules_dir(),
                       on_error=lambda p, m: None, compiled=False)
    return _fingerprint(r)


def rules_snapshot(fresh: bool = False) -> dict:
    """Per-entry definitions plus a hash of everything global (see analysis.ruleset).

    `fresh` reads the rule files now without compiling them (cheap: a retag that finds
    nothing to do never pays for compiling the scanners).
    """
    from desktop.analysis.ruleset import snapshot

    r = load_rules(paths.resource("gazetteers"), paths.user_rules_dir(),
                   on_error=lambda p, m: None, compiled=False) if fresh else rules()
    return snapshot(r, ENGINE_VERSION, home_country(), _fingerprint(r))


_plain: Rules | None = None  # the rule entries without compiled scanners, for names


def _entries() -> Rules:
    """The loaded rules if compiled already, else the entries alone (read once, ≈ 50 ms):
    display names must not make the window wait for the scanners to compile (≈ 1 s)."""
    global _plain
    r = _rules or _plain
    if r is None:
        with _lock:
            if _plain is None:
                _plain = load_rules(paths.resource("gazetteers"), paths.user_rules_dir(),
                                    on_error=lambda p, m: None, compiled=False)
            r = _plain
    return r


def entry(kind: str, id_: str):
    """One rule entry (bundled and user rules merged), or None."""
    return _entries().entries.get((kind, id_))


def vocabulary(kind: str) -> dict[str, dict[str, str]]:
    """Display names per id for a facet kind (country, sector, person, org)."""
    out: dict[str, dict[str, str]] = {}
    for e in _entries().of_kind(kind):
        en = e.names.get("en") or e.id
        out[e.id] = {"en": en, "kk": e.names.get("kk") or en, "ru": e.names.get("ru") or en}
    return out


_TAG_KINDS = ("country", "sector", "person", "org")


def _context_rules(r: Rules):
    """The rule set's [context] tables, compiled once and kept on it (`Rules.cx`)."""
    cx = r.cx
    if cx is None:
        cx = r.cx = compile_context(r.context)
    return cx


def _collect(groups: list[Group], text: str, scan_text: str, r: Rules, home: str,
             text_lang: str = "") -> tuple[dict[str, list[Tag]], list[Mention], list[tuple[int, int]],
                        dict[str, int]]:
    """Group gazetteer hits (plus people introduced by a title) into one Tag per (kind, id)
    in order of first mention, and list the person mentions for quote speakers, the
    spans of every kept gazetteer match (exclusions included), sorted, and per sector how
    much its weak keyword hits weigh less than keywords (see `analyze`).

    Overlaps between the two scans are settled as in `entities.settle_overlaps`: a hit
    starting inside an earlier kept hit (or kept exclusion) is dropped. Person phrases are
    taken from `text` as written (ё kept); other phrases stay as matched in the folded
    `scan_text`.
    """
    by: dict[str, dict[str, Tag]] = {k: {} for k in _TAG_KINDS}
    names = r.display_names
    people: list[Mention] = []
    titles: list[Hit] = []
    givens: list[Hit] = []  # given names (given.py): a person when a surname follows
    sports: set[str] = set()  # the sport words found ([context] sport_words)
    taken: list[tuple[int, int]] = []
    bridges: dict[int, int] = {}  # countries and organisations, for titled_people
    weak: dict[str, int] = {}
    weak_words: dict[str, set[str]] = {}  # the weak keywords matched, up to two per sector
    folded = scan_text is not text
    cap_table = r.cap_scan.table if r.cap_scan is not None else {}
    langs: SentenceLanguage | None = None  # made when a one-language keyword is found
    end = -1  # as entities.settle_overlaps, inline (hits come in text order)
    for base, hs in groups:
        for h in hs:
            s = h[0] + base
            if s < end:
                continue
            end = h[1] + base
            span = (s, end)
            kind = h[2]
            if kind == "title":
                titles.append((*span, kind, h[3], h[4], h[5]))
                continue
            if kind == GIVEN:
                givens.append((*span, kind, h[3], h[4], h[5]))
                continue
            if kind == SPORT:
                sports.add(h[3])
                continue
            taken.append(span)
            if kind in BRIDGE_KINDS:
                bridges[s] = end
            if kind == "country" and not_a_country(scan_text, s, end, h[4], h[5], _context_rules(r), r,
                                                   h[5] in cap_table):
                continue  # a language, a currency, a person's name, a month: words taken
            tags = by.get(kind)
            if tags is None:  # an exclusion: its words are taken, nothing is tagged
                continue
            id_, phrase = h[3], h[5]
            sub = h[4]
            if kind == "sector" and ":" in sub:  # a keyword of one language only
                sub, lang = sub.split(":")
                if langs is None:
                    langs = SentenceLanguage(scan_text, text_lang)
                if not langs.allows(lang, s):
                    continue
            if sub == "weak":
                weak[id_] = weak.get(id_, 0) + 1
                seen = weak_words.setdefault(id_, set())
                if len(seen) < 2:
                    k = _weak_key(r, phrase)
                    # forms of one word are one keyword: қор!, қоры; келісім, келісімшарт
                    if not any(k.startswith(w) or w.startswith(k) for w in seen):
                        seen.add(k)
            elif kind == "person" and folded:
                phrase = text[s:end]
            t = tags.get(id_)
            if t is None:
                tags[id_] = Tag(kind, id_, names.get((kind, id_)) or phrase, [span], [phrase],
                                kind == "country" and id_ == home)
            else:
                t.spans.append(span)
                if phrase not in t.phrases:
                    t.phrases.append(phrase)
            if kind == "person":
                people.append(Mention(kind, id_, h[4], span, phrase))
    found: list[Hit] = []
    test = overlap_test(taken) if givens or titles else None  # one for both
    if givens:  # before titles: a title's name is then found once, its first name cited
        found = given_people(scan_text, givens, taken, text_lang,
                             text if folded else None, cap_table, test)
    if titles:
        if found:  # a name found by its given name is no title's name either
            spans = [(h[0], h[1]) for h in found]

            def busy(a: int, b: int) -> bool:
                return test(a, b) or any(s < b and a < e for s, e in spans)
        else:
            busy = test
        found += titled_people(scan_text, titles, taken, bridges, busy)
    if found:
        tags = by["person"]
        for s, e, kind, id_, sub, phrase in found:
            t = tags.get(id_)
            if t is None:
                tags[id_] = Tag(kind, id_, names.get((kind, id_)) or phrase, [(s, e)], [phrase])
            else:
                t.spans.append((s, e))
                if phrase not in t.phrases:
                    t.phrases.append(phrase)
            people.append(Mention(kind, id_, sub, (s, e), phrase))
    sport = _sport_sectors(r, weak, sports) if weak else ()
    for id_, n in weak.items():  # one weak keyword, however often repeated, weighs 1
        if id_ in sport:
            weak[id_] = 2 * n  # a team's defence, a match: in a sports story they weigh 0
        elif len(weak_words[id_]) < 2:
            weak[id_] = 2 * n - 1
    return {k: list(v.values()) for k, v in by.items()}, people, taken, weak


def _sport_sectors(r: Rules, weak: dict[str, int], sports: set[str]) -> tuple[str, ...]:
    """The sectors whose weak keywords do not count because the text is a sports story:
    two different `[context] sport_words` found (kind "sport" in the scanners), for the
    sectors in `sport_weak_sectors` (security: a team's defence, a threat to the goal;
    diplomacy: a match as a meeting, an away trip)."""
    if len(sports) < 2:
        return ()
    return tuple(s for s in r.context.get("sport_weak_sectors", ()) if s in weak)


def _weak_key(r: Rules, phrase: str) -> str:
    """The weak keyword a phrase matched: its surface, or the pattern of a wildcard one
    ("қорғаныс*" for қорғанысынан and Қорғанысын, "сбор* средств" for сборе средств)."""
    sc = r.low_scan
    low = phrase.lower()
    if sc is None or sc.head is None:
        return low
    key = ("weak", low)  # cached beside the scanner's word resolutions
    got = sc.cache.get(key)
    if got is None:
        m = sc.head.match(low)
        got = m.group() if m else low
        if got not in sc.table:
            got = next((rx.pattern for rx, _t in sc.wild if rx.fullmatch(got)), got)
        sc.cache[key] = got
    return got


def _fold_yo(text: str) -> str:
    """ё → е (same length, so spans are unchanged) so either spelling matches the rules."""
    if "ё" in text or "Ё" in text:
        return text.replace("ё", "е").replace("Ё", "Е")
    return text


def analyze(text: str, lang: str | None = None, home: str | None = None,
            figures: list[Figure] | None = None) -> Analysis:
    """Everything Kenes extracts from one text; spans index into `text`.

    `figures`: the key figures of this text found under the figure rules now in force,
    if known (a re-tag after an entry edit keeps the stored ones: they depend on nothing
    else).
    """
    r = rules()
    fr = _figure_rules()
    if not isinstance(text, str) or not text:
        return Analysis(lang=lang or "other")
    lang = lang or detect_language(text)
    home = home_country(home)
    scan_text = _fold_yo(text)
    tags, people_m, taken, weak = _collect(gazetteer_groups(scan_text, r), text, scan_text, r,
                                           home, lang)
    countries = tags["country"]
    countries.sort(key=lambda t: (not t.home, t.spans[0][0]))
    min_hits = r.min_hits
    # a keyword hit weighs 2, a weak one 1: min_hits keywords, or twice as many weak ones
    # (of two different weak keywords at least: one repeated weighs 1 in all, since
    # repeating an ambiguous word does not settle its sense); the heaviest sector first
    weight = {t.id: 2 * len(t.spans) - weak.get(t.id, 0) for t in tags["sector"]}
    sectors = [t for t in tags["sector"] if weight[t.id] >= 2 * min_hits.get(t.id, 1)]
    sectors.sort(key=lambda t: -weight[t.id])
    return Analysis(
        lang=lang,
        countries=countries,
        sectors=sectors,
        people=tags["person"],
        orgs=tags["org"],
        figures=extract_figures(text, fr) if figures is None else figures,
        quotes=extract_quotes(text, people_m, (r.role_scan, r.role_low_scan), taken),
    )
