"""Incremental retag: after a user rule edit it re-checks only reachable articles, with the
same stored analysis, tags and catalog as a full re-tag."""

from __future__ import annotations

import shutil

import pytest

from desktop import paths
from desktop.analysis import pipeline
from desktop.core.article import Article
from desktop.core.query import FACETS, Filter
from desktop.corpus.library import Library
from desktop.jobs import CancelToken
from tests.library.test_library import sample_articles

SYNTHETIC = [
    ("kk", "Ўзбекистон делегациясы Астанаға келді",
     "Ўзбекистонмен робототехника саласында келісім жасалды. Робототехникалық зауыт салынады."),
    ("kk", "Ташкент облысында зауыт ашылды",
     "Ташкент облысының әкімі жаңа кәсіпорынды таныстырды. Инвестиция 30 млрд теңге."),
    ("kk", "Ташкент пен Астана",
     "Ташкент облысы мен Ташкент қаласы арасындағы жол жөнделді."),
    ("kk", "Қазақ-өзбек сауда кеңесі",
     "Қазақ-өзбек кеңесінде министр Асқар Жұмағалиев сөз сөйледі. «Біз екі елдің сауда "
     "байланысын кеңейтуге дайынбыз», — деді Жұмағалиев."),
    ("ru", "Визит в Ташкент",
     "Шавкат Мирзиёев подчеркнул: «Наши страны будут вместе развивать торговлю и "
     "транспорт». Президент Узбекистана заявил о новых проектах."),
    ("ru", "Спорт",
     "Тренер Сергей Лёвин сказал, что команда готова. — Мы сделаем всё возможное для "
     "победы, — сказал Лёвин."),
    ("ru", "Нейтральная новость", "Погода в Алматы будет солнечной, осадков не ожидается."),
]

EDITS = {
    "kazakh name variant": '[country.UZ]\nkk = ["Ўзбекистон"]\n',
    "sector keyword": '[sector.digital]\nkk = ["робототехника*"]\n',
    "exclusion": '[country.UZ]\nexclude = ["Ташкент облысы"]\n',
    "disabled entry": '[person.mirziyoyev]\ndisabled = true\n',
    "new person": ('[person.zhumagaliyev]\nname_en = "Askar Zhumagaliyev"\n'
                   'kk = ["Асқар Жұмағалиев", "Жұмағалиев"]\nroles = ["цифрлық даму министрі"]\n'),
    "e for yo and hyphen": ('[person.levin]\nname_en = "Sergei Levin"\nru = ["Сергей Левин", '
                            '"Левин"]\n\n[country.UZ]\nadjectives = ["қазақ-өзбек*"]\n'),
    "minimum hits raised": '[sector.trade]\nmin_hits = 3\n',
    "entry replaced with fewer names": ('[country.UZ]\nreplace = true\nname_en = "Uzbekistan"\n'
                                        'kk = ["Өзбекстан"]\nru = ["Узбекистан"]\n'),
    "new phrase shadows another entry": ('[org.tashkent_region]\nname_en = "Tashkent region"\n'
                                         'kk = ["Ташкент облысы"]\n'),
    "name and variant together": ('[country.UZ]\nname_en = "Republic of Uzbekistan"\n'
                                  'kk = ["Ўзбекистон"]\n\n[sector.digital]\nkk = ["робототехника*"]\n'),
}


def synthetic() -> list[Article]:
    return [Article(title=t, body=b, lang=lang, date=f"2025-01-{i + 1:02d}", source="Test",
                    origin=f"synthetic-{i}") for i, (lang, t, b) in enumerate(SYNTHETIC)]


def write_rules(name: str, text: str | None) -> None:
    d = paths.user_rules_dir()
    d.mkdir(parents=True, exist_ok=True)
    f = d / f"{name}.toml"
    if text is None:
        f.unlink(missing_ok=True)
    else:
        f.write_text(text, encoding="utf-8")


@pytest.fixture(autouse=True)
def _fresh_rules():
    pipeline.reload_rules()
    yield
    shutil.rmtree(paths.user_rules_dir(), ignore_errors=True)
    pipeline.reload_rules()


def build(folder) -> Library:
    lib = Library.open(folder)
    lib.import_articles(sample_articles() + synthetic())
    return lib


def state(lib: Library) -> dict:
    """Everything a user sees of the tagging: stored analysis and tags, catalog facets."""
    c = lib.store.conn
    rows = dict(c.execute("SELECT content_hash, analysis FROM articles"))
    tags = sorted(c.execute(
        "SELECT a.content_hash, t.kind, t.value FROM tags t JOIN articles a ON a.id=t.article_id"))
    cat = lib.catalog()
    facets = {k: cat.facet_counts(Filter(), k) for k in FACETS}
    per_row = {str(cat.titles[p]): {k: sorted(cat.tags_of(k, p)) for k in FACETS[:5]}
               for p in range(len(cat.ids))}
    # the bilingual pairing index: a re-tag rebuilds an article's anchors only when its
    # names or figures changed, and must leave the index as a full re-tag would
    pair = {h: rest for h, *rest in c.execute(
        "SELECT a.content_hash, p.tokens, p.offsets, p.shape FROM pair_docs p "
        "JOIN articles a ON a.id = p.article_id")}
    return {"rows": rows, "tags": tags, "facets": facets, "per_row": per_row, "pair": pair}


def reopened_state(folder) -> dict:
    with Library.open(folder) as lib:
        return state(lib)


@pytest.mark.parametrize("edit", list(EDITS))
def test_incremental_retag_equals_full_retag(tmp_path, edit):
    with build(tmp_path / "inc") as lib:
        before = state(lib)
        shutil.copytree(tmp_path / "inc", tmp_path / "full")
        write_rules("mine", EDITS[edit])
        n = lib.retag()
        rep = lib.last_retag
        assert not rep.full and rep.rechecked == n
        assert 0 < n < len(lib)  # reached some articles, not all
        assert rep.updated > 0
        after = state(lib)
    with Library.open(tmp_path / "full") as full:
        full.retag(full=True)
        assert full.last_retag.rechecked == len(full)
        expected = state(full)
    assert after == expected
    assert after != before  # the edit is visible, so the comparison means something
    assert reopened_state(tmp_path / "inc") == expected  # the patched Parquet snapshot too


def test_edit_effects_are_the_expected_ones(tmp_path):
    with build(tmp_path / "lib") as lib:
        def ids(**f):
            return {str(t) for t in lib.catalog().titles[lib.query(Filter(**f))]}

        assert "Ўзбекистон делегациясы Астанаға келді" not in ids(countries=["UZ"])
        write_rules("mine", EDITS["kazakh name variant"] + EDITS["exclusion"].split("\n", 1)[1]
                    + EDITS["new person"])
        lib.retag()
        assert "Ўзбекистон делегациясы Астанаға келді" in ids(countries=["UZ"])
        assert "Ташкент облысында зауыт ашылды" not in ids(countries=["UZ"])
        assert "Ташкент пен Астана" in ids(countries=["UZ"])  # "Ташкент қаласы" still counts
        assert ids(people=["zhumagaliyev"]) == {"Қазақ-өзбек сауда кеңесі"}


def test_unchanged_rules_recheck_nothing(tmp_path):
    with build(tmp_path / "lib") as lib:
        gen = lib.store.generation()
        assert lib.retag() == 0
        assert lib.last_retag.rechecked == 0 and not lib.last_retag.full
        assert lib.store.generation() == gen  # nothing written


def test_first_retag_of_a_library_without_snapshot_is_full(tmp_path):
    with build(tmp_path / "lib") as lib:
        lib.store.conn.execute("DELETE FROM meta WHERE key='rules_snapshot'")
        lib.store.conn.execute("UPDATE articles SET rules_fp='older'")
        assert lib.retag() == len(lib) and lib.last_retag.full
        assert lib.retag() == 0


def test_engine_version_bump_forces_full_retag(tmp_path, monkeypatch):
    with build(tmp_path / "lib") as lib:
        monkeypatch.setattr(pipeline, "ENGINE_VERSION", "test-next")
        assert lib.retag() == len(lib)
        assert lib.last_retag.full and "engine" in lib.last_retag.reason
        assert lib.retag() == 0


def test_global_rule_change_forces_full_retag(tmp_path):
    with build(tmp_path / "lib") as lib:
        write_rules("mine", '[titles]\nkk = ["сарапшы-ғалым"]\n')
        assert lib.retag() == len(lib) and lib.last_retag.full


def test_cancelled_retag_is_finished_by_the_next_one(tmp_path, monkeypatch):
    from desktop.corpus import library as libmod

    monkeypatch.setattr(libmod, "BATCH", 1)
    with build(tmp_path / "inc") as lib:
        shutil.copytree(tmp_path / "inc", tmp_path / "full")
        write_rules("mine", EDITS["kazakh name variant"] + EDITS["new person"]
                    + EDITS["sector keyword"])
        planned = len(lib.plan_retag().ids)
        assert planned > 1
        token = CancelToken()

        def progress(done, total, _msg):
            token.cancel()  # after the first article

        first = lib.retag(progress=progress, cancel=token)
        assert lib.last_retag.cancelled and 0 < first < planned
        second = lib.retag()
        assert planned - first <= second <= planned and not lib.last_retag.cancelled
        assert lib.retag() == 0
        after = state(lib)
    with Library.open(tmp_path / "full") as full:
        full.retag(full=True)
        assert after == state(full)


def test_articles_imported_under_newer_rules_are_not_redone(tmp_path):
    with build(tmp_path / "lib") as lib:
        write_rules("mine", EDITS["kazakh name variant"])
        pipeline.reload_rules()
        extra = Article(title="Ўзбекистон жаңалығы", body="Ўзбекистон туралы.", lang="kk",
                        origin="late")
        lib.import_articles([extra])
        planned = set(lib.plan_retag().ids)
        late = lib.store.conn.execute(
            "SELECT id FROM articles WHERE origin='late'").fetchone()[0]
        assert late not in planned and planned


def test_a_damaged_stored_analysis_is_re_tagged_and_re_paired(tmp_path):
    with build(tmp_path / "lib") as lib:
        expected = state(lib)
        lib.store.conn.execute("UPDATE articles SET analysis = '{not json' WHERE id = 1")
        lib.retag(full=True)
        assert state(lib) == expected  # the article's analysis and anchors are whole again


def test_a_damaged_analysis_reached_by_a_rule_edit_gets_all_its_tags_rewritten(tmp_path):
    # an incremental re-tag writes only the tags that changed, read from the stored
    # analysis; when that cannot be read, every tag of the article is written again
    with build(tmp_path / "lib") as lib:
        c = lib.store.conn
        aid = c.execute("SELECT id FROM articles WHERE title LIKE 'Ўзбекистон%'").fetchone()[0]
        c.execute("UPDATE articles SET analysis = '{not json' WHERE id = ?", (aid,))
        c.execute("DELETE FROM tags WHERE article_id = ? AND kind = 'sector'", (aid,))
        shutil.copytree(tmp_path / "lib", tmp_path / "full")
        write_rules("mine", EDITS["name and variant together"])
        lib.retag()
        assert not lib.last_retag.full
        after = state(lib)
    with Library.open(tmp_path / "full") as full:
        full.retag(full=True)
        expected = state(full)
    assert after == expected
    assert ("country", "UZ") in {(k, v) for h, k, v in after["tags"]}


def test_stored_analysis_text_is_unchanged_across_versions():
    # libraries store analyses as this JSON; a re-tag compares texts to skip unchanged
    # articles, so the writer must keep writing what earlier versions wrote
    import json

    from desktop.analysis.pipeline import analyze
    from desktop.corpus.library import _analysis_json

    for a in sample_articles() + synthetic():
        an = analyze(a.full_text(), lang=a.lang)
        assert _analysis_json(an) == json.dumps(an, default=vars, ensure_ascii=False,
                                                separators=(",", ":"))


def test_articles_of_unknown_rules_get_their_figures_found_again(tmp_path):
    # a re-tag after an entry edit keeps the stored key figures of articles analysed under
    # the rules it knows; an article analysed under other rules has them found again
    with build(tmp_path / "lib") as lib:
        c = lib.store.conn
        aid, old = c.execute("SELECT id, analysis FROM articles WHERE analysis LIKE "
                             "'%\"figures\":[{%' ORDER BY id LIMIT 1").fetchone()
        stale = old.replace('"figures":[{', '"figures":[{"text":"1 000 000","value":1e6,'
                            '"kind":"count","unit":null,"currency":null,"qualifier":null,'
                            '"span":[0,1],"sentence":""},{', 1)
        c.execute("UPDATE articles SET analysis = ?, rules_fp = 'other rules' WHERE id = ?",
                  (stale, aid))
        write_rules("mine", EDITS["sector keyword"])
        lib.retag()
        assert not lib.last_retag.full
        assert lib.store.texts_of([aid])[0][4] == old  # as analysed under the rules now
