"""The reader's tables are kept on disk between runs (a cold ``assistant ask`` reads them
instead of building them): the same values, rebuilt when the code or data change, and never a
reason to fail."""

import pickle

import pytest

from assistant.language import tables
from assistant.language.placenames import name_index
from assistant.language.territory import gazetteer


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSISTANT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ASSISTANT_NO_TABLE_CACHE", raising=False)
    return tmp_path / "cache"


def _fresh(builder):
    """A new process's view of a stored table: nothing in memory yet."""
    return tables.stored(builder.build)


def test_a_stored_table_equals_the_built_one_and_is_read_back(cache):
    first = _fresh(name_index)
    value = first()
    files = list(cache.glob("placenames.name_index-*.pickle"))
    assert len(files) == 1 and files[0].stat().st_size > 100_000
    assert value == name_index.build()
    # a later process reads the file instead of building (a marked file proves it)
    marked = dict(value, zzz_marker=("COM:69123",))
    files[0].write_bytes(pickle.dumps(marked))
    assert _fresh(name_index)()["zzz_marker"] == ("COM:69123",)


def test_the_gazetteer_survives_the_round_trip(cache):
    g = _fresh(gazetteer)()
    again = _fresh(gazetteer)()  # read from the file
    assert again is not g
    assert again.places == g.places and again.parents == g.parents and again.postal == g.postal
    assert again.label("DEP:69") == "Rhône (69)"


def test_a_damaged_file_is_built_again_and_replaced(cache):
    _fresh(name_index)()
    path = next(cache.glob("placenames.name_index-*.pickle"))
    path.write_bytes(b"not a pickle")
    assert _fresh(name_index)() == name_index.build()
    assert pickle.loads(path.read_bytes()) == name_index.build()


def test_a_new_key_replaces_the_old_tables(cache, monkeypatch):
    _fresh(name_index)()
    old = next(cache.glob("placenames.name_index-*.pickle"))
    monkeypatch.setattr(tables, "key", lambda: "0123456789abcdef")  # code or data changed
    _fresh(name_index)()
    assert not old.exists()
    assert (cache / "placenames.name_index-0123456789abcdef.pickle").exists()


def test_the_key_follows_the_code_and_the_data():
    k = tables.key()
    assert len(k) == 16
    sources = [p.name for p in tables.HERE.glob("*.py")]
    assert "placenames.py" in sources and "tables.py" in sources


def test_a_cache_path_that_is_a_file_costs_only_time(tmp_path, monkeypatch):
    """Where the cache folder cannot be made (a file is in the way, a read-only home), the
    table is built in memory and the run goes on."""
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder")
    monkeypatch.setenv("ASSISTANT_CACHE_DIR", str(blocker / "cache"))
    assert _fresh(name_index)() == name_index.build()
    assert blocker.read_text() == "a file, not a folder"


def test_prepare_builds_what_is_missing_once(cache):
    built = tables.prepare()
    assert built >= 7  # gazetteer, name indexes, typo indexes, word counts
    assert len(list(cache.glob("*.pickle"))) == built
    assert tables.prepare() == 0  # all there: nothing built, nothing read
