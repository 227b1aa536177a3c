"""Saved web pages -> draft corpus documents, and a polite, resumable crawler to save them.

``html_to_draft`` keeps the main content (no navigation, cookie banners, headers or footers),
turns it into Markdown with its headings, and writes a front matter for a maintainer to complete:
title, source URL, retrieval date, a guessed kind, empty territories/audiences/needs/contacts.
Drafts go to ``corpus/_drafts/``, which indexing ignores until a maintainer moves them.

``crawl`` reads robots.txt, waits between two requests to the same host, sends a user agent that
says who it is, and records what it did in a state file so that a second run resumes.

Only ``http`` and ``https`` addresses are ever fetched: a sitemap can list ``file:///etc/passwd``
and a page can redirect there, so the scheme is checked before each request and on each redirect,
and the opener has no handler for any other scheme.
"""

from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
import urllib.robotparser
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import CorpusError
from ..language.text import fold

USER_AGENT = "AssistantESS-import/0.1 (+https://example.invalid/assistant-ess; corpus drafts)"
NOISE = re.compile(
    r"cookie|consent|gdpr|rgpd|tarteaucitron|didomi|axeptio|onetrust|banner|newsletter|"
    r"breadcrumb|fil-ariane|navbar|menu|footer|header|share|social|skip|modal|popup|sidebar",
    re.I,
)
NOISE_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe",
              "svg", "button", "template")  # fmt: skip
CALL_WORDS = ("appel a projets", "appel a candidatures", "appel a manifestation", "date limite",
              "candidatez", "deposer votre dossier", "cloture des candidatures")  # fmt: skip
GUIDE_WORDS = ("guide", "comment ", "etapes", "fiche pratique", "mode d emploi")
WEB_SCHEMES = ("http", "https")


class SchemeRefused(CorpusError):
    """An address that is not http or https: given, listed in a sitemap or redirected to."""


@dataclass(frozen=True)
class Draft:
    id: str
    title: str
    kind: str
    url: str | None
    markdown: str  # the whole file: front matter and body


def _text(el) -> str:
    return " ".join(el.get_text(" ", strip=True).split())


def _main(soup):
    for tag in soup(NOISE_TAGS):
        tag.decompose()
    for el in soup.find_all(True):
        if el.attrs is None:
            continue
        marks = " ".join([el.get("id") or "", *el.get("class", [])])
        role = (el.get("role") or "").lower()
        if (NOISE.search(marks) and el.name not in ("main", "article", "body", "html")) or role in (
            "navigation",
            "banner",
            "contentinfo",
            "dialog",
            "alertdialog",
        ):
            el.decompose()
    main = soup.find("main") or soup.find("article") or soup.find(attrs={"role": "main"})
    if main is not None:
        return main
    blocks = soup.find_all(["div", "section"]) or [soup.body or soup]
    return max(blocks, key=lambda b: sum(len(_text(p)) for p in b.find_all("p", recursive=True)))


def _markdown(root) -> str:
    lines: list[str] = []
    for el in root.find_all(["h1", "h2", "h3", "h4", "p", "li", "td", "dt", "dd"]):
        if el.find_parent(["li", "p"]) is not None and el.name in ("p", "li"):
            continue  # nested: already taken with its parent
        text = _text(el)
        if not text:
            continue
        if el.name in ("h1", "h2", "h3", "h4"):
            level = max(2, int(el.name[1]))  # the title is in the front matter
            lines.append(f"\n{'#' * level} {text}\n")
        elif el.name == "li":
            lines.append(f"- {text}")
        else:
            lines.append(f"{text}\n")
    body = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", body).strip() + "\n"


def _yaml(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def html_to_draft(html: str, url: str | None = None, retrieved: date | None = None) -> Draft:
    from bs4 import BeautifulSoup

    retrieved = retrieved or date.today()
    soup = BeautifulSoup(html, "html.parser")
    if url is None:
        link = soup.find("link", rel="canonical") or soup.find("meta", property="og:url")
        url = (link.get("href") or link.get("content")) if link else None
    h1 = soup.find("h1")
    title = _text(h1) if h1 else ""
    if not title and soup.title:
        title = re.split(r"\s[|–-]\s", _text(soup.title))[0]
    title = title or "Page sans titre"
    main = _main(soup)
    for h in main.find_all("h1"):
        if _text(h) == title:
            h.decompose()
    body = _markdown(main)
    paragraphs = [p for p in body.split("\n") if len(p) >= 60 and not p.startswith(("#", "-"))]
    summary = paragraphs[0][:300] if paragraphs else ""
    folded = fold(title + " " + body[:3000])
    kind = (
        "call"
        if any(w in folded for w in CALL_WORDS)
        else "guide"
        if any(w in fold(title) for w in GUIDE_WORDS)
        else "organisation"
    )
    doc_id = "-".join(fold(title).split())[:80].strip("-") or "page"
    front = [
        "---",
        "# DRAFT imported from a web page: check every fact, complete the empty fields,",
        "# then move this file to corpus/organisations, calls or guides.",
        f"id: {doc_id}",
        f"kind: {kind}",
        f"title: {_yaml(title)}",
        f"summary: {_yaml(summary)}",
        f"url: {_yaml(url) if url else 'null'}",
        "organisation: null",
        "territories: []",
        "audiences: []",
        "needs: []",
        "themes: []",
        "stages: []",
        "contacts: []",
        "sources:",
        f"  - url: {_yaml(url) if url else 'null'}",
        f"    checked: {retrieved.isoformat()}",
        f"last_checked: {retrieved.isoformat()}",
        "---",
    ]
    return Draft(doc_id, title, kind, url, "\n".join(front) + "\n" + body)


def write_draft(draft: Draft, out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{draft.id}.md"
    n = 2
    while path.exists() and not path.read_text(encoding="utf-8").count(f"url: {_yaml(draft.url)}"):
        path = out_dir / f"{draft.id}-{n}.md"
        n += 1
    path.write_text(draft.markdown, encoding="utf-8")
    return path


def is_web_url(url: str) -> bool:
    """True for an http or https address with a host: the only ones ever fetched."""
    parts = urllib.parse.urlsplit(url.strip())
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.netloc)


def check_web_url(url: str) -> None:
    """Raise SchemeRefused unless ``url`` is an http or https address."""
    if not is_web_url(url):
        raise SchemeRefused(f"Refused {url}: only http:// and https:// addresses are fetched.")


class _WebRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http and https only (urllib itself would follow one to ftp)."""

    def http_error_302(self, req, fp, code, msg, headers):
        target = headers.get("location") or headers.get("uri")
        if target is not None:
            target = urllib.parse.urljoin(req.full_url, target.strip())
            if not is_web_url(target):
                fp.close()
                raise SchemeRefused(
                    f"Refused {req.full_url}: it redirects to {target}, and only http:// and "
                    "https:// addresses are fetched."
                )
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        check_web_url(newurl)  # the address actually requested, after urllib's own fixes
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener() -> urllib.request.OpenerDirector:
    """An opener with handlers for http and https only: no file:, ftp: or data: handler."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.UnknownHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        _WebRedirects(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def fetch(url: str, timeout: float = 20.0) -> str:
    """The page at an http or https ``url``; SchemeRefused for any other address or a redirect
    to one, CorpusError when it cannot be fetched."""
    check_web_url(url)
    req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with _opener().open(req, timeout=timeout) as resp:
            charset = resp.headers.get_content_charset() or "utf-8"
            return resp.read().decode(charset, errors="replace")
    except (urllib.error.URLError, TimeoutError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise CorpusError(f"Cannot fetch {url}: {reason}") from None


class Crawler:
    """Polite and resumable: robots.txt, a delay per host, a state file."""

    def __init__(self, out_dir: Path, delay: float = 1.0, retrieved: date | None = None):
        self.out_dir, self.delay = out_dir, delay
        self.retrieved = retrieved or date.today()
        self.state_path = out_dir / "crawl-state.json"
        self.state = {"done": {}, "failed": {}, "refused": [], "refused_scheme": {}}
        if self.state_path.exists():
            self.state = json.loads(self.state_path.read_text(encoding="utf-8"))
            self.state.setdefault("refused_scheme", {})  # a state file from before it existed
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._last: dict[str, float] = {}

    def _save(self) -> None:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        tmp = self.state_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.state, indent=1, ensure_ascii=False), encoding="utf-8")
        tmp.replace(self.state_path)

    def allowed(self, url: str) -> bool:
        parts = urllib.parse.urlsplit(url)
        host = f"{parts.scheme}://{parts.netloc}"
        if host not in self._robots:
            parser = urllib.robotparser.RobotFileParser(host + "/robots.txt")
            try:
                self._wait(host)
                text = fetch(host + "/robots.txt")
                parser.parse(text.splitlines())
            except CorpusError:
                parser.parse([])  # no robots.txt: everything is allowed
            self._robots[host] = parser
        return self._robots[host].can_fetch(USER_AGENT, url)

    def _wait(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            pause = self.delay - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)
        self._last[host] = time.monotonic()

    def sitemap_urls(self, sitemap: str) -> list[str]:
        import warnings

        from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

        self._wait(urllib.parse.urlsplit(sitemap).netloc)
        xml = fetch(sitemap)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)  # <loc> is all we read
            return [loc.get_text(strip=True) for loc in BeautifulSoup(xml, "html.parser")("loc")]

    def _refuse(self, url: str, err: SchemeRefused, counts: dict, refused) -> None:
        counts["refused_scheme"] += 1
        self.state["refused_scheme"][url] = str(err)
        self.state["failed"].pop(url, None)
        self._save()
        if refused:
            refused(str(err))

    def run(
        self, urls: list[str], max_pages: int | None = None, progress=None, refused=None
    ) -> dict:
        """Fetch, save and convert each URL not done yet; returns counts for this run.

        An address that is not http or https (a sitemap may list one), or a page that redirects
        to one, is never read: it is counted in ``refused_scheme``, kept in the state file, and
        passed to ``refused`` as a message."""
        counts = {"fetched": 0, "skipped_done": 0, "refused_by_robots": 0, "failed": 0,
                  "refused_scheme": 0}  # fmt: skip
        pages, drafts = self.out_dir / "pages", self.out_dir / "drafts"
        pages.mkdir(parents=True, exist_ok=True)
        for url in urls:
            if url in self.state["done"]:
                counts["skipped_done"] += 1
                continue
            if max_pages is not None and counts["fetched"] >= max_pages:
                break
            try:
                check_web_url(url)  # before robots.txt: a file: address has no host to ask
            except SchemeRefused as err:
                self._refuse(url, err, counts, refused)
                continue
            if not self.allowed(url):
                counts["refused_by_robots"] += 1
                if url not in self.state["refused"]:
                    self.state["refused"].append(url)
                self._save()
                continue
            self._wait(urllib.parse.urlsplit(url).netloc)
            try:
                html = fetch(url)
            except SchemeRefused as err:  # a redirect to file:, ftp:...
                self._refuse(url, err, counts, refused)
                continue
            except CorpusError as exc:
                counts["failed"] += 1
                self.state["failed"][url] = str(exc)
                self._save()
                continue
            name = re.sub(r"[^a-z0-9]+", "-", url.lower().split("://", 1)[-1]).strip("-")[:120]
            (pages / f"{name}.html").write_text(html, encoding="utf-8")
            draft = write_draft(html_to_draft(html, url, self.retrieved), drafts)
            self.state["done"][url] = str(draft.relative_to(self.out_dir))
            self.state["failed"].pop(url, None)
            self._save()  # after every page: an interruption loses nothing
            counts["fetched"] += 1
            if progress:
                progress(url)
        return counts
