"""Conversations that follow the person (issue 17): each turn is an explicit operation on the
conversation's state (set, replace, add, remove, drop), follow-ups that point to the answers
given are answered from them (first contact, "eux", "le premier", handoff), organisation names
with a territory are no place, a question back is asked once, and the judged multi-turn
evaluation scores them."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.answer.asking import question_back_kind
from assistant.answer.followup import move, terminal_handoff
from assistant.answer.model import ContactCard
from assistant.cli import main
from assistant.config import HASH_MODEL
from assistant.corpus.ingest import load_corpus
from assistant.engine import Conversation, Engine
from assistant.evaluate.conversations import context_misses, conversation_report
from assistant.language.follow import follow
from assistant.language.places import read_places
from assistant.language.profile import Change, Profile
from assistant.language.understand import understand
from assistant.search.build import build_index
from assistant.search.embed import HashEmbedder

TODAY = date(2026, 2, 1)


def ops(profile: Profile) -> set[tuple]:
    return {(c.op, c.field, c.value, c.old) for c in profile.changes}


def turns(*questions: str) -> Profile:
    profile = None
    for q in questions:
        profile = follow(q, profile)
    return profile


# -- place -------------------------------------------------------------------------------------


def test_a_place_correction_replaces_the_place():
    p = turns("je cherche un accompagnement pour notre asso d'insertion, on est vers lyon",
              "ah non pardon, on est plutôt à Vienne en fait")
    assert p.territory == "COM:38544"  # Vienne (Isère), not the department of the Vienne
    assert ("replace", "place", "COM:38544", "COM:69123") in ops(p)
    assert p.needs == ("accompagnement",) and p.audience == "association"  # the rest is kept


def test_a_place_taken_back_and_a_home_are_not_the_project_s_place():
    p = turns(
        "on veut reprendre la boite de notre patron en scop, on est 8 salariés, c'est à Chambéry",
        "en fait ce sera à Annecy pas Chambéry, moi j'habite Chambéry mais l'entreprise elle est "
        "à Annecy",
    )
    assert p.territory == "COM:74010" and not p.territory_candidates
    assert p.planned == "cooperative"  # the takeover "en Scop": a cooperative is planned
    assert p.audience == "porteur_projet"  # "l'entreprise" is not who speaks
    alone = read_places("pas à Lyon mais à Grenoble")
    assert alone.territory == "COM:38185" and "negated:COM:69123" in alone.issues


def test_an_arrondissement_alone_is_one_of_the_city_already_known():
    p = turns("on est une asso de soutien scolaire dans le 13e à Marseille",
              "pardon c le 14e pas le 13e, on a déménagé l'an dernier")
    assert p.territory == "COM:13214"
    assert ("replace", "place", "COM:13214", "COM:13213") in ops(p)


def test_a_quartier_is_read_in_the_town_known_and_said_unchanged():
    first = "je suis à Clermont, je veux lancer un traiteur avec des femmes du quartier " \
            "(croix de neyrat)"
    p = turns(first, "ah et pardon c'est pas croix de neyrat, c'est les vergnes. ça change ?")
    assert p.territory == "COM:63113"
    assert ("same", "place", "COM:63113", None) in ops(p)
    # a quartier named right after a town is that town's, even when the list knows another
    # town's quartier of that name (Saint-Jean, Lyon 5e)
    assert read_places("à villeurbanne, quartier saint jean").territory == "COM:69266"
    assert read_places("à Lyon, quartier Saint-Jean").territory == "COM:69385"


def test_an_organisation_s_territory_is_not_the_person_s_place():
    p = turns("asso culturelle à Grenoble, 2 salariés, on veut se faire accompagner",
              "un pote m'a parlé du DLA du Rhône, c'est le même ?")
    assert p.territory == "COM:38185"
    assert ("keep", "place", "COM:38185", None) in ops(p)
    loire = read_places("mon associé a entendu parler de France Active Loire")
    assert loire.mentions and all(m.role == "organisation" for m in loire.mentions)
    # alone in a first question, the organisation's territory still tells where to look
    first = understand("Je cherche le DLA du Rhône")
    assert first.territory == "DEP:69" and "place_of_organisation" in first.issues


def test_the_place_of_an_organisation_asked_about_is_not_the_person_s():
    p = turns("on voudrait monter une épicerie solidaire à Villeurbanne, des financements ?",
              "et andes c'est où eux ? ya quelqu'un sur lyon ?")
    assert p.territory == "COM:69266"


def test_i_do_not_mind_is_no_nationwide_place():
    p = turns("je suis graphiste au chômage, je veux tester mon activité à Lille",
              "peu importe le statut tant que je garde mon chômage")
    assert p.territory == "COM:59350" and not p.nationwide
    reply = turns("Je cherche un incubateur pour mon idée", "peu importe")
    assert reply.nationwide  # a reply to "où ?": anywhere


# -- needs, structure, stage -------------------------------------------------------------------


def test_a_follow_up_adds_its_need_and_it_leads():
    p = turns("un chantier d'insertion à Vienne, on cherche un accompagnement",
              "et en attendant il nous faudrait de la trésorerie, l'aide au poste arrive "
              "toujours en retard")
    assert p.needs == ("accompagnement", "financement")  # the late aid is no need
    assert p.focus == ("financement",)
    assert ("add", "need", "financement", None) in ops(p)


def test_a_correction_replaces_the_need_and_a_negation_removes_it():
    p = turns("un prêt pour notre association à Lyon", "non en fait plutôt une subvention")
    assert p.needs == ("subvention",)
    assert ("replace", "need", None, "pret") in ops(p)
    q = turns("un prêt et un accompagnement pour notre asso à Lyon", "finalement pas de prêt")
    assert q.needs == ("accompagnement",)
    assert ("remove", "need", None, "pret") in ops(q)
    # no debt at all: the money that is not lent (grants, prizes, equity)
    r = turns("je cherche un prêt d'honneur pour ouvrir une boulangerie à Tarare",
              "et pour la garantie bancaire ?", "en fait on ne veut pas s'endetter")
    assert r.needs == ("subvention", "prix", "investissement")


def test_a_new_topic_about_another_project_drops_what_no_longer_applies():
    p = turns("je suis à Clermont, je veux lancer une activité traiteur en insertion",
              "bon autre chose, pour mon club de foot à Riom on cherche du matériel, "
              "ya des aides ?")
    assert p.territory == "COM:63300" and p.audience == "association"
    assert p.stage != "idee" and "insertion_emploi" not in p.themes
    dropped = {(c.field, c.old) for c in p.changes if c.op == "drop"}
    assert ("stage", "idee") in dropped and ("theme", "insertion_emploi") in dropped
    same = turns("on est une SAS à Lyon 7e, on cherche un prêt pour développer notre atelier",
                 "autre chose, l'agrément esus on le demande à qui ?")
    assert "pret" not in same.needs and same.audience == "entreprise"  # same project
    assert same.territory == "COM:69387"


def test_who_and_what_change_only_when_the_person_says_it_of_themselves():
    p = turns("je monte un café asso à Nantes, par où je commence ?", "on a juste l'idée, on est 2")
    assert p.stage == "idee" and ("replace", "stage", "idee", "creation") in ops(p)
    q = turns("je monte un café asso à Nantes", "et pour le local, la mairie peut aider ?")
    assert q.audience == "porteur_projet" and "locaux" in q.needs  # the mairie is not them
    r = turns("je suis graphiste au chômage, je veux tester mon activité sans créer de boîte, "
              "à Lille", "ah et en fait je déménage à Roubaix le mois prochain")
    assert r.stage == "idee" and r.territory == "COM:59512"  # a date is no stage
    s = turns("je suis à Clermont, je veux lancer un traiteur",
              "je sais pas encore le statut, asso ou entreprise, peu importe")
    # the form taken back, no need added, the place kept (not "anywhere"): "Clermont" is
    # Clermont-Ferrand
    assert s.planned is None and not s.needs and not s.nationwide
    assert s.territory == "COM:63113"


def test_a_short_reply_about_the_structure_updates_it():
    p = turns("je veux monter une asso d'aide au numérique pour les seniors à Toulouse",
              "une asso, déjà créée l'an dernier, 0 salarié")
    assert p.audience == "association" and p.stage == "creation"
    assert ("replace", "audience", "association", "porteur_projet") in ops(p)
    # a short reply that names someone else changes nothing of theirs
    q = turns("je monte un café asso à Nantes", "la mairie nous prête une salle")
    assert q.audience == "porteur_projet"


def test_someone_else_s_project_is_a_new_topic():
    p = turns("asso de théâtre à la Croix-Rousse, 1 salarié, on veut structurer notre modèle",
              "sinon rien à voir, ma sœur monte une micro-crèche à Moulins, elle peut avoir "
              "des aides ?")
    assert p.territory == "COM:03190" and p.audience is None and "culture" not in p.themes
    assert ("drop", "project", None, None) in ops(p)


def test_places_said_of_others_or_of_organisations_leave_the_person_s():
    p = turns("on veut ouvrir une cantine solidaire à Annonay, on est 3 voisines",
              "une amie de st etienne m'a dit d'aller voir france active loire et ronalpia "
              "saint etienne, c'est pour nous aussi ?")
    assert p.territory == "COM:07010"
    q = turns("service d'aide à domicile au Puy-en-Velay, on cherche des financements",
              "un ami m'a dit d'aller voir la msa ardeche drome loire, c'est bien pour nous ?")
    assert q.territory == "COM:43157"
    r = turns("on organise un festival de musique depuis 3 ans à Thiers, on aimerait grossir",
              "non c'est a ambert le festival, thiers c'est la ou habite notre president")
    assert r.territory == "COM:63003" and r.stage == "developpement"
    s = turns("on monte une auto-école solidaire à Aurillac",
              "ah et en fait pas aurillac mais arpajon sur cere juste a cote")
    assert s.territory == "COM:15012"


def test_partners_jobs_and_trades_are_not_the_person_nor_their_needs():
    citizens = understand("on est une dizaine d'habitants à Voiron, on voudrait mettre des "
                          "panneaux solaires sur le gymnase, un projet citoyen avec la mairie")
    assert citizens.audience != "collectivite"
    assert understand("je suis maire d'une commune de 800 habitants").audience == "collectivite"
    job = understand("et on voudrait un 3e poste de conseiller numérique, c'est possible ?")
    assert "accompagnement" not in job.needs and job.hiring
    trade = understand("entreprise d'insertion à Romans, on veut se développer dans le "
                       "nettoyage de bureaux, qui peut nous accompagner ?")
    assert trade.needs == ("accompagnement",)
    assert understand("on cherche des bureaux à Lyon pour notre asso").needs == ("locaux",)
    assert understand("le centre social nous prête une salle pour se réunir").needs == ()
    assert understand("on a déjà un local mais il nous faut un financement").needs == (
        "financement",)
    assert "financement" in understand("et pour acheter une machine (~40 000e) ?").needs
    assert understand("c sur un terrain de la mairie a bron").needs == ()  # where, not a need
    assert understand("et en attendant on a besoin d'un atelier, ya des lieux partages ?"
                      ).needs == ("locaux",)
    pay = understand("et pour payer les jeunes ?")
    assert pay.needs == ("financement",) and pay.hiring
    assert understand("et il me faudrait un salaire au debut, ya quoi ?").needs == (
        "financement",)
    assert understand("on cherche un financement pour la rénovation de nos locaux").needs == (
        "financement",)
    # "tréso" as typed is money: a treasury need, read as a bridge loan (and support)
    assert "pret" in understand("on est une scic, on a besoin de tréso").needs
    assert understand("on cherche des subv pour notre asso").needs == ("subvention",)
    # who is out of work for two years and wants to create is a project holder
    jobless = understand("je suis au chômage depuis 2 ans et je veux créer ma boîte")
    assert jobless.audience == "porteur_projet" and jobless.planned == "entreprise"
    assert understand("on a créé notre asso il y a 3 ans").audience == "association"


@pytest.mark.parametrize("text, kind", [
    ("ok mais concretement j'appelle qui en 1er", "first_contact"),
    ("ok si je dois en appeler qu'un seul cette semaine c'est lequel ?", "first_contact"),
    ("ok vous pouvez leur transmettre mon projet ?", "handoff"),
    ("ok vous pouvez leur envoyer un message de ma part ?", "handoff"),
    ("vous pouvez nous mettre en lien avec eux ?", "handoff"),
    ("on a un seul local, qui peut aider ?", None),
    ("je voudrais transmettre mon entreprise à mes salariés", None),
])
def test_first_contact_and_handoff_in_the_words_people_use(text, kind):
    from assistant.answer.model import Answer  # the move is read from the words alone

    last = Answer(question="une asso à Lyon, qui peut nous aider ?", answer="...",
                  pistes=[{"id": "dla-rhone"}])
    assert move(text, [last]) == kind


def test_the_state_and_its_changes_survive_json():
    p = turns("un prêt pour notre association à Lyon", "ah non pardon, plutôt à Grenoble")
    back = Profile.from_dict(json.loads(json.dumps(p.as_dict())))
    assert back == p and isinstance(back.changes[0], Change)


# -- scoring -----------------------------------------------------------------------------------


def test_context_is_scored_on_place_need_structure_and_stage():
    turn = {"place_code": "COM:38544", "state": {"need": ["accompagnement", "tresorerie"],
                                                 "audience": "association porteuse d'un ACI",
                                                 "stage": "developpement"}}
    good = Profile(territory="COM:38544", needs=("accompagnement", "pret"),
                   audience="structure_insertion", stage="developpement")
    assert context_misses(turn, good) == []
    stale = Profile(territory="DEP:69", needs=("accompagnement", "locaux"), stage="idee")
    assert context_misses(turn, stale, previous=stale) == ["place", "need", "audience", "stage"]


# -- the engine: follow-ups answered from the conversation --------------------------------------


def _add(corpus: Path, folder: str, text: str) -> None:
    doc_id = re.search(r"^id: (\S+)", text, re.M).group(1)
    (corpus / folder).mkdir(exist_ok=True)
    (corpus / folder / f"{doc_id}.md").write_text(text, encoding="utf-8")


ACCOMPAGNEMENT_TARARE = """---
id: reseau-tarare
kind: organisation
title: "Réseau test d'accompagnement de Tarare"
summary: Réseau fictif qui accompagne et finance les porteurs de projet de Tarare.
url: https://example.org/tarare
organisation: Réseau Tarare
territories: [COM:69243]
audiences: [porteur_projet]
needs: [pret_honneur, accompagnement]
stages: [idee, creation]
contacts:
  - organisation: Réseau Tarare
    email: tarare@example.org
sources:
  - url: https://example.org/tarare
    checked: 2026-11-27
last_checked: 2026-11-27
---
## Pour qui
Les porteurs de projet de Tarare qui ont besoin d'un prêt d'honneur ou d'un accompagnement.
"""


@pytest.fixture()
def engine(small_corpus: Path, tmp_path: Path, monkeypatch) -> Engine:
    monkeypatch.setattr("assistant.answer.library.THIN", 2)
    _add(small_corpus, "organisations", ACCOMPAGNEMENT_TARARE)
    build_index(load_corpus(small_corpus).documents, tmp_path / "idx", HashEmbedder())
    return Engine(tmp_path / "idx", HASH_MODEL)


def test_a_correction_is_searched_with_the_conversation_s_subject(engine: Engine):
    conv = Conversation()
    engine.ask("Un incubateur dans le Rhône pour mon idée de projet", conv, today=TODAY)
    ans = engine.ask("ah non pardon, on est plutôt à Tarare en fait", conv, today=TODAY)
    assert ans.found and ans.profile.territory == "COM:69243"
    assert "incubateur-rhone" in {s.id for s in ans.sources}
    assert "lieu corrigé : Tarare (69) au lieu de Rhône (69)" in ans.answer


def test_who_first_ranks_the_last_pistes_and_says_why(engine: Engine):
    conv = Conversation()
    engine.ask("Un accompagnement à Tarare pour mon idée de projet", conv, today=TODAY)
    assert move("qui je contacte en premier ?", conv.turns) == "first_contact"
    first = engine.ask("ok. qui je contacte en premier ?", conv, today=TODAY)
    lead = first.answer.split("\n")[0]
    assert lead.startswith("Je contacterais d'abord **")
    assert " : " in lead and "Tarare (69)" in lead  # why: it covers the place
    assert first.pistes[0]["links"] == ["first_contact"]
    assert first.pistes[0]["id"] in {p["id"] for p in conv.turns[0].pistes}


def test_handoff_is_for_the_organisation_just_put_first(engine: Engine):
    conv = Conversation()
    engine.ask("Un accompagnement à Tarare pour mon idée de projet", conv, today=TODAY)
    first = engine.ask("qui je contacte en premier ?", conv, today=TODAY)
    ans = engine.ask("vous pouvez nous mettre en relation avec eux ?", conv, today=TODAY)
    assert ans.handoff_to is not None
    assert ans.handoff_to.document == first.pistes[0]["id"]
    assert ans.as_dict()["handoff_to"]["document"] == ans.handoff_to.document
    assert "Mise en relation avec" in ans.answer
    cancel = engine.ask("non en fait laissez tomber, je préfère appeler moi-même", conv,
                        today=TODAY)
    assert cancel.handoff_to is None and "je ne transmets rien" in cancel.answer


def test_handoff_with_a_named_organisation(engine: Engine):
    conv = Conversation()
    engine.ask("Un accompagnement à Tarare pour mon idée de projet", conv, today=TODAY)
    ans = engine.ask("mettez-moi en relation avec l'Incubateur test", conv, today=TODAY)
    assert ans.handoff_to and ans.handoff_to.document == "incubateur-rhone"


def test_the_first_cited_and_eux_refer_to_the_organisations_just_cited(engine: Engine):
    conv = Conversation()
    first = engine.ask("Un accompagnement à Tarare pour mon idée de projet", conv, today=TODAY)
    cited = first.sources[0].id
    ans = engine.ask("le premier que vous avez cité, il est à Tarare ?", conv, today=TODAY)
    assert ans.pistes[0]["id"] == cited and ans.pistes[0]["named"]
    assert ans.profile.territory == "COM:69243"


def test_an_organisation_turned_down_is_not_offered_again(engine: Engine):
    conv = Conversation()
    engine.ask("Un accompagnement à Tarare pour mon idée de projet", conv, today=TODAY)
    ans = engine.ask("non l'Incubateur test on préfère pas. ya autre chose ?", conv,
                     today=TODAY)
    assert "incubateur-rhone" not in {s.id for s in ans.sources}
    assert "incubateur-rhone" in ans.profile.declined
    assert "je ne propose plus" in ans.answer


def test_a_question_back_is_asked_once_and_a_refusal_is_answered(engine: Engine):
    conv = Conversation()
    first = engine.ask("Je cherche un incubateur pour mon idée", conv, today=TODAY)
    assert question_back_kind(first.clarification) == "place"
    second = engine.ask("je ne sais pas encore", conv, today=TODAY)
    assert second.clarification is None
    assert "faute de précision, je suppose : des pistes valables partout en France" in \
        second.answer
    third = engine.ask("et un prêt d'honneur ?", conv, today=TODAY)
    assert third.clarification is None  # "où ?" was asked already


def test_a_project_holder_who_says_no_need_gets_an_accompaniment_not_a_question(
    engine: Engine,
):
    ans = engine.ask("Je veux créer mon activité à Tarare, je ne sais pas par quoi commencer",
                     today=TODAY)
    assert ans.clarification is None
    assert "accompagnement" in ans.profile.needs
    assert ("assume", "need", "accompagnement", None) in ops(ans.profile)


def test_the_terminal_chat_says_how_to_be_put_in_touch(engine: Engine, monkeypatch):
    monkeypatch.setenv("ASSISTANT_PUBLIC_URL", "https://assistant.example.org")
    from assistant.settings import settings

    settings.cache_clear()
    lines = "Un accompagnement à Tarare pour mon idée de projet\nmettez-moi en relation avec " \
            "eux\n"
    result = CliRunner().invoke(
        main, ["chat", "--index-dir", str(engine.index_dir), "--model", HASH_MODEL],
        input=lines, catch_exceptions=False,
    )
    settings.cache_clear()
    assert result.exit_code == 0, result.output
    assert "Depuis le terminal, je ne peux pas transmettre la demande moi-même" in result.output
    assert "https://assistant.example.org" in result.output
    card = ContactCard("Réseau Tarare", None, None, "tarare@example.org", None, None,
                       "reseau-tarare", 1)
    assert "tarare@example.org" in terminal_handoff(card, None)


def test_the_judged_conversation_evaluation_runs_through_the_engine(engine: Engine,
                                                                    tmp_path: Path):
    conversation = {"cid": "c1", "turns": [
        {"user": "Je cherche un incubateur pour mon idée", "place_code": None,
         "state": {"need": ["accompagnement"]}, "move": "first", "question_back_ok": True,
         "expected_ids": ["incubateur-rhone"], "acceptable_ids": []},
        {"user": "dans le Rhône", "place_code": "DEP:69", "state": {"need": ["accompagnement"]},
         "move": "reply", "question_back_ok": False, "expected_ids": ["incubateur-rhone"],
         "acceptable_ids": []},
        {"user": "qui je contacte en premier ?", "place_code": "DEP:69",
         "state": {"need": ["accompagnement"]}, "move": "first_contact",
         "question_back_ok": False, "expected_ids": ["incubateur-rhone"], "acceptable_ids": []},
    ]}
    library = engine.retriever().library
    summary, records = conversation_report(
        [conversation], lambda q, c: engine.ask(q, c, today=TODAY), Conversation, library
    )
    assert summary["all"]["turns"] == 3 and summary["questions_back_repeated"] == 0
    assert summary["all"]["context_right"] == 1.0
    assert summary["first_turns"]["turns"] == 1 and summary["follow_ups"]["turns"] == 2
    assert records[2]["answer"].startswith("Je contacterais d'abord")
    assert "recall" not in records[0]  # graded blind: the answers, not the scores
    path = tmp_path / "conv.jsonl"
    path.write_text(json.dumps(conversation, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "answers.jsonl"
    result = CliRunner().invoke(main, [
        "eval", str(path), "--conversations", "--judge", "--index-dir", str(engine.index_dir),
        "--model", HASH_MODEL, "--answers-out", str(out), "--today", "2026-02-01",
    ], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "context_right" in result.output and "questions_back_repeated" in result.output
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3


def test_handoff_to_a_body_known_only_from_someone_else_s_article(small_corpus: Path,
                                                                   tmp_path: Path):
    """It takes requests, but the sources give it no channel of its own: the request still
    goes (the support team forwards it), with no empty "joindre vous-même" line."""
    _add(small_corpus, "organisations", ACCOMPAGNEMENT_TARARE.replace(
        "    email: tarare@example.org\n",
        "    url: https://www.autre-site.fr/actualites/un-article-sur-le-reseau\n").replace(
        "url: https://example.org/tarare\n", "url: null\n", 1))
    build_index(load_corpus(small_corpus).documents, tmp_path / "idx", HashEmbedder())
    engine = Engine(tmp_path / "idx", HASH_MODEL)
    conv = Conversation()
    engine.ask("Un accompagnement à Tarare pour mon idée de projet", conv, today=TODAY)
    ans = engine.ask("mettez-moi en relation avec le Réseau Tarare", conv, today=TODAY)
    assert ans.handoff_to is not None and ans.handoff_to.document == "reseau-tarare"
    assert not (ans.handoff_to.url or ans.handoff_to.email or ans.handoff_to.phone)
    assert "l'équipe d'accompagnement leur transmettra votre demande" in ans.answer
    assert "autre-site" not in ans.answer
