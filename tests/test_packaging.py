"""Packaging: the desktop files' strings reach the catalogs, the bundle leaves dev tools out."""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINUX = ROOT / "packaging" / "linux"


def _extractor():
    spec = importlib.util.spec_from_file_location("i18n_extract", LINUX / "i18n_extract.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _ids(fn, path: Path) -> list[str]:
    return [m for _l, _f, m, _c in fn(io.BytesIO(path.read_bytes()), [], [], {})]


def test_desktop_entry_strings_are_extracted():
    ids = _ids(_extractor().extract_desktop, LINUX / "kz.kenes.Kenes.desktop.in")
    assert "Briefings from Kazakh and Russian news, offline" in ids
    assert any(";" in i for i in ids)  # Keywords, translated as one list
    assert not any(i.startswith("kenes") for i in ids)  # Exec is not translatable


def test_metainfo_paragraphs_are_extracted_whole():
    ids = _ids(_extractor().extract_metainfo, LINUX / "kz.kenes.Kenes.metainfo.xml.in")
    assert "Briefings from Kazakh and Russian news, offline" in ids  # the summary
    assert "Kenes never connects to a network." in ids
    assert "Kenes" not in ids  # the name is marked translate="no"
    assert all("  " not in i and "\n" not in i for i in ids)  # whitespace as xgettext folds it


def test_bundle_spec_leaves_developer_tools_out():
    spec = (ROOT / "packaging" / "kenes.spec").read_text()
    for mod in ("desktop.analysis.evaluate", "desktop.analysis.perf",
                "desktop.analysis.build_gazetteer", '"bench"', '"tests"', '"pytest"',
                '"hypothesis"'):
        assert mod in spec, mod
