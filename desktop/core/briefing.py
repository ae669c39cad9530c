"""The briefing document: what the user composes and Kenes exports (Qt-free).

A briefing is plain data. It refers to articles by library id *and* content hash and keeps
the extracts it uses (title, outlet, date, language, lead, full text), so it still exports
after an article has left the library. Its file form is `.kenes-brief`, versioned JSON
(see docs/briefing-format.md); `load` migrates older versions and refuses newer ones.

Every proposed item (figure, quote, section, section item, participant) carries a stable
`key`, so re-proposing after adding articles keeps the user's ticks, wording and order.
Edits are pure operations in `briefing_edits`; proposals come from `briefing_propose`.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from desktop.fileio import atomic_write_bytes
from desktop.i18n import _

SCHEMA = "kenes-brief"
VERSION = 1
SUFFIX = ".kenes-brief"
LANGS = ("kk", "ru", "en")

# Parts of the document in their default order; `Briefing.order` is a permutation of these.
PARTS = ("objectives", "key_messages", "background", "programme", "figures", "sections",
         "quotes", "participants", "sources", "annex")


class BriefingError(Exception):
    """A briefing file cannot be read or written; `str(err)` is a translated user message."""


@dataclass
class SourceRef:
    """Where an item comes from: the article (library id + content hash) and its extract."""

    article_id: int | None
    content_hash: str
    source: str | None = None  # outlet
    date: str | None = None  # ISO YYYY-MM-DD
    lang: str = "other"
    sentence: str = ""  # the sentence the item was found in (figures)
    text: str = ""  # the item as written in this article (figures: "1,7 млрд доллар")


@dataclass
class BriefArticle:
    """An article the briefing draws on, with everything export needs kept inline."""

    id: int | None  # library id; kept even after the article is deleted from the library
    content_hash: str
    title: str = ""
    source: str | None = None
    date: str | None = None
    lang: str = "other"
    url: str | None = None
    lead: str = ""  # its lead sentences, for sections and digests
    text: str = ""  # the body, for the annex
    included: bool = True  # listed among the sources / printed in the annex


@dataclass
class BriefFigure:
    """A key figure; the same fact reported in several articles/languages is one figure."""

    key: str  # "money:1.7e+09:USD:" — kind, normalised value, currency, unit
    value: float
    kind: str  # money | count | percent
    value_text: str  # as written in the first source
    sentence: str = ""  # the sentence of the first source
    unit: str | None = None
    currency: str | None = None
    qualifier: str | None = None
    sources: list[SourceRef] = field(default_factory=list)
    wording: str | None = None  # the user's wording; None = use `sentence`
    included: bool = True

    def display(self) -> str:
        return self.wording if self.wording is not None else self.sentence


@dataclass
class BriefQuote:
    key: str
    text: str
    speaker: str | None = None  # canonical person id when known
    speaker_name: str | None = None  # display name (vocabulary, else as written)
    source: SourceRef | None = None
    wording: str | None = None
    included: bool = True

    def display(self) -> str:
        return self.wording if self.wording is not None else self.text


@dataclass
class SectionItem:
    """One article in a sector section, with its short extract."""

    ref: SourceRef
    extract: str = ""
    wording: str | None = None
    included: bool = True

    @property
    def key(self) -> str:
        return self.ref.content_hash

    def display(self) -> str:
        return self.wording if self.wording is not None else self.extract


@dataclass
class BriefSection:
    sector: str  # sector id from analysis ("energy")
    title: str = ""  # display title; the user may rename it
    items: list[SectionItem] = field(default_factory=list)
    included: bool = True

    @property
    def key(self) -> str:
        return self.sector


@dataclass
class Participant:
    kind: str  # person | org
    id: str
    name: str = ""
    mentions: dict[str, int] = field(default_factory=dict)  # content hash -> mentions there
    wording: str | None = None  # e.g. a name with the role the user adds
    included: bool = True

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.id}"

    @property
    def count(self) -> int:
        """Mentions across the briefing's articles."""
        return sum(self.mentions.values())

    @property
    def articles(self) -> int:
        """How many of the briefing's articles mention it."""
        return len(self.mentions)

    def display(self) -> str:
        return self.wording if self.wording is not None else self.name


@dataclass
class Briefing:
    title: str = ""
    event_start: str | None = None  # ISO date
    event_end: str | None = None
    place: str = ""
    partners: list[str] = field(default_factory=list)  # ISO country codes
    audience: str = ""
    author: str = ""
    unit: str = ""
    classification: str = ""
    lang: str = "en"  # kk | ru | en: headings, dates and numbers of the export
    prepared_on: str | None = None  # ISO date; export uses today when None
    objectives: str = ""  # plain text; lines starting with "- " are list items
    key_messages: str = ""
    background: str = ""
    programme: str = ""
    articles: list[BriefArticle] = field(default_factory=list)
    figures: list[BriefFigure] = field(default_factory=list)
    quotes: list[BriefQuote] = field(default_factory=list)
    sections: list[BriefSection] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
    order: list[str] = field(default_factory=lambda: list(PARTS))
    include_annex: bool = False
    dismissed: list[str] = field(default_factory=list)  # "figure:<key>"...: never re-proposed

    # ------------------------------------------------------------------ look-ups
    def article(self, ref: SourceRef | str) -> BriefArticle | None:
        """The briefing's article for a reference (or a content hash)."""
        h = ref if isinstance(ref, str) else ref.content_hash
        return next((a for a in self.articles if a.content_hash == h), None)

    def sources(self) -> list[BriefArticle]:
        """The sources list: included articles by date, then outlet, then title."""
        return sorted((a for a in self.articles if a.included),
                      key=lambda a: (a.date or "", a.source or "", a.title))

    def to_json(self) -> dict:
        return {"schema": SCHEMA, "version": VERSION, **asdict(self)}

    @classmethod
    def from_json(cls, d: dict) -> Briefing:
        """Build from a current-version dict (see `migrate` for older ones)."""
        return _build(cls, d)


# ------------------------------------------------------------------ JSON form

_NESTED: dict[type, dict[str, type]] = {
    Briefing: {"articles": BriefArticle, "figures": BriefFigure, "quotes": BriefQuote,
               "sections": BriefSection, "participants": Participant},
    BriefFigure: {"sources": SourceRef},
    BriefQuote: {"source": SourceRef},
    BriefSection: {"items": SectionItem},
    SectionItem: {"ref": SourceRef},
}


_BASIC = {"str": str, "int": int, "float": (int, float), "bool": bool, "None": type(None),
          "Any": object}


def _check_type(cls: type, name: str, annotation: str, v: Any) -> None:
    """Refuse a value of the wrong JSON type (a hand-edited or damaged file)."""
    ok: list = []
    for part in annotation.split("|"):
        part = part.strip()
        base = part.split("[", 1)[0]
        ok.append({"list": list, "dict": dict}.get(base) or _BASIC.get(base, object))
    if isinstance(v, bool) and bool not in ok and object not in ok:
        ok = []  # JSON true is not a number here
    if not any(isinstance(v, t) for t in ok):
        raise TypeError(f"{cls.__name__}.{name}: unexpected {type(v).__name__}")


def _build(cls: type, d: Any):
    """`cls` from a dict, ignoring keys it does not know (fields added by later tools)."""
    if not isinstance(d, dict):
        raise TypeError(f"{cls.__name__}: expected an object, got {type(d).__name__}")
    nested = _NESTED.get(cls, {})
    kw = {}
    for f in fields(cls):
        if f.name not in d:
            continue
        v = d[f.name]
        sub = nested.get(f.name)
        if sub is None:
            _check_type(cls, f.name, str(f.type), v)
        elif f.default_factory is list:
            if not isinstance(v, list):
                raise TypeError(f"{cls.__name__}.{f.name}: expected a list")
            v = [_build(sub, x) for x in v]
        elif v is not None:
            v = _build(sub, v)
        kw[f.name] = v
    return cls(**kw)


def _v0_to_v1(d: dict) -> dict:
    """Version 0 (early drafts): `event_date` instead of start/end, articles as `refs`,
    figures with a single `source` instead of `sources`."""
    d = dict(d)
    if "event_date" in d:
        d.setdefault("event_start", d.pop("event_date"))
    if "refs" in d:
        d.setdefault("articles", d.pop("refs"))
    figs = []
    for f in d.get("figures", []):
        f = dict(f)
        if "source" in f:
            src = f.pop("source")
            f.setdefault("sources", [src] if src else [])
        figs.append(f)
    d["figures"] = figs
    d["version"] = 1
    return d


_MIGRATIONS = {0: _v0_to_v1}  # version n -> n + 1


def migrate(d: dict) -> dict:
    """Bring a parsed `.kenes-brief` dict of any known version to the current one.

    Raises BriefingError for other schemas and for versions newer than this program."""
    if not isinstance(d, dict) or d.get("schema") != SCHEMA:
        raise BriefingError(_("This file is not a Kenes briefing."))
    v = d.get("version")
    if not isinstance(v, int) or isinstance(v, bool) or v < 0:
        raise BriefingError(_("This briefing file has no valid version number."))
    if v > VERSION:
        raise BriefingError(
            _("This briefing was saved by a newer version of Kenes (format {found}; this "
              "version reads up to {known}). Update Kenes to open it.").format(
                found=v, known=VERSION))
    while v < VERSION:
        try:
            d = _MIGRATIONS[v](d)
        except (TypeError, ValueError, AttributeError, KeyError) as e:
            raise BriefingError(_("The briefing file is damaged ({detail}).").format(
                detail=e)) from e
        v = d["version"]
    return d


def from_dict(d: dict) -> Briefing:
    """A Briefing from a parsed file of any known version."""
    d = migrate(d)
    try:
        b = Briefing.from_json(d)
        b.order = [p for p in dict.fromkeys(b.order) if p in PARTS]
    except (TypeError, ValueError, AttributeError) as e:
        raise BriefingError(_("The briefing file is damaged ({detail}).").format(detail=e)) from e
    if b.lang not in LANGS:
        b.lang = "en"
    b.order += [p for p in PARTS if p not in b.order]
    return b


def dumps(b: Briefing, *, compact: bool = False) -> str:
    """The file text; `compact` (drafts) skips the indentation, several times faster."""
    doc = {"schema": SCHEMA, "version": VERSION, **vars(b)}
    # default=vars serialises the nested dataclasses like asdict(), without its deep copy
    if compact:
        return json.dumps(doc, default=vars, ensure_ascii=False, separators=(",", ":"))
    return json.dumps(doc, default=vars, ensure_ascii=False, indent=1) + "\n"


def loads(text: str) -> Briefing:
    try:
        d = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as e:
        raise BriefingError(_("The briefing file is damaged or incomplete and cannot be read."
                              )) from e
    return from_dict(d)


def load(path: str | os.PathLike) -> Briefing:
    """Read a `.kenes-brief` file; BriefingError with a user-facing message on failure."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError as e:
        raise BriefingError(_("The briefing file {path} does not exist.").format(path=path)) from e
    except OSError as e:
        raise BriefingError(_("The briefing file {path} cannot be read: {reason}").format(
            path=path, reason=e.strerror or e)) from e
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise BriefingError(_("The briefing file is damaged or incomplete and cannot be read."
                              )) from e
    return loads(text)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` all at once: a crash leaves the old or the new file."""
    atomic_write_bytes(path, data)


def save(b: Briefing, path: str | os.PathLike) -> Path:
    """Write `b` to `path` atomically (temp file in the same folder, fsync, rename)."""
    path = Path(path)
    try:
        write_atomic(path, dumps(b).encode("utf-8"))
    except OSError as e:
        raise BriefingError(_("The briefing could not be saved to {path}: {reason}").format(
            path=path, reason=e.strerror or e)) from e
    return path


# ------------------------------------------------------------------ operations (re-exported)

def propose(briefing: Briefing, stored_articles) -> Briefing:
    """See `briefing_propose.propose`."""
    from desktop.core.briefing_propose import propose as _propose

    return _propose(briefing, stored_articles)


def apply(briefing: Briefing, edit) -> tuple[Briefing, Any]:
    """See `briefing_edits.apply`."""
    from desktop.core.briefing_edits import apply as _apply

    return _apply(briefing, edit)
