"""Headless command line: `kenes import | search | show | info | analyze | retag`.

The parser lives here; each command's work lives in the Qt-free package that owns it.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys

from desktop import __version__
from desktop.i18n import _

COMMANDS = ("import", "search", "show", "info", "analyze", "retag", "pair", "export", "align")


def wants_cli(argv: list[str]) -> bool:
    """True when argv names a subcommand or asks for help/version (else the GUI opens).

    Parsed rather than scanned, so an option's value (`--query import`) is not a command.
    """
    if any(a in ("-h", "--help", "--version", "--self-test") for a in argv):
        return True
    try:
        with contextlib.redirect_stderr(io.StringIO()):  # main() reports errors once
            args, _rest = build_parser().parse_known_args(argv)
    except SystemExit:  # unknown command or bad option: let the CLI print the error
        return True
    return args.command is not None


def _library_opt(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--library",
        metavar="DIR",
        help=_("library folder (default: $KENES_LIBRARY or the user data folder)"),
    )


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="kenes",
        description=_("Kenes: briefings from Kazakh and Russian news, offline."),
        epilog=_("Without a command, the Kenes window opens."),
    )
    p.add_argument("--version", action="version", version=f"kenes {__version__}")
    _library_opt(p)
    p.add_argument("--lang", metavar="LANG", help=_("interface language: kk, ru or en"))
    p.add_argument("--query", metavar="QUERY", help=_("GUI: apply this search on start"))
    p.add_argument("--select", metavar="ID", type=int, help=_("GUI: select this article"))
    p.add_argument("--screenshot", metavar="FILE", help=_("GUI: save a PNG of the window and exit"))
    p.add_argument("--restore-state", action="store_true",
                   help=_("GUI with --screenshot: apply the library's last search and filters "
                          "(by default a screenshot shows the library without them)"))
    p.add_argument("--brief", dest="open_brief", metavar="FILE",
                   help=_("GUI: open this briefing (.kenes-brief) in the composer"))
    p.add_argument("--self-test", action="store_true",
                   help=_("check this installation offline (sample import, search, pairing, "
                          "alignment, PDF export, window) and exit; the user's library is "
                          "not touched"))
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    s = sub.add_parser("import", help=_("import files, folders, archives or tables"))
    s.add_argument("paths", nargs="+", metavar="PATH")
    s.add_argument("--json", action="store_true", help=_("print the report as JSON"))
    _library_opt(s)

    s = sub.add_parser("search", help=_("search and filter the library"))
    from desktop.corpus.commands import add_filter_arguments

    add_filter_arguments(s, text_help=_("full-text query; a trailing * matches prefixes"),
                         lang_flag="--lang", limit_help=_("at most this many results"))
    s.add_argument("--json", action="store_true", help=_("print JSON instead of text"))
    _library_opt(s)

    s = sub.add_parser("show", help=_("show one article with everything known about it"))
    s.add_argument("id", type=int, metavar="ID")
    s.add_argument("--json", action="store_true", help=_("print JSON instead of text"))
    _library_opt(s)

    s = sub.add_parser("info", help=_("counts per language, source and year"))
    s.add_argument("--json", action="store_true", help=_("print JSON instead of text"))
    _library_opt(s)

    s = sub.add_parser("analyze", help=_("analyse one text without importing it"))
    s.add_argument("file", nargs="?", default="-", metavar="FILE|-")
    s.add_argument("--json", action="store_true", help=_("print JSON instead of text"))
    s.add_argument("--lang", dest="text_lang", choices=["kk", "ru", "other"],
                   help=_("language of the text (default: detected)"))

    s = sub.add_parser("retag", help=_("re-apply the tagging rules to the whole library"))
    s.add_argument("--full", action="store_true", help=_("re-analyse every article"))
    s.add_argument("--json", action="store_true", help=_("print JSON instead of text"))
    _library_opt(s)

    from desktop.corpus import pair_command

    pair_command.add_parser(sub, _library_opt)

    from desktop.export import command as export_command

    export_command.add_parser(sub, _library_opt)

    from desktop.analysis import align_command

    align_command.add_parser(sub, _library_opt)
    return p


def _export_run(args) -> int:
    from desktop.export import command as export_command

    return export_command.run(args)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_test:
        from desktop import selftest

        return selftest.main(lang=args.lang)
    if args.command is None:
        parser.print_help()
        return 0
    if args.command == "analyze":
        from desktop.analysis import commands as acmd

        return acmd.cmd_analyze(args)
    if args.command == "align":
        from desktop.analysis import align_command

        return align_command.cmd_align(args)
    from desktop.corpus import commands as ccmd
    from desktop.corpus import pair_command

    handler = {
        "import": ccmd.cmd_import,
        "search": ccmd.cmd_search,
        "show": ccmd.cmd_show,
        "info": ccmd.cmd_info,
        "retag": ccmd.cmd_retag,
        "pair": pair_command.run,
        "export": _export_run,
    }[args.command]
    from desktop.corpus.store import StoreError

    try:
        return handler(args)
    except BrokenPipeError:  # `kenes search | head`
        return 0
    except StoreError as e:  # e.g. a library from a newer Kenes: a message, not a traceback
        sys.stderr.write(f"{e}\n")
        return 1
