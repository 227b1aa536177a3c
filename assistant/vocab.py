"""Controlled vocabularies of the corpus, with French labels and the words people use for them.

The keys are what front matter and filters use; labels are shown to users; ``*_WORDS`` are the
(accent-free, lower-case) expressions that the question reader maps to each key.
"""

from __future__ import annotations

KINDS = {"organisation": "Structure d'accompagnement", "call": "Appel, aide ou financement",
         "guide": "Guide pratique"}

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

# Expressions (accent-free, lower case, matched on word boundaries) -> key. Longer ones first.
NEED_WORDS: dict[str, tuple[str, ...]] = {
    "pret_honneur": ("pret d honneur", "prets d honneur", "pret a taux zero personnel"),
    "garantie": ("garantie", "garanties", "garantir mon pret", "caution", "se porter garant"),
    "investissement": ("investissement", "investisseur", "investisseurs", "fonds propres",
                       "quasi fonds propres", "levee de fonds", "lever des fonds", "capital",
                       "entrer au capital", "business angels"),
    "pret": ("pret", "prets", "emprunt", "emprunter", "credit", "microcredit", "micro credit",
             "pret bancaire", "banque"),
    "subvention": ("subvention", "subventions", "aide financiere", "aides financieres",
                   "financement public", "dotation", "bourse", "fonds perdus", "fonds perdu"),
    "prix": ("prix", "concours", "trophee", "trophees", "laureat"),
    "incubation": ("incubateur", "incubateurs", "incubation", "incuber", "incube"),
    "acceleration": ("accelerateur", "accelerateurs", "acceleration", "accelerer",
                     "changer d echelle", "changement d echelle", "essaimer", "essaimage"),
    "formation": ("formation", "formations", "se former", "former", "apprendre"),
    "mise_en_reseau": ("reseau", "reseaux", "mise en reseau", "rencontrer", "partenaires",
                       "communaute", "pairs"),
    "locaux": ("locaux", "local", "bureau", "bureaux", "coworking", "lieu", "hebergement"),
    "accompagnement": ("accompagnement", "accompagner", "accompagne", "etre accompagne",
                       "conseil", "conseils", "aide pour", "mentor", "mentorat", "coaching",
                       "aider a structurer", "structurer"),
    "information": ("statut", "statut juridique", "forme juridique", "agrement", "demarches",
                    "comment creer", "orientation"),
}

#: Words that mean "money" without saying which kind: they select every financing need.
FINANCING_WORDS = ("financement", "financements", "financer", "finance", "fonds", "argent",
                   "budget", "tresorerie", "amorcage", "qui peut financer", "funding")

THEME_WORDS: dict[str, tuple[str, ...]] = {
    "mobilite": ("mobilite", "mobilites", "transport", "transports", "covoiturage",
                 "autopartage", "velo", "velos", "garage solidaire", "permis de conduire",
                 "deplacement", "deplacements", "navette", "mobilite rurale"),
    "alimentation": ("alimentation", "alimentaire", "alimentaires", "epicerie", "epiceries",
                     "restaurant", "cantine", "repas", "nourriture", "circuit court",
                     "circuits courts", "food"),
    "agriculture": ("agriculture", "agricole", "ferme", "maraichage", "paysan", "paysans",
                    "agriculteur", "agriculteurs"),
    "insertion_emploi": ("insertion", "emploi", "chomeurs", "chomage", "retour a l emploi",
                         "iae", "siae", "chantier d insertion", "demandeurs d emploi",
                         "entreprise d insertion"),
    "logement": ("logement", "logements", "habitat", "hebergement d urgence", "sans abri",
                 "sans domicile", "colocation solidaire", "mal loges"),
    "handicap": ("handicap", "handicapes", "handicapees", "en situation de handicap",
                 "accessibilite", "autisme", "pmr", "esat", "entreprise adaptee"),
    "sante": ("sante", "soin", "soins", "medical", "medicale", "bien etre", "sante mentale"),
    "education_jeunesse": ("education", "jeunes", "jeunesse", "ecole", "decrochage",
                           "etudiants", "enfants", "soutien scolaire"),
    "environnement": ("environnement", "ecologie", "ecologique", "climat", "biodiversite",
                      "transition ecologique", "developpement durable"),
    "economie_circulaire": ("economie circulaire", "recyclage", "reemploi", "recyclerie",
                            "ressourcerie", "reparation", "dechets", "upcycling", "zero dechet"),
    "energie": ("energie", "energies", "renovation energetique", "solaire", "photovoltaique",
                "precarite energetique"),
    "culture": ("culture", "culturel", "culturelle", "artistique", "spectacle", "musique",
                "tiers lieu", "tiers lieux"),
    "numerique": ("numerique", "digital", "inclusion numerique", "application", "plateforme",
                  "tech", "startup"),
    "cohesion_sociale": ("lien social", "cohesion sociale", "solidarite", "isolement",
                         "precarite", "pauvrete", "exclusion"),
    "ruralite": ("rural", "rurale", "rurales", "ruraux", "campagne", "village", "villages",
                 "zone rurale", "milieu rural", "territoires ruraux"),
    "quartiers_prioritaires": ("quartier prioritaire", "quartiers prioritaires", "qpv",
                               "quartiers populaires", "banlieue", "politique de la ville"),
    "egalite": ("egalite", "femmes", "entrepreneuses", "discrimination", "diversite",
                "parite"),
    "vieillissement": ("personnes agees", "seniors", "vieillissement", "ehpad",
                       "grand age", "aines"),
}

AUDIENCE_WORDS: dict[str, tuple[str, ...]] = {
    "porteur_projet": ("pas encore de structure", "pas de structure", "sans structure",
                       "juste une idee", "qu une idee", "seulement une idee", "porteur de projet",
                       "porteuse de projet", "pas encore cree", "pas encore creee",
                       "avant de creer", "je veux creer", "je voudrais creer", "je souhaite creer",
                       "futur createur", "future creatrice", "particulier", "pas encore immatricule"),
    "association": ("association", "associations", "asso", "loi 1901", "associatif",
                    "associative"),
    "cooperative": ("scop", "scic", "cooperative", "cooperatives", "cae",
                    "cooperative d activite"),
    "entreprise_esus": ("esus", "entreprise sociale", "entreprise de l ess",
                        "entreprise solidaire", "entreprise a impact", "entreprise de l economie"),
    "entreprise": ("sas", "sarl", "eurl", "sasu", "entreprise", "societe", "tpe", "pme",
                   "auto entrepreneur", "micro entreprise", "microentreprise"),
    "structure_insertion": ("siae", "chantier d insertion", "aci", "entreprise d insertion",
                            "structure d insertion"),
    "collectivite": ("commune", "mairie", "collectivite", "intercommunalite", "epci"),
}

STAGE_WORDS: dict[str, tuple[str, ...]] = {
    "idee": ("idee", "juste une idee", "emergence", "reflexion", "debut", "demarrer",
             "me lancer", "se lancer", "envie de"),
    "creation": ("creation", "creer", "lancer", "lancement", "demarrage", "immatriculer",
                 "monter mon", "monter une", "monter un", "fonder", "je cree"),
    "developpement": ("developpement", "developper", "grandir", "croissance", "recruter",
                      "embaucher", "consolider", "deja cree", "existe depuis", "depuis"),
    "changement_echelle": ("changement d echelle", "changer d echelle", "essaimer",
                           "essaimage", "dupliquer", "national", "deployer"),
}
