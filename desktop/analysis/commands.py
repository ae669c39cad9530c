"""`kenes analyze [FILE|-] [--json]`: everything the analysis finds in one text."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from desktop.analysis.model import Analysis
from desktop.i18n import _


def _read_text(arg: str) -> str:
    """The text of a file (any supported encoding) or of stdin for "-"."""
    if arg in ("-", ""):
        return sys.stdin.read()
    from desktop.corpus.encoding import decode_bytes

    return decode_bytes(Path(arg).read_bytes())


def speaker_label(q) -> str:
    """Who said a quote: the gazetteer's name for a known person, else the name as written."""
    from desktop.analysis.pipeline import vocabulary

    known = vocabulary("person").get(q.speaker or "", {}).get("en")
    return known or q.speaker_name or q.speaker or _("unknown speaker")


def format_analysis(a: Analysis) -> str:
    """Human-readable report of an analysis."""
    lines = [_("Language: {lang}").format(lang=a.lang)]
    lines.append(_("Countries:"))
    for t in a.countries:
        role = _("home") if t.home else _("partner")
        lines.append(f"  {t.id} {t.name} ({role}) {', '.join(t.phrases)} {t.spans}")
    lines.append(_("Sectors:"))
    for t in a.sectors:
        lines.append(f"  {t.id}: {', '.join(t.phrases)}")
    for title, tags in ((_("People:"), a.people), (_("Organisations:"), a.orgs)):
        lines.append(title)
        for t in tags:
            lines.append(f"  {t.id} {t.name}: {', '.join(t.phrases)} {t.spans}")
    lines.append(_("Figures:"))
    for f in a.figures:
        extra = " ".join(x for x in (f.currency, f.unit, f.qualifier) if x)
        lines.append(f"  {f.text!r} = {f.value:g} {f.kind} {extra} {list(f.span)}")
    lines.append(_("Quotes:"))
    for q in a.quotes:
        who = speaker_label(q)
        body = q.text if len(q.text) <= 120 else q.text[:117] + "..."
        lines.append(f"  {who}: «{body}» {list(q.span)}")
    return "\n".join(lines)


def cmd_analyze(args) -> int:
    """Analyse a file or stdin and print the result (JSON with --json)."""
    from desktop.analysis.pipeline import analyze, load_errors, rules

    try:
        text = _read_text(getattr(args, "file", "-") or "-")
    except OSError as exc:
        print(_("Cannot read {path}: {reason}").format(path=args.file, reason=exc.strerror or exc),
              file=sys.stderr)
        return 2
    rules()
    for path, msg in load_errors:
        print(_("Rule file skipped: {path}: {reason}").format(path=path, reason=msg),
              file=sys.stderr)
    a = analyze(text, lang=getattr(args, "text_lang", None))
    if getattr(args, "json", False):
        print(json.dumps(a.to_json(), ensure_ascii=False, indent=1))
    else:
        print(format_analysis(a))
    return 0
