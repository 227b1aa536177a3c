"""The answer stage (issue 10): only what fits, the lead answers the question as asked, whole
cited sentences, contacts that can act for the place, thin coverage said, calls in time."""

import re
from datetime import date
from pathlib import Path

import pytest

from assistant.config import HASH_MODEL
from assistant.corpus.ingest import load_corpus
from assistant.engine import Conversation, Engine
from assistant.evaluate.judge import cited_statements, is_cut, markers_in_order
from assistant.search.build import build_index
from assistant.search.embed import HashEmbedder

CITE = re.compile(r"\[(\d+)\]")
TODAY = date(2026, 2, 1)


@pytest.fixture(autouse=True)
def _small_corpus_coverage(monkeypatch):
    """The four test documents: a place with two local documents is covered, one is thin."""
    monkeypatch.setattr("assistant.answer.library.THIN", 2)


def _rebuild(corpus: Path, out: Path) -> Engine:
    build_index(load_corpus(corpus).documents, out, HashEmbedder())
    return Engine(out, HASH_MODEL)


def _add(corpus: Path, folder: str, text: str) -> None:
    doc_id = re.search(r"^id: (\S+)", text, re.M).group(1)
    (corpus / folder).mkdir(exist_ok=True)
    (corpus / folder / f"{doc_id}.md").write_text(text, encoding="utf-8")


def test_every_statement_is_cited_whole_and_sources_resolve(small_index: Path):
    engine = Engine(small_index, HASH_MODEL)
    ans = engine.ask("Un incubateur dans le Rhône pour une association avec une idée", today=TODAY)
    assert ans.found and ans.sources
    assert [s.n for s in ans.sources] == list(range(1, len(ans.sources) + 1))
    cited = {int(n) for n in CITE.findall(ans.answer)}
    assert cited == {s.n for s in ans.sources}
    for s in ans.sources:
        doc = engine.index.documents[s.id]
        assert s.passage in doc.text or s.chunk_id.endswith("#0")
    statements = cited_statements(ans.answer)
    assert statements and not [s for s in statements if is_cut(s)]
    # the lead says where to start, for the person's stage, and what was understood
    lead = ans.answer.split("\n\n")[0]
    assert lead.startswith("À votre place, je commencerais par Incubateur test")
    assert "stade : idée" in lead
    assert "_J'ai compris : Rhône (69)" in lead
    assert ans.contacts and ans.contacts[0].url == "https://example.org/incubateur/contact"
    assert ans.answer.count("Conseil : avant de les contacter, préparez") == 1
    assert "pret-bretagne" not in {s.id for s in ans.sources}


def test_a_piste_needs_a_reason_not_surface_words(small_index: Path):
    engine = Engine(small_index, HASH_MODEL)
    # a mobility call for associations is no piste for an incubation question...
    ans = engine.ask("Un incubateur dans le Rhône pour une association", today=TODAY)
    assert "appel-mobilite" not in {s.id for s in ans.sources}
    # ...nor for a food project that asks for a grant: it is reserved to mobility
    food = engine.ask("une subvention pour notre épicerie solidaire associative à Tarare",
                      today=TODAY)
    assert "appel-mobilite" not in {s.id for s in food.sources}
    # and an incubator for idea-stage projects does not fit a structure that grows
    grows = engine.ask(
        "Notre association de Tarare veut embaucher et développer son activité, un "
        "accompagnement ?", today=TODAY,
    )
    assert "incubateur-rhone" not in {s.id for s in grows.sources}


def test_why_it_fits_and_what_to_check_are_said(small_index: Path):
    ans = Engine(small_index, HASH_MODEL).ask(
        "subvention pour la mobilité rurale de notre association à Tarare", today=TODAY
    )
    assert ans.pistes and ans.pistes[0]["id"] == "appel-mobilite"
    assert "Pour vous : association" in ans.answer and "mobilité" in ans.answer


def test_a_closed_annual_call_says_when_it_comes_back(small_index: Path):
    engine = Engine(small_index, HASH_MODEL)
    q = "subvention pour la mobilité rurale de notre association à Tarare"
    ans = engine.ask(q, today=date(2026, 6, 1))
    assert "**Appels qui reviennent**" in ans.answer
    assert "prochaine édition attendue (ouverture vers janvier 2027) d'après les éditions " \
        "passées (2026)" in ans.answer
    assert "depuis" not in ans.answer
    soon = engine.ask(q, today=date(2026, 3, 20))
    assert "plus que 11 jour(s)" in soon.answer


def test_a_one_off_call_closed_is_not_shown(small_corpus, tmp_path):
    path = small_corpus / "calls" / "appel-mobilite.md"
    path.write_text(path.read_text().replace("recurrence: annual", "recurrence: one_off"))
    engine = _rebuild(small_corpus, tmp_path / "i")
    ans = engine.ask("subvention pour la mobilité rurale de notre association à Tarare",
                     today=date(2027, 6, 1))
    assert "appel-mobilite" not in {s.id for s in ans.sources}


def test_without_usual_window_the_last_edition_gives_the_month(small_corpus, tmp_path):
    path = small_corpus / "calls" / "appel-mobilite.md"
    path.write_text(path.read_text().replace(
        "usual_window: {opens: 1, closes: 3, seen: [2026]}\n", ""
    ))
    engine = _rebuild(small_corpus, tmp_path / "i")
    ans = engine.ask("subvention pour la mobilité rurale de notre association à Tarare",
                     today=date(2026, 6, 1))
    assert "(clôture vers mars 2027) d'après l'édition 2026" in ans.answer


def test_asks_back_when_the_place_is_missing(small_index: Path):
    ans = Engine(small_index, HASH_MODEL).ask("Je cherche une garantie pour un prêt bancaire")
    assert ans.clarification and "Où se situe votre projet" in ans.clarification
    assert "**Pour affiner :**" in ans.answer


def test_conversation_carries_the_profile(small_index: Path):
    engine = Engine(small_index, HASH_MODEL)
    conv = Conversation()
    engine.ask("Notre association de mobilité à Tarare cherche de l'aide", conv, today=TODAY)
    second = engine.ask("et pour un incubateur ?", conv, today=TODAY)
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
    first = engine.ask("Je cherche un incubateur pour mon idée", conv, today=TODAY)
    assert "Où se situe votre projet" in first.clarification
    second = engine.ask("Tarare", conv, today=TODAY)
    assert second.profile.territory == "COM:69243"
    assert second.profile.needs == ("incubation",)
    assert second.clarification is None
    assert second.pistes[0]["id"] == "incubateur-rhone"


def test_ambiguous_place_is_asked_with_departments(small_index: Path):
    ans = Engine(small_index, HASH_MODEL).ask("Un incubateur à Valence ?")
    assert ans.clarification.startswith("Plusieurs lieux portent ce nom")
    assert "Valence (26)" in ans.clarification and "Valence (82)" in ans.clarification


def test_zone_reserved_aid_says_what_to_check_and_asks(small_corpus, tmp_path):
    path = small_corpus / "calls" / "garantie-nationale.md"
    path.write_text(
        path.read_text().replace("recurrence: ongoing", "recurrence: ongoing\nzones: [qpv]")
    )
    engine = _rebuild(small_corpus, tmp_path / "z")
    ans = engine.ask("garantie de prêt bancaire pour notre association à Villeurbanne")
    assert ans.pistes[0]["id"] == "garantie-nationale"
    assert "À vérifier : adresse en quartier prioritaire" in ans.answer
    assert ans.clarification.startswith("Votre projet est-il situé dans un quartier prioritaire")
    said = engine.ask(
        "garantie de prêt pour notre association en quartier prioritaire à Villeurbanne"
    )
    assert said.clarification is None


def test_frr_zone_is_settled_from_the_commune(small_corpus, tmp_path):
    path = small_corpus / "calls" / "garantie-nationale.md"
    path.write_text(
        path.read_text().replace("recurrence: ongoing", "recurrence: ongoing\nzones: [frr]")
    )
    engine = _rebuild(small_corpus, tmp_path / "f")
    classed = engine.ask("une garantie de prêt pour notre association à Aurillac")
    assert "garantie-nationale" in {s.id for s in classed.sources}
    assert "Aurillac est une commune classée FRR" in classed.answer
    assert "liste officielle des communes classées France Ruralités" in classed.answer
    assert classed.clarification is None  # nothing to ask: the list settles it
    not_classed = engine.ask("une garantie de prêt pour notre association à Villeurbanne")
    assert "garantie-nationale" not in {s.id for s in not_classed.sources}
    wider = engine.ask("une garantie de prêt pour notre association dans le Cantal")
    assert "commune classée France Ruralités Revitalisation" in wider.answer  # to check


def test_a_named_organisation_is_the_answer(small_index: Path):
    ans = Engine(small_index, HASH_MODEL).ask(
        "c'est quoi Incubateur test ? je suis à Lyon avec une idée", today=TODAY
    )
    lead = ans.answer.split("\n\n")[0]
    assert lead.startswith("**Incubateur test du Rhône** : Incubateur fictif")
    # nobody asked "is it for us?": who it is for, no boilerplate "yes"
    assert "Pour qui : les personnes qui ont une idée" in lead
    assert "Oui, c'est ouvert" not in lead
    assert ans.clarification is None  # no "what kind of help?" about a named organisation
    assert "**Se faire accompagner**" not in ans.answer  # no list of pistes after it
    # numbered as read: what it is [1], then whether it is for them
    assert markers_in_order(ans.answer) and lead.split("[")[1].startswith("1]")


def test_how_to_apply_is_answered_or_said_missing(small_index: Path):
    """ "comment on candidate ?" about an organisation whose sources do not say how: said so,
    with its own channel to ask, after what it offers."""
    ans = Engine(small_index, HASH_MODEL).ask(
        "c'est quoi Incubateur test ? je suis à Lyon, comment on candidate ?", today=TODAY
    )
    lead = ans.answer.split("\n\n")[0]
    said = ("Mes sources ne détaillent pas comment candidater : demandez-le-leur directement "
            "(https://example.org/incubateur/contact).")
    assert said in lead
    assert lead.index("programme d'incubation de douze mois") < lead.index(said)


def test_a_yes_no_question_gets_a_verdict(small_index: Path):
    engine = Engine(small_index, HASH_MODEL)
    yes = engine.ask("Est-ce que notre association de Tarare peut être incubée ?", today=TODAY)
    # the verdict names what it is about when the question did not name it
    assert yes.answer.startswith("**Incubateur test du Rhône** : oui, c'est ouvert à votre")
    no = engine.ask(
        "Est-ce qu'une SCOP de Tarare peut demander la subvention mobilité rurale ?", today=TODAY
    )
    assert "ce n'est pas pour vous : réservé à" in no.answer.split("\n\n")[0].lower()
    assert markers_in_order(yes.answer) and markers_in_order(no.answer)
    # "et c'est combien ?": the amount is said with the verdict
    much = engine.ask("Est-ce que notre association peut répondre à l'appel à projets test "
                      "mobilité rurale solidaire dans le Rhône ? et c'est combien ?", today=TODAY)
    lead = much.answer.split("\n\n")[0]
    assert "Montant : jusqu'à 20 000 €." in lead and markers_in_order(much.answer)


def test_steps_come_from_the_guide_in_order(small_corpus, tmp_path):
    _add(small_corpus, "guides", """---
id: guide-test-asso
kind: guide
title: "Créer son association test"
summary: >-
  Les étapes pour créer une association, pour les tests.
territories: [FR]
audiences: [porteur_projet]
needs: [information]
sources:
  - url: https://example.org/guide
    checked: 2026-11-27
last_checked: 2026-11-27
---
## Étape 1 : rédiger les statuts
Les fondateurs écrivent les statuts de l'association ensemble.

## Étape 2 : déclarer l'association
La déclaration se fait en ligne auprès du greffe des associations.

## Étape 3 : ouvrir un compte
Un compte bancaire au nom de l'association reçoit les premières cotisations.
""")
    engine = _rebuild(small_corpus, tmp_path / "g")
    ans = engine.ask("comment on crée une association à Tarare ?", today=TODAY)
    lead = ans.answer.split("\n\n")[0]
    assert lead.startswith("Les étapes, d'après « Créer son association test » :")
    assert "1. Rédiger les statuts : Les fondateurs" in lead
    assert "3. Ouvrir un compte : Un compte bancaire" in lead


def test_contacts_only_for_bodies_that_take_requests(small_corpus, tmp_path):
    path = small_corpus / "organisations" / "incubateur-rhone.md"
    path.write_text(path.read_text().replace("contacts:", "takes_requests: false\ncontacts:"))
    engine = _rebuild(small_corpus, tmp_path / "c")
    ans = engine.ask("Un incubateur dans le Rhône pour une association avec une idée",
                     today=TODAY)
    assert "incubateur-rhone" in {s.id for s in ans.sources}
    assert not ans.contacts  # a source, not a contact


def test_the_branch_for_the_place_replaces_the_head_office(small_corpus, tmp_path):
    common = """kind: organisation
audiences: [association]
needs: [garantie]
network: reseau-test
takes_requests: true
contacts:
  - organisation: {org}
    url: https://example.org/{id}
sources:
  - url: https://example.org/{id}
    checked: 2026-11-27
last_checked: 2026-11-27
---
## Pour qui
Les associations qui empruntent auprès d'une banque pour investir.
"""
    for doc_id, title, where, org in (
        ("reseau-national", "Réseau test national", "FR", "Réseau test"),
        ("reseau-rhone", "Réseau test du Rhône", "DEP:69", "Réseau test Rhône"),
    ):
        _add(small_corpus, "organisations", f"---\nid: {doc_id}\ntitle: \"{title}\"\n"
             f"territories: [{where}]\n" + common.format(org=org, id=doc_id))
    engine = _rebuild(small_corpus, tmp_path / "n")
    lyon = engine.ask("une garantie de prêt pour notre association à Tarare", today=TODAY)
    ids = [p["id"] for p in lyon.pistes]
    assert "reseau-rhone" in ids and "reseau-national" not in ids
    cards = [c.document for c in lyon.contacts if c.document.startswith("reseau")]
    assert cards == ["reseau-rhone"]
    brest = engine.ask("une garantie de prêt pour notre association à Brest", today=TODAY)
    assert "reseau-rhone" not in {s.id for s in brest.sources}


def test_thin_coverage_is_said_and_nothing_leaks_from_another_region(small_index: Path):
    ans = Engine(small_index, HASH_MODEL).ask(
        "un prêt d'honneur pour créer mon entreprise à Rennes", today=TODAY
    )
    assert ans.coverage and ans.coverage.startswith("Mes sources couvrent surtout")
    assert "pour Rennes (35)" in ans.coverage
    assert not {"incubateur-rhone", "appel-mobilite"} & {s.id for s in ans.sources}


def test_nothing_fits_says_so_and_who_to_ask(small_index: Path):
    ans = Engine(small_index, HASH_MODEL).ask(
        "un local pour notre SCOP de menuiserie à Tarare", today=TODAY
    )
    assert "aucun dispositif qui corresponde précisément" in ans.answer


def test_reply_choices_for_the_chat(small_index: Path):
    from assistant.web.render import reply_choices

    engine = Engine(small_index, HASH_MODEL)
    assert reply_choices(engine.ask("Un incubateur à Valence ?")) == [
        "Valence (26)",
        "Valence (82)",
    ]
    assert reply_choices(engine.ask("Une garantie pour mon prêt")) == ["Partout en France"]
    assert reply_choices(engine.ask("incubateur à Tarare")) == []


def test_a_region_wide_answer_offers_its_departments(small_index: Path):
    from assistant.web.render import refine_choices

    engine = Engine(small_index, HASH_MODEL)
    conv = Conversation()
    region = engine.ask(
        "Une subvention pour la mobilité rurale de mon association en Auvergne-Rhône-Alpes",
        conv, today=TODAY,
    )
    assert region.profile.territory == "REG:84" and region.found
    choices = refine_choices(region)
    assert len(choices) == 12 and choices[0] == "Ain (01)" and "Rhône (69)" in choices
    narrowed = engine.ask("Rhône (69)", conv, today=TODAY)  # the button's text, as the reply
    assert narrowed.profile.territory == "DEP:69" and narrowed.profile.needs
    assert refine_choices(narrowed) == []
    assert refine_choices(engine.ask("Un incubateur en Martinique")) == []
    assert refine_choices(engine.ask("Un incubateur à Valence ?")) == []


def test_an_unsettled_place_still_excludes_what_applies_to_neither(small_index: Path):
    ans = Engine(small_index, HASH_MODEL).ask(
        "Une garantie ou un prêt d'honneur pour notre association à Valence ?", today=TODAY
    )
    assert ans.profile.territory is None and len(ans.profile.territory_candidates) == 2
    ids = {s.id for s in ans.sources}
    assert "pret-bretagne" not in ids  # Ille-et-Vilaine only
    assert "garantie-nationale" in ids  # national: applies to either Valence


def test_what_to_prepare_names_each_thing_once():
    from assistant.answer import prepare_list
    from assistant.answer.contacts import prepare_advice
    from assistant.corpus.documents import Document

    incubator = Document(id="incub", kind="organisation", title="Incubateur",
                         needs=["incubation", "accompagnement", "formation"])
    assert prepare_list(incubator) == (
        "une présentation du projet en quelques lignes : besoin social, public, territoire",
        "l'état d'avancement du projet, votre disponibilité pour un programme et ce qui vous "
        "bloque aujourd'hui",
    )
    lender = Document(id="pret", kind="organisation", title="Prêteur",
                      needs=["pret", "pret_honneur", "garantie"])
    advice = prepare_advice([incubator, lender])
    assert advice.count("l'état d'avancement du projet") == 1
    assert advice.count("une présentation du projet") == 1


# -- second round (blind grading of round one): who a document is for, verdicts, contacts ------

FOUNDERS_LOAN = """---
id: pret-test-createurs
kind: organisation
title: "Prêt test : prêt d'honneur pour créer ou reprendre une entreprise dans le Rhône"
organisation: Prêt test
summary: >-
  Prêt d'honneur à taux zéro pour les personnes qui créent ou reprennent une entreprise.
territories: [DEP:69]
audiences: [porteur_projet, entreprise]
needs: [pret_honneur, accompagnement]
themes: []
stages: [idee, creation]
takes_requests: true
contacts:
  - organisation: Prêt test
    role: "Chargés d'accueil"
    url: https://example.org/pret
sources:
  - url: https://example.org/pret
    checked: 2026-11-27
last_checked: 2026-11-27
---
## Pour qui
Les personnes qui créent ou reprennent une entreprise dans le Rhône.

## Ce qui est proposé
Un prêt personnel sans intérêt et un parrainage pendant trois ans.
"""


def test_founders_loans_are_not_for_an_association_or_a_group_of_citizens(small_corpus, tmp_path):
    _add(small_corpus, "organisations", FOUNDERS_LOAN)
    engine = _rebuild(small_corpus, tmp_path / "f")
    business = engine.ask("je veux créer mon entreprise à Lyon, qui peut m'accompagner et me "
                          "prêter ?", today=TODAY)
    assert "pret-test-createurs" in {p["id"] for p in business.pistes}
    for question in (
        "on est en train de créer une asso à Lyon, qui peut nous accompagner et nous financer ?",
        "avec d'autres parents de Lyon on voudrait monter un projet, qui peut nous aider ?",
    ):
        ans = engine.ask(question, today=TODAY)
        assert "pret-test-createurs" not in {p["id"] for p in ans.pistes}, question
    # asked for by name, it is the answer, with what it says about whom it is for
    named = engine.ask("on crée une asso à Lyon : le prêt d'honneur, c'est pour nous ?",
                       today=TODAY)
    assert "pret-test-createurs" in {p["id"] for p in named.pistes}


def test_a_verdict_rests_on_conditions_not_on_the_theme(small_index: Path):
    """The guide about the incubator's theme is another theme than the project's: that is no
    reason to say "not for you" (only who may apply, the stage, the place, dates are)."""
    from assistant.answer.fit import assess
    from assistant.language.understand import understand

    engine = Engine(small_index, HASH_MODEL)
    profile = understand("notre association de Tarare veut de l'aide pour un projet culturel")
    hit = engine.retriever().library.hit("incubateur-rhone")
    fit = assess(hit, profile, TODAY)
    assert not fit.failed  # nothing excludes the association
    named = assess(hit, profile, TODAY, named=True)
    assert named.fits and not named.off


def test_a_press_article_is_no_contact_channel(small_corpus, tmp_path):
    path = small_corpus / "organisations" / "incubateur-rhone.md"
    text = path.read_text()
    urls = set(re.findall(r"url: (\S+)", text))
    for url in urls:
        text = text.replace(url, "https://www.leprogres.fr/article-incubateur")
    path.write_text(text)
    engine = _rebuild(small_corpus, tmp_path / "p")
    ans = engine.ask("Un incubateur dans le Rhône pour une association avec une idée",
                     today=TODAY)
    assert "incubateur-rhone" in {s.id for s in ans.sources}
    assert not [c for c in ans.contacts if c.url and "leprogres" in c.url]
    assert "leprogres" not in ans.answer.split("**À contacter**")[-1]


def test_an_article_is_no_contact_page_its_site_s_home_is():
    from assistant.answer.contacts import contact_page

    # an article or an archive of the organisation's own site: its home page
    assert contact_page("https://franceactive-ara.org/tag/garanties/",
                        "France Active (site régional)") == "https://franceactive-ara.org/"
    assert contact_page("https://www.scopoccitanie.coop/on-parle-de-nous?page=4",
                        "Union régionale des Scop et Scic Occitanie") == (
                            "https://www.scopoccitanie.coop/")
    assert contact_page("https://www.lyon.fr/actualite/pro/appel", "Ville de Lyon") == (
        "https://www.lyon.fr/")
    assert contact_page("https://reseau-taranis.fr/actus", "Réseau Taranis") == (
        "https://reseau-taranis.fr/")
    assert contact_page("https://www.ardeche.gouv.fr/Actualites/Archives/x", "DDETSPP de "
                        "l'Ardèche") == "https://www.ardeche.gouv.fr/"
    # its history or its press corner: no way to ask them anything, its home page is
    assert contact_page("https://www.les-scop-ouest.coop/espace-presse",
                        "Union régionale des Scop de l'Ouest") == "https://www.les-scop-ouest.coop/"
    assert contact_page("https://www.cress-aura.org/historique", "CRESS Auvergne-Rhône-Alpes") == (
        "https://www.cress-aura.org/")
    assert contact_page("https://franceactive-bretagne.bzh/decouvrir-france-active/"
                        "historique-france-active-bretagne/", "France Active Bretagne") == (
                            "https://franceactive-bretagne.bzh/")
    # an article on someone else's site, or the press: no channel
    assert contact_page("https://avise.org/actualites/la-tournee-en-occitanie",
                        "CRESS Occitanie") is None
    assert contact_page("https://www.cros-mayotte.fr/actualites/x", "CRESS de Mayotte") is None
    assert contact_page("https://www.leprogres.fr/article-incubateur", "Incubateur") is None
    # a name with a hyphen is written without it in its host: "Fab-T", fabt.fr
    assert contact_page("https://www.fabt.fr/actualites/une-soiree", "Fab-T") == (
        "https://www.fabt.fr/")
    # a page that is no article stays as it is
    assert contact_page("https://www.ronalpia.fr/candidater", "Ronalpia") == (
        "https://www.ronalpia.fr/candidater")


def test_a_fiche_entry_without_verb_reads_with_its_label():
    from assistant.answer.sentences import Sentence, has_verb, readable

    assert has_verb("Les associations peuvent déposer un dossier.")
    assert has_verb("Le réseau accompagne les créateurs.")
    assert not has_verb("Les associations employeuses de moins de dix salariés.")
    entry = Sentence("Les associations employeuses de moins de dix salariés.", "who", None, 0)
    assert readable(entry) == "Pour qui : les associations employeuses de moins de dix salariés."
    said = Sentence("Les associations peuvent déposer un dossier.", "who", None, 0)
    assert readable(said) == said.text
    fund = Sentence("FDVA : un fonds pour les associations.", "what", None, 0)
    assert readable(fund) == fund.text  # already labelled


def test_the_name_in_the_asking_sentence_comes_first(small_index: Path):
    from assistant.answer.library import asking_sentence

    library = Engine(small_index, HASH_MODEL).retriever().library
    question = ("On a lu des choses sur Incubateur test. Et l'Appel à projets test, "
                "c'est pour nous ?")
    assert asking_sentence(question).strip().startswith("Et l'Appel à projets test")
    names = library.names_in(question)
    assert [n.alias for n in names] == ["appel a projets test", "incubateur test"]


def test_steps_come_from_the_guide_about_what_is_asked(small_corpus, tmp_path):
    for doc_id, title, step in (
        ("guide-test-epicerie", "Ouvrir une épicerie solidaire test", "trouver un local"),
        ("guide-test-scic", "Créer une SCIC test", "réunir les associés"),
    ):
        _add(small_corpus, "guides", f"""---
id: {doc_id}
kind: guide
title: "{title}"
summary: >-
  Les étapes, pour les tests.
territories: [FR]
audiences: [porteur_projet, association, collectivite]
needs: [information]
themes: [{"alimentation" if "epicerie" in doc_id else ""}]
sources:
  - url: https://example.org/{doc_id}
    checked: 2026-11-27
last_checked: 2026-11-27
---
## Étape 1 : {step}
Première étape de {title.lower()} : {step}.

## Étape 2 : se faire accompagner
Un réseau aide les groupes à chaque étape de {title.lower()}.
""")
    engine = _rebuild(small_corpus, tmp_path / "s")
    ans = engine.ask("Des habitants de Tarare veulent rouvrir une épicerie solidaire du village. "
                     "Comment on crée une SCIC ?", today=TODAY)
    assert ans.answer.startswith("Les étapes, d'après « Créer une SCIC test » :")


def test_an_organisation_s_page_titled_like_an_article_is_no_contact_page():
    """An interview on someone else's site is no way to reach an organisation; an article of
    its own site gives its home page; a page to act on (a call, an aid, a contact form) stays."""
    from assistant.answer.contacts import contact_page

    assert contact_page("https://www.millenaire3.com/Interview/2022/veille-m3-diane-dupre-la-"
                        "tour-les-petites-cantines-le-repas-est-un-formidable-trait-d-union",
                        "Les Petites Cantines", strict=True) is None
    assert contact_page("https://www.unea.fr/lunea-fete-ses-30-ans-cest-ensemble-que-nous-"
                        "pouvons-grandir", "UNEA", strict=True) == "https://www.unea.fr/"
    assert contact_page("https://www.aggloroanne.fr/actualites-277/une-nouvelle-zone-dactivites-"
                        "pour-accueillir-de-nouvelles-entreprises.html", "Roannais Agglomération",
                        strict=True) == "https://www.aggloroanne.fr/"
    act = ("https://www.savoie.fr/web/sw_76101/appel-a-projets-2023-promouvoir-et-favoriser-les-"
           "actions-collectives-de-prevention-aupres-des-seniors")
    assert contact_page(act, "Département de la Savoie", strict=True) == act
    # without strict (a call's page, a guide's source), the page is kept as given
    assert contact_page("https://www.unea.fr/lunea-fete-ses-30-ans-cest-ensemble-que-nous-"
                        "pouvons-grandir", "UNEA").startswith("https://www.unea.fr/lunea")


def test_a_code_s_article_letter_ends_no_sentence():
    from assistant.answer.sentences import split_sentences, whole

    said = split_sentences("Répondre aux conditions de l'article L. 313-4 du code. Puis déposer.")
    assert said == ["Répondre aux conditions de l'article L. 313-4 du code.", "Puis déposer."]
    assert not whole("Répondre aux conditions de l'article L.")
    assert is_cut("Répondre aux conditions de l'article L.")
    assert cited_statements("Le maire fixe les règles (article L. 2144-3 du code). [2]") == [
        "Le maire fixe les règles (article L. 2144-3 du code)."]


def test_an_id_in_a_web_address_is_no_internal_id():
    """The MSA Ardèche Drôme Loire's own page has its name in its path: a reader sees an
    address, not an internal id; "voir metropole-lyon-ess" in the prose is one."""
    from assistant.evaluate.judge import internal_ids

    docs = {"msa-ardeche-drome-loire": None, "metropole-lyon-ess": None}
    assert internal_ids("Site : https://ardechedromeloire.msa.fr/lfp/web/msa-ardeche-drome-loire/"
                        "apj-msaadl [3]", docs) == []
    assert internal_ids("voir metropole-lyon-ess pour la suite", docs) == ["metropole-lyon-ess"]
