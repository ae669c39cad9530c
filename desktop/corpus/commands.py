"""Library commands of the CLI: `kenes import | search | show | info | retag` (parser in cli.py)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from desktop.i18n import _, ngettext


def _open(args: argparse.Namespace):
    from desktop.corpus.library import Library

    return Library.open(getattr(args, "library", None))


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _err(text: str) -> None:
    sys.stderr.write(text + "\n")


def _json(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def _tty_progress(label: str) -> Callable[[int, int, str], None] | None:
    """A one-line progress display on stderr when it is a terminal, else None."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int, message: str = "") -> None:
        tail = f"{done}/{total}" if total else str(done)
        sys.stderr.write(f"\r{label} {tail} {message[-60:]:<60}")
        sys.stderr.flush()

    return show


# ------------------------------------------------------------------------------------ import

def cmd_import(args: argparse.Namespace) -> int:
    """Import PATH…; exit 0 when something was added or all was already there, else 1."""
    from desktop.jobs import CancelToken

    cancel = CancelToken()
    with _open(args) as lib:
        try:
            report = lib.import_paths(args.paths, progress=_tty_progress(_("Reading")),
                                      cancel=cancel)
        except KeyboardInterrupt:
            _err(_("Import interrupted; what was imported so far is kept. "
                   "Run the same import again to complete it."))
            return 130
        if sys.stderr.isatty():
            sys.stderr.write("\n")
        if getattr(args, "json", False):
            _json({**report.to_json(), "library": str(lib.folder)})
        else:
            _out(ngettext("Added {n} article.", "Added {n} articles.",
                          report.added).format(n=report.added))
            _out(ngettext("{n} duplicate (already in the library).",
                          "{n} duplicates (already in the library).",
                          report.duplicates).format(n=report.duplicates))
            if report.skipped:
                _out(ngettext("Skipped {n} source:", "Skipped {n} sources:",
                              len(report.skipped)).format(n=len(report.skipped)))
                for s in report.skipped:
                    _out(f"  {s.path}: {s.reason}")
            if report.cancelled:
                _out(_("The import was cancelled; run it again to complete it."))
            _out(_("Library: {path}").format(path=lib.folder))
    return 0 if (report.added or report.duplicates) else 1


# ------------------------------------------------------------------------------------ search

def add_filter_arguments(s: argparse.ArgumentParser, *, text_help: str, lang_flag: str,
                         limit_help: str) -> None:
    """The search filters `_build_filter` reads, for every command that selects articles
    (`kenes search`, `kenes export`): one definition, so the two never drift apart."""
    s.add_argument("text", nargs="?", default="", metavar="TEXT", help=text_help)
    s.add_argument("--country", action="append", default=[], metavar="CC",
                   help=_("country named in the article, ISO code (repeat for any of several)"))
    s.add_argument("--partner", action="append", default=[], metavar="CC",
                   help=_("partner country (any country other than home)"))
    s.add_argument("--sector", action="append", default=[], metavar="ID",
                   help=_("sector id, e.g. trade, energy, transport_logistics"))
    s.add_argument("--person", action="append", default=[], metavar="ID",
                   help=_("person id, e.g. tokayev"))
    s.add_argument("--org", action="append", default=[], metavar="ID",
                   help=_("organisation id, e.g. ots, eaeu, sco"))
    s.add_argument(lang_flag, dest="article_lang", choices=["kk", "ru", "other"],
                   help=_("article language"))
    s.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD",
                   help=_("published on or after this date"))
    s.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD",
                   help=_("published on or before this date"))
    s.add_argument("--source", action="append", default=[], metavar="S",
                   help=_("outlet, e.g. Kazinform (repeat for any of several)"))
    s.add_argument("--limit", type=int, default=0, help=limit_help)


def _build_filter(args: argparse.Namespace):
    """Filter from TEXT (which may itself use the search-box syntax) and the options."""
    from desktop.core.query import QueryError, parse_date, parse_query

    f = parse_query(args.text or "")

    def add(target: list[str], values: list[str], upper: bool = False) -> None:
        for v in values:
            v = v.strip().upper() if upper else v.strip()
            if v and v not in target:
                target.append(v)

    add(f.countries, args.country, upper=True)
    add(f.partners, args.partner, upper=True)
    add(f.sectors, args.sector)
    add(f.people, args.person)
    add(f.orgs, args.org)
    add(f.sources, args.source)
    if args.article_lang:
        add(f.langs, [args.article_lang])
    for attr, value, end in (("date_from", args.date_from, False), ("date_to", args.date_to, True)):
        if value:
            try:
                setattr(f, attr, parse_date(value, end=end))
            except ValueError:
                raise QueryError(
                    _("“{value}” is not a date; write it as YYYY-MM-DD, e.g. 2025-11-01.").format(
                        value=value), 0) from None
    return f


def _search_json_row(row: dict) -> dict:
    return {
        "id": row["id"], "title": row["title"], "lang": row["lang"], "date": row["date"],
        "source": row["source"], "countries": row["countries"], "partners": row["partners"],
        "sectors": row["sectors"], "people": row["people"], "orgs": row["orgs"],
        "origin": row["origin"],
    }


def cmd_search(args: argparse.Namespace) -> int:
    """Print the articles matching TEXT and the filters, newest first."""
    from desktop.core.query import QueryError

    try:
        f = _build_filter(args)
    except QueryError as e:
        _err(_("Search error: {message}").format(message=e.message))
        return 2
    with _open(args) as lib:
        pos = lib.query(f)
        cat = lib.catalog()
        total = len(pos)
        if args.limit and args.limit > 0:
            pos = pos[: args.limit]
        rows = [cat.row(int(p)) for p in pos]
        if args.json:
            _json([_search_json_row(r) for r in rows])
            return 0
        for r in rows:
            tags = ",".join(r["countries"])
            _out(f"{r['id']:>7}  {r['date'] or '----------'}  {r['lang']:<5}  "
                 f"{(r['source'] or '-')[:18]:<18}  {tags[:20]:<20}  {r['title']}")
        _out(ngettext("{n} of {total} article", "{n} of {total} articles", len(cat)).format(
            n=total, total=len(cat)))
    return 0


# ------------------------------------------------------------------------------------ show

def _tag_line(tags) -> str:
    parts = []
    for t in tags:
        label = f"{t.name} ({t.id})" if t.name and t.name != t.id else t.id
        if getattr(t, "home", False):
            label += " " + _("[home]")
        parts.append(label)
    return ", ".join(parts) or "—"


def cmd_show(args: argparse.Namespace) -> int:
    """Print one article with its metadata, tags, figures, quotes and full text."""
    with _open(args) as lib:
        try:
            s = lib.get(args.id)
        except KeyError:
            _err(_("No article with id {id}.").format(id=args.id))
            return 1
    a, an = s.article, s.analysis
    if args.json:
        _json({
            "id": s.id, **a.to_dict(), "full_text": a.full_text(),
            "content_hash": s.content_hash, "rules_fingerprint": s.rules_fingerprint,
            "imported_at": s.imported_at, "tags": s.tags, "analysis": an.to_json(),
        })
        return 0
    meta = [
        (_("Id"), str(s.id)), (_("Title"), a.title), (_("Date"), a.date or _("unknown")),
        (_("Language"), a.lang), (_("Source"), a.source), (_("Credited to"), a.credited_to),
        (_("Author"), a.author), (_("Dateline"), a.dateline_city), (_("URL"), a.url),
        (_("Origin"), a.origin), (_("Imported"), s.imported_at),
        (_("Countries"), _tag_line(an.countries)), (_("Sectors"), _tag_line(an.sectors)),
        (_("People"), _tag_line(an.people)), (_("Organisations"), _tag_line(an.orgs)),
    ]
    width = max(len(k) for k, _v in meta)
    for k, v in meta:
        if v:
            _out(f"{k + ':':<{width + 1}} {v}")
    if an.figures:
        _out(_("Figures:"))
        for fig in an.figures:
            # money shows its currency; a count shows what it counts after the value
            what = fig.currency if fig.kind == "money" else (fig.unit or "")
            _out(f"  {fig.text}  = {fig.value:g} {what}".rstrip())
    if an.quotes:
        from desktop.analysis.commands import speaker_label

        _out(_("Quotes:"))
        for q in an.quotes:
            _out(f"  {speaker_label(q)}: «{q.text}»")
    _out()
    _out(a.full_text())
    return 0


# ------------------------------------------------------------------------------------ info

def cmd_info(args: argparse.Namespace) -> int:
    """Print counts per language, source and year."""
    with _open(args) as lib:
        st = lib.stats()
        folder = str(lib.folder)
    if args.json:
        _json({"library": folder, **st})
        return 0
    _out(_("Library: {path}").format(path=folder))
    _out(ngettext("{n} article", "{n} articles", st["articles"]).format(n=st["articles"]))
    for title, key in ((_("Languages"), "languages"), (_("Sources"), "sources"),
                       (_("Years"), "years")):
        _out(f"{title}:")
        for k, n in st[key].items():
            _out(f"  {k or _('unknown'):<30} {n:>8}")
    return 0


# ------------------------------------------------------------------------------------ retag

def cmd_retag(args: argparse.Namespace) -> int:
    """Re-apply the current rules: only to articles a rule edit can reach, or all with --full."""
    from desktop.analysis.user_rules import rule_file_errors

    for path, msg in rule_file_errors():  # skipped by the loader: say so before tagging
        print(_("Rule file skipped: {path}: {reason}").format(path=path, reason=msg),
              file=sys.stderr)
    with _open(args) as lib:
        lib.retag(progress=_tty_progress(_("Re-tagging")), full=getattr(args, "full", False))
        if sys.stderr.isatty():
            sys.stderr.write("\n")
        fp = lib.rules_fingerprint()
        rep = lib.last_retag
    done = 0 if rep.cancelled else rep.total
    if args.json:
        # "retagged": articles whose tags now reflect the current rules (the whole library)
        _json({"retagged": done, "rules_fingerprint": fp, **rep.to_json()})
    else:
        if rep.full:
            _out(_("Full re-tag: {reason}.").format(reason=_(rep.reason)))
        if rep.total == 0:
            _out(_("The library is empty: nothing to re-tag."))
        elif rep.rechecked == 0 and not rep.cancelled:
            # e.g. right after an import: every article was tagged with the current rules
            _out(_("Nothing needed re-tagging: every article is already tagged with the "
                   "current rules."))
        else:
            _out(ngettext("Re-checked {n} of {total} article; {updated} updated.",
                          "Re-checked {n} of {total} articles; {updated} updated.",
                          rep.total).format(n=rep.rechecked, total=rep.total,
                                            updated=rep.updated))
        if rep.cancelled:
            _out(_("Cancelled: run the command again to finish."))
    return 0
