"""Shared steps of the browser journeys."""

from playwright.sync_api import Page

PASSWORD = "browser-pass-2017"


def sign_in(page: Page, base: str, username: str, *, admin: bool = False) -> None:
    """Sign in on the delegations' page, or on the staff admin's with ``admin``."""
    page.goto(base + ("/admin/login/" if admin else "/accounts/login/"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in" if admin else "Sign in").click()
