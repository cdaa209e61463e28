"""The browser harness itself: the accessibility check really fails on a bad page."""

from playwright.sync_api import Page


def test_it_reports_a_serious_accessibility_violation(page: Page, page_checks, live_server):
    bad_page = "<!doctype html><html lang='en'><title>Bad</title><img src='/x.png'></html>"
    page.route(
        f"{live_server.url}/harness-check/",
        lambda route: route.fulfill(status=200, content_type="text/html", body=bad_page),
    )
    page.route(f"{live_server.url}/x.png", lambda route: route.fulfill(status=200, body=b""))
    page.goto("/harness-check/")
    page_checks.wait_for_report(page)
    failures = page_checks.failures()
    assert any("'image-alt'" in failure for failure in failures), failures
    # Forget the deliberate failure so the fixture's own check passes.
    page_checks.axe_reports.clear()
    page.goto("/")
