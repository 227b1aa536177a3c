"""Build assistant/data/gazetteer.json.gz from the official lists of French territories.

Source: the npm package @etalab/decoupage-administratif (MIT licence, data from INSEE's
Code officiel géographique and the DGCL's list of EPCI, postal codes from La Poste). Usage:

    npm pack @etalab/decoupage-administratif      # writes etalab-decoupage-administratif-X.tgz
    python scripts/build_gazetteer.py etalab-decoupage-administratif-6.0.0.tgz

The output is small (regions, departments, EPCI, current communes and the municipal
arrondissements of Paris, Lyon and Marseille, each with its parents) and loads in a few ms.
"""

from __future__ import annotations

import gzip
import json
import sys
import tarfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "assistant" / "data" / "gazetteer.json.gz"


def _read(tar: tarfile.TarFile, name: str) -> list[dict]:
    member = tar.extractfile(f"package/data/{name}.json")
    if member is None:
        raise SystemExit(f"Error: {name}.json missing from the package")
    return json.load(member)


def build(tgz: Path) -> dict:
    with tarfile.open(tgz) as tar:
        meta = json.load(tar.extractfile("package/package.json"))  # type: ignore[arg-type]
        regions = _read(tar, "regions")
        departements = _read(tar, "departements")
        epcis = _read(tar, "epci")
        communes = _read(tar, "communes")
    epci_of: dict[str, str] = {}
    out_epci = []
    for e in epcis:
        members = [m["code"] for m in e["membres"]]
        for code in members:
            epci_of[code] = e["code"]
        out_epci.append([e["code"], e["nom"], e["type"], e.get("populationTotale") or 0])
    out_com = []
    for c in communes:
        if c["type"] == "commune-actuelle":
            parent = None
        elif c["type"] == "arrondissement-municipal":
            parent = c["commune"]
        else:
            continue  # former communes merged into another one
        code = c["code"]
        epci = epci_of.get(parent or code)
        out_com.append(
            [
                code,
                c["nom"],
                c.get("departement"),
                c.get("region"),
                epci,
                parent,
                c.get("codesPostaux", []),
                c.get("population") or 0,
            ]
        )
    return {
        "provenance": {
            "package": f"{meta['name']}@{meta['version']}",
            "licence": meta.get("license"),
            "repository": meta.get("repository"),
            "built_by": "scripts/build_gazetteer.py",
        },
        "regions": [[r["code"], r["nom"], r.get("zone")] for r in regions],
        "departements": [[d["code"], d["nom"], d["region"], d.get("zone")] for d in departements],
        "epci": out_epci,
        "communes_columns": ["code", "nom", "dep", "reg", "epci", "parent", "postal", "pop"],
        "communes": out_com,
    }


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    data = build(Path(argv[1]))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as fh:
        json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))
    print(
        f"Wrote {OUT} ({OUT.stat().st_size // 1024} KiB): {len(data['regions'])} regions, "
        f"{len(data['departements'])} departments, {len(data['epci'])} EPCI, "
        f"{len(data['communes'])} communes"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
