#!/usr/bin/env python3
"""Zip the deadlint MailExtension into an .xpi, byte for byte the same every run.

    python integrations/thunderbird/package.py [-o OUT.xpi]

Default output: deadlint-thunderbird-VERSION.xpi in the current directory
(VERSION from manifest.json). Files sit at the root of the archive, as
Thunderbird requires; fixed order, timestamps and modes make the archive
reproducible, so its checksum can be compared. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Listed, not globbed: nothing stray (an editor backup, a built .xpi) ships.
FILES = ("manifest.json", "draft.js", "background.js", "blocked.html", "blocked.js")
EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip can hold


def version(source: Path = HERE) -> str:
    return json.loads((source / "manifest.json").read_text(encoding="utf-8"))["version"]


def build(out: Path, source: Path = HERE) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w") as archive:
        for name in FILES:
            info = zipfile.ZipInfo(name, date_time=EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so the mode below is read
            info.external_attr = 0o644 << 16
            archive.writestr(info, (source / name).read_bytes())
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, help="where to write the .xpi")
    args = parser.parse_args(argv)
    out = build(args.output or Path(f"deadlint-thunderbird-{version()}.xpi"))
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
