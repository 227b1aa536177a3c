"""When nothing fits: said plainly, with no claim without a source, and a generalist network
of the place (the CRESS, France Active for financing, the DLA for an employer structure) to be
oriented by."""

from __future__ import annotations

from ..language.profile import place_label
from .choose import FINANCING
from .fit import Fit
from .lead import ENGLISH_NOTE
from .model import Answer, ContactCard
from .state import understood_line


class NothingMixin:
    """The answer when no document fits the person."""

    # -- nothing fits ------------------------------------------------------------------------
    def _nothing(self, question, profile, clarification, library, cites, place, thin) -> Answer:
        where = f" pour {place_label(place)}" if place else ""
        text = (
            "Je n'ai trouvé dans mes sources aucun dispositif qui corresponde précisément à "
            f"cette demande{where}. Je préfère ne rien affirmer sans source."
        )
        if thin:
            text = self._coverage(place, library) + " " + text
        blocks = [text]
        helpers = []
        # a generalist network for a project asked about (a need, a kind of structure), not for
        # the weather or a restaurant in a known town
        if place and (profile.needs or profile.audience):
            networks = ["cress"]
            if profile.needs and set(profile.need_keys()) & FINANCING:
                networks.append("france-active")
            if profile.audience in ("association", "structure_insertion", "cooperative",
                                    "entreprise_esus") and not profile.staffless:
                networks.append("dla")  # the DLA serves employer structures that exist
            for network in networks:
                found = library.local_branch(network, place) or library.finder(network)
                hit = library.hit(found) if found else None
                if hit:
                    helpers.append(hit)
        contacts: list[ContactCard] = []
        if helpers:
            blocks[0] += (
                " Pour être orienté, adressez-vous à un réseau généraliste de votre territoire :"
            )
            fits = [Fit(h, named=True, links=["generalist"]) for h in helpers]
            for f in fits:
                anchor = cites.cite(f.doc, self._card_passage(f))
                blocks.append(f"**{f.doc.title}** — {f.doc.summary.rstrip('.')}. [{anchor}]")
            contacts = self._contacts(fits, cites, library, place)
            if contacts:
                blocks.append(self._contact_block(contacts, fits, profile))
        else:
            blocks[0] += (
                " Vous pouvez reformuler (le type d'aide cherché, le lieu, le thème du projet)."
            )
        what = understood_line(profile)
        if what:
            blocks[0] += f"\n{what}"
        if clarification:
            blocks.append(f"**Pour affiner :** {clarification}")
        if profile.language == "en":
            blocks.insert(0, ENGLISH_NOTE)
        return Answer(question, "\n\n".join(blocks), cites.sources, contacts, clarification,
                      profile, bool(helpers), [],
                      self._coverage(place, library) if thin else None)
