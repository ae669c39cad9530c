"""Pure, undoable edits of a Briefing: `apply(b, edit) -> (new_b, inverse)`.

`apply` never changes `b`; applying `inverse` to `new_b` gives back a briefing equal to
`b`, and applying the inverse's inverse redoes the edit — what a QUndoCommand needs.
Edits are small frozen command objects, so the UI can show and merge them.

Items are addressed by kind and key:
  "figure" (BriefFigure.key), "quote" (BriefQuote.key), "section" (sector id),
  "item" ("<sector>/<content hash>": an article within a section),
  "participant" ("person:<id>" / "org:<id>"), "article" (content hash).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, fields
from typing import Any

from desktop.core.briefing import LANGS, PARTS, Briefing, BriefingError, BriefSection
from desktop.i18n import _

# Fields a SetField edit may change (the lists of proposals change through other edits).
TEXT_FIELDS = ("title", "event_start", "event_end", "place", "audience", "author", "unit",
               "classification", "prepared_on", "objectives", "key_messages", "background",
               "programme")
SETTABLE = (*TEXT_FIELDS, "partners", "lang", "include_annex", "order")
KINDS = ("figure", "quote", "section", "item", "participant", "article")


@dataclass(frozen=True)
class SetField:
    """Set one metadata or text field (title, dates, objectives, lang, order...)."""

    name: str
    value: Any


@dataclass(frozen=True)
class SetFields:
    """Replace whole fields at once; the inverse of the edits that touch several lists."""

    values: dict = field(default_factory=dict)


@dataclass(frozen=True)
class AddArticles:
    """Add stored articles (desktop.corpus.library.StoredArticle) and re-propose."""

    stored: tuple


@dataclass(frozen=True)
class RemoveArticles:
    """Remove articles (content hashes) and every item drawn only from them."""

    hashes: tuple[str, ...]


@dataclass(frozen=True)
class SetIncluded:
    """Tick or untick an item."""

    kind: str
    key: str
    included: bool


@dataclass(frozen=True)
class EditWording:
    """The user's wording of an item; None goes back to the proposed text.
    For a section it is its title."""

    kind: str
    key: str
    text: str | None


@dataclass(frozen=True)
class MoveSection:
    """Move a sector section from index `src` to index `dst` (list positions)."""

    src: int
    dst: int


@dataclass(frozen=True)
class MovePart:
    """Move a part of the document (see PARTS) from `src` to `dst` in `Briefing.order`."""

    src: int
    dst: int


@dataclass(frozen=True)
class MoveItem:
    """Move an article within the section `sector` from index `src` to index `dst`."""

    sector: str
    src: int
    dst: int


@dataclass(frozen=True)
class MoveEntry:
    """Move a figure, quote, participant or article within its list, `src` to `dst`."""

    kind: str
    src: int
    dst: int


@dataclass(frozen=True)
class RemoveItem:
    """Remove one item; it is not proposed again when articles are added later."""

    kind: str
    key: str


Edit = (SetField | SetFields | AddArticles | RemoveArticles | SetIncluded | EditWording
        | MoveSection | MovePart | MoveItem | MoveEntry | RemoveItem)


def _bad(msg: str) -> BriefingError:
    return BriefingError(msg)


_LIST_OF = {"figure": "figures", "quote": "quotes", "section": "sections",
            "participant": "participants", "article": "articles"}


def _no_item() -> BriefingError:
    return _bad(_("The briefing has no such item."))


def _own_list(new: Briefing, name: str) -> list:
    """`new.<name>` replaced by a copy of the list, so changing it leaves the old briefing."""
    lst = list(getattr(new, name))
    setattr(new, name, lst)
    return lst


def _own_section(new: Briefing, sector: str) -> BriefSection:
    """A private copy of the section (and of its item list) inside `new`."""
    sections = _own_list(new, "sections")
    for n, sec in enumerate(sections):
        if sec.sector == sector:
            sec = copy.copy(sec)
            sec.items = list(sec.items)
            sections[n] = sec
            return sec
    raise _no_item()


def _locate(new: Briefing, kind: str, key: str) -> tuple[list, int]:
    """The (privately copied) list holding the item in `new`, and its index there."""
    if kind == "item":
        sector, _sep, h = key.partition("/")
        lst = _own_section(new, sector).items
        key = h
    elif kind in _LIST_OF:
        lst = _own_list(new, _LIST_OF[kind])
    else:
        raise _no_item()
    keyf = (lambda a: a.content_hash) if kind == "article" else (lambda i: i.key)
    for n, item in enumerate(lst):
        if keyf(item) == key:
            return lst, n
    raise _no_item()


def _own_item(new: Briefing, kind: str, key: str):
    """A private copy of one item inside `new`, ready to change."""
    lst, n = _locate(new, kind, key)
    lst[n] = copy.copy(lst[n])
    return lst[n]


def _snapshot(b: Briefing, names: tuple[str, ...]) -> SetFields:
    return SetFields({n: copy.deepcopy(getattr(b, n)) for n in names})


def _move(lst: list, src: int, dst: int) -> None:
    if not (0 <= src < len(lst) and 0 <= dst < len(lst)):
        raise _no_item()
    lst.insert(dst, lst.pop(src))


def _remove_articles(b: Briefing, hashes: set[str]) -> None:
    """Drop the articles and what only they support (`b` is a private deep copy)."""
    b.articles = [a for a in b.articles if a.content_hash not in hashes]
    for f in b.figures:
        f.sources = [r for r in f.sources if r.content_hash not in hashes]
    b.figures = [f for f in b.figures if f.sources]
    for f in b.figures:  # worded from a source that is still there
        f.value_text = f.sources[0].text or f.value_text
        f.sentence = f.sources[0].sentence or f.sentence
    b.quotes = [q for q in b.quotes if not (q.source and q.source.content_hash in hashes)]
    for s in b.sections:
        s.items = [i for i in s.items if i.ref.content_hash not in hashes]
    b.sections = [s for s in b.sections if s.items]
    for p in b.participants:
        for h in hashes:
            p.mentions.pop(h, None)
    b.participants = [p for p in b.participants if p.mentions]


_LISTS = ("articles", "figures", "quotes", "sections", "participants", "dismissed")


def apply(b: Briefing, edit: Edit) -> tuple[Briefing, Edit]:
    """The briefing after `edit`, and the edit that undoes it. `b` is left unchanged.

    The new briefing shares the parts the edit did not touch with `b` (so an edit costs
    little even with many long articles): treat briefings as values and change them only
    through `apply`. Raises BriefingError (user-facing message) for an edit that does not
    fit `b`."""
    new = copy.copy(b)
    if isinstance(edit, SetField):
        if edit.name not in SETTABLE:
            raise _bad(_("This part of the briefing cannot be edited."))
        value = copy.deepcopy(edit.value)
        if edit.name == "lang" and value not in LANGS:
            raise _bad(_("A briefing's language must be Kazakh, Russian or English."))
        if edit.name == "order" and sorted(value) != sorted(PARTS):
            raise _bad(_("The order must list every part of the briefing once."))
        setattr(new, edit.name, value)
        return new, SetField(edit.name, copy.deepcopy(getattr(b, edit.name)))
    if isinstance(edit, SetFields):
        known = {f.name for f in fields(Briefing)}
        if not set(edit.values) <= known:
            raise _bad(_("This part of the briefing cannot be edited."))
        for n, v in edit.values.items():
            setattr(new, n, copy.deepcopy(v))
        return new, _snapshot(b, tuple(edit.values))
    if isinstance(edit, AddArticles):
        from desktop.core.briefing_propose import propose

        return propose(b, edit.stored), _snapshot(b, _LISTS)
    if isinstance(edit, RemoveArticles):
        new = copy.deepcopy(b)
        _remove_articles(new, set(edit.hashes))
        return new, _snapshot(b, _LISTS)
    if isinstance(edit, SetIncluded):
        item = _own_item(new, edit.kind, edit.key)
        inverse: Edit = SetIncluded(edit.kind, edit.key, item.included)
        item.included = bool(edit.included)
        return new, inverse
    if isinstance(edit, EditWording):
        attr = "title" if edit.kind == "section" else "wording"
        if edit.kind == "article" or (attr == "title" and edit.text is None):
            raise _bad(_("The wording of this item cannot be edited."))
        item = _own_item(new, edit.kind, edit.key)
        inverse = EditWording(edit.kind, edit.key, getattr(item, attr))
        setattr(item, attr, edit.text)
        return new, inverse
    if isinstance(edit, MoveSection):
        _move(_own_list(new, "sections"), edit.src, edit.dst)
        return new, MoveSection(edit.dst, edit.src)
    if isinstance(edit, MovePart):
        _move(_own_list(new, "order"), edit.src, edit.dst)
        return new, MovePart(edit.dst, edit.src)
    if isinstance(edit, MoveItem):
        _move(_own_section(new, edit.sector).items, edit.src, edit.dst)
        return new, MoveItem(edit.sector, edit.dst, edit.src)
    if isinstance(edit, MoveEntry):
        if edit.kind not in ("figure", "quote", "participant", "article"):
            raise _no_item()
        _move(_own_list(new, _LIST_OF[edit.kind]), edit.src, edit.dst)
        return new, MoveEntry(edit.kind, edit.dst, edit.src)
    if isinstance(edit, RemoveItem):
        if edit.kind == "article":
            return apply(b, RemoveArticles((edit.key,)))
        lst, n = _locate(new, edit.kind, edit.key)
        del lst[n]
        if edit.kind == "item":
            new.sections = [s for s in new.sections if s.items]
        tag = f"{edit.kind}:{edit.key}"
        if tag not in new.dismissed:
            new.dismissed = [*new.dismissed, tag]
        touched = "sections" if edit.kind == "item" else _LIST_OF[edit.kind]
        return new, _snapshot(b, (touched, "dismissed"))
    raise _bad(_("Unknown briefing edit."))
