"""Measuring the assistant: ``metrics`` (retrieval metrics, reading and profile reports) and
``judge`` (answers and conversations judged as an adviser would)."""
