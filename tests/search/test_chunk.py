from assistant.config import ChunkSettings
from assistant.corpus.documents import Document
from assistant.search.chunk import chunk_document

BODY = (
    "## Pour qui\n"
    + "Les associations du Rhône. " * 5
    + "\n\n## Montants\n### Prêt\n"
    + ("Un prêt à taux zéro de 5 000 euros. " * 40)
)


def test_chunks_follow_headings_and_point_back_to_the_text():
    doc = Document(id="d", kind="guide", title="Guide test", summary="Résumé.", text=BODY)
    chunks = chunk_document(doc, ChunkSettings(size=300, overlap=50))
    assert chunks[0].n == 0 and "Guide test" in chunks[0].text  # the card
    assert chunks[1].headings == ("Pour qui",)
    deep = [c for c in chunks if c.headings == ("Montants", "Prêt")]
    assert len(deep) >= 3  # long section split by size
    for c in chunks[1:]:
        assert c.id == f"d#{c.n}"
        assert len(c.text) <= 300
        assert doc.text[c.start : c.end] == c.text
    assert "Montants > Prêt" in deep[0].embed_text(doc.title)
