"""Rule edits from the app: one managed file, safe against untrusted text, undoable."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from desktop import fileio, paths
from desktop.analysis import pipeline
from desktop.analysis.pipeline import analyze
from desktop.analysis.rules import load_rules, rule_files
from desktop.analysis.user_rules import (
    EDITS_NAME,
    GUIDE_NAME,
    RuleEditError,
    add_entry,
    add_exclusion,
    add_pattern,
    add_weak,
    field_for,
    keyword_behind,
    rule_file_errors,
    rules_folder,
    undo,
)


@pytest.fixture(autouse=True)
def fresh_rules():
    """Rules loaded before or during a test never leak into other tests."""
    pipeline.forget_rules()
    yield
    pipeline.forget_rules()


def edits() -> Path:
    return paths.user_rules_dir() / EDITS_NAME


def countries(text: str) -> set[str]:
    pipeline.forget_rules()
    return {t.id for t in analyze(text).countries}


# --------------------------------------------------------------------------- effect
def test_added_pattern_is_merged_into_the_entry():
    add_pattern("country", "UZ", "kk", "Ўзбекистон")
    r = load_rules(paths.resource("gazetteers"), paths.user_rules_dir(), compiled=False)
    pats = r.entries[("country", "UZ")].patterns
    assert "Ўзбекистон" in pats["kk"]
    assert "Өзбекстан" in pats["kk"] and "Узбекистан" in pats["ru"]  # bundled ones kept


def test_added_spelling_tags_articles():
    text = "Ўзбекистон делегациясы Астанаға келді."
    assert "UZ" not in countries(text)
    edit = add_pattern("country", "UZ", "kk", "Ўзбекистон")
    assert edit.path == edits() and (edit.kind, edit.id, edit.field) == ("country", "UZ", "kk")
    assert "UZ" in countries(text)
    assert "UZ" in countries("Ўзбекистонға барды.")  # with a Kazakh ending
    undo(edit)
    assert "UZ" not in countries(text)


def test_exclusion_stops_a_phrase_from_tagging():
    street = "Алматыдағы Ташкент көшесінде жөндеу жүріп жатыр."
    assert "UZ" in countries(street)
    add_exclusion("country", "UZ", "Ташкент көшес*")
    assert "UZ" not in countries(street)
    assert "UZ" in countries("Делегация Ташкентке барды.")  # the city elsewhere still counts


@pytest.mark.parametrize(("kind", "id_", "phrase", "found"), [
    ("sector", "energy", "энергетикасы", ("энергетика*", "kk")),
    ("sector", "diplomacy", "встречу", ("встреч*", "weak")),
    ("sector", "diplomacy", "министра иностранных дел", ("министр* иностранных дел", "ru")),
    ("sector", "diplomacy", "мемлекеттік сапары", ("мемлекеттік сапар*", "kk")),  # longest
    ("country", "TR", "Турции", ("Турция", "ru")),  # a Russian name drops its last letter
    ("country", "UZ", "Өзбекстанға", ("Өзбекстан", "kk")),
    ("sector", "energy", "Өзбекстанға", None),
    ("sector", "no-such-sector", "энергетика", None),
])
def test_keyword_behind_a_phrase(kind, id_, phrase, found):
    assert keyword_behind(kind, id_, phrase) == found


def test_a_weak_keyword_alone_no_longer_tags_its_sector():
    text = "Энергетика саласындағы жаңалықтар."
    assert "energy" in {t.id for t in analyze(text).sectors}
    edit = add_weak("sector", "energy", "энергетика*")
    pipeline.forget_rules()
    assert "energy" not in {t.id for t in analyze(text).sectors}
    assert keyword_behind("sector", "energy", "Энергетика") == ("энергетика*", "weak")
    undo(edit)
    pipeline.forget_rules()
    assert "energy" in {t.id for t in analyze(text).sectors}


def test_exclusion_beats_a_name_on_the_same_words_but_not_a_longer_name():
    add_exclusion("country", "UZ", "Өзбекстан")
    pipeline.forget_rules()
    a = analyze("Өзбекстан мен Өзбекстан Республикасы.")
    assert [t.phrases for t in a.countries if t.id == "UZ"] == [["Өзбекстан Республикасы"]]


def test_new_person_and_org_are_found():
    text = "Расул Рысмамбетовтың айтуынша, Kazakh Invest жұмысын кеңейтеді."
    pipeline.forget_rules()
    a = analyze(text)
    assert not a.people and not a.orgs
    p = add_entry("person", "Расул  Рысмамбетов", "kk")
    o = add_entry("org", "Kazakh Invest", "en")
    assert (p.id, p.pattern, o.id) == ("rasul-rysmambetov", "Расул Рысмамбетов", "kazakh-invest")
    pipeline.forget_rules()
    a = analyze(text)
    assert [(t.id, t.phrases) for t in a.people] == [("rasul-rysmambetov",
                                                       ["Расул Рысмамбетовтың"])]
    assert [(t.id, t.name) for t in a.orgs] == [("kazakh-invest", "Kazakh Invest")]
    data = tomllib.loads(edits().read_text("utf-8"))
    assert data["person"]["rasul-rysmambetov"] == {"name": "Расул Рысмамбетов",
                                                   "kk": ["Расул Рысмамбетов"]}


# --------------------------------------------------------------------------- refusals
def test_existing_entries_and_duplicates_are_refused():
    with pytest.raises(RuleEditError, match="already exists"):
        add_entry("person", "Tokayev", "en")  # a bundled person
    add_entry("org", "Kazakh Invest", "en")
    with pytest.raises(RuleEditError, match="already exists"):
        add_entry("org", "Kazakh  Invest", "en")  # in the edits file
    add_pattern("sector", "trade", "ru", "товарооборот*")
    before = edits().read_bytes()
    with pytest.raises(RuleEditError, match="already in the rules"):
        add_pattern("sector", "trade", "ru", " товарооборот* ")
    assert edits().read_bytes() == before


@pytest.mark.parametrize(("kind", "id_", "field", "pattern"), [
    ("city", "UZ", "kk", "Ташкент"),  # unknown kind
    ("country", "UZ", "de", "Usbekistan"),  # unknown list
    ("sector", "trade", "cities", "Ташкент"),  # cities only for countries
    ("person", "tokayev", "adjectives", "тоқаевтық"),
    ("country", "UZ", "weak", "Өзбек*"),  # weak keywords only for sectors
    ("country", "UZ", "kk", "  "),
    ("country", "UZ", "kk", "123 *"),  # no letter
    ("country", "UZ", "kk", "а" * 121),
    ("country", "UZ", "kk", "Өзбек\x07стан"),
    ("country", "UZ", "kk", "Өзбек\x00*"),
    ("country", "UZ", "kk", "Өзбек\ud800"),
    ("country", "", "kk", "Өзбекстан"),
    ("country", 'UZ"]\n[country.KZ', "kk", "Өзбекстан"),
])
def test_invalid_edits_are_refused_and_write_nothing(kind, id_, field, pattern):
    with pytest.raises(RuleEditError):
        add_pattern(kind, id_, field, pattern)
    assert not edits().exists()


def test_new_entry_refusals():
    with pytest.raises(RuleEditError):
        add_entry("country", "Atlantis", "en")
    with pytest.raises(RuleEditError):
        add_entry("person", "Someone", "exclude")
    with pytest.raises(RuleEditError, match="id"):
        add_entry("person", "习近平", "en")  # no letters slug() keeps
    assert not edits().exists()


def test_long_pattern_limit_is_inclusive():
    assert add_pattern("sector", "trade", "kk", "а" * 120).pattern == "а" * 120


# --------------------------------------------------------------------------- the file
def test_broken_edits_file_is_reported_and_left_untouched():
    folder = rules_folder()
    broken = b'[country.UZ]\nkk = ["\xd0\x9e\n'
    edits().write_bytes(broken)
    with pytest.raises(RuleEditError) as err:
        add_pattern("country", "UZ", "kk", "Ўзбекистон")
    assert EDITS_NAME in str(err.value)
    assert edits().read_bytes() == broken
    assert sorted(p.name for p in folder.iterdir()) == [GUIDE_NAME, EDITS_NAME]
    assert [p.name for p, _msg in rule_file_errors()] == [EDITS_NAME]


def test_rule_file_errors_lists_unreadable_user_files_only():
    folder = rules_folder()
    assert rule_file_errors() == []
    (folder / "good.toml").write_text('[country.UZ]\nru = ["Ўзбекистон"]\n', "utf-8")
    (folder / "bad.toml").write_text("[country.UZ\n", "utf-8")
    (folder / "latin1.toml").write_bytes('[country.UZ]\nen = ["Özbek"]\n'.encode("latin-1"))
    (folder / "shape.toml").write_text("country = 5\n", "utf-8")  # load_rules cannot merge it
    (folder / "count.toml").write_text('[sector.trade]\nmin_hits = "x"\n', "utf-8")
    (folder / "notes.txt").write_text("[[[", "utf-8")
    errs = dict((p.name, msg) for p, msg in rule_file_errors())
    assert sorted(errs) == ["bad.toml", "count.toml", "latin1.toml", "shape.toml"]
    assert all(errs.values())
    assert rule_file_errors(paths.user_data_dir() / "nowhere") == []


def test_other_keys_and_entries_are_kept():
    rules_folder()
    edits().write_text(
        '[sector.space]\nname_en = "Space"\nmin_hits = 2\nru = ["космос*"]\n\n'
        '[country.UZ]\nru = ["Ўзбекистон"]\ncities = ["Термез"]\n', "utf-8")
    old = tomllib.loads(edits().read_text("utf-8"))
    add_pattern("country", "UZ", "ru", "Узбекистон")
    new = tomllib.loads(edits().read_text("utf-8"))
    old["country"]["UZ"]["ru"].append("Узбекистон")
    assert new == old


def test_file_has_a_header_and_a_line_removed_by_hand_removes_the_pattern():
    add_pattern("country", "UZ", "kk", "Ўзбекистон")
    add_pattern("country", "UZ", "kk", "Ўзбекистан")
    text = edits().read_text("utf-8")
    head = text.splitlines()[:3]
    assert all(line.startswith("# ") for line in head) and "Kenes" in head[0]
    kept = "\n".join(line for line in text.splitlines() if "Ўзбекистон" not in line)
    assert tomllib.loads(kept)["country"]["UZ"]["kk"] == ["Ўзбекистан"]


@pytest.mark.parametrize("raw", [
    'say "hi"', "back\\slash \\n", "a]b", "x\ny\r\nz", '"""Ақорда"""', "'''Ақорда'''",
    'Ақорда"]\n[country.KZ]\nkk = ["Ресей', "# Ақорда", "Ақорда = 1", "Ақорда\u2028жолы",
    "ёлка\u00a0\u202fбазар*", "Ақорда!",
])
def test_untrusted_text_round_trips_as_one_string(raw):
    add_pattern("sector", "trade", "kk", raw)
    data = tomllib.loads(edits().read_text("utf-8"))
    assert data == {"sector": {"trade": {"kk": [" ".join(raw.split())]}}}


# --------------------------------------------------------------------------- undo + atomicity
def test_undo_restores_bytes_then_deletes_the_file():
    first = add_pattern("country", "UZ", "kk", "Ўзбекистон")
    assert first.before is None and edits().read_bytes() == first.after
    second = add_exclusion("country", "UZ", "Ташкент көшес*")
    assert second.before == first.after and second.field == "exclude"
    undo(second)
    assert edits().read_bytes() == first.after
    undo(first)
    assert not edits().exists()
    assert (edits().parent / GUIDE_NAME).exists()


def test_undo_refuses_when_the_file_changed_since():
    first = add_pattern("country", "UZ", "kk", "Ўзбекистон")
    add_pattern("country", "UZ", "kk", "Ўзбекистан")
    now = edits().read_bytes()
    with pytest.raises(RuleEditError, match="changed"):
        undo(first)  # a later edit is in the file
    assert edits().read_bytes() == now
    edits().unlink()
    with pytest.raises(RuleEditError, match="changed"):
        undo(first)
    assert not edits().exists()


def test_writes_leave_no_temp_files(monkeypatch):
    folder = rules_folder()
    add_pattern("country", "UZ", "kk", "Ўзбекистон")
    add_exclusion("sector", "trade", "сауда орталығ*")
    assert sorted(p.name for p in folder.iterdir()) == [GUIDE_NAME, EDITS_NAME]
    before = edits().read_bytes()

    def fail(*_a):
        raise OSError("disk full")

    monkeypatch.setattr(fileio.os, "replace", fail)  # the shared atomic writer
    with pytest.raises(RuleEditError, match="disk full"):
        add_pattern("country", "UZ", "kk", "Ўзбекистан")
    assert edits().read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == [GUIDE_NAME, EDITS_NAME]


def test_folder_argument_is_used(tmp_path):
    edit = add_pattern("country", "UZ", "ru", "Ўзбекистон", folder=tmp_path / "rules")
    assert edit.path == tmp_path / "rules" / EDITS_NAME and edit.path.exists()
    assert not edits().exists()
    assert rule_file_errors(tmp_path / "rules") == []


# --------------------------------------------------------------------------- guide + language
def test_rules_folder_writes_a_guide_that_is_not_a_rule_file():
    bundled = paths.resource("gazetteers")
    fp = pipeline.rules_fingerprint()
    folder = rules_folder()
    guide = folder / GUIDE_NAME
    text = guide.read_text("utf-8")
    assert not GUIDE_NAME.endswith(".toml")
    for needle in (".toml", EDITS_NAME, "[country.UZ]", "*", "exclude", "kenes retag",
                   "Re-tag library"):
        assert needle in text
    assert rule_files(bundled, folder) == rule_files(bundled, None)
    pipeline.forget_rules()
    assert pipeline.rules_fingerprint() == fp
    guide.write_text("mine", "utf-8")
    rules_folder()
    assert guide.read_text("utf-8") == "mine"  # never overwritten
    assert rules_folder(create=False, folder=folder / "x") == folder / "x"
    assert not (folder / "x").exists()


def test_guide_example_is_valid_rules():
    lines = (rules_folder() / GUIDE_NAME).read_text("utf-8").splitlines()
    i = lines.index("[country.UZ]")
    j = next(k for k in range(i, len(lines)) if lines[k].startswith("exclude"))
    data = tomllib.loads("\n".join(lines[i:j + 1]))
    assert data["country"]["UZ"]["ru"] == ["Ўзбекистон"]
    assert data["sector"]["trade"]["exclude"] == ["торговый центр*"]


@pytest.mark.parametrize(("text", "lang", "field"), [
    ("Өзбекстан", None, "kk"),
    ("Шанхай ынтымақтастық ұйымы", "ru", "kk"),  # Kazakh letters decide
    ("Узбекистан", None, "ru"),
    ("Узбекистан", "ru", "ru"),
    ("Узбекистан", "kk", "kk"),  # Russian-looking word in a Kazakh article
    ("Ўзбекистон", None, "ru"),
    ("Ўзбекистон", "kk", "kk"),
    ("Ózbekstan", None, "kk_latn"),
    ("Qazaqstan Respýblıkasy", "en", "kk_latn"),
    ("Uzbekistan", None, "en"),
    ("Uzbekistan", "ru", "en"),
    ("Uzbekistan", "kk", "kk_latn"),
    ("Tashkent Тоқаев Ақорда", None, "kk"),  # mostly Cyrillic
    ("OTS Тюрк", None, "ru"),
])
def test_field_for(text, lang, field):
    assert field_for(text, lang) == field



def test_loading_skips_a_user_file_whose_tables_are_wrong_and_keeps_the_others():
    """A file that parses but is not rules (country = 5, min_hits = "x") is reported and
    skipped whole by the loader, as a file with a syntax error is: no crash, no partial merge."""
    d = paths.user_rules_dir()
    d.mkdir(parents=True, exist_ok=True)
    (d / "a-bad.toml").write_text('country = 5\n', encoding="utf-8")
    (d / "b-bad.toml").write_text('[sector.trade]\nmin_hits = "x"\nkk = ["шайтан*"]\n',
                                  encoding="utf-8")
    (d / "c-good.toml").write_text('[country.UZ]\nkk = ["Ўзбекистон"]\n', encoding="utf-8")
    errors: list[tuple[Path, str]] = []
    r = load_rules(paths.resource("gazetteers"), d, on_error=lambda p, m: errors.append((p, m)))
    assert [p.name for p, _m in errors] == ["a-bad.toml", "b-bad.toml"]
    assert "Ўзбекистон" in r.entries[("country", "UZ")].patterns["kk"]
    assert "шайтан*" not in r.entries[("sector", "trade")].patterns.get("kk", [])
    assert [p.name for p, _m in rule_file_errors()] == ["a-bad.toml", "b-bad.toml"]


def test_a_wrong_shape_user_file_without_an_error_callback_is_a_rule_error():
    from desktop.analysis.rules import RuleError

    d = paths.user_rules_dir()
    d.mkdir(parents=True, exist_ok=True)
    (d / "bad.toml").write_text("country = 5\n", encoding="utf-8")
    with pytest.raises(RuleError, match="bad.toml"):
        load_rules(paths.resource("gazetteers"), d)
