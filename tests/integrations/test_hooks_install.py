"""`deadlint hook install`: the target registry and the never-clobber rule."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from clirun import invoke

from deadlint.integrations import hooks

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def test_write_refuses_a_different_file_unless_forced(tmp_path):
    path = tmp_path / "hooks" / "h"
    assert hooks.write_hook_file(path, "one\n", force=False) == f"installed {path}"
    assert path.stat().st_mode & 0o111
    assert hooks.write_hook_file(path, "one\n", force=False) == f"{path} is already installed"
    with pytest.raises(hooks.HookError, match="--force"):
        hooks.write_hook_file(path, "two\n", force=False)
    assert path.read_text() == "one\n"
    assert hooks.write_hook_file(path, "two\n", force=True) == f"replaced {path}"
    assert path.read_text() == "two\n"


def test_a_file_some_deadlint_wrote_is_replaced_without_force(tmp_path):
    path = tmp_path / "h"
    path.write_text("#!/bin/sh\n# MARK (an older virtualenv)\n")
    assert hooks.write_hook_file(path, "# MARK\nnew\n", force=False, ours="MARK").startswith("replaced")


def test_targets_are_listed_and_unknown_ones_refused(private_home):
    assert "git-send-email" in hooks.available_targets()
    code, _out, err = invoke("hook", "install", "no-such-client")
    assert code == 2 and "git-send-email" in err


def test_a_target_from_another_module_plugs_in(monkeypatch, private_home):
    # What another module does: one registry entry naming its install(force) function.
    calls = []

    def install(force):
        calls.append(force)
        if force:
            return private_home.path / "written"
        raise FileExistsError("x exists; use --force")

    monkeypatch.setitem(hooks.TARGETS, "demo", "deadlint.integrations.hooks:_demo_install")
    monkeypatch.setattr(hooks, "_demo_install", install, raising=False)
    code, _out, err = invoke("hook", "install", "demo")
    assert (code, err) == (2, "Error: x exists; use --force\n")
    code, out, _err = invoke("hook", "install", "demo", "--force")
    assert (code, out) == (0, f"installed {private_home.path / 'written'}\n")
    assert calls == [False, True]


def test_outside_a_repository_git_send_email_is_refused(private_home):
    code, _out, err = invoke("hook", "install", "git-send-email")
    assert code == 2 and ("not in a git repository" in err or "git is not installed" in err)


@needs_git
def test_hook_goes_where_git_looks_for_hooks(private_home, tmp_path, monkeypatch):
    subprocess.run(["git", "init", "-q", "repo"], check=True)
    (tmp_path / "repo" / "sub").mkdir()
    subprocess.run(["git", "-C", "repo", "config", "core.hooksPath", str(tmp_path / "shared-hooks")], check=True)
    monkeypatch.chdir(tmp_path / "repo" / "sub")
    code, out, _err = invoke("hook", "install", "git-send-email")
    assert code == 0 and out == f"installed {tmp_path / 'shared-hooks' / 'sendemail-validate'}\n"
