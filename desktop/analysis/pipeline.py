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
from desktop.analysis.entities import Hit, Mention, entity_hits, mention
from desktop.analysis.figures import FigureRules, compile_figures, extract_figures
from desktop.analysis.language import detect_language
from desktop.analysis.model import Analysis, Tag
from desktop.analysis.quotes import extract_quotes
from desktop.analysis.rules import Rules, load_rules

DEFAULT_HOME = "KZ"
# Bump whenever a code change alters what analyze() returns for the same rules: a library
# then re-tags every article instead of only those a rule edit can reach.
ENGINE_VERSION = "1"
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
    global _rules, _figs
    with _lock:
        _rules = None
        _figs = None


def reload_rules() -> Rules:
    """Forget the loaded rules and read the files again (after a user edit)."""
    forget_rules()
    return rules()


def _fingerprint(r: Rules) -> str:
    key = f"{r.fingerprint}\0{ENGINE_VERSION}\0{home_country()}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def rules_fingerprint() -> str:
    """Hash of the rule files, engine version and home country: what tagging depends on."""
    return _fingerprint(rules())


def rules_snapshot(fresh: bool = False) -> dict:
    """Per-entry definitions plus a hash of everything global (see analysis.ruleset).

    `fresh` reads the rule files now without compiling them (cheap: a retag that finds
    nothing to do never pays for compiling the scanners).
    """
    from desktop.analysis.ruleset import snapshot

    r = load_rules(paths.resource("gazetteers"), paths.user_rules_dir(),
                   on_error=lambda p, m: None, compiled=False) if fresh else rules()
    return snapshot(r, ENGINE_VERSION, home_country(), _fingerprint(r))


def vocabulary(kind: str) -> dict[str, dict[str, str]]:
    """Display names per id for a facet kind (country, sector, person, org)."""
    out: dict[str, dict[str, str]] = {}
    for e in rules().of_kind(kind):
        en = e.names.get("en") or e.id
        out[e.id] = {"en": en, "kk": e.names.get("kk") or en, "ru": e.names.get("ru") or en}
    return out


_TAG_KINDS = ("country", "sector", "person", "org")


def _tags(hits: list[Hit], r: Rules, home: str) -> dict[str, list[Tag]]:
    """Group hits into one Tag per (kind, id), in order of first mention.

    A hit starting inside the previous span of its tag is dropped (the capitalised and the
    lowercase scan may both see one phrase); hits must be sorted by start, titled people last.
    """
    by: dict[str, dict[str, Tag]] = {k: {} for k in _TAG_KINDS}
    names = r.display_names
    for s, e, kind, id_, _sub, phrase in hits:
        tags = by.get(kind)
        if tags is None:
            continue
        t = tags.get(id_)
        if t is None:
            tags[id_] = Tag(kind, id_, names.get((kind, id_)) or phrase, [(s, e)], [phrase],
                            kind == "country" and id_ == home)
            continue
        if t.spans[-1][1] > s and _sub != "titled":
            continue
        t.spans.append((s, e))
        if phrase not in t.phrases:
            t.phrases.append(phrase)
    return {k: list(v.values()) for k, v in by.items()}


def _people(hits: list[Hit]) -> list[Mention]:
    """Person hits as mentions (for quote speakers), without repeats inside one phrase."""
    out: list[Mention] = []
    last: dict[str, int] = {}
    for h in hits:
        if h[2] == "person":
            if h[4] != "titled" and last.get(h[3], -1) > h[0]:
                continue
            last[h[3]] = h[1]
            out.append(mention(h))
    return out


def _fold_yo(text: str) -> str:
    """ё → е (same length, so spans are unchanged) so either spelling matches the rules."""
    if "ё" in text or "Ё" in text:
        return text.replace("ё", "е").replace("Ё", "Е")
    return text


def analyze(text: str, lang: str | None = None, home: str | None = None) -> Analysis:
    """Everything Kenes extracts from one text; spans index into `text`."""
    r = rules()
    fr = _figure_rules()
    if not isinstance(text, str) or not text:
        return Analysis(lang=lang or "other")
    lang = lang or detect_language(text)
    home = home_country(home)
    scan_text = _fold_yo(text)
    hits = entity_hits(scan_text, r, dedup=False)
    if scan_text is not text:  # people as written (ё kept); other phrases stay folded
        hits = [(h[0], h[1], h[2], h[3], h[4], text[h[0]:h[1]])
                if h[2] == "person" and h[4] != "titled" else h for h in hits]
    tags = _tags(hits, r, home)
    countries = tags["country"]
    countries.sort(key=lambda t: (not t.home, t.spans[0][0]))
    min_hits = r.min_hits
    sectors = [t for t in tags["sector"] if len(t.spans) >= min_hits.get(t.id, 1)]
    sectors.sort(key=lambda t: -len(t.spans))
    people_m = _people(hits)
    return Analysis(
        lang=lang,
        countries=countries,
        sectors=sectors,
        people=tags["person"],
        orgs=tags["org"],
        figures=extract_figures(text, fr),
        quotes=extract_quotes(text, people_m, (r.role_scan, r.role_low_scan)),
    )
