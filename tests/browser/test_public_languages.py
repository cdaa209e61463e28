"""The public pages in the area's languages: a survivor refers themselves in Arabic, right to
left, and can leave at any moment; a feedback link opens a form in any language; every page
in every language passes axe."""

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from onestory.accounts.models import AgencyKind
from onestory.cases.actions.cases import close_case
from onestory.intake.models import Referral
from onestory.voice.actions import give_link_for_case
from onestory.voice.models import FeedbackLink, FeedbackResponse
from tests.factories import AgencyFactory, CaseFactory, PersonFactory, UserFactory

LANGUAGES = [code for code, _name in settings.LANGUAGES]


@pytest.fixture
def front_door(transactional_db):
    return AgencyFactory(name="Northshire Front Door", kind=AgencyKind.CENTRAL_POINT_OF_CONTACT)


@pytest.fixture
def feedback_link(transactional_db):
    from onestory.accounts.roles import RoleName

    agency = AgencyFactory(name="Kestrel Outreach", kind=AgencyKind.COMMUNITY_OUTREACH)
    worker = UserFactory(username="kestrel_worker", agency=agency, role=RoleName.CASEWORKER)
    case = CaseFactory(person=PersonFactory(owning_agency=agency), opened_by=worker)
    close_case(case=case, reason="support_completed", by=worker)
    return give_link_for_case(case=case, by=worker).token


def test_a_survivor_refers_themselves_in_arabic_right_to_left(page: Page, front_door):
    page.goto("/")
    page.get_by_role("navigation", name="Languages").get_by_role("link", name="العربية").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.get_by_role("heading", level=1)).to_have_text("احصل على الدعم")
    # Right to left: the main column sits against the right edge of the page.
    column = page.locator(".govuk-grid-column-two-thirds").first.bounding_box()
    container = page.locator("main").bounding_box()
    assert column["x"] + column["width"] > container["x"] + container["width"] - 20

    page.get_by_role("button", name="تواصل معنا عبر الإنترنت").click()
    expect(page).to_have_url(f"{page.url.split('/ar/')[0]}/ar/contact-us/")
    page.get_by_role("button", name="متابعة").click()
    page.get_by_label("أحتاج إلى مساعدة لنفسي").check()
    page.get_by_role("button", name="متابعة").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("بياناتك")
    page.get_by_label("اسمك الأول، أو الاسم الذي تحب أن نناديك به").fill("أمينة")
    page.get_by_label("أخبرنا بما يحدث (اختياري)").fill("يأخذ راتبي كل شهر.")
    page.get_by_label("رقم الهاتف (اختياري)").fill("07700 900123")
    page.get_by_role("group", name="هل من الآمن أن نتصل بهذا الرقم؟").get_by_label("نعم").check()
    interpreter = page.get_by_role("group", name="هل تريد مترجمًا فوريًا؟")
    interpreter.get_by_label("نعم").check()
    page.get_by_role("button", name="إرسال").click()

    # A problem is told in Arabic, and nothing is sent until it is put right.
    expect(page.get_by_role("heading", name="هناك مشكلة")).to_be_visible()
    expect(page.get_by_text("أدخل اللغة التي يجب أن يتحدثها المترجم").first).to_be_visible()
    assert not Referral.objects.exists()
    page.get_by_label("أي لغة؟ (اختياري إلا إذا كنت تريد مترجمًا)").fill("العربية")
    page.get_by_role("button", name="إرسال").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("تم الإرسال")
    referral = Referral.objects.get()
    expect(page.get_by_text(referral.reference)).to_be_visible()
    assert referral.given_name == "أمينة"
    assert referral.interpreter_language == "العربية"
    assert {cookie["name"] for cookie in page.context.cookies()} <= {"csrftoken"}


def test_exit_this_page_works_in_arabic_part_way_through(page: Page, front_door, neutral_site):
    exit_url, visited = neutral_site
    page.goto("/ar/contact-us/form/")
    page.get_by_label("أحتاج إلى مساعدة لنفسي").check()
    page.get_by_role("button", name="متابعة").click()
    page.get_by_label("أخبرنا بما يحدث (اختياري)").fill("شيء لم أرسله بعد.")
    page.get_by_role("button", name="طوارئ الخروج من هذه الصفحة").click()
    page.wait_for_url(exit_url)
    assert "/weather" in visited
    assert not Referral.objects.exists()


def test_shift_three_times_leaves_in_urdu(page: Page, front_door, neutral_site):
    exit_url, visited = neutral_site
    page.goto("/ur/contact-us/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(exit_url)
    assert "/weather" in visited


def test_the_feedback_form_in_polish_works_once(page: Page, feedback_link):
    page.goto(f"/pl/feedback/{feedback_link}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Powiedz nam, jak było")
    page.get_by_role("button", name="Wyślij").click()
    expect(page.get_by_role("heading", name="Wystąpił problem")).to_be_visible()
    assert not FeedbackResponse.objects.exists()

    page.get_by_role("group", name="Czy czułaś, że ktoś cię wysłuchał?").get_by_label(
        "Tak", exact=True
    ).check()
    safer = page.get_by_role(
        "group", name="Czy czujesz się bezpieczniej niż przed kontaktem z nami?"
    )
    safer.get_by_label("Częściowo").check()
    repeated = page.get_by_role(
        "group", name="Czy musiałaś opowiadać swoją historię od nowa różnym osobom?"
    )
    repeated.get_by_label("Nie", exact=True).check()
    page.get_by_label("Co pomogło? (nieobowiązkowo)").fill("Ktoś mi uwierzył.")
    page.get_by_role("button", name="Wyślij").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Dziękujemy")
    response = FeedbackResponse.objects.get()
    assert (response.listened, response.safer, response.repeated_story) == ("yes", "partly", "no")
    assert not FeedbackLink.objects.exists()
    assert {cookie["name"] for cookie in page.context.cookies()} <= {"csrftoken"}


def _checked(page: Page, page_checks, action) -> None:
    """Do ``action``, wait for axe's report on the page it leads to, and fail on its findings
    there and then (a later report on the same address would replace it)."""
    page_checks.axe_reports.pop(page.url, None)
    action()
    page.wait_for_load_state()
    page_checks.wait_for_report(page)
    assert page.url in page_checks.axe_reports, f"axe never ran on {page.url}"
    problems = page_checks.failures()
    assert not problems, "\n".join(problems)
    page_checks.axe_reports.pop(page.url)


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_public_page_passes_axe_in_every_language(
    page: Page, page_checks, front_door, feedback_link, code
):
    prefix = "" if code == settings.LANGUAGE_CODE else f"/{code}"
    for path in (
        "/",
        "/staying-safe-online/",
        "/contact-us/",
        "/contact-us/form/",
        f"/feedback/{feedback_link}/",
    ):
        _checked(page, page_checks, lambda path=path: page.goto(f"{prefix}{path}"))
    # The feedback form with its problems shown.
    _checked(page, page_checks, lambda: page.locator("button[type=submit]").click())
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    page.goto(f"{prefix}/contact-us/form/")
    page.locator("input[name=source]").first.check()
    _checked(page, page_checks, lambda: page.locator("button[type=submit]").click())
    expect(page.locator("input[name=given_name]")).to_be_visible()
    # The self-referral form with its problems shown.
    _checked(page, page_checks, lambda: page.locator("button[type=submit]").click())
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    page.goto(f"{prefix}/")  # one report left for the fixture's own check at the end
