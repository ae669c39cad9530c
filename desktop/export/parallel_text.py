"""parallel-text: two versions of a text (Kazakh | Russian) side by side, aligned segments on
the same numbered row, rows with a flagged mismatch shaded and annotated.

The input is a small `ParallelDoc` the caller builds (from_alignment() does it from a
desktop.analysis.alignment.Alignment), so the template does not depend on the aligner.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.lib import colors

from desktop.export.document import Doc, Meta, Progress
from desktop.export.styles import HouseStyle
from desktop.export.text import esc
from desktop.i18n import N_
from desktop.jobs import CancelToken

MISMATCH_KINDS = {"figure": N_("figure"), "person": N_("person"), "country": N_("country"),
                  "org": N_("organisation")}


@dataclass
class ParallelRow:
    left: str  # the row's left segment(s), joined
    right: str
    link_type: str = "1:1"  # "1:1", "1:2", "2:1", "2:2", "1:0" (left only), "0:1" (right only)
    flags: list[str] = field(default_factory=list)  # notes on mismatches found in this row


@dataclass
class ParallelDoc:
    left_title: str
    right_title: str
    rows: list[ParallelRow]
    left_lang: str = "kk"
    right_lang: str = "ru"
    left_meta: str = ""  # "Kazinform · 15.11.2025"
    right_meta: str = ""
    title: str = ""

    @classmethod
    def from_rows(cls, left_title: str, right_title: str, rows: Sequence, **kw) -> ParallelDoc:
        """Rows as ParallelRow or (left_text, right_text, link_type, flags) tuples."""
        out = [r if isinstance(r, ParallelRow) else ParallelRow(r[0], r[1], *r[2:4])
               for r in rows]
        return cls(left_title, right_title, out, **kw)

    @classmethod
    def from_alignment(cls, alignment, *, left_title: str, right_title: str,
                       mismatches: Sequence = (), **kw) -> ParallelDoc:
        """One row per link of an Alignment (segments `.text`, links `.left/.right/.type`);
        each mismatch (`.link`, `.kind`, `.left`, `.right`, `.note`) flags its link's row,
        mismatches without a link go to the first row."""
        rows = []
        for lk in alignment.links:
            rows.append(ParallelRow(
                " ".join(alignment.left[i].text for i in lk.left),
                " ".join(alignment.right[j].text for j in lk.right), lk.type, []))
        for m in mismatches:
            if not rows:
                break
            k = m.link if isinstance(m.link, int) and 0 <= m.link < len(rows) else 0
            rows[k].flags.append(mismatch_note(m))
        kw.setdefault("left_lang", getattr(alignment, "left_lang", "kk"))
        kw.setdefault("right_lang", getattr(alignment, "right_lang", "ru"))
        return cls(left_title, right_title, rows, **kw)


def mismatch_note(m) -> str:
    """"figure: 1,7 млрд ≠ 1,5 млрд" (kind kept untranslated here; the template translates)."""
    left = m.left or "—"
    right = m.right or "—"
    note = f" ({m.note})" if getattr(m, "note", "") else ""
    return f"{m.kind}: {left} ≠ {right}{note}"


def build(pair: ParallelDoc, *, style: HouseStyle, lang: str, title: str | None = None,
          progress: Progress | None = None, cancel: CancelToken | None = None,
          invariant: bool = True) -> bytes:
    doc = Doc(style, lang)
    d, t = doc, doc.t
    _ = t  # the export language's gettext
    c = style.colours
    heading = title or pair.title or _("Parallel text")
    d.add(d.heading(heading, 0, toc=False, style="title"))
    d.add(d.para(f"{t.lang_name(pair.left_lang)} | {t.lang_name(pair.right_lang)}", "subtitle"))
    flagged = sum(1 for r in pair.rows if r.flags)
    summary = t.ngettext("{n} aligned row", "{n} aligned rows", len(pair.rows)).format(
        n=t.number(len(pair.rows)))
    if flagged:
        summary += " · " + t.ngettext("{n} with a difference to check",
                                      "{n} with differences to check", flagged).format(
            n=t.number(flagged))
    d.add(d.para(summary, "meta"))
    d.add(d.spacer(3))

    w = d.width
    widths = [w * 0.07, w * 0.465, w * 0.465]

    def head_cell(title_: str, meta: str) -> list:
        cell = [d.para(title_, "cell_head")]
        if meta:
            cell.append(d.para(meta, "cell_small"))
        return cell

    def meta(lang_: str, extra: str) -> str:
        return " · ".join(x for x in (t.lang_name(lang_), extra) if x)

    rows = [[d.para("#", "cell_head"),
             head_cell(pair.left_title, meta(pair.left_lang, pair.left_meta)),
             head_cell(pair.right_title, meta(pair.right_lang, pair.right_meta))]]
    shade = []
    kinds = {k: _(v) for k, v in MISMATCH_KINDS.items()}
    for n, r in enumerate(pair.rows, 1):
        num = [d.para(str(n), "cell_small")]
        if r.link_type not in ("1:1", ""):
            num.append(d.para(r.link_type, "cell_small"))
        left = [d.para(r.left, "cell")] if r.left.strip() else [d.para("—", "cell_small")]
        right = [d.para(r.right, "cell")] if r.right.strip() else [d.para("—", "cell_small")]
        if r.flags:
            notes = []
            for f in r.flags:
                kind, sep, rest = f.partition(": ")
                label = kinds.get(kind, kind) if sep else ""
                d.remember(label, rest or f)
                notes.append(f"<b>≠ {esc(label)}</b>: {esc(rest)}" if sep else f"≠ {esc(f)}")
            right.append(d.markup("<br/>".join(notes), "cell_small", plain=" ".join(r.flags)))
            shade.append(("BACKGROUND", (0, n), (-1, n), colors.HexColor(c.mismatch)))
        rows.append([num, left, right])
        if cancel is not None and n % 200 == 0:
            cancel.raise_if_cancelled()
    d.add(d.heading(_("Text"), 0, toc=False))
    d.add(d.table(rows, widths, zebra=False, extra=[
        ("LINEBELOW", (0, 1), (-1, -2), 0.25, colors.HexColor(c.rule)),
        ("LINEAFTER", (1, 0), (1, -1), 0.4, colors.HexColor(c.rule)),
        *shade]))

    if flagged:
        d.add(d.heading(_("Differences to check"), 0, toc=False))
        diff = [[d.para("#", "cell_head"), d.para(_("Difference"), "cell_head")]]
        for n, r in enumerate(pair.rows, 1):
            for f in r.flags:
                kind, sep, rest = f.partition(": ")
                text = f"{kinds.get(kind, kind)}: {rest}" if sep else f
                diff.append([d.para(str(n), "cell"), d.para(text, "cell")])
        d.add(d.table(diff, [w * 0.1, w * 0.9]))

    return d.render(
        Meta(title=heading, author=style.text(style.header, lang), subject=_("Parallel text"),
             keywords=(pair.left_title, pair.right_title)),
        header=style.text(style.header, lang), footer=style.text(style.footer, lang),
        progress=progress, cancel=cancel, invariant=invariant)
