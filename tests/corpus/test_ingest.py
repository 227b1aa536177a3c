import json
from pathlib import Path

from assistant.config import ROOT
from assistant.corpus.ingest import iter_csv, load_corpus, load_records, parse_markdown
from assistant.errors import DocumentError


def test_shipped_corpus_is_valid_and_big_enough():
    loaded = load_corpus(ROOT / "corpus")
    assert loaded.problems == []
    docs = loaded.documents
    assert len(docs) >= 30
    kinds = {d.kind for d in docs}
    assert kinds == {"organisation", "call", "guide"}
    for d in docs:
        assert d.sources, f"{d.id} has no source"
        assert d.last_checked is not None, f"{d.id} has no last_checked"
        assert d.territories, d.id


def test_fixture_document_fields(small_corpus: Path):
    doc = parse_markdown(small_corpus / "calls" / "appel-mobilite.md", small_corpus.parent)
    assert doc.id == "appel-mobilite"
    assert doc.territories == ["REG:84"]
    assert doc.deadline.isoformat() == "2026-03-31"
    assert doc.origin == "corpus/calls/appel-mobilite.md"
    assert "## Calendrier" in doc.text


def _write(path: Path, front: str, body: str = "## Titre\nTexte.\n") -> Path:
    path.write_text(f"---\n{front}---\n{body}", encoding="utf-8")
    return path


def test_broken_yaml_reports_file_and_line_and_others_still_load(small_corpus: Path):
    _write(
        small_corpus / "organisations" / "casse.md",
        "id: casse\nkind: organisation\ntitle: [pas fermé\n",
    )
    loaded = load_corpus(small_corpus)
    assert len(loaded.documents) == 4
    (problem,) = loaded.problems
    assert "casse.md" in str(problem)
    assert problem.line == 4
    assert "broken YAML" in problem.problem


def test_bad_field_reports_line_and_field(small_corpus: Path):
    _write(
        small_corpus / "organisations" / "mauvais.md",
        "id: mauvais\nkind: organisation\ntitle: Mauvais document\n"
        "territories: [DEP:69, DEP:999]\naudiences: [martiens]\n",
    )
    (problem,) = load_corpus(small_corpus).problems
    assert problem.field.startswith("territories")
    assert problem.line == 5
    assert "DEP:999" in problem.problem


def test_unknown_field_is_refused_with_a_suggestion(small_corpus: Path):
    _write(
        small_corpus / "organisations" / "typo.md",
        "id: typo\nkind: organisation\ntitle: Faute de frappe\ndeadlin: 2026-01-01\n",
    )
    (problem,) = load_corpus(small_corpus).problems
    assert problem.field == "deadlin"
    assert "deadline" in problem.problem
    assert problem.line == 5


def test_id_must_match_file_name_and_be_unique(small_corpus: Path):
    _write(
        small_corpus / "calls" / "autre-nom.md", "id: appel-mobilite\nkind: call\ntitle: Doublon\n"
    )
    problems = load_corpus(small_corpus).problems
    assert any("differs from the file name" in str(p) for p in problems)


def test_records_bad_line_is_reported_and_unknown_fields_kept(tmp_path: Path):
    path = tmp_path / "records.jsonl"
    good = {
        "id": "aide-1",
        "kind": "call",
        "title": "Aide test",
        "text": "Une aide.",
        "territories": "DEP:69",
        "financeur": "Département",
        "deadline": "2026-05-01",
    }
    lines = [json.dumps(good), "{pas du json", json.dumps({"id": "x", "kind": "nope"}), ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    loaded = load_records(path)
    assert [d.id for d in loaded.documents] == ["aide-1"]
    assert loaded.documents[0].metadata == {"financeur": "Département"}
    assert loaded.documents[0].territories == ["DEP:69"]
    assert [(p.line, p.field) for p in loaded.problems] == [(2, None), (3, "kind")]


def test_csv_with_mapping_reads_real_open_data():
    data = Path(__file__).parents[1] / "data" / "aides-territoires"
    path = data / "aides-territoires_periurbain.csv"
    rows = list(iter_csv(path, {"title": "Nom", "url": "Lien", "deadline": "Date Clôture"}))
    assert len(rows) == 274
    assert rows[0]["title"].startswith("Accompagner")
    assert "Financeurs" in rows[0]


def test_document_error_message_is_one_line():
    err = DocumentError("corpus/x.md", 3, "kind", "bad value")
    assert str(err) == "corpus/x.md:3: field 'kind': bad value"


def test_web_addresses_and_e_mails_are_checked(small_corpus: Path):
    _write(
        small_corpus / "organisations" / "adresses.md",
        "id: adresses\nkind: organisation\ntitle: Adresses\nurl: www.exemple.fr\n",
    )
    _write(
        small_corpus / "organisations" / "courriel.md",
        "id: courriel\nkind: organisation\ntitle: Courriel\ncontacts:\n"
        "  - organisation: X\n    email: pas-une-adresse\n",
    )
    problems = {p.origin.rsplit("/", 1)[-1]: p for p in load_corpus(small_corpus).problems}
    assert problems["adresses.md"].field == "url" and problems["adresses.md"].line == 5
    assert "not a web address" in problems["adresses.md"].problem
    assert problems["courriel.md"].field == "contacts.0.email"
    assert "not an e-mail address" in problems["courriel.md"].problem


def test_a_field_given_twice_is_reported_not_silently_dropped(small_corpus: Path):
    _write(
        small_corpus / "organisations" / "double.md",
        "id: double\nkind: organisation\ntitle: Document double\n"
        "subjects: [crèche]\nthemes: []\nsubjects: []\n",
    )
    (problem,) = load_corpus(small_corpus).problems
    assert problem.field == "subjects" and problem.line == 7
    assert "given twice" in problem.problem
