"""``assistant crawl`` fetches http and https only: never a file:, ftp: or other address, whether
it is given, listed in a sitemap, or redirected to."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.cli import main
from assistant.corpus.webimport import Crawler, SchemeRefused, fetch

PAGE = b"""<html><head><title>Appel Mobilite</title></head><body><main>
<h1>Appel Mobilite</h1><p>Un appel a projets pour la mobilite solidaire en zone rurale,
ouvert aux associations du departement jusqu'au 30 juin.</p></main></body></html>"""
SECRET = Path("/etc/passwd")


class _Site(BaseHTTPRequestHandler):
    """/page.html, a sitemap listing it beside file: and ftp: addresses, and redirects."""

    base = ""
    log: list[str] = []

    def log_message(self, *args):  # keep test output clean
        pass

    def do_GET(self):  # noqa: N802 - http.server's name
        _Site.log.append(self.path)
        if self.path == "/page.html":
            self._send(200, PAGE, "text/html; charset=utf-8")
        elif self.path == "/sitemap.xml":
            locs = [f"{self.base}/page.html", f"file://{SECRET}", "ftp://127.0.0.1/aides.html",
                    f"{self.base}/moved", "FILE:///etc/hostname"]  # fmt: skip
            xml = "<urlset>" + "".join(f"<url><loc>{u}</loc></url>" for u in locs) + "</urlset>"
            self._send(200, xml.encode(), "application/xml")
        elif self.path.startswith("/moved"):  # /moved, /moved-301, /moved-307...
            code = int(self.path.rpartition("-")[2]) if "-" in self.path else 302
            self.send_response(code)
            self.send_header("Location", f"file://{SECRET}")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/to-ftp":
            self.send_response(302)
            self.send_header("Location", "ftp://127.0.0.1/aides.html")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self._send(404, b"not found", "text/plain")

    def _send(self, code: int, body: bytes, kind: str) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture()
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    _Site.base = f"http://127.0.0.1:{server.server_address[1]}"
    _Site.log = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield _Site.base
    server.shutdown()
    server.server_close()


def _everything_written(out: Path) -> str:
    return "\n".join(p.read_text(errors="replace") for p in out.rglob("*") if p.is_file())


def test_sitemap_entries_that_are_not_http_are_refused_and_never_read(site: str, tmp_path: Path):
    out = tmp_path / "crawl"
    result = CliRunner().invoke(
        main, ["crawl", "--sitemap", f"{site}/sitemap.xml", "--out", str(out), "--delay", "0"]
    )
    assert result.exit_code == 0, result.output + result.stderr
    assert f"saved {site}/page.html" in result.output
    assert (
        "1 fetched, 0 already done, 0 refused by robots.txt, 4 refused as not http or https, "
        "0 failed; 0 left." in result.output
    )
    for refused in (f"file://{SECRET}", "ftp://127.0.0.1/aides.html", "FILE:///etc/hostname"):
        assert f"Refused {refused}: only http:// and https://" in result.stderr
    assert f"Refused {site}/moved: it redirects to file://{SECRET}" in result.stderr

    (page,) = (out / "pages").iterdir()
    assert page.read_bytes() == PAGE
    assert len(list((out / "drafts").glob("*.md"))) == 1
    written = _everything_written(out)
    if SECRET.is_file():
        assert SECRET.read_text().splitlines()[0] not in written
    state = json.loads((out / "crawl-state.json").read_text())
    assert list(state["done"]) == [f"{site}/page.html"]
    assert set(state["refused_scheme"]) == {f"file://{SECRET}", "ftp://127.0.0.1/aides.html",
                                            f"{site}/moved", "FILE:///etc/hostname"}  # fmt: skip
    assert state["failed"] == {}
    # the server saw the sitemap, robots.txt, the page and the redirect: nothing else was asked
    assert sorted(_Site.log) == ["/moved", "/page.html", "/robots.txt", "/sitemap.xml"]


@pytest.mark.parametrize(
    "args",
    [
        ["--sitemap", f"file://{SECRET}"],
        ["--sitemap", "ftp://127.0.0.1/sitemap.xml"],
        ["--sitemap", "/etc/passwd"],
    ],
)
def test_a_sitemap_address_that_is_not_http_is_refused_before_anything(args, tmp_path: Path):
    out = tmp_path / "crawl"
    result = CliRunner().invoke(main, ["crawl", *args, "--out", str(out)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: Refused {args[1]}: only http:// and https:// addresses are crawled.\n"
    )
    assert not out.exists()


def test_a_url_file_with_a_file_address_is_refused_before_anything(site: str, tmp_path: Path):
    urls = tmp_path / "urls.txt"
    urls.write_text(f"{site}/page.html\nfile://{SECRET}\n")
    out = tmp_path / "crawl"
    result = CliRunner().invoke(main, ["crawl", str(urls), "--out", str(out), "--delay", "0"])
    assert result.exit_code == 2
    assert f"Error: Refused file://{SECRET}: only http:// and https://" in result.stderr
    assert _Site.log == [] and not out.exists()  # not even the good address was fetched


@pytest.mark.parametrize("code", [301, 302, 303, 307, 308])
def test_a_redirect_to_a_file_address_is_not_followed(site: str, code: int):
    with pytest.raises(SchemeRefused, match=f"redirects to file://{SECRET}"):
        fetch(f"{site}/moved-{code}")
    assert _Site.log == [f"/moved-{code}"]


def test_a_redirect_to_ftp_is_not_followed(site: str, tmp_path: Path):
    """urllib on its own follows a redirect to ftp:."""
    counts = Crawler(tmp_path / "c", delay=0).run([f"{site}/to-ftp"])
    assert counts["refused_scheme"] == 1 and counts["fetched"] == counts["failed"] == 0
    assert not list((tmp_path / "c" / "pages").iterdir())


def test_fetch_refuses_other_schemes_without_reading(tmp_path: Path):
    secret = tmp_path / "secret.html"
    secret.write_text("<p>secret</p>")
    for url in (secret.as_uri(), "ftp://127.0.0.1/x", "data:text/html,<p>x</p>", "http:///x"):
        with pytest.raises(SchemeRefused, match="only http:// and https://"):
            fetch(url)
