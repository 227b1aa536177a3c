"""The language stage: reading a French question, and the words and places it is read with.

The question reader: ``understand`` (needs and themes; the profile put together), ``person``
(who asks, the legal form planned, the stage), ``phrases`` (the vocabularies' expressions found
in a question, typos corrected), ``profile`` (what was understood: ``Profile``, ``Change``) and
``follow`` (what each turn of a conversation changes). Places: ``places`` (one reading of the
places a text names) over ``mentions`` (whether the words support a place, and what it is to the
person), ``placenames`` (the names places go by), ``quartiers`` (arrondissements and quartiers)
and ``territory`` (the official territories); ``zones`` (the FRR zoning). Words: ``vocab`` (the
controlled vocabularies), ``french`` (everyday words), ``text`` (folding, words, edit distance).

Nothing here imports another stage: the corpus schema, BM25 and the answer read their words and
territories from here.
"""
