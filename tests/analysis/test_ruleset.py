"""Rules snapshots and diffs: which edits a library can re-apply to a few articles."""

from __future__ import annotations

import copy

from desktop.analysis.pipeline import rules_snapshot
from desktop.analysis.ruleset import diff, search_forms


def _entry(snap: dict, kind: str, id_: str) -> dict:
    return next(d for k, i, d in snap["entries"] if (k, i) == (kind, id_))


def test_added_variant_changes_only_that_surface():
    old = rules_snapshot()
    new = copy.deepcopy(old)
    _entry(new, "country", "UZ")["patterns"]["kk"].append("Ўзбекистон")
    d = diff(old, new)
    assert not d.full and d.changed == [("country", "UZ")]
    assert d.surfaces == ["Ўзбекистон"] and d.tagged == []


def test_display_name_change_reaches_tagged_articles():
    old = rules_snapshot()
    new = copy.deepcopy(old)
    _entry(new, "country", "UZ")["names"]["en"] = "Republic of Uzbekistan"
    d = diff(old, new)
    assert d.tagged == [("country", "UZ")] and d.surfaces == []


def test_removed_entry_lists_its_old_surfaces():
    old = rules_snapshot()
    new = copy.deepcopy(old)
    new["entries"] = [e for e in new["entries"] if e[:2] != ["person", "mirziyoyev"]]
    d = diff(old, new)
    assert d.tagged == [("person", "mirziyoyev")] and "Мирзиёев" in d.surfaces


def test_global_engine_and_order_changes_need_a_full_retag():
    old = rules_snapshot()
    assert diff(None, old).full
    for key in ("engine", "home", "global"):
        new = dict(old, **{key: "other"})
        assert diff(old, new).full
    new = copy.deepcopy(old)
    new["entries"] = new["entries"][1:] + new["entries"][:1]
    assert diff(old, new).full and diff(old, old).empty


def test_search_forms_cover_case_yo_and_wildcards():
    assert search_forms("Қытай") == ["қытай"]
    assert set(search_forms("Левин")) == {"левин", "лёвин"}
    assert search_forms("Түрк*стан") == ["түрк"]
    assert search_forms("*стан") is None
    many = search_forms("Переселенец")  # 5 × е: cut before the fifth, as a prefix
    assert "переселен" in many and len(many) == 16
