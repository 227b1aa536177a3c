"""The answer stage: what fits the person, said as an adviser would, every sentence cited."""

from .compose import ExtractiveComposer, prepare_list, question_kind, understood
from .library import Library
from .model import Answer, Composer, ContactCard, Source

__all__ = [
    "Answer",
    "Composer",
    "ContactCard",
    "ExtractiveComposer",
    "Library",
    "Source",
    "prepare_list",
    "question_kind",
    "understood",
]
