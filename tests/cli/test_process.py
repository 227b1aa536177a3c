"""The command as a real process: what the shell hands it (bytes) and what it imports to start."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BAD_UTF8 = (
    b"Error: an argument is not valid UTF-8 text (byte 0x%02x): retype it. / "
    b"Erreur : un argument n'est pas du texte UTF-8 valide.\n"
)


def assistant(*args: bytes | str, env: dict[str, str] | None = None):
    """Run ``python -m assistant.cli`` with these arguments, as bytes exactly as given."""
    return subprocess.run(
        [sys.executable, "-m", "assistant.cli", *args],
        capture_output=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


@pytest.fixture()
def env(tmp_path: Path) -> dict[str, str]:
    return {
        "ASSISTANT_DATABASE_URL": f"sqlite:///{tmp_path / 'bytes.db'}",
        "ASSISTANT_SPOOL": str(tmp_path / "spool"),
        "ASSISTANT_INDEX": str(tmp_path / "index"),
        "ASSISTANT_MODEL": "hash",
    }


@pytest.mark.parametrize(
    ("args", "byte"),
    [
        ([b"ask", b"\xff\xfe financement Lyon"], 0xFF),
        ([b"search", b"pr\xeat d'honneur"], 0xEA),  # "prêt" in Latin-1
        ([b"forget", b"--email", b"camille@caf\xe9.fr", b"--yes"], 0xE9),
        ([b"ask", b"incubateur", b"--territory", b"DEP:\xc3"], 0xC3),  # a cut UTF-8 sequence
        ([b"staff", b"add", b"\x80lice", b"--password-stdin"], 0x80),
        ([b"\xffask", b"--help"], 0xFF),
    ],
)
def test_an_argument_that_is_not_utf8_is_one_line_and_exit_2(args, byte, env, tmp_path):
    result = assistant(*args, env=env)
    assert result.returncode == 2, result.stderr
    assert result.stderr == BAD_UTF8 % byte
    assert result.stdout == b""
    assert not (tmp_path / "bytes.db").exists()  # refused before any command ran
    assert not (tmp_path / "index").exists()


def test_utf8_arguments_still_reach_the_command(env):
    result = assistant("search", "prêt d'honneur à Chambéry", env=env)
    assert result.returncode == 1  # the command ran: there is no index in that folder
    assert result.stderr.decode().startswith("Error: No index in ")


def test_help_starts_without_the_heavy_libraries():
    code = (
        "import sys\n"
        "from assistant.cli import main\n"
        "try:\n"
        "    main(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ('torch', 'faiss', 'chainlit', 'sqlalchemy', 'numpy', 'uvicorn', 'bs4')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Commands:" in result.stdout and result.stdout.strip().endswith("[]")
