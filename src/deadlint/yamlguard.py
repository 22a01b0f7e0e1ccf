"""Refuse YAML that would take minutes or gigabytes to load, before anything is built.

A "billion laughs" file is a few hundred bytes of anchors and aliases that
expand to 10^9 nodes: every walk over the loaded data (the config's line
table, an export's records) visits them all. Nesting tens of thousands deep
breaks the recursive composer. Both are checked on the event stream, which
is read in a loop and counts each alias as the nodes it stands for.
"""

from __future__ import annotations

import yaml

# A real config or export aliases a few defaults, nothing near these.
MAX_ALIAS_NODES = 10_000
MAX_DEPTH = 100
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class HostileYAML(ValueError):
    """Refused before loading; ``line`` is 1-based."""

    def __init__(self, problem: str, line: int):
        super().__init__(problem)
        self.problem, self.line = problem, line


def check_expansion(text: str) -> None:
    """HostileYAML if the aliases in ``text`` expand to more than MAX_ALIAS_NODES
    nodes, or it nests deeper than MAX_DEPTH; yaml.YAMLError if it does not parse."""
    expanded: dict[str, int] = {}  # anchor -> nodes its value holds, aliases counted in full
    open_collections: list[list] = []  # [anchor, nodes so far] per collection not yet closed
    added = 0
    for event in yaml.parse(text, Loader=LOADER):
        if isinstance(event, yaml.CollectionStartEvent):
            open_collections.append([event.anchor, 1])
            if len(open_collections) > MAX_DEPTH:
                raise HostileYAML(f"nested deeper than {MAX_DEPTH} levels", event.start_mark.line + 1)
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            anchor, nodes = open_collections.pop()
        elif isinstance(event, yaml.AliasEvent):
            anchor, nodes = None, expanded.get(event.anchor, 1)
            added += nodes
            if added > MAX_ALIAS_NODES:
                raise HostileYAML(f"aliases expand to more than {MAX_ALIAS_NODES:,} nodes (a \"billion laughs\")",
                                  event.start_mark.line + 1)
        elif isinstance(event, yaml.ScalarEvent):
            anchor, nodes = event.anchor, 1
        else:
            continue
        if anchor:
            expanded[anchor] = nodes
        if open_collections:
            open_collections[-1][1] += nodes
