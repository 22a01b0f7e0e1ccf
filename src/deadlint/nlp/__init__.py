"""Stage 4: spaCy docs for each language run of a draft."""

from deadlint.nlp.pipeline import Chunk, get_nlp, make_chunk

__all__ = ["Chunk", "get_nlp", "make_chunk"]
