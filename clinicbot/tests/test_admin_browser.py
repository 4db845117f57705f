"""The admin in a real browser: Debian's Chromium, headless, against a live test server.

Staff sign in, open a chat session with its messages, find a clinic by its LGA and read the
analytics dashboard, whose charts must be drawn with one bar per flow of the data, and no page
may log an error in the browser's console. A screenshot of the dashboard is saved to
`artifacts/dashboard.png`.

Without Chromium the test is skipped, except under CI (the variable `CI` set), where it fails:
`.ci/run` installs the packages `chromium` and `chromium-driver`.
"""

import datetime
import os
from pathlib import Path

import pytest
from django.conf import settings

from clinicbot.factories import make_clinic, make_message, make_session, record_analytics

pytestmark = pytest.mark.django_db(transaction=True)

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
SCREENSHOT = Path(settings.BASE_DIR) / "artifacts" / "dashboard.png"

# Headless on a machine without a network: no GPU, no sandbox (root in CI), and none of the
# background traffic (updates, sync, QUIC probes) that a closed network would refuse.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-proxy-server",
    "--window-size=1280,1400",
]

FLOWS = {"change_fpm": 4, "prevent_pregnancy": 2, "get_pregnant": 1, "stop_fpm": 1}
MARCH_2 = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC)


def chromium_or_skip():
    """Skip without Chromium, unless under CI, where a missing browser is a failure."""
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not path.exists()]
    if not missing:
        return
    reason = f"{', '.join(missing)} not installed (apt-get install chromium chromium-driver)"
    if os.environ.get("CI"):
        pytest.fail(f"CI is set and {reason}")
    pytest.skip(reason)


@pytest.fixture
def browser(tmp_path):
    chromium_or_skip()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in [*CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'chromium-profile'}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # The driver named explicitly: Selenium then never looks for (or downloads) one.
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))
    driver.implicitly_wait(5)
    yield driver
    driver.quit()


@pytest.fixture
def dataset():
    """A session of three messages, clinics in two LGAs, and four analytics records over three
    days whose flows make the counts of `FLOWS`."""
    session = make_session()
    for number, text in [(1, "Which language?"), (2, "Pidgin"), (3, "What is your concern?")]:
        make_message(session, message_sequence_number=number, message_text=text)

    make_clinic(clinic_name="Ikeja Family Clinic", lga="Ikeja")
    make_clinic(clinic_name="Surulere Health Centre", lga="Surulere")

    flows_of_records = [
        (0, ["change_fpm", "prevent_pregnancy"]),
        (1, ["change_fpm", "stop_fpm"]),
        (1, ["change_fpm"]),
        (2, ["change_fpm", "prevent_pregnancy", "get_pregnant"]),
    ]
    for day, flows in flows_of_records:
        record_analytics(
            created_at=MARCH_2 + datetime.timedelta(days=day),
            flows_attempted=flows,
            satisfaction_rating=4,
            session_abandonment_point="gender",
        )
    return session


def console_errors(driver):
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def test_staff_sign_in_read_a_session_find_a_clinic_and_see_the_dashboard_drawn(
    browser, live_server, dataset, django_user_model
):
    from selenium.webdriver.common.by import By

    django_user_model.objects.create_superuser("boss", password="a long pass phrase")
    errors = []

    browser.get(f"{live_server.url}/admin/login/")
    browser.find_element(By.NAME, "username").send_keys("boss")
    browser.find_element(By.NAME, "password").send_keys("a long pass phrase")
    browser.find_element(By.CSS_SELECTOR, "input[type=submit]").click()
    assert browser.find_element(By.ID, "reports-module").is_displayed()
    errors += console_errors(browser)

    browser.get(f"{live_server.url}/admin/chat/chatsession/{dataset.pk}/change/")
    texts = browser.find_elements(By.CSS_SELECTOR, "#conversations-group td.field-message_text")
    assert [cell.text for cell in texts] == ["Which language?", "Pidgin", "What is your concern?"]
    errors += console_errors(browser)

    browser.get(f"{live_server.url}/admin/clinics/clinic/")
    search = browser.find_element(By.ID, "searchbar")
    search.send_keys("Surulere")
    search.submit()
    found = browser.find_elements(By.CSS_SELECTOR, "#result_list th.field-clinic_name")
    assert [cell.text for cell in found] == ["Surulere Health Centre"]
    errors += console_errors(browser)

    browser.get(f"{live_server.url}/admin/")
    browser.find_element(By.LINK_TEXT, "Analytics dashboard").click()
    bars = browser.find_elements(By.CSS_SELECTOR, "svg.flows-chart rect.bar")
    labels = browser.find_elements(By.CSS_SELECTOR, "svg.flows-chart rect.bar title")
    points = browser.find_elements(By.CSS_SELECTOR, "svg.sessions-chart circle.point")
    line = browser.find_element(By.CSS_SELECTOR, "svg.sessions-chart polyline.line")
    assert len(bars) == len(FLOWS)
    assert [title.get_attribute("textContent") for title in labels] == [
        f"{flow}: {count}" for flow, count in FLOWS.items()
    ]
    assert all(bar.size["width"] > 0 and bar.size["height"] > 0 for bar in bars)
    assert bars[0].size["width"] > bars[-1].size["width"]
    assert len(points) == 3
    assert line.size["width"] > 0
    errors += console_errors(browser)

    SCREENSHOT.parent.mkdir(exist_ok=True)
    assert browser.save_screenshot(str(SCREENSHOT))
    assert errors == []


def test_a_missing_chromium_fails_under_ci_and_is_skipped_elsewhere(monkeypatch, tmp_path):
    monkeypatch.setattr(f"{__name__}.CHROMIUM", tmp_path / "no-chromium")

    monkeypatch.setenv("CI", "1")
    with pytest.raises(pytest.fail.Exception, match="CI is set and .*no-chromium not installed"):
        chromium_or_skip()

    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="no-chromium not installed"):
        chromium_or_skip()
