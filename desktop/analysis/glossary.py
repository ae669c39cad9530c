"""Kazakh ↔ Russian term pairs: bundled `resources/glossary/*.toml` plus the user's own file.

Format (docs/glossary.md): a `[terms]` table whose keys are Kazakh terms and whose values
are the Russian term or a list of Russian variants. A term matches a text in any grammatical
form: each of its words matches a word that starts with the word's stem (a Russian ending,
or a Kazakh final vowel/voiceless consonant that changes before a suffix, taken off), so
`тауар айналымы` finds `тауар айналымының` and `товарооборот` finds `товарооборота`.
The aligner uses the terms found on both sides as anchors.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from desktop import paths
from desktop.fileio import atomic_write
from desktop.i18n import _

USER_FILE = Path("glossary") / "user.toml"


class GlossaryError(ValueError):
    """A glossary edit that cannot be made; str(e) is a translated message for the user."""


@dataclass(frozen=True)
class Term:
    kk: str
    ru: tuple[str, ...]
    topic: str = ""
    user: bool = False


@dataclass(frozen=True)
class GlossaryEdit:
    """One undoable change to the user glossary: add or remove a (kk, ru) pair."""

    op: str  # "add" | "remove"
    kk: str
    ru: str

    def inverse(self) -> GlossaryEdit:
        return GlossaryEdit("remove" if self.op == "add" else "add", self.kk, self.ru)


_RU_ENDINGS = sorted("""
ого его ому ему ыми ими ая яя ое ее ые ие ый ий ой ую юю ов ев ей ам ям ах ях ом ем ами ями
а я о е ы и у ю ь й ё
""".split(), key=len, reverse=True)
_KK_FINAL = "ыіқкпаеу"
_WORDS = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def _norm(s: str) -> str:
    return s.lower().replace("ё", "е")


def stem(word: str, lang: str) -> str:
    """The part of a term word that every inflected form starts with."""
    w = _norm(word)
    if len(w) <= 3 or word.isupper() or any(c.isdigit() for c in w):
        return w
    if lang == "ru":
        for e in _RU_ENDINGS:
            if w.endswith(e) and len(w) - len(e) >= 3:
                return w[: -len(e)]
        return w
    # Kazakh: a final possessive vowel is replaced by case suffixes, a final қ/к/п voices
    while len(w) > 4 and w[-1] in _KK_FINAL and len(word) - len(w) < 2:
        w = w[:-1]
    return w


def _word_matches(word: str, st: str, whole: bool) -> bool:
    """A text word is a form of a term word: it starts with the stem; a short word or an
    abbreviation must be the whole word, or take a hyphenated ending (БҰҰ-ның)."""
    if whole:
        return word == st or word.startswith(st + "-")
    return word.startswith(st)


class _Matcher:
    """Finds term occurrences in a text: terms are indexed by their first word's stem (its
    first four letters, or the whole of a short stem), so each text word looks up few."""

    def __init__(self) -> None:
        self.index: dict[str, list[tuple[object, tuple[tuple[str, bool], ...]]]] = {}

    def add(self, concept: object, term: str, lang: str) -> None:
        parts = []
        for w in _WORDS.findall(term):
            st = stem(w, lang)
            parts.append((st, len(w) <= 3 or w.isupper()))
        if parts:
            self.index.setdefault(parts[0][0][:4], []).append((concept, tuple(parts)))

    def find(self, text: str) -> set:
        words = _WORDS.findall(_norm(text))
        found: set = set()
        index = self.index
        empty: tuple = ()
        for i, w in enumerate(words):
            # a stem of 4+ letters is keyed by its first four, a shorter one whole
            cands = index.get(w[:4], empty)
            if len(w) > 3:
                cands = [*cands, *index.get(w[:3], empty)]
            if "-" in w[:4]:
                cands = [*cands, *index.get(w.split("-", 1)[0], empty)]
            for concept, parts in cands:
                if concept in found or i + len(parts) > len(words):
                    continue
                if all(_word_matches(words[i + k], st, whole)
                       for k, (st, whole) in enumerate(parts)):
                    found.add(concept)
        return found


@dataclass
class Glossary:
    terms: list[Term] = field(default_factory=list)
    user_path: Path | None = None

    def __post_init__(self) -> None:
        self._build()

    def _build(self) -> None:
        self._kk, self._ru = _Matcher(), _Matcher()
        for c, t in enumerate(self.terms):
            self._kk.add(c, t.kk, "kk")
            for v, r in enumerate(t.ru):
                self._ru.add((c, v), r, "ru")

    def __len__(self) -> int:
        return len(self.terms)

    def matches(self, left_text: str, right_text: str, *,
                left_lang: str = "kk") -> list[tuple[str, str]]:
        """(kk term, ru term) pairs found in both texts, in glossary order."""
        kk_text, ru_text = ((left_text, right_text) if left_lang != "ru"
                            else (right_text, left_text))
        kk = self._kk.find(kk_text)
        ru: dict[int, int] = {}
        for c, v in sorted(self._ru.find(ru_text)):
            ru.setdefault(c, v)
        return [(self.terms[c].kk, self.terms[c].ru[ru[c]]) for c in sorted(kk) if c in ru]

    def segment_hits(self, left: list[str], right: list[str], *,
                     left_lang: str = "kk") -> tuple[list[set[str]], list[set[str]]]:
        """Anchors ("g:<concept>") of every segment on each side, for the aligner."""
        def kk(s: str) -> set[str]:
            return {f"g:{c}" for c in self._kk.find(s)}

        def ru(s: str) -> set[str]:
            return {f"g:{c}" for c, _v in self._ru.find(s)}

        lf, rf = (kk, ru) if left_lang != "ru" else (ru, kk)
        return [lf(s) for s in left], [rf(s) for s in right]

    # ---------------------------------------------------------------- user pairs

    def _user_terms(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for t in self.terms:
            if t.user:
                out.setdefault(t.kk, []).extend(t.ru)
        return out

    def _save_user(self, table: dict[str, list[str]]) -> None:
        if self.user_path is None:
            return
        import tomli_w

        data = {"glossary": {"topic": "user"},
                "terms": {k: (v[0] if len(v) == 1 else v) for k, v in table.items() if v}}
        self.user_path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(self.user_path, lambda f: tomli_w.dump(data, f))

    def apply(self, edit: GlossaryEdit) -> GlossaryEdit:
        """Make `edit` (saved to the user file); returns the edit that undoes it."""
        kk, ru = " ".join(edit.kk.split()), " ".join(edit.ru.split())
        if not kk or not ru:
            raise GlossaryError(_("Select a phrase on both sides to add a glossary pair."))
        table = self._user_terms()
        if edit.op == "add":
            if ru in table.get(kk, []):
                raise GlossaryError(_("This pair is already in your glossary."))
            table.setdefault(kk, []).append(ru)
        else:
            if ru not in table.get(kk, []):
                raise GlossaryError(_("This pair is not in your glossary."))
            table[kk].remove(ru)
        self._save_user(table)
        self.terms = [t for t in self.terms if not t.user] + [
            Term(k, tuple(v), "user", True) for k, v in table.items() if v]
        self._build()
        return GlossaryEdit(edit.op, kk, ru).inverse()

    def add_pair(self, kk: str, ru: str) -> GlossaryEdit:
        """Add a user pair; returns the edit that undoes it (pass it to `apply`)."""
        return self.apply(GlossaryEdit("add", kk, ru))

    def undo(self, inverse: GlossaryEdit) -> GlossaryEdit:
        """Undo an edit given its inverse (as returned by add_pair/apply); returns the redo."""
        return self.apply(inverse)


def read_file(path: Path, *, user: bool = False) -> list[Term]:
    """Terms of one glossary file; raises GlossaryError with a message on a bad file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise GlossaryError(_("Glossary file {path} cannot be read: {reason}").format(
            path=path, reason=exc)) from exc
    topic = str(data.get("glossary", {}).get("topic", path.stem))
    out = []
    for kk, ru in (data.get("terms") or {}).items():
        variants = (ru,) if isinstance(ru, str) else tuple(x for x in ru if isinstance(x, str))
        variants = tuple(" ".join(v.split()) for v in variants if v.strip())
        if kk.strip() and variants:
            out.append(Term(" ".join(kk.split()), variants, topic, user))
    return out


def load_glossary(folder: Path | None = None, user_dir: Path | None = None,
                  errors: list[str] | None = None, *, user: bool = True) -> Glossary:
    """Bundled terms plus the user's (`<user data>/glossary/user.toml`; `user=False`: the
    bundled ones only, for reproducible evaluation). A bad file is skipped, its message
    appended to `errors`."""
    folder = folder or paths.resource("glossary")
    user_path = (user_dir or paths.user_data_dir()) / USER_FILE
    terms: list[Term] = []
    for p in sorted(folder.glob("*.toml")):
        try:
            terms += read_file(p)
        except GlossaryError as exc:
            if errors is not None:
                errors.append(str(exc))
    if user and user_path.exists():
        try:
            terms += read_file(user_path, user=True)
        except GlossaryError as exc:
            if errors is not None:
                errors.append(str(exc))
    return Glossary(terms, user_path)
