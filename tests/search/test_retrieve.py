from datetime import date
from pathlib import Path

from assistant.config import HASH_MODEL
from assistant.engine import Engine
from assistant.search.retrieve import Filters

TODAY = date(2026, 2, 1)


def ids(hits):
    return [h.doc.id for h in hits]


def test_territory_containment(small_index: Path):
    engine = Engine(small_index, HASH_MODEL)
    tarare = ids(
        engine.search(
            "prêt d'honneur incubation mobilité garantie", Filters("COM:69243"), today=TODAY
        )
    )
    assert "pret-bretagne" not in tarare  # reserved to Ille-et-Vilaine
    assert {"incubateur-rhone", "appel-mobilite", "garantie-nationale"} <= set(tarare)
    rennes = ids(engine.search("prêt d'honneur", Filters("COM:35238"), today=TODAY))
    assert "pret-bretagne" in rennes and "incubateur-rhone" not in rennes


def test_kind_need_audience_status_filters(small_index: Path):
    engine = Engine(small_index, HASH_MODEL)
    q = "prêt garantie incubation mobilité"
    assert set(ids(engine.search(q, Filters(kinds=("call",)), today=TODAY))) == {
        "appel-mobilite",
        "garantie-nationale",
    }
    assert ids(engine.search(q, Filters(needs=("garantie",)), today=TODAY)) == [
        "garantie-nationale"
    ]
    assert "pret-bretagne" not in ids(
        engine.search(q, Filters(audiences=("association",)), today=TODAY)
    )
    open_now = ids(engine.search(q, Filters(statuses=("open",)), today=TODAY))
    assert open_now == ["appel-mobilite"]
    later = ids(engine.search(q, Filters(statuses=("closed",)), today=date(2026, 6, 1)))
    assert later == ["appel-mobilite"]


def test_modes_and_grouping(small_index: Path):
    engine = Engine(small_index, HASH_MODEL)
    for mode in ("bm25", "dense", "hybrid"):
        hits = engine.search("garage solidaire autopartage villages", mode=mode, today=TODAY)
        assert hits[0].doc.id == "appel-mobilite", mode
        assert len(set(ids(hits))) == len(hits)  # one entry per document
        assert hits[0].passages[0].chunk.doc_id == "appel-mobilite"


def test_status_from_dates(small_index: Path):
    doc = Engine(small_index, HASH_MODEL).index.documents["appel-mobilite"]
    assert doc.status(date(2025, 12, 1)) == "upcoming"
    assert doc.status(date(2026, 2, 1)) == "open"
    assert doc.status(date(2026, 4, 1)) == "closed"
    nat = Engine(small_index, HASH_MODEL).index.documents["garantie-nationale"]
    assert nat.status(date(2026, 4, 1)) == "permanent"


def test_excluded_territories():
    from assistant.corpus.documents import Document

    doc = Document(
        id="dep",
        kind="organisation",
        title="Département test",
        territories=["DEP:69"],
        excluded_territories=["EPCI:200046977"],
    )
    assert Filters("COM:69243").allows(doc, TODAY)  # Tarare
    assert not Filters("COM:69266").allows(doc, TODAY)  # Villeurbanne, in the Métropole
    assert not Filters("COM:69387").allows(doc, TODAY)  # Lyon 7e
    assert not Filters("DEP:38").allows(doc, TODAY)


def test_without_a_place_one_branch_per_network(tmp_path: Path):
    """Asked without a place, a network's branches do not fill the list: the best one keeps its
    rank, the others come after every other document; with a place, its branch is there."""
    from assistant.corpus.documents import Document
    from assistant.search.build import build_index
    from assistant.search.embed import get_embedder

    text = "La chambre régionale de l'économie sociale et solidaire représente l'ESS."
    branches = [
        Document(id=f"cress-{code}", kind="organisation", title=f"CRESS {code}", text=text,
                 territories=[f"REG:{code}"], network="cress")
        for code in ("84", "53", "52", "76")
    ]
    others = [
        Document(id="trouver-sa-cress", kind="guide", title="Trouver sa CRESS",
                 text=text + " Chaque région a la sienne.", territories=["FR"], network="cress"),
        Document(id="avise", kind="organisation", title="Avise",
                 text="L'Avise documente l'économie sociale et solidaire.", territories=["FR"]),
    ]
    build_index(branches + others, tmp_path / "idx", get_embedder(HASH_MODEL))
    engine = Engine(tmp_path / "idx", HASH_MODEL)
    q = "qui représente l'économie sociale et solidaire ?"
    ranked = ids(engine.search(q, today=TODAY))
    local = [i for i in ranked if i.startswith("cress-")]
    assert len(local) == 4  # none dropped
    first = ranked.index(local[0])
    assert ranked.index("avise") < ranked.index(local[1])  # the others after every other one
    assert ranked.index("trouver-sa-cress") < ranked.index(local[1])
    assert all(ranked.index(i) > first for i in local[1:])
    in_bretagne = ids(engine.search(q, Filters("COM:35238"), today=TODAY))
    assert "cress-53" in in_bretagne and "cress-84" not in in_bretagne


def _engine(tmp_path: Path, docs) -> Engine:
    from assistant.search.build import build_index
    from assistant.search.embed import get_embedder

    build_index(docs, tmp_path / "idx", get_embedder(HASH_MODEL))
    return Engine(tmp_path / "idx", HASH_MODEL)


def test_without_a_place_the_branch_kept_is_the_home_regions(tmp_path: Path):
    """Asked without a place, the branch that keeps the network's rank is the one of the region
    most of the corpus's local documents are in, even when another region's words are closer;
    the closer one goes after every other document."""
    from assistant.corpus.documents import Document

    q = "qui représente l'économie sociale et solidaire et les coopératives ?"
    docs = [
        Document(id="cress-53", kind="organisation", title="CRESS Bretagne",
                 text="La CRESS représente l'économie sociale et solidaire et les coopératives.",
                 territories=["REG:53"], network="cress"),
        Document(id="cress-84", kind="organisation", title="CRESS Auvergne-Rhône-Alpes",
                 text="La chambre régionale de l'ESS.", territories=["REG:84"], network="cress"),
        Document(id="avise", kind="organisation", title="Avise",
                 text="L'Avise documente l'économie sociale.", territories=["FR"]),
    ] + [
        Document(id=f"local-{d}", kind="organisation", title=f"Service ESS {d}",
                 text="Un service local pour les associations.", territories=[f"DEP:{d}"])
        for d in ("69", "38", "42")
    ]
    engine = _engine(tmp_path, docs)
    assert engine.retriever().home_region == "REG:84"
    plain = ids(engine.retriever().search(q, today=TODAY, k=20, gate=False))
    assert plain.index("cress-84") < plain.index("avise") < plain.index("cress-53")
    assert plain[-1] == "cress-53"  # after every other document


def test_advised_documents_are_lifted_not_let_through(tmp_path: Path):
    """What an adviser names whatever the words (the network's branch for the need) ranks
    higher than the same document not named; it never passes the place filter."""
    from assistant.corpus.documents import Document

    docs = [
        Document(id=f"doc-{i}", kind="organisation", title=f"Fonds {i}",
                 text=f"Le fonds {i} prête aux associations qui cherchent un prêt solidaire.",
                 territories=["FR"])
        for i in range(2)
    ] + [
        Document(id="france-active-aura", kind="organisation", title="France Active AURA",
                 text="Garantie et prêt pour les associations.", territories=["REG:84"],
                 network="france-active"),
    ]
    retriever = _engine(tmp_path, docs).retriever()
    q = "un prêt solidaire pour notre association"
    before = ids(retriever.search(q, today=TODAY, k=20, gate=False))
    after = ids(retriever.search(q, today=TODAY, k=20, gate=False,
                                 advised={"france-active-aura"}))
    assert before.index("france-active-aura") > 0
    assert after.index("france-active-aura") == 0
    elsewhere = ids(retriever.search(q, Filters("COM:35238"), today=TODAY, k=20, gate=False,
                                     advised={"france-active-aura"}))
    assert "france-active-aura" not in elsewhere


def test_advised_names_the_branch_for_the_place_and_the_kind_of_help(shipped_hash_index: Path):
    """A loan for an association in Lyon: France Active's branch covering Lyon; "le
    crowdfunding" named: the documents about crowdfunding."""
    from assistant.language.understand import understand

    engine = Engine(shipped_hash_index, HASH_MODEL)
    library = engine.retriever().library
    q = "Notre association lyonnaise cherche un prêt pour acheter un camion"
    advised = engine._advised(q, understand(q), library)
    assert "france-active-aura" in advised
    q2 = "Comment lancer un crowdfunding pour notre épicerie à Lyon ?"
    assert "guide-financement-participatif" in engine._advised(q2, understand(q2), library)


def test_the_card_adds_to_the_best_passage_for_ranking_only(tmp_path: Path):
    """Two documents with the same closest passage: the one whose card (title, summary) is
    also close ranks first; the relevance gate still reads the best passage alone."""
    from assistant.corpus.documents import Document

    body = "## Détail\n\nLe prêt solidaire finance le matériel des associations de quartier."
    docs = [
        Document(id="about", kind="call", title="Prêt solidaire pour associations",
                 summary="Un prêt solidaire pour le matériel des associations.", text=body,
                 territories=["FR"]),
        Document(id="aside", kind="call", title="Rapport annuel de la fondation",
                 summary="Les chiffres de l'année et la vie de la fondation.", text=body,
                 territories=["FR"]),
    ]
    retriever = _engine(tmp_path, docs).retriever()
    q = "prêt solidaire pour le matériel des associations"
    hits = retriever.search(q, today=TODAY, k=5, gate=False, mode="dense")
    assert ids(hits) == ["about", "aside"]
    best = {h.doc.id: h.dense for h in hits}
    assert best["about"] == max(p.dense for p in hits[0].passages)  # the gate's score
