"""A table row whose cell is absurdly large is skipped with a reason; the rows around it
are imported, and the table is read as a stream."""

from __future__ import annotations

import csv
import json

from desktop.corpus import tables
from desktop.corpus.readers import Skipped, read_paths

BODY = "Президент Казахстана встретился с президентом Узбекистана в Ташкенте."


def read(*paths):
    skipped: list[Skipped] = []
    articles = list(read_paths([str(p) for p in paths], on_skip=skipped.append))
    return articles, skipped


def test_csv_row_with_a_giant_cell_is_skipped_and_the_others_imported(tmp_path, monkeypatch):
    monkeypatch.setattr(tables, "MAX_CELL_CHARS", 10_000)
    p = tmp_path / "news.csv"
    with open(p, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["title", "text"])
        w.writerow(["Первая", BODY + " 1"])
        w.writerow(["Огромная", (BODY + "\n") * 2000])  # ≈ 140 000 characters
        w.writerow(["Третья", BODY + " 3"])
    articles, skipped = read(p)
    assert [a.title for a in articles] == ["Первая", "Третья"]
    assert [s.path for s in skipped] == [f"{p}#row 3"]
    assert "over the limit" in skipped[0].reason and "10" in skipped[0].reason


def test_jsonl_line_with_a_giant_cell_is_skipped(tmp_path, monkeypatch):
    monkeypatch.setattr(tables, "MAX_CELL_CHARS", 10_000)
    p = tmp_path / "news.jsonl"
    rows = [{"title": "A", "text": BODY}, {"title": "B", "text": BODY * 1000},
            {"title": "C", "text": BODY}]
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    articles, skipped = read(p)
    assert [a.title for a in articles] == ["A", "C"]
    assert len(skipped) == 1 and skipped[0].path.endswith("#row 2")


def test_an_unclosed_quote_beyond_the_field_limit_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr(tables, "_MAX_FIELD", 5_000)
    p = tmp_path / "broken.csv"
    p.write_text('title,text\nA,"' + BODY + "\n" + ("x" * 100 + "\n") * 200, encoding="utf-8")
    articles, skipped = read(p)
    assert articles == []
    assert len(skipped) == 1 and "unclosed quote" in skipped[0].reason


def test_a_normal_long_article_is_kept():
    assert tables.MAX_CELL_CHARS >= 500_000  # long reads and interviews still import


def test_zip_bomb_member_and_deep_nesting_stay_refused(tmp_path):
    import io
    import zipfile

    from desktop.corpus.readers import Limits

    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("huge.txt", "0" * 2_000_000)  # compresses to a few kilobytes
    skipped: list[Skipped] = []
    got = list(read_paths([str(bomb)], on_skip=skipped.append,
                          limits=Limits(max_member_bytes=1_000_000)))
    assert got == [] and "too large" in skipped[0].reason

    data = b""
    inner = ("Сапар\n" + BODY).encode()
    for level in range(8):  # a zip in a zip … eight deep
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            zf.writestr(f"l{level}.zip" if data else "a.txt", data or inner)
        data = buf.getvalue()
    deep = tmp_path / "deep.zip"
    deep.write_bytes(data)
    skipped = []
    got = list(read_paths([str(deep)], on_skip=skipped.append))
    assert got == [] and any("nested too deeply" in s.reason for s in skipped)
