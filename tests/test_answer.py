import re
from datetime import date
from pathlib import Path

from assistant.config import HASH_MODEL
from assistant.engine import Conversation, Engine

CITE = re.compile(r"\[(\d+)\]")


def claims(text: str) -> list[str]:
    """Lines that state something: everything but titles and the lead sentence."""
    out = []
    for line in text.split("\n\n")[1:]:
        for sub in line.split("\n"):
            if sub.startswith("**") and sub.rstrip().endswith(
                ("guide pratique", "financement", "accompagnement")
            ):
                continue
            # general advice on what to prepare is not a claim about a source
            if sub.strip() and not sub.strip().startswith(
                ("**À contacter", "**Appels clôturés", "**Pour affiner", "Conseil :")
            ):
                out.append(sub)
    return out


def test_every_claim_is_cited_and_sources_resolve(small_index: Path):
    engine = Engine(small_index, HASH_MODEL)
    ans = engine.ask(
        "Un incubateur dans le Rhône pour une association avec une idée", today=date(2026, 2, 1)
    )
    assert ans.found and ans.sources
    assert [s.n for s in ans.sources] == list(range(1, len(ans.sources) + 1))
    for line in claims(ans.answer):
        assert CITE.search(line), line
    cited = {int(n) for n in CITE.findall(ans.answer)}
    assert cited == {s.n for s in ans.sources}
    for s in ans.sources:
        doc = engine.index.documents[s.id]
        assert s.passage in doc.text or s.chunk_id.endswith("#0")
    assert ans.answer.splitlines()[0].startswith("Voici")
    assert ans.contacts and ans.contacts[0].url == "https://example.org/incubateur/contact"
    assert ans.contacts[0].prepare  # what to prepare before calling, shown under the card
    assert "Conseil : avant de les contacter, préparez" in ans.answer
    assert ans.profile.territory == "DEP:69"
    assert "pret-bretagne" not in {s.id for s in ans.sources}


def test_closed_call_is_never_shown_as_open(small_index: Path):
    engine = Engine(small_index, HASH_MODEL)
    ans = engine.ask("subvention garage solidaire autopartage à Tarare", today=date(2026, 6, 1))
    closed = [s for s in ans.sources if s.id == "appel-mobilite"]
    assert closed and closed[0].status == "closed"
    assert "**Appels clôturés**" in ans.answer
    assert "clôturé** depuis le 31 mars 2026" in ans.answer
    soon = engine.ask("subvention garage solidaire autopartage à Tarare", today=date(2026, 3, 20))
    assert "plus que 11 jour(s)" in soon.answer


def test_asks_back_when_the_place_is_missing(small_index: Path):
    ans = Engine(small_index, HASH_MODEL).ask("Je cherche une garantie pour un prêt bancaire")
    assert ans.clarification and "Où se situe votre projet" in ans.clarification
    assert "**Pour affiner :**" in ans.answer


def test_conversation_carries_the_profile(small_index: Path):
    engine = Engine(small_index, HASH_MODEL)
    conv = Conversation()
    engine.ask(
        "Notre association de mobilité à Tarare cherche de l'aide", conv, today=date(2026, 2, 1)
    )
    second = engine.ask("et pour un incubateur ?", conv, today=date(2026, 2, 1))
    assert second.profile.territory == "COM:69243"
    assert second.profile.audience == "association"
    assert len(conv.turns) == 2
    conv.reset()
    assert conv.profile is None


def test_outside_france_gets_a_statement_not_an_answer(small_index: Path):
    ans = Engine(small_index, HASH_MODEL).ask("Je veux créer une association à Bruxelles")
    assert not ans.sources
    assert "Bruxelles n'en fait pas partie" in ans.clarification


def test_a_short_reply_answers_the_question_back(small_index: Path):
    engine = Engine(small_index, HASH_MODEL)
    conv = Conversation()
    first = engine.ask("Je cherche un incubateur pour mon idée", conv, today=date(2026, 2, 1))
    assert "Où se situe votre projet" in first.clarification
    second = engine.ask("Tarare", conv, today=date(2026, 2, 1))
    assert second.profile.territory == "COM:69243"
    assert second.profile.needs == ("incubation",)
    assert second.clarification is None
    assert second.sources[0].id == "incubateur-rhone"


def test_ambiguous_place_is_asked_with_departments(small_index: Path):
    ans = Engine(small_index, HASH_MODEL).ask("Un incubateur à Valence ?")
    assert ans.clarification.startswith("Plusieurs lieux portent ce nom")
    assert "Valence (26)" in ans.clarification and "Valence (82)" in ans.clarification


def test_zone_reserved_aid_states_the_official_definition_and_asks(small_corpus, tmp_path):
    from assistant.embed import HashEmbedder
    from assistant.index import build_index
    from assistant.ingest import load_corpus

    path = small_corpus / "calls" / "garantie-nationale.md"
    path.write_text(
        path.read_text().replace("recurrence: ongoing", "recurrence: ongoing\nzones: [qpv]")
    )
    out = tmp_path / "z"
    build_index(load_corpus(small_corpus).documents, out, HashEmbedder())
    engine = Engine(out, HASH_MODEL)
    ans = engine.ask("garantie de prêt bancaire pour entreprise sociale à Villeurbanne")
    assert ans.sources[0].id == "garantie-nationale"
    assert "quartiers prioritaires de la politique de la ville" in ans.answer
    assert "décret" in ans.answer and "sig.ville.gouv.fr" in ans.answer
    assert ans.clarification.startswith("Votre projet est-il situé dans un quartier prioritaire")
    said = engine.ask(
        "garantie de prêt pour entreprise sociale en quartier prioritaire à Villeurbanne"
    )
    assert said.clarification is None


def test_reply_choices_for_the_chat(small_index: Path):
    from assistant.ui.render import reply_choices

    engine = Engine(small_index, HASH_MODEL)
    assert reply_choices(engine.ask("Un incubateur à Valence ?")) == [
        "Valence (26)",
        "Valence (82)",
    ]
    assert reply_choices(engine.ask("Une garantie pour mon prêt")) == ["Partout en France"]
    assert reply_choices(engine.ask("incubateur à Tarare")) == []


def test_a_region_wide_answer_offers_its_departments(small_index: Path):
    from assistant.engine import Conversation
    from assistant.ui.render import refine_choices

    engine = Engine(small_index, HASH_MODEL)
    conv = Conversation()
    region = engine.ask("Un incubateur pour mon association en Auvergne-Rhône-Alpes", conv)
    assert region.profile.territory == "REG:84" and region.found
    # a department's own organisations do not apply to the whole region: not cited yet
    assert "incubateur-rhone" not in {s.id for s in region.sources}
    choices = refine_choices(region)
    assert len(choices) == 12 and choices[0] == "Ain (01)" and "Rhône (69)" in choices
    narrowed = engine.ask("Rhône (69)", conv)  # the button's text, sent as the reply
    assert narrowed.profile.territory == "DEP:69" and narrowed.profile.needs
    assert narrowed.sources[0].id == "incubateur-rhone"
    assert refine_choices(narrowed) == []
    # nothing to refine: a department, a one-department region, a question back
    assert refine_choices(engine.ask("Un incubateur en Martinique")) == []
    assert refine_choices(engine.ask("Un incubateur à Valence ?")) == []


def test_an_unsettled_place_still_excludes_what_applies_to_neither(small_index: Path):
    ans = Engine(small_index, HASH_MODEL).ask("Un prêt d'honneur ou un incubateur à Valence ?")
    assert ans.profile.territory is None and len(ans.profile.territory_candidates) == 2
    ids = {s.id for s in ans.sources}
    assert "pret-bretagne" not in ids  # Ille-et-Vilaine only
    assert "garantie-nationale" in ids  # national: applies to either Valence
    assert "incubateur-rhone" not in ids and "appel-mobilite" in ids  # Rhône no; region yes (26)


def test_what_to_prepare_names_each_thing_once():
    from assistant.answer import prepare_list
    from assistant.documents import Document

    incubator = Document(id="incub", kind="organisation", title="Incubateur",
                         needs=["incubation", "accompagnement", "formation"])
    assert prepare_list(incubator) == (
        "une présentation du projet en quelques lignes : besoin social, public, territoire",
        "l'état d'avancement du projet, votre disponibilité pour un programme et ce qui vous "
        "bloque aujourd'hui",
    )
    contest = Document(id="prix", kind="call", title="Prix test", needs=["prix", "subvention"],
                       metadata={"prepare": "le dossier de candidature en ligne"})
    assert prepare_list(contest) == (
        "le dossier de candidature en ligne",
        "le règlement de l'appel, sa date limite et les pièces demandées",
        "une présentation du projet en quelques lignes : besoin social, public, territoire",
    )
    lender = Document(id="pret", kind="organisation", title="Prêteur",
                      needs=["pret", "pret_honneur", "garantie"])
    assert prepare_list(lender)[1] == (
        "le plan de financement, le montant recherché et le nom de votre banque"
    )
