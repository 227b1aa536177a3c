"""A clone is all it takes: nothing outside the repository is read, and third-party data travels
with its licence and its source."""

import re
import tomllib

from assistant.config import ROOT

OUTSIDE = re.compile(r"\.\./shared|parent / \"shared\"")


def test_no_code_reads_outside_the_repository():
    offenders = []
    for folder in ("assistant", "tests", "scripts"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in (".py", ".sh") and path.is_file():
                text = path.read_text(encoding="utf-8")
                if OUTSIDE.search(text) and path.name != "test_repository.py":
                    offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_third_party_data_has_licence_and_source():
    aides = ROOT / "tests" / "data" / "aides-territoires"
    data = {
        ROOT / "assistant" / "data" / "gazetteer.json.gz": "LICENSE-decoupage-administratif",
        ROOT / "assistant" / "data" / "frr-communes-2025-07.csv.gz": "LICENSE-frr",
        aides / "aides-territoires_periurbain.csv": "LICENSE",
        ROOT / "tests" / "data" / "spf" / "spf_corpus_530.json": "LICENSE",
    }
    for path, licence in data.items():
        assert path.is_file(), path
        assert (path.parent / licence).is_file(), f"{path.name} has no {licence}"
        readme = path.parent / "README.md"
        if not readme.is_file():
            readme = path.parent.parent / "README.md"
        assert path.name in readme.read_text(encoding="utf-8"), f"{path.name} not described"


def test_project_licence_matches_pyproject():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert meta["project"]["license"] == "MIT"
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "## Data and licences" in readme


def test_lock_pins_torch_and_every_dependency():
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    pins = dict(
        line.split("==", 1) for line in lock.splitlines() if line and not line.startswith("#")
    )
    names = {n.lower().replace("_", "-") for n in pins}
    assert pins.get("torch") == "2.13.0"
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wanted = meta["project"]["dependencies"] + meta["project"]["optional-dependencies"]["test"]
    for req in wanted:
        name = re.split(r"[<>=\[ ;]", req, maxsplit=1)[0].lower().replace("_", "-")
        assert name in names, f"{name} is not pinned in requirements.lock"
