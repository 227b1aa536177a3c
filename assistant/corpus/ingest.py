"""Read documents: Markdown files with front matter, JSON Lines records, CSV with a mapping.

A broken document never stops the others: it becomes a :class:`~assistant.errors.DocumentError`
with file, line and field, and loading goes on.
"""

from __future__ import annotations

import csv
import difflib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ..errors import CorpusError, DocumentError
from .documents import FIELDS, Document

FRONT = "---"


@dataclass
class Loaded:
    documents: list[Document] = field(default_factory=list)
    problems: list[DocumentError] = field(default_factory=list)

    def extend(self, other: Loaded) -> None:
        self.documents.extend(other.documents)
        self.problems.extend(other.problems)


def _node_line(node: yaml.Node | None, loc: tuple) -> int | None:
    """Line (1-based, in the front matter) of the YAML node at pydantic's error location."""
    line = None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if k.value == part), None)
            key = next((k for k, v in node.value if k.value == part), None)
            if key is None:
                break
            line, node = key.start_mark.line + 1, match
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                break
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line


def _errors(origin: str, exc: ValidationError, node: yaml.Node | None, offset: int) -> list:
    out = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        line = _node_line(node, loc)
        name = ".".join(str(p) for p in loc) or None
        msg = err["msg"].removeprefix("Value error, ")
        out.append(DocumentError(origin, (line + offset) if line else None, name, msg))
    return out


def split_front_matter(text: str) -> tuple[str, str, int]:
    """Return (yaml text, body, line number where the yaml starts)."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != FRONT:
        raise ValueError("the file must start with a '---' line opening the front matter")
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() == FRONT:
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1 :]).strip() + "\n", 2
    raise ValueError("the front matter is not closed by a '---' line")


def parse_markdown(path: Path, root: Path | None = None) -> Document:
    """Parse one corpus file; raise DocumentError (first problem) or return the document."""
    origin = str(path.relative_to(root)) if root else str(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DocumentError(origin, None, None, f"not UTF-8 text ({exc.reason})") from None
    try:
        front, body, offset = split_front_matter(raw)
    except ValueError as exc:
        raise DocumentError(origin, 1, None, str(exc)) from None
    try:
        node = yaml.compose(front)
        data = yaml.safe_load(front)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + offset if mark else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise DocumentError(origin, line, None, f"broken YAML: {problem}") from None
    if not isinstance(data, dict):
        raise DocumentError(origin, offset, None, "the front matter must be a YAML mapping")
    seen: set[str] = set()
    for key_node, _ in node.value if isinstance(node, yaml.MappingNode) else ():
        key = str(key_node.value)
        if key in seen:  # YAML keeps the last one silently: a field would be lost
            raise DocumentError(origin, key_node.start_mark.line + offset, key,
                                "this field is given twice")
        seen.add(key)
    unknown = [k for k in data if k not in FIELDS or k in ("text", "origin")]
    if unknown:
        k = unknown[0]
        close = difflib.get_close_matches(str(k), sorted(FIELDS), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        line = _node_line(node, (k,))
        raise DocumentError(
            origin, line + offset - 1 if line else None, str(k), f"unknown field{hint}"
        )
    data["text"] = body
    data["origin"] = origin
    try:
        doc = Document.model_validate(data)
    except ValidationError as exc:
        raise _errors(origin, exc, node, offset - 1)[0] from None
    if doc.id != path.stem:
        line = _node_line(node, ("id",))
        raise DocumentError(
            origin,
            line + offset - 1 if line else None,
            "id",
            f"'{doc.id}' differs from the file name '{path.stem}'",
        )
    return doc


def load_corpus(corpus_dir: Path) -> Loaded:
    """Every ``*.md`` under the folder except README files."""
    if not corpus_dir.is_dir():
        raise CorpusError(f"Corpus folder not found: {corpus_dir}")
    result = Loaded()
    for path in sorted(corpus_dir.rglob("*.md")):
        if path.name.upper().startswith("README"):
            continue
        if any(part.startswith("_") for part in path.relative_to(corpus_dir).parts[:-1]):
            continue  # corpus/_drafts/: imported pages a maintainer has not checked yet
        try:
            result.documents.append(parse_markdown(path, corpus_dir.parent))
        except DocumentError as exc:
            result.problems.append(exc)
    return _dedupe(result)


def record_to_document(obj: dict[str, Any], origin: str) -> Document:
    """One record (a dict): known fields validated, unknown ones kept in ``metadata``."""
    known = {k: v for k, v in obj.items() if k in FIELDS and k not in ("origin", "metadata")}
    extra = {k: v for k, v in obj.items() if k not in FIELDS}
    extra.update(obj.get("metadata") or {})
    known["metadata"] = extra
    known["origin"] = origin
    try:
        return Document.model_validate(known)
    except ValidationError as exc:
        first = exc.errors()[0]
        name = ".".join(str(p) for p in first["loc"]) or None
        msg = first["msg"].removeprefix("Value error, ")
        raise DocumentError(origin, None, name, msg) from None


def load_records(path: Path) -> Loaded:
    """JSON Lines: one document a line; a bad line is reported with its number and skipped."""
    if not path.is_file():
        raise CorpusError(f"Records file not found: {path}")
    result = Loaded()
    with path.open(encoding="utf-8", errors="replace") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            origin = f"{path.name}:{n}"
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                result.problems.append(
                    DocumentError(path.name, n, None, f"invalid JSON ({exc.msg})")
                )
                continue
            if not isinstance(obj, dict):
                result.problems.append(DocumentError(path.name, n, None, "not a JSON object"))
                continue
            try:
                result.documents.append(record_to_document(obj, origin))
            except DocumentError as exc:
                result.problems.append(DocumentError(path.name, n, exc.field, exc.problem))
    return _dedupe(result)


def _dedupe(result: Loaded) -> Loaded:
    seen: dict[str, str] = {}
    kept = []
    for doc in result.documents:
        if doc.id in seen:
            result.problems.append(
                DocumentError(
                    doc.origin, None, "id", f"duplicate id '{doc.id}' (first in {seen[doc.id]})"
                )
            )
            continue
        seen[doc.id] = doc.origin
        kept.append(doc)
    result.documents = kept
    return result


def iter_csv(path: Path, mapping: dict[str, str], delimiter: str = ",") -> Iterator[dict]:
    """Rows of a CSV as record dicts; ``mapping`` maps document fields to column names."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh, delimiter=delimiter)
        missing = [col for col in mapping.values() if col not in (reader.fieldnames or [])]
        if missing:
            raise CorpusError(
                f"{path.name}: column(s) {', '.join(missing)} not found; the file has: "
                f"{', '.join(reader.fieldnames or [])}"
            )
        for row in reader:
            rec: dict[str, Any] = {f: row[c] for f, c in mapping.items()}
            rec.update({c: v for c, v in row.items() if c not in mapping.values()})
            yield rec


def documents_to_jsonl(docs: Iterable[Document]) -> Iterator[str]:
    for doc in docs:
        obj = doc.model_dump(mode="json", exclude={"origin"})
        yield json.dumps(obj, ensure_ascii=False)
