"""A folder's licence, readme and changelog files are not imported as news articles."""

from __future__ import annotations

import zipfile

import pytest

from desktop.corpus.readers import Skipped, is_project_file, read_paths

BODY = "Қазақстан мен Өзбекстан Президенттері ресми бастау берді, деп хабарлайды BAQ.KZ."


def read(*paths):
    skipped: list[Skipped] = []
    articles = list(read_paths([str(p) for p in paths], on_skip=skipped.append))
    return articles, skipped


@pytest.mark.parametrize("name", [
    "LICENSE.md", "licence.txt", "License-MIT.txt", "COPYING.txt", "README.md", "readme.ru.md",
    "Read_Me.txt", "CHANGELOG.md", "change-log.txt", "ChangeLog_2024.md", "AUTHORS.txt",
    "CONTRIBUTING.md", "NOTICE.txt", "CHANGES.md", "HISTORY.md", "Code_of_Conduct.md",
    "dir/sub/UNLICENSE.txt",
])
def test_project_file_names(name):
    assert is_project_file(name)


@pytest.mark.parametrize("name", [
    "history_of_trade.txt", "licensing_talks_astana.txt", "readmission_agreement.txt",
    "notice_of_visit_2025.txt", "authors_union.md", "000_73bd4fbc.txt", "news.txt",
])
def test_articles_that_only_look_alike_are_kept(name):
    assert not is_project_file(name)


def test_folder_import_skips_licence_readme_changelog_with_a_reason(tmp_path):
    (tmp_path / "2025-11-14_visit.txt").write_text("Сапар\n" + BODY, encoding="utf-8")
    for name in ("LICENSE.md", "README.md", "CHANGELOG.md"):
        (tmp_path / name).write_text("# Project\nMIT License. " + BODY, encoding="utf-8")
    articles, skipped = read(tmp_path)
    assert [a.origin.rsplit("/", 1)[-1] for a in articles] == ["2025-11-14_visit.txt"]
    assert sorted(s.path.rsplit("/", 1)[-1] for s in skipped) == [
        "CHANGELOG.md", "LICENSE.md", "README.md"]
    assert all("not news" in s.reason for s in skipped)


def test_a_named_file_is_imported_even_if_it_is_a_readme(tmp_path):
    p = tmp_path / "README.md"
    p.write_text("Сапар\n" + BODY, encoding="utf-8")
    articles, skipped = read(p)
    assert len(articles) == 1 and skipped == []


def test_archive_members_are_checked_too(tmp_path):
    z = tmp_path / "news.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("pack/LICENSE.txt", "MIT License " + BODY)
        zf.writestr("pack/visit.txt", "Сапар\n" + BODY)
    articles, skipped = read(z)
    assert len(articles) == 1
    assert [s.path.endswith("LICENSE.txt") for s in skipped] == [True]
