"""Rules snapshots and their differences: which entries an edit touched, for incremental retag.

A snapshot records, per entry (kind + id), its whole definition, plus a hash of everything
global (titles, figure rules), the engine version and the home country. Comparing the
stored snapshot with the rules now in force tells a library whether a rule edit can be
re-applied to a few articles (only entries changed) or needs a full re-tag.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import asdict, dataclass, field

from desktop.analysis.rules import Entry, Rules, case_variants, entry_surfaces
from desktop.i18n import N_

SNAPSHOT_FORMAT = 1


def _hash(obj) -> str:
    raw = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def _definition(e: Entry) -> dict:
    d = asdict(e)
    del d["kind"], d["id"]
    return d


def snapshot(rules: Rules, engine: str, home: str, fingerprint: str) -> dict:
    """A JSON-able description of `rules`: entry definitions in load order, global hash."""
    return {
        "format": SNAPSHOT_FORMAT,
        "engine": engine,
        "home": home,
        "fingerprint": fingerprint,
        "global": _hash({"titles": rules.titles, "figures": rules.figures,
                         "context": rules.context,
                         # given names only when there are any: older snapshots stay equal
                         **({"given_names": rules.given_names} if rules.given_names else {})}),
        "entries": [[k, i, _definition(e)] for (k, i), e in rules.entries.items()],
    }


@dataclass
class RuleDiff:
    """What changed between two snapshots: `full` with a reason, or what a retag must reach.

    `surfaces`: texts whose meaning changed (an article without any of them analyses the
    same); `tagged`: entries whose articles must be redone whatever their text (display
    name, minimum hits or a removed entry).
    """

    full: bool = False
    reason: str = ""
    changed: list[tuple[str, str]] = field(default_factory=list)
    surfaces: list[str] = field(default_factory=list)
    tagged: list[tuple[str, str]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.full and not self.changed


_TAG_FIELDS = ("names", "min_hits", "home_only")  # change what a tagged article stores
_MATCH_FIELDS = ("min_hits", "home_only")  # may change whether any match tags at all


def _changed_keys(old: dict, new: dict) -> list[str]:
    return [k for k in dict.fromkeys([*old, *new]) if old.get(k) != new.get(k)]


def diff(old: dict | None, new: dict) -> RuleDiff:
    """Compare a stored snapshot with the current one (both from `snapshot`)."""
    if not old or old.get("format") != SNAPSHOT_FORMAT:
        return RuleDiff(full=True, reason=N_("no rules snapshot"))
    for key, why in (("engine", N_("analysis engine changed")),
                     ("home", N_("home country changed")),
                     ("global", N_("titles or figure rules changed"))):
        if old.get(key) != new.get(key):
            return RuleDiff(full=True, reason=why)
    o = {(k, i): d for k, i, d in old["entries"]}
    n = {(k, i): d for k, i, d in new["entries"]}
    common_old = [k for k in o if k in n]
    common_new = [k for k in n if k in o]
    if common_old != common_new:  # load order decides between entries sharing a surface
        return RuleDiff(full=True, reason=N_("rule order changed"))
    out = RuleDiff(changed=[k for k in dict.fromkeys([*n, *o]) if o.get(k) != n.get(k)])
    surfaces: dict[str, None] = {}
    empty: tuple[dict, dict] = ({}, {})
    for key in out.changed:
        od, nd = o.get(key), n.get(key)
        os_, or_ = entry_surfaces(Entry(*key, **od)) if od is not None else empty
        ns, nr = entry_surfaces(Entry(*key, **nd)) if nd is not None else empty
        surfaces.update(dict.fromkeys(_changed_keys(os_, ns) + _changed_keys(or_, nr)))
        if od is None or nd is None or any(od.get(f) != nd.get(f) for f in _TAG_FIELDS):
            out.tagged.append(key)
        if od is not None and nd is not None and any(od.get(f) != nd.get(f)
                                                     for f in _MATCH_FIELDS):
            surfaces.update(dict.fromkeys([*os_, *ns]))  # e.g. min_hits: every match counts
    out.surfaces = list(surfaces)
    return out


def search_forms(surface: str, max_yo: int = 4) -> list[str] | None:
    """Texts whose folded tokens, as a phrase prefix, find every place `surface` can match.

    Case variants as compiled; a wildcard cuts the form (the part before it is a prefix);
    "е" may stand for "ё" in the text (analysis folds ё → е, the search index does not),
    so forms with up to `max_yo` of them are expanded and longer ones cut before the next.
    None when nothing searchable is left.
    """
    base = surface.split("*", 1)[0]
    if not base.strip():
        return None
    out: dict[str, None] = {}
    for v in case_variants(base):
        f = unicodedata.normalize("NFC", v).casefold().replace("ё", "е")
        cut = [i for i, ch in enumerate(f) if ch == "е"]
        if len(cut) > max_yo:
            f = f[: cut[max_yo]]
            cut = cut[:max_yo]
        forms = [f]
        for i in cut:
            forms += [x[:i] + "ё" + x[i + 1:] for x in forms]
        out.update(dict.fromkeys(forms))
    return list(out)
