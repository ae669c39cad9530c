"""Language tags drive the kk/ru facet: every sentence of a parallel corpus lands on its side."""

from __future__ import annotations

import json

import pytest

from desktop.analysis.language import detect_language
from tests.conftest import SHARED

NTREX = SHARED / "data" / "ntrex-kk-ru-dev" / "docs.jsonl"


@pytest.mark.skipif(not NTREX.exists(), reason="shared parallel corpus not present")
def test_every_ntrex_sentence_and_document_gets_its_language():
    wrong = []
    for line in NTREX.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        for lang in ("kk", "ru"):
            for text in [*doc[lang], " ".join(doc[lang])]:
                if detect_language(text) != lang:
                    wrong.append((lang, text[:80]))
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
