"""The divergence report of a pair: mismatched figures and names, unmatched segments.

Rows are plain dicts so the list can be copied as tab-separated text and saved as CSV.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from desktop.i18n import _

COLUMNS = ("kind", "side", "kazakh", "russian", "link", "note")


def kind_label(kind: str) -> str:
    return {"figure": _("Figure"), "person": _("Person"), "country": _("Country"),
            "org": _("Organisation"), "segment": _("Sentence")}.get(kind, kind)


def side_label(side: str) -> str:
    return {"left": _("Kazakh only"), "right": _("Russian only"),
            "both": _("Different")}.get(side, side)


def note_label(note: str) -> str:
    return {"converted": _("converted unit"), "": ""}.get(note, note)


def rows(alignment, mismatches: Sequence) -> list[dict]:
    """One row per mismatch and per unmatched segment, in reading order of the links."""
    out: list[dict] = []
    for m in mismatches:
        out.append({"kind": m.kind, "side": m.side, "kazakh": m.left or "",
                    "russian": m.right or "", "link": m.link, "note": m.note or ""})
    if alignment is not None:
        for i, link in enumerate(alignment.links):
            if link.left and not link.right:
                text = " ".join(alignment.left[j].text for j in link.left)
                out.append({"kind": "segment", "side": "left", "kazakh": text, "russian": "",
                            "link": i, "note": ""})
            elif link.right and not link.left:
                text = " ".join(alignment.right[j].text for j in link.right)
                out.append({"kind": "segment", "side": "right", "kazakh": "", "russian": text,
                            "link": i, "note": ""})
    out.sort(key=lambda r: (r["link"] is None, r["link"] if r["link"] is not None else 0))
    return out


def headers() -> list[str]:
    return [_("What"), _("Where"), _("Kazakh"), _("Russian"), _("Segment"), _("Note")]


def display_row(r: dict) -> list[str]:
    link = "" if r["link"] is None else str(int(r["link"]) + 1)
    # a measure the translator converted is in both versions, not "different"
    side = _("In both") if r["note"] == "converted" else side_label(r["side"])
    return [kind_label(r["kind"]), side, r["kazakh"], r["russian"], link, note_label(r["note"])]


def to_tsv(items: Sequence[dict]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter="\t", lineterminator="\n")
    w.writerow(headers())
    for r in items:
        w.writerow([c.replace("\t", " ").replace("\n", " ") for c in display_row(r)])
    return buf.getvalue()


def write_csv(items: Sequence[dict], path: str | Path) -> None:
    """Save as UTF-8 CSV with a BOM (spreadsheets then read Cyrillic correctly)."""
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(headers())
        for r in items:
            w.writerow(display_row(r))
