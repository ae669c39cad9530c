"""Synthetic corpora for `make bench`: ~4 KB kk/ru articles recombined from the seed sentences.

Written as seed-format text files (` date YYYY-MM-DD Title` + body) under `.bench/`
(gitignored, never committed), 1,000 per subfolder, and reused while the recipe is unchanged.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".bench"
RECIPE = 3  # bump when the generator changes, so cached corpora are regenerated
TARGET_BYTES = 4000  # UTF-8 bytes, like the seeds (~2,200 Cyrillic characters)
_SPLIT = re.compile(r"(?<=[.!?…»])\s+(?=[«\"A-ZА-ЯЁӘҒҚҢӨҰҮҺІ—–-])")


def _seed_texts() -> list[tuple[str, list[str], list[str]]]:
    """(lang, lead paragraphs, sentences) per seed article."""
    from desktop.analysis.language import detect_language

    out = []
    for p in sorted((ROOT / "resources" / "sample").glob("*.txt")):
        text = p.read_text(encoding="utf-8")
        lines = [ln.strip() for ln in text.splitlines()]
        if lines and lines[0].startswith("date "):
            lines = lines[1:]
        paras = [ln for ln in lines if ln]
        body = "\n".join(paras)
        lang = detect_language(body)
        sentences = [s.strip() for p_ in paras[1:] for s in _SPLIT.split(p_) if len(s.strip()) > 25]
        out.append((lang, paras[:1], sentences))
    return out


def _title(rng: random.Random, sentences: list[str]) -> str:
    words = rng.choice(sentences).rstrip(".!?").split()
    k = rng.randint(5, min(12, max(5, len(words))))
    return " ".join(words[:k]).strip("«»\"—– ")


def generate(n: int, folder: Path | None = None, *, seed: int = 20251116,
             kk_share: float = 0.6) -> Path:
    """Write n articles (cached per n and recipe) and return the corpus folder."""
    folder = folder or CACHE / f"corpus-{n}"
    marker = folder / ".complete"
    want = {"n": n, "recipe": RECIPE, "seed": seed, "kk_share": kk_share}
    if marker.exists():
        try:
            if json.loads(marker.read_text()) == want:
                return folder
        except ValueError:
            pass
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    seeds = _seed_texts()
    pools = {lang: [s for sl, _l, ss in seeds if sl == lang for s in ss] for lang in ("kk", "ru")}
    leads = {lang: [ld for sl, lds, _s in seeds if sl == lang for ld in lds] for lang in ("kk", "ru")}
    rng = random.Random(seed)
    start = date(2023, 1, 1).toordinal()
    span = date(2025, 12, 31).toordinal() - start
    for i in range(n):
        lang = "kk" if rng.random() < kk_share else "ru"
        pool = pools[lang] or pools["kk"] or pools["ru"]
        day = date.fromordinal(start + rng.randrange(span)).isoformat()
        parts = [rng.choice(leads[lang] or [pool[0]])]
        size = len(parts[0].encode())
        para: list[str] = []
        while size < TARGET_BYTES:
            s = rng.choice(pool)
            para.append(s)
            size += len(s.encode()) + 1
            if len(para) >= rng.randint(2, 4):
                parts.append(" ".join(para))
                para = []
        if para:
            parts.append(" ".join(para))
        text = f" date {day} {_title(rng, pool)} №{i}\n" + "\n".join(parts) + "\n"
        sub = folder / f"{i // 1000:03d}"
        if i % 1000 == 0:
            sub.mkdir(exist_ok=True)
        (sub / f"{i:06d}.txt").write_text(text, encoding="utf-8")
    marker.write_text(json.dumps(want))
    return folder


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    for n in [int(a) for a in args] or [10_000]:
        t = time.perf_counter()
        path = generate(n)
        print(f"{n} articles in {path} ({time.perf_counter() - t:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
