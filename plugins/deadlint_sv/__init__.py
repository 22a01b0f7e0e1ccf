"""deadlint-sv: Swedish phrase data (phrases.yaml beside this file) for deadlint's phrase rules."""

from deadlint.plugin import phrase_pack_hook

deadlint_phrases = phrase_pack_hook(__file__, "deadlint-sv")
