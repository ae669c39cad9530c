"""Render one page of each PDF template to docs/screenshots/pdf-<template>.png.

    .venv/bin/python docs/screenshots/pdf_shots.py

Uses the bundled sample articles (resources/sample) and a short Kazakh/Russian pair written
for this purpose; needs pypdfium2 (a dev dependency).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

KK = (
    "Астана, 15 қараша. Қазақстан мен Өзбекстан президенттері Ташкентте Жоғары "
    "мемлекетаралық кеңестің екінші отырысын өткізді. Тараптар екіжақты тауар айналымын "
    "2030 жылға қарай 10 млрд долларға жеткізу жөнінде келісті. Былтыр екі ел арасындағы "
    "сауда көлемі 4,4 млрд долларды құрады. Кездесу қорытындысы бойынша көлік, энергетика "
    "және су ресурстары салаларында 12 құжатқа қол қойылды. Қасым-Жомарт Тоқаев "
    "«Өзбекстан – біздің стратегиялық серіктесіміз әрі одақтасымыз» деп атап өтті. "
    "Президенттер «Орталық Азия» халықаралық өнеркәсіптік кооперация орталығының "
    "құрылысын бастады."
)
RU = (
    "Астана, 15 ноября. Президенты Казахстана и Узбекистана провели в Ташкенте второе "
    "заседание Высшего межгосударственного совета. Стороны договорились довести двусторонний "
    "товарооборот до 10 млрд долларов к 2030 году. В прошлом году объём торговли между двумя "
    "странами составил 4,2 млрд долларов. По итогам встречи подписано 12 документов в сферах "
    "транспорта, энергетики и водных ресурсов. Касым-Жомарт Токаев отметил: «Узбекистан – "
    "наш стратегический партнёр и союзник». Президенты дали старт строительству "
    "Международного центра промышленной кооперации «Центральная Азия». Лидеры также "
    "обсудили ситуацию в Афганистане."
)


def _png(pdf: Path, pages: list[int], out: Path, scale: float = 1.25) -> None:
    """Pages side by side with a grey gutter, as one PNG."""
    import pypdfium2 as pdfium
    from PIL import Image

    doc = pdfium.PdfDocument(pdf)
    try:
        shots = [doc[i].render(scale=scale).to_pil().convert("RGB") for i in pages]
    finally:
        doc.close()
    gap = 16
    img = Image.new("RGB", (sum(s.width for s in shots) + gap * (len(shots) + 1),
                            max(s.height for s in shots) + 2 * gap), (200, 204, 210))
    x = gap
    for s in shots:
        img.paste(s, (x, gap))
        x += s.width + gap
    img = img.quantize(colors=96)  # text on white: a small palette keeps the PNG light
    img.save(out, optimize=True)
    print(f"{out} ({out.stat().st_size // 1024} KB)")


def main() -> int:
    from desktop.analysis import alignment as al
    from desktop.analysis.pipeline import analyze
    from desktop.core.briefing import Briefing, propose
    from desktop.corpus.library import Library
    from desktop.export import export_pdf
    from desktop.export.parallel_text import ParallelDoc

    shots = ROOT / "docs" / "screenshots"
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        with Library.open(tmp / "lib") as lib:
            lib.import_paths([ROOT / "resources" / "sample"])
            arts = [lib.get(int(i)) for i in lib.catalog().ids]
        b = propose(Briefing(
            title="State visit to Uzbekistan, 14–16 November 2025", event_start="2025-11-14",
            event_end="2025-11-16", place="Tashkent", partners=["UZ"],
            audience="Head of State delegation", author="Department of Asian Countries",
            classification="restricted", lang="en", prepared_on="2025-11-12",
            objectives="- Raise bilateral trade towards USD 10 billion.\n"
                       "- Open the International Centre for Industrial Cooperation."),
            # the visit's own coverage: the sample's articles of 14-16 November 2025
            [a for a in arts if "2025-11-14" <= (a.article.date or "")[:10] <= "2025-11-16"])
        pdf = export_pdf("visit-brief", briefing=b, out=tmp / "brief.pdf", lang="en")
        _png(pdf, [0, 1], shots / "pdf-visit-brief.png")
        pdf = export_pdf("press-digest", articles=arts, out=tmp / "digest.pdf", lang="ru",
                         title="Обзор прессы: Казахстан – Узбекистан", prepared="2025-11-17")
        _png(pdf, [0], shots / "pdf-press-digest.png")
        left, right = al.segment(KK, "kk"), al.segment(RU, "ru")
        alignment = al.align(left, right, left_lang="kk", right_lang="ru")
        found = al.mismatches(KK, RU, analyze(KK, "kk"), analyze(RU, "ru"), alignment)
        pair = ParallelDoc.from_alignment(
            alignment, left_title="Қазақстан мен Өзбекстан тауар айналымын 10 млрд долларға "
            "жеткізеді", right_title="Казахстан и Узбекистан доведут товарооборот до "
            "10 млрд долларов", mismatches=found, left_meta="15.11.2025",
            right_meta="15.11.2025")
        pdf = export_pdf("parallel-text", pair=pair, out=tmp / "pair.pdf", lang="en",
                         title="Parallel text: Supreme Interstate Council")
        _png(pdf, [0], shots / "pdf-parallel-text.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
