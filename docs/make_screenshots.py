"""The README's screenshots of ``toolkit serve``: docs/serve-index.png and
docs/serve-review.png, taken in Debian's chromium (as the tests drive it)
over a copy of the sample project with one segment left fuzzy.

    .venv/bin/python docs/make_screenshots.py
"""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_SLUG = "jinshan-digital-transformation"
# Debian's chromium, with the switches that keep it off the network (as in tests/test_serve.py)
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


def copy_sample_project(root: Path) -> Path:
    root.mkdir()
    for name in ("sources", "locales", "templates"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "toolkit.toml", root / "toolkit.toml")
    return root


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


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
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        server = subprocess.Popen([sys.executable, "-m", "toolkit", "-C", str(project), "serve",
                                   "--port", str(port)], cwd=ROOT, stdout=subprocess.PIPE,
                                  text=True)
        try:
            # the link it prints carries the token that opens the desk
            printed = server.stdout.readline()
            if "?token=" not in printed:
                raise SystemExit(f"toolkit serve did not start: {printed}")
            login = printed.split()[2]
            deadline = time.monotonic() + 60
            while True:  # until it answers
                try:
                    urllib.request.urlopen(login, timeout=5).close()
                    break
                except urllib.error.HTTPError:
                    break  # it answers
                except OSError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise SystemExit("toolkit serve did not start")
                    time.sleep(0.2)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                                     args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1400, "height": 640})
                page.goto(login)  # the owner's link: the page keeps its cookie
                page.screenshot(path=str(ROOT / "docs" / "serve-index.png"))
                page.set_viewport_size({"width": 1500, "height": 1000})
                page.goto(f"{url}/article/{SAMPLE_SLUG}?locale=en")
                page.locator("tr.segment").nth(6).scroll_into_view_if_needed()
                page.screenshot(path=str(ROOT / "docs" / "serve-review.png"))
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
