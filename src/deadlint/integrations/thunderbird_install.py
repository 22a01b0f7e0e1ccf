"""Install the native-messaging host manifest that lets the Thunderbird
extension start ``deadlint native-host`` (Linux, per user).

Thunderbird reads ~/.mozilla/native-messaging-hosts/<name>.json; its "path"
must be one absolute executable with no arguments, so a small launcher script
runs this Python's ``-m deadlint native-host`` (the virtualenv deadlint was
installed in, whatever PATH Thunderbird was started with).
"""

from __future__ import annotations

import json
import os
import shlex
import sys
from pathlib import Path

HOST_NAME = "deadlint"  # what background.js passes to runtime.connectNative
EXTENSION_ID = "thunderbird@deadlint.invalid"  # browser_specific_settings.gecko.id in manifest.json


def manifest_path() -> Path:
    return Path.home() / ".mozilla" / "native-messaging-hosts" / f"{HOST_NAME}.json"


def launcher_path() -> Path:
    data_home = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return data_home / "deadlint" / "native-host"


DESCRIPTION = "deadlint: flag vague promises in drafts before they are sent"


def launcher_script(python: str = sys.executable) -> str:
    return ("#!/bin/sh\n"
            "# Started by Thunderbird for the deadlint extension; written by\n"
            "# `deadlint hook install thunderbird`.\n"
            f'exec {shlex.quote(python)} -m deadlint native-host "$@"\n')


def host_manifest(launcher: Path) -> dict:
    return {
        "name": HOST_NAME,
        "description": DESCRIPTION,
        "path": str(launcher),
        "type": "stdio",
        "allowed_extensions": [EXTENSION_ID],
    }


def install(force: bool = False) -> Path:
    """Write the launcher and the host manifest; return the manifest's path.

    Files another deadlint wrote (another version or virtualenv) are replaced;
    anything else is kept unless ``force`` (HookError says so), as for git hooks.
    """
    from deadlint.integrations.hooks import write_hook_file

    manifest, launcher = manifest_path(), launcher_path()
    write_hook_file(launcher, launcher_script(), force=force, ours="deadlint native-host")
    write_hook_file(manifest, json.dumps(host_manifest(launcher), indent=2) + "\n", force=force,
                    executable=False, ours=DESCRIPTION)
    return manifest
