"""Where a new main clause begins, for the rules that read a sentence clause by clause."""

from __future__ import annotations

import re

# Coordinating conjunctions: after a comma or dash they start a main clause of their own.
COORDINATORS = frozenset({"and", "but", "so", "or", "ja", "mutta", "joten", "tai", "sekä", "eli", "niin",
                          "och", "men", "så", "eller"})
# Relative pronouns: after a comma they open a clause about a noun ("the discount, which
# you asked for,"), whose cues say nothing of the main clause.
RELATIVE_PRONOUNS = frozenset({"which", "who", "whom", "whose",
                               "joka", "jota", "jonka", "jotka", "joita", "joiden", "jossa", "josta", "johon",
                               "jolla", "jolle", "jolta", "mikä", "mitä", "minkä",
                               "som", "vilket", "vilken", "vilka"})
# The same in running text: a semicolon, or a comma or dash before a coordinator.
MAIN_CLAUSE_BREAK = re.compile(rf";|[,–—]\s+(?:{'|'.join(sorted(COORDINATORS))})\b", re.IGNORECASE)
