"""Every token pattern the packs compile is one spaCy accepts.

The anchored matchers build their spaCy Matchers with ``validate=False``: on
text whose sentences were not met before, validating each pattern as it was
added cost about a tenth of a check. The compiler's output is validated here
instead, once, for every pattern of every pack.
"""

import pytest
from spacy.schemas import validate_token_pattern

from deadlint.config import load_policy
from deadlint.rules.registry import RuleSet, plugin_manager


@pytest.mark.parametrize("lang", ["en", "fi", "sv"])
def test_every_compiled_pattern_is_valid_for_spacy(lang):
    index = RuleSet(plugin_manager(), load_policy(None)).index(lang)
    problems = {pattern: errors for pattern, compiled in index._compiled.items()
                for alternative in compiled.tokens if (errors := validate_token_pattern(alternative))}
    assert len(index._compiled) > 100 and problems == {}


def test_an_invalid_token_pattern_is_reported():
    assert validate_token_pattern([{"LOWER": {"NOT_AN_OPERATOR": ["x"]}}])
