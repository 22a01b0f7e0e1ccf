"""Stage 2: keep only the text the sender is writing now, with offsets intact.

Everything that is not authored prose (quoted history, signatures, code,
template placeholders, URLs, markup) is blanked out with spaces rather than cut,
so every character offset in ``Authored.text`` is the same offset in the
source text. Newlines are kept, so line numbers stay true as well.
"""

from deadlint.extract.authored import Authored, extract

__all__ = ["Authored", "extract"]
