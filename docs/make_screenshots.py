"""The README's screenshots of ``toolkit serve``: docs/serve-index.png and
docs/serve-review.png, taken in Debian's chromium (as the tests drive it)
over a copy of the sample project with one segment left fuzzy.

    .venv/bin/python docs/make_screenshots.py
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from conftest import copy_sample_project  # noqa: E402
from test_serve import CHROMIUM, CHROMIUM_ARGS, SAMPLE_SLUG, Server  # noqa: E402


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        project = copy_sample_project(Path(tmp) / "project")
        po = project / "locales" / "en" / "LC_MESSAGES" / f"{SAMPLE_SLUG}.po"
        text = po.read_text(encoding="utf-8")
        # one segment whose source changed since it was translated: fuzzy, with its previous source
        old = 'msgid "金山将以转型新发展塑造新形象为主线'
        text = text.replace(old, '#, fuzzy\n#| msgid "金山将以转型发展塑造新形象为主线，以产业转型为核心"\n' + old, 1)
        po.write_text(text, encoding="utf-8")
        server = Server(project)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                                     args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1400, "height": 640})
                page.goto(server.url)
                page.screenshot(path=str(ROOT / "docs" / "serve-index.png"))
                page.set_viewport_size({"width": 1500, "height": 1000})
                page.goto(f"{server.url}/article/{SAMPLE_SLUG}?locale=en")
                page.locator("tr.segment").nth(6).scroll_into_view_if_needed()
                page.screenshot(path=str(ROOT / "docs" / "serve-review.png"))
                browser.close()
        finally:
            server.stop()


if __name__ == "__main__":
    main()
