"""Counterpart accuracy for `make eval`: NTREX kk/ru translations and the bundled seeds.

NTREX (`../shared/data/ntrex-kk-ru-dev/docs.jsonl`): every document exists in Kazakh and in
Russian. Both languages are imported into a temporary library and each document's top-1
counterpart must be its translation, kk → ru and ru → kk, on whole documents and when the
other-language version is cut to its first three sentences (a lead-only version, the case
where cosine-normalised scores prefer a short unrelated article).
Seeds (`resources/sample`): 000 and 001 (Kazakh) rank 002 (Russian, same visit) first; 003
has no translation; 004 is not paired with 002 as a translation.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from desktop.core.article import Article

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample"
LEAD = 3  # sentences kept in the lead-only variant


def _docs(path: Path) -> list[dict]:
    out = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if isinstance(d.get("kk"), list) and isinstance(d.get("ru"), list) and d["kk"] and d["ru"]:
                out.append(d)
    return out


def _article(doc: dict, lang: str, keep: int | None = None) -> Article:
    sents = [s.strip() for s in doc[lang] if s.strip()]
    if keep is not None:
        sents = sents[:keep]
    return Article(title=sents[0], body="\n".join(sents[1:]), lang=lang, source="NTREX",
                   origin=f"ntrex:{doc.get('doc_id', '?')}:{lang}")


def _measure(docs: list[dict], full: str, cut: str | None, keep: int | None,
             directions: list[tuple[str, str]]) -> dict[str, dict]:
    """Import `full` language docs whole and the other cut to `keep` sentences (None = whole);
    top-1 accuracy per (query language, target language)."""
    from desktop.corpus.library import Library

    with tempfile.TemporaryDirectory() as tmp, Library.open(Path(tmp) / "lib") as lib:
        arts = []
        for d in docs:
            arts.append(_article(d, full))
            other = "ru" if full == "kk" else "kk"
            arts.append(_article(d, other, keep if cut == other else None))
        lib.import_articles(arts, workers=0)
        cat = lib.catalog()
        by_origin = {cat.row(p)["origin"]: cat.row(p)["id"] for p in range(len(cat))}
        out = {}
        for src, dst in directions:
            ok, cases, false_tr = 0, [], 0
            for d in docs:
                did = d.get("doc_id", "?")
                q = by_origin[f"ntrex:{did}:{src}"]
                want = by_origin[f"ntrex:{did}:{dst}"]
                cands = lib.counterparts(q, top=5)
                top = cands[0] if cands else None
                right = next((c for c in cands if c.id == want), None)
                rival = next((c for c in cands if c.id != want), None)
                hit = top is not None and top.id == want
                false_tr += sum(c.relation == "translation" and c.id != want for c in cands)
                ok += hit
                margin = (right.score if right else 0.0) - (rival.score if rival else 0.0)
                cases.append({"doc": did, "hit": hit, "margin": round(margin, 3),
                              "score": round(right.score, 3) if right else None,
                              "relation": right.relation if right else None,
                              "rank": (cands.index(right) + 1) if right else None})
            cases.sort(key=lambda c: (c["hit"], c["margin"]))
            out[f"{src}->{dst}"] = {"accuracy": 100.0 * ok / max(len(docs), 1), "n": len(docs),
                                    "worst": cases[:5],
                                    "translation": sum(c["relation"] == "translation"
                                                       for c in cases),
                                    "false_translation": false_tr}
        return out


def eval_ntrex_pairing(path: Path) -> dict:
    """Top-1 counterpart accuracy on whole documents and with a lead-only other side."""
    docs = _docs(path)
    whole = _measure(docs, "kk", None, None, [("kk", "ru"), ("ru", "kk")])
    lead_ru = _measure(docs, "kk", "ru", LEAD, [("kk", "ru")])
    lead_kk = _measure(docs, "ru", "kk", LEAD, [("ru", "kk")])
    return {"documents": len(docs), "whole": whole, "lead": {**lead_ru, **lead_kk}}


def eval_seed_pairing(sample: Path = SAMPLE) -> dict:
    """The seed expectations: list of (check, passed, detail)."""
    from desktop.corpus.library import Library

    checks = []
    with tempfile.TemporaryDirectory() as tmp, Library.open(Path(tmp) / "lib") as lib:
        lib.import_paths([sample], workers=0)
        cat = lib.catalog()
        ids = {Path(cat.row(p)["origin"]).name[:3]: cat.row(p)["id"] for p in range(len(cat))}
        for kk in ("000", "001"):
            c = lib.counterparts(ids[kk])
            checks.append((f"{kk} ranks 002 first", bool(c) and c[0].id == ids["002"],
                           [(x.id, round(x.score, 3), x.relation) for x in c]))
        c = lib.counterparts(ids["003"])
        checks.append(("003 finds no translation", all(x.relation != "translation" for x in c),
                       [(x.id, round(x.score, 3), x.relation) for x in c]))
        c = lib.counterparts(ids["004"])
        checks.append(("004 not a translation of 002",
                       not any(x.id == ids["002"] and x.relation == "translation" for x in c),
                       [(x.id, round(x.score, 3), x.relation) for x in c]))
    return {"checks": checks, "passed": sum(ok for _n, ok, _d in checks), "n": len(checks)}


def rows(result: dict) -> list[tuple[str, float, str, bool]]:
    """Table rows for `make eval`."""
    out = []
    if "ntrex" in result:
        for name, block, target in (("whole", result["ntrex"]["whole"], 99.0),
                                    ("lead-3", result["ntrex"]["lead"], 97.0)):
            for direction, r in block.items():
                out.append((f"counterpart top-1 {direction} ({name})", r["accuracy"],
                            f">= {target:.0f} %", r["accuracy"] >= target))
    if "seeds" in result:
        s = result["seeds"]
        out.append(("counterpart seed checks", 100.0 * s["passed"] / max(s["n"], 1), "100 %",
                    s["passed"] == s["n"]))
    return out


def print_details(result: dict) -> None:
    """The worst cases per measurement and failed seed checks."""
    for name in ("whole", "lead"):
        for direction, r in result.get("ntrex", {}).get(name, {}).items():
            print(f"  pairing {name} {direction}: {r['accuracy']:.1f} % of {r['n']}, "
                  f"called a translation: {r['translation']} right, {r['false_translation']} wrong "
                  "candidates; worst: " + "; ".join(
                      f"{c['doc']} {'hit' if c['hit'] else 'MISS'} rank={c['rank']} "
                      f"score={c['score']} margin={c['margin']}" for c in r["worst"][:3]))
    for name, ok, detail in result.get("seeds", {}).get("checks", []):
        if not ok:
            print(f"  pairing seed check failed: {name}: {detail}")


def main(ntrex: Path | None = None) -> int:
    # the same file as `evaluate.NTREX`, not imported from there: evaluate runs this
    # module's checks, and the two must not import each other
    ntrex = ntrex or (Path(__file__).resolve().parents[3] / "shared" / "data"
                      / "ntrex-kk-ru-dev" / "docs.jsonl")
    res = {"ntrex": eval_ntrex_pairing(ntrex), "seeds": eval_seed_pairing()}
    for m, v, t, ok in rows(res):
        print(f"{m:<44} {v:6.1f} {t:>8} {'yes' if ok else 'NO'}")
    print_details(res)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
