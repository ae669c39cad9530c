"""Analyse one text: language, countries, sectors, people, organisations, figures, quotes.

`analyze()` is pure over its input and the loaded rules; every span refers to the text
given. Rules load once (`rules()`), are reloaded after a user edit (`reload_rules()`),
and are fingerprinted so a library knows when to re-tag.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass

from desktop import paths
from desktop.analysis.entities import Mention, entity_mentions
from desktop.analysis.figures import FigureRules, compile_figures, extract_figures
from desktop.analysis.language import detect_language
from desktop.analysis.model import Analysis, Tag
from desktop.analysis.quotes import extract_quotes
from desktop.analysis.rules import Rules, load_rules

DEFAULT_HOME = "KZ"
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


def reload_rules() -> Rules:
    """Forget the loaded rules and read the files again (after a user edit)."""
    global _rules, _figs
    with _lock:
        _rules = None
        _figs = None
    return rules()


def rules_fingerprint() -> str:
    """Hash of every rule file read; changes whenever a bundled or user rule changes."""
    return rules().fingerprint


def vocabulary(kind: str) -> dict[str, dict[str, str]]:
    """Display names per id for a facet kind (country, sector, person, org)."""
    out: dict[str, dict[str, str]] = {}
    for e in rules().of_kind(kind):
        en = e.names.get("en") or e.id
        out[e.id] = {"en": en, "kk": e.names.get("kk") or en, "ru": e.names.get("ru") or en}
    return out


def _tags(mentions: list[Mention], kind: str, r: Rules, home: str = "") -> list[Tag]:
    tags: dict[str, Tag] = {}
    for m in mentions:
        if m.kind != kind:
            continue
        t = tags.get(m.id)
        if t is None:
            e = r.entries.get((kind, m.id))
            name = (e.names.get("en") if e else None) or m.phrase
            t = tags[m.id] = Tag(kind=kind, id=m.id, name=name, home=(kind == "country"
                                                                        and m.id == home))
        t.spans.append(m.span)
        if m.phrase not in t.phrases:
            t.phrases.append(m.phrase)
    return list(tags.values())


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
    ents = entity_mentions(scan_text, r)
    countries = _tags(ents, "country", r, home)
    countries.sort(key=lambda t: (not t.home, t.spans[0][0]))
    sectors = []
    for t in _tags(ents, "sector", r):
        e = r.entries.get(("sector", t.id))
        if len(t.spans) >= (e.min_hits if e else 1):
            sectors.append(t)
    sectors.sort(key=lambda t: -len(t.spans))
    people_m = [m for m in ents if m.kind == "person"]
    for m in people_m:  # phrases as written, spans on the original text
        m.phrase = text[m.span[0]:m.span[1]] if m.subtype != "titled" else m.phrase
    return Analysis(
        lang=lang,
        countries=countries,
        sectors=sectors,
        people=_tags(people_m, "person", r),
        orgs=_tags(ents, "org", r),
        figures=extract_figures(text, fr),
        quotes=extract_quotes(text, people_m, (r.role_scan, r.role_low_scan)),
    )
