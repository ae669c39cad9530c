"""Language tags drive the kk/ru facet: every sentence of a parallel corpus lands on its side."""

from __future__ import annotations

import pytest

from desktop.analysis.language import detect_language
from tests.conftest import DATA

# Parallel kk/ru texts written for the tests (one sentence a line in lines_*.txt).
PARALLEL = {lang: [DATA / "align" / f"{name}_{lang}.txt" for name in ("lines", "visit")]
            + [DATA / "pairing" / f"visit_{lang}.txt"] for lang in ("kk", "ru")}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_sentence_and_document_of_parallel_texts_gets_its_language(lang):
    wrong = []
    for path in PARALLEL[lang]:
        text = path.read_text(encoding="utf-8")
        lines = [line for line in text.splitlines() if len(line.split()) >= 4]
        for piece in [*lines, text]:
            if detect_language(piece) != lang:
                wrong.append(piece[:80])
    assert wrong == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Токаев Қасым-Жомарт встретился с президентом и обсудил вопросы", "ru"),
        ("Осылай болды.", "kk"),
        ("Түркістан қаласында кездесу өтті.", "kk"),
        ("Hello world", "other"),
        ("", "other"),
    ],
)
def test_short_texts(text, lang):
    assert detect_language(text) == lang
