"""Given names as the rules compile them: the kind and subtypes of their targets, the
Russian oblique cases of a name, and which surfaces another rule's word blocks. Kept apart
from `given` (which finds the people) so that compiling the rules needs nothing of the
entity finder."""

from __future__ import annotations

GIVEN = "given"
# subtypes: a name in its citation form, one that is also a common word or place, and a
# Russian oblique case of either (the target's id is then the citation form)
NAME, COMMON, OBLIQUE, OBLIQUE_COMMON = "name", "common", "ru", "ru_common"
COMMON_LIST = "common"

_HUSH = set("жшчщц")
# letters after which Russian writes и, not ы (Рики, not Рикы), and the vowels; given.py
# reads them too
VELAR_HUSH = set("гкхжшчщ")
VOWELS = set("аеёиоуыэюяәөүұі")


def russian_cases(name: str) -> dict[str, str]:
    """The oblique forms of a Russian-spelt given name → the ending added to its stem
    (Рик → Рика: а, Рику: у, Риком: ом, Рике: е; Сара → Сары: ы …). Names in -о, -и, -у,
    -е, -э, -ю and foreign female names in a consonant do not decline in Russian; the
    masculine forms are made for every consonant name (harmless where unused)."""
    if len(name) < 3 or "-" in name:
        return {}
    last = name[-1]
    out: dict[str, str] = {}
    if last == "й":
        stem = name[:-1]
        prep = "и" if name.endswith("ий") else "е"
        for e in ("я", "ю", "ем", prep):
            out[stem + e] = e
    elif last == "ь":
        stem = name[:-1]
        for e in ("я", "ю", "ем", "е"):
            out[stem + e] = e
    elif name.endswith("ия"):
        stem = name[:-1]
        for e in ("и", "ю", "ей"):
            out[stem + e] = e
    elif last == "я":
        stem = name[:-1]
        for e in ("и", "е", "ю", "ей"):
            out[stem + e] = e
    elif last == "а":
        stem = name[:-1]
        gen = "и" if stem[-1] in VELAR_HUSH else "ы"
        ins = "ей" if stem[-1] in _HUSH else "ой"
        for e in (gen, "е", "у", ins):
            out[stem + e] = e
    elif last not in VOWELS and name[-1].isalpha():
        ins = "ем" if last in _HUSH else "ом"
        for e in ("а", "у", ins, "е"):
            out[name + e] = e
    out.pop(name, None)
    return out


def given_surfaces(given: dict[str, list[str]]) -> list[tuple[str, str, str]]:
    """(surface, citation form, subtype) for every listed given name and its Russian cases;
    a citation form comes before any case form that spells the same (Яна, not Ян-а)."""
    common = set(given.get(COMMON_LIST, ()))
    names = list(dict.fromkeys(n for lst in given.values() for n in lst))
    out: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for n in names:
        if n[:1].isupper() and n not in seen:
            seen.add(n)
            out.append((n, n, COMMON if n in common else NAME))
    for n in names:
        if not n[:1].isupper():
            continue
        for form in russian_cases(n):
            if form not in seen:
                seen.add(form)
                out.append((form, n, OBLIQUE_COMMON if n in common else OBLIQUE))
    return out


def blocked_by(surfaces: list[str]) -> set[str]:
    """The word starts that other rules' one-word surfaces claim: a given name starting
    with one of them (or equal to it) is left to that rule, since the scanner takes the
    longest surface and would otherwise hide it (Сапар*, Дания, Ғалым*)."""
    out: set[str] = set()
    for text in surfaces:
        if " " in text or not text:
            continue
        p = text.split("*")[0]
        if p:
            out.add(p)
            out.add(p[:1].upper() + p[1:])
    return out


def is_blocked(form: str, blocked: set[str]) -> bool:
    return any(form[:k] in blocked for k in range(1, len(form) + 1))
