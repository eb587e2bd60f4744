"""What every browser test does the way a person would: log in through the real form, log out."""

from playwright.sync_api import expect

DEMO_PASSWORD = "spro-demo-2026"


def log_in(page, live_server, email, password=DEMO_PASSWORD, *, succeed=True):
    page.goto(f"{live_server.url}/compte/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    if succeed:
        expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()


def log_out(page):
    page.get_by_role("button", name="Se déconnecter").click()
    expect(page.get_by_role("link", name="Se connecter")).to_be_visible()
