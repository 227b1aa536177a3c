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
    "pret_honneur": ("pret d honneur", "prets d honneur", "pret d honeur", "pret dhonneur",
                     # the bank asks for more personal funds: a loan to the founder raises them
                     "plus d apport", "renforcer l apport", "renforcer mon apport",
                     "renforcer notre apport", "augmenter l apport", "augmenter mon apport",
                     "completer l apport", "completer mon apport", "manque d apport",
                     "mon apport personnel", "l apport personnel"),
    "garantie": ("garantie", "garanties", "garantir", "garantit", "garant", "caution",
                 "se porter garant", "faire garantir",
                 # a bank that hesitates: a guarantee on its loan is what tips it
                 "la banque hesite", "banque hesite", "les banques hesitent", "banque frileuse",
                 "la banque est frileuse", "les banques sont frileuses", "la banque ne repond pas",
                 "la banque tarde"),
    "investissement": ("investissement solidaire", "investissement a impact",
                       "investissement en fonds propres", "fonds d investissement",
                       "investisseur", "investisseurs", "fonds propres",
                       "quasi fonds propres", "levee de fonds", "lever des fonds", "lever",
                       "entrer au capital", "entrent au capital", "business angels",
                       "epargne solidaire", "finance solidaire", "capital risque",
        "pret participatif", "prets participatifs", "titres participatifs", "obligations",
        "capital citoyen"),
    "pret": ("pret", "prets", "emprunt", "emprunter", "credit", "microcredit", "micro credit",
             "pret bancaire", "preter", "me preter", "nous preter", "faire credit",
             # a bank that said no, no savings: a loan is what is missing (microcredit,
             # guarantee)
             "la banque veut pas", "la banque ne veut pas", "la banque refuse", "banque refuse",
             "refus de la banque", "refus bancaire", "refus de pret", "les banques refusent",
             "les banques ne veulent pas", "sans apport", "pas d apport", "aucun apport",
             "pas d argent de cote", "pas d economies", "aucune economie", "sans economies"),
    "subvention": ("subvention", "subventions", "subv", "subvs", "aide financiere",
                   "aides financieres",
                   "financement public", "dotation", "bourse", "fonds perdus", "fonds perdu",
                   "aide au poste", "aides au poste", "aide par poste", "allocations en capital",
                   "premiere subvention", "combien on touche",
        "mecenes", "mecene", "mecenat", "fondations", "une fondation", "subventionner",
        "aide a l investissement", "aides a l investissement",
        "appels a projets", "appel a projets", "appels a projet"),
    "prix": ("un prix", "des prix", "les prix", "prix de l", "concours", "trophee", "trophees",
             "laureat", "recompense"),
    "incubation": ("incubateur", "incubateurs", "incubation", "incuber", "incube"),
    "acceleration": ("accelerateur", "accelerateurs", "acceleration", "programme d acceleration"),
    "formation": ("formation", "formations", "se former", "former", "apprendre a"),
    "mise_en_reseau": ("reseau", "reseaux", "mise en reseau", "rencontrer d autres",
                       "partenaires", "pairs",
        "mis en reseau", "mettre en reseau", "rencontrer", "d autres structures",
        "d autres associations", "partenariats", "partenariat",
        "besoin de benevoles", "cherche des benevoles", "cherchons des benevoles",
        "recruter des benevoles", "trouver des benevoles", "recherche de benevoles",
        "recrutement de benevoles"),
    "locaux": ("locaux pour", "des locaux", "de locaux", "nos locaux", "un local", "local plus",
               "un bureau", "des bureaux", "de bureaux", "bureaux pour", "bureau pour",
               "coworking", "des salles", "une salle", "salles pour",
               "un lieu pour", "hebergement de",
        "local supplementaire", "louer un local", "trouver un local", "un lieu", "locaux pas chers",
        "un terrain", "un atelier pour", "pour le local", "le local", "d un local",
        "notre local", "ce local", "des lieux partages", "un lieu partage",
        "besoin d un atelier", "besoin d un lieu", "besoin d une salle", "un toit pour"),
    "accompagnement": ("accompagnement", "accompagner", "accompagne", "accompagnes",
                       "besoin d un dla", "passer par le dla", "un dla pour",
                       "accompagnee", "accompagnees", "etre accompagne", "conseil", "conseils",
                       "conseiller", "besoin d aide", "aide pour monter", "aide pour demarrer",
                       "aide pour lancer",
                       "aide pour structurer", "mentor", "mentors", "mentorat", "coaching",
                       "aider a structurer", "structurer", "tester son idee", "consolider notre",
                       "diagnostic",
        "accompagnements", "dispositifs d accompagnement", "dispositif d accompagnement",
        "structures d accompagnement",
                       "reprendre en scop", "reprise en scop", "reprendre en scic",
                       "reprise par les salaries", "reprendre l entreprise",
                       "soucis de financement", "soucis financiers", "difficultes financieres",
                       "difficultes de financement", "probleme de financement",
                       "problemes de financement", "voir clair", "voir plus clair",
                       "faire le point", "tenir financierement", "modele economique fragile"),
    "information": ("statut", "statuts", "statut juridique", "forme juridique", "juridique",
                    "juridiquement", "agrement", "demarches", "comment creer", "orientation",
                    "declarer", "conventionnement", "etapes", "label", "budget previsionnel",
                    "m expliquer", "comment ca marche", "la difference entre",
                    "quelle difference", "quelles differences", "les differences entre",
        "par ou commencer", "ne sais pas par ou", "par ou je commence",
        "par ou on commence", "quels dispositifs", "quels sont les dispositifs",
        "ca marche comment", "comment ca fonctionne", "comment faire", "comment on fait",
        "quelles demarches", "nous expliquer", "expliquer", "renseignements", "se renseigner",
        "de l info", "des infos", "de l information", "des informations", "comment s y prendre",
        "comment on s y prend", "comment je m y prends", "comment proceder",
        "a quoi ai je droit",
                    "comment on cree", "comment on monte", "comment monter", "comment faire pour",
                    "comment devenir", "comment obtenir", "comment on fait pour",
        "vers qui se tourner", "qui contacter", "par quoi commencer", "conseils juridiques",
        "conseil juridique", "aide juridique"),
}
# fmt: on

#: Words that mean "money" without saying which kind: they select every financing need.
FINANCING_WORDS = (
    "payer ca", "payer cela", "peut payer", "pourrait payer", "peuvent payer", "qui paie",
    "qui paye",
    "acheter du materiel", "achat de materiel", "materiel pro", "acheter des machines",
    "acheter le materiel", "achat du materiel", "acheter l equipement",
    "aider financierement",
    "aide financierement",
    "financierement",
    "financement",
    "financements",
    "financer",
    "finance",
    "financeurs",
    "fonds",
    "des fonds",
    "argent",
    "tresorerie",
    "treso",  # as typed in a chat
    # money to pay people, oneself included: "et pour payer les jeunes ?", "il me faudrait un
    # salaire au début"
    "pour payer",
    "payer les salaires",
    "payer un salaire",
    "un salaire au debut",
    "me verser un salaire",
    "me payer",
    "me remunerer",
    "nous remunerer",
    "nous payer",
    # money to buy something: "et pour acheter une nouvelle machine, on fait comment ?"
    "pour acheter",
    "pour l achat",
    "besoin d acheter",
    "doit acheter",
    "devons acheter",
    "faut acheter",
    "investir dans",
    "pour investir",
    "thune",
    "thunes",
    # a takeover is bought: "racheter l'épicerie", "reprendre l'entreprise en Scop"
    "racheter",
    "rachat",
    "reprendre en scop",
    "reprise en scop",
    "reprendre en scic",
    "reprise par les salaries",
    "reprendre l entreprise",
    "pognon",
    "amorcage",
    "qui peut financer",
    "funding",
    "financeur",
    "des sous",
    "de sous",
    "les sous",
    "des aides",
    "les aides",
    "quelles aides",
    "quelle aide",
    "comme aides",
    "comme aide",
    "comme financement",
    "comme financements",
    "d aides",
    "aides pour",
    "partenaires financiers",
    "financements",
    "un financement",
    "de l argent",
    "besoin d argent",
    # an "investissement" is also spending on equipment or premises: money, of any kind
    "investissement",
    "investissements",
    "investir",
)
#: What people say they look for before an amount ("cherche 30k€", "besoin de 15000euros").
AMOUNT_SOUGHT = (
    r"(?:cherche|cherchons|besoin d|besoin de|trouver|lever|manque|il nous faut|recherche"
    r"|faudrait|il me faut)"
    r"\D{0,12}\d[\d\s.,]*\s*(?:k|€|euros?|eur\b)"
)
#: Activities of the project that use need words: not what the person asks for.
#: names that hold a need's word: "la conférence des financeurs" asks for no money by itself
NAMES_NOT_NEEDS = ("conference des financeurs", "conferences des financeurs")
NOT_NEEDS = ("nos subventions", "notre subvention", "leurs subventions",
             "accompagnement scolaire", "accompagnement social", "accompagnement des personnes",
             "accompagnement des familles", "accompagnement des jeunes",
             "accompagnement des publics", "accompagnement a domicile",
             "accompagnement vers l emploi", "accompagnement a la scolarite", "aide aux devoirs",
             "aide alimentaire", "aide a domicile", "aide aux aidants", "soutien scolaire",
             "programme de mentorat", "mentorat vers", "en attendant le versement d une subvention",
             "en attendant une subvention", "en attendant les subventions",
             "en attendant le versement des subventions", "en attendant la subvention",
             "prix bas", "prix libre", "petits prix", "a prix", "aide a trouver",
             "aide pour trouver",
             "aide pour obtenir", "aide pour louer", "statuts deposes", "deposer les statuts",
             "depose les statuts", "deposes en", "pas encore de statut", "pas de statut",
             "qui accompagne", "qui accompagnent", "on accompagne", "nous accompagnons",
             "avons accompagne", "accompagne des", "accompagnons des",
             "repondre aux appels a projets", "repondre a un appel a projets",
             "repond a un appel a projets", "repondre a des appels a projets",
             "reponse a un appel a projets",
             # jobs and bodies, not advice: "un poste de conseiller numérique", "le conseil
             # départemental"
             "conseiller numerique", "conseillers numeriques", "conseillere numerique",
             "conseilleres numeriques", "conseiller en insertion", "conseillere en insertion",
             "poste de conseiller", "conseil d administration", "conseil municipal",
             "conseil departemental", "conseil regional", "conseil de quartier",
             "conseil citoyen", "conseils citoyens",
             # care, not fund-raising: "aide au lever"; rents, not bank loans: "garanties de
             # loyers"
             "aide au lever", "au lever", "le lever", "garantie de loyer", "garanties de loyer",
             "garantie de loyers", "garanties de loyers", "garantie des loyers",
             "garanties des loyers", "garantie locative", "garanties locatives",
             "garantie loyers impayes", "garantie contre les impayes")
#: Questions about rules and steps that stand on their own: "par où commencer", "comment
#: faire" alone are only a way of asking when another need is named.
STRONG_INFORMATION = ("statut", "statuts", "statut juridique", "forme juridique", "juridique",
                      "juridiquement", "agrement", "demarches", "comment creer", "declarer",
                      "conventionnement", "etapes", "label", "budget previsionnel",
                      "comment ca marche", "ca marche comment", "comment ca fonctionne",
                      "quelles demarches", "a quoi ai je droit", "quels dispositifs",
                      "quels sont les dispositifs")
#: Money words that are not the kind of help sought ("partenaires financiers" is no network).
FINANCING_NOT_NETWORK = ("partenaires financiers", "partenaire financier", "financeurs")

# fmt: off
THEME_WORDS: dict[str, tuple[str, ...]] = {
    "mobilite": ("mobilite", "mobilites", "transport", "transports", "covoiturage", "autopartage",
                 "velo", "velos", "garage solidaire", "permis de conduire", "deplacement",
                 "deplacements", "navette", "auto ecole", "velo ecole", "transport a la demande",
                 "livraison a velo",
        "voiture", "voitures", "vehicule", "vehicules", "taxi", "taxis", "pedibus", "aller a pied",
        "velo cargo", "velos cargos", "trottinette", "trottinettes", "transport solidaire",
        "garage associatif", "garages solidaires", "mobilite reduite", "mobilite inclusive",
        "aller travailler", "aller au travail", "sans voiture", "bus", "minibus", "conduire",
        "atelier velo", "ateliers velo", "cyclable",
        "sans permis", "passer le permis"),
    "alimentation": ("alimentation", "alimentaire", "alimentaires", "epicerie", "epiceries",
                     "restaurant", "cantine", "repas", "nourriture", "circuit court",
                     "circuits courts", "restauration collective", "cuisine", "fruits",
                     "legumes", "boulangerie solidaire",
        "food truck", "foodtruck", "invendus alimentaires", "atelier de transformation",
        "transformation alimentaire", "traiteur", "cuisiner", "repas solidaires",
        "aide alimentaire", "epicerie solidaire", "epiceries solidaires", "cantines", "manger",
        "nourrir", "glanage", "restauration", "cafe cantine", "conserverie", "legumerie", "paniers",
        "banque alimentaire", "colis alimentaires", "denrees",
        "magasin de producteurs", "cidrerie", "fromagerie", "des plats", "plats cuisines"),
    "agriculture": ("agriculture", "agricole", "ferme", "maraichage", "paysan", "paysans",
                    "agriculteur", "agriculteurs",
        "eleveuse", "eleveur", "eleveurs", "elevage", "paysanne", "paysannes", "jardin partage",
        "jardins partages", "jardin", "jardins", "potager", "potagers", "maraicher", "maraichere",
        "apiculture", "ruches", "fermes", "ferme pedagogique", "agroecologie", "permaculture",
        "installation agricole", "cultiver", "vergers", "producteurs",
        "cidrerie", "magasin de producteurs",
        "maraichers", "maraicheres", "produits agricoles"),
    "insertion_emploi": ("insertion", "retour a l emploi", "iae", "siae", "chantier d insertion",
                         "demandeurs d emploi", "entreprise d insertion", "eloignees de l emploi",
                         "eloignes de l emploi", "acces a l emploi", "pour l emploi",
                         "chomeurs de longue duree",
        "en insertion", "personnes en insertion", "au rsa", "beneficiaires du rsa", "rsa",
        "vers l emploi", "trouver un emploi", "retrouver un emploi", "trouver du travail",
        "embaucher des personnes", "embauche des personnes", "employer des personnes",
        "emplois pour", "creer leur activite", "creer leur emploi", "mecanicien en insertion",
        "chantiers d insertion", "entreprises d insertion", "entreprise adaptee",
        "entreprises adaptees", "esat", "travailleurs handicapes", "qualification",
        "remobilisation", "demandeurs d emploi", "refugies vers l emploi", "tzcld",
        "territoire zero chomeur",
        "femmes en insertion", "aller au travail", "aller travailler",
        "personnes en situation de handicap a l emploi",
        "sortant de prison", "sortants de prison", "sortant de detention",
        "etti", "entretiens d embauche", "entretien d embauche", "regie de quartier",
        "regies de quartier"),
    "logement": ("logement", "logements", "habitat", "hebergement d urgence", "sans abri",
                 "sans domicile", "colocation solidaire", "mal loges",
        "hebergement", "heberger", "colocation", "colocations", "habitat inclusif",
        "habitat partage", "logement social", "loger", "toit", "residence", "pension de famille",
        "intergenerationnel", "habitat participatif",
        "sans abri", "sans domicile"),
    "handicap": ("handicap", "handicapes", "handicapees", "en situation de handicap",
                 "accessibilite", "autisme", "pmr", "esat", "entreprise adaptee",
        "autiste", "autistes", "autistique", "mobilite reduite", "personnes a mobilite reduite",
        "handicape", "handicapee", "en fauteuil", "fauteuil roulant", "sourds", "sourdes",
        "malentendants", "malvoyants", "aveugles", "polyhandicap", "polyhandicapes", "trisomie",
        "troubles dys", "handicap psychique", "adaptee", "adaptes", "adaptees", "inclusifs",
        "aidants d enfants handicapes", "rqth", "travailleur handicape", "travailleuse handicapee",
        "reconnaissance de travailleur handicape", "reconnaissance de la qualite de travailleur"),
    "sante": ("sante", "soin", "soins", "medical", "medicale", "bien etre", "sante mentale",
              "e sante",
        "malade", "malades", "maladie", "maladies", "medecin", "medecins", "maison de sante",
        "maisons de sante", "aidant", "aidants", "aidants familiaux", "prevention", "hopital",
        "hospitalises", "soignants", "psychique", "psy", "addictions", "addiction", "cancer",
        "repit", "therapie", "bien vieillir", "nutrition", "sport sante", "desert medical",
        "centre de sante",
        "hopitaux", "hospitalier", "hospitaliere", "clinique",
        "alzheimer", "soutien psychologique", "psychologique", "mediation sante",
        "mediation en sante"),
    "education_jeunesse": ("education", "jeunes", "jeunesse", "ecole", "decrochage", "enfants",
                           "soutien scolaire", "aide aux devoirs", "pedagogique", "edtech",
        "scolaire", "scolaires", "accompagnement scolaire", "etudiant", "etudiants", "etudiante",
        "etudiantes", "eleves", "eleve", "creche", "creches", "micro creche", "petite enfance",
        "ecoles", "periscolaire", "college", "colleges", "lycee", "lyceens", "ados", "adolescents",
        "enfant", "education populaire", "apprentissage", "decrocheurs", "mineurs", "parentalite",
        "orientation des jeunes",
        "jeunes des quartiers", "jeunes du quartier",
        "ferme pedagogique",
        "assistantes maternelles", "assistante maternelle", "assistants maternels", "lycees",
        "collegiens", "collegiennes"),
    "environnement": ("environnement", "ecologie", "ecologique", "climat", "biodiversite",
                      "transition ecologique", "developpement durable",
                      "compostage", "eco construction",
        "filets de peche", "ocean", "oceans", "plastique", "plastiques", "pollution", "nature",
        "eco tourisme", "ecotourisme", "faune", "flore", "zero carbone", "bas carbone",
        "sensibilisation a l environnement", "education a l environnement",
        "protection de la nature",
        "tortues", "especes menacees", "especes protegees", "milieux marins", "littoral"),
    "economie_circulaire": ("economie circulaire", "recyclage", "reemploi", "recyclerie",
                            "ressourcerie", "dechets", "upcycling", "zero dechet", "friperie",
                            "textiles", "seconde main",
        "recycle", "recycles", "recyclee", "recyclees", "recycler", "repair cafe", "invendus",
        "anti gaspillage", "gaspillage", "reemployer", "recuperation", "recup",
        "vetements d occasion", "occasion", "reconditionne", "reconditionnes", "reconditionnement",
        "valorisation", "consigne", "vrac", "ressourceries", "recycleries",
        "atelier velo", "ateliers velo",
        "electromenager", "reparation d electromenager", "reparation de materiel",
        "boutique solidaire", "boutiques solidaires", "meubles d occasion"),
    "energie": ("energie", "energies", "renovation energetique", "solaire", "solaires",
                "photovoltaique", "photovoltaiques", "precarite energetique", "eoliennes",
        "energetique", "energetiques", "centrale solaire", "centrales solaires",
        "centrale villageoise", "centrales villageoises", "panneaux solaires", "eolien", "eolienne",
        "hydroelectrique", "methanisation", "bois energie", "chaleur", "energie citoyenne",
        "autoconsommation", "sobriete energetique",
        "renovation thermique", "isolation thermique", "thermique"),
    "culture": ("culture", "culturel", "culturelle", "artistique", "spectacle", "musique",
                "theatre", "festival", "artistes",
        "librairie", "librairies", "cafe librairie", "livres", "livre", "lecture", "bibliotheque",
        "mediatheque", "cinema", "danse", "arts", "art", "arts plastiques", "patrimoine", "musee",
        "musees", "exposition", "expositions", "concerts", "concert", "spectacles", "cirque",
        "photographie", "ecriture", "edition", "tiers lieu culturel", "artiste", "compagnie",
        "chorale", "fanfare", "magie", "magicien", "magiciens",
        "poterie", "ceramique", "remparts", "chateau", "monument", "monuments",
        "radio associative", "theatre forum", "musiciens", "musicien", "musicienne",
        "musiciennes", "local de repetition", "studio de repetition", "disques", "label de musique",
        "groupe de musique", "intermittents", "intermittent du spectacle", "musiques actuelles"),
    "numerique": ("numerique", "digital", "inclusion numerique", "application", "appli",
                  "plateforme", "tech", "informatique", "edtech", "e sante",
        "fracture numerique", "mediation numerique", "informatique", "ordinateurs", "logiciel",
        "site internet", "applications", "code informatique", "coder", "internet", "smartphone",
        "numeriques",
        "data",
        "logiciels", "logiciels libres", "ordis", "demarches en ligne", "dematerialisation"),
    "cohesion_sociale": ("lien social", "cohesion sociale", "solidarite", "isolement",
                         "precarite", "pauvrete", "exclusion", "cafe associatif",
        "refugies", "refugie", "migrants", "exiles", "demandeurs d asile", "lien entre voisins",
        "voisinage", "recreer du lien", "creer du lien", "du lien", "intergenerationnel",
        "vivre ensemble", "mixite sociale", "grande precarite", "maraudes", "detenus", "prison",
        "sortants de prison",
        "migrantes", "migrant", "refugiees", "cours de francais", "interculturel",
        "interculturelle", "interculturalite",
        "entre voisins", "repas partages", "repas partage",
        # mediation between people and institutions, in the street or the halls
        # (not "médiation culturelle", "médiation numérique")
        "mediation sociale", "de la mediation avec", "de la mediation aupres",
        "de la mediation dans", "mediation de rue", "mediation de quartier", "mediateur social",
        "mediatrice sociale", "mediateurs sociaux", "mediatrices sociales", "acces aux droits"),
    "ruralite": ("rural", "rurale", "rurales", "ruraux", "campagne", "village", "villages",
                 "zone rurale", "milieu rural", "territoires ruraux",
        "villages", "commune rurale", "communes rurales", "zones rurales", "territoire rural",
        "en campagne", "a la campagne", "hameau", "hameaux",
        "du bourg", "centre bourg", "le bourg"),
    "quartiers_prioritaires": ("quartier prioritaire", "quartiers prioritaires", "qpv",
                               "quartiers populaires", "banlieue", "politique de la ville",
        "quartiers nord", "quartiers sensibles", "cite", "cites", "jeunes des quartiers",
        "des quartiers", "habitants des quartiers", "qpv", "zus", "zone urbaine sensible",
        "politique de la ville",
        "jeunes du quartier"),
    "egalite": ("egalite", "femmes entrepreneuses", "entrepreneuses", "discrimination",
                "discriminations", "diversite", "parite",
        "pour les femmes", "pour femmes", "aux femmes", "des femmes", "femmes en insertion",
        "femmes victimes", "egalite femmes hommes", "lgbt", "lgbtqia", "mixite",
        "entrepreneuriat feminin", "mamans solos", "familles monoparentales",
        "femme entrepreneuse", "femmes entrepreneuses",
        "sexiste", "sexistes", "sexisme", "violences faites aux femmes"),
    "vieillissement": ("personnes agees", "seniors", "vieillissement", "ehpad", "grand age",
                       "aines",
        "personnes agees", "personne agee", "ages", "agees", "retraites", "plus de 75 ans",
        "plus de 60 ans", "grand age", "perte d autonomie", "maintien a domicile",
        "residences seniors", "senior", "intergenerationnelle",
        "alzheimer", "maladie d alzheimer"),
}
#: Expressions that look like a theme but are not one ("jeunes entrepreneurs").
NOT_THEMES = ("jeunes entrepreneurs", "jeune entrepreneur", "jeunes entreprises",
              # grandchildren on a video call are the elders' family, not a youth project
              "petits enfants", "ses petits enfants", "leurs petits enfants",
              "cooperative d activite et d emploi", "activite et d emploi",
              # goods sold or recycled are not what the project does for people
              "livres scolaires", "manuels scolaires", "fournitures scolaires",
              # who the members are is not whom the project serves
              "asso de femmes", "association de femmes", "groupe de femmes", "collectif de femmes",
              "groupe de parents", "bande de potes", "groupe d amis", "auto entrepreneuse",
              "auto entrepreneur", "de la montagne a", "au pied des immeubles",
              "je suis au rsa", "asso etudiante", "association etudiante",
              "en ville ou a la campagne",
              "ville ou campagne", "ou a la campagne", "suis au rsa", "je suis au chomage",
              "suis au chomage", "je suis demandeur d emploi", "je suis demandeuse d emploi",
              "on est 2 etudiants", "on est deux etudiants", "nous sommes etudiants",
              "on est etudiants", "je suis etudiant", "je suis etudiante",
              # a building's past, the age of a structure or a trade: not what the project
              # does for young people
              "l ancienne ecole", "une ancienne ecole", "ancienne ecole",
              # a roof for solar panels is no housing
              "sur le toit", "sur les toits", "sur notre toit", "sur leur toit", "le toit de",
              "les toits de", "toit de l ecole", "toits de la commune", "toiture", "toitures")

AUDIENCE_WORDS: dict[str, tuple[str, ...]] = {
    "structure_insertion": ("siae", "aci", "chantier d insertion", "atelier chantier d insertion",
                            "entreprise d insertion", "structure d insertion",
        "association intermediaire", "associations intermediaires", "etti",
        "entreprise de travail temporaire d insertion"),
    "entreprise_esus": ("agreee esus", "agree esus", "entreprise adaptee", "entreprises adaptees",
                        "agrement esus obtenu", "entreprise sociale",
                        "entreprise de l ess", "entreprise solidaire", "entreprise a impact",
                        "startup sociale", "start up sociale", "startups a impact"),
    "cooperative": ("scop", "scic", "cooperative", "cooperatives", "cae",
                    "cooperative d activite"),
    "association": ("association", "associations", "asso", "loi 1901", "associatif",
                    "associative", "assocation", "club de foot", "club de football",
                    "club sportif", "club de sport", "club de rugby", "club de basket",
                    "club de handball", "club de tennis", "club de judo",
                    # any club of a sport or a pastime ("club de boxe affilié à la fédé"), not
                    # a club of businesses or investors (below, longer: read first)
                    "club de", "club d", "notre club", "mon club", "un club", "le club",
                    "affilie a la fede", "affilie a la federation", "affilies a la federation"),
    "entreprise": ("sas", "sarl", "eurl", "sasu", "entreprise", "societe", "tpe", "pme",
                   "auto entrepreneur", "auto entrepreneuse", "autoentrepreneur",
                   "autoentrepreneuse", "micro entrepreneur", "micro entrepreneuse",
                   "micro entreprise", "microentreprise", "boite", "independant", "independante",
                   "freelance", "artisan", "artisane", "commercant", "commercante",
                   "club d entreprises", "club des entrepreneurs", "club d affaires",
                   "club d entrepreneurs", "club de dirigeants"),
    "collectivite": ("mairie", "collectivite", "intercommunalite", "epci",
                     "communaute de communes", "communaute d agglomeration", "conseil municipal",
                     "conseil departemental", "nous sommes une commune", "notre commune",
                     "la commune de", "syndicat intercommunal", "metropole de", "elu", "elue",
                     "elus", "maire", "on est une commune", "on est une petite commune",
                     "nous sommes une petite commune", "une commune rurale", "mairie rurale"),
}
#: Said by someone who has no structure yet (whatever structure they plan).
NO_STRUCTURE = ("pas encore de structure", "pas de structure", "sans structure", "aucune structure",
                "juste une idee",
                "qu une idee", "seulement une idee", "encore une idee", "j ai une idee",
                "j ai l idee", "on a une idee", "on a l idee", "avec une idee", "une idee d",
                "une idee de", "porteur de projet", "porteuse de projet", "porteur d un projet",
                "porteuse d un projet", "pas encore cree", "pas encore creee", "avant de creer",
                "pas encore de societe", "pas encore d association", "pas encore d asso",
                "futur createur", "future creatrice", "pas encore immatricule",
                "pas encore immatriculee", "rien n est cree", "rien n existe encore",
                "me declarer", "me mettre a mon compte", "me mettre a son compte")
#: Said by someone who speaks for a structure that exists.
HAS_STRUCTURE = ("notre association", "notre asso", "notre club", "notre scop", "notre scic",
                 "notre sas", "notre entreprise", "notre structure", "notre cooperative",
                 "notre atelier",
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
    "frr": (
        "réservé aux communes classées France Ruralités Revitalisation (zonage FRR qui remplace "
        "les ZRR depuis le 1er juillet 2024 ; liste officielle de la DGCL)"
    ),
}
ZONE_QUESTIONS = {
    "qpv": "Votre projet est-il situé dans un quartier prioritaire de la politique de la ville "
    "(vérifiable sur sig.ville.gouv.fr) ?",
    "rural": "Votre commune est-elle rurale au sens de l'Insee (commune peu dense ou très peu "
    "dense) ?",
    "frr": "Dans quelle commune se situe votre projet ? Je vérifierai si elle est classée France "
    "Ruralités Revitalisation (FRR).",
}
ZONE_THEMES = {"qpv": "quartiers_prioritaires", "rural": "ruralite", "frr": "ruralite"}
