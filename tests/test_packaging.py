"""The policy the package loads is the repository's rules.yaml."""

from pathlib import Path

from deadlint.config.policy import default_policy_path


def test_packaged_policy_is_the_repository_rules_yaml():
    repository_copy = Path(__file__).parent.parent / "rules.yaml"
    assert default_policy_path().read_text(encoding="utf-8") == repository_copy.read_text(encoding="utf-8")
