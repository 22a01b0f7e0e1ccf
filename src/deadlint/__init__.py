"""deadlint: flags vague promises in fi/sv/en drafts and suggests exact deadlines.

The flow is one direction, one package per stage:

    sources -> extract -> language -> nlp -> rules -> findings -> report

``deadlint.engine`` wires the stages together; ``deadlint.cli`` is the Click front end.
"""

__version__ = "0.1.0"
