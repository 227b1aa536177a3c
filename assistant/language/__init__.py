"""The language stage: reading a French question, and the words and places it is read with.

``understand`` (the question reader: needs, audience, stage, themes, place, corrections) over
``places`` (places in French text) and ``territory`` (the official territories), ``zones`` (the
FRR zoning), ``vocab`` (the controlled vocabularies), ``french`` (everyday words) and ``text``
(folding, words, edit distance). Nothing here imports another stage: the corpus schema, BM25 and
the answer read their words and territories from here.
"""
