"""Load, merge and validate the policy."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import time
from importlib import resources
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from deadlint.config.yamlfile import ConfigError, Lines, load_with_lines
from deadlint.findings import SEVERITIES

USER_CONFIG_NAME = ".deadlint.yaml"
_TOP_LEVEL = {"default_language", "min_severity", "max_file_mb", "include", "exclude",
              "per_path_ignores", "rules", "languages", "sendmail"}
_SENDMAIL_KEYS = {"mta": str, "warn_only": bool, "min_severity": str, "blocked_dir": str}
_RULE_KEYS = {"enabled", "severity", "phrases"}
_LANGUAGE_KEYS = {"timezone", "holidays", "holiday_categories", "business_hours",
                  "response_business_days", "max_window_hours"}
_HOURS = re.compile(r"^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$")


@dataclass(frozen=True)
class LanguagePolicy:
    language: str
    timezone: str
    country: str
    holiday_categories: tuple[str, ...]
    business_start: time
    business_end: time
    response_business_days: int
    max_window_hours: float


@dataclass
class Policy:
    default_language: str
    min_severity: str
    max_file_mb: float
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    per_path_ignores: dict[str, list[str]]
    rules: dict[str, dict[str, Any]]
    languages: dict[str, LanguagePolicy]
    sendmail: dict[str, Any] = field(default_factory=dict)  # settings of `deadlint sendmail`
    files: list[str] = field(default_factory=list)  # where it came from, for messages
    _lines: dict[str, Lines] = field(default_factory=dict, repr=False)

    def rule_enabled(self, rule_id: str) -> bool:
        return self.rules.get(rule_id, {}).get("enabled", True)

    def severity(self, rule_id: str, default: str) -> str:
        return self.rules.get(rule_id, {}).get("severity", default)

    def phrase_overrides(self, lang: str) -> dict[str, dict[str, list[str]]]:
        """{rule id: {"add": [...], "ignore": [...]}} for one language."""
        return {rule: spec["phrases"][lang] for rule, spec in self.rules.items()
                if lang in (spec.get("phrases") or {})}

    def check_rule_ids(self, known: set[str]) -> None:
        """Unknown rule ids in the policy are an error naming file and line."""
        for rule_id in self.rules:
            if rule_id not in known:
                raise self._error(("rules", rule_id), f"unknown rule id {rule_id!r}")
        for glob, ids in self.per_path_ignores.items():
            for rule_id in ids:
                if rule_id not in known:
                    raise self._error(("per_path_ignores", glob), f"unknown rule id {rule_id!r}")

    def check_phrase_patterns(self, validate: Callable[[str], None]) -> None:
        """Run ``validate`` on every phrase the policy adds or ignores; its
        ValueError becomes a ConfigError naming file, line and key."""
        for rule_id, spec in self.rules.items():
            for lang, extra in (spec.get("phrases") or {}).items():
                for kind, patterns in extra.items():
                    for pattern in patterns:
                        try:
                            validate(pattern)
                        except ValueError as exc:
                            raise self._error(("rules", rule_id, "phrases", lang, kind), str(exc)) from None

    def _error(self, key_path: tuple, message: str) -> ConfigError:
        for file in reversed(self.files):
            line = self._lines.get(file, {}).get(key_path)
            if line:
                return ConfigError(f"{file}:{line}: {'.'.join(map(str, key_path))}: {message}")
        return ConfigError(f"{self.files[-1]}: {message}")


def default_policy_path() -> Path:
    return Path(str(resources.files("deadlint") / "data" / "rules.yaml"))


def find_user_config(start: Path) -> Path | None:
    """.deadlint.yaml in ``start`` or the nearest parent that has one."""
    for directory in (start, *start.parents):
        candidate = directory / USER_CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def load_policy(user_file: Path | None = None) -> Policy:
    files = [default_policy_path()] + ([user_file] if user_file else [])
    merged: dict[str, Any] = {}
    all_lines: dict[str, Lines] = {}
    for file in files:
        data, lines = load_with_lines(file)
        if not isinstance(data, dict):
            raise ConfigError(f"{file}:1: the policy must be a mapping of keys")
        _validate(data, lines, str(file))
        merged = _merge(merged, data)
        all_lines[str(file)] = lines
        if merged.get("default_language") not in (merged.get("languages") or {}):
            line = lines.get(("default_language",), 1)
            raise ConfigError(f"{file}:{line}: default_language: {merged.get('default_language')!r} has no "
                              f"entry under languages (one of {', '.join(sorted(merged.get('languages') or {}))})")
    return _build(merged, [str(f) for f in files], all_lines)


def _merge(base: Any, over: Any) -> Any:
    if isinstance(base, dict) and isinstance(over, dict):
        return {**base, **{k: _merge(base.get(k), v) for k, v in over.items()}}
    return over


def _validate(data: dict[str, Any], lines: Lines, file: str) -> None:
    def fail(key_path: tuple, message: str) -> ConfigError:
        line = lines.get(key_path, lines.get(key_path[:-1], 1))
        return ConfigError(f"{file}:{line}: {'.'.join(map(str, key_path))}: {message}")

    for key, value in data.items():
        if key not in _TOP_LEVEL:
            raise fail((key,), f"unknown key (expected one of {', '.join(sorted(_TOP_LEVEL))})")
        if key in {"rules", "languages", "per_path_ignores", "sendmail"} and not isinstance(value, dict):
            raise fail((key,), "must be a mapping")
        if key in {"include", "exclude"} and not _is_str_list(value):
            raise fail((key,), "must be a list of glob strings")
    if "min_severity" in data and data["min_severity"] not in SEVERITIES:
        raise fail(("min_severity",), f"must be one of {', '.join(SEVERITIES)}")
    if "max_file_mb" in data and not (isinstance(data["max_file_mb"], (int, float)) and data["max_file_mb"] > 0):
        raise fail(("max_file_mb",), "must be a positive number")
    for glob, ids in (data.get("per_path_ignores") or {}).items():
        if not _is_str_list(ids):
            raise fail(("per_path_ignores", glob), "must be a list of rule ids")
    for rule_id, spec in (data.get("rules") or {}).items():
        if not isinstance(spec, dict):
            raise fail(("rules", rule_id), "must be a mapping (enabled, severity, phrases)")
        for key, value in spec.items():
            if key not in _RULE_KEYS:
                raise fail(("rules", rule_id, key), f"unknown key (expected one of {', '.join(sorted(_RULE_KEYS))})")
        if "severity" in spec and spec["severity"] not in SEVERITIES:
            raise fail(("rules", rule_id, "severity"), f"must be one of {', '.join(SEVERITIES)}")
        if "enabled" in spec and not isinstance(spec["enabled"], bool):
            raise fail(("rules", rule_id, "enabled"), "must be true or false")
        for lang, extra in (spec.get("phrases") or {}).items():
            if not isinstance(extra, dict) or not all(k in {"add", "ignore"} and _is_str_list(v) for k, v in extra.items()):
                raise fail(("rules", rule_id, "phrases", lang), "must be {add: [patterns], ignore: [patterns]}")
    for lang, spec in (data.get("languages") or {}).items():
        _validate_language(lang, spec, fail)
    for key, value in (data.get("sendmail") or {}).items():
        if key not in _SENDMAIL_KEYS:
            raise fail(("sendmail", key), f"unknown key (expected one of {', '.join(sorted(_SENDMAIL_KEYS))})")
        if not isinstance(value, _SENDMAIL_KEYS[key]) or (key == "min_severity" and value not in SEVERITIES):
            raise fail(("sendmail", key), "must be " + {"mta": "a path", "warn_only": "true or false",
                                                        "min_severity": f"one of {', '.join(SEVERITIES)}",
                                                        "blocked_dir": "a folder path"}[key])


def _validate_language(lang: str, spec: Any, fail) -> None:
    if not isinstance(spec, dict):
        raise fail(("languages", lang), "must be a mapping")
    for key, value in spec.items():
        where = ("languages", lang, key)
        if key not in _LANGUAGE_KEYS:
            raise fail(where, f"unknown key (expected one of {', '.join(sorted(_LANGUAGE_KEYS))})")
        if key == "timezone":
            try:
                ZoneInfo(str(value))
            except (ZoneInfoNotFoundError, ValueError):
                raise fail(where, f"unknown time zone {value!r}") from None
        elif key == "holidays" and not (isinstance(value, str) and re.fullmatch(r"[A-Z]{2}(-[A-Z0-9]+)?", value)):
            raise fail(where, "must be an ISO country code such as FI or SE")
        elif key == "holiday_categories" and not _is_str_list(value):
            raise fail(where, "must be a list such as [public, de_facto]")
        elif key == "business_hours" and not (isinstance(value, str) and _parse_hours(value)):
            raise fail(where, "must look like 08:00-16:00")
        elif key == "response_business_days" and not (isinstance(value, int) and 0 <= value <= 30):
            raise fail(where, "must be a whole number of business days, 0-30")
        elif key == "max_window_hours" and not (isinstance(value, (int, float)) and value > 0):
            raise fail(where, "must be a positive number of hours")


def _parse_hours(value: str) -> tuple[time, time] | None:
    match = _HOURS.match(value.strip())
    if not match:
        return None
    h1, m1, h2, m2 = map(int, match.groups())
    if not (h1 < 24 and h2 < 24 and m1 < 60 and m2 < 60 and (h1, m1) < (h2, m2)):
        return None
    return time(h1, m1), time(h2, m2)


def _is_str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _build(data: dict[str, Any], files: list[str], lines: dict[str, Lines]) -> Policy:
    languages = {}
    for lang, spec in data.get("languages", {}).items():
        start, end = _parse_hours(spec.get("business_hours", "08:00-16:00"))
        languages[lang] = LanguagePolicy(
            language=lang,
            timezone=spec.get("timezone", "UTC"),
            country=spec.get("holidays", "FI"),
            holiday_categories=tuple(spec.get("holiday_categories", ["public"])),
            business_start=start,
            business_end=end,
            response_business_days=spec.get("response_business_days", 1),
            max_window_hours=float(spec.get("max_window_hours", 2)),
        )
    return Policy(
        default_language=data.get("default_language", "en"),
        min_severity=data.get("min_severity", "warning"),
        max_file_mb=float(data.get("max_file_mb", 5)),
        include=tuple(data.get("include", [])),
        exclude=tuple(data.get("exclude", [])),
        per_path_ignores=dict(data.get("per_path_ignores", {})),
        rules={k: dict(v) for k, v in data.get("rules", {}).items()},
        languages=languages,
        sendmail=dict(data.get("sendmail") or {}),
        files=files,
        _lines=lines,
    )
