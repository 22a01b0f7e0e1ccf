"""Stage 3: which language each part of a draft is written in."""

from deadlint.language.detect import LANGUAGES, detect, split_by_language

__all__ = ["LANGUAGES", "detect", "split_by_language"]
