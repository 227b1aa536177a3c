"""Measuring the assistant: ``metrics`` (retrieval metrics, reading and profile reports),
``judge`` (answers judged as an adviser would) and ``conversations`` (the same, turn by turn, with
the context each turn leaves)."""
