"""Labels a user reads in the facet list and the differences report."""

from __future__ import annotations

from desktop.core.query import Filter
from desktop.ui.names import Names, humanised
from desktop.ui.reading import divergence


def test_a_person_without_a_rule_entry_is_shown_as_a_name_not_an_id():
    names = Names()
    assert names.label("person", "greg-klark") == "Greg Klark"
    assert names.label("person", "pol-millz-khiks") == "Pol Millz Khiks"
    assert names.label("person", "tokayev") == "Kassym-Jomart Tokayev"  # its entry's name
    assert names.label("org", "no-such-org") == "no-such-org"


def test_a_converted_measure_is_reported_as_in_both_versions():
    rows = divergence.rows(None, [])
    rows.append({"kind": "figure", "side": "both", "kazakh": "200 миля", "russian": "320 км",
                 "link": 4, "note": "converted"})
    rows.append({"kind": "figure", "side": "both", "kazakh": "1,7 млрд", "russian": "1,6 млрд",
                 "link": 5, "note": ""})
    conv, diff = (divergence.display_row(r) for r in rows)
    assert conv[1] == "In both" and conv[5] == "converted unit"
    assert diff[1] == "Different" and diff[5] == ""


def test_in_kazakh_and_russian_an_unlisted_person_is_named_as_the_texts_write_it(tmp_path):
    from desktop import i18n
    from desktop.core.article import Article
    from desktop.corpus.library import Library

    with Library.open(tmp_path / "lib") as lib:
        lib.import_articles([Article(
            title="Экономика", lang="ru", date="2025-03-01", source="Test",
            body="Журналисты встретились с Грегом Кларком в Лондоне. Экономист Грег Кларк "
                 "заявил, что рост замедлится.")])
        person = [v for v, _n in lib.catalog().facet_counts(Filter(), "person")]
        assert person, "the economist is tagged"
        names = Names(written=lib.written_name)
        was = i18n.current_language()
        try:
            i18n.setup("ru")
            assert names.label("person", person[0]) == "Грег Кларк"
            i18n.setup("en")
            assert names.label("person", person[0]) == humanised(person[0])
        finally:
            i18n.setup(was)
