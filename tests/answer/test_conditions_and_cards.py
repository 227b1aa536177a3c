"""A yes never hides a scheme's other rule, one card per organisation, what the file holds when
it is asked, conditions read as alternatives, and no padding met only on the theme (issue 10,
eleventh session)."""

from pathlib import Path

import pytest

from assistant.answer.lead import _said_not
from assistant.config import HASH_MODEL
from assistant.engine import Engine


@pytest.fixture(scope="module")
def engine(shipped_hash_index: Path) -> Engine:
    return Engine(shipped_hash_index, HASH_MODEL)


def piste_ids(answer) -> list[str]:
    return [p["id"] for p in answer.pistes]


def test_a_condition_of_alternatives_is_not_unmet_by_one_of_them():
    """"Les personnes ou structures qui portent un projet": who has no structure yet is a
    person with a project; "être inscrit à France Travail" stays unmet by who says not."""
    assert not _said_not("on n a pas encore de structure",
                         "Les personnes ou structures qui portent un projet d'intérêt collectif.")
    assert not _said_not("on n a pas encore de structure",
                         "Une structure ou un collectif qui porte un projet.")
    assert _said_not("je ne serai pas inscrite a france travail",
                     "Être inscrit à France Travail.")


def test_an_idea_with_no_structure_gets_the_incubator_of_its_region(engine):
    """A Blois idea "pas encore de structure" asking who accompanies it in Centre-Val de Loire:
    Alter'Incub Centre-Val de Loire takes "les personnes ou structures" with a project."""
    answer = engine.ask("On est 4 à Blois avec une idée : collecter à vélo les biodéchets des "
                        "restos pour les composter. On n'a pas encore de structure. Qui "
                        "accompagne ce genre de projet en Centre-Val de Loire ?")
    assert "alter-incub-centre-val-de-loire" in piste_ids(answer)


@pytest.mark.parametrize("question", [
    "Notre festival de musique à Aurillac cherche un prêt pour acheter une scène mobile.",
    "asso culturelle a Vienne, on cherche une garantie pour notre pret bancaire",
    "On monte une épicerie solidaire à Annonay, qui peut nous prêter de l'argent ?",
    "Notre ressourcerie à Thiers veut un prêt pour un camion, qui peut nous aider ?",
])
def test_after_two_pistes_none_is_met_only_on_the_theme(engine, question):
    """Three pistes that do what is asked beat five with a culture network for a loan."""
    answer = engine.ask(question)
    for piste in answer.pistes[2:]:
        links = piste["links"]
        assert any(not x.startswith("theme:") for x in links), (piste["id"], links)


def test_selling_to_public_buyers_names_the_marche_de_l_inclusion(engine):
    answer = engine.ask("on est une entreprise adaptée depuis 2 ans (blanchisserie) au Puy. "
                        "est ce qu'on peut être référencés quelque part pour que les "
                        "collectivités nous trouvent pour leurs marchés publics ?")
    assert "marche-inclusion" in piste_ids(answer)


def test_steps_asked_with_the_documents_say_what_the_file_holds(engine):
    answer = engine.ask("On est une SAS créée l'an dernier, on voudrait l'agrément ESUS. "
                        "Comment on fait la demande et quels documents il faut ?").answer
    steps = answer.split("_J'ai compris")[0]
    assert steps.startswith("Les étapes, d'après « Obtenir l'agrément ESUS")
    assert "Contenu : informations administratives" in steps


def test_steps_not_asked_with_documents_stay_one_sentence_each(engine):
    answer = engine.ask("On est une SAS créée l'an dernier, on voudrait l'agrément ESUS. "
                        "C'est quoi les étapes ?").answer
    assert "Contenu : informations administratives" not in answer.split("_J'ai compris")[0]


def test_a_yes_says_the_other_rule_of_the_scheme(engine):
    """FDVA 2 asked by a small volunteer association: the yes quotes who may apply, and says
    the rule of another sentence (a year of existence in Auvergne-Rhône-Alpes) to check."""
    answer = engine.ask("Est-ce que notre asso peut demander le FDVA 2 et comment on fait ? On "
                        "est une petite asso de jardins partages a Issoire, que des "
                        "benevoles.").answer
    first = answer.split("\n")[0]
    assert "À vérifier aussi :" in first
    assert "au moins un an d'existence" in first


def test_a_rule_that_excludes_nobody_is_not_said_to_check(engine):
    """"sans condition de diplôme ni d'âge ; le programme n'est pas réservé aux anciens élèves"
    is no rule to check."""
    answer = engine.ask("c'est quoi Antropia ESSEC ? est-ce que notre asso de Perpignan "
                        "(5 ans, 12 salariés) peut y entrer ?").answer
    assert "À vérifier aussi : Des entrepreneurs de tous horizons" not in answer


def test_a_guide_card_says_its_sentence_on_what_is_asked(engine):
    """"et le bénévolat et la salle gratuite, on les met où ?": the budget guide's sentence on
    contributions in kind (accounts 86 and 87), not only what a budget is."""
    answer = engine.ask("On doit joindre un budget prévisionnel à notre demande de subvention et "
                        "on n'a jamais fait ça (petite asso de jardin partagé, que des "
                        "bénévoles, une salle prêtée par la mairie). Comment on construit ça ? "
                        "et le bénévolat et la salle gratuite, on les met où ?").answer
    assert "compte 86" in answer and "compte 87" in answer


def test_a_fund_that_takes_applications_says_where_to_file(engine):
    """The Fondation RTE takes no requests for help (no contact card, no handoff) but files
    applications on its site: its card says where."""
    answer = engine.ask("Bonjour, on est une asso de 25 bénévoles à Marcenat (Cantal). On "
                        "rouvre le café du village en café associatif, il faut refaire le local. "
                        "Est-ce que la fondation RTE peut nous financer ?")
    assert ("Pour déposer : https://fondation-rte.org/criteres-deligibilite (site de la "
            "fondation") in answer.answer
    assert "fondation-rte" not in {c.document for c in answer.contacts}


def test_a_document_whose_facts_are_old_is_a_piste_only_when_named(engine):
    """The Isère Département's page says its facts date from 2012 to 2017: no piste for a
    Grenoble project that does not name it, said when named."""
    from datetime import date

    from assistant.answer.timing import stale

    doc = engine.retriever().library.documents["departement-isere"]
    assert stale(doc, date(2026, 12, 1))
    answer = engine.ask("Notre asso d'insertion à Voiron (espaces verts, 12 salariés) cherche une "
                        "subvention pour un nouveau camion, qui peut nous aider en Isère ?")
    assert "departement-isere" not in piste_ids(answer)
    named = engine.ask("Le Département de l'Isère finance-t-il encore les associations "
                       "d'insertion ?")
    assert "departement-isere" in piste_ids(named)


def test_the_network_of_the_very_thing_the_project_is_accompanies_on_what_is_asked(engine):
    """A recyclerie asking for premises and money: the ressourceries' network offers neither
    as such, but accompanies its members on both."""
    answer = engine.ask("Bonjour, je monte une recyclerie en association à Issoire avec deux "
                        "amis, on n'a pas encore de local. Qui peut nous aider à trouver un "
                        "local et à financer les premiers travaux ?")
    assert "reseau-ressourceries" in piste_ids(answer)


def test_a_scheme_for_mainland_france_is_a_no_overseas(engine):
    answer = engine.ask("Notre association à Cilaos (La Réunion) fait vivre la broderie "
                        "traditionnelle. La fondation RTE peut-elle financer notre atelier ?")
    assert "a priori non, pas en outre-mer." in answer.answer.lower()
    mainland = engine.ask("Notre association à Riom-ès-Montagnes (Cantal) fait vivre la "
                          "broderie. La fondation RTE peut-elle financer notre atelier ?")
    assert "pas en outre-mer" not in mainland.answer


def test_a_sector_a_scheme_leaves_out_is_a_no(engine):
    answer = engine.ask("Je reprends une ferme laitière près de Mauriac dans le Cantal, "
                        "est-ce que Cantal Initiative peut me faire un prêt d'honneur ?").answer
    assert "pas pour votre secteur d'activité" in answer.split("\n_J'ai compris")[0]


def test_money_asked_of_a_body_that_gives_none_is_a_no(engine):
    answer = engine.ask("C'est quoi Wimoov ? Est-ce que Wimoov peut financer des scooters pour "
                        "nos salariés en insertion à Saint-Étienne ?").answer
    assert "ce n'est pas un financeur" in answer
    guarantee = engine.ask("Comment ça marche la garantie France Active ? On crée une SAS à "
                           "Aubenas et la banque demande une caution.").answer
    assert "ce n'est pas un financeur" not in guarantee


def test_a_scheme_for_newcomers_is_a_no_for_who_lives_there(engine):
    here = engine.ask("J'habite Aurillac depuis toujours, est-ce que je peux participer aux "
                      "sessions d'accueil d'actifs du Cantal pour ouvrir mon commerce ?").answer
    assert "pour des personnes venues d'ailleurs" in here
    newcomer = engine.ask("Je quitte Lyon pour le Cantal, est-ce que je peux participer aux "
                          "sessions d'accueil d'actifs du Cantal pour reprendre un commerce ?")
    assert "pour des personnes venues d'ailleurs" not in newcomer.answer


def test_what_the_person_lacks_meets_a_condition_for_those_without_it():
    """"on n'a pas d'agrément" and "associations qui veulent accueillir des volontaires sans
    agrément propre": the condition is met, not unmet."""
    assert not _said_not("on n a pas d agrement",
                         "Associations qui veulent accueillir des volontaires sans agrément "
                         "propre ou avec un appui.")


def test_what_a_rule_excludes_in_the_questions_words_is_said_first():
    """"courses solidaires, ... événements ponctuels sont exclus" and a "trail solidaire
    d'une journée": that exclusion is the rule to check."""
    from assistant.answer.lead import _content_stems, _excluded_words

    excluded = _excluded_words("dure plus d un an courses solidaires parrainages tombolas et "
                               "autres evenements ponctuels sont exclus")
    assert excluded & _content_stems("on organise un trail solidaire d une journee")
    assert not _excluded_words("les associations de tous les secteurs peuvent candidater")
