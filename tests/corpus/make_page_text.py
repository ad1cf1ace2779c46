"""Make the page-text fixtures of the reading corpus from saved HTML pages.

Not run by the tests: it records how ``pages/<name>.txt`` were made, so a
page can be added the same way. Page text is what a browser's "select all,
copy" gives: ``document.body.innerText`` in Debian's Chromium, driven by
Playwright with scripts disabled and every network request refused (a saved
page's external stylesheets are therefore missing, as they are for a
scraper). Usage, with playwright installed beside Debian's chromium:

    python tests/corpus/make_page_text.py ../shared/data/real_pages/html/*.html
    python tests/corpus/make_page_text.py --out tests/data/corpus2/text tests/data/corpus2/html/*.html
"""
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from toolkit.read.decode import decode_source

OUT = Path(__file__).parent / "pages"


def main(paths: list[str], out: Path = OUT) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run"])
        context = browser.new_context(java_script_enabled=False)
        context.route("**/*", lambda route: route.abort())
        page = context.new_page()
        for path in map(Path, paths):
            html, _ = decode_source(path.read_bytes(), str(path))
            page.set_content(html, wait_until="domcontentloaded")
            text = page.evaluate("document.body.innerText")
            target = out / (path.name.rsplit(".", 1)[0] + ".txt")
            target.write_text(text.rstrip("\n") + "\n", encoding="utf-8")
            print(f"wrote {target} ({len(text.splitlines())} lines)")
        browser.close()


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if arguments[:1] == ["--out"]:
        main(arguments[2:], Path(arguments[1]))
    else:
        main(arguments)
