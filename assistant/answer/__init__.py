"""The answer stage: what fits the person, said as an adviser would, every sentence cited.

:mod:`.compose` builds the answer from its parts (what fits, the lead, the pistes, the contacts,
or the answer when nothing fits); :mod:`.asking` decides the question back; :mod:`.followup` and
:mod:`.first_contact` answer follow-ups from the conversation.
"""

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
