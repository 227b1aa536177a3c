"""Print the corpus as a catalogue (id | kind | territories | title | summary) for labelling."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from assistant.corpus.ingest import load_corpus  # noqa: E402

for d in sorted(load_corpus(Path(__file__).resolve().parent.parent / "corpus").documents,
                key=lambda d: d.id):
    terr = ",".join(d.territories) + ("-" + ",".join(d.excluded_territories)
                                      if d.excluded_territories else "")
    print(f"{d.id} | {d.kind} | {terr} | {d.title} | {d.summary[:200]}")
