import pytest

from assistant.understand import Profile, understand

CASES = [
    (
        "Qui peut financer mon projet de mobilité rurale dans le Rhône ?",
        dict(territory="DEP:69", needs=("financement",), themes=("mobilite", "ruralite")),
    ),
    (
        "incubateur pour une asso a Villeurbanne avec juste une idee",
        dict(territory="COM:69266", needs=("incubation",), audience="porteur_projet", stage="idee"),
    ),
    (
        "je suis a tarare et je cherche un pret d honneur",
        dict(territory="COM:69243", needs=("pret_honneur",)),
    ),
    (
        "Lyon 7e, SCIC alimentation",
        dict(territory="COM:69387", audience="cooperative", themes=("alimentation",)),
    ),
    ("clermont ferrand garage solidaire", dict(territory="COM:63113", themes=("mobilite",))),
    ("mon asso est dans le 69", dict(territory="DEP:69", audience="association")),
    (
        "en Auvergne-Rhône-Alpes, subvention pour une SCOP",
        dict(territory="REG:84", needs=("subvention",), audience="cooperative"),
    ),
    (
        "Une garantie pour mon prêt bancaire, partout en France",
        dict(territory=None, nationwide=True, needs=("garantie", "pret")),
    ),
]


@pytest.mark.parametrize(("question", "expected"), CASES)
def test_profile(question, expected):
    p = understand(question)
    for key, value in expected.items():
        assert getattr(p, key) == value, (key, getattr(p, key))


def test_contradicting_and_several_places_are_flagged():
    assert "contradiction" in understand("Lyon dans le Finistère").issues
    p = understand("un projet à Lyon ou à Grenoble")
    assert p.territory is None and set(p.territory_candidates) == {"COM:69123", "COM:38185"}
    assert "several_places" in p.issues


def test_place_outside_france_and_english():
    p = understand("Je vis à Bruxelles et veux créer une asso")
    assert p.territory is None and "outside_france:bruxelles" in p.issues
    assert understand("What funding exists for my social startup in Lyon?").language == "en"


def test_follow_up_keeps_what_was_learnt():
    first = understand("Je monte une SCIC de mobilité à Villeurbanne, quels financements ?")
    follow = understand("et pour l'accompagnement ?").merged_with(first)
    assert follow.territory == "COM:69266" and follow.audience == "cooperative"
    assert follow.needs == ("accompagnement",) and follow.themes == ("mobilite",)
    moved = understand("et à Grenoble ?").merged_with(first)
    assert moved.territory == "COM:38185"


def test_profile_as_dict_is_json_ready():
    d = Profile(needs=("pret",)).as_dict()
    assert d["needs"] == ["pret"] and d["territory"] is None
