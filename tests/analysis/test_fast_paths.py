"""The shortcuts that make analysis fast give the same answers a user would check by hand."""

from __future__ import annotations

import json

import pytest

from desktop.analysis import evaluate, perf
from desktop.analysis.figures import _sentence
from desktop.analysis.language import detect_language
from desktop.analysis.pipeline import analyze, rules
from desktop.analysis.quotes import guillemet_spans


def _clear_caches() -> None:
    r = rules()
    for sc in (r.cap_scan, r.low_scan, r.role_scan, r.role_low_scan):
        if sc is not None:
            sc.cache.clear()


def test_every_occurrence_of_a_cached_word_form_is_tagged_in_place():
    text = ("Өзбекстанға делегация барды. Кейін Өзбекстанға тағы барды, "
            "АӨзбекстанға емес. Узбекистаном и Узбекистаном.")
    _clear_caches()
    cold = analyze(text)
    warm = analyze(text)
    assert cold == warm
    uz = next(t for t in warm.countries if t.id == "UZ")
    assert [text[s:e] for s, e in uz.spans] == ["Өзбекстанға", "Өзбекстанға", "Узбекистаном",
                                                 "Узбекистаном"]


def test_cached_rejections_stay_rejected():
    _clear_caches()
    for _ in range(2):  # second pass answers from the cache
        assert "CU" not in {t.id for t in analyze("Кубанычбек Өміралиев сөйледі.").countries}
        assert "TR" not in {t.id for t in analyze("Түркі әлемі. Түркі әлемі.").countries}


def test_mixed_dashes_give_quotes_in_text_order():
    text = ("— Біз бірге жұмыс істейміз және сауданы дамытамыз, — деді Тоқаев.\n"
            "«Мы откроем новые маршруты для грузов в регионе», - сказал Мирзиёев.\n"
            "— Жоба келесі жылы аяқталады деп күтілуде, – деді сарапшы.\n")
    qs = analyze(text).quotes
    assert [q.text[:6] for q in qs] == ["Біз бі", "Мы отк", "Жоба к"]
    assert [q.speaker for q in qs][:2] == ["tokayev", "mirziyoyev"]
    for q in qs:
        assert text[slice(*q.span)] == q.text


def test_guillemets_pair_at_top_level_and_ignore_stray_closers():
    text = "» a «b «c» d» e «f»"
    assert [text[s:e] for s, e in guillemet_spans(text)] == ["«b «c» d»", "«f»"]
    assert guillemet_spans("no quotes") == []
    assert guillemet_spans("«open only") == []


def test_long_sentence_is_kept_whole_around_a_figure():
    long = "Сауда " + "өте " * 300 + "өсті және 5 млрд доллар болды " + "әрі " * 300 + "дамыды"
    text = f"Алғашқы сөйлем. {long}. Соңғы сөйлем."
    figs = analyze(text).figures
    assert len(figs) == 1
    assert figs[0].sentence == long + "."
    assert _sentence("a. bc 1 d. e", 5, 7) == "bc 1 d."


def test_language_counts_capitals_and_ignores_other_cyrillic():
    assert detect_language("ҚАЗАҚСТАН ЖӘНЕ ӨЗБЕКСТАН ІСКЕРЛІК ҚАУЫМДАСТЫҒЫ") == "kk"
    assert detect_language("Президент провёл встречу с делегацией в столице") == "ru"
    assert detect_language("Ўзбекистон ҳукумати қарор қабул қилди ва эълон қилди") != "ru"


def test_perf_reports_every_stage():
    texts = perf.mixed_texts(n=2)
    assert texts and all(len(t.encode()) >= 4000 for t in texts)
    stages = perf.bench_stages(texts, repeat=1)
    assert set(stages) == {"language", "entities", "figures", "quotes", "total"}
    assert all(v > 0 for v in stages.values())


def _tiny_shared(root):
    (root / "seeds").mkdir(parents=True)
    (root / "fixtures").mkdir()
    (root / "seeds" / "a.txt").write_text(
        "Қазақстан мен Өзбекстан сауда көлемі 4,3 млрд доллар болды.", encoding="utf-8")
    (root / "fixtures" / "seeds-expected.json").write_text(json.dumps({
        "articles": [{"file": "a.txt", "lang": "kk", "countries": ["KZ", "UZ"],
                      "must_not": ["TR"], "sectors": ["trade"], "figures": ["4,3 млрд доллар"]}],
        "traps": [{"text": "Түркі әлемі.", "must_not": ["TR"]}],
    }), encoding="utf-8")


def test_evaluate_writes_json_only_where_asked(tmp_path, monkeypatch, capsys):
    _tiny_shared(tmp_path / "shared")
    monkeypatch.setattr(evaluate, "SHARED", tmp_path / "shared")
    monkeypatch.chdir(tmp_path)
    assert evaluate.main([]) == 0
    assert not list(tmp_path.glob("*.json"))
    out = tmp_path / "out" / "eval.json"
    assert evaluate.main(["--json", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["seeds"]["counts"]["countries_found"] == 2
    assert all(row["ok"] for row in data["table"])
    assert "seeds countries found" in capsys.readouterr().out


@pytest.mark.parametrize("text", ["", "   ", "12345", "«»", "— деді"])
def test_degenerate_texts(text):
    a = analyze(text)
    assert not (a.countries or a.people or a.orgs)


@pytest.mark.parametrize("space", [" ", "\u00a0", "\u202f", "\t", "  "])
def test_multiword_names_match_across_any_space(space):
    text = f"Делегация Қырғыз{space}Республикасының өкілдері келді. Келіссөздер өтті."
    a = analyze(text)
    kg = [t for t in a.countries if t.id == "KG"]
    assert kg and [text[s:e] for s, e in kg[0].spans] == [f"Қырғыз{space}Республикасының"]
    assert "diplomacy" in {t.id for t in a.sectors}  # a capitalised term after it still counts


def test_parallel_agreement_counts_and_lists_what_one_language_misses(tmp_path):
    p = tmp_path / "docs.jsonl"
    docs = [
        {"doc_id": "a", "kk": ["Қазақстан мен Өзбекстан 4,3 млрд доллар тауар айналымын талқылады."],
         "ru": ["Казахстан и Узбекистан обсудили товарооборот в 4,3 млрд долларов."]},
        {"doc_id": "b", "kk": ["Делегация Қытайға барды."], "ru": ["Делегация прибыла в Пекин и Сеул."]},
        {"doc_id": "no-pair", "kk": ["Ресей"]},
    ]
    p.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in docs), encoding="utf-8")
    r = evaluate.eval_parallel(p)
    assert r["documents"] == 2
    assert r["shared"]["countries"] == 3 and r["either"]["countries"] == 4  # KZ, UZ, CN | KR
    assert r["agreement"]["figures"] == 100.0
    assert ("b", "countries", "ru", "KR", "Сеул") in r["disagreements"]
