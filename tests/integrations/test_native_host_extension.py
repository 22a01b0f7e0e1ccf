"""The Thunderbird MailExtension in integrations/thunderbird/: manifest, scripts, packaging."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import zipfile

import pytest

from thunderbird_driver import EXTENSION, load_packager

from deadlint.integrations.thunderbird_install import EXTENSION_ID, HOST_NAME


def test_manifest_is_a_mailextension_the_host_manifest_allows():
    manifest = json.loads((EXTENSION / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["manifest_version"] == 2
    assert manifest["browser_specific_settings"]["gecko"]["id"] == EXTENSION_ID
    # compose.send: "Send anyway" sends the draft itself.
    assert {"compose", "compose.send", "nativeMessaging"} <= set(manifest["permissions"])
    for script in manifest["background"]["scripts"]:
        assert (EXTENSION / script).is_file()
    assert manifest["version"].count(".") == 2


def test_background_talks_to_the_installed_host_name():
    source = (EXTENSION / "background.js").read_text(encoding="utf-8")
    assert f'const HOST = "{HOST_NAME}"' in source
    assert "messenger.compose.onBeforeSend.addListener" in source and "cancel: true" in source


def test_package_puts_the_files_at_the_root_and_is_reproducible(tmp_path):
    packager = load_packager()
    first = packager.build(tmp_path / "a.xpi")
    second = packager.build(tmp_path / "b.xpi")
    with zipfile.ZipFile(first) as archive:
        names = archive.namelist()
        assert archive.testzip() is None
        json.loads(archive.read("manifest.json"))
    manifest = json.loads((EXTENSION / "manifest.json").read_text(encoding="utf-8"))
    assert {"manifest.json", *manifest["background"]["scripts"]} <= set(names)
    assert all("/" not in name for name in names)
    # Every page and script the extension refers to is shipped.
    html = (EXTENSION / "blocked.html").read_text(encoding="utf-8")
    assert "blocked.html" in names and 'src="blocked.js"' in html and "blocked.js" in names
    digest = [hashlib.sha256(path.read_bytes()).hexdigest() for path in (first, second)]
    assert digest[0] == digest[1]


def test_package_script_runs_from_the_command_line(tmp_path):
    import sys

    out = tmp_path / "deadlint.xpi"
    result = subprocess.run([sys.executable, str(EXTENSION / "package.py"), "-o", str(out)],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert zipfile.is_zipfile(out)


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
@pytest.mark.parametrize("script", ["draft.js", "background.js", "blocked.js"])
def test_scripts_parse(script):
    result = subprocess.run(["node", "--check", str(EXTENSION / script)], capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 0, result.stderr
