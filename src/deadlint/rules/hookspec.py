"""Hook specifications for deadlint plugins.

A plugin is any module or object with functions named like these hooks and
marked with ``deadlint.rules.hookimpl``. Packs are found through the
``deadlint`` entry-point group, so ``pip install deadlint-xx`` is all a user
does to add one. Modelled on pytest's hookspec.py: few hooks, each documented.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from deadlint.findings import Finding
    from deadlint.rules.model import PhraseData, Rule

hookspec = pluggy.HookspecMarker("deadlint")


@hookspec
def deadlint_rules() -> list[Rule]:
    """Register rules.

    Return the rules this plugin defines (id, docs, default severity and the
    ``check`` that produces findings). Every plugin's lists are concatenated;
    two rules with one id are a load error naming both packs.
    """


@hookspec
def deadlint_phrases() -> list[PhraseData]:
    """Add phrase data for one or more languages.

    Return parsed YAML phrase data (see plugins/deadlint_en/phrases.yaml for
    the format): the phrases each phrase rule matches in a language, the
    look-alike contexts that silence them, the cue words rules consult and
    the per-rule ``flag:``/``ok:`` examples the test suite runs. Data for a
    language may come from several plugins; lists are joined.
    """


@hookspec
def deadlint_adjust_findings(findings: list[Finding], text: str, language: str) -> None:
    """Post-process the findings of one language run of one draft, in place.

    Called after every rule has run on a chunk of ``text`` in ``language``.
    Remove findings a pack knows to be wrong, or change their severity or
    suggestion. Called for every plugin; order follows pluggy's rules.
    """
