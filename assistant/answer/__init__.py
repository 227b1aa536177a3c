"""The answer stage: what fits the person, said as an adviser would, every sentence cited."""

from .compose import ExtractiveComposer, question_kind
from .contacts import prepare_list
from .library import Library
from .model import Answer, Composer, ContactCard, Source
from .state import understood

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
