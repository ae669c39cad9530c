"""The briefing document: JSON form, migration, errors, proposals and undoable edits."""

from __future__ import annotations

import json

import pytest

from desktop.core import briefing as bmod
from desktop.core.briefing import (
    BriefArticle,
    BriefFigure,
    Briefing,
    BriefingError,
    BriefQuote,
    BriefSection,
    Participant,
    SectionItem,
    SourceRef,
)


def small_briefing() -> Briefing:
    ref = SourceRef(7, "h1", "Kazinform", "2025-11-14", "kk", "Тауар айналымы 1,7 млрд доллар.",
                    "1,7 млрд доллар")
    return Briefing(
        title="State visit to Uzbekistan, 14–16 November 2025", event_start="2025-11-14",
        event_end="2025-11-16", place="Tashkent", partners=["UZ"], lang="ru",
        objectives="- Trade\n- Water", classification="For official use",
        articles=[BriefArticle(7, "h1", "Тоқаев Ташкентке барды", "Kazinform", "2025-11-14",
                               "kk", lead="Lead.", text="Body ә ғ қ ң ө ұ ү һ і")],
        figures=[BriefFigure("money:1.7e+09:USD:", 1.7e9, "money", "1,7 млрд доллар",
                             ref.sentence, currency="USD", sources=[ref])],
        quotes=[BriefQuote("q1", "«Біз дос елміз»", "tokayev", "Тоқаев", ref)],
        sections=[BriefSection("trade", "Trade", [SectionItem(ref, "Lead.")])],
        participants=[Participant("person", "tokayev", "Тоқаев", {"h1": 3})],
    )


def test_save_load_round_trip_keeps_everything(tmp_path):
    b = small_briefing()
    p = bmod.save(b, tmp_path / "visit.kenes-brief")
    raw = json.loads(p.read_text(encoding="utf-8"))
    assert raw["schema"] == "kenes-brief" and raw["version"] == bmod.VERSION
    assert bmod.load(p) == b
    assert raw == b.to_json() == json.loads(bmod.dumps(b, compact=True))
    assert [x.name for x in tmp_path.iterdir()] == ["visit.kenes-brief"]  # no temp files left


def test_save_replaces_existing_file_atomically(tmp_path, monkeypatch):
    p = tmp_path / "b.kenes-brief"
    bmod.save(small_briefing(), p)
    before = p.read_bytes()

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(bmod.os, "replace", boom)
    with pytest.raises(BriefingError, match="could not be saved"):
        bmod.save(Briefing(title="other"), p)
    assert p.read_bytes() == before
    assert [x.name for x in tmp_path.iterdir()] == ["b.kenes-brief"]


def test_older_version_is_migrated(tmp_path):
    old = {"schema": "kenes-brief", "version": 0, "title": "Old", "event_date": "2025-11-14",
           "refs": [{"id": 3, "content_hash": "h3", "title": "T", "lang": "ru"}],
           "figures": [{"key": "count:5:::", "value": 5.0, "kind": "count", "value_text": "5",
                        "source": {"article_id": 3, "content_hash": "h3"}}]}
    p = tmp_path / "old.kenes-brief"
    p.write_text(json.dumps(old), encoding="utf-8")
    b = bmod.load(p)
    assert b.event_start == "2025-11-14" and b.articles[0].content_hash == "h3"
    assert b.figures[0].sources == [SourceRef(3, "h3")]
    assert b.order == list(bmod.PARTS)


def test_future_version_is_refused_clearly(tmp_path):
    p = tmp_path / "new.kenes-brief"
    p.write_text(json.dumps({"schema": "kenes-brief", "version": 99}), encoding="utf-8")
    with pytest.raises(BriefingError, match="newer version of Kenes"):
        bmod.load(p)


@pytest.mark.parametrize("content", [
    b"", b"{\"schema\": \"kenes-brief\", \"version\": 1, \"title\": \"cut he",
    b"\xff\xfe\x00garbage", b"[1, 2]", b"{\"schema\": \"other\", \"version\": 1}",
    b"{\"schema\": \"kenes-brief\", \"version\": 1, \"articles\": 5}",
    b"{\"schema\": \"kenes-brief\", \"version\": 1, \"figures\": [{\"nope\": 1}]}",
    b"{\"schema\": \"kenes-brief\", \"version\": 0, \"figures\": \"abc\"}",
    b"{\"schema\": \"kenes-brief\", \"version\": 1, \"title\": 5}",
    b"{\"schema\": \"kenes-brief\", \"version\": \"1\"}", b"null",
])
def test_corrupt_file_gives_a_typed_error(tmp_path, content):
    p = tmp_path / "bad.kenes-brief"
    p.write_bytes(content)
    with pytest.raises(BriefingError) as e:
        bmod.load(p)
    assert str(e.value)


def test_missing_file_gives_a_typed_error(tmp_path):
    with pytest.raises(BriefingError, match="does not exist"):
        bmod.load(tmp_path / "nothing.kenes-brief")


# ------------------------------------------------------------------ proposals from the sample

@pytest.fixture(scope="module")
def sample_stored(tmp_path_factory):
    """The sample articles imported into a library, as StoredArticles keyed by title start."""
    from desktop.corpus.library import Library
    from tests.conftest import SAMPLE

    with Library.open(tmp_path_factory.mktemp("brief") / "lib") as lib:
        lib.import_paths([SAMPLE])
        return [lib.get(i) for i in range(1, len(lib) + 1)]


def uzbek_visit(stored) -> list:
    """The sample articles about Kazakhstan and Uzbekistan around 14–16 November 2025."""
    return [s for s in stored if "UZ" in [t.id for t in s.analysis.countries]
            and "2025-11-01" <= (s.article.date or "") <= "2025-11-30"]


@pytest.fixture(scope="module")
def visit_brief(sample_stored) -> Briefing:
    b = Briefing(title="State visit to Uzbekistan, 14–16 November 2025", partners=["UZ"],
                 event_start="2025-11-14", event_end="2025-11-16", place="Tashkent", lang="en")
    return bmod.propose(b, uzbek_visit(sample_stored))


def test_visit_brief_proposes_the_key_figures(visit_brief):
    figs = {f.value_text: f for f in visit_brief.figures}
    # the headline target, the joint projects, jobs and the two-way trade figures
    for expected in ("$10 млрд", "78 совместных проектов", "$1,7 млрд", "15 тыс. рабочих мест",
                     "116 кәсіпорын", "71 млн доллар", "2,4 млрд доллардан астам"):
        assert expected in figs, expected
    ten = figs["$10 млрд"]
    assert (ten.kind, ten.value, ten.currency) == ("money", 1e10, "USD")
    # said in the headline and again in the body: one figure, worded from the body
    assert len(ten.sources) == 1 and "к 2030 году" in ten.sentence
    assert visit_brief.figures[0] is not None and visit_brief.figures[0].key == ten.key
    # the sentence is whole even across the abbreviation "тыс."
    assert figs["$1,7 млрд"].sentence.endswith("15 тыс. рабочих мест.")
    src = ten.sources[0]
    assert (src.source, src.date, src.lang) == ("CentralAsia (KZ)", "2025-11-15", "ru")
    # the Turkic trade article of February 2026 and the Putin visit are not in this brief
    assert "11,9 млрд долларға" not in figs and "30 млрд теңгеден" not in figs


def test_visit_brief_proposes_quotes_of_the_presidents_first(visit_brief):
    speakers = [q.speaker for q in visit_brief.quotes]
    assert speakers[:3] == ["tokayev", "tokayev", "mirziyoyev"]
    first = visit_brief.quotes[0]
    assert first.speaker_name == "Kassym-Jomart Tokayev"
    assert first.text.startswith("Для нас Узбекистан — братское")
    # the commentators' words follow, attributed by name
    assert {"rasul-rysmambetov", "ravshan-nazarov"} <= set(speakers[3:])


def test_visit_brief_sections_sources_and_participants(visit_brief):
    sections = {s.sector: s for s in visit_brief.sections}
    assert "diplomacy" in sections and sections["diplomacy"].title == "Diplomacy"
    for s in visit_brief.sections:
        for item in s.items:
            assert item.extract and len(item.extract) <= 500
            assert "KAZINFORM" not in item.extract  # no dateline in an extract
    assert len({i.key for s in visit_brief.sections for i in s.items}) == 3
    assert [a.source for a in visit_brief.sources()] == ["Kazinform", "CentralAsia (KZ)",
                                                         "Kazinform"]
    people = {p.id: p for p in visit_brief.participants}
    assert people["tokayev"].articles == 3 and people["tokayev"].included
    assert people["mirziyoyev"].included
    assert visit_brief.participants[0].id == "tokayev"


def test_briefing_still_holds_its_extracts_after_the_library_is_gone(visit_brief, tmp_path):
    p = bmod.save(visit_brief, tmp_path / "visit.kenes-brief")
    b = bmod.load(p)
    assert b == visit_brief
    art = b.articles[0]
    assert art.id and art.content_hash and art.title and art.text and art.lead


def _kk_counterpart():
    """A Kazakh report of the same target as the Russian article (synthetic translation)."""
    from desktop.core.article import Article

    return Article(
        title="Қазақстан мен Өзбекстан тауар айналымын арттыруға келісті",
        body=("ТАШКЕНТ. KAZINFORM – Жоғары мемлекетаралық кеңестің отырысында тараптар "
              "өзара тауар айналымын 2030 жылға қарай 10 млрд долларға жеткізу бағдарламасын "
              "орындауды басты міндет деп атады."),
        date="2025-11-15", lang="kk", source="Kazinform")


def test_same_fact_in_kazakh_and_russian_is_one_figure_with_both_sources(
        sample_stored, visit_brief, tmp_path):
    from desktop.corpus.library import Library

    with Library.open(tmp_path / "lib") as lib:
        lib.import_articles([_kk_counterpart()])
        kk = lib.get(1)
    b = bmod.propose(visit_brief, [kk])
    tens = [f for f in b.figures if f.value == 1e10 and f.currency == "USD"]
    assert len(tens) == 1
    assert sorted(r.lang for r in tens[0].sources) == ["kk", "ru"]
    b_kk = bmod.propose(Briefing(lang="kk"), [*uzbek_visit(sample_stored), kk])
    ten = next(f for f in b_kk.figures if f.value == 1e10)
    assert ten.sources[0].lang == "kk" and "10 млрд доллар" in ten.value_text


def test_adding_articles_later_keeps_the_users_choices(sample_stored):
    visit = uzbek_visit(sample_stored)
    b = bmod.propose(Briefing(lang="en"), visit[1:2])
    fig = b.figures[0]
    b, _inv = bmod.apply(b, ed.SetIncluded("figure", fig.key, False))
    b, _inv = bmod.apply(b, ed.EditWording("figure", fig.key, "My wording"))
    gone = b.quotes[-1].key
    b, _inv = bmod.apply(b, ed.RemoveItem("quote", gone))
    b2 = bmod.propose(b, visit)  # all of them again, the first included
    kept = next(f for f in b2.figures if f.key == fig.key)
    assert (kept.included, kept.wording) == (False, "My wording")
    assert b2.figures[: len(b.figures)] == b.figures  # same order, new ones after
    assert gone not in {q.key for q in b2.quotes}
    assert len(b2.articles) == len(visit)
    assert bmod.propose(b2, visit) == b2  # idempotent


# ------------------------------------------------------------------ undoable edits

from desktop.core import briefing_edits as ed  # noqa: E402


def _edits(b: Briefing, stored) -> list:
    fig, quote, part = b.figures[0], b.quotes[0], b.participants[0]
    sec = max(b.sections, key=lambda s: len(s.items))
    item = sec.items[0]
    return [
        ed.SetField("title", "Official visit"),
        ed.SetField("objectives", "- Sign the water agreement\n- Agree the 2030 road map"),
        ed.SetField("partners", ["UZ", "KG"]),
        ed.SetField("lang", "kk"),
        ed.SetField("event_end", None),
        ed.SetFields({"place": "Samarkand", "audience": "Minister"}),
        ed.AddArticles(tuple(stored)),
        ed.RemoveArticles((b.articles[0].content_hash,)),
        ed.SetIncluded("figure", fig.key, False),
        ed.SetIncluded("participant", part.key, False),
        ed.SetIncluded("item", f"{sec.sector}/{item.key}", False),
        ed.SetIncluded("article", b.articles[1].content_hash, False),
        ed.EditWording("figure", fig.key, "Trade to reach $10 bn by 2030"),
        ed.EditWording("quote", quote.key, "«Узбекистан — братское государство»"),
        ed.EditWording("section", sec.sector, "Foreign policy"),
        ed.EditWording("item", f"{sec.sector}/{item.key}", "Shorter extract."),
        ed.MoveSection(0, len(b.sections) - 1),
        ed.MovePart(0, 3),
        ed.MoveItem(sec.sector, 0, len(sec.items) - 1),
        ed.MoveEntry("figure", 2, 0),
        ed.MoveEntry("quote", 0, 1),
        ed.MoveEntry("participant", 1, 0),
        ed.MoveEntry("article", 0, 2),
        ed.RemoveItem("figure", fig.key),
        ed.RemoveItem("quote", quote.key),
        ed.RemoveItem("section", sec.sector),
        ed.RemoveItem("item", f"{sec.sector}/{item.key}"),
        ed.RemoveItem("participant", part.key),
        ed.RemoveItem("article", b.articles[-1].content_hash),
    ]


def test_every_edit_is_undone_and_redone_exactly(visit_brief, sample_stored):
    before = bmod.dumps(visit_brief)
    for edit in _edits(visit_brief, sample_stored):
        new, inverse = bmod.apply(visit_brief, edit)
        assert new != visit_brief, edit
        assert bmod.dumps(visit_brief) == before, f"{edit} changed its input"
        undone, redo = bmod.apply(new, inverse)
        assert undone == visit_brief, edit
        redone, _again = bmod.apply(undone, redo)
        assert redone == new, edit


def test_a_whole_session_of_edits_undoes_back_to_the_start(visit_brief, sample_stored):
    """As on an undo stack: edits one after another, then every inverse in reverse."""
    b, stack, states = visit_brief, [], [visit_brief]
    for edit in _edits(visit_brief, sample_stored):
        try:
            b, inverse = bmod.apply(b, edit)
        except BriefingError:
            continue  # an earlier edit removed what this one addresses
        stack.append(inverse)
        states.append(b)
    assert len(stack) > 20
    for inverse, expected in zip(reversed(stack), reversed(states[:-1]), strict=True):
        b, _redo = bmod.apply(b, inverse)
        assert b == expected
    assert bmod.dumps(b) == bmod.dumps(visit_brief)


def test_edits_change_what_the_user_sees(visit_brief):
    sec = max(visit_brief.sections, key=lambda s: len(s.items))
    b, _inv = bmod.apply(visit_brief, ed.MoveItem(sec.sector, 0, 1))
    moved = next(s for s in b.sections if s.sector == sec.sector)
    assert [i.key for i in moved.items] == [i.key for i in reversed(sec.items[:2])] + \
        [i.key for i in sec.items[2:]]
    gone = visit_brief.articles[0].content_hash
    b, _inv = bmod.apply(visit_brief, ed.RemoveArticles((gone,)))
    assert all(r.content_hash != gone for f in b.figures for r in f.sources)
    assert all(q.source.content_hash != gone for q in b.quotes)
    assert all(i.key != gone for s in b.sections for i in s.items)
    assert all(gone not in p.mentions for p in b.participants)
    fig = visit_brief.figures[0]
    b, _inv = bmod.apply(visit_brief, ed.EditWording("figure", fig.key, "Mine"))
    assert b.figures[0].display() == "Mine" and visit_brief.figures[0].display() == fig.sentence


@pytest.mark.parametrize("edit", [
    ed.SetField("articles", []), ed.SetField("lang", "de"), ed.SetField("order", ["figures"]),
    ed.SetIncluded("figure", "nope", True), ed.MoveSection(0, 99),
    ed.MoveItem("no-sector", 0, 1), ed.MoveEntry("section", 0, 1), ed.EditWording("participant", "person:nobody", "x"),
])
def test_an_edit_that_does_not_fit_is_refused(visit_brief, edit):
    with pytest.raises(BriefingError):
        bmod.apply(visit_brief, edit)


# ------------------------------------------------------------------ sentences and leads

from desktop.core.briefing_text import lead, sentence_at, sentences  # noqa: E402


@pytest.mark.parametrize("text, inside, expected", [
    ("Реализуется 78 проектов, которые создадут 15 тыс. рабочих мест. Далее.", "15 тыс",
     "Реализуется 78 проектов, которые создадут 15 тыс. рабочих мест."),
    ("Соңғы 20 жылда (2005-2025 жж.) ТМҰ елдерінен 6,3 млрд доллар келді. Тағы.", "6,3",
     "Соңғы 20 жылда (2005-2025 жж.) ТМҰ елдерінен 6,3 млрд доллар келді."),
    ("Бұрын. Мұны Қ. Тоқаев 2025 жылы айтты! Кейін.", "2025",
     "Мұны Қ. Тоқаев 2025 жылы айтты!"),
    ("Заголовок без точки\n\nПервое предложение 5 %. Второе.", "5 %",
     "Первое предложение 5 %."),
])
def test_sentence_at_keeps_abbreviations_and_initials(text, inside, expected):
    i = text.index(inside)
    assert sentence_at(text, i, i + len(inside)) == expected


def test_sentences_split_at_capitals_and_line_breaks():
    assert sentences("Бір. Екі! «Үш» деді ол.\nТөрт") == ["Бір.", "Екі!", "«Үш» деді ол.",
                                                         "Төрт"]


def test_lead_drops_dateline_outlet_and_credit_lines():
    body = ("Автор: Темірхан Айжан\n\nФото: Акорда\n\nАСТАНА. KAZINFORM — Президент сапармен "
            "барды. Екінші сөйлем. Үшінші сөйлем.")
    assert lead(body).startswith("Президент сапармен барды. Екінші сөйлем.")
    assert lead("CentralAsia (KZ) - В Ташкенте прошла встреча.", source="CentralAsia (KZ)") \
        == "В Ташкенте прошла встреча."
    long = lead("Сөз " * 400 + ".")
    assert len(long) <= 481 and long.endswith("…")
