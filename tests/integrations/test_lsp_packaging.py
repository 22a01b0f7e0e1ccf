"""pygls is an optional extra: only `deadlint lsp` may import it."""

from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

from deadlint.cli import main


def test_core_and_lsp_helpers_do_not_import_pygls():
    code = ("import sys, deadlint.cli, deadlint.service, deadlint.integrations.lsp_lint\n"
            "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol'))\n"
            "assert not loaded, loaded\n")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def test_lsp_is_a_deadlint_command():
    result = CliRunner().invoke(main, ["lsp", "--help"])
    assert result.exit_code == 0, result.output
    assert "language server" in result.output


def test_without_pygls_the_command_says_what_to_install():
    code = ("import sys\n"
            "sys.modules['pygls'] = sys.modules['pygls.lsp.server'] = None  # as if not installed\n"
            "from deadlint.cli import main\n"
            "main(['lsp'])\n")
    result = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "pip install 'deadlint[lsp]'" in result.stderr
