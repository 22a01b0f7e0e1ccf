"""deadlint-tone: one new phrase rule, with its phrases in English and Finnish.

deadlint calls the two hooks below: ``deadlint_rules`` says what the rule is
(its id, page and default severity), ``deadlint_phrases`` gives the words it
matches in each language, one YAML file per language beside this module.
"""

from pathlib import Path

from deadlint.plugin import PhraseData, PhraseRule, Rule, hookimpl, load_phrase_file

PACK = "deadlint-tone"
RULE_ID = "reproachful-reference"

DOC = """\
What: flags a reply that points the customer at an earlier message instead of
answering: "as per my last email", "as I already explained", "kuten jo
aiemmin kerroin".

Why: the customer asked again because the first answer did not help them;
being told so reads as a reproach, and the reply still does not help.

Example: "As per my last email, the invoice was sent on Monday."

Fix: answer the question again, plainly and in full: "The invoice was sent on
Monday 23 November to billing@example.com; I have attached a copy."
"""


@hookimpl
def deadlint_rules() -> list[Rule]:
    check = PhraseRule(RULE_ID, "“{match}” points at an earlier message instead of answering")
    return [Rule(id=RULE_ID, pack=PACK, summary="A reproachful pointer to an earlier message.", doc=DOC,
                 severity="warning", check=check, prefilter=check.may_fire)]


@hookimpl
def deadlint_phrases() -> list[PhraseData]:
    return [load_phrase_file(path, PACK) for path in sorted(Path(__file__).parent.glob("*.yaml"))]
