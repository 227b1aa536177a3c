"""Importers: open data of public aids, CSV, saved pages, and a crawl of a local web server."""

from __future__ import annotations

import json
import shutil
import threading
import time
from datetime import date
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.cli import main
from assistant.config import HASH_MODEL
from assistant.corpus.importers import aid_to_record, import_aides_territoires
from assistant.corpus.ingest import load_corpus, load_records
from assistant.corpus.webimport import USER_AGENT, Crawler, html_to_draft

TESTS = Path(__file__).parents[1]
DATA = TESTS / "data"
AIDES_CSV = DATA / "aides-territoires" / "aides-territoires_periurbain.csv"
SITE = TESTS / "fixtures" / "web" / "site"


def test_real_aides_territoires_export():
    result = import_aides_territoires(AIDES_CSV, date(2026, 11, 27))
    assert len(result.records) + len(result.skipped) == 274
    assert len(result.records) >= 150
    by_title = {r["title"]: r for r in result.records}
    velo = next(
        r
        for t, r in by_title.items()
        if t.startswith("Accompagner et développer le maillage des liaisons")
    )
    assert velo["territories"] == ["DEP:56"]  # "Conseil départemental du Morbihan"
    assert velo["recurrence"] == "ongoing" and "collectivite" in velo["audiences"]
    assert all(
        why.startswith("territory unknown") or "duplicate" in why for _, why in result.skipped
    )
    dated = [r for r in result.records if r["deadline"]]
    assert dated and all(len(r["deadline"]) == 10 for r in dated)


def test_closed_aids_from_open_data_are_never_presented_as_open(tmp_path: Path):
    out = tmp_path / "aides.jsonl"
    runner = CliRunner()
    res = runner.invoke(
        main, ["import-aides", str(AIDES_CSV), "--out", str(out), "--today", "2026-11-27"]
    )
    assert res.exit_code == 0 and "Wrote" in res.output
    loaded = load_records(out)
    assert loaded.problems == []
    closed = [d for d in loaded.documents if d.status(date(2026, 11, 27)) == "closed"]
    assert len(closed) >= 10
    idx = tmp_path / "idx"
    assert (
        runner.invoke(
            main,
            ["index", "--records", str(out), "--index-dir", str(idx), "--model", HASH_MODEL, "-q"],
        ).exit_code
        == 0
    )
    for doc in closed[:5]:
        ans = json.loads(
            runner.invoke(
                main,
                [
                    "ask",
                    doc.title,
                    "--index-dir",
                    str(idx),
                    "--model",
                    HASH_MODEL,
                    "--json",
                    "--today",
                    "2026-11-27",
                ],
            ).output
        )
        for s in ans["sources"]:
            if s["id"] == doc.id:
                assert s["status"] == "closed"
        for block in ans["answer"].split("\n\n"):
            if doc.title in block:
                # shown only with its closing said, never with an open deadline
                assert "clôtur" in block and "Ouvert jusqu'au" not in block, block


def test_api_format():
    aid = {
        "name": "Aide test",
        "slug": "aide-test",
        "url": "https://aides.example/aide-test",
        "financers": ["Région Auvergne-Rhône-Alpes"],
        "perimeter": "Auvergne-Rhône-Alpes",
        "targeted_audiences": ["Associations", "Entreprises privées"],
        "aid_types": ["Subvention", "Prêt"],
        "recurrence": "Récurrente",
        "description": "<p>Une aide <b>test</b>.</p><p>Deuxième paragraphe.</p>",
        "submission_deadline": "2026-03-31",
        "start_date": "2026-01-01",
        "is_call_for_project": True,
        "contact": "<p>Service ESS</p>",
    }
    rec = aid_to_record(aid, date(2026, 1, 15))
    assert rec["id"] == "at-aide-test" and rec["territories"] == ["REG:84"]
    assert rec["audiences"] == ["association", "entreprise"]
    assert rec["needs"] == ["subvention", "pret"] and rec["recurrence"] == "recurring"
    assert rec["deadline"] == "2026-03-31" and "## Contacts\nService ESS" in rec["text"]
    with pytest.raises(ValueError, match="territory unknown"):
        aid_to_record({**aid, "perimeter": "", "financers": ["Bureau d'études X"]}, date.today())


def test_generic_csv_mapping(tmp_path: Path):
    src = tmp_path / "a.csv"
    src.write_text("Nom,Lien,Fin,Autre\nAide A,https://a.example,31/03/2026,x\n")
    out = tmp_path / "a.jsonl"
    res = CliRunner().invoke(
        main,
        [
            "import-csv",
            str(src),
            "--map",
            "title=Nom",
            "--map",
            "url=Lien",
            "--map",
            "deadline=Fin",
            "--set",
            "kind=call",
            "--set",
            "territories=DEP:69",
            "--out",
            str(out),
        ],
    )
    assert res.exit_code == 0, res.output
    (doc,) = load_records(out).documents
    assert doc.deadline == date(2026, 3, 31) and doc.territories == ["DEP:69"]
    assert doc.metadata == {"Autre": "x"}
    bad = CliRunner().invoke(
        main, ["import-csv", str(src), "--map", "title=Absent", "--out", str(out)]
    )
    assert bad.exit_code == 1 and "column(s) Absent not found" in bad.output + bad.stderr


def test_saved_page_to_draft_keeps_only_the_content():
    html = (SITE / "aides" / "appel-mobilite.html").read_text()
    draft = html_to_draft(html, retrieved=date(2026, 11, 27))
    assert draft.title == "Appel à projets Mobilité solidaire 2026"
    assert draft.kind == "call"
    assert draft.url == "https://www.region-test.example/aides/appel-mobilite"
    md = draft.markdown
    for noise in ("cookies", "Accueil", "Mentions légales", "tracker", "Toutes les aides"):
        assert noise not in md, noise
    assert "## Qui peut candidater ?" in md and "- Les associations de loi 1901" in md
    assert "checked: 2026-11-27" in md and "territories: []" in md


def test_import_html_cli_writes_drafts_that_indexing_ignores(tmp_path: Path, small_corpus):
    out = small_corpus / "_drafts"
    res = CliRunner().invoke(
        main,
        [
            "import-html",
            str(SITE / "aides" / "guide-statuts.html"),
            "--url",
            "https://guide.example/statuts",
            "--out",
            str(out),
        ],
    )
    assert res.exit_code == 0, res.output
    (path,) = out.glob("*.md")
    text = path.read_text()
    assert "kind: guide" in text and "lettre d'information" not in text
    assert "Accueil" not in text
    assert len(load_corpus(small_corpus).documents) == 4  # drafts are not indexed
    missing = CliRunner().invoke(main, ["import-html", str(tmp_path / "none.html")])
    assert missing.exit_code == 1 and "File not found" in missing.stderr


class _Handler(SimpleHTTPRequestHandler):
    log: list = []

    def log_message(self, *args):  # keep test output clean
        pass

    def do_GET(self):  # noqa: N802 - http.server's name
        _Handler.log.append((time.monotonic(), self.path, self.headers.get("User-Agent")))
        super().do_GET()


@pytest.fixture()
def site(tmp_path: Path):
    root = tmp_path / "site"
    shutil.copytree(SITE, root)
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), lambda *a, **k: _Handler(*a, directory=str(root), **k)
    )
    base = f"http://127.0.0.1:{server.server_address[1]}"
    sm = root / "sitemap.xml"
    sm.write_text(sm.read_text().replace("__BASE__", base))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Handler.log = []
    yield base
    server.shutdown()


def test_polite_resumable_crawl(site: str, tmp_path: Path):
    out = tmp_path / "crawl"
    runner = CliRunner()
    first = runner.invoke(
        main,
        [
            "crawl",
            "--sitemap",
            f"{site}/sitemap.xml",
            "--out",
            str(out),
            "--delay",
            "0.3",
            "--max-pages",
            "1",
        ],
    )
    assert first.exit_code == 0, first.output
    assert "1 fetched" in first.output
    second = runner.invoke(
        main, ["crawl", "--sitemap", f"{site}/sitemap.xml", "--out", str(out), "--delay", "0.3"]
    )
    assert second.exit_code == 0, second.output
    assert "1 fetched, 1 already done, 1 refused by robots.txt" in second.output
    state = json.loads((out / "crawl-state.json").read_text())
    assert len(state["done"]) == 2 and state["refused"] == [f"{site}/private/interne.html"]
    assert not any(p.endswith("/private/interne.html") for _, p, _ in _Handler.log)
    assert all(ua == USER_AGENT for _, _, ua in _Handler.log)
    pages = [t for t, p, _ in _Handler.log if p.startswith("/aides/")]
    drafts = sorted((out / "drafts").glob("*.md"))
    assert len(drafts) == 2 and len(pages) == 2
    # the second run's page request came at least --delay after its robots.txt request
    gaps = [b - a for (a, _, _), (b, _, _) in zip(_Handler.log, _Handler.log[1:], strict=False)]
    assert max(gaps) >= 0.25


def test_crawler_state_survives_a_new_process(site: str, tmp_path: Path):
    out = tmp_path / "c2"
    Crawler(out, delay=0).run([f"{site}/aides/guide-statuts.html"])
    again = Crawler(out, delay=0).run([f"{site}/aides/guide-statuts.html"])
    assert again == {"fetched": 0, "skipped_done": 1, "refused_by_robots": 0, "failed": 0,
                     "refused_scheme": 0}
    failed = Crawler(out, delay=0).run([f"{site}/aides/absente.html"])
    assert failed["failed"] == 1
