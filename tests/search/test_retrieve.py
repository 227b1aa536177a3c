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
