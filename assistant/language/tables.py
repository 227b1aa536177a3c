"""The reader's derived tables (place names, typo indexes, word counts), kept on disk between runs.

Building them from the packaged data takes about two seconds (the gazetteer's 35,000 communes
folded, one- and two-typo indexes, the French word counts); a cold ``assistant ask`` would spend
most of its time there. Each table is pickled once into the user's cache folder
(``$ASSISTANT_CACHE_DIR``, else ``$XDG_CACHE_HOME/ess-assistant``, else ``~/.cache/ess-assistant``)
under a key that changes with the code of this package's reader, its data files and the Python
version, so a stale table is never read: a new key means the table is built again.

A cache folder that cannot be written, or a file that cannot be read, only costs the build time:
the table is built in memory as if there were no cache.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from functools import cache, wraps
from pathlib import Path
from typing import TypeVar

from ..config import DATA_DIR

T = TypeVar("T")
HERE = Path(__file__).resolve().parent


def cache_dir() -> Path:
    if os.environ.get("ASSISTANT_CACHE_DIR"):
        return Path(os.environ["ASSISTANT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ess-assistant"


@cache
def key() -> str:
    """What the tables are built from: the reader's code, the packaged data, word counts."""
    h = hashlib.sha1(f"{sys.version_info[:2]} {pickle.HIGHEST_PROTOCOL}".encode())
    sources = sorted(HERE.glob("*.py")) + [HERE.parent / "search" / "lexical.py"]
    for path in sources + sorted(p for p in DATA_DIR.iterdir() if p.is_file()):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    try:
        from importlib import metadata

        h.update(metadata.version("pyspellchecker").encode())
    except Exception:  # noqa: BLE001 - the word counts' version is only part of the key
        pass
    return h.hexdigest()[:16]


def stored(build: Callable[[], T]) -> Callable[[], T]:
    """``build()`` computed once per process, and read from the disk cache when it is there."""
    name = f"{build.__module__.rsplit('.', 1)[-1]}.{build.__name__}"

    @cache
    @wraps(build)
    def wrapper() -> T:
        if os.environ.get("ASSISTANT_NO_TABLE_CACHE"):
            return build()
        path = wrapper.path()
        try:
            with open(path, "rb") as fh:
                return pickle.load(fh)
        except FileNotFoundError:
            pass
        except Exception:  # noqa: BLE001 - a damaged file is built again and replaced
            pass
        value = build()
        _store(path, value)
        return value

    wrapper.build = build  # type: ignore[attr-defined]  # the uncached builder, for tests
    wrapper.path = lambda: cache_dir() / f"{name}-{key()}.pickle"  # type: ignore[attr-defined]
    _ALL.setdefault(name, wrapper)  # the module's own table, not a test's copy
    return wrapper


_ALL: dict[str, Callable] = {}


def _store(path: Path, value) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # atomic: another process reads the old file or the new one
        _prune(path)
    except OSError:
        pass  # read-only home: the table lives in memory only


def prepare() -> int:
    """Build and store every table not on disk yet (``assistant index`` and ``serve`` call it,
    so that the first question after an install or an upgrade is as fast as the next ones).
    Returns how many were built."""
    from ..search import lexical  # noqa: F401 - it registers its table too
    from . import french, placenames, territory  # noqa: F401 - they register their tables

    built = 0
    if os.environ.get("ASSISTANT_NO_TABLE_CACHE"):
        return built
    for table in _ALL.values():
        path = table.path()
        if not path.exists():
            value = table()  # this process may hold it already: then it is only written
            if not path.exists():
                _store(path, value)
            built += 1
    return built


def _prune(keep: Path) -> None:
    """Tables of an older key (an earlier version of the code or data) are deleted."""
    name = keep.stem.rsplit("-", 1)[0]
    for old in keep.parent.glob(f"{name}-*.pickle"):
        if old != keep:
            try:
                old.unlink()
            except OSError:
                pass
