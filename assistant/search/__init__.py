"""The search stage: from documents to an index, and from a question to passages.

``chunk`` (passages that follow the Markdown), ``convert`` and ``embed`` (the embedding model),
``lexical`` (French analysis for BM25), ``index`` (the versioned index folder, read) and
``build`` (a new version written), ``retrieve`` (hybrid BM25 + dense retrieval with filters).
"""
