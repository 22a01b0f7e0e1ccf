"""Policy: the packaged rules.yaml with the user's .deadlint.yaml merged over it."""

from deadlint.config.policy import ConfigError, LanguagePolicy, Policy, find_user_config, load_policy

__all__ = ["ConfigError", "LanguagePolicy", "Policy", "find_user_config", "load_policy"]
