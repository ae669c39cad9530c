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

    if cli.wants_cli(argv):
        return cli.main(argv)
    if os.environ.get("KENES_START_PROBE"):
        from desktop import startprobe

        startprobe.install()
    from desktop import app

    return app.main(argv)


if __name__ == "__main__":
    sys.exit(main())
