"""Importing a Strong file on a phone: pick the file, read the preview, confirm."""

from playwright.sync_api import Page, expect

from demo import samples
from tracking.models import SetLog


def test_a_strong_file_is_uploaded_previewed_and_imported(logged_in_page: Page, server, artifacts):
    page = logged_in_page
    page.goto(f"{server.url}/account/import/")
    rows = samples.strong_csv(weeks=2) + (
        "2024-01-15 18:00:00,Legs A,1h 0m,Cossack Squat,1,0,12,0,0,,,8\n"
    )
    page.get_by_label("History file").set_input_files(
        files=[{"name": "strong.csv", "mimeType": "text/csv", "buffer": rows.encode()}]
    )
    page.get_by_role("button", name="Read the file").tap()

    expect(page.get_by_role("heading", name="Check the import")).to_be_visible()
    expect(page.get_by_text("4 warm-up sets skipped: they are not strength sets.")).to_be_visible()
    expect(page.get_by_role("cell", name="Squat (Barbell)")).to_be_visible()
    choice = page.get_by_label("“Cossack Squat” (1 set)")
    choice.select_option(label="New quads exercise")
    page.get_by_label("kg", exact=True).check()
    page.screenshot(path=str(artifacts / "import-preview-390.png"), full_page=True)
    button = page.get_by_role("button", name="Import 27 sets")
    box = button.bounding_box()
    assert box["height"] >= 44
    # Nothing wider than the phone: no sideways scrolling on the preview.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    button.tap()

    expect(page.get_by_text("Imported 27 sets: 5 new sessions")).to_be_visible()
    assert SetLog.objects.count() == 27
