"""Fixtures of the CLI tests: each command runs in this process (click's CliRunner), so what a
process does once must be undone between tests."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(autouse=True)
def no_server(monkeypatch):
    """``assistant serve`` ends by replacing its process with the server: never the test run."""

    def refuse(*args, **kwargs):
        raise AssertionError("assistant serve tried to start the server")

    monkeypatch.setattr(os, "execve", refuse)
