"""The library commands as a user runs them: kenes import | search | show | info | retag."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from desktop.cli import main
from tests.conftest import SAMPLE


@pytest.fixture(scope="module")
def sample_library(tmp_path_factory) -> Path:
    """A library with the five sample articles, imported once for this module."""
    folder = tmp_path_factory.mktemp("cli") / "lib"
    assert main(["import", str(SAMPLE), "--library", str(folder)]) == 0
    return folder


def run_json(capsys, *argv: str):
    capsys.readouterr()
    assert main([*argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def names(rows) -> list[str]:
    return sorted(Path(r["origin"]).name[:3] for r in rows)


def test_import_reports_and_is_idempotent(tmp_path, capsys):
    lib = str(tmp_path / "lib")
    assert main(["import", str(SAMPLE), "--library", lib]) == 0
    out = capsys.readouterr().out
    assert "Added 5 articles" in out
    assert main(["import", str(SAMPLE), "--library", lib]) == 0
    out = capsys.readouterr().out
    assert "Added 0 articles" in out and "5 duplicates" in out


def test_import_reports_skipped_with_path_and_reason(tmp_path, capsys):
    src = tmp_path / "in"
    shutil.copytree(SAMPLE, src)
    (src / "empty.txt").write_bytes(b"")
    assert main(["import", str(src), "--library", str(tmp_path / "lib")]) == 0
    out = capsys.readouterr().out
    assert "Added 5 articles" in out
    line = next(ln for ln in out.splitlines() if "empty.txt" in ln)
    assert line.split("empty.txt", 1)[1].strip(": ")  # a reason follows the path


def test_import_of_nothing_usable_exits_1(tmp_path, capsys):
    (tmp_path / "bad.txt").write_bytes(b"")
    assert main(["import", str(tmp_path / "bad.txt"), "--library", str(tmp_path / "l")]) == 1
    assert main(["import", str(tmp_path / "missing"), "--library", str(tmp_path / "l")]) == 1


def test_import_json_report(tmp_path, capsys):
    rep = run_json(capsys, "import", str(SAMPLE), "--library", str(tmp_path / "lib"))
    assert rep["added"] == 5 and rep["duplicates"] == 0 and rep["skipped"] == []


def test_search_uzbekistan_in_november(sample_library, capsys):
    rows = run_json(capsys, "search", "--country", "UZ", "--from", "2025-11-01",
                    "--to", "2025-11-16", "--library", str(sample_library))
    assert names(rows) == ["000", "001", "002"]
    for key in ("id", "title", "lang", "date", "source", "countries", "sectors", "origin"):
        assert key in rows[0]
    assert all("UZ" in r["countries"] for r in rows)
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates, reverse=True)


def test_search_prefix_and_case_folding(sample_library, capsys):
    lib = str(sample_library)
    prefix = run_json(capsys, "search", "Өзбекстан*", "--library", lib)
    assert prefix and all(r["lang"] == "kk" for r in prefix)
    upper = run_json(capsys, "search", "ӨЗБЕКСТАН", "--library", lib)
    lower = run_json(capsys, "search", "өзбекстан", "--library", lib)
    assert upper == lower and upper
    assert names(run_json(capsys, "search", '"узбекистан"', "--library", lib)) == ["002"]
    # unquoted, the country's name finds it in both languages (docs/search.md)
    assert "002" in names(run_json(capsys, "search", "узбекистан", "--library", lib))
    assert "000" in names(run_json(capsys, "search", "узбекистан", "--library", lib))


def test_search_filters_and_limit(sample_library, capsys):
    lib = str(sample_library)
    ru = run_json(capsys, "search", "--lang", "ru", "--library", lib)
    assert names(ru) == ["002"]
    assert len(run_json(capsys, "search", "--limit", "2", "--library", lib)) == 2
    src = run_json(capsys, "search", "--source", "kazinform", "--library", lib)
    assert names(src) == ["000", "001"]
    same = run_json(capsys, "search", "country:UZ lang:kk", "--library", lib)
    assert names(same) == names(run_json(capsys, "search", "--country", "uz", "--lang", "kk",
                                         "--library", lib))


def test_search_human_output_and_errors(sample_library, capsys):
    lib = str(sample_library)
    assert main(["search", "--country", "UZ", "--library", lib]) == 0
    out = capsys.readouterr().out
    assert "of 5 articles" in out.splitlines()[-1]
    assert main(["search", "--from", "2025-13-45", "--library", lib]) == 2
    assert "2025-13-45" in capsys.readouterr().err
    assert main(["search", "colour:red", "--library", lib]) == 2


def test_show_full_text_and_analysis(sample_library, capsys):
    lib = str(sample_library)
    rows = run_json(capsys, "search", "--lang", "ru", "--library", lib)
    art = run_json(capsys, "show", str(rows[0]["id"]), "--library", lib)
    assert art["title"] == rows[0]["title"]
    assert art["full_text"].startswith(art["title"])
    assert {t["id"] for t in art["analysis"]["countries"]} >= {"KZ", "UZ"}
    assert main(["show", str(rows[0]["id"]), "--library", lib]) == 0
    out = capsys.readouterr().out
    assert rows[0]["title"] in out and ("Uzbekistan" in out or "UZ" in out)
    assert main(["show", "9999", "--library", lib]) == 1


def test_info_counts(sample_library, capsys):
    info = run_json(capsys, "info", "--library", str(sample_library))
    assert info["articles"] == 5
    assert info["languages"] == {"kk": 4, "ru": 1}
    assert info["sources"]["Kazinform"] == 2
    assert info["years"]["2025"] == 3
    assert main(["info", "--library", str(sample_library)]) == 0
    assert "Kazinform" in capsys.readouterr().out


def test_retag(sample_library, capsys):
    before = run_json(capsys, "search", "--country", "UZ", "--library", str(sample_library))
    rep = run_json(capsys, "retag", "--library", str(sample_library))
    assert rep["retagged"] == 5 and rep["rules_fingerprint"]
    after = run_json(capsys, "search", "--country", "UZ", "--library", str(sample_library))
    assert after == before


def test_retag_names_a_broken_user_rule_file_and_applies_the_others(sample_library, capsys):
    from desktop import paths
    from desktop.analysis import pipeline

    d = paths.user_rules_dir()
    d.mkdir(parents=True, exist_ok=True)
    (d / "broken.toml").write_text("[org.x\n", encoding="utf-8")
    (d / "mine.toml").write_text('[org.jibek_joly]\nname_en = "Jibek Joly TV"\n'
                                 'en = ["Jibek Joly"]\n', encoding="utf-8")
    try:
        capsys.readouterr()
        assert main(["retag", "--library", str(sample_library), "--json"]) == 0
        out = capsys.readouterr()
        rep = json.loads(out.out)
        assert rep["updated"] == 1 and not rep["full"]
        assert "broken.toml" in out.err
        hits = run_json(capsys, "search", "--org", "jibek_joly", "--library",
                        str(sample_library))
        assert len(hits) == 1
    finally:
        pipeline.forget_rules()


def test_option_values_are_not_mistaken_for_commands():
    from desktop.cli import wants_cli

    assert wants_cli(["import", "x.txt"])
    assert wants_cli(["--library", "lib", "info"])
    assert wants_cli(["--version"])
    assert not wants_cli([])
    assert not wants_cli(["--query", "import"])  # a search for the word "import" opens the window
    assert not wants_cli(["--library", "show", "--screenshot", "x.png"])


def test_retag_right_after_an_import_says_nothing_needed_it(tmp_path, capsys):
    assert main(["import", str(SAMPLE), "--library", str(tmp_path / "lib")]) == 0
    capsys.readouterr()
    assert main(["retag", "--library", str(tmp_path / "lib")]) == 0
    out = capsys.readouterr().out
    assert "Nothing needed re-tagging" in out and "Re-checked 0" not in out
