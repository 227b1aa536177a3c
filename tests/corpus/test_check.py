from datetime import date
from pathlib import Path

from click.testing import CliRunner

from assistant.cli import main
from assistant.config import ROOT
from assistant.corpus.check import check_corpus


def test_shipped_corpus_has_no_error():
    count, findings = check_corpus(ROOT / "corpus")
    assert count >= 30
    assert [f for f in findings if f.level == "error"] == []


def test_findings(small_corpus: Path):
    bad = small_corpus / "organisations" / "sans-source.md"
    bad.write_text(
        "---\nid: sans-source\nkind: organisation\ntitle: Sans source\n"
        "territories: [DEP:99]\n---\nTexte.\n"
    )
    dup = small_corpus / "calls" / "doublon.md"
    dup.write_text((small_corpus / "calls" / "appel-mobilite.md").read_text())
    path = small_corpus / "organisations" / "pret-bretagne.md"
    path.write_text(
        path.read_text()
        .replace("last_checked: 2026-11-27", "last_checked: 2024-01-01")
        .replace("    email: contact@example.org\n", "")
    )
    _, findings = check_corpus(small_corpus, today=date(2026, 6, 1))
    text = "\n".join(str(f) for f in findings)
    assert "ERROR   corpus/organisations/sans-source.md:5 [territories]" in text
    assert "does not exist" in text
    assert "doublon.md" in text and "differs from the file name" in text
    assert "WARNING corpus/calls/appel-mobilite.md [deadline]: the deadline 2026-03-31" in text
    assert "pret-bretagne.md [last_checked]: last checked 2024-01-01" in text
    assert "pret-bretagne.md [contacts.0]" in text
    assert "incubateur-rhone" not in text  # a clean document yields nothing
    assert findings[0].level == "error"  # errors come first


def test_recurring_calls_are_kept_in_time(small_corpus: Path):
    path = small_corpus / "calls" / "appel-mobilite.md"
    # the usual window (closing in March) has passed in 2027 with no new date: check it
    _, findings = check_corpus(small_corpus, today=date(2027, 4, 15))
    text = "\n".join(str(f) for f in findings)
    assert "appel-mobilite.md [usual_window]: the usual window (closing in mars) has passed" in text
    # not yet: the new edition may not be published before its usual month
    _, findings = check_corpus(small_corpus, today=date(2026, 12, 1))
    assert not [f for f in findings if f.field == "usual_window"]
    # a recurring call must say its usual months
    path.write_text(path.read_text().replace(
        "usual_window: {opens: 1, closes: 3, seen: [2026]}\n", ""
    ))
    _, findings = check_corpus(small_corpus, today=date(2026, 2, 1))
    assert "a recurring call without its usual months" in "\n".join(str(f) for f in findings)


def test_sources_that_take_no_requests_need_no_contact(small_corpus: Path):
    path = small_corpus / "organisations" / "pret-bretagne.md"
    text = path.read_text()
    start = text.index("contacts:")
    end = text.index("sources:")
    path.write_text(text[:start] + "takes_requests: false\ncontacts: []\n" + text[end:])
    _, findings = check_corpus(small_corpus, today=date(2026, 2, 1))
    assert not [f for f in findings if "pret-bretagne" in f.origin]


def test_cli_exit_codes(small_corpus: Path):
    ok = CliRunner().invoke(
        main, ["corpus", "check", "--corpus", str(small_corpus), "--today", "2026-02-01"]
    )
    assert ok.exit_code == 0 and "0 error(s), 0 warning(s)" in ok.output
    late = CliRunner().invoke(
        main,
        ["corpus", "check", "--corpus", str(small_corpus), "--today", "2026-06-01", "--strict"],
    )
    assert late.exit_code == 1 and "1 warning(s)" in late.output
    (small_corpus / "calls" / "x.md").write_text("no front matter")
    broken = CliRunner().invoke(main, ["corpus", "check", "--corpus", str(small_corpus)])
    assert broken.exit_code == 1 and "ERROR   corpus/calls/x.md:1" in broken.output


def test_a_scheme_applied_through_an_unknown_network_is_an_error(small_corpus: Path):
    path = small_corpus / "calls" / "appel-mobilite.md"
    path.write_text(path.read_text().replace("\ncontacts:", "\napplied_through: sdjes\ncontacts:",
                                             1))
    _, findings = check_corpus(small_corpus, today=date(2026, 1, 1))
    errors = [f for f in findings if f.level == "error"]
    assert len(errors) == 1 and errors[0].field == "applied_through"
    assert "'sdjes'" in errors[0].message
