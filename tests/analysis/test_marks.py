"""Highlight marks computed in the core: kinds, order, and colours matched across a pair."""

from __future__ import annotations

from desktop.analysis.marks import KINDS, figure_key, marks, pair_marks
from desktop.analysis.model import Analysis, Figure, Tag
from desktop.analysis.pipeline import analyze
from tests.conftest import DATA

KK = (DATA / "align" / "visit_kk.txt").read_text(encoding="utf-8")
RU = (DATA / "align" / "visit_ru.txt").read_text(encoding="utf-8")


def test_marks_are_sorted_non_overlapping_per_kind_and_only_of_the_chosen_kinds():
    a = analyze(KK, "kk")
    ms = marks(KK, a, {"person", "figure"})
    assert ms and {m.kind for m in ms} <= {"person", "figure"}
    assert [m.start for m in ms] == sorted(m.start for m in ms)
    for kind in ("person", "figure"):
        spans = [(m.start, m.end) for m in ms if m.kind == kind]
        assert all(e <= s2 for (_s, e), (s2, _e2) in zip(spans, spans[1:], strict=False))
    assert all(0 <= m.start < m.end <= len(KK) for m in ms)
    assert any(KK[m.start:m.end].startswith("Тоқаев") for m in ms if m.kind == "person")


def test_same_person_country_and_figure_share_a_colour_group_across_the_pair():
    la, ra = analyze(KK, "kk"), analyze(RU, "ru")
    left, right = pair_marks(KK, la, RU, ra, set(KINDS))
    lkeys = {m.key: m.group for m in left}
    rkeys = {m.key: m.group for m in right}
    for key in ("person:tokayev", "person:mirziyoyev", "country:UZ"):
        assert key in lkeys and lkeys[key] == rkeys[key], key
    # 10 млрд долларға = 10 млрд долларов: one figure, one colour
    ten = [k for k in lkeys if k.startswith("figure:1e+10")]
    assert ten and lkeys[ten[0]] == rkeys[ten[0]]
    # a group is unique per kind and key on both panels
    for kind in KINDS:
        groups = {}
        for m in left + right:
            if m.kind == kind:
                assert groups.setdefault(m.key, m.group) == m.group
        assert len(set(groups.values())) == len(groups)


def test_figure_key_ignores_wording_but_not_value_or_currency():
    a = Figure("1,7 млрд доллар", 1.7e9, "money", currency="USD")
    b = Figure("1,7 млрд долларов", 1.7e9, "money", currency="USD")
    c = Figure("1,6 млрд долларов", 1.6e9, "money", currency="USD")
    d = Figure("1,7 млрд теңге", 1.7e9, "money", currency="KZT")
    assert figure_key(a) == figure_key(b) != figure_key(c)
    assert figure_key(a) != figure_key(d)


def test_spans_outside_the_text_are_clipped_or_dropped():
    a = Analysis(people=[Tag("person", "x", spans=[(3, 99), (200, 210), (5, 2)])])
    assert [(m.start, m.end) for m in marks("short text", a, {"person"})] == [(3, 10)]
