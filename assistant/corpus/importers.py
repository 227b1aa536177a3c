"""Turn outside material into corpus records: open data of public aids, CSV files, web pages.

Every importer returns records (dicts in the corpus schema, see ``corpus/README.md``) plus the
reasons it skipped what it could not map. It never guesses a territory: a record whose place
cannot be read from the data is reported, not written.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..errors import CorpusError
from ..language.text import fold

# Aides-territoires labels (API "display" values and its CSV exports) -> our vocabularies
AT_AUDIENCES = {
    "communes": "collectivite", "intercommunalites / pays": "collectivite",
    "departements": "collectivite", "regions": "collectivite",
    "collectivites d outre mer a statuts particuliers": "collectivite",
    "associations": "association", "entreprises privees": "entreprise",
    "entreprises": "entreprise", "agriculteurs": "entreprise", "particuliers": "porteur_projet",
    "entreprises publiques locales (sem, spl, semop)": "collectivite",
}  # fmt: skip
AT_TYPES = {
    "subvention": "subvention", "autre aide financiere": "subvention", "pret": "pret",
    "avance recuperable": "pret", "ingenierie technique": "accompagnement",
    "ingenierie financiere": "accompagnement", "ingenierie juridique / administrative":
    "accompagnement", "certificat d economie d energie (cee)": "subvention",
}  # fmt: skip
AT_RECURRENCE = {"ponctuelle": "one_off", "permanente": "ongoing", "recurrente": "recurring"}
#: Funders whose aids apply in all of France.
NATIONAL_FUNDERS = ("banque des territoires", "agence nationale", "anah", "ademe", "bpifrance",
                    "commission europeenne", "union europeenne", "ministere", "etat",
                    "agence france locale", "caisse des depots", "mission interministerielle",
                    "france active", "anct", "cerema", "office francais")  # fmt: skip


@dataclass
class Imported:
    records: list[dict] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (what, why)


def _map_labels(values: Iterable[str], table: dict[str, str]) -> list[str]:
    """Labels as shown by Aides-territoires -> our keys, compared folded ("Régions" = "regions")."""
    folded = {fold(k): v for k, v in table.items()}
    out = []
    for value in values:
        key = folded.get(fold(value))
        if key and key not in out:
            out.append(key)
    return out


def _html_text(html: str | None) -> str:
    if not html:
        return ""
    from bs4 import BeautifulSoup

    return "\n\n".join(
        p.strip()
        for p in BeautifulSoup(html, "html.parser").get_text("\n").split("\n")
        if p.strip()
    )


def _date(value: Any) -> str | None:
    if not value:
        return None
    text = str(value).strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%Y-%m-%dT%H:%M:%S", "%d/%m/%y"):
        try:
            return (
                datetime.strptime(text[: len(datetime.now().strftime(fmt))], fmt).date().isoformat()
            )
        except ValueError:
            continue
    return None


def territory_from_text(*texts: str) -> list[str]:
    """Official codes read from a perimeter or a funder's name ("Conseil départemental du
    Morbihan" -> DEP:56); FR for national bodies; [] when it cannot be read."""
    from ..language.placenames import name_index
    from ..language.places import read_places

    for text in texts:
        if not text:
            continue
        folded = fold(text)
        if folded in ("france", "france metropolitaine", "national", "europe", "outre mer"):
            return ["FR"]
        codes = name_index().get(folded)
        if codes:
            areas = [c for c in codes if not c.startswith("COM:")]
            return areas[:1] or list(codes[:1])
        reading = read_places(text)
        if reading.territory:
            return [reading.territory]
        if any(f" {n} " in f" {folded} " for n in NATIONAL_FUNDERS):
            return ["FR"]
    return []


def _slug(text: str, limit: int = 80) -> str:
    return "-".join(fold(text).split())[:limit].strip("-") or "sans-titre"


def aid_to_record(aid: dict, today: date) -> dict:
    """One aid in the Aides-territoires API format -> one corpus record (may raise ValueError)."""
    name = (aid.get("name") or aid.get("short_title") or "").strip()
    if not name:
        raise ValueError("no name")
    financers = aid.get("financers") or []
    if isinstance(financers, str):
        financers = [f.strip() for f in financers.split(";") if f.strip()]
    territories = territory_from_text(aid.get("perimeter") or "", *financers)
    if not territories:
        raise ValueError(
            f"territory unknown (perimeter {aid.get('perimeter')!r}, funders "
            f"{', '.join(financers) or 'none'})"
        )
    url = aid.get("origin_url") or aid.get("url") or aid.get("application_url")
    slug = aid.get("slug") or (url.rstrip("/").rsplit("/", 1)[-1] if url else _slug(name))
    description = _html_text(aid.get("description"))
    eligibility = _html_text(aid.get("eligibility"))
    contact = _html_text(aid.get("contact"))
    body = [
        f"## Ce qui est proposé\n{description}" if description else "",
        f"## Conditions\n{eligibility}" if eligibility else "",
        f"## Contacts\n{contact}" if contact else "",
    ]
    first = re.split(r"(?<=[.!?])\s", description, maxsplit=1)[0] if description else ""
    return {
        "id": "at-" + _slug(slug, 100),
        "kind": "call",
        "title": name,
        "summary": first[:300],
        "url": url,
        "organisation": ", ".join(financers) or None,
        "territories": territories,
        "audiences": _map_labels(aid.get("targeted_audiences") or [], AT_AUDIENCES),
        "needs": _map_labels(aid.get("aid_types") or [], AT_TYPES),
        "opens": _date(aid.get("start_date")),
        "deadline": _date(aid.get("submission_deadline")),
        "recurrence": AT_RECURRENCE.get(fold(aid.get("recurrence") or "")),
        "contacts": [
            {"organisation": f, "url": aid.get("application_url") or url} for f in financers[:1]
        ]
        if (aid.get("application_url") or url)
        else [],
        "sources": [{"url": aid.get("url") or url, "checked": today.isoformat()}] if url else [],
        "last_checked": today.isoformat(),
        "text": "\n\n".join(b for b in body if b) or name,
        "source_system": "aides-territoires",
        "call_for_projects": bool(aid.get("is_call_for_project")),
    }


CSV_COLUMNS = {
    "Nom": "name",
    "Lien": "url",
    "Financeurs": "financers",
    "Bénéficiaire": "targeted_audiences",
    "Types d'aides": "aid_types",
    "AAP/AMI": "is_call_for_project",
    "Récurrence": "recurrence",
    "Descriptif": "description",
    "Date Clôture": "submission_deadline",
}


def _csv_aids(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in ("Nom", "Lien") if c not in (reader.fieldnames or [])]
        if missing:
            raise CorpusError(
                f"{path.name}: not an Aides-territoires export (no column {', '.join(missing)})"
            )
        for row in reader:
            aid = {CSV_COLUMNS[k]: v for k, v in row.items() if k in CSV_COLUMNS}
            for k in ("financers", "targeted_audiences", "aid_types"):
                aid[k] = [x.strip() for x in (aid.get(k) or "").split(";") if x.strip()]
            aid["is_call_for_project"] = (aid.get("is_call_for_project") or "").lower() == "oui"
            yield aid


def import_aides_territoires(path: Path, today: date | None = None) -> Imported:
    """An API response (``{"results": [...]}``), a JSON list, JSON Lines or the CSV export."""
    today = today or date.today()
    if not path.is_file():
        raise CorpusError(f"File not found: {path}")
    if path.suffix.lower() == ".csv":
        aids: Iterable[dict] = _csv_aids(path)
    else:
        raw = path.read_text(encoding="utf-8")
        try:
            data = json.loads(raw)
            aids = data.get("results", []) if isinstance(data, dict) else data
        except json.JSONDecodeError:
            try:
                aids = [json.loads(line) for line in raw.splitlines() if line.strip()]
            except json.JSONDecodeError as exc:
                raise CorpusError(f"{path.name}: neither JSON nor JSON Lines ({exc})") from None
    out = Imported()
    seen: set[str] = set()
    for n, aid in enumerate(aids, start=1):
        what = f"{path.name}:{n} {str(aid.get('name', ''))[:60]!r}"
        try:
            rec = aid_to_record(aid, today)
        except ValueError as exc:
            out.skipped.append((what, str(exc)))
            continue
        if rec["id"] in seen:
            out.skipped.append((what, f"duplicate id {rec['id']}"))
            continue
        seen.add(rec["id"])
        out.records.append(rec)
    return out


def import_csv(path: Path, mapping: dict[str, str], constants: dict[str, Any]) -> Imported:
    """Any CSV: ``mapping`` field -> column; ``constants`` field -> value for every row."""
    from .ingest import iter_csv

    out = Imported()
    for n, row in enumerate(iter_csv(path, mapping), start=2):
        rec = {**constants, **row}
        rec.setdefault("id", _slug(str(rec.get("title") or f"ligne-{n}")))
        for f in ("opens", "deadline", "last_checked"):
            if rec.get(f):
                rec[f] = _date(rec[f]) or rec[f]
        out.records.append(rec)
    return out


def write_jsonl(records: list[dict], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
