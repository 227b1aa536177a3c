"""axe-core for the browser tests: installed from npm (tests/web/package.json, pinned by its
lock) into tests/web/node_modules by scripts/test.sh, or here on first use; injected into the
pages by Playwright, never loaded from a CDN."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).parent
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = HERE / "artifacts"
#: the violations that fail a test; "moderate" and "minor" ones are kept in the report
BLOCKING = ("serious", "critical")


def install_axe() -> Path:
    if AXE.is_file():
        return AXE
    npm = shutil.which("npm")
    if npm is None:
        pytest.fail("npm is missing: apt-get install -y npm (scripts/system.sh does it)")
    done = subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=HERE,
                          capture_output=True, text=True, timeout=300)
    if done.returncode != 0 or not AXE.is_file():
        pytest.fail("npm ci of axe-core failed: " + done.stderr[-2000:])
    return AXE


@pytest.fixture(scope="session")
def axe_source() -> str:
    return install_axe().read_text(encoding="utf-8")


class Axe:
    """``axe(page, "name")``: runs axe-core on the page as it is, writes the report to
    tests/web/artifacts/axe-<name>.json and fails on a serious or critical violation."""

    def __init__(self, source: str) -> None:
        self.source = source

    def __call__(self, page, name: str, exclude: list[str] | None = None) -> list[dict]:
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.add_script_tag(content=self.source)
        violations = page.evaluate(
            """async (exclude) => {
                const r = await axe.run({exclude: exclude.map((s) => [s])},
                                        {resultTypes: ['violations']});
                return r.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.map((n) => ({target: n.target.join(' '),
                                                html: n.html.slice(0, 300),
                                                summary: n.failureSummary}))}));
            }""",
            exclude or [],
        )
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / f"axe-{name}.json").write_text(
            json.dumps(violations, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        blocking = [v for v in violations if v["impact"] in BLOCKING]
        assert blocking == [], f"axe-core on {name}: " + json.dumps(
            blocking, ensure_ascii=False, indent=1)
        return violations


@pytest.fixture(scope="session")
def axe(axe_source: str) -> Axe:
    return Axe(axe_source)


@pytest.fixture()
def page():
    """A fresh Chromium page (French, 1280×900) recording its dialogs and requests."""
    from test_chat_browser import CHROMIUM, FLAGS

    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: apt-get install -y chromium (.ci/run does it)")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        # bypass_csp: axe-core is injected into the staff pages, whose policy allows only
        # their own script
        context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900},
                                      bypass_csp=True)
        pg = context.new_page()
        dialogs: list[str] = []
        requests: list[str] = []
        pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        pg.on("request", lambda r: requests.append(r.url))
        pg.dialogs = dialogs  # type: ignore[attr-defined]
        pg.requests = requests  # type: ignore[attr-defined]
        pg.browser = browser  # type: ignore[attr-defined]
        yield pg
        browser.close()
