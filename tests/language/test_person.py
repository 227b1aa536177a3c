

def test_how_old_a_structure_is_read_as_a_range():
    """A month said is exact, a year alone spans its months, years of existence too."""
    from datetime import date

    from assistant.language.person import structure_age_range
    from assistant.language.text import fold

    today = date(2026, 12, 1)
    assert structure_age_range(fold("on a créé notre SAS en 2023"), today) == (36, 47)
    assert structure_age_range(fold("asso créée en septembre 2025"), today) == (15, 15)
    assert structure_age_range(fold("notre Scic, 6 ans d'existence"), today) == (72, 83)
    assert structure_age_range(fold("on a une idée"), today) is None
