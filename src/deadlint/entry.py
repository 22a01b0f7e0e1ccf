"""The ``deadlint`` command: through the warm worker when it can, else in this process.

Standard library only until it knows it must check in process: a pre-send
check answered by the warm worker (see docs/daemon.md) never imports Click,
spaCy or deadlint's rules here.
"""

from __future__ import annotations

import sys


def main() -> None:
    from deadlint.daemon import client

    argv = sys.argv[1:]
    if client.wanted(argv):
        status = client.run(argv)
        if status is not None:
            sys.exit(status)
    from deadlint.cli import main as click_main

    click_main()
