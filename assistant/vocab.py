"""Controlled vocabularies of the corpus, with French labels and the words people use for them.

The keys are what front matter and filters use; labels are shown to users; ``*_WORDS`` are the
(accent-free, lower-case) expressions that the question reader maps to each key.
"""

from __future__ import annotations

KINDS = {
    "organisation": "Structure d'accompagnement",
    "call": "Appel, aide ou financement",
    "guide": "Guide pratique",
}

AUDIENCES = {
    "porteur_projet": "porteur de projet sans structure",
    "association": "association",
    "cooperative": "coopérative (SCOP, SCIC, CAE)",
    "entreprise_esus": "entreprise de l'ESS / agréée ESUS",
    "entreprise": "entreprise (TPE, PME)",
    "structure_insertion": "structure d'insertion (SIAE)",
    "collectivite": "collectivité",
}

FINANCING_NEEDS = ("subvention", "pret", "pret_honneur", "garantie", "investissement", "prix")
SUPPORT_NEEDS = ("accompagnement", "incubation", "acceleration", "formation", "mise_en_reseau")

NEEDS = {
    "subvention": "subvention",
    "pret": "prêt",
    "pret_honneur": "prêt d'honneur",
    "garantie": "garantie",
    "investissement": "investissement en fonds propres",
    "prix": "prix, concours",
    "accompagnement": "accompagnement",
    "incubation": "incubation",
    "acceleration": "accélération",
    "formation": "formation",
    "mise_en_reseau": "mise en réseau",
    "locaux": "locaux",
    "information": "information, orientation",
}

THEMES = {
    "mobilite": "mobilité",
    "alimentation": "alimentation",
    "agriculture": "agriculture",
    "insertion_emploi": "insertion et emploi",
    "logement": "logement",
    "handicap": "handicap",
    "sante": "santé",
    "education_jeunesse": "éducation et jeunesse",
    "environnement": "environnement",
    "economie_circulaire": "économie circulaire",
    "energie": "énergie",
    "culture": "culture",
    "numerique": "numérique",
    "cohesion_sociale": "cohésion sociale",
    "ruralite": "ruralité",
    "quartiers_prioritaires": "quartiers prioritaires",
    "egalite": "égalité",
    "vieillissement": "vieillissement",
}

#: What to have at hand before contacting an organisation, by the kind of help it gives. This is
#: general advice (said so in the answer), not a statement about the organisation; a document's
#: own ``prepare`` field, taken from its sources, comes first.
PREPARE_COMMON = "une présentation du projet en quelques lignes : besoin social, public, territoire"
#: per need, the things to bring, one by one: needs that share one (incubation and accompagnement
#: both ask for the project's stage) name it once
PREPARE = {
    "subvention": ("le budget prévisionnel de l'action", "les autres financements sollicités"),
    "pret": ("le plan de financement", "le montant recherché"),
    "pret_honneur": ("le plan de financement", "le montant recherché"),
    "garantie": ("le plan de financement", "le nom de votre banque"),
    "investissement": ("le prévisionnel sur trois ans", "le montant de fonds propres recherché"),
    "prix": ("le règlement du concours", "sa date limite"),
    "accompagnement": ("l'état d'avancement du projet", "ce qui vous bloque aujourd'hui"),
    "incubation": ("l'état d'avancement du projet", "votre disponibilité pour un programme"),
    "acceleration": ("vos chiffres clés (activité, emplois, budget)", "votre projet de croissance"),
    "formation": ("vos besoins de formation", "vos disponibilités"),
    "mise_en_reseau": ("le type de partenaires que vous cherchez",),
    "locaux": ("la surface, la durée et le budget recherchés",),
}
PREPARE_CALL = "le règlement de l'appel, sa date limite et les pièces demandées"

STAGES = {
    "idee": "idée",
    "creation": "création",
    "developpement": "développement",
    "changement_echelle": "changement d'échelle",
}

RECURRENCES = {
    "one_off": "session unique",
    "annual": "chaque année",
    "recurring": "plusieurs sessions par an",
    "ongoing": "toute l'année",
}

# Expressions (accent-free, lower case, matched on word boundaries) -> key. Longer ones win.
# fmt: off
NEED_WORDS: dict[str, tuple[str, ...]] = {
    "pret_honneur": ("pret d honneur", "prets d honneur", "pret d honeur", "pret dhonneur"),
    "garantie": ("garantie", "garanties", "garantir", "garantit", "garant", "caution",
                 "se porter garant", "faire garantir"),
    "investissement": ("investissement", "investisseur", "investisseurs", "fonds propres",
                       "quasi fonds propres", "levee de fonds", "lever des fonds", "lever",
                       "entrer au capital", "entrent au capital", "business angels",
                       "epargne solidaire", "finance solidaire", "capital risque"),
    "pret": ("pret", "prets", "emprunt", "emprunter", "credit", "microcredit", "micro credit",
             "pret bancaire", "preter", "me preter", "nous preter", "faire credit"),
    "subvention": ("subvention", "subventions", "aide financiere", "aides financieres",
                   "financement public", "dotation", "bourse", "fonds perdus", "fonds perdu",
                   "aide au poste", "aides au poste", "aide par poste", "allocations en capital",
                   "premiere subvention", "combien on touche"),
    "prix": ("un prix", "des prix", "les prix", "prix de l", "concours", "trophee", "trophees",
             "laureat", "recompense"),
    "incubation": ("incubateur", "incubateurs", "incubation", "incuber", "incube"),
    "acceleration": ("accelerateur", "accelerateurs", "acceleration", "programme d acceleration"),
    "formation": ("formation", "formations", "se former", "former", "apprendre a"),
    "mise_en_reseau": ("reseau", "reseaux", "mise en reseau", "rencontrer d autres",
                       "partenaires", "pairs"),
    "locaux": ("locaux pour", "des locaux", "de locaux", "nos locaux", "un local", "local plus",
               "bureau", "bureaux", "coworking", "des salles", "une salle", "salles pour",
               "un lieu pour", "hebergement de"),
    "accompagnement": ("accompagnement", "accompagner", "accompagne", "accompagnes",
                       "accompagnee", "accompagnees", "etre accompagne", "conseil", "conseils",
                       "conseiller", "aide pour", "mentor", "mentors", "mentorat", "coaching",
                       "aider a structurer", "structurer", "tester son idee", "consolider notre",
                       "diagnostic"),
    "information": ("statut", "statuts", "statut juridique", "forme juridique", "juridique",
                    "juridiquement", "agrement", "demarches", "comment creer", "orientation",
                    "declarer", "conventionnement", "etapes", "label", "budget previsionnel",
                    "m expliquer", "comment ca marche"),
}
# fmt: on

#: Words that mean "money" without saying which kind: they select every financing need.
FINANCING_WORDS = (
    "financement",
    "financements",
    "financer",
    "finance",
    "financeurs",
    "fonds",
    "des fonds",
    "argent",
    "tresorerie",
    "amorcage",
    "qui peut financer",
    "funding",
    "financeur",
)

# fmt: off
THEME_WORDS: dict[str, tuple[str, ...]] = {
    "mobilite": ("mobilite", "mobilites", "transport", "transports", "covoiturage", "autopartage",
                 "velo", "velos", "garage solidaire", "permis de conduire", "deplacement",
                 "deplacements", "navette", "auto ecole", "velo ecole", "transport a la demande",
                 "livraison a velo"),
    "alimentation": ("alimentation", "alimentaire", "alimentaires", "epicerie", "epiceries",
                     "restaurant", "cantine", "repas", "nourriture", "circuit court",
                     "circuits courts", "restauration collective", "cuisine", "fruits",
                     "legumes", "boulangerie solidaire"),
    "agriculture": ("agriculture", "agricole", "ferme", "maraichage", "paysan", "paysans",
                    "agriculteur", "agriculteurs"),
    "insertion_emploi": ("insertion", "retour a l emploi", "iae", "siae", "chantier d insertion",
                         "demandeurs d emploi", "entreprise d insertion", "eloignees de l emploi",
                         "eloignes de l emploi", "acces a l emploi", "pour l emploi",
                         "chomeurs de longue duree"),
    "logement": ("logement", "logements", "habitat", "hebergement d urgence", "sans abri",
                 "sans domicile", "colocation solidaire", "mal loges"),
    "handicap": ("handicap", "handicapes", "handicapees", "en situation de handicap",
                 "accessibilite", "autisme", "pmr", "esat", "entreprise adaptee"),
    "sante": ("sante", "soin", "soins", "medical", "medicale", "bien etre", "sante mentale",
              "e sante"),
    "education_jeunesse": ("education", "jeunes", "jeunesse", "ecole", "decrochage", "enfants",
                           "soutien scolaire", "aide aux devoirs", "pedagogique", "edtech"),
    "environnement": ("environnement", "ecologie", "ecologique", "climat", "biodiversite",
                      "transition ecologique", "developpement durable", "jardins partages",
                      "compostage", "eco construction"),
    "economie_circulaire": ("economie circulaire", "recyclage", "reemploi", "recyclerie",
                            "ressourcerie", "dechets", "upcycling", "zero dechet", "friperie",
                            "textiles", "seconde main"),
    "energie": ("energie", "energies", "renovation energetique", "solaire", "photovoltaique",
                "precarite energetique"),
    "culture": ("culture", "culturel", "culturelle", "artistique", "spectacle", "musique",
                "theatre", "festival", "artistes"),
    "numerique": ("numerique", "digital", "inclusion numerique", "application", "appli",
                  "plateforme", "tech", "informatique", "edtech", "e sante"),
    "cohesion_sociale": ("lien social", "cohesion sociale", "solidarite", "isolement",
                         "precarite", "pauvrete", "exclusion", "cafe associatif"),
    "ruralite": ("rural", "rurale", "rurales", "ruraux", "campagne", "village", "villages",
                 "zone rurale", "milieu rural", "territoires ruraux"),
    "quartiers_prioritaires": ("quartier prioritaire", "quartiers prioritaires", "qpv",
                               "quartiers populaires", "banlieue", "politique de la ville"),
    "egalite": ("egalite", "femmes", "femme", "entrepreneuses", "discrimination", "diversite",
                "parite"),
    "vieillissement": ("personnes agees", "seniors", "vieillissement", "ehpad", "grand age",
                       "aines"),
}
#: Expressions that look like a theme but are not one ("jeunes entrepreneurs").
NOT_THEMES = ("jeunes entrepreneurs", "jeune entrepreneur", "jeunes entreprises",
              "cooperative d activite et d emploi", "activite et d emploi")

AUDIENCE_WORDS: dict[str, tuple[str, ...]] = {
    "structure_insertion": ("siae", "chantier d insertion", "atelier chantier d insertion",
                            "entreprise d insertion", "structure d insertion"),
    "entreprise_esus": ("agreee esus", "agree esus", "agrement esus obtenu", "entreprise sociale",
                        "entreprise de l ess", "entreprise solidaire", "entreprise a impact",
                        "startup sociale", "start up sociale", "startups a impact"),
    "cooperative": ("scop", "scic", "cooperative", "cooperatives", "cae",
                    "cooperative d activite"),
    "association": ("association", "associations", "asso", "loi 1901", "associatif",
                    "associative", "assocation"),
    "entreprise": ("sas", "sarl", "eurl", "sasu", "entreprise", "societe", "tpe", "pme",
                   "auto entrepreneur", "micro entreprise", "microentreprise", "boite"),
    "collectivite": ("commune", "mairie", "collectivite", "intercommunalite", "epci"),
}
#: Said by someone who has no structure yet (whatever structure they plan).
NO_STRUCTURE = ("pas encore de structure", "pas de structure", "sans structure", "juste une idee",
                "qu une idee", "seulement une idee", "j ai une idee", "j ai l idee",
                "on a une idee", "on a l idee", "avec une idee", "une idee d", "une idee de",
                "porteur de projet", "porteuse de projet", "porteur d un projet",
                "porteuse d un projet", "pas encore cree", "pas encore creee", "avant de creer",
                "je veux creer", "je voudrais creer", "je souhaite creer", "j aimerais creer",
                "on veut creer", "on voudrait creer", "je cree", "je crée", "on cree",
                "nous creons", "je monte", "on monte", "nous montons", "je lance", "on lance",
                "je reprends", "on reprend", "en train de creer", "je veux monter",
                "je voudrais monter", "je vais creer", "pas encore de societe",
                "futur createur", "future creatrice", "pas encore immatricule",
                "lancer ma", "lancer mon", "creer ma", "creer mon")
#: Said by someone who speaks for a structure that exists.
HAS_STRUCTURE = ("notre association", "notre asso", "notre scop", "notre scic", "notre sas",
                 "notre entreprise", "notre structure", "notre cooperative", "notre atelier",
                 "notre chantier", "mon association", "mon asso", "ma sas", "mon entreprise",
                 "ma structure", "nous sommes une", "nous sommes un", "on est une",
                 "on a une asso", "on a une association", "notre mairie", "on est une mairie",
                 "on est une petite commune", "notre commune", "nous portons", "avec notre asso",
                 "notre assocation", "ma startup", "notre startup", "vient d etre creee",
                 "vient d etre cree", "mairie de", "notre sarl", "notre sasu", "notre eurl",
                 "notre societe", "ma societe", "ma scop", "ma scic", "mon atelier")

STAGE_WORDS: dict[str, tuple[str, ...]] = {
    "changement_echelle": ("changement d echelle", "changer d echelle", "passer a l echelle",
                           "essaimer", "essaimage", "dupliquer", "ouvrir des antennes",
                           "d autres villes", "deployer"),
    "developpement": ("developpement", "developper", "se developper", "grandir", "croissance",
                      "recruter", "embaucher", "consolider", "deja cree", "existe depuis",
                      "plus grand", "second lieu", "deuxieme", "pour construire",
                      "creer un poste", "nouvelle action", "nouveau programme",
                      "nouvelle activite", "ans d existence", "avec 3 salaries",
                      "emploie"),
    "creation": ("creation", "je cree", "on cree", "nous creons", "je monte", "on monte",
                 "je lance", "on lance", "je reprends", "on reprend", "en train de creer",
                 "on ouvre", "vient d etre creee", "vient d etre cree", "qui demarre",
                 "immatriculer", "le mois prochain", "lancer ma", "lancer mon"),
    "idee": ("idee", "juste une idee", "emergence", "reflexion", "je reflechis", "envie de",
             "je veux creer", "je voudrais creer", "on voudrait creer", "j aimerais creer",
             "je voudrais monter", "on voudrait monter", "j aimerais monter",
             "je voudrais lancer", "on voudrait lancer", "porteur d un projet",
             "porteuse d un projet", "porteur de projet", "porteuse de projet", "je veux monter",
             "on veut creer", "tester son idee"),
}
# fmt: on

#: Zones that some aids are reserved to, with the official definition the assistant states
#: (it cannot tell from a commune's name whether an address is in such a zone, so it asks).
ZONES = {
    "qpv": (
        "réservé aux quartiers prioritaires de la politique de la ville (liste officielle fixée "
        "par décret, n° 2024-806 du 13 juillet 2024 pour l'Hexagone ; une adresse se vérifie sur "
        "sig.ville.gouv.fr)"
    ),
    "rural": (
        "réservé aux communes rurales au sens de l'Insee (grille communale de densité : "
        "communes peu denses ou très peu denses)"
    ),
}
ZONE_QUESTIONS = {
    "qpv": "Votre projet est-il situé dans un quartier prioritaire de la politique de la ville "
    "(vérifiable sur sig.ville.gouv.fr) ?",
    "rural": "Votre commune est-elle rurale au sens de l'Insee (commune peu dense ou très peu "
    "dense) ?",
}
ZONE_THEMES = {"qpv": "quartiers_prioritaires", "rural": "ruralite"}
