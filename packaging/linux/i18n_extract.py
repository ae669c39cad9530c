"""Babel extractors for the Linux desktop entry and AppStream metainfo templates.

`make i18n-extract` puts their strings into i18n/kenes.pot beside the program's, so one set
of catalogs translates both; `msgfmt --desktop` / `--xml` merge the translations back
(Makefile: linux-integration). The message ids are those xgettext would take.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

DESKTOP_KEYS = ("Name", "GenericName", "Comment", "Keywords")


def extract_desktop(fileobj, keywords, comment_tags, options):
    """The translatable keys of a .desktop file's [Desktop Entry] group."""
    for lineno, raw in enumerate(fileobj.read().decode("utf-8").splitlines(), 1):
        key, sep, value = raw.partition("=")
        if sep and key.strip() in DESKTOP_KEYS and value.strip():
            yield lineno, None, value.strip(), [f"desktop entry: {key.strip()}"]


def _norm(text: str) -> str:
    return " ".join(text.split())


def extract_metainfo(fileobj, keywords, comment_tags, options):
    """AppStream's translatable elements (summary, description paragraphs and list items,
    keywords, screenshot captions, names unless translate="no")."""
    root = ET.parse(fileobj).getroot()
    paths = ("name", "summary", "developer/name", "developer_name", "keywords/keyword",
             "screenshots/screenshot/caption", "description//p", "description//li")
    for path in paths:
        for el in root.findall(path):
            if el.get("translate") == "no":
                continue
            text = _norm("".join(el.itertext()))
            if text:
                yield 0, None, text, [f"AppStream metainfo: {el.tag}"]
