"""Propose a briefing's figures, quotes, sector sections and participants from its articles.

`propose` only ever adds: items already in the briefing keep their tick, wording and
place; a fact already proposed gains the new article as a further source; items the user
removed (`Briefing.dismissed`) are not proposed again.
"""

from __future__ import annotations

import copy
import hashlib
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from desktop.core.briefing import (
    BriefArticle,
    BriefFigure,
    Briefing,
    BriefQuote,
    BriefSection,
    Participant,
    SectionItem,
    SourceRef,
)
from desktop.core.briefing_text import lead, sentence_at

Names = Callable[[str], dict[str, dict[str, str]]]  # kind -> id -> lang -> display name

_STOPS = tuple(".!?…»\"”")
SECOND_SECTOR = 0.8  # an article also joins its second sector when that one is this strong


def _vocabulary(kind: str) -> dict[str, dict[str, str]]:
    # Imported late: the briefing model itself stays free of the analysis package.
    from desktop.analysis.pipeline import vocabulary

    return vocabulary(kind)


def _fold(s: str) -> str:
    return unicodedata.normalize("NFC", s).casefold().replace("ё", "е")


def _unit_key(unit: str | None) -> str:
    """The counted noun reduced to a stem, so "проектов"/"проекта", "компания"/"компаний"
    are one unit; the last word is the noun in Kazakh and Russian noun phrases."""
    if not unit or unit == "%":
        return ""
    words = [w for w in _fold(unit).replace("-", " ").split() if any(c.isalpha() for c in w)]
    return words[-1][:5] if words else ""


def figure_key(kind: str, value: float, currency: str | None, unit: str | None) -> str:
    """Identity of a fact: same kind, normalised value, currency and unit."""
    return f"{kind}:{value:.6g}:{currency or ''}:{_unit_key(unit)}"


def _quote_key(text: str) -> str:
    norm = "".join(c for c in _fold(text) if c.isalnum())[:300]
    return "q:" + hashlib.blake2b(norm.encode("utf-8"), digest_size=8).hexdigest()


def _hash(s) -> str:
    return s.content_hash or s.article.content_hash()


def _name(names: Names, cache: dict, kind: str, id_: str, lang: str, fallback: str) -> str:
    if kind not in cache:
        try:
            cache[kind] = names(kind)
        except Exception:  # noqa: BLE001 - names are cosmetic; the tag's own name will do
            cache[kind] = {}
    entry = cache[kind].get(id_)
    return (entry or {}).get(lang) or (entry or {}).get("en") or fallback or id_


def brief_article(s) -> BriefArticle:
    """The extract a briefing keeps of a stored article."""
    a = s.article
    return BriefArticle(id=s.id, content_hash=_hash(s), title=a.title, source=a.source,
                        date=a.date, lang=a.lang, url=a.url, lead=lead(a.body, source=a.source),
                        text=a.body)


def _ref(s, sentence: str = "", text: str = "") -> SourceRef:
    a = s.article
    return SourceRef(s.id, _hash(s), a.source, a.date, a.lang, sentence, text)


# ------------------------------------------------------------------ figures

@dataclass
class _Found:
    fig: BriefFigure
    headline: bool  # in some article's title
    order: tuple[int, int]  # (article index, position)


def _figures(stored: list, lang: str) -> list[BriefFigure]:
    found: dict[str, _Found] = {}
    for ai, s in enumerate(stored):
        art = s.article
        text = art.full_text()
        title_end = len(art.title) if art.title else 0
        seen: dict[str, SourceRef] = {}
        for f in getattr(s.analysis, "figures", []):
            key = figure_key(f.kind, f.value, f.currency, f.unit)
            start, end = f.span
            in_title = start < title_end
            sent = (text[start:end] and sentence_at(text, start, end)) or f.sentence
            if key in seen:
                # The body states it with more context than the headline or a subtitle.
                prev = seen[key].sentence
                if not in_title and sent[-1:] in _STOPS and (
                        prev == art.title.strip() or prev[-1:] not in _STOPS):
                    seen[key].sentence, seen[key].text = sent, f.text
                continue
            ref = _ref(s, sent, f.text)
            seen[key] = ref
            hit = found.get(key)
            if hit is None:
                fig = BriefFigure(key=key, value=f.value, kind=f.kind, value_text=f.text,
                                  sentence=sent, unit=f.unit, currency=f.currency,
                                  qualifier=f.qualifier, sources=[ref])
                found[key] = _Found(fig, in_title, (ai, start))
            else:
                hit.fig.sources.append(ref)
                hit.headline |= in_title
    for hit in found.values():
        _prefer_lang(hit.fig, lang)
    ranked = sorted(found.values(),
                    key=lambda h: (-(len(h.fig.sources) + h.headline), h.order))
    return [h.fig for h in ranked]


def _prefer_lang(fig: BriefFigure, lang: str) -> None:
    """Word the figure from a source in the briefing's language when there is one."""
    first = next((r for r in fig.sources if r.lang == lang), fig.sources[0])
    fig.sources.remove(first)
    fig.sources.insert(0, first)
    fig.value_text, fig.sentence = first.text or fig.value_text, first.sentence or fig.sentence


def _merge_figures(b: Briefing, proposed: list[BriefFigure]) -> None:
    have = {f.key: f for f in b.figures}
    for p in proposed:
        if f"figure:{p.key}" in b.dismissed:
            continue
        cur = have.get(p.key)
        if cur is None:
            b.figures.append(p)
            have[p.key] = p
            continue
        known = {r.content_hash for r in cur.sources}
        new = [r for r in p.sources if r.content_hash not in known]
        if new:
            cur.sources.extend(new)
            _prefer_lang(cur, b.lang)


# ------------------------------------------------------------------ quotes

def _speaker_id(q, people: list) -> str | None:
    if q.speaker:
        return q.speaker
    if not q.speaker_name:
        return None
    name = _fold(q.speaker_name)
    for t in people:
        if _fold(t.name) == name or name in {_fold(p) for p in t.phrases}:
            return t.id
    return None


def _quotes(stored: list, lang: str, names: Names, cache: dict) -> list[BriefQuote]:
    out: list[tuple[tuple, BriefQuote]] = []
    seen: set[str] = set()
    for ai, s in enumerate(stored):
        people = getattr(s.analysis, "people", [])
        tag_names = {t.id: t.name for t in people}
        for q in getattr(s.analysis, "quotes", []):
            text = " ".join(q.text.split())
            if not text:
                continue
            key = _quote_key(text)
            if key in seen:
                continue
            seen.add(key)
            sid = _speaker_id(q, people)
            known = bool(sid) and sid in cache.setdefault("person", _safe(names, "person"))
            name = (_name(names, cache, "person", sid, lang, tag_names.get(sid) or q.speaker_name
                          or "") if sid else (q.speaker_name or None))
            bq = BriefQuote(key=key, text=text, speaker=sid, speaker_name=name, source=_ref(s))
            # Words of the principals (people the rules know) before commentators'.
            out.append(((not known, ai, q.span[0]), bq))
    return [q for _, q in sorted(out, key=lambda x: x[0])]


def _safe(names: Names, kind: str) -> dict:
    try:
        return names(kind)
    except Exception:  # noqa: BLE001 - see _name
        return {}


def _merge_keyed(items: list, proposed: list, prefix: str, dismissed: list[str]) -> None:
    have = {i.key for i in items}
    for p in proposed:
        if p.key not in have and f"{prefix}:{p.key}" not in dismissed:
            items.append(p)
            have.add(p.key)


# ------------------------------------------------------------------ sections

def _main_sectors(analysis) -> list:
    sectors = list(getattr(analysis, "sectors", []))
    if not sectors:
        return []
    top = sectors[:1]
    if len(sectors) > 1 and len(sectors[1].spans) >= SECOND_SECTOR * len(sectors[0].spans):
        top.append(sectors[1])
    return top


def _sections(b: Briefing, stored: list, names: Names, cache: dict) -> list[BriefSection]:
    by: dict[str, BriefSection] = {}
    first: dict[str, int] = {}
    for ai, s in enumerate(stored):
        art = b.article(_hash(s))
        extract = art.lead if art else lead(s.article.body, source=s.article.source)
        for t in _main_sectors(s.analysis):
            sec = by.get(t.id)
            if sec is None:
                title = _name(names, cache, "sector", t.id, b.lang, t.name)
                sec = by[t.id] = BriefSection(sector=t.id, title=title)
                first[t.id] = ai
            sec.items.append(SectionItem(ref=_ref(s), extract=extract))
    return sorted(by.values(), key=lambda x: (-len(x.items), first[x.sector]))


def _merge_sections(b: Briefing, proposed: list[BriefSection]) -> None:
    have = {s.sector: s for s in b.sections}
    for p in proposed:
        if f"section:{p.sector}" in b.dismissed:
            continue
        cur = have.get(p.sector)
        if cur is None:
            p.items = [i for i in p.items if f"item:{p.sector}/{i.key}" not in b.dismissed]
            if p.items:
                b.sections.append(p)
                have[p.sector] = p
            continue
        keys = {i.key for i in cur.items}
        for i in p.items:
            if i.key not in keys and f"item:{p.sector}/{i.key}" not in b.dismissed:
                cur.items.append(i)


# ------------------------------------------------------------------ participants

def _participants(stored: list, lang: str, names: Names, cache: dict) -> list[Participant]:
    by: dict[str, Participant] = {}
    first: dict[str, tuple[int, int]] = {}
    for ai, s in enumerate(stored):
        author = _fold(s.article.author or "")
        h = _hash(s)
        a = s.analysis
        for kind, tags in (("person", getattr(a, "people", [])), ("org", getattr(a, "orgs", []))):
            for ti, t in enumerate(tags):
                if kind == "person" and author and _fold(t.name) == author:
                    continue  # the byline, not a participant
                key = f"{kind}:{t.id}"
                p = by.get(key)
                if p is None:
                    p = by[key] = Participant(kind=kind, id=t.id,
                                              name=_name(names, cache, kind, t.id, lang, t.name))
                    first[key] = (ai, ti)
                p.mentions[h] = max(len(t.spans), 1)
    for p in by.values():
        known = p.id in cache.get(p.kind, {})
        p.included = known or p.articles > 1
    return sorted(by.values(), key=lambda p: (-p.articles, -p.count, first[p.key]))


def _merge_participants(b: Briefing, proposed: list[Participant]) -> None:
    have = {p.key: p for p in b.participants}
    for p in proposed:
        cur = have.get(p.key)
        if cur is not None:
            cur.mentions.update(p.mentions)
        elif f"participant:{p.key}" not in b.dismissed:
            b.participants.append(p)
            have[p.key] = p


# ------------------------------------------------------------------ entry point

def propose(briefing: Briefing, stored_articles: Iterable, *, names: Names | None = None
            ) -> Briefing:
    """A new Briefing with `stored_articles` (desktop.corpus.library.StoredArticle: .id,
    .article, .analysis, .content_hash) added and its proposals filled in.

    Pure: `briefing` is not changed. Articles already in the briefing may be passed again
    (say, all of them after a retag); nothing is duplicated and the user's choices stay.
    """
    names = names or _vocabulary
    b = copy.deepcopy(briefing)
    stored, seen = [], set()
    for s in stored_articles:
        h = _hash(s)
        if h not in seen:
            seen.add(h)
            stored.append(s)
    for s in stored:
        if b.article(_hash(s)) is None:
            b.articles.append(brief_article(s))
    cache: dict = {}
    _merge_figures(b, _figures(stored, b.lang))
    _merge_keyed(b.quotes, _quotes(stored, b.lang, names, cache), "quote", b.dismissed)
    _merge_sections(b, _sections(b, stored, names, cache))
    _merge_participants(b, _participants(stored, b.lang, names, cache))
    return b
