"""The corpus stage: what a document is and how it is read.

``documents`` (the schema), ``ingest`` (Markdown with front matter, JSON Lines, CSV), ``importers``
(Aides-territoires, CSV mappings), ``webimport`` (saved pages and the crawler) and ``check`` (the
freshness report of ``assistant corpus check``).
"""
