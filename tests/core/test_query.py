"""Search-box syntax and the numpy catalog: what a user sees when filtering and counting."""

from __future__ import annotations

import numpy as np
import pytest

from desktop.core.query import Catalog, Filter, QueryError, parse_query
from desktop.core.searchsyntax import fold, terms

# ------------------------------------------------------------------------------ parse_query


def test_parse_full_syntax():
    f = parse_query('country:UZ sector:trade lang:kk from:2025-11-01 to:2025-11-16 '
                    'source:Kazinform person:tokayev org:ots partner:uz "exact phrase" '
                    'free words prefix*')
    assert f.countries == ["UZ"]
    assert f.partners == ["UZ"]
    assert f.sectors == ["trade"]
    assert f.langs == ["kk"]
    assert f.sources == ["Kazinform"]
    assert f.people == ["tokayev"]
    assert f.orgs == ["ots"]
    assert (f.date_from, f.date_to) == ("2025-11-01", "2025-11-16")
    assert f.text == '"exact phrase" free words prefix*'


def test_repeated_keys_are_or_and_keys_case_insensitive():
    f = parse_query("Country:UZ COUNTRY:kg country:UZ sector:trade,energy")
    assert f.countries == ["UZ", "KG"]
    assert f.sectors == ["trade", "energy"]


def test_kazakh_and_russian_key_aliases():
    f = parse_query("ел:UZ сала:trade тіл:қаз страна:KG язык:рус дата:2025-11")
    assert f.countries == ["UZ", "KG"]
    assert f.sectors == ["trade"]
    assert f.langs == ["kk", "ru"]
    assert (f.date_from, f.date_to) == ("2025-11-01", "2025-11-30")


def test_quoted_values_and_partial_dates():
    f = parse_query('source:"CentralAsia (KZ)" from:2025 to:2025-02')
    assert f.sources == ["CentralAsia (KZ)"]
    assert f.date_from == "2025-01-01"
    assert f.date_to == "2025-02-28"
    assert parse_query("to:2024-02").date_to == "2024-02-29"
    assert parse_query("from:16.11.2025").date_from == "2025-11-16"


@pytest.mark.parametrize(
    "text, pos, word",
    [
        ("country:UZ from:2025-13-45", 16, "date"),
        ("colour:red", 0, "key"),
        ('Өзбекстан "open phrase', 10, "quotation"),
        ('source:"Kazinform', 7, "quotation"),
        ("lang:xx", 5, "language"),
        ("country: UZ", 8, "value"),
    ],
)
def test_errors_have_message_and_position(text, pos, word):
    with pytest.raises(QueryError) as ei:
        parse_query(text)
    assert ei.value.position == pos
    assert word in ei.value.message.lower()


def test_from_after_to_is_an_error():
    with pytest.raises(QueryError):
        parse_query("from:2025-11-16 to:2025-11-01")


def test_round_trip_to_query():
    f = parse_query('country:UZ source:"BAQ.KZ" from:2025-11-01 Өзбекстан*')
    assert parse_query(f.to_query()) == f
    assert Filter().is_empty() and not f.is_empty()


def test_free_text_terms_fold_and_prefix():
    t = terms('ӨЗБЕКСТАН* "Қазақ-өзбек ынтымақтастығы" Астана OR Ташкент')
    assert t[0].words == ("өзбекстан",) and t[0].prefix
    assert t[1].words == ("қазақ", "өзбек", "ынтымақтастығы") and t[1].phrase
    assert t[2].or_next and not t[3].or_next
    assert fold("ӘЛЕМ Ёлка") == "әлем ёлка"


# ------------------------------------------------------------------------------ Catalog

RECS = [
    {"id": 1, "date": "2025-11-16", "lang": "kk", "source": "Kazinform", "title": "b",
     "country": ["KZ", "UZ"], "partner": ["UZ"], "sector": ["trade", "industry"]},
    {"id": 2, "date": "2025-11-14", "lang": "kk", "source": "Kazinform", "title": "a",
     "country": ["KZ", "UZ"], "partner": ["UZ"], "sector": ["energy"]},
    {"id": 3, "date": "2025-11-10", "lang": "ru", "source": "CentralAsia (KZ)", "title": "c",
     "country": ["KZ", "UZ", "KG"], "partner": ["UZ", "KG"], "sector": ["trade"]},
    {"id": 4, "date": None, "lang": "kk", "source": "Azattyq Rýhy", "title": "d",
     "country": ["KZ", "RU"], "partner": ["RU"], "sector": ["trade"]},
    {"id": 5, "date": "2025-10-01", "lang": "kk", "source": None, "title": "e",
     "country": ["KZ", "CN"], "partner": ["CN"], "sector": ["transport_logistics"],
     "person": ["tokayev"]},
]


@pytest.fixture
def cat() -> Catalog:
    return Catalog.from_records(reversed(RECS))  # unsorted input on purpose


def ids(cat: Catalog, pos) -> list[int]:
    return [int(cat.ids[p]) for p in pos]


def test_rows_newest_first_undated_last(cat):
    assert ids(cat, cat.filter(Filter())) == [1, 2, 3, 5, 4]
    assert len(cat) == 5
    assert cat.row(cat.position_of(4))["date"] is None
    r = cat.row(cat.position_of(3))
    assert r["countries"] == ["KZ", "UZ", "KG"] and r["source"] == "CentralAsia (KZ)"
    assert cat.position_of(99) is None


def test_or_within_facet_and_across(cat):
    assert ids(cat, cat.filter(Filter(partners=["KG", "CN"]))) == [3, 5]
    assert ids(cat, cat.filter(Filter(partners=["UZ"], sectors=["trade"]))) == [1, 3]
    assert ids(cat, cat.filter(Filter(partners=["UZ"], sectors=["trade"], langs=["kk"]))) == [1]
    assert ids(cat, cat.filter(Filter(sources=["kazinform"]))) == [1, 2]
    assert ids(cat, cat.filter(Filter(countries=["XX"]))) == []


def test_date_range_inclusive_and_undated_excluded(cat):
    f = Filter(countries=["UZ"], date_from="2025-11-01", date_to="2025-11-16")
    assert ids(cat, cat.filter(f)) == [1, 2, 3]
    assert ids(cat, cat.filter(Filter(date_to="2025-11-10"))) == [3, 5]
    assert ids(cat, cat.filter(Filter(date_from="2025-11-14"))) == [1, 2]
    assert ids(cat, cat.filter(Filter(date_from="2026-01-01"))) == []


def test_text_ids_intersect(cat):
    assert ids(cat, cat.filter(Filter(sectors=["trade"]), text_ids=[3, 4, 2, 77])) == [3, 4]
    assert ids(cat, cat.filter(Filter(), text_ids=np.array([], dtype=np.int64))) == []


def test_facet_counts_exclude_own_selection(cat):
    f = Filter(partners=["UZ"], sectors=["trade"])
    partner = dict(cat.facet_counts(f, "partner"))
    # partner counts ignore the partner selection but respect sector=trade
    assert partner == {"UZ": 2, "KG": 1, "RU": 1}
    sector = dict(cat.facet_counts(f, "sector"))
    assert sector == {"trade": 2, "industry": 1, "energy": 1}
    lang = dict(cat.facet_counts(f, "lang"))
    assert lang == {"kk": 1, "ru": 1}
    # a selected value with nothing left still shows, at zero
    assert ("CN", 0) in cat.facet_counts(Filter(partners=["CN"], langs=["ru"]), "partner")


def test_facet_counts_sorted_by_count(cat):
    counts = cat.facet_counts(Filter(), "country")
    assert counts[0] == ("KZ", 5) and counts[1] == ("UZ", 3)
    assert dict(cat.facet_counts(Filter(), "source"))["Kazinform"] == 2


def test_sort_columns(cat):
    pos = cat.filter(Filter())
    assert ids(cat, cat.sort(pos, "title", descending=False)) == [2, 1, 3, 4, 5]
    assert ids(cat, cat.sort(pos, "title", descending=True)) == [5, 4, 3, 1, 2]
    assert ids(cat, cat.sort(pos, "date", descending=False)) == [4, 5, 3, 2, 1]
    src = ids(cat, cat.sort(pos, "source", descending=False))
    assert src[:2] == [4, 3] and src[-1] == 5  # Azattyq, CentralAsia, …, missing last


def test_many_values_use_several_bitmask_words():
    recs = [{"id": i, "date": "2025-01-01", "lang": "kk", "title": str(i),
             "country": [f"C{i % 300:03d}"]} for i in range(900)]
    cat = Catalog.from_records(recs)
    assert cat._bits["country"].shape[0] == 5  # 300 values → 5 uint64 words
    got = ids(cat, cat.filter(Filter(countries=["C007", "C250"])))
    assert sorted(got) == sorted(i for i in range(900) if i % 300 in (7, 250))
    assert dict(cat.facet_counts(Filter(countries=["C007"]), "country"))["C299"] == 3


def test_histogram_by_month(cat):
    assert cat.histogram(cat.filter(Filter())) == [("2025-10", 1), ("2025-11", 3)]


def _brute_counts(recs, f: Filter, kind: str, text_ids=None) -> dict[str, int]:
    """What a user expects: counts of `kind` among rows matching every other facet."""
    sel = {"country": f.countries, "partner": f.partners, "sector": f.sectors,
           "person": f.people, "org": f.orgs, "lang": f.langs, "source": f.sources}
    counts: dict[str, int] = {}
    for r in recs:
        if text_ids is not None and r["id"] not in text_ids:
            continue
        ok = True
        for k, wanted in sel.items():
            if k == kind or not wanted:
                continue
            have = r.get(k) or []
            have = have if isinstance(have, list) else [have]
            if not set(have) & set(wanted):
                ok = False
        if not ok:
            continue
        have = r.get(kind) or []
        for v in have if isinstance(have, list) else [have]:
            counts[v] = counts.get(v, 0) + 1
    return counts


def test_facet_counts_match_a_plain_count_on_random_filters():
    rng = np.random.default_rng(7)
    countries = [f"C{i:02d}" for i in range(70)]  # more than one bitmask word
    sectors = ["trade", "energy", "water", "digital", "mining"]
    recs = []
    for i in range(400):
        cs = sorted(set(rng.choice(countries, size=int(rng.integers(0, 4))).tolist()))
        recs.append({"id": i + 1, "date": f"2025-{1 + i % 12:02d}-01",
                     "lang": ["kk", "ru", "other"][i % 3], "source": ["A", "B", None][i % 3],
                     "title": str(i), "country": cs, "partner": cs[1:],
                     "sector": sorted(set(rng.choice(sectors, size=int(rng.integers(0, 3))).tolist()))})
    cat = Catalog.from_records(recs)
    for trial in range(60):
        f = Filter(countries=sorted(set(rng.choice(countries, size=int(rng.integers(0, 3))).tolist())),
                   sectors=sorted(set(rng.choice(sectors, size=int(rng.integers(0, 2))).tolist())),
                   langs=["kk"] if trial % 4 == 0 else [])
        text_ids = set(range(1, 400, 3)) if trial % 5 == 0 else None
        tid = np.array(sorted(text_ids)) if text_ids is not None else None
        for kind in ("country", "partner", "sector", "lang", "source"):
            got = {v: n for v, n in cat.facet_counts(f, kind, tid) if n}
            assert got == _brute_counts(recs, f, kind, text_ids), (trial, kind)
