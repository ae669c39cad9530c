"""The per-token gazetteer scan finds exactly what scanning the whole text finds.

The fast path looks each whitespace-separated token up in a cache and only matches in
place where a multi-word name ("Ресей Федерациясы", "Шавкат Мирзиёев") may run on into
the next word. These tests compare it with the plain whole-text scan on seed text cut
and re-joined with every kind of separator, so a wrong shortcut shows as a missing or
extra tag.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.analysis.entities import gazetteer_hits, scan
from desktop.analysis.pipeline import analyze, clear_caches, rules
from tests.conftest import SEEDS

_WORDS = [w for p in sorted(SEEDS.glob("*.txt")) for w in p.read_text(encoding="utf-8").split()]
_SEPARATORS = [" ", " ", " ", "  ", "\n", "\u00a0", "\u202f", "\t", " - ", "-", "\u2009", "\n\n"]


def _whole_text(text: str):
    r = rules()
    return sorted(scan(text, r.cap_scan) + scan(text, r.low_scan))


def test_seed_articles_scan_the_same_token_by_token():
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert gazetteer_hits(text, rules()) == _whole_text(text), path.name


@settings(max_examples=120, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(_WORDS) - 1), st.sampled_from(_SEPARATORS)),
                min_size=1, max_size=40))
def test_recombined_seed_words_scan_the_same(parts):
    text = "".join(_WORDS[i] + sep for i, sep in parts)
    assert gazetteer_hits(text, rules()) == _whole_text(text)


def test_multi_word_names_across_separators_and_at_the_end():
    cases = [
        "Ресей Федерациясы", "Ресей\u00a0Федерациясымен", "Ресей  Федерациясы", "Ресей\nФедерациясы",
        "Біз Ресей", "Қазақстан", "Шавкат Мирзиёев", "Шавкат", "Қасым-Жомарт Тоқаев сөйледі",
        "водных ресурсов", "водных", "Ресей Ресей Федерациясы Ресей",
    ]
    for text in cases:
        assert gazetteer_hits(text, rules()) == _whole_text(text), text
        analyze(text)  # a multi-word start at the very end must not fail


def test_line_break_ends_a_multi_word_name():
    a = analyze("Ресей\nФедерациясы туралы.")
    ru = next(t for t in a.countries if t.id == "RU")
    assert ru.phrases == ["Ресей"]


_MARKS = ["", "", "", "«", "»", "“", "(", ")", ",", ".", "-", "—", ":", "'", "5"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(_WORDS) - 1), st.integers(0, 6), st.integers(0, 3),
                          st.sampled_from(_MARKS), st.sampled_from(_MARKS),
                          st.sampled_from(_SEPARATORS)), min_size=1, max_size=40))
def test_words_never_seen_before_scan_the_same(parts):
    """New tokens are learned together (one quick search over all of them); cut words and
    glued punctuation make tokens no cache holds, which must still match exactly."""
    text = "".join(pre + _WORDS[i][cut:len(_WORDS[i]) - end] + post + sep
                   for i, cut, end, pre, post, sep in parts)
    clear_caches()
    assert gazetteer_hits(text, rules()) == _whole_text(text)


def test_analysis_is_the_same_with_empty_and_with_warm_caches():
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    warm = [analyze(t) for t in texts]
    for t, expected in zip(texts, warm, strict=True):
        clear_caches()
        assert analyze(t) == expected
