"""read_paths imports what it can, and names every file or row it had to leave out, and why."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest

from desktop.corpus.readers import Limits, Skipped, read_paths
from desktop.jobs import Cancelled, CancelToken
from tests.conftest import SEEDS

RU_BODY = "Казахстан и Узбекистан договорились увеличить товарооборот до $10 млрд."
KK_BODY = "Қазақстан мен Өзбекстан Президенттері ресми бастау берді, деп хабарлайды BAQ.KZ."


def read(*paths, **kw):
    skipped: list[Skipped] = []
    articles = list(read_paths([str(p) for p in paths], on_skip=skipped.append, **kw))
    return articles, skipped


# --- plain files, folders, archives -----------------------------------------------------------


def test_seed_folder_reads_all_five_articles_in_sorted_order():
    articles, skipped = read(SEEDS)
    assert skipped == []
    assert [Path(a.origin).name for a in articles] == sorted(p.name for p in SEEDS.glob("*.txt"))
    assert {a.lang for a in articles} == {"kk", "ru"}


def test_folder_walk_skips_hidden_and_quietly_passes_unknown_types(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Второй\nТекст второй.", encoding="utf-8")
    (tmp_path / "1.md").write_text("# Первый\n\nТекст первый.", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / ".secret.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    articles, skipped = read(tmp_path)
    assert [a.title for a in articles] == ["Первый", "Второй"]
    assert [(Path(s.path).name, ".xlsx" in s.reason) for s in skipped] == [("old.xls", True)]


def test_unknown_type_named_directly_is_reported(tmp_path):
    f = tmp_path / "notes.xyz"
    f.write_text("text", encoding="utf-8")
    _, skipped = read(f)
    assert skipped == [Skipped(str(f), "unsupported file type: .xyz")]


def test_missing_path_is_reported_and_the_rest_imports(tmp_path):
    _, skipped = read(tmp_path / "gone.txt")
    articles, _ = read(tmp_path / "gone.txt", SEEDS)
    assert skipped[0].reason == "file not found" and len(articles) == 5


def test_same_file_named_twice_is_read_once():
    articles, _ = read(SEEDS, SEEDS / "000_73bd4fbc202ed5f6.txt")
    assert len(articles) == 5


def test_each_encoding_of_a_file_imports_the_same_article(tmp_path):
    text = "Заголовок статьи\n" + RU_BODY
    for enc in ("utf-8", "utf-8-sig", "utf-16", "cp1251"):
        (tmp_path / f"{enc}.txt").write_bytes(text.encode(enc))
    articles, skipped = read(tmp_path)
    assert skipped == []
    assert {(a.title, a.body, a.lang) for a in articles} == {("Заголовок статьи", RU_BODY, "ru")}


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def test_zip_with_folders_tables_and_a_nested_zip(tmp_path):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as zf:
        zf.writestr("deep.txt", "Глубоко\n" + RU_BODY)
    arc = _zip(tmp_path / "news.zip", {
        "2025/11/a.txt": " date 2025-11-16 Первая\n" + RU_BODY,
        "2025/11/b.csv": "title,text\nВторая,Текст второй статьи.\n".encode(),
        "__MACOSX/2025/._a.txt": b"\x00\x05\x16\x07",
        "inner.zip": inner.getvalue(),
        "readme.bin": b"\x00\x01",
    })
    articles, skipped = read(arc)
    assert skipped == []
    assert [a.origin for a in articles] == [
        f"{arc}::2025/11/a.txt", f"{arc}::2025/11/b.csv#row 2", f"{arc}::inner.zip::deep.txt"
    ]
    assert articles[0].date == "2025-11-16"


def test_zip_slip_members_are_reported_and_nothing_is_written(tmp_path):
    arc = _zip(tmp_path / "evil.zip", {
        "../../escaped.txt": "Побег\n" + RU_BODY,
        "/abs/root.txt": "Корень\n" + RU_BODY,
        "ok.txt": "Нормально\n" + RU_BODY,
    })
    before = sorted(p.name for p in tmp_path.parent.rglob("*"))
    articles, skipped = read(arc)
    assert [a.title for a in articles] == ["Нормально"]
    assert sorted(s.reason for s in skipped) == [
        "unsafe path in archive: ../../escaped.txt", "unsafe path in archive: /abs/root.txt"
    ]
    assert sorted(p.name for p in tmp_path.parent.rglob("*")) == before


def test_truncated_zip_is_reported_and_the_rest_imports(tmp_path):
    good = _zip(tmp_path / "good.zip", {"a.txt": "Первая\n" + RU_BODY, "b.txt": "Вторая\n" + KK_BODY})
    broken = tmp_path / "broken.zip"
    broken.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    articles, skipped = read(broken, SEEDS)
    assert len(articles) == 5
    assert skipped == [Skipped(str(broken), "archive is truncated or corrupt")]


def test_zip_member_with_damaged_data_is_reported(tmp_path):
    arc = _zip(tmp_path / "crc.zip", {"a.txt": ("Первая\n" + RU_BODY * 20).encode()})
    data = bytearray(arc.read_bytes())
    data[40] ^= 0xFF  # inside the first member's compressed data
    arc.write_bytes(bytes(data))
    articles, skipped = read(arc)
    assert articles == []
    assert skipped == [Skipped(f"{arc}::a.txt", "archive is truncated or corrupt")]


# --- bad single files ---------------------------------------------------------------------------


def test_empty_and_binary_files_are_skipped_with_reasons(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text(" \n\n\t", encoding="utf-8")
    (tmp_path / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "ok.txt").write_text("Хорошая\n" + RU_BODY, encoding="utf-8")
    articles, skipped = read(tmp_path)
    assert [a.title for a in articles] == ["Хорошая"]
    assert {Path(s.path).name: s.reason for s in skipped} == {
        "blank.txt": "empty file",
        "empty.txt": "empty file",
        "picture.txt": "not valid text: binary content",
    }


def test_huge_sparse_text_file_is_refused_from_its_size_alone(tmp_path, monkeypatch):
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as f:
        f.truncate(1 << 30)  # 1 GB, no disk blocks used
    opened = []
    real_open = open

    def spy(file, *a, **k):
        opened.append(str(file))
        return real_open(file, *a, **k)

    monkeypatch.setattr("builtins.open", spy)
    articles, skipped = read(huge)
    assert articles == [] and str(huge) not in opened
    assert skipped[0].reason == "file too large: 1024 MB (limit 50 MB)"


def test_size_limits_are_configurable(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Заголовок\n" + RU_BODY * 100, encoding="utf-8")
    _, skipped = read(f, limits=Limits(max_text_bytes=1000))
    assert skipped[0].reason.startswith("file too large")


# --- tables -------------------------------------------------------------------------------------


def test_csv_with_russian_headers_semicolons_and_cp1251(tmp_path):
    f = tmp_path / "news.csv"
    rows = [
        ["Заголовок", "Текст", "Дата", "Источник", "Ссылка", "Рубрика"],
        ["Первая", RU_BODY, "16.11.2025", "КАЗИНФОРМ", "https://example.kz/1", "Экономика"],
        ["Вторая", "Встреча в Ташкенте прошла успешно.", "2025-11-15", "", "", ""],
    ]
    buf = io.StringIO()
    csv.writer(buf, delimiter=";").writerows(rows)
    f.write_bytes(buf.getvalue().encode("cp1251"))
    articles, skipped = read(f)
    assert skipped == []
    a, b = articles
    assert (a.title, a.body, a.date, a.source, a.url, a.lang) == (
        "Первая", RU_BODY, "2025-11-16", "Kazinform", "https://example.kz/1", "ru"
    )
    assert a.extra["Рубрика"] == "Экономика"
    assert a.origin == f"{f}#row 2" and b.origin == f"{f}#row 3"
    assert b.date == "2025-11-15" and b.source is None


def test_tsv_and_csv_rows_with_bad_date_or_no_text(tmp_path):
    f = tmp_path / "news.tsv"
    f.write_text(
        "headline\tbody\tpublished\n"
        "Good\tA normal English text.\t2025-11-16\n"
        "Impossible date\tStill imported.\t2025-13-45\n"
        "No text\t\t2025-11-16\n",
        encoding="utf-8",
    )
    articles, skipped = read(f)
    assert [(a.title, a.date) for a in articles] == [("Good", "2025-11-16"), ("Impossible date", None)]
    assert articles[1].extra["raw_date"] == "2025-13-45"
    assert skipped == [Skipped(f"{f}#row 4", "row has no text")]


def test_table_without_text_column_names_what_it_needs_and_found(tmp_path):
    f = tmp_path / "prices.csv"
    f.write_text("product,price\napple,3\n", encoding="utf-8")
    articles, skipped = read(f, SEEDS)
    assert len(articles) == 5
    assert skipped[0].path == str(f)
    assert skipped[0].reason.startswith("no text column: needs one of text/body/content")
    assert skipped[0].reason.endswith("found: product, price")


def test_text_only_column_recovers_title_date_source_and_language(tmp_path):
    f = tmp_path / "raw.jsonl"
    seed = (SEEDS / "000_73bd4fbc202ed5f6.txt").read_text(encoding="utf-8")
    lines = [json.dumps({"content": seed}, ensure_ascii=False), "{not json", "[1, 2]"]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles, skipped = read(f)
    (a,) = articles
    assert (a.date, a.lang, a.source, a.dateline_city) == ("2025-11-16", "kk", "Kazinform", "Астана")
    assert a.title.startswith("«Орталық Азия»")
    assert [s.path for s in skipped] == [f"{f}#row 2", f"{f}#row 3"]


@pytest.mark.parametrize("wrapped", [True, False])
def test_json_list_or_articles_object(tmp_path, wrapped):
    items = [
        {"title": "Бірінші", "text": KK_BODY, "date": "2026-02-20", "lang": "kk", "url": "u1"},
        {"title": "Второй", "body": RU_BODY, "date": 1731715200},
        "not an object",
    ]
    f = tmp_path / "news.json"
    f.write_text(json.dumps({"articles": items} if wrapped else items, ensure_ascii=False), "utf-8")
    articles, skipped = read(f)
    assert [(a.title, a.lang, a.date) for a in articles] == [
        ("Бірінші", "kk", "2026-02-20"), ("Второй", "ru", "2024-11-16")
    ]
    assert articles[0].source == "BAQ.KZ" and articles[0].url == "u1"
    assert skipped == [Skipped(f"{f}#row 3", "not a JSON object")]


def test_broken_json_is_one_reason(tmp_path):
    f = tmp_path / "bad.json"
    f.write_text('{"articles": [', encoding="utf-8")
    _, skipped = read(f)
    assert skipped[0].reason.startswith("not valid JSON")


def test_parquet(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    f = tmp_path / "news.parquet"
    table = pa.table({
        "headline": ["Первая", "Вторая"],
        "article_text": [RU_BODY, KK_BODY],
        "published_at": [datetime(2025, 11, 16, 10, 0), datetime(2026, 2, 20)],
        "source": ["Tengrinews.kz", None],
    })
    pq.write_table(table, f)
    articles, skipped = read(f)
    assert skipped == []
    assert [(a.title, a.date, a.lang, a.source) for a in articles] == [
        ("Первая", "2025-11-16", "ru", "Tengrinews"), ("Вторая", "2026-02-20", "kk", "BAQ.KZ")
    ]
    assert articles[1].origin == f"{f}#row 2"


def test_damaged_parquet_is_reported(tmp_path):
    f = tmp_path / "bad.parquet"
    f.write_bytes(b"PAR1" + b"\x00" * 50)
    _, skipped = read(f)
    assert skipped == [Skipped(str(f), "not a valid Parquet file")]


def test_xlsx_with_kazakh_headers_and_excel_dates(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Тақырып", "Мәтін", "Күні", "Тілі", "Дереккөз"])
    ws.append(["Бірінші", KK_BODY, datetime(2026, 2, 20, 9, 30), "қаз", "Kazinform"])
    ws.append(["Екінші", RU_BODY, date(2025, 11, 15), "рус", None])
    ws.append(["Үшінші", None, "2025-11-15", None, None])
    f = tmp_path / "news.xlsx"
    wb.save(f)
    articles, skipped = read(f)
    assert [(a.title, a.date, a.lang, a.source) for a in articles] == [
        ("Бірінші", "2026-02-20", "kk", "Kazinform"), ("Екінші", "2025-11-15", "ru", None)
    ]
    assert skipped == [Skipped(f"{f}#row 4", "row has no text")]


def test_file_that_is_not_an_xlsx_is_reported(tmp_path):
    f = tmp_path / "fake.xlsx"
    f.write_text("not a workbook", encoding="utf-8")
    _, skipped = read(f)
    assert skipped == [Skipped(str(f), "not a valid Excel workbook (.xlsx)")]


# --- progress and cancel ------------------------------------------------------------------------


def test_progress_counts_files_and_archive_members(tmp_path):
    _zip(tmp_path / "a.zip", {"x.txt": "Икс\n" + RU_BODY, "y.txt": "Игрек\n" + RU_BODY})
    (tmp_path / "b.txt").write_text("Би\n" + RU_BODY, encoding="utf-8")
    calls = []
    articles, _ = read(tmp_path, progress=lambda d, t, p: calls.append((d, t, p)))
    assert len(articles) == 3
    assert calls[-1][:2] == (4, 4)  # 2 files + 2 members
    assert all(d <= t for d, t, _ in calls)
    assert [d for d, _, _ in calls] == sorted(d for d, _, _ in calls)


def test_cancel_stops_between_sources():
    token = CancelToken()
    seen = []
    with pytest.raises(Cancelled):
        for a in read_paths([SEEDS], on_skip=lambda s: None, cancel=token):
            seen.append(a)
            token.cancel()
    assert len(seen) == 1


def test_table_with_header_only_is_reported_as_having_no_rows(tmp_path):
    f = tmp_path / "empty.csv"
    f.write_text("title,text\n", encoding="utf-8")
    _, skipped = read(f)
    assert skipped == [Skipped(str(f), "table has no rows")]


def test_a_single_path_may_be_given_bare():
    articles = list(read_paths(SEEDS, on_skip=lambda s: None))
    assert len(articles) == 5
