"""The pages people open in a browser, driven in Debian's Chromium by Playwright:
Swagger UI (Authorize with a login token, "Try it out" on the expenses list), ReDoc,
and the admin (login, the expense list's per-currency totals). Every request a page
makes must stay on the test server: the docs carry their own assets, no CDN.

Skipped, with the reason, only where Chromium is not installed (`.ci/run` installs
it: `apt-get install chromium`).
"""

import os
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from expenses.tests.factories import ExpenseFactory

CHROMIUM = Path("/usr/bin/chromium")
# As the machine's notes say: headless, and none of Chromium's own background
# traffic (updates, sync, lookups of Google's hosts), which a closed network refuses.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "Browser-test-password-1"  # noqa: S105 (a throwaway test account)
TIMEOUT_MS = 20_000

pytestmark = [
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="Chromium is not installed (apt-get install chromium; .ci/run does)",
    ),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """One headless Chromium for the module."""
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own ORM
    # calls (fixtures) are still synchronous and on their own connection.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
            )
            yield chromium
            chromium.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture()
def page(browser: object, live_server: object) -> Iterator[object]:
    """A fresh page that records every URL it asks for."""
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    tab.requested = []
    tab.on("request", lambda request: tab.requested.append(request))
    yield tab
    context.close()


def _off_server(requests: list, server_url: str) -> list[str]:
    """The URLs of requests that left for anywhere but the test server (the page's
    Content-Security-Policy stopping one in the browser, failure "csp", is not
    leaving)."""
    server = urlsplit(server_url).netloc
    return [
        request.url
        for request in requests
        if urlsplit(request.url).scheme in ("http", "https", "ws", "wss")
        and urlsplit(request.url).netloc != server
        and request.failure != "csp"
    ]


def _scrolled_to(page: object, selector: str) -> object:
    """The element, once scrolled into the page: past ~140 operations Swagger UI
    renders only those near the viewport, so scroll down until it is there."""
    element = page.locator(selector)
    for _ in range(200):
        if element.count():
            break
        page.mouse.wheel(0, 400)
        page.wait_for_timeout(50)
    return element


def _with_expenses(user: object) -> object:
    """The user, given expenses in two currencies (25.98 USD, 9.99 EUR)."""
    for amount, currency in (("12.99", "USD"), ("12.99", "USD"), ("9.99", "EUR")):
        ExpenseFactory(user=user, amount=Decimal(amount), currency=currency)
    return user


def test_swagger_ui_authorizes_with_a_login_token_and_tries_the_list(
    page: object, live_server: object, make_user: object
) -> None:
    user = _with_expenses(make_user(password=PASSWORD))
    login = page.request.post(
        "/api/users/login/", data={"username": user.username, "password": PASSWORD}
    )
    assert login.status == 200, login.text()
    token = login.json()["access"]

    page.goto("/api/docs/")
    page.locator("button.authorize").first.click()
    page.locator(".modal-ux input[type=text]").first.fill(token)
    page.locator(".modal-ux button.authorize").first.click()
    page.locator(".modal-ux button.btn-done").first.click()

    operation = _scrolled_to(page, "#operations-expenses-expenses_list")
    operation.locator(".opblock-summary").click()
    operation.locator("button.try-out__btn").click()
    operation.locator("button.execute").click()
    status = operation.locator(".live-responses-table tr.response .response-col_status")
    assert status.inner_text().strip() == "200"
    assert "12.99" in operation.locator(".live-responses-table").inner_text()
    assert _off_server(page.requested, live_server.url) == []


def test_redoc_renders_the_schema(page: object, live_server: object) -> None:
    page.goto("/api/redoc/")
    page.locator("h1").first.wait_for()
    assert "MY SPHERE" in page.locator("h1").first.inner_text()
    assert page.locator("text=/api/expenses/").count() > 0
    assert _off_server(page.requested, live_server.url) == []


def test_admin_login_and_the_expense_list_totals_per_currency(
    page: object, live_server: object, django_user_model: object
) -> None:
    staff = _with_expenses(
        django_user_model.objects.create_superuser("root", "root@example.com", PASSWORD)
    )
    page.goto("/admin/")
    page.fill("#id_username", staff.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.locator("#user-tools").wait_for()

    page.goto("/admin/expenses/expensemodel/")
    totals = page.locator("#expense-totals").inner_text()
    assert "25.98 USD" in totals and "9.99 EUR" in totals, totals
    assert page.locator("#result_list tbody tr").count() == 3
    assert _off_server(page.requested, live_server.url) == []
