import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from assistant.cli import main
from assistant.config import HASH_MODEL

H = ["--model", HASH_MODEL]


def run(*args: str, ok: bool = True):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output + (result.stderr or "")
    return result


def test_every_command_has_help_with_an_example():
    for name, cmd in main.commands.items():
        assert cmd.help and len(cmd.help) > 20, name
        out = run(name, "--help").output
        assert "assistant " in out, name  # an example line
        for param in cmd.params:
            if isinstance(param, click.Option):
                assert param.help, f"{name} {param.name}"


def test_index_search_ask_eval_roundtrip(small_corpus: Path, tmp_path: Path):
    idx = str(tmp_path / "idx")
    out = run("index", "--corpus", str(small_corpus), "--index-dir", idx, *H).output
    assert "Indexed 4 documents" in out and "chunks/s" in out
    again = run("index", "--corpus", str(small_corpus), "--index-dir", idx, *H, "-q").output
    assert "unchanged 4" in again and "embedded 0 passages" in again

    res = json.loads(run("search", "prêt d'honneur", "--index-dir", idx, *H, "--json").output)
    assert res["results"][0]["id"] == "pret-bretagne"
    assert {"id", "score", "rank"} <= set(res["results"][0])

    ans = json.loads(
        run(
            "ask",
            "Un incubateur à Tarare pour mon idée",
            "--index-dir",
            idx,
            *H,
            "--json",
            "--today",
            "2026-02-01",
        ).output
    )
    assert {"answer", "sources", "contacts", "clarification", "profile"} <= set(ans)
    src = ans["sources"][0]
    assert {
        "n",
        "id",
        "title",
        "url",
        "kind",
        "territories",
        "deadline",
        "status",
        "passage",
    } <= set(src)
    assert ans["profile"]["territory"] == "COM:69243"
    assert {"territory", "needs", "themes", "audience", "stage"} <= set(ans["profile"])

    text = run("ask", "garantie prêt bancaire partout en France", "--index-dir", idx, *H).output
    assert "[1]" in text and "Sources" in text

    qfile = tmp_path / "q.jsonl"
    qfile.write_text(
        json.dumps({"qid": "1", "query": "garage solidaire", "relevant": ["appel-mobilite"]}) + "\n"
    )
    ev = json.loads(run("eval", str(qfile), "--index-dir", idx, *H, "--json").output)
    assert {"recall@5", "recall@10", "mrr@10", "ndcg@10"} <= set(ev)
    assert ev["per_query"][0]["qid"] == "1"
    assert ev["per_query"][0]["ranked"][0] == "appel-mobilite"
    asked = json.loads(
        run("eval", str(qfile), "--index-dir", idx, *H, "--json", "--as-asked").output
    )
    assert asked["mode"] == "hybrid as asked" and asked["per_query"][0]["ranked"]


def test_records_index_only_those_records(tmp_path: Path):
    rec = tmp_path / "r.jsonl"
    rec.write_text(
        "\n".join(
            [
                json.dumps(
                    {
                        "id": "r1",
                        "kind": "call",
                        "title": "Aide au vélo",
                        "text": "Vélos.",
                        "source_system": "test",
                    }
                ),
                "not json",
            ]
        )
    )
    idx = tmp_path / "ri"
    result = run("index", "--records", str(rec), "--index-dir", str(idx), *H, ok=False)
    assert result.exit_code == 1
    assert "r.jsonl:2" in result.stderr and "invalid JSON" in result.stderr
    assert "Indexed 1 documents" in result.output
    res = json.loads(run("search", "vélo", "--index-dir", str(idx), *H, "--json").output)
    assert [r["id"] for r in res["results"]] == ["r1"]


def test_broken_corpus_file_is_reported_and_the_rest_indexed(small_corpus: Path, tmp_path: Path):
    (small_corpus / "calls" / "broken.md").write_text("---\nid: broken\nkind: [\n---\nx\n")
    result = run(
        "index", "--corpus", str(small_corpus), "--index-dir", str(tmp_path / "i"), *H, ok=False
    )
    assert result.exit_code == 1
    assert "calls/broken.md:3" in result.stderr and "broken YAML" in result.stderr
    assert "Indexed 4 documents" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ask", ""], "The question is empty"),
        (["ask", "x" * 10_000], "too long (10000 characters"),
        (["ask", "???"], "no words"),
        (["ask", "prêt", "--territory", "DEP:999"], "Unknown territory code 'DEP:999'"),
        (["ask", "prêt", "--territory", "Lyon"], "is not a territory code"),
        (["search", "prêt", "--need", "argent"], "Unknown need 'argent'"),
    ],
)
def test_bad_input_gives_one_clear_line(small_index: Path, args, message):
    result = run(*args, "--index-dir", str(small_index), *H, ok=False)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ") and message in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_missing_mismatched_and_corrupted_index(tmp_path: Path, small_index: Path):
    result = run("ask", "prêt", "--index-dir", str(tmp_path / "none"), *H, ok=False)
    assert result.exit_code == 1 and "No index in" in result.stderr
    assert "assistant index --index-dir" in result.stderr
    result = run("ask", "prêt", "--index-dir", str(small_index), "--model", "other-model", ok=False)
    assert result.exit_code == 1 and "built with the model 'hash'" in result.stderr
    live = small_index / (small_index / "CURRENT").read_text().strip()
    (live / "chunks.jsonl").write_text("{broken")
    result = run("ask", "prêt", "--index-dir", str(small_index), *H, ok=False)
    assert result.exit_code == 1 and "damaged" in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_english_question_is_answered_in_french(small_index: Path):
    out = json.loads(
        run(
            "ask",
            "Which grants can fund my rural mobility project in the Rhône?",
            "--index-dir",
            str(small_index),
            *H,
            "--json",
        ).output
    )
    assert out["profile"]["language"] == "en"
    assert "Je réponds en français" in out["answer"]


def test_bad_eval_file(tmp_path: Path, small_index: Path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"qid": 1}\n')
    result = run("eval", str(bad), "--index-dir", str(small_index), *H, ok=False)
    assert result.exit_code == 1 and "bad.jsonl:1: bad evaluation line" in result.stderr


def test_chat_keeps_the_conversation(small_index: Path):
    lines = "Je cherche un incubateur pour mon idée\nTarare\nnouvelle recherche\n\n"
    result = CliRunner().invoke(
        main, ["chat", "--index-dir", str(small_index), *H, "--json"], input=lines
    )
    assert result.exit_code == 0, result.output
    answers = [json.loads(x) for x in result.output.splitlines() if x.startswith("{")]
    assert answers[0]["clarification"] and answers[1]["profile"]["territory"] == "COM:69243"
    assert "Nouvelle recherche" in result.output


def test_eval_profiles(tmp_path: Path, small_index: Path):
    qfile = tmp_path / "p.jsonl"
    rows = [
        {
            "qid": "1",
            "query": "Un incubateur à Tarare pour mon asso",
            "relevant": [],
            "profile": {
                "territory": "COM:69243",
                "needs": ["incubation"],
                "audience": "association",
                "stage": None,
                "themes": [],
            },
        },
        {
            "qid": "2",
            "query": "une garantie à Rennes",
            "relevant": ["garantie-nationale"],
            "profile": {
                "territory": "COM:35238",
                "needs": ["pret"],
                "audience": None,
                "stage": None,
                "themes": [],
            },
        },
    ]
    qfile.write_text("\n".join(json.dumps(r) for r in rows))
    out = json.loads(
        run("eval", str(qfile), "--index-dir", str(small_index), *H, "--profiles", "--json").output
    )
    p = out["profiles"]
    assert p["questions"] == 2 and p["profile_fully_right"] == 0.5
    assert p["wrong"][0]["qid"] == "2" and set(p["wrong"][0]["fields"]) == {"needs"}
    assert p["territory_precision"] == 1.0 and p["cited_documents"] >= 2
    assert out["questions"] == 1  # only lines with relevant documents are ranked
