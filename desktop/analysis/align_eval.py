"""Alignment accuracy on parallel documents: link F1, as given and on perturbed variants.

A perturbed variant (seeded) merges about 10 % of adjacent sentence pairs on each side and
drops about 5 % of the sentences on either side, as real kk/ru versions differ; the gold
links follow from which original sentences each segment holds (connected components).
Link F1 counts segment pairs: every (left, right) pair of a link, and (left, -) / (-, right)
for gaps.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from desktop.analysis.alignment import Link, align


@dataclass
class Variant:
    left: list[str]
    right: list[str]
    gold: list[tuple[tuple[int, ...], tuple[int, ...]]]


def _perturb_side(n: int, rng: random.Random, merge: float, drop: float,
                  busy: set[int]) -> list[list[int]]:
    """Groups of original indices forming this side's segments (dropped ones left out)."""
    groups: list[list[int]] = []
    i = 0
    while i < n:
        if rng.random() < drop:
            i += 1
            continue
        if i + 1 < n and rng.random() < merge and not ({i, i + 1} & busy):
            groups.append([i, i + 1])
            i += 2
            continue
        groups.append([i])
        i += 1
    return groups


def perturb(left: list[str], right: list[str], seed: int, merge: float = 0.10,
            drop: float = 0.05) -> Variant:
    """A seeded variant of a 1:1 document with merges and drops, and its gold links.

    Merges on the two sides may cross (a 2:2 bead); longer chains are undone on the right,
    so gold beads stay within 2:2.
    """
    rng = random.Random(seed)
    n = min(len(left), len(right))
    lg = _perturb_side(n, rng, merge, drop / 2, set())
    rg = _perturb_side(n, rng, merge, drop / 2, set())
    while True:
        gold = _components(lg, rg, n)
        big = [g for g in gold if len(g[0]) > 2 or len(g[1]) > 2]
        if not big:
            break
        # a chain of crossing merges beyond 2:2: undo the right merges inside it
        split = {q for _ls, rs in big for q in rs}
        rg = [part for q, g in enumerate(rg)
              for part in ([[x] for x in g] if q in split else [g])]
    lsegs = [" ".join(left[x] for x in g) for g in lg]
    rsegs = [" ".join(right[x] for x in g) for g in rg]
    return Variant(lsegs, rsegs, gold)


def _components(lg: list[list[int]], rg: list[list[int]], n: int) -> list:
    """Gold links: left and right segments sharing an original sentence, transitively."""
    lof = {x: k for k, g in enumerate(lg) for x in g}
    rof = {x: k for k, g in enumerate(rg) for x in g}
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(u):
        while parent.setdefault(u, u) != u:
            u = parent[u]
        return u

    for k in range(len(lg)):
        find(("l", k))
    for q in range(len(rg)):
        find(("r", q))
    for x in range(n):
        if x in lof and x in rof:
            a, b = find(("l", lof[x])), find(("r", rof[x]))
            if a != b:
                parent[a] = b
    comps: dict = {}
    for u in list(parent):
        comps.setdefault(find(u), []).append(u)
    gold = []
    for members in comps.values():
        ls = tuple(sorted(k for s, k in members if s == "l"))
        rs = tuple(sorted(k for s, k in members if s == "r"))
        gold.append((ls, rs))
    return gold


def pairs(links) -> set[tuple[int, int]]:
    out = set()
    for lk in links:
        left, right = (lk.left, lk.right) if isinstance(lk, Link) else lk
        if left and right:
            out |= {(x, y) for x in left for y in right}
        else:
            out |= {(x, -1) for x in left} | {(-1, y) for y in right}
    return out


def f1(pred, gold) -> tuple[float, int, int, int]:
    p, g = pairs(pred), pairs(gold)
    tp = len(p & g)
    prec = tp / len(p) if p else 1.0
    rec = tp / len(g) if g else 1.0
    return (2 * prec * rec / (prec + rec) if prec + rec else 0.0), tp, len(p), len(g)


def evaluate(docs: list[dict], seeds: int = 3, glossary=None) -> dict:
    """F1 summed over documents (micro), as given and over `seeds` perturbed variants."""
    res = {}
    for name in ("given", "perturbed"):
        tp = np_ = ng = 0
        worst = []
        for d_i, doc in enumerate(docs):
            variants = []
            did = doc.get("doc_id", str(d_i))
            if name == "given":
                n = min(len(doc["kk"]), len(doc["ru"]))
                variants.append((did, Variant(doc["kk"][:n], doc["ru"][:n],
                                              [((i,), (i,)) for i in range(n)])))
            else:
                variants += [(f"{did} seed {s}", perturb(doc["kk"], doc["ru"], seed=1000 * s + d_i))
                             for s in range(seeds)]
            for label, v in variants:
                al = align(v.left, v.right, left_lang="kk", right_lang="ru", glossary=glossary)
                f, t, p, g = f1(al.links, v.gold)
                tp, np_, ng = tp + t, np_ + p, ng + g
                if f < 1.0:
                    wrong = sorted(pairs(al.links) ^ pairs(v.gold))
                    worst.append((f, label, wrong[:6]))
        prec = tp / np_ if np_ else 1.0
        rec = tp / ng if ng else 1.0
        res[name] = {"f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0,
                     "precision": prec, "recall": rec,
                     "worst": sorted(worst)[:8]}
    return res
