"""Counterparts: a translation is found first, also when only its lead is in the library;
other coverage of the event is offered as such; reasons are said in words; `kenes pair`."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from desktop.analysis import counterparts as cp
from desktop.core.article import Article
from desktop.corpus.library import Library
from desktop.corpus.textformat import parse_text_article
from tests.conftest import SAMPLE

DATA = Path(__file__).resolve().parent.parent / "data" / "pairing"


def _read(name: str) -> Article:
    p = DATA / name
    return parse_text_article(p.read_text(encoding="utf-8"), str(p))


def _ids(lib: Library) -> dict[str, int]:
    cat = lib.catalog()
    return {Path(cat.row(p)["origin"]).name.split("_")[0].split(".")[0].split("#")[0]:
            cat.row(p)["id"] for p in range(len(cat))}


@pytest.fixture
def seeds(tmp_path):
    with Library.open(tmp_path / "seeds") as lib:
        lib.import_paths([SAMPLE])
        yield lib, _ids(lib)


def test_seed_visit_articles_find_the_russian_report(seeds):
    lib, ids = seeds
    for kk in ("000", "001"):
        first = lib.counterparts(ids[kk])[0]
        assert first.id == ids["002"]
        assert first.relation == "same_event"  # not a translation: different texts
        assert any("Tokayev" in r for r in first.reasons)


def test_seed_without_translation_and_other_event(seeds):
    lib, ids = seeds
    assert all(c.relation != "translation" for c in lib.counterparts(ids["003"]))
    assert not any(c.id == ids["002"] and c.relation == "translation"
                   for c in lib.counterparts(ids["004"]))


@pytest.fixture
def visit(tmp_path):
    with Library.open(tmp_path / "visit") as lib:
        lib.import_articles([_read("visit_kk.txt"), _read("visit_ru.txt"),
                             _read("other_ru.txt")])
        ids = {lib.catalog().row(p)["origin"].rsplit("/", 1)[-1]: lib.catalog().row(p)["id"]
               for p in range(len(lib))}
        yield lib, ids


def test_translation_is_found_and_explained(visit):
    lib, ids = visit
    kk, ru = ids["visit_kk.txt"], ids["visit_ru.txt"]
    first = lib.counterparts(kk)[0]
    assert (first.id, first.relation) == (ru, "translation")
    text = " | ".join(first.reasons)
    assert "Shavkat Mirziyoyev" in text and "Kassym-Jomart Tokayev" in text
    assert "published the same day" in text
    back = lib.counterparts(ru)[0]
    assert (back.id, back.relation) == (kk, "translation")
    # the unrelated article is never called a translation
    assert all(c.relation != "translation" for c in lib.counterparts(kk) if c.id != ru)


def test_lead_only_translation_beats_a_short_article_sharing_a_name(tmp_path):
    full = _read("visit_kk.txt")
    ru = _read("visit_ru.txt")
    lead = Article(title=ru.title, body="\n".join(ru.body.splitlines()[:2]), date=ru.date,
                   lang="ru", origin="lead")
    short = Article(title="Токаев провел совещание", date=ru.date, lang="ru", origin="short",
                    body="Президент Токаев провел совещание в Астане. Обсуждались 14 вопросов.")
    with Library.open(tmp_path / "lead") as lib:
        lib.import_articles([full, lead, short])
        ids = {lib.catalog().row(p)["origin"]: lib.catalog().row(p)["id"] for p in range(3)}
        got = lib.counterparts(ids[full.origin])
        assert got[0].id == ids["lead"]
        assert all(c.score < got[0].score for c in got[1:])


def test_other_language_and_empty_articles(tmp_path):
    with Library.open(tmp_path / "odd") as lib:
        lib.import_articles([Article(title="Hello", body="An English note.", lang="other"),
                             Article(title="", body=".", lang="ru", origin="empty"),
                             Article(title="Площадь 10² км²", body="①②", lang="ru",
                                     origin="odd digits"),
                             _read("visit_kk.txt")])
        for aid in lib.store.all_ids():
            assert isinstance(lib.counterparts(aid), list)  # no crash, maybe nothing


def test_short_document_with_few_common_anchors_is_not_favoured():
    """Score, not cosine: a 2-anchor text sharing both common anchors loses to a text
    sharing many rarer ones with some unmatched."""
    q = cp.PairDoc(1, "kk", None, 3000, {f"k{i:011x}": i * 40 for i in range(40)})
    tiny = cp.PairDoc(2, "ru", None, 200, {"k00000000000": 5, "k00000000001": 30})
    lead = cp.PairDoc(3, "ru", None, 400, {**{f"k{i:011x}": i * 40 for i in range(8)},
                                           "kfffffffffff": 100, "kffffffffffe": 200})
    df = {t: (60 if t in ("k00000000000", "k00000000001") else 2) for t in q.pos}
    bg = cp.Background(1000, 40, df)
    assert cp.score_pair(q, lead, bg).score > cp.score_pair(q, tiny, bg).score


def test_kenes_pair_json_shape(tmp_path, visit):
    lib, ids = visit
    kk, ru = ids["visit_kk.txt"], ids["visit_ru.txt"]
    lib.pin_pair(ids["other_ru.txt"], kk)
    from desktop.cli import main

    buf = io.StringIO()
    with redirect_stdout(buf):
        assert main(["pair", str(kk), "--top", "2", "--json", "--library", str(lib.folder)]) == 0
    out = json.loads(buf.getvalue())
    assert [set(x) for x in out] == [{"id", "lang", "counterparts"}]
    assert out[0]["id"] == kk and out[0]["lang"] == "kk"
    first, second = out[0]["counterparts"]
    assert first["id"] == ids["other_ru.txt"] and first["pinned"] is True
    assert set(first) == {"id", "score", "relation", "reasons", "pinned"}
    assert second["id"] == ru and "pinned" not in second
    assert second["relation"] == "translation"
    buf = io.StringIO()
    with redirect_stdout(buf):
        assert main(["pair", "--json", "--library", str(lib.folder)]) == 0
    assert {x["id"] for x in json.loads(buf.getvalue())} == set(ids.values())
    buf = io.StringIO()
    with redirect_stdout(buf):
        assert main(["pair", "--library", str(lib.folder)]) == 0
    assert "translation" in buf.getvalue()


def test_whole_library_pairing_agrees_with_one_article_at_a_time(seeds):
    lib, ids = seeds
    lib.pin_pair(ids["004"], ids["002"])
    lib.set_no_counterpart(ids["003"])
    bulk = {aid: cands for aid, _lang, cands in lib.pair_all(workers=0)}
    for aid in ids.values():
        assert bulk[aid] == lib.counterparts(aid, names=False)
    assert bulk[ids["003"]] == [] and bulk[ids["004"]][0].pinned


def test_kenes_pair_refuses_a_top_below_one(tmp_path, visit, capsys):
    lib, _ids = visit
    from desktop.cli import main

    with pytest.raises(SystemExit) as e:
        main(["pair", "--top", "0", "--library", str(lib.folder)])
    assert e.value.code == 2
    assert "must be 1 or more, not 0" in capsys.readouterr().err
