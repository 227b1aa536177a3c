"""Assistant for social entrepreneurs: cited answers from an indexed corpus, and handoffs.

The offline pipeline, one package a stage: ``corpus`` (documents and how they are read) ->
``language`` (the question reader, its vocabularies and gazetteer) -> ``search`` (chunks,
embeddings, the index, retrieval) -> ``answer`` (composition); ``evaluate`` measures them, and
``engine`` is the API that ties the stages together for the command line and the chat.

The service around it: ``db`` (the database), ``handoff`` (handoff requests and their e-mails),
``web`` (the chat and the staff pages) and ``cli`` (the ``assistant`` command); with ``config``,
``settings`` and ``errors`` shared by all.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
