"""What the question reader understood: a :class:`Profile`, and the :class:`Change` each turn
of a conversation made to it; how a place of the profile reads ("Tarare (69)")."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from . import vocab
from .territory import gazetteer


@dataclass(frozen=True)
class Change:
    """One operation a turn made on the conversation's state, said in the "j'ai compris" line.

    ``op``: set (nothing was known), replace, add, remove, drop (a new topic leaves it behind),
    keep (the words looked like a change but are not: "le DLA du Rhône" is no place), assume
    (not said: what the answer takes for granted). ``field``: place, need, form (the legal form
    planned), audience, stage, theme, organisation. ``value`` / ``old``: keys or place codes."""

    op: str
    field: str
    value: str | None = None
    old: str | None = None


@dataclass(frozen=True)
class Profile:
    """What the assistant understood from the question (and the conversation)."""

    territory: str | None = None
    territory_label: str | None = None
    territory_candidates: tuple[str, ...] = ()
    #: several sites of the project ("à Annecy et Chambéry"): documents for any of them
    places: tuple[str, ...] = ()
    nationwide: bool = False
    #: the legal form the person wants to create or convert to ("la transformer en SCOP")
    planned: str | None = None
    #: the person wants to hire (a first employee, an emploi aidé, people in insertion)
    hiring: bool = False
    #: the project is no business: an association, a group of parents, residents, volunteers
    nonprofit: bool = False
    #: a business of one's own, started alone (the creators' micro-loans are for it)
    own_business: bool = False
    #: the structure employs staff ("3 salariés", "nos salariés")
    employer: bool = False
    #: the person says they will hire nobody ("je travaille seul et je ne compte pas embaucher")
    no_hiring: bool = False
    #: the structure says it has no staff ("sans salarié", "que des bénévoles", "8 bénévoles"
    #: with no staff said): the DLA, for employer structures, is no piste
    staffless: bool = False
    needs: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    audience: str | None = None
    stage: str | None = None
    language: str = "fr"
    issues: tuple[str, ...] = field(default=())
    #: what this turn asks about, among all the conversation's needs (it leads): its needs,
    #: and "hiring" when it is the turn that says the person wants to hire
    focus: tuple[str, ...] = ()
    #: organisations (document ids) the person does not want ("l'URSCOP, on préfère pas")
    declined: tuple[str, ...] = ()
    #: what this turn changed in what the conversation had learnt
    changes: tuple[Change, ...] = ()

    def as_dict(self) -> dict:
        d = asdict(self)
        for k in LISTS:
            d[k] = list(d[k])
        return d

    @classmethod
    def from_dict(cls, d: dict | None) -> Profile | None:
        """A profile saved with :meth:`as_dict` (unknown keys ignored: saved by another
        version)."""
        if not isinstance(d, dict):
            return None
        known = {f for f in cls.__dataclass_fields__}
        values = {k: v for k, v in d.items() if k in known}
        for k in LISTS:
            if k in values:
                values[k] = tuple(values[k] or ())
        if "changes" in values:
            values["changes"] = tuple(
                Change(**c) if isinstance(c, dict) else Change(*c) for c in values["changes"]
            )
        return cls(**values)

    def need_keys(self) -> set[str]:
        """Needs as document vocabulary: 'financement' stands for every financing need."""
        out = set(self.needs) - {"financement"}
        if "financement" in self.needs:
            # an association or a group of citizens is funded by grants and prizes; loans,
            # guarantees and equity only when they ask for them
            out |= NONPROFIT_FINANCING if self.nonprofit else set(vocab.FINANCING_NEEDS)
            if self.nonprofit and self.employer:
                out |= EMPLOYER_FINANCING
            if self.nonprofit and "energie" in self.themes and "association" not in (
                    self.audience, self.planned):
                # citizens' energy is financed by their own shares: the citizen investment
                # funds (Énergie Partagée, the regional funds) are what finances a group of
                # inhabitants (an association's energy project is funded as an association's)
                out.add("investissement")
        return out

    def merged_with(self, previous: Profile | None) -> Profile:
        """This reading of a follow-up applied to what was learnt before (see :func:`follow`,
        which also reads the corrections and negations in the words)."""
        from .follow import follow  # the conversation's state is read from profiles

        return follow("", previous, self)


#: the profile's fields that are tuples (lists in JSON)
LISTS = ("territory_candidates", "places", "needs", "themes", "issues", "focus", "declined",
         "changes")
#: what "financement" means for a project that is no business
NONPROFIT_FINANCING = {"subvention", "prix"}
#: ... and for one that employs staff: the solidarity financers' loans and guarantees too
EMPLOYER_FINANCING = {"pret", "garantie"}


def place_label(code: str) -> str:
    """ "Tarare (69)", "Rhône (69)", "Auvergne-Rhône-Alpes": the department shows for communes."""
    g = gazetteer()
    place = g.get(code)
    if place and place.level == "COM":
        dep = next((a for a in g.ancestors(code) if a.startswith("DEP:")), None)
        return f"{place.name} ({dep[4:]})" if dep else place.name
    return g.label(code)
