"""`kenes pair [ID…] [--top N] [--json]`: counterpart candidates in the other language."""

from __future__ import annotations

import argparse
import json
import sys

from desktop.i18n import _


def _at_least_one(value: str) -> int:
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError(_("must be 1 or more, not {n}").format(n=n))
    return n


def add_parser(sub, library_opt) -> None:
    """Register the `pair` subcommand on the CLI's subparsers."""
    s = sub.add_parser("pair", help=_("counterparts of articles in the other language"))
    s.add_argument("ids", nargs="*", type=int, metavar="ID",
                   help=_("article ids (default: every article)"))
    s.add_argument("--top", type=_at_least_one, default=5, metavar="N",
                   help=_("at most this many candidates per article"))
    s.add_argument("--json", action="store_true", help=_("print JSON instead of text"))
    library_opt(s)


def run(args: argparse.Namespace) -> int:
    """Print each article's candidates, best first (pins first); 1 if an id is unknown."""
    from desktop.corpus.library import Library

    top = int(args.top)
    with Library.open(getattr(args, "library", None)) as lib:
        if args.ids:
            missing = [i for i in args.ids if i not in lib.store.hashes_of(args.ids)]
            if missing:
                sys.stderr.write(_("No article with id {id}.").format(id=missing[0]) + "\n")
                return 1
            langs = {r[0]: r[1] for r in lib.store.pair_docs_of(args.ids)}
            # the same reasons as for the whole library (names as written need the text)
            results = [(i, langs.get(i) or lib.get(i).article.lang,
                        lib.counterparts(i, top, names=False)) for i in args.ids]
        else:
            results = lib.pair_all(top=top)
        if args.json:
            sys.stdout.write(json.dumps(
                [{"id": i, "lang": lang, "counterparts": [c.to_json() for c in cands]}
                 for i, lang, cands in results], ensure_ascii=False, indent=2) + "\n")
            return 0
        cat = lib.catalog()
        titles = {}
        want = {i for i, _l, cs in results} | {c.id for _i, _l, cs in results for c in cs}
        for pos in cat.positions_of(sorted(want)):
            row = cat.row(int(pos))
            titles[row["id"]] = row.get("title") or ""
        relation = {"translation": _("translation"), "same_event": _("same event")}
        for i, lang, cands in results:
            sys.stdout.write(f"#{i} [{lang}] {titles.get(i, '')}\n")
            if not cands:
                sys.stdout.write("    " + _("no counterpart found") + "\n")
            for c in cands:
                pin = " " + _("(pinned)") if c.pinned else ""
                sys.stdout.write(f"    → #{c.id} {c.score:.2f} {relation[c.relation]}{pin} "
                                 f"{titles.get(c.id, '')}\n")
                for r in c.reasons:
                    sys.stdout.write(f"        {r}\n")
    return 0
