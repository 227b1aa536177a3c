"""One place named in a text: the words of the text, whether the wording supports reading a
name as a place here (a cue word, a capital letter, the size of the place), and what the place
is to the person (the project's place, an organisation's territory, a place taken back, home)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .french import is_known
from .placenames import FUZZY_MIN_POP, _everyday, contracted_index, name_index
from .territory import Gazetteer, gazetteer
from .text import fold

TOKEN = re.compile(r"\w+", re.UNICODE)
# fmt: off
#: Words that announce a place ("à Tarare", "dans le Rhône", "sur Villeurbanne"...).
CUES = {"a", "au", "aux", "sur", "de", "du", "des", "dans", "en", "pres", "vers", "le", "la",
        "les", "l", "d", "cote", "region", "departement", "ville", "commune", "secteur",
        "habite", "base", "basee", "situe", "situee", "installe", "installee"}
#: Cues that surely announce a place; the others ("de", "des", "la"...) are everyday words.
STRONG_CUES = {"a", "au", "aux", "sur", "dans", "pres", "vers", "habite", "base", "basee",
               "situe", "situee", "installe", "installee", "ville", "commune", "region",
               "departement", "secteur", "cote"}
#: "près de", "autour d'", "à côté de": the "de" after these announces a place as surely as "à"
NEAR = {"pres", "cote", "autour", "proche", "proximite", "environs", "alentours", "loin",
        "region", "agglo", "agglomeration", "banlieue", "dessus", "dessous"}
#: cues that announce a town rather than a thing ("à", "sur", "basés à"; not "au port")
TOWN_CUES = {"a", "sur", "pres", "vers", "habite", "base", "basee", "situe", "situee", "installe",
             "installee"}
#: a commune too small to be read in lower case after a plain cue may be after these, when its
#: name is no French word ("on est a desaignes", not "on est à fond")
TOWN_CUES_SMALL = TOWN_CUES | {"cote", "commune", "village"}
SMALL_TOWN_MIN_POP = 300
#: small words inside names, written in lower case: "Bourg-lès-Valence", "Saint-Cyr-sur-Mer"
PARTICLES = {"les", "lez", "sur", "sous", "aux", "des", "en", "de", "du", "la", "le", "et", "d",
             "l"}
#: Before these, a commune may be named without its article: "au Mans", "du Havre".
CONTRACTED = {"au", "aux", "du", "des"}
#: Department names that are also common words: they need a cue or a capital letter.
COMMON_DEPT = {"cher", "somme", "allier", "nord", "centre", "lot", "var", "manche", "orne", "gers",
               "landes", "marne", "oise", "eure", "creuse", "vienne", "loire", "ain", "aude",
               "doubs", "meuse", "indre", "tarn", "gard", "jura", "savoie", "corse", "charente"}
#: "en" + these is an idiom, not a department: "en somme", "en lot", "en manche courte"
EN_IDIOMS = {"somme", "lot", "manche", "nord", "centre", "cher", "var", "ain", "orne"}
#: Commune names that are everyday words: never read as places without a capital letter.
COMMON_WORDS = {"bar", "plan", "rue", "port", "lieu", "val", "mont", "eu", "y", "sainte", "saint",
                "vaux", "fay", "bu", "ban", "mer", "nous", "pin", "prix", "puy", "pont", "marche",
                "moment", "aide", "aides", "lorient", "signes", "treize", "vernon", "cours", "long",
                "loue", "mens", "vrai", "passe", "ecole", "ecoles", "voie", "argent", "rouge",
                "cure",
                "table", "fort", "tours", "oui", "cent", "sept", "douze", "dix", "six", "quarante",
                "dame", "plat", "sale", "bourg", "champ", "ville", "bois", "poil", "foix", "vire",
                "contre", "fere", "ay", "by", "mas", "vic", "eus", "uz", "ur", "oz", "ens", "ancy",
                "vitrolles", "beaune", "laval", "bonne", "belle", "bazar", "hotel", "capital",
                "l echelle", "la couture", "les salles", "le bourg"}
# fmt: on
#: The first word of an area's name, not the commune of that name: "les Monts de Tarare", "le
#: Plateau d'Hauteville", "le Val de Saône", "le Pays de Gex".
AREA_NOUNS = {"monts", "mont", "plateau", "plateaux", "pays", "val", "vallee", "vallees", "coteaux",
              "portes", "massif", "gorges", "cote", "cotes", "balcons", "terres", "bassin",
              "plaine", "montagne", "montagnes", "causses", "hautes terres", "haut", "hauts"}
#: Before a river's name, the Rhône or the Loire is water, not a department ("au bord du Rhône").
RIVER_CUES = {"bord", "bords", "berge", "berges", "rive", "rives", "long", "fleuve", "riviere",
              "quai", "quais", "embouchure", "confluent", "traverser", "descente"}
#: Numbers that are amounts, sizes, durations, percentages, phone or SIRET numbers: never
#: places ("15000euros", "30 k€", "12 salariés", "en 12 mois", "06 12 34 56 78").
NOT_PLACE_NUMBERS = re.compile(
    r"(?:\+33\s*\(?0?\)?\s*|\b0)[1-9](?:[\s.-]?\d\d){4}\b"  # phone numbers
    r"|\b\d{3}\s?\d{3}\s?\d{3}(?:\s?\d{5})?\b"  # SIREN / SIRET
    r"|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b"  # dates: "le 12/03/2025"
    r"|\b[wW]\d{9}\b"  # RNA numbers of associations
    # how many people: "on est 12", "nous sommes 5", "on était à 30"
    r"|\b(?:on est|on sera|on [ée]tait|nous sommes|nous serons|nous [ée]tions)"
    r"\s+(?:[àa]\s+)?\d{1,3}\b"
    r"|[€$£]\s*\d[\d\s.,]*"  # €15 000
    r"|\b\d[\d\s.,]*?\s*(?:k\s*€|k\s*euros?|keur|m\s*€|k\b|€|euros?\b|eur\b|%|pour ?cent"
    r"|salari|habitant|adh[eé]rent|b[ée]n[ée]vole|personne|m2|m²|m[eè]tres?\b|km\b|ans?\b|mois\b"
    r"|semaines?\b|jours?\b|heures?\b|h\b|places?\b|lits?\b|repas\b|familles?\b|enfants?\b"
    r"|jeunes\b|usagers?\b|membres?\b|postes?\b|emplois?\b|etp\b|v[ée]hicules?\b|ha\b"
    r"|hectares?\b|tonnes?\b|logements?\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Mention:
    """One place mentioned in the text: its possible codes and the word that announced it."""

    codes: tuple[str, ...]
    cue: str = ""
    exact: bool = True
    source: str = "name"  # name, postal, number, arrondissement, quartier, area, context
    #: read only from weak evidence (a lowercase name after "de"/"la"...): dropped when a
    #: surer place is named in the same message
    weak: bool = False
    start: int = -1  # position of the first word (-1: not from a word: postal code, number)
    #: what the place is to the person: "" (where the project is), "organisation" (the
    #: territory in an organisation's name: "le DLA du Rhône"), "negated" ("pas à Chambéry"),
    #: "home" ("j'habite Chambéry mais l'entreprise est à Annecy"), "relative" (a relative's
    #: project: the place asked about unless the person names theirs), "elsewhere" (a
    #: partner's or the person's past: never the person's place)
    role: str = ""
    #: a natural or historic area's name as written in its list ("Beaujolais"), for the
    #: question back when it spans several departments
    name: str = ""
    #: the sentence of the message it is in (0, 1...; -1: not from a word): two places of
    #: different sentences are two sites rather than a contradiction
    sentence: int = -1
    #: the words read, folded ("chateauneuf"): its namesakes can be looked up again when a
    #: landmark says which one ("Châteauneuf, entre Rive-de-Gier et Saint-Chamond")
    phrase: str = ""


@dataclass(frozen=True)
class _Tok:
    folded: str
    original: str
    end: int  # offset just after the word in the original text


#: Abbreviations people type in place names: "st chamond", "ste foy", "mt de marsan",
#: "chalon s saone", "bourg st andeol".
ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes", "mt": "mont",
                 "mts": "monts", "ss": "sous", "sr": "sur", "s": "sur", "bg": "bourg",
                 "pce": "provence", "gd": "grand", "gde": "grande"}


def _tokens(text: str) -> list[_Tok]:
    out = []
    for m in TOKEN.finditer(text):
        for part in fold(m.group()).split():
            out.append(_Tok(part, m.group(), m.end()))
    for i, tok in enumerate(out):
        full = ABBREVIATIONS.get(tok.folded)
        # a lone "s" is "sur" only between two words of a name ("chalon s saone")
        if full and (tok.folded != "s" or 0 < i < len(out) - 1):
            out[i] = _Tok(full, tok.original, tok.end)
        elif tok.folded == "fd" and i and out[i - 1].folded == "clermont":
            out[i] = _Tok("ferrand", tok.original, tok.end)  # "Clermont-Fd"
    return out


def _accept(
    codes, toks: list[_Tok], i: int, n: int, g: Gazetteer, exact: bool, text: str
) -> tuple[list[str], bool]:
    """The candidate places that the wording supports: a cue word, a capital letter, the
    size of the place, or the place standing first as a heading ("roanne - je suis...").
    A reply of a few words ("tarare", "dans le 69") counts as announced: it answers "où ?".
    Returns the codes kept and whether the evidence was weak."""
    phrase = " ".join(t.folded for t in toks[i : i + n])
    prev = toks[i - 1].folded if i else ""
    before = toks[i - 2].folded if i > 1 else ""
    after = text[toks[i + n - 1].end :].lstrip()[:1]
    heading = i == 0 and (after in (":", "-", ",", "—", "–", "/", "(", ".")
                          # "Trémargat ici !": a village introducing itself
                          or (i + n < len(toks) and toks[i + n].folded == "ici"))
    near = prev in ("de", "d", "du", "des") and before in NEAR  # "près d'aurillac"
    # "pas Aurillac mais Arpajon-sur-Cère": what replaces a place taken back is a place
    instead = prev == "mais" and any(t.folded == "pas" for t in toks[max(0, i - 6) : i - 1])
    near = near or instead
    # "à saint pierre (la reunion)": a name alone in a parenthesis after another word says
    # where that is, whatever its case
    first = toks[i - 1] if prev in ("la", "le", "les", "l") and i else toks[i]
    opened = (i > 0 and after == ")"
              and text[: first.end - len(first.original)].rstrip().endswith("("))
    strong = prev in STRONG_CUES or near or heading or len(toks) <= 3 or opened
    weak = prev in CUES
    originals = [t.original for t in toks[i : i + n]]
    upper = originals[0][:1].isupper()
    # every word of a two-word everyday name capitalised: "La Chapelle", not "la chapelle"
    capital = (upper and (i > 0 or n > 1)) and (
        n == 1 or all(o[:1].isupper() for o, t in zip(originals, toks[i : i + n], strict=True)
                      if len(o) > 2 and t.folded not in PARTICLES)
    )
    opening_town = upper and i == 0 and n == 1
    # a name of several words opening the message, however written: "aix les bains asso..."
    opening_name = i == 0 and n > 1 and exact
    back = [t.folded for t in toks[max(0, i - 3) : i]]
    river = prev in RIVER_CUES or (prev in ("du", "de", "la", "le", "des") and before in RIVER_CUES)
    river = river or (len(back) == 3 and back[0] in RIVER_CUES and back[1] in ("de", "d")
                      and back[2] in ("la", "l", "le"))  # "au bord de la Saône"
    everyday = _everyday(phrase)
    # "une asso de la réunion": "de" announces a place; "la", "en" do not ("en réunion")
    of_place = prev in ("de", "du", "des", "d")
    # a department or region named the way one says one lives there: "dans le nord", "dans la
    # manche", "en creuse", "en corse"; not "dans le nord de Lyon" (a part of something) nor
    # "en somme" (an idiom)
    following = toks[i + n].folded if i + n < len(toks) else ""
    area_cue = following not in ("de", "du", "des", "d") and (
        (prev in ("le", "la", "les", "l") and before in STRONG_CUES)
        or (prev == "en" and phrase not in EN_IDIOMS)
    )
    # a village written with its capital after "à", "basés à", "près de", whatever its size,
    # when its name is no French word ("à Gomené") nor a city's quartier ("à Moncey": Lyon 3e,
    # or the village of the Doubs?)
    village_name = capital and (prev in TOWN_CUES_SMALL or near) and not (
        everyday or is_known(phrase) or _a_quartier(phrase)
    )
    if phrase in AREA_NOUNS and following in ("de", "du", "des", "d"):
        return [], False  # "les Monts de Tarare" name an area, not Monts (37)
    kept: list[str] = []
    villages: list[str] = []
    for code in codes:
        place = g.places[code]
        if not exact and not (strong or capital):
            continue
        if place.level in ("REG", "EPCI"):
            if everyday and place.level == "REG" and not (
                strong or capital or of_place or area_cue
            ):
                continue  # "sa réunion d'information" is no trip to La Réunion
            kept.append(code)
        elif place.level == "DEP":
            if river:
                continue
            if phrase in COMMON_DEPT and not (strong or weak or capital):
                continue
            if everyday and not (strong or capital or of_place or area_cue):
                continue
            kept.append(code)
        else:
            if river and prev not in TOWN_CUES:
                continue  # "au bord de la Saône", not "à Anse"
            pop = place.population
            # a town's name that is also a word, after a cue that announces a town ("on est à
            # laval", "basés sur tours", "sur le havre"): the town, when it is a real one
            town_cue = prev in TOWN_CUES and (pop >= 10_000 if n == 1 else pop >= 50_000)
            if phrase in COMMON_WORDS and not capital and not (
                (heading and pop >= 5_000) or town_cue  # "Foix : notre asso..."
            ):
                continue
            if everyday and not (capital or (n == 1 and (strong or heading)) or town_cue):
                continue  # "à la montagne", "près du bois", "les mines de charbon"
            if not exact and pop < FUZZY_MIN_POP:
                continue
            big = pop >= 100_000 or (opening_town and pop >= 10_000)
            if n == 1 and not capital:
                ok = big or (strong and pop >= 2000) or (
                    prev in TOWN_CUES_SMALL and pop >= SMALL_TOWN_MIN_POP
                    and not is_known(phrase) and not everyday
                ) or (
                    # "Trémargat ici !", "Gomené : ...": a village heading its message, by a
                    # name that is no word and no other commune's
                    heading and upper and exact and len(codes) == 1 and not is_known(phrase)
                    and not everyday
                )
            else:
                ok = (
                    big
                    or opening_name
                    or (capital and (pop >= 1000 or n > 1))
                    or ((strong or weak) and (pop >= 2000 or n > 1))
                )
                if not ok and village_name:
                    villages.append(code)
            if ok:
                kept.append(code)
    # ... unless a larger namesake is read ("à Murat": the Cantal's, not the Allier's hamlet)
    kept = kept or villages
    surely = (
        strong
        or capital
        or opening_town
        or any(g.places[c].level == "REG" or g.places[c].population >= 100_000
               for c in kept)
        # an intercommunality's name written plainly ("le bassin clermontois") yields to a
        # surer place it does not contain
        or (prev in CUES and any(g.places[c].level == "EPCI" for c in kept))
    )
    return kept, bool(kept) and not surely


def _a_quartier(phrase: str) -> bool:
    from .quartiers import _strip_article, quartier_index  # quartiers reads mentions

    return _strip_article(phrase) in quartier_index()


def _compounds(phrase: str, exact: list[str]) -> tuple[str, ...]:
    """Communes whose name starts with a bare saint's name and that are bigger than every
    commune of that exact name: "saint martin" -> Saint-Martin-d'Hères (the place people
    usually mean), but "Saint-Priest" stays Saint-Priest (69), bigger than Saint-Priest-en-Jarez."""
    if not phrase.startswith(("saint ", "sainte ")):
        return ()
    g = gazetteer()
    floor = max([g.places[c].population for c in exact] + [5000])
    out = [
        code
        for name, codes in name_index().items()
        if name.startswith(phrase + " ")
        for code in codes
        if g.places[code].level == "COM" and g.places[code].population > floor
    ]
    return tuple(sorted(out, key=lambda c: -g.places[c].population)[:6])


def _clean_numbers(text: str) -> str:
    """Amounts, sizes, durations, phone and SIRET numbers blanked: they are not places."""
    return NOT_PLACE_NUMBERS.sub(lambda m: " " * len(m.group()), text)


#: Organisations whose name carries a territory: "le DLA du Rhône", "France Active Loire",
#: "Initiative Drôme", "la CCI de Haute-Savoie" name an organisation, not the person's place.
ORGANISATION_HEADS = (("dla",), ("france", "active"), ("initiative",), ("cress",), ("urscop",),
                      ("reseau", "entreprendre"), ("adie",), ("bge",), ("ddets",), ("dreets",),
                      ("sdjes",), ("drac",), ("draaf",), ("ademe",), ("cci",), ("cma",),
                      ("mission", "locale"), ("cap", "emploi"), ("france", "travail"),
                      ("banque", "alimentaire"), ("urssaf",), ("caf",), ("msa",),
                      ("chambre", "d", "agriculture"), ("chambre", "des", "metiers"),
                      ("chambre", "de", "commerce"), ("union", "regionale"), ("les", "scop"),
                      ("ecossolies",), ("ronalpia",), ("andes",), ("incubateur",),
                      ("greta",), ("emmaus",), ("conference", "des", "financeurs"),
                      ("carsat",), ("ars",), ("credit", "cooperatif"), ("credit", "agricole"),
                      ("credit", "mutuel"), ("caisse", "d", "epargne"), ("banque", "populaire"),
                      ("irts",), ("universite",), ("iut",), ("fondation",))
#: a scheme kept to a territory ("réservé à l'Isère", "limité au Rhône")
RESERVED_TO = {"reserve", "reservee", "reserves", "reservees", "limite", "limitee", "limites",
               "limitees"}
#: kinds of schemes whose proper name may end with a territory
SCHEME_KINDS = {"fondation", "fonds", "prix", "trophee", "trophees", "concours", "programme",
                "dispositif", "label", "incubateur", "pepiniere", "cooperative", "plateforme",
                "reseau", "accelerateur"}
#: "que pour Dijon", "seulement pour la Savoie": a territory a scheme may be kept to
ONLY = {"que", "seulement", "uniquement", "juste", "reserve", "reservee", "limite", "limitee"}
#: words between an organisation's name and its territory ("du", "de la")
ORGANISATION_LINKS = {"du", "de", "la", "le", "l", "d", "des"}
#: what may stand between a negation and a place ("pas à", "pas dans le", "n'est pas situé à")
NEGATION_GAP = {"a", "au", "aux", "en", "dans", "sur", "le", "la", "les", "l", "de", "du", "d",
                "des", "vers", "pres", "situe", "situee", "situes", "basee", "base", "installe",
                "installee", "implante", "implantee", "encore", "plus", "c", "est", "sera",
                "ca", "sommes", "suis", "etes"}
#: someone else's place: "une amie de Saint-Étienne m'a dit...", "mon frère à Lyon"
OTHERS = {"ami", "amie", "amis", "copain", "copine", "copains", "copines", "collegue", "collegues",
          "soeur", "frere", "cousin", "cousine", "voisin", "voisine", "president", "presidente",
          "tresorier", "tresoriere", "connaissance", "parents", "mere", "pere"}
HOME = {"habite", "habitons", "habitent", "vis", "vit", "vivons", "domicile", "reside",
        "residons", "domicilie", "domiciliee", "moi"}
#: a first name right after these is a person, not a place: "mon associé Albert", "Mme Vienne"
PERSON_BEFORE = {"associe", "associee", "associes", "ami", "amie", "collegue", "frere", "soeur",
                 "mari", "femme", "epouse", "epoux", "fils", "fille", "compagnon", "compagne",
                 "copain", "copine", "voisin", "voisine", "monsieur", "madame", "mme", "mr",
                 "cousin", "cousine", "oncle", "tante", "patron", "patronne", "appelle",
                 "prenomme", "prenommee", "benevole", "stagiaire"}
#: a town next to which the place is ("collé à Clermont", "au sud de Lyon"): a landmark
BESIDE = {"colle", "collee", "colles", "collees", "accole", "accolee", "jouxte", "limitrophe"}
SIDES = {"sud", "nord", "ouest"}


#: someone else's, said with a possessive: "ma sœur a monté une asso à Marseille", "mes parents
#: vivent à Perpignan"
RELATIVES = {"soeur", "frere", "parents", "mere", "pere", "cousin", "cousine", "oncle", "tante",
             "ami", "amie", "amis", "copain", "copine", "fils", "fille", "mari", "conjoint",
             "conjointe", "compagnon", "compagne", "beau", "belle"}
POSSESSIVES = {"ma", "mon", "mes", "une", "un", "sa", "son", "ses", "notre", "nos"}
#: the places of those one works with: "nos clients sont à Annecy", "un partenariat avec une
#: ferme de Crest", "le siège de notre fédé est à Lyon", "notre tête de réseau est à Besançon"
PARTNERS = {"clients", "client", "clientele", "clientes", "fournisseur", "fournisseurs",
            "partenariat", "partenaire", "partenaires", "fede", "federation", "tete",
            # "on achète presque tout à des producteurs du Gers"
            "achete", "achetons", "achetent", "approvisionne", "approvisionnons"}
#: a past of the person's: "j'ai bossé 10 ans à Lyon", "ancien salarié d'Emmaüs Lescar-Pau",
#: "ma formation au GRETA de Chambéry"
PAST_VERBS = {"bosse", "travaille", "vecu", "habite", "etudie", "grandi", "suivi", "ete"}
#: "quand on était encore à Reims": where the structure was
PAST_BEING = {"etait", "etais", "etions", "etaient"}
PAST_NOUNS = {"formation", "stage", "etudes"}
#: "ancien salarié d'Emmaüs": a former member (not "un ancien garage")
FORMER = {"ancien", "ancienne", "anciens", "anciennes", "ex"}
MEMBERS = {"salarie", "salariee", "salaries", "employe", "employee", "benevole", "benevoles",
           "eleve", "etudiant", "etudiante", "membre", "membres", "president", "presidente",
           "directeur", "directrice", "stagiaire", "apprenti", "apprentie"}
#: where one comes from: "je déménage de Nantes à Clermont", "originaire de Lyon"
FROM_VERBS = {"demenage", "demenageons", "demenagent", "viens", "venons", "originaire",
              "originaires", "partons", "pars", "arrive", "arrivee", "arrives"}
#: moving one's life or work to the project's place: "m'installer", "déménager"
SETTLING = {"installer", "installe", "demenager", "demenage", "reconvertir", "reconversion"}
#: a relative who passes on advice: the places after are not theirs
MESSENGER = {"dit", "conseille", "parle", "recommande", "oriente", "orientee", "suggere"}
#: a new clause starts: the person speaks of themselves again
SPEAKER = {"je", "j", "on", "nous", "moi"}


def _clause_before(toks: list[_Tok], i: int, text: str, size: int = 12) -> list[str]:
    """The words before token ``i`` in its clause (back to a punctuation mark, the person
    speaking of themselves, or ``size`` words)."""
    out: list[str] = []
    k = i - 1
    while k >= 0 and len(out) < size:
        if text:
            start = toks[k + 1].end - len(toks[k + 1].original)
            if re.search(r"[.;!?:]", text[toks[k].end : max(start, toks[k].end)]):
                break
        if toks[k].folded in SPEAKER:
            break
        out.append(toks[k].folded)
        k -= 1
    return out[::-1]


def _a_relative_s(before: list[str]) -> bool:
    """The place is a relative's or a friend's, from the words of its clause before it ("ma
    sœur a monté une asso à Marseille"): theirs unless the person names their own (asking for
    the sister, it is the place of the project asked about)."""
    if MESSENGER & set(before):
        return False  # "un ami m'a dit d'aller voir la MSA Ardèche-Drôme-Loire"
    return any(a in POSSESSIVES and b in RELATIVES
               for a, b in zip(before, before[1:], strict=False))


def _someone_else(toks: list[_Tok], i: int, before: list[str]) -> bool:
    """The place is a partner's or the person's past, from the words of its clause before it
    (``before``) and the words right before it."""
    pairs = set(zip(before, before[1:], strict=False))
    said = set(before)
    if ("bureau", "d") in pairs or ("bureaux", "d") in pairs:
        said.discard("etudes")  # "un bureau d'études à Grenoble" is no past of studies
    if PARTNERS & said or PAST_NOUNS & said or PAST_BEING & set(before[-3:]):
        return True  # ("on était encore à Reims, mais l'asso a déménagé à Sedan": Sedan)
    if any(a in FORMER and b in MEMBERS for a, b in pairs):
        return True
    if any(a in ("ai", "avons", "a") and b in PAST_VERBS for a, b in pairs):
        return True
    if i > 1 and toks[i - 1].folded in ("de", "d", "du") and (
            toks[i - 2].folded in FROM_VERBS or toks[i - 2].folded == "marche"):
        return True  # "je déménage de Nantes", "on vend au marché de Villefranche"
    return i > 0 and toks[i - 1].folded in ("quitte", "quittons", "quitter")


def _role(toks: list[_Tok], i: int, text: str = "") -> str:
    """What a place named at token ``i`` is to the person, from the words before it."""
    if i <= 0:
        return ""
    before = _clause_before(toks, i, text)
    if _someone_else(toks, i, before):
        return "elsewhere"  # "ma formation au GRETA de Chambéry", "nos clients sont à Annecy"
    if set(before) & {"travaille", "bosse"} and any(
            t.folded in SETTLING for t in toks[i + 1 :]):
        # "je travaille dans l'informatique à Lyon et je veux m'installer près de Dieulefit":
        # today's job, left for the project's place
        return "elsewhere"
    # "ou c'est réservé à l'Isère ?": the territory of the scheme asked about, not the person's
    k = i
    while k > 0 and i - k < 3 and toks[k - 1].folded in ("a", "au", "aux", "l", "la", "le", "les"):
        k -= 1
    if k > 0 and toks[k - 1].folded in RESERVED_TO:
        return "organisation"
    # "ça peut m'accueillir ou c'est que pour Dijon ?": the scheme's territory, asked about
    if k > 1 and toks[k - 1].folded == "pour" and toks[k - 2].folded in ONLY:
        return "organisation"
    # an organisation's name right before, maybe with "du" / "de la"
    j = i
    while j > 0 and i - j < 2 and toks[j - 1].folded in ORGANISATION_LINKS:
        j -= 1
    for head in ORGANISATION_HEADS:
        n = len(head)
        if j >= n and tuple(t.folded for t in toks[j - n : j]) == head:
            if head == ("initiative",) and not toks[j - 1].original[:1].isupper():
                continue  # "une initiative de la Drôme" is no network's name
            return "organisation"
    # the end of a scheme's proper name: "la Fondation Innovation Sociale de la Métropole de
    # Lyon", "le Prix Coup de Pouce de l'Ain" (a capitalised name between its kind and the place)
    k, named = j - 1, False
    while k >= 0 and j - k <= 6:
        word = toks[k]
        if word.folded in SCHEME_KINDS:
            if named:
                return "organisation"
            break
        if word.original[:1].isupper():
            named = True
        elif word.folded not in ORGANISATION_LINKS:
            break
        k -= 1
    # an organisation described in apposition: "Cabestan, une coopérative du bâtiment à
    # Grenoble" (its place, not the person's)
    k = i - 1
    while k > 1 and i - k <= 6 and toks[k].folded not in SCHEME_KINDS:
        k -= 1
    if (k > 1 and toks[k].folded in SCHEME_KINDS and toks[k - 1].folded in ("une", "un")
            and text and text[: toks[k - 1].end - len(toks[k - 1].original)].rstrip()
            .endswith(",")):
        return "organisation"
    # "une amie de Saint-Étienne", "mon frère à Lyon": someone else's place
    k = i - 1
    while k >= 0 and toks[k].folded in ("de", "d", "du", "a", "au", "sur", "vers", "pres") and (
            i - k <= 2):
        k -= 1
    if k >= 0 and k < i - 1 and toks[k].folded in OTHERS:
        return "other"
    if toks[i - 1].folded in PERSON_BEFORE and toks[i].original[:1].isupper():
        return "person"  # "mon associé Albert" is no Albert of the Somme
    if _a_relative_s(before):
        return "relative"  # "ma sœur a monté une asso à Marseille"
    # "on est à Châtellerault, près de Poitiers": a landmark, unless it is the only place
    if i > 1 and toks[i - 1].folded in ("de", "d", "du", "des") and toks[i - 2].folded in NEAR:
        return "near"
    # "Beaumont, collé à Clermont", "Vienne, au sud de Lyon", "à l'est de Lyon"
    if i > 1 and toks[i - 1].folded in ("a", "au") and toks[i - 2].folded in BESIDE:
        return "near"
    if i > 1 and toks[i - 1].folded in ("de", "d", "du") and toks[i - 2].folded in (
            "heure", "heures", "minutes", "min", "km", "kilometres"):
        return "near"  # "à un quart d'heure de Manosque"
    if i > 1 and toks[i - 1].folded in ("de", "d", "du") and (
            toks[i - 2].folded in SIDES
            or (toks[i - 2].folded == "est" and i > 2 and toks[i - 3].folded == "l")):
        return "near"
    # "Châteauneuf, le village entre Rive-de-Gier et Saint-Chamond": landmarks when another
    # place is named, the project's two sites otherwise
    # "jusque dans le Cap Corse": how far the project reaches, not where it is
    j = i - 1
    while j >= 0 and toks[j].folded in ("dans", "a", "au", "aux", "en", "le", "la", "les", "l"):
        j -= 1
    if j >= 0 and j < i - 1 and toks[j].folded in ("jusque", "jusqu"):
        return "near"
    # "nous on est à Vizille", "notre asso est à Vizille": the person's own place
    k = i - 1
    while k >= 0 and toks[k].folded in ("a", "au", "aux", "sur", "en", "dans", "base", "basee",
                                         "bases", "basees", "installe", "installee", "la", "le",
                                         "l", "les"):
        k -= 1
    if k >= 1 and toks[k].folded in ("est", "sommes", "suis") and toks[k - 1].folded in (
            "on", "nous", "je", "asso", "association", "structure", "entreprise", "atelier",
            "local", "projet", "siege", "lieu", "ferme", "cafe", "boutique", "magasin"):
        return "self"
    if toks[i - 1].folded == "entre" and not any(
            t.folded.startswith(("hesit", "choisi", "choix")) for t in toks[max(0, i - 4) : i]):
        return "between"  # ("on hésite entre Lyon et Grenoble" is a choice)
    # the first word before it that is not a cue: "pas", "non", "au lieu de", "plutôt que"
    k = i - 1
    while k >= 0 and toks[k].folded in NEGATION_GAP and i - k <= 4:
        k -= 1
    if k >= 0:
        word = toks[k].folded
        if word == "pas" or (word == "non" and not any(
                t.folded == "est" for t in toks[k + 1 : i])):
            return "negated"  # but "non, c'est à Ambert" says where it is
        if word == "lieu" and k and toks[k - 1].folded == "au":
            return "negated"
        if word == "que" and k and toks[k - 1].folded == "plutot":
            return "negated"
        if word in HOME:
            return "home"
    return ""


def _inside(toks: list[_Tok], taken: set[int], areas: list[str], g: Gazetteer) -> list[Mention]:
    out = []
    idx = name_index()
    for i in range(len(toks)):
        if i in taken:
            continue
        for n in range(min(4, len(toks) - i), 0, -1):
            if any(j in taken for j in range(i, i + n)):
                continue
            phrase = " ".join(t.folded for t in toks[i : i + n])
            prev = toks[i - 1].folded if i else ""
            cued = prev in STRONG_CUES or prev in CONTRACTED
            if len(phrase) < 4 or ((_everyday(phrase) or phrase in COMMON_WORDS) and not cued):
                continue  # "au port" in a message about La Réunion is Le Port; "port" alone not
            found = idx.get(phrase, ())
            if prev in CONTRACTED:
                found = tuple(dict.fromkeys(contracted_index().get(phrase, ()) + found))
            codes = tuple(
                c
                for c in found
                if g.places[c].level == "COM" and any(a in g.ancestors(c) for a in areas)
            )
            if codes:
                out.append(Mention(codes, source="context", start=i))
                taken.update(range(i, i + n))
                break
    return out
