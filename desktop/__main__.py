"""Entry point: `kenes` with a subcommand runs the CLI, alone it opens the window."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    if getattr(sys, "frozen", False):
        # In the bundle, import's worker processes start this executable again:
        # freeze_support() runs the worker there instead of a second Kenes.
        import multiprocessing

        multiprocessing.freeze_support()
    argv = list(sys.argv[1:] if argv is None else argv)
    from desktop import cli

    if "--self-test" in argv:
        return _self_test(cli.build_parser().parse_args(argv))
    if cli.wants_cli(argv):
        return cli.main(argv)
    if os.environ.get("KENES_START_PROBE"):
        from desktop import startprobe

        startprobe.install()
    from desktop import app

    return app.main(argv)


def _self_test(args) -> int:
    """`kenes --self-test`, with the window check when Qt can be loaded."""
    from desktop import selftest

    try:
        from desktop.app import create_window
    except ImportError:  # no usable Qt here: the window check says it was skipped
        create_window = None
    return selftest.main(lang=args.lang, create_window=create_window)


if __name__ == "__main__":
    sys.exit(main())
