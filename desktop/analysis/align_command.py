"""`kenes align LEFT RIGHT [--lines] [--json]`: align two versions of a text.

LEFT and RIGHT are files or library ids. The JSON shape is documented in README
("Command line") and kept stable: left/right languages and segments, links (every segment
index of each side in exactly one link) and mismatches (unit conversions are not
mismatches; the text report lists them as converted).
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from desktop.i18n import _


class _InputError(Exception):
    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class _Side:
    text: str
    lang: str
    analysis: object | None = None


def _from_file(path: Path) -> _Side:
    from desktop.analysis.language import detect_language
    from desktop.corpus.encoding import decode_bytes

    try:
        text = decode_bytes(path.read_bytes())
    except OSError as exc:
        raise _InputError(_("Cannot read {path}: {reason}").format(
            path=path, reason=exc.strerror or exc)) from exc
    return _Side(text, detect_language(text))


def _from_library(article_id: int, library: str | None) -> _Side:
    from desktop.corpus.library import Library

    with Library.open(library) as lib:
        try:
            s = lib.get(article_id)
        except KeyError:
            raise _InputError(_("No article with id {id}.").format(id=article_id), 1) from None
    return _Side(s.article.full_text(), s.article.lang, s.analysis)


def resolve(arg: str, library: str | None) -> _Side:
    """A file when the path exists, else a library id when the argument is a number."""
    p = Path(arg)
    if p.exists():
        return _from_file(p)
    if arg.isdigit():
        return _from_library(int(arg), library)
    raise _InputError(_("{arg} is neither a file nor a library id.").format(arg=arg))


def cli_json(al, mism) -> dict:
    """The documented `kenes align --json` shape."""
    return replace(al, mismatches=list(mism)).to_json()


def _short(s: str, n: int = 60) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def format_alignment(al, mism) -> str:
    lines = [_("Left: {lang}, {n} segments; right: {rlang}, {m} segments").format(
        lang=al.left_lang, n=len(al.left), rlang=al.right_lang, m=len(al.right))]
    for k, lk in enumerate(al.links):
        left = " ".join(al.left[i].text for i in lk.left)
        right = " ".join(al.right[j].text for j in lk.right)
        lines.append(f"{k:4d} {lk.type:>4} {lk.score:4.2f}  {_short(left) or '—':<60}  |  "
                     f"{_short(right) or '—'}")
    lines.append(_("Mismatches:") if mism else _("No mismatches."))
    for m in mism:
        what = f"{m.left or '—'} ↔ {m.right or '—'}"
        note = f" ({_('converted')})" if m.note == "converted" else ""
        where = "" if m.link is None else f" [{m.link}]"
        lines.append(f"  {m.kind}: {what}{note}{where}")
    return "\n".join(lines)


_DIGITS = re.compile(r"\d+")


def notes(al, la, ra) -> list[str]:
    """What the user should know before trusting the links: an empty side, a text in
    neither Kazakh nor Russian, no names or figures in common (links from lengths alone)."""
    out = []
    # whole sentences per side: "left"/"right" inserted into one would not agree in kk/ru
    for segs, lang, empty, foreign in (
            (al.left, al.left_lang,
             _("The left text has no sentences: every sentence of the right one is left "
               "unmatched."),
             _("The left text is neither Kazakh nor Russian: the links rest on lengths and "
               "shared figures only.")),
            (al.right, al.right_lang,
             _("The right text has no sentences: every sentence of the left one is left "
               "unmatched."),
             _("The right text is neither Kazakh nor Russian: the links rest on lengths and "
               "shared figures only."))):
        if not segs:
            out.append(empty)
        elif lang not in ("kk", "ru"):
            out.append(foreign)
    if al.left and al.right:
        ids = [{t.id for kind in ("countries", "people", "orgs")
                for t in getattr(a, kind, None) or []} for a in (la, ra)]
        nums = [set(_DIGITS.findall(" ".join(x.text for x in segs)))
                for segs in (al.left, al.right)]
        if not (ids[0] & ids[1]) and not (nums[0] & nums[1]):
            out.append(_("The texts share no names or figures: they may not be versions of "
                         "the same text, and the links rest on lengths alone."))
    return out


def cmd_align(args) -> int:
    """Align LEFT with RIGHT and print the links and mismatches (JSON with --json)."""
    from desktop.analysis.alignment import AlignmentError, align, mismatches, segment
    from desktop.analysis.glossary import load_glossary
    from desktop.analysis.pipeline import analyze

    library = getattr(args, "library", None)
    try:
        left, right = resolve(args.left, library), resolve(args.right, library)
    except _InputError as exc:
        print(str(exc), file=sys.stderr)
        return exc.code
    lines = bool(getattr(args, "lines", False))
    errors: list[str] = []
    glossary = load_glossary(errors=errors)
    for e in errors:
        print(e, file=sys.stderr)
    try:
        al = align(segment(left.text, left.lang, lines=lines),
                   segment(right.text, right.lang, lines=lines),
                   left_lang=left.lang, right_lang=right.lang, glossary=glossary)
    except AlignmentError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    la = left.analysis or analyze(left.text, lang=left.lang)
    ra = right.analysis or analyze(right.text, lang=right.lang)
    mism = mismatches(left.text, right.text, la, ra, al)
    for note in notes(al, la, ra):
        print(note, file=sys.stderr)
    if getattr(args, "json", False):
        print(json.dumps(cli_json(al, mism), ensure_ascii=False, indent=1))
    else:
        print(format_alignment(al, mism))
    return 0


def add_parser(sub, library_opt) -> None:
    """Register `align` on the CLI's subparsers."""
    s = sub.add_parser("align", help=_("align two versions of a text (Kazakh and Russian)"))
    s.add_argument("left", metavar="LEFT", help=_("file or library id"))
    s.add_argument("right", metavar="RIGHT", help=_("file or library id"))
    s.add_argument("--lines", action="store_true",
                   help=_("each non-empty line is one segment (no sentence splitting)"))
    s.add_argument("--json", action="store_true", help=_("print JSON instead of text"))
    library_opt(s)
