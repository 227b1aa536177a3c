"""One piste of an answer: why it fits the person, what is still to check, its own sentences
about eligibility, the offer, amounts and how to apply, and its dates; and the way to find a
network's local branch when the place is thinly covered."""

from __future__ import annotations

import re

from ..corpus.documents import is_press
from ..language import vocab
from ..language.profile import Profile
from ..language.territory import gazetteer
from ..language.zones import SOURCE as FRR_SOURCE
from ..language.zones import frr_status
from ..search.retrieve import Hit
from .choose import takes_requests
from .fit import Fit
from .model import _Citations
from .sentences import _french_list, readable
from .timing import ended, ended_text

#: a contact's role that is where applications are filed ("Dépôt en ligne de la demande",
#: "Page de l'appel à projets", "Site de la fondation (critères de sélection et dépôt des
#: projets)")
APPLY_ROLE = re.compile(r"d[ée]p[ôo]t|d[ée]poser|candidatures?\b|postuler|demande en ligne"
                        r"|formulaire de (?:demande|candidature)|demandes? d'aide", re.I)


class PisteMixin:
    """A piste, and a network's finder, each a block of the answer."""

    # -- one piste ---------------------------------------------------------------------------
    def _piste(self, fit: Fit, kind: str, profile: Profile, cites: _Citations, place) -> str:
        doc = fit.doc
        kind_label = vocab.KINDS[doc.kind].lower()
        lines = [f"**{doc.title}** — {kind_label}"]
        gone = [x for x in ended(doc) if x not in cites.said]  # the lead may have said it
        if gone:
            # shown because it was named: that it takes nobody new comes first
            lines.append(f"Ne prend plus de nouvelles demandes. {ended_text(gone)} "
                         f"[{cites.cite(doc, self._card_passage(fit))}]")
        why = []
        if fit.failed:  # shown because it was named
            why.append("A priori pas pour vous : " + _french_list(fit.failed) + ".")
        elif fit.met:
            why.append("Pour vous : " + _french_list(fit.met) + ".")
        if fit.unknown and not fit.failed:
            why.append("À vérifier : " + _french_list(fit.unknown) + ".")
        frr = self._frr_sentence(fit, profile)
        # the passage on who it is for backs these lines: cited only when one is said
        anchor = cites.cite(doc, self._who_passage(fit)) if why or frr else 0
        if why:
            lines.append(" ".join(why) + f" [{anchor}]")
        if frr:
            lines.append(f"{frr} [{anchor}]")
        if fit.through:
            lines.append(self._through(fit.through, cites))
        roles = ("who", "what", "amount", "how") if kind != "named" else ("what", "how")
        if doc.kind == "call" and kind != "named":
            # an aid or a call: its title and amount say what it gives; who may apply and how
            # to apply are what the person needs next
            roles = ("who", "how", "amount", "what")
        count = 3 if fit.named else 2
        # what the lead already said of it is not said again
        chosen = self._pick(fit, roles, count, profile, place, said=cites.said)
        asked = (self._answering(fit, cites.question, place, said=cites.said)
                 if doc.kind == "guide" or fit.named else None)
        if asked is not None and all(asked.text != s.text for s in chosen):
            # the guide's sentence on what the question asks of it, first
            chosen = [asked, *chosen][:count]
        if not chosen and doc.summary:
            lines.append(f"{doc.summary.rstrip('.')}. [{cites.cite(doc, self._card_passage(fit))}]")
        elif chosen:
            lines.append(" ".join(f"{readable(s)} [{cites.cite(doc, s.chunk)}]" for s in chosen))
        lines += self._amount_and_dates(fit, chosen, cites, self._card_passage(fit))
        apply = self._where_to_apply(fit, place)
        if apply:
            lines.append(f"{apply} [{cites.cite(doc, self._card_passage(fit))}]")
        for twin in fit.twins:
            # its other page of the same name: what it adds, in one line
            more = self._pick(twin, roles, 2, profile, place, said=cites.said + "\n".join(lines))
            title = twin.doc.title.split(" : ", 1)[-1]
            label = ("Aussi" if title == doc.title.split(" : ", 1)[-1]
                     else f"Voir aussi : {title}" if "«" in title
                     else f"Voir aussi « {title} »")
            said = " ".join(f"{readable(s)} [{cites.cite(twin.doc, s.chunk)}]" for s in more)
            lines.append(f"{label} : {said}" if said else
                         f"{label}. [{cites.cite(twin.doc, self._card_passage(twin))}]")
        return "\n".join(lines)

    @staticmethod
    def _where_to_apply(fit: Fit, place) -> str:
        """"Pour déposer : <its page for applications>" — a fund or a call that takes
        applications, not requests for help: no contact card, but where to file (the person
        asked "comment envoyer un dossier ?")."""
        doc = fit.doc
        if takes_requests(doc) or fit.failed or ended(doc):
            return ""
        for c in doc.contacts:
            if (c.url and c.role and APPLY_ROLE.search(c.role) and not is_press(c.url)
                    and (not c.territories or place is None
                         or gazetteer().applies(c.territories, place))):
                role = c.role.rstrip(" .")
                return f"Pour déposer : {c.url} ({role[:1].lower()}{role[1:]})."
        return ""

    def _through(self, service: Hit, cites: _Citations) -> str:
        """Where the scheme is applied for: the service of the person's place, or how to find
        it."""
        doc = service.doc
        n = cites.cite(doc, self._card_passage(Fit(service)))
        if doc.kind == "guide":
            return (f"Se demande auprès du service de votre département : voir « {doc.title} »."
                    f" [{n}]")
        return f"Se demande auprès de : {doc.organisation or doc.title}. [{n}]"

    @staticmethod
    def _frr_sentence(fit: Fit, profile: Profile) -> str | None:
        if "frr" not in fit.doc.zones or not profile.territory:
            return None
        status = frr_status(profile.territory)
        if status is None:
            return None
        name = gazetteer().label(status.commune)
        return f"{status.sentence(name)}, d'après la {FRR_SOURCE}."

    def _finder(self, fit: Fit, cites: _Citations, place) -> str:
        doc = fit.doc
        anchor = cites.cite(doc, self._card_passage(fit))
        how = self._pick(fit, ("how", "what"), 1, None, place)
        line = f"**{doc.title}** — {doc.summary.rstrip('.')}. [{anchor}]"
        if how:
            line += "\n" + " ".join(f"{readable(s)} [{cites.cite(doc, s.chunk)}]" for s in how)
        return line
