"""Playwright fixtures: Debian's Chromium against a live server, with an accessibility check.

Every page a browser test loads from the live server is checked with axe-core once it has
loaded; a serious or critical violation, content outside every landmark (axe's "region"
rule), a JavaScript error or a Content Security Policy violation fails the test at teardown.
"""

import os
import shutil
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("ONESTORY_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
FAILING_IMPACTS = {"serious", "critical"}
# Moderate findings that still fail a test: content outside every landmark ("region").
FAILING_RULES = {"region"}

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from a
# thread with a running loop unless told the calls are deliberate. Browser tests only use
# the ORM to set up data, never concurrently with the browser.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE_RUNNER = """
window.addEventListener("load", () => {
  if (!window.axe || window.top !== window) { return; }
  window.axe.run(document, { resultTypes: ["violations"] }).then((results) => {
    const violations = results.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      targets: v.nodes.map((n) => n.target.join(" ")).slice(0, 5),
    }));
    window.__onestoryAxeReport(location.href, violations);
  });
});
"""


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Browser:
    if not Path(CHROMIUM).exists() and not shutil.which(CHROMIUM):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: run `make chromium` (apt-get install chromium)."
        )
    if not AXE.exists():
        pytest.fail("axe-core not found in node_modules: run `npm ci`.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageChecks:
    """What the browser reported while a test ran."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.axe_reports: dict[str, list[dict]] = {}
        self.errors: list[str] = []

    def on_axe(self, source, url: str, violations: list[dict]) -> None:
        if url.startswith(self.origin):
            self.axe_reports[url] = violations

    def wait_for_report(self, page: Page, timeout: float = 10.0) -> None:
        """Wait for the current page's report; Playwright delivers it only while it is pumped."""
        deadline = time.monotonic() + timeout
        while page.url not in self.axe_reports and time.monotonic() < deadline:
            page.wait_for_timeout(50)

    def failures(self) -> list[str]:
        found = list(self.errors)
        for url, violations in self.axe_reports.items():
            for violation in violations:
                if violation["impact"] in FAILING_IMPACTS or violation["id"] in FAILING_RULES:
                    found.append(
                        f"axe {violation['impact']} '{violation['id']}' on {url}: "
                        f"{violation['help']} at {violation['targets']}"
                    )
        return found


@pytest.fixture
def context(browser: Browser, live_server, transactional_db) -> BrowserContext:
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page_checks(live_server) -> PageChecks:
    return PageChecks(live_server.url)


@pytest.fixture
def page(context: BrowserContext, page_checks: PageChecks) -> Page:
    context.add_init_script(path=str(AXE))
    context.add_init_script(script=AXE_RUNNER)
    context.expose_binding("__onestoryAxeReport", page_checks.on_axe)
    page = context.new_page()
    page.on("pageerror", lambda error: page_checks.errors.append(f"JavaScript error: {error}"))
    page.on(
        "console",
        lambda message: (
            page_checks.errors.append(f"console error on {page.url}: {message.text}")
            if message.type == "error"
            else None
        ),
    )
    page.on(
        "response",
        lambda response: (
            page_checks.errors.append(f"HTTP {response.status} for {response.url}")
            if response.status >= 400 and response.url.startswith(page_checks.origin)
            else None
        ),
    )
    yield page
    if page.url.startswith(page_checks.origin):
        page_checks.wait_for_report(page)
        assert page.url in page_checks.axe_reports, (
            f"the accessibility check never ran on {page.url}"
        )
    problems = page_checks.failures()
    assert not problems, "\n".join(problems)
    assert page_checks.axe_reports, "no page of the live server was checked for accessibility"


@pytest.fixture
def neutral_site(settings):
    """A stand-in for the neutral site "Exit this page" leads to, on another loopback origin.

    Tests never reach the internet, so the exit destination is pointed at this server.
    Yields the exit URL and the list of paths the stand-in was asked for.
    """
    visited: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            visited.append(self.path)
            body = b"<!doctype html><html lang='en'><title>Weather</title><h1>Weather</h1></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.EXIT_URL = f"http://127.0.0.1:{server.server_port}/weather"
    yield settings.EXIT_URL, visited
    server.shutdown()
    server.server_close()
