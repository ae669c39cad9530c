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
        participants=[Participant("person", "tokayev", "Тоқаев", 3, 1)],
    )


def test_save_load_round_trip_keeps_everything(tmp_path):
    b = small_briefing()
    p = bmod.save(b, tmp_path / "visit.kenes-brief")
    raw = json.loads(p.read_text(encoding="utf-8"))
    assert raw["schema"] == "kenes-brief" and raw["version"] == bmod.VERSION
    assert bmod.load(p) == b
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
