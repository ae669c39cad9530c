"""Bilingual alignment: segmentation, links, edits, mismatches, bad input, `kenes align`."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.analysis import alignment as A
from desktop.analysis.alignment import AlignmentError, align, is_complete, mismatches, segment
from desktop.analysis.glossary import load_glossary
from desktop.analysis.pipeline import analyze
from tests.conftest import DATA

ALIGN = DATA / "align"


def _read(name: str) -> str:
    return (ALIGN / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def visit():
    kk, ru = _read("visit_kk.txt"), _read("visit_ru.txt")
    al = align(segment(kk, "kk"), segment(ru, "ru"), glossary=load_glossary(user=False))
    return kk, ru, al


def _link(al, left_text: str):
    i = next(k for k, s in enumerate(al.left) if left_text in s.text)
    return al.links[al.link_of("left", i)]


# --------------------------------------------------------------------------- segmentation


def test_initials_abbreviations_and_numbers_do_not_split_sentences():
    text = ("Қ. Тоқаев пен Ш. Мирзиёев кездесті. Тауар айналымы 1,7 млрд. долларға жетті. "
            "Н.Ә. Назарбаев, т.б. қатысты.")
    assert [s.text for s in segment(text, "kk")] == [
        "Қ. Тоқаев пен Ш. Мирзиёев кездесті.",
        "Тауар айналымы 1,7 млрд. долларға жетті.",
        "Н.Ә. Назарбаев, т.б. қатысты.",
    ]
    ru = "В 2023 г. Президент подписал указ. Сумма составила 1,7 млрд. Далее — итоги."
    assert [s.text for s in segment(ru, "ru")] == [
        "В 2023 г. Президент подписал указ.", "Сумма составила 1,7 млрд.", "Далее — итоги."]


def test_segments_are_spans_into_the_text_and_lines_mode_keeps_lines():
    text = "  Бірінші жол. Екінші сөйлем.\n\nҮшінші жол\n"
    segs = segment(text, "kk")
    assert [text[s.start:s.end] for s in segs] == [s.text for s in segs]
    assert [s.text for s in segs] == ["Бірінші жол.", "Екінші сөйлем.", "Үшінші жол"]
    lines = segment(text, "kk", lines=True)
    assert [s.text for s in lines] == ["Бірінші жол. Екінші сөйлем.", "Үшінші жол"]


def test_unit_abbreviation_before_a_capital_ends_the_sentence():
    segs = segment("Көпір 5 миль. Мост 8 км. Воздух 30 °F. Конец.", "ru")
    assert len(segs) == 4


# --------------------------------------------------------------------------- alignment


def test_a_dateline_stays_with_its_first_sentence():
    text = "АСТАНА. KAZINFORM — Тоқаев Ташкентке барды. Сапар екі күнге созылады."
    assert [x.text for x in segment(text)] == [
        "АСТАНА. KAZINFORM — Тоқаев Ташкентке барды.", "Сапар екі күнге созылады."]
    assert [x.text for x in segment("Ол келді. Сосын кетті.")] == ["Ол келді.", "Сосын кетті."]


def test_parallel_article_aligns_with_gaps_for_extra_sentences(visit):
    _kk, _ru, al = visit
    assert is_complete(al)
    assert _link(al, "Қ. Тоқаев 12 қыркүйекте").right == (1,)
    # the Russian version adds two sentences: they are gaps, not glued to a neighbour
    extra = [lk for lk in al.links if lk.type == "0:1"]
    assert {al.right[lk.right[0]].text for lk in extra} == {
        "Среди них соглашение о сотрудничестве в сфере энергетики.",
        "Он подчеркнул значение регулярных встреч."}
    assert all(0.0 <= lk.score <= 1.0 for lk in al.links)
    assert _link(al, "Жоғары мемлекетаралық").score > 0.6


def test_a_sentence_split_in_two_is_one_1_2_link():
    kk = ["Президент Тоқаев Астанада Германия канцлері Шольцпен кездесіп, екі ел арасындағы "
          "тауар айналымы 2023 жылы 3,5 млрд долларға жеткенін атап өтті.",
          "Кездесу соңында тараптар бірлескен мәлімдемеге қол қойды."]
    ru = ["Президент Токаев встретился в Астане с канцлером Германии Шольцем.",
          "Он отметил, что товарооборот двух стран в 2023 году достиг 3,5 млрд долларов.",
          "По итогам встречи стороны подписали совместное заявление."]
    al = align(kk, ru, glossary=load_glossary(user=False))
    assert [(lk.left, lk.right, lk.type) for lk in al.links] == [
        ((0,), (0, 1), "1:2"), ((1,), (2,), "1:1")]


def test_sentence_initial_function_words_are_not_names():
    feats = A._features([A.Segment("Егер тараптар келіссе, бәрі жақсы болады.", 0, 40)], [], "kk")
    assert not any(a.startswith("k:") for a in feats[0].anchors)


def test_alignment_never_changes_the_text(visit):
    kk, ru, al = visit
    assert kk == _read("visit_kk.txt") and ru == _read("visit_ru.txt")
    assert all(kk[s.start:s.end] == s.text for s in al.left)


# --------------------------------------------------------------------------- bad input


def test_same_language_and_empty_texts_give_clear_errors():
    with pytest.raises(AlignmentError) as e:
        align(["Бір."], ["Екі."], left_lang="kk", right_lang="kk")
    assert "same language" in str(e.value)
    with pytest.raises(AlignmentError):
        align(segment("   \n", "kk"), segment("", "ru"))


def test_one_empty_side_gives_gaps():
    al = align(segment("Бір сөйлем. Екінші сөйлем.", "kk"), [])
    assert [lk.type for lk in al.links] == ["1:0", "1:0"] and is_complete(al)


def test_texts_without_common_anchors_still_align_completely():
    al = align(["Мысық үйде отыр.", "Күн жылы."], ["Собака бежит по улице быстро.", "Идёт дождь."])
    assert is_complete(al)


def test_huge_articles_are_aligned_within_a_bounded_band():
    kk = _read("visit_kk.txt")
    ru = _read("visit_ru.txt")
    left = segment(kk * 150, "kk")
    right = segment(ru * 150, "ru")
    al = align(left, right)
    assert is_complete(al) and len(al.left) > 1000


_word = st.text(alphabet="абвгдеәғқңөұүіжзклмнопрстуфхшыэюяАБВҚТ0123456789,", min_size=1,
                max_size=9)
_sentence = st.lists(_word, min_size=1, max_size=8).map(lambda ws: " ".join(ws) + ".")


@settings(max_examples=60, deadline=None)
@given(st.lists(_sentence, max_size=25), st.lists(_sentence, max_size=25))
def test_random_texts_align_every_index_once(left, right):
    lt, rt = " ".join(left), " ".join(right)
    ls, rs = segment(lt, "kk"), segment(rt, "ru")
    if not ls and not rs:
        return
    al = align(ls, rs)
    assert is_complete(al)
    assert all(lk.type in A.TYPES.values() for lk in al.links)
    assert all(lt[s.start:s.end] == s.text for s in al.left)
    assert all(rt[s.start:s.end] == s.text for s in al.right)


# --------------------------------------------------------------------------- edits


def test_edits_keep_every_segment_once_and_are_confirmed(visit):
    _kk, _ru, al = visit
    joined = A.join(al, 0, 1)
    assert is_complete(joined) and joined.links[0].confirmed and joined.links[0].type == "2:2"
    assert A.split(joined, 0).links[:2] == [A.Link((0,), (0,), "1:1", 1.0, True),
                                           A.Link((1,), (1,), "1:1", 1.0, True)]
    relinked = A.relink(al, 0, 2)
    assert is_complete(relinked)
    assert A.Link((0,), (2,), "1:1", 1.0, True) in relinked.links
    gaps = A.unlink(al, 0)
    assert sorted(lk.type for lk in gaps.links[:2]) == ["0:1", "1:0"] and is_complete(gaps)
    assert al.links[0].confirmed is False  # pure: the original is untouched
    with pytest.raises(AlignmentError):
        A.split(al, 0)


def test_links_round_trip_through_json():
    lk = A.Link((1, 2), (3,), "2:1", 0.8, True)
    assert A.Link.from_json(json.loads(json.dumps(lk.to_json()))) == lk


# --------------------------------------------------------------------------- mismatches


def test_mismatches_flag_different_figures_and_accept_conversions(visit):
    kk, ru, al = visit
    found = mismatches(kk, ru, analyze(kk, "kk"), analyze(ru, "ru"), al)
    figs = {(m.left, m.right, m.note) for m in found if m.kind == "figure"}
    assert ("1,7 млрд. доллар", "1,6 млрд долларов", "") in figs
    assert ("100 мильге", "161 км", "converted") in figs
    different = next(m for m in found if m.left == "1,7 млрд. доллар")
    assert al.links[different.link] == _link(al, "Былтыр екі ел")
    # the same figures written differently are not flagged
    assert not any(m.left and "10 млрд" in m.left for m in found)


def test_money_scale_difference_is_flagged():
    kk, ru = "Сауда көлемі $10 млрд болды.", "Объём торговли составил 10 млн."
    al = align(segment(kk, "kk"), segment(ru, "ru"))
    found = mismatches(kk, ru, analyze(kk, "kk"), analyze(ru, "ru"), al)
    assert [(m.kind, m.side, m.link) for m in found] == [("figure", "both", 0)]


def test_a_figure_in_the_report_leaves_out_the_sentence_full_stop():
    kk, ru = "Жылына 5 миллион.", "В год 5 миллиардов. Объём 3 млн. Конец."
    al = align(segment(kk, "kk"), segment(ru, "ru"))
    found = mismatches(kk, ru, analyze(kk, "kk"), analyze(ru, "ru"), al)
    texts = {m.left for m in found} | {m.right for m in found}
    assert "5 миллион" in texts and "5 миллиардов" in texts
    assert "3 млн." in texts  # an abbreviation keeps its dot


def test_a_person_named_on_one_side_only_is_flagged():
    kk = "Тоқаев Ташкентте Мирзиёевпен кездесті."
    ru = "Токаев встретился в Ташкенте."
    al = align(segment(kk, "kk"), segment(ru, "ru"))
    found = mismatches(kk, ru, analyze(kk, "kk"), analyze(ru, "ru"), al)
    people = [m for m in found if m.kind == "person"]
    assert [(m.side, m.link) for m in people] == [("left", 0)]


# --------------------------------------------------------------------------- CLI


def test_kenes_align_json_shape(capsys):
    from desktop.cli import main

    rc = main(["align", str(ALIGN / "lines_kk.txt"), str(ALIGN / "lines_ru.txt"), "--lines",
               "--json"])
    assert rc == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"left", "right", "links", "mismatches"}
    assert out["left"]["lang"] == "kk" and out["right"]["lang"] == "ru"
    assert len(out["left"]["segments"]) == 5 and len(out["right"]["segments"]) == 5
    assert [(lk["left"], lk["right"], lk["type"]) for lk in out["links"]] == [
        ([i], [i], "1:1") for i in range(5)]
    assert all(set(lk) == {"left", "right", "type", "score"} for lk in out["links"])
    assert out["mismatches"] == []


def test_kenes_align_reports_bad_input(capsys, tmp_path):
    from desktop.cli import main

    same = tmp_path / "same.txt"
    same.write_text("Бұл қазақша мәтін. Тағы бір сөйлем бар.", encoding="utf-8")
    assert main(["align", str(same), str(same)]) == 1
    assert "same language" in capsys.readouterr().err
    assert main(["align", str(tmp_path / "missing.txt"), str(same)]) == 2
    assert "neither a file nor a library id" in capsys.readouterr().err


def test_kenes_align_says_when_a_side_is_empty_or_the_texts_share_nothing(capsys, tmp_path):
    from desktop.cli import main

    kk = tmp_path / "kk.txt"
    kk.write_text("Ауа райы жылы болады.\nЖаңбыр жаумайды.\n", encoding="utf-8")
    ru = tmp_path / "ru.txt"
    ru.write_text("Футбольный матч закончился вничью.\nБолельщики довольны.\n",
                  encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    assert main(["align", str(kk), str(empty), "--json"]) == 0
    got = capsys.readouterr()
    assert "right text has no sentences" in got.err
    out = json.loads(got.out)  # the JSON stays whole: every segment in one link
    assert [lk["left"] for lk in out["links"]] == [[0], [1]]
    assert main(["align", str(kk), str(ru), "--lines"]) == 0
    assert "share no names or figures" in capsys.readouterr().err
    assert main(["align", str(ALIGN / "lines_kk.txt"), str(ALIGN / "lines_ru.txt"),
                 "--lines"]) == 0
    assert capsys.readouterr().err == ""


def test_number_words_months_and_weekdays_are_anchors_in_both_languages():
    from desktop.analysis.align_lexicon import lexicon_anchors

    kk = lexicon_anchors("Сенбі күні, 12 қыркүйекте жиырма бес адам және он төрт бала келді", "kk")
    ru = lexicon_anchors("В субботу, 12 сентября, пришли двадцать пять взрослых и четырнадцать "
                         "детей", "ru")
    assert {"d:w6", "d:m09", "n:25", "n:14"} <= kk & ru
    assert "n:5" not in kk  # "жиырма бес" is one number


def test_perturbed_evaluation_gold_covers_every_segment_once():
    from desktop.analysis.align_eval import f1, perturb

    kk = [f"Сөйлем {i} мұнда." for i in range(40)]
    ru = [f"Предложение {i} здесь." for i in range(40)]
    for seed in range(5):
        v = perturb(kk, ru, seed=seed, merge=0.3, drop=0.2)
        ls = sorted(x for g in v.gold for x in g[0])
        rs = sorted(y for g in v.gold for y in g[1])
        assert ls == list(range(len(v.left))) and rs == list(range(len(v.right)))
        assert all(len(g[0]) <= 2 and len(g[1]) <= 2 for g in v.gold)
        al = align(v.left, v.right)
        assert f1(al.links, v.gold)[0] > 0.9


def test_same_number_in_words_or_within_rounding_is_no_mismatch():
    kk = "Апатта сегіз адам жараланды. Жүктің салмағы 550 фунт (249 кг) болды."
    ru = "В аварии пострадали 8 человек. Вес груза составил 250 килограммов."
    al = align(segment(kk, "kk"), segment(ru, "ru"))
    found = mismatches(kk, ru, analyze(kk, "kk"), analyze(ru, "ru"), al)
    assert all(m.note == "converted" for m in found if m.kind == "figure"), found


def test_a_lead_only_counterpart_links_its_sentences_to_the_start(visit):
    kk, ru, _al = visit
    left, right = segment(kk, "kk"), segment(ru, "ru")[:3]
    al = align(left, right, glossary=load_glossary(user=False))
    linked = [(lk.left, lk.right) for lk in al.links if lk.right]
    assert linked == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    assert all(lk.type == "1:0" for lk in al.links if not lk.right)
