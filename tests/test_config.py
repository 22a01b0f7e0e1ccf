"""The policy: rules.yaml with a user file merged over it, and one-line errors naming file, line and key."""

from __future__ import annotations

from datetime import time

import pytest
from click.testing import CliRunner

from clirun import check_json, run, write
from deadlint.cli import main
from deadlint.config import ConfigError, find_user_config, load_policy




@pytest.fixture(scope="module")
def defaults():
    return load_policy(None)


def test_defaults_come_from_the_packaged_rules_yaml(defaults):
    assert defaults.default_language == "en"
    assert defaults.min_severity == "warning"
    assert defaults.max_file_mb == 5
    assert (defaults.include, defaults.exclude, defaults.per_path_ignores) == ((), (), {})
    fi, sv = defaults.languages["fi"], defaults.languages["sv"]
    assert (fi.timezone, fi.country, fi.holiday_categories) == ("Europe/Helsinki", "FI", ("public",))
    assert (sv.timezone, sv.country, sv.holiday_categories) == ("Europe/Stockholm", "SE", ("public", "de_facto"))
    assert (fi.business_start, fi.business_end) == (time(8), time(16))
    assert fi.response_business_days == 1 and fi.max_window_hours == 2
    assert defaults.severity("vague-deadline", "info") == "warning"
    assert len(defaults.files) == 1 and defaults.files[0].endswith("rules.yaml")


def test_user_file_merges_over_defaults(tmp_path, defaults):
    user = write(tmp_path / "policy.yaml", """\
min_severity: info
rules:
  overpromise: {severity: error}
  hedged-commitment: {enabled: false}
languages:
  sv:
    business_hours: "09:00-17:00"
    holiday_categories: [public]
""")
    policy = load_policy(user)
    assert policy.files[-1] == str(user)
    assert policy.min_severity == "info"
    # Mappings merge key by key: untouched rules and keys stay.
    assert policy.severity("overpromise", "warning") == "error"
    assert policy.severity("vague-deadline", "info") == "warning"
    assert not policy.rule_enabled("hedged-commitment") and policy.rule_enabled("overpromise")
    assert set(policy.rules) == set(defaults.rules)
    sv = policy.languages["sv"]
    assert (sv.business_start, sv.business_end) == (time(9), time(17))
    assert sv.timezone == "Europe/Stockholm" and sv.country == "SE"  # kept from the defaults
    # Lists replace, they do not append.
    assert sv.holiday_categories == ("public",)
    assert policy.languages["fi"] == defaults.languages["fi"]


def test_lists_replace_include_exclude_and_ignores(tmp_path):
    user = write(tmp_path / "policy.yaml", """\
include: ["*.md"]
exclude: ["drafts/old/*"]
per_path_ignores:
  "legacy/*": [overpromise]
""")
    policy = load_policy(user)
    assert policy.include == ("*.md",) and policy.exclude == ("drafts/old/*",)
    assert policy.per_path_ignores == {"legacy/*": ["overpromise"]}
    again = write(tmp_path / "again.yaml", "include: []\n")
    assert load_policy(again).include == ()


def test_empty_user_file_is_the_defaults(tmp_path, defaults):
    policy = load_policy(write(tmp_path / "empty.yaml", "# nothing yet\n"))
    assert policy.rules == defaults.rules and policy.languages == defaults.languages


def test_find_user_config_walks_up(tmp_path):
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_user_config(deep) is None or not str(find_user_config(deep)).startswith(str(tmp_path))
    config = write(tmp_path / ".deadlint.yaml", "min_severity: error\n")
    assert find_user_config(deep) == config
    nearer = write(tmp_path / "a" / ".deadlint.yaml", "min_severity: info\n")
    assert find_user_config(deep) == nearer


ERRORS = [
    ("colour: always\n", ":1: colour: unknown key"),
    ("min_severity: loud\n", ":1: min_severity: must be one of info, warning, error"),
    ("max_file_mb: 0\n", ":1: max_file_mb: must be a positive number"),
    ("include: '*.md'\n", ":1: include: must be a list of glob strings"),
    ("rules: [vague-deadline]\n", ":1: rules: must be a mapping"),
    ("rules:\n  overpromise:\n    severity: loud\n", ":3: rules.overpromise.severity: must be one of"),
    ("rules:\n  overpromise:\n    enabled: 'no'\n", ":3: rules.overpromise.enabled: must be true or false"),
    ("rules:\n  overpromise:\n    level: error\n", ":3: rules.overpromise.level: unknown key"),
    ("rules:\n  overpromise: loud\n", ":2: rules.overpromise: must be a mapping"),
    ("rules:\n  vague-deadline:\n    phrases:\n      en: {add: 'by and by'}\n",
     ":4: rules.vague-deadline.phrases.en: must be {add: [patterns], ignore: [patterns]}"),
    ("languages:\n  fi:\n    timezone: Europe/Tampere\n", ":3: languages.fi.timezone: unknown time zone 'Europe/Tampere'"),
    ("languages:\n  fi:\n    business_hours: '16:00-08:00'\n", ":3: languages.fi.business_hours: must look like"),
    ("languages:\n  fi:\n    holidays: Finland\n", ":3: languages.fi.holidays: must be an ISO country code"),
    ("languages:\n  sv:\n    response_business_days: 45\n", ":3: languages.sv.response_business_days: must be"),
    ("languages:\n  en:\n    max_window_hours: -1\n", ":3: languages.en.max_window_hours: must be a positive"),
    ("languages:\n  en:\n    weekend: [sat, sun]\n", ":3: languages.en.weekend: unknown key"),
    ("per_path_ignores:\n  '*.md': overpromise\n", ":2: per_path_ignores.*.md: must be a list of rule ids"),
    ("min_severity: warning\nrules: {a: [1, 2}\n", ":2: invalid YAML"),
]


@pytest.mark.parametrize(("content", "expected"), ERRORS, ids=[e[1].split(":")[2].strip() + "-" + str(i)
                                                               for i, e in enumerate(ERRORS)])
def test_errors_carry_file_line_and_key_path(tmp_path, content, expected):
    user = write(tmp_path / "policy.yaml", content)
    with pytest.raises(ConfigError) as caught:
        load_policy(user)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{user}{expected}"), message


def test_unknown_rule_id_names_the_line_of_the_id(tmp_path, ruleset):
    user = write(tmp_path / "policy.yaml", """\
# our team's policy
rules:
  overpromise:
    severity: error
  no-such-rule:

    enabled: false
""")
    policy = load_policy(user)  # the schema is fine; only the rule set knows the ids
    with pytest.raises(ConfigError) as caught:
        policy.check_rule_ids(set(ruleset.rules))
    assert str(caught.value) == f"{user}:5: rules.no-such-rule: unknown rule id 'no-such-rule'"


def test_unknown_top_level_key_with_a_block_value_names_its_own_line(tmp_path):
    user = write(tmp_path / "policy.yaml", "min_severity: warning\ncolour:\n  mode: always\n")
    with pytest.raises(ConfigError) as caught:
        load_policy(user)
    assert str(caught.value).startswith(f"{user}:2: colour: unknown key")


def test_unknown_rule_id_in_per_path_ignores(tmp_path, ruleset):
    user = write(tmp_path / "policy.yaml", "per_path_ignores:\n  'legacy/*': [overpromise, bogus]\n")
    with pytest.raises(ConfigError) as caught:
        load_policy(user).check_rule_ids(set(ruleset.rules))
    assert str(caught.value) == f"{user}:2: per_path_ignores.legacy/*: unknown rule id 'bogus'"


# --- through the CLI ----------------------------------------------------------------------------------

PHRASES = """\
rules:
  vague-deadline:
    phrases:
      en: {add: ["by and by"], ignore: ["soon enough"]}
"""



def test_phrase_overrides_per_language_through_the_cli(tmp_path):
    config = write(tmp_path / "policy.yaml", PHRASES)
    draft = write(tmp_path / "d.txt", "We will fix it by and by.\nWe will fix it soon enough.\nWe will fix it soon.\n")
    _, report, _ = check_json(draft)
    assert [(f["line"], f["match"]) for f in report["findings"]] == [(2, "soon"), (3, "soon")]
    code, report, err = check_json("--config", config, draft)
    assert code == 1 and err == ""
    assert [(f["line"], f["rule"], f["match"]) for f in report["findings"]] == [
        (1, "vague-deadline", "by and by"), (3, "vague-deadline", "soon")]


def test_a_regex_the_matcher_cannot_run_is_a_one_line_config_error(tmp_path):
    # Wrapped as the Matcher runs it ("^(?:...)$"), inline flags mid-pattern fail.
    config = write(tmp_path / "policy.yaml", "rules:\n  vague-deadline:\n    phrases:\n      en: {add: ['/(?i)soon/']}\n")
    draft = write(tmp_path / "d.txt", "We will fix it ASAP.\n")
    code, _, err = run("--config", config, draft)
    assert code == 2 and "Traceback" not in err
    assert "rules.vague-deadline.phrases.en.add: pattern '/(?i)soon/': bad regular expression" in err


def test_phrase_overrides_are_per_language(tmp_path):
    config = write(tmp_path / "policy.yaml", PHRASES + "      fi: {add: [joskus]}\n")
    draft = write(tmp_path / "d.txt", "Korjaamme vian joskus ensi vuonna, kiitos.\n")
    _, report, _ = check_json(draft)
    assert report["findings"] == []
    _, report, _ = check_json("--config", config, draft)
    assert [(f["rule"], f["match"], f["language"]) for f in report["findings"]] == [("vague-deadline", "joskus", "fi")]
    # The English additions do not leak into Swedish.
    sv = write(tmp_path / "sv.txt", "Vi fixar det by and by, tack.\n")
    _, report, _ = check_json("--config", config, "--lang", "sv", sv)
    assert report["findings"] == []


def test_severity_and_enabled_through_the_cli(tmp_path):
    config = write(tmp_path / "policy.yaml", "rules:\n  overpromise: {severity: error}\n"
                                             "  vague-deadline: {enabled: false}\n")
    draft = write(tmp_path / "d.txt", "We will fix it ASAP. It is guaranteed.\n")
    code, report, _ = check_json("--config", config, draft)
    assert code == 1
    assert [(f["rule"], f["severity"]) for f in report["findings"]] == [("overpromise", "error")]
    code, report, _ = check_json("--config", config, "--min-severity", "error", draft)
    assert [f["rule"] for f in report["findings"]] == ["overpromise"]


def test_rules_command_shows_disabled_and_severity_from_config(tmp_path):
    config = write(tmp_path / "policy.yaml", "rules:\n  overpromise: {severity: error, enabled: false}\n")
    result = CliRunner().invoke(main, ["rules", "--config", str(config)])
    assert result.exit_code == 0
    (line,) = [line for line in result.stdout.splitlines() if line.startswith("overpromise")]
    assert " error " in line and line.endswith("(disabled)")


def test_language_calendar_from_config_changes_suggestions(tmp_path):
    config = write(tmp_path / "policy.yaml", "languages:\n  en:\n    response_business_days: 2\n")
    draft = write(tmp_path / "d.txt", "We will fix it ASAP.\n")
    _, report, _ = check_json(draft)
    assert report["findings"][0]["suggestion"] == "by Monday 23 November, 12:00"
    _, report, _ = check_json("--config", config, draft)
    assert report["findings"][0]["suggestion"] == "by Tuesday 24 November, 12:00"


def test_config_found_in_current_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / ".deadlint.yaml", PHRASES)
    write(tmp_path / "d.txt", "We will fix it by and by.\n")
    _, report, _ = check_json("d.txt")
    assert [f["match"] for f in report["findings"]] == ["by and by"]
    # --config wins over the file found in the directory.
    other = write(tmp_path / "other.yaml", "min_severity: error\n")
    code, report, _ = check_json("--config", other, "d.txt")
    assert (code, report["findings"]) == (0, [])
