"""Labels a user reads in the facet list and the differences report."""

from __future__ import annotations

from desktop.ui.names import Names
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
