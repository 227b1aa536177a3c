"""Judge answers saved as JSON Lines (one ``Answer.as_dict()`` a line, with its ``qid``), e.g.
the answers of an earlier version, against a judged question set; prints the summary as JSON.

    python scripts/judge_saved.py tests/eval/advice_dev.jsonl answers.jsonl [--index index/]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from assistant.engine import Engine  # noqa: E402
from assistant.evaluate.judge import judge_saved  # noqa: E402
from assistant.evaluate.metrics import load_lines  # noqa: E402


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    questions, saved = Path(argv[0]), Path(argv[1])
    index = Path(argv[argv.index("--index") + 1]) if "--index" in argv else None
    lines = load_lines(questions)
    answers = {a["qid"]: a for a in load_lines(saved)}
    missing = [ln["qid"] for ln in lines if ln["qid"] not in answers]
    if missing:
        print(f"Error: no saved answer for {len(missing)} question(s), first {missing[0]}.",
              file=sys.stderr)
        return 1
    library = Engine(index).retriever().library
    result = judge_saved(lines, answers, library)
    summary = {k: v for k, v in result.items() if k != "per_question"}
    print(json.dumps(summary, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
