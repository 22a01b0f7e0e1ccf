"""Where a new main clause begins, for the rules that read a sentence clause by clause."""

from __future__ import annotations

import re

# Coordinating conjunctions: after a comma or dash they start a main clause of their own.
COORDINATORS = frozenset({"and", "but", "so", "or", "ja", "mutta", "joten", "tai", "sekä", "eli", "niin",
                          "och", "men", "så", "eller"})
# Subject pronouns: after a coordinator they start a main clause of their own ("…i går och
# det kommer fram …", "… and we will …", "… ja me ilmoitamme …").
SUBJECT_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "it", "they",
                              "minä", "mä", "me", "te", "hän", "he", "se", "ne",
                              "jag", "vi", "du", "ni", "han", "hon", "den", "det", "de", "dom"})
# Relative pronouns: after a comma they open a clause about a noun ("the discount, which
# you asked for,"), whose cues say nothing of the main clause.
RELATIVE_PRONOUNS = frozenset({"which", "who", "whom", "whose",
                               "joka", "jota", "jonka", "jotka", "joita", "joiden", "jossa", "josta", "johon",
                               "jolla", "jolle", "jolta", "mikä", "mitä", "minkä",
                               "som", "vilket", "vilken", "vilka"})
# The same in running text: a semicolon, or a comma or dash before a coordinator.
MAIN_CLAUSE_BREAK = re.compile(rf";|[,–—]\s+(?:{'|'.join(sorted(COORDINATORS))})\b", re.IGNORECASE)
