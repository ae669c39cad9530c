"""Rule edits made from the app: add a name, keyword or exclusion, create a person or org.

Everything the app adds goes into ONE file, `<user rules dir>/kenes-edits.toml`, read after
the bundled rules like any user file (docs/rules.md), so a user can read, fix or delete it.
Each edit reads that file, changes one list, and writes it back atomically; the bytes before
and after are kept in the returned `RuleEdit` so the edit can be undone. Text from articles
is untrusted: it only ever becomes a TOML string value, written by tomli_w; keys (kinds,
ids, list names) come from the rules or from `slug()`. No Qt here.
"""

from __future__ import annotations

import re
import textwrap
import threading
import tomllib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import tomli_w

from desktop import paths
from desktop.analysis import pipeline
from desktop.analysis.entities import slug
from desktop.analysis.morph import ru_stem, valid_tail
from desktop.analysis.rules import (
    KINDS,
    NAME_LISTS,
    TYPED_LISTS,
    WEAK_LIST,
    parse_pattern,
    structure_error,
)
from desktop.fileio import atomic_write_bytes
from desktop.i18n import _

EDITS_NAME = "kenes-edits.toml"
GUIDE_NAME = "README.txt"  # not *.toml: the guide must never be read as rules
MAX_PATTERN = 120
MAX_ID = 80
MIN_PREFIX = 3  # letters before a trailing *: "а*" would tag nearly everything
COUNTRY_ONLY = ("cities", "adjectives")
NEW_KINDS = ("person", "org")
# Letters that only Kazakh uses among the languages Kenes reads, per script.
_KK_CYRILLIC = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
_KK_LATIN = frozenset("áäǵğıńñóöúüūýşçÁÄǴĞİŃÑÓÖÚÜŪÝŞÇ")
_BAD_CATEGORIES = ("Cc", "Cs")  # control characters; lone surrogates cannot be written as UTF-8
_lock = threading.Lock()  # one read-modify-write of the edits file at a time


class RuleEditError(ValueError):
    """A rule edit that cannot be made; str() is a clear user-facing message (translated)."""


@dataclass(frozen=True)
class RuleEdit:
    """One edit of a rule file, with the bytes needed to undo it."""

    path: Path  # the file written
    before: bytes | None  # its content before the edit (None: the file did not exist)
    after: bytes  # its content after
    kind: str
    id: str
    field: str
    pattern: str  # what was added


# --------------------------------------------------------------------------- folder + guide
def _guide() -> str:
    """The folder's plain-text guide, in the interface language of the moment."""
    def para(text: str) -> str:
        return textwrap.fill(text, 78)

    example = "\n".join([
        "[country.UZ]",
        'ru = ["Ўзбекистон"]            # ' + _("one more spelling of Uzbekistan"),
        "",
        "[sector.trade]",
        'ru = ["товарооборот*"]         # ' + _("* = the word with any ending"),
        'exclude = ["торговый центр*"]  # ' + _("a phrase that never counts"),
        'weak = ["товар*"]              # ' + _("counts half: alone it does not tag"),
    ])
    return "\n\n".join([
        _("Your own tagging rules for Kenes"),
        para(_("Files in this folder whose names end in .toml are read after the rules that "
               "come with Kenes, in name order, so what they say wins: lists of names and "
               "keywords are extended, display names are replaced.")),
        para(_("{file} is written by Kenes when you add a name, a keyword or an exclusion "
               "from the reader. You may edit it by hand: removing a line removes that "
               "addition. Comments you write in it are not kept, so keep your own rules in "
               "another .toml file.").format(file=EDITS_NAME)),
        _("Example:"),
        example,
        para(_("A name matches with its grammatical endings; * at the end matches any "
               "continuation of the word, ! matches exactly the word as written.")),
        para(_("After editing, re-tag the library: Tools → Re-tag library in the app, or run "
               "`kenes retag`.")),
        para(_("This guide ({file}) is not read as rules.").format(file=GUIDE_NAME)),
    ]) + "\n"


def rules_folder(create: bool = True, folder: Path | None = None) -> Path:
    """The user rules folder; with `create`, made if missing and given its guide.

    Raises OSError when the folder cannot be created (a read-only data folder).
    """
    d = Path(folder) if folder is not None else paths.user_rules_dir()
    if create:
        d.mkdir(parents=True, exist_ok=True)
        try:  # "x": never overwrite a guide the user may have edited
            with open(d / GUIDE_NAME, "x", encoding="utf-8") as f:
                f.write(_guide())
        except FileExistsError:
            pass
    return d


# --------------------------------------------------------------------------- language
def field_for(text: str, article_lang: str | None) -> str:
    """Which name list a pattern written like `text` belongs to, decided by its letters."""
    cyrillic = sum(1 for c in text if "\u0400" <= c <= "\u052f" and c.isalpha())
    latin = sum(1 for c in text if c < "\u0250" and c.isalpha())
    kk = article_lang == "kk"
    if cyrillic and cyrillic >= latin:
        return "kk" if kk or any(c in _KK_CYRILLIC for c in text) else "ru"
    return "kk_latn" if kk or any(c in _KK_LATIN for c in text) else "en"


# --------------------------------------------------------------------------- validation
def _clean(text: object) -> str:
    """Untrusted text as a pattern: whitespace collapsed; refused when it cannot be one."""
    if not isinstance(text, str):
        raise RuleEditError(_("The text is not valid."))
    p = " ".join(text.split())  # newlines and tabs become single spaces, as in matching
    if any(unicodedata.category(c) in _BAD_CATEGORIES for c in p):
        raise RuleEditError(_("The text contains control characters."))
    if not any(c.isalpha() for c in p):
        raise RuleEditError(_("The text has no letters."))
    if len(p) > MAX_PATTERN:
        raise RuleEditError(
            _("The text is too long (at most {n} characters).").format(n=MAX_PATTERN))
    return p


def _check_target(kind: str, id_: str, field: str) -> None:
    if kind not in KINDS:
        raise RuleEditError(_("Unknown kind of rule: {kind}").format(kind=kind))
    if field not in NAME_LISTS and field not in TYPED_LISTS and field != WEAK_LIST:
        raise RuleEditError(_("Unknown rule list: {field}").format(field=field))
    if field == WEAK_LIST and kind != "sector":
        raise RuleEditError(_("Only a sector keyword can be made weak."))
    if field in COUNTRY_ONLY and kind != "country":
        raise RuleEditError(_("Cities and adjectives can only be added to a country."))
    # ids come from the rules or slug(); still, one that could not be a key is refused
    if (not isinstance(id_, str) or not id_ or id_ != id_.strip() or len(id_) > MAX_ID
            or any(unicodedata.category(c) in _BAD_CATEGORIES for c in id_)):
        raise RuleEditError(_("Unknown rule entry: {id}").format(id=id_))


# --------------------------------------------------------------------------- file I/O
def _write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` all at once: a crash leaves the old or the new file."""
    atomic_write_bytes(path, data)


def _read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _header() -> str:
    lines = _("Written by Kenes when you add a name, keyword or exclusion from the reader.\n"
              "Safe to edit by hand: removing a line removes that addition.\n"
              "Comments here are not kept; write your own rules in another .toml file.")
    return "".join("# " + line + "\n" for line in lines.splitlines()) + "\n"


def _table(parent: dict, key: str, path: Path) -> dict:
    v = parent.setdefault(key, {})
    if not isinstance(v, dict):
        raise RuleEditError(_("{file}: “{key}” is not a table; fix the file first.")
                            .format(file=path, key=key))
    return v


def _edit(kind: str, id_: str, field: str, pattern: str, folder: Path | None,
          change: Callable[[dict, Path], None]) -> RuleEdit:
    """Read the edits file, apply `change` to its data, write it back; the edit made."""
    with _lock:
        try:
            path = rules_folder(True, folder) / EDITS_NAME
            before = _read_bytes(path)
        except OSError as exc:
            raise RuleEditError(_("The rules folder cannot be used: {error}")
                                .format(error=exc)) from exc
        try:
            data = tomllib.loads(before.decode("utf-8")) if before is not None else {}
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise RuleEditError(_("{file} cannot be read, so nothing was changed: {error}")
                                .format(file=path, error=exc)) from exc
        change(data, path)
        text = _header() + tomli_w.dumps(data)
        # never write what would not read back the same (compared as text: nan != nan)
        if tomli_w.dumps(tomllib.loads(text)) != tomli_w.dumps(data):
            raise RuleEditError(_("The rule could not be written safely."))
        after = text.encode("utf-8")
        try:
            _write_atomic(path, after)
        except OSError as exc:
            raise RuleEditError(_("{file} cannot be written: {error}")
                                .format(file=path, error=exc)) from exc
        return RuleEdit(path, before, after, kind, id_, field, pattern)


# --------------------------------------------------------------------------- edits
def add_pattern(kind: str, id_: str, field: str, pattern: str,
                folder: Path | None = None) -> RuleEdit:
    """Add `pattern` to list `field` of entry kind/id_ in the edits file."""
    _check_target(kind, id_, field)
    p = _clean(pattern)
    if p.endswith("*") and sum(c.isalpha() for c in p) < MIN_PREFIX:
        raise RuleEditError(_("A rule ending in * needs at least {n} letters before it, or "
                              "it would match almost every article.").format(n=MIN_PREFIX))

    def change(data: dict, path: Path) -> None:
        entry = _table(_table(data, kind, path), id_, path)
        lst = entry.setdefault(field, [])
        if not isinstance(lst, list):
            raise RuleEditError(_("{file}: “{key}” is not a list; fix the file first.")
                                .format(file=path, key=field))
        if any(isinstance(x, str) and " ".join(x.split()) == p for x in lst):
            raise RuleEditError(_("“{pattern}” is already in the rules.").format(pattern=p))
        lst.append(p)

    return _edit(kind, id_, field, p, folder, change)


def add_exclusion(kind: str, id_: str, phrase: str, folder: Path | None = None) -> RuleEdit:
    """Make `phrase` never match (an `exclude` pattern beats names on the same words)."""
    return add_pattern(kind, id_, "exclude", phrase, folder)


def add_weak(kind: str, id_: str, pattern: str, folder: Path | None = None) -> RuleEdit:
    """Make a sector keyword count half (`weak`): alone it no longer tags the sector."""
    return add_pattern(kind, id_, WEAK_LIST, pattern, folder)


_LETTERS = "[^\\W\\d_]*"


def _fold(s: str) -> str:
    return s.casefold().replace("ё", "е")


def _matches(text: str, policy: str, phrase: str, ru: bool) -> bool:
    """Whether a pattern (text, ending policy) matches a phrase as the analysis found it."""
    words = [_LETTERS.join(map(re.escape, w.split("*"))) for w in _fold(text).split(" ")]
    rest = {"any": _LETTERS, "exact": "", "suffix": f"(?P<tail>{_LETTERS})"}[policy]
    m = re.fullmatch("\\s+".join(words) + rest, _fold(phrase))
    if m is None and ru and policy == "suffix":  # Турция: Турци- + endings (rules._surfaces)
        stem, ending = ru_stem(_fold(text))
        return bool(ending) and _matches(stem, policy, phrase, False)
    return m is not None and (policy != "suffix" or valid_tail(m.group("tail")))


def keyword_behind(kind: str, id_: str, phrase: str) -> tuple[str, str] | None:
    """The pattern of entry kind/id_ that matched `phrase`, with its list name ("ru",
    "weak"…): the longest one that matches, as the scanner prefers the longest surface.
    None when no name or keyword list of the entry matches it."""
    e = pipeline.entry(kind, id_)
    if e is None or not isinstance(phrase, str):
        return None
    best: tuple[tuple[int, bool], str, str] | None = None
    for list_name, pats in e.patterns.items():
        if list_name == "exclude":
            continue
        for p in pats:
            text, policy = parse_pattern(p)
            # on the same text a weak listing wins, as in rules._surfaces
            key = (len(text), list_name == WEAK_LIST)
            if text and (best is None or key > best[0]) and _matches(
                    text, policy, phrase, list_name == "ru"):
                best = (key, p, list_name)
    return (best[1], best[2]) if best else None


def add_entry(kind: str, name: str, field: str, folder: Path | None = None) -> RuleEdit:
    """Create a person or organisation named `name`, matched by that name in list `field`."""
    if kind not in NEW_KINDS:
        raise RuleEditError(_("Only a person or an organisation can be added."))
    if field not in NAME_LISTS:
        raise RuleEditError(_("Unknown rule list: {field}").format(field=field))
    p = _clean(name)
    display = p.rstrip("*!") or p  # a pattern marker is not part of the display name
    id_ = slug(display)
    if not id_:
        raise RuleEditError(_("“{name}” cannot be turned into an id; write it in Latin or "
                              "Cyrillic letters.").format(name=p))
    exists = _("“{name}” already exists in the rules; add a variant instead.").format(name=p)
    if (kind, id_) in pipeline.rules().entries:
        raise RuleEditError(exists)

    def change(data: dict, path: Path) -> None:
        if id_ in _table(data, kind, path):
            raise RuleEditError(exists)
        data[kind][id_] = {"name": display, field: [p]}

    return _edit(kind, id_, field, p, folder, change)


def undo(edit: RuleEdit) -> None:
    """Put the file back as it was before `edit`, unless it has changed since."""
    with _lock:
        try:
            if _read_bytes(edit.path) != edit.after:
                raise RuleEditError(_("{file} has changed since this edit; nothing was undone.")
                                    .format(file=edit.path))
            if edit.before is None:
                edit.path.unlink()
            else:
                _write_atomic(edit.path, edit.before)
        except OSError as exc:
            raise RuleEditError(_("{file} cannot be written: {error}")
                                .format(file=edit.path, error=exc)) from exc


# --------------------------------------------------------------------------- checking
def rule_file_errors(folder: Path | None = None) -> list[tuple[Path, str]]:
    """User rule files that cannot be read, with why: shown before a re-tag."""
    d = rules_folder(False, folder)
    if not d.is_dir():
        return []
    out: list[tuple[Path, str]] = []
    for f in sorted(d.glob("*.toml")):
        try:
            data = tomllib.loads(f.read_bytes().decode("utf-8"))
        except UnicodeDecodeError as exc:
            out.append((f, _("not saved as UTF-8 text ({error})").format(error=exc)))
            continue
        except (OSError, tomllib.TOMLDecodeError) as exc:
            out.append((f, str(exc)))
            continue
        why = structure_error(data)
        if why:
            out.append((f, why))
    return out
