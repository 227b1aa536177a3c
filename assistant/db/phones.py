"""Phone numbers in one form (E.164, "+33612345678"): what is stored, matched and e-mailed.

People type "06 12 34 56 78", "+33 (0)6 12 34 56 78" or "0033612345678": all are the same number,
and ``assistant forget --phone`` must find a request whatever form it was typed in. Numbers are
read as French unless they say their country (+32..., 0032...).
"""

from __future__ import annotations

import phonenumbers

REGION = "FR"


def parse(raw: str | None):
    if not raw or not raw.strip():
        return None
    try:
        number = phonenumbers.parse(raw.strip(), REGION)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_possible_number(number) else None


def e164(raw: str | None) -> str | None:
    """The number in E.164, or None when it is not a phone number."""
    number = parse(raw)
    if number is None:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def is_valid(raw: str | None) -> bool:
    number = parse(raw)
    return number is not None and phonenumbers.is_valid_number(number)


def readable(stored: str | None) -> str:
    """A stored number as people read it: "+33 6 12 34 56 78" ("06 12 34 56 78" in France)."""
    number = parse(stored)
    if number is None:
        return stored or ""
    if number.country_code == 33:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
