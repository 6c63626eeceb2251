"""The editorial workflow in a real browser: write, submit, return, fix, publish, read.

Each person has their own browser context (their own cookies). Screenshots of
every admin page on the way are saved under test-artifacts/screenshots/.
"""

import importlib
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.utils import timezone

from articles.importing.service import Importer
from articles.models import Article, ProgramTag
from tests.e2e.conftest import ARTIFACTS
from tests.imagefiles import image_bytes

SOURCES = Path(settings.BASE_DIR, "fixtures/sources")
VIEWPORT = {"width": 1366, "height": 900}


@pytest.fixture(autouse=True)
def editorial_groups(transactional_db):
    """Browser tests run on a database that earlier ones emptied (live_server flushes
    it), so the groups are put back exactly as their data migration makes them."""
    migration = importlib.import_module("articles.migrations.0002_editorial_groups")
    migration.create_groups(apps, None)


@pytest.fixture
def open_as(browser, live_server):
    """A logged-in page for ``username`` in a context of its own."""
    contexts = []

    def login(username: str):
        context = browser.new_context(
            locale="id-ID", timezone_id="Asia/Makassar", viewport=VIEWPORT
        )
        contexts.append(context)
        page = context.new_page()
        page.goto(live_server.url + "/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", "pw")
        page.click("#login-form input[type=submit]")
        page.wait_for_url(live_server.url + "/admin/")
        return page

    yield login
    for context in contexts:
        context.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def follow(page, selector: str) -> None:
    """Click something that loads a new page, and wait for that page."""
    with page.expect_navigation():
        page.click(selector)


def press(page, transition: str) -> None:
    follow(page, f'button[name="_workflow"][value="{transition}"]')


def messages(page) -> str:
    return page.locator("ul.messagelist").inner_text()


def choose_autocomplete(page, field: str, text: str) -> None:
    """Pick ``text`` in an admin autocomplete (select2) field."""
    page.click(f"#id_{field} + .select2 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", text)
    page.click(f'.select2-results__option:has-text("{text}")')


def test_a_story_goes_from_draft_to_readers(browser, live_server, open_as, people, places, cast):
    # A reporter writes a draft and submits it.
    reporter = open_as("reporter_a")
    shot(reporter, "workflow-01-reporter-dashboard")
    reporter.goto(live_server.url + "/admin/articles/article/add/")
    reporter.fill("#id_title", "Nelayan Sabu Raijua ikut BPJS Ketenagakerjaan")
    reporter.fill("#id_dek", "Dua ratus nelayan terdaftar dalam sepekan.")
    editor_area = reporter.locator(".prose-editor [contenteditable=true]")
    editor_area.click()
    editor_area.type("Sebanyak 200 nelayan di Sabu Raijua kini terlindungi JKK dan JKM.")
    choose_autocomplete(reporter, "region", "Sabu Raijua")
    jkk = ProgramTag.objects.get(slug="jkk")
    reporter.check(f'input[name="programs"][value="{jkk.pk}"]')
    shot(reporter, "workflow-02-reporter-writes")
    press(reporter, "submit")
    article = Article.objects.get(slug="nelayan-sabu-raijua-ikut-bpjs-ketenagakerjaan")
    assert article.status == "in_review"
    assert (
        article.body == "<p>Sebanyak 200 nelayan di Sabu Raijua kini terlindungi JKK dan JKM.</p>"
    )
    assert "Kirim untuk ditinjau" not in reporter.locator(".wf-panel").inner_text()
    shot(reporter, "workflow-03-reporter-submitted")

    # The editor finds it in the review queue and returns it with a reason.
    editor = open_as("editor")
    shot(editor, "workflow-04-editor-dashboard")
    editor.goto(live_server.url + "/admin/articles/article/?queue=review")
    shot(editor, "workflow-05-review-queue")
    follow(editor, f'a:has-text("{article.title}")')
    shot(editor, "workflow-06-editor-reviews")
    editor.fill("#id_workflow-reason", "Sebutkan sumber angka 200 nelayan.")
    press(editor, "return")
    article.refresh_from_db()
    assert article.status == "draft"

    # The reporter sees why, fixes the copy and submits again.
    reporter.goto(live_server.url + "/admin/")
    assert "Sebutkan sumber angka 200 nelayan." in reporter.content()
    shot(reporter, "workflow-07-reporter-sees-return")
    follow(reporter, f'a:has-text("{article.title}")')
    assert "Sebutkan sumber angka 200 nelayan." in reporter.locator(".wf-panel").inner_text()
    shot(reporter, "workflow-08-returned-draft")
    editor_area = reporter.locator(".prose-editor [contenteditable=true]")
    editor_area.click()
    reporter.keyboard.press("End")
    editor_area.type(" Data dari BPJS Ketenagakerjaan Cabang Kupang.")
    press(reporter, "submit")
    article.refresh_from_db()
    assert article.status == "in_review"
    assert "Data dari BPJS Ketenagakerjaan Cabang Kupang." in article.body

    # The editor compares the versions, then publishes.
    editor.goto(live_server.url + f"/admin/articles/article/{article.pk}/history/")
    shot(editor, "workflow-09-history")
    follow(editor, "form[action$='/history/compare/'] input[type=submit]")
    assert (
        "Data dari BPJS Ketenagakerjaan Cabang Kupang." in editor.locator(".wf-diff").inner_text()
    )
    shot(editor, "workflow-10-history-diff")
    editor.goto(live_server.url + f"/admin/articles/article/{article.pk}/change/")
    press(editor, "publish")
    article.refresh_from_db()
    assert article.is_live
    shot(editor, "workflow-11-published")
    editor.goto(live_server.url + "/admin/")
    assert editor.locator(".wf-heatmap").is_visible()
    shot(editor, "workflow-12-dashboard-heatmap")

    # A reader, logged out, opens the article.
    reader = browser.new_context(locale="id-ID", viewport=VIEWPORT).new_page()
    reader.goto(live_server.url + article.get_absolute_url())
    assert reader.locator("h1").first.inner_text() == article.title
    assert "Data dari BPJS Ketenagakerjaan Cabang Kupang." in reader.content()
    shot(reader, "workflow-13-reader")
    reader.context.close()


def test_an_admin_previews_and_confirms_an_import(live_server, open_as, people, places):
    admin = open_as("admin")
    admin.goto(live_server.url + "/admin/articles/article/import/")
    shot(admin, "import-01-upload")
    admin.set_input_files(
        "#id_files",
        [str(SOURCES / "000_e04379150e9b95c5.txt"), str(SOURCES / "004_983a433936bb54d8.txt")],
    )
    follow(admin, "input[type=submit]")
    assert admin.locator(".wf-import-ok").count() == 2
    shot(admin, "import-02-preview")
    follow(admin, 'input[name="confirm"]')
    assert Article.objects.filter(status="draft").count() == 2
    shot(admin, "import-03-done")


def test_a_file_changed_at_the_source_is_shown_side_by_side_and_applied_on_request(
    live_server, open_as, people, places, tmp_path
):
    original = (SOURCES / "004_983a433936bb54d8.txt").read_bytes()
    article = Importer().import_file(original, name="a.txt", status="draft", dry_run=False).article
    Article.objects.filter(pk=article.pk).update(
        dek="Dek dari editor", status="published", published_at=timezone.now(), version=3
    )
    changed = tmp_path / "berubah.txt"
    changed.write_bytes(original.replace(b"fondasi ekonomi lokal", b"ekonomi desa"))

    admin = open_as("admin")
    admin.goto(live_server.url + "/admin/articles/article/import/")
    admin.set_input_files("#id_files", [str(changed)])
    follow(admin, "input[type=submit]")
    changes = admin.locator(".wf-import-changed")
    assert changes.locator(".wf-diff del", has_text="Dek dari editor").is_visible()
    assert changes.get_by_text("desa.", exact=True).is_visible()
    assert admin.is_checked('input[name="on_change_0"][value="report"]')
    shot(admin, "import-04-changed-at-the-source")
    admin.check('input[name="on_change_0"][value="revision"]')
    follow(admin, 'input[name="confirm"]')

    stored = Article.objects.get(pk=article.pk)
    assert "ekonomi desa" in stored.body
    assert (stored.status, stored.version) == ("published", 4)
    shot(admin, "import-05-applied-as-a-revision")


def test_a_reporter_sets_the_focal_point_by_clicking_the_image(
    live_server, open_as, people, cast, tmp_path
):
    photo = tmp_path / "nelayan.jpg"
    photo.write_bytes(image_bytes("JPEG", size=(1200, 800)))
    reporter = open_as("reporter_a")
    url = live_server.url + f"/admin/articles/article/{cast['draft'].pk}/change/"
    reporter.goto(url)
    reporter.set_input_files("#id_lead_image", str(photo))
    reporter.fill("#id_lead_image_alt", "Nelayan menarik perahu di pantai Seba")
    follow(reporter, 'input[name="_continue"]')

    image = reporter.locator(".focal-picker img")
    image.scroll_into_view_if_needed()
    box = image.bounding_box()
    # A quarter across, three quarters down.
    image.click(position={"x": box["width"] * 0.25, "y": box["height"] * 0.75})
    assert reporter.input_value("#id_focal_x") == "0.25"
    assert reporter.input_value("#id_focal_y") == "0.75"
    reporter.locator("fieldset:has(#id_lead_image)").screenshot(
        path=str(ARTIFACTS / "workflow-14-focal-point.png")
    )
    follow(reporter, 'input[name="_continue"]')

    stored = Article.objects.get(pk=cast["draft"].pk)
    assert (stored.focal_x, stored.focal_y) == (0.25, 0.75)
    assert (stored.lead_image_width, stored.lead_image_height) == (1200, 800)


def test_two_people_editing_at_once_lose_nothing(live_server, open_as, people, cast):
    url = live_server.url + f"/admin/articles/article/{cast['in_review'].pk}/change/"
    editor = open_as("editor")
    editor.goto(url)
    admin = open_as("admin")
    admin.goto(url)
    admin.fill("#id_title", "Judul dari admin")
    follow(admin, 'input[name="_continue"]')

    editor.fill("#id_title", "Judul dari editor")
    follow(editor, 'input[name="_continue"]')

    conflict = editor.locator(".wf-conflict")
    assert conflict.is_visible()
    assert "admin" in conflict.inner_text()
    assert editor.input_value("#id_title") == "Judul dari editor"
    assert Article.objects.get(pk=cast["in_review"].pk).title == "Judul dari admin"
    shot(editor, "workflow-15-edit-conflict")

    follow(editor, 'input[name="_continue"]')
    assert Article.objects.get(pk=cast["in_review"].pk).title == "Judul dari editor"


def test_breaking_news_is_live_one_click_after_writing(live_server, open_as, people, places):
    """From the admin home an editor writes a title and a body and picks a region; one
    click on "Terbitkan" puts the story on the home page."""
    editor = open_as("editor")
    follow(editor, 'a.addlink[href="/admin/articles/article/add/"]')
    shot(editor, "breaking-01-add-form")
    assert "wilayah utama" in editor.locator(".wf-problems").inner_text()
    editor.fill("#id_title", "Kapal tenggelam di perairan Alor")
    body = editor.locator(".prose-editor [contenteditable=true]")
    body.focus()
    body.type("Tim SAR mencari tujuh penumpang.")
    choose_autocomplete(editor, "region", "Alor")

    press(editor, "publish")
    assert "Diterbitkan" in messages(editor)
    shot(editor, "breaking-02-published")

    article = Article.objects.get(title="Kapal tenggelam di perairan Alor")
    assert article.is_live
    editor.goto(live_server.url + "/")
    assert "Kapal tenggelam di perairan Alor" in editor.locator("main").inner_text()


def test_text_typed_and_left_unsaved_comes_back(live_server, open_as, people, cast):
    reporter = open_as("reporter_a")
    url = f"{live_server.url}/admin/articles/article/{cast['draft'].pk}/change/"
    reporter.goto(url)
    body = reporter.locator(".prose-editor [contenteditable=true]")
    body.focus()
    reporter.keyboard.press("End")
    body.type(" Kalimat yang hampir hilang.")
    reporter.wait_for_selector(".wf-autosave-status:has-text('Tersimpan otomatis')", timeout=15000)

    # Leaving with changes not saved asks first.
    asked = []

    def leave(dialog):
        asked.append(dialog.type)
        dialog.accept()

    reporter.on("dialog", leave)
    reporter.goto(live_server.url + "/admin/")
    assert asked == ["beforeunload"]

    reporter.goto(url)
    shot(reporter, "autosave-01-offered")
    follow(reporter, "text=Pulihkan teks saya")
    assert "Kalimat yang hampir hilang." in body.inner_text()
    assert "Kalimat yang hampir hilang." not in Article.objects.get(pk=cast["draft"].pk).body


def test_the_body_editor_speaks_indonesian(live_server, open_as, people, cast):
    editor = open_as("editor")
    editor.goto(f"{live_server.url}/admin/articles/article/{cast['draft'].pk}/change/")
    editor.wait_for_selector('.prose-menubar [title="tebal"]')
    titles = editor.eval_on_selector_all(
        ".prose-menubar [title]", "buttons => buttons.map(b => b.title)"
    )
    assert "tebal" in titles and "daftar bernomor" in titles
    assert not {"bold", "ordered list", "paragraph"} & set(titles)
    options = editor.eval_on_selector_all(
        ".prose-menubar__option > *", "options => options.map(o => o.textContent)"
    )
    assert options == ["Subjudul 2", "Subjudul 3", "Subjudul 4", "Paragraf"]
    arrow = editor.eval_on_selector(
        ".prose-menubar__selected", "e => getComputedStyle(e, '::after').content"
    )
    assert arrow == '"▾"'


def test_two_editors_changing_different_fields_keep_both(live_server, open_as, people, cast):
    article = cast["in_review"]
    url = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    first, second = open_as("editor"), open_as("admin")
    first.goto(url)
    second.goto(url)
    first.fill("#id_dek", "Subjudul dari editor pertama.")
    follow(first, 'input[name="_continue"]')
    body = second.locator(".prose-editor [contenteditable=true]")
    body.focus()
    second.keyboard.press("End")
    body.type(" Tambahan dari editor kedua.")
    follow(second, 'input[name="_continue"]')
    shot(second, "conflict-01-merged")
    assert "subjudul" in messages(second)
    stored = Article.objects.get(pk=article.pk)
    assert stored.dek == "Subjudul dari editor pertama."
    assert "Tambahan dari editor kedua." in stored.body
