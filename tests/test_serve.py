"""``toolkit serve`` in a real browser (issue 14).

The tests start the server themselves, on 127.0.0.1, over a copy of the
sample project, and drive Debian's ``chromium`` (installed by
``sh bootstrap.sh test``) with Playwright, pointed at the system browser:
nothing downloads a browser build.
"""
from __future__ import annotations

import http.server
import json
import shutil
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from support import SAMPLE_SLUG, copy_sample_project, pdf_text

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
#: As the machine's own probe starts it: no sandbox as root, and none of the
#: background connections a closed network refuses.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


class Server:
    def __init__(self, root: Path):
        import uvicorn

        from toolkit.web.app import create_app

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.root = root
        self.app = create_app(root)
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning",
                                lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = started(self.server)
        # (it answers at once; the tests start from its first drafts made)
        assert self.desk.ready.wait(120), "the first drafts were not made"

    @property
    def desk(self):
        return self.app.state.desk

    @property
    def login(self) -> str:
        """The link the server prints: it trades its token for the cookie."""
        return f"{self.url}/?token={self.desk.token}"

    def owner(self, context):
        """A browser context of the desk's owner (who opened the link)."""
        context.add_cookies([{"name": f"toolkit_session_{self.port}",
                              "value": self.desk.session, "url": self.url}])
        return context

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


@pytest.fixture(scope="module")
def drafted(tmp_path_factory) -> Path:
    """The sample with its drafts made (dist/preview/), once for the module:
    a server over a copy of it starts with nothing to build (the manifest
    keys on file names and bytes, not on the folder)."""
    from toolkit.web.app import Desk

    project = copy_sample_project(tmp_path_factory.mktemp("drafted") / "project")
    desk = Desk(project)
    desk.rebuild()
    assert desk.problem is None, desk.problem
    return project


@pytest.fixture
def served(drafted, tmp_path):
    """A server of its own (the tests edit the project) over a copy of the
    drafted sample."""
    project = tmp_path / "project"
    shutil.copytree(drafted, project)
    server = Server(project)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), (
        f"{CHROMIUM} missing: the browser tests need Debian's chromium (sh bootstrap.sh test "
        "installs it)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                             headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, served):
    """A tab of the desk's owner."""
    context = served.owner(browser.new_context(viewport={"width": 1400, "height": 1000}))
    page = context.new_page()
    yield page
    context.close()


def request(url: str, data: dict | None = None, headers: dict | None = None, desk=None,
            raw: bytes | None = None):
    """(status, body) of a GET, or of a POST of ``data`` as JSON (or of
    ``raw`` bytes); with ``desk``, as its owner (with the session cookie)."""
    body = raw if raw is not None else json.dumps(data).encode() if data is not None else None
    headers = {"Content-Type": "application/json", **(headers or {})}
    if desk is not None:
        port = urllib.parse.urlsplit(url).port
        headers["Cookie"] = f"toolkit_session_{port}={desk.session}"
    try:
        with urllib.request.urlopen(urllib.request.Request(url, body, headers), timeout=30) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def started(server) -> threading.Thread:
    """A uvicorn server running in a thread of its own, once it listens."""
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.05)
    return thread


def catalog(root: Path) -> Path:
    return root / "locales" / "en" / "LC_MESSAGES" / f"{SAMPLE_SLUG}.po"


def test_the_index_lists_articles_with_status_sorts_and_filters(served, page):
    sources = served.root / "sources"
    version = served.desk.version
    (sources / "second-article.txt").write_bytes((sources / f"{SAMPLE_SLUG}.txt").read_bytes())
    deadline = time.monotonic() + 60  # the watcher drafts it (then the page stays put)
    while served.desk.version == version:
        assert time.monotonic() < deadline, "the new article was not drafted"
        time.sleep(0.1)
    page.goto(served.url)
    rows = page.locator("#articles tbody tr")
    assert rows.count() == 2
    first = page.locator(f'tr[data-slug="{SAMPLE_SLUG}"]')
    assert "加快转型升级" in first.inner_text()
    cells = first.locator("td.n").all_inner_texts()
    # translated, approved, fuzzy, untranslated, QA errors, QA warnings (en)
    assert cells[:4] == ["19", "0", "0", "0"]
    assert "bilingual" in first.inner_text()
    second = page.locator('tr[data-slug="second-article"]')
    # no catalog: all untranslated (17: no sidecar, so no short title or publication)
    assert second.locator("td.n").all_inner_texts()[3] == "17"
    assert "withheld" in second.inner_text()  # and its English edition held back, with why
    assert "17 untranslated" in second.inner_text()
    # sorting by a column puts the rows in its order, both ways
    page.locator("th", has_text="en untranslated").click()
    assert page.locator("#articles tbody tr").first.get_attribute("data-slug") == SAMPLE_SLUG
    page.locator("th", has_text="en untranslated").click()
    assert page.locator("#articles tbody tr").first.get_attribute("data-slug") == "second-article"
    # finding by file name asks the server, which lists the articles that match
    page.fill("#filter", "second")
    page.press("#filter", "Enter")
    page.wait_for_url("**/?q=second")
    assert page.locator("#articles tbody tr").count() == 1
    assert page.locator("#articles tbody tr").first.get_attribute("data-slug") == "second-article"
    assert page.locator("#filter").input_value() == "second"  # kept in the box


def test_a_translator_edits_saves_and_sees_the_rebuilt_edition(served, page):
    po = catalog(served.root)
    before = po.read_text(encoding="utf-8")
    page.goto(f"{served.url}/article/{SAMPLE_SLUG}?locale=en")
    rows = page.locator("tr.segment")
    assert rows.count() == 19
    title = rows.first
    assert "轉" in title.locator("td.source").inner_text()  # the source as received
    assert title.locator("td.source ruby rt").first.inner_text() == "zhuǎn"  # glosses as ruby
    assert "数字化转型 → digital transformation" in title.inner_text()  # glossary terms
    assert page.locator(".preview img").count() >= 1  # the live preview's pages
    new_title = "Jinshan Convenes Its Urban Digitalisation Drive"
    page.evaluate("window.__same_page = true")  # (gone if the page reloads)
    title.locator("textarea").fill(new_title)
    title.locator('button[data-state="translated"]').click()
    # it lacks the glossary's "digital transformation": asked first, fuzzy offered
    asked = title.locator(".message.bad")
    asked.wait_for(timeout=30000)
    assert "fails a check" in asked.inner_text()
    assert "digital transformation" in title.locator(".findings").inner_text()
    assert f'msgstr "{new_title}"' not in po.read_text(encoding="utf-8")
    title.locator("button", has_text="Save as translated anyway").click()
    deadline = time.monotonic() + 30
    while f'msgstr "{new_title}"' not in (after := po.read_text(encoding="utf-8")):
        assert time.monotonic() < deadline, "the save did not reach the catalog"
        time.sleep(0.1)
    # every other entry keeps its bytes: the change is that one msgstr (and the
    # header's revision date and translator lines)
    changed = [line for line in after.splitlines() if line not in before.splitlines()]
    assert [line for line in changed if not line.startswith('"')] == [f'msgstr "{new_title}"']
    # the English edition's preview was rebuilt with the new text
    deadline = time.monotonic() + 60
    # (a draft: the new title lacks the glossary's "digital transformation")
    preview = served.root / "dist" / "preview" / f"{SAMPLE_SLUG}.en.draft.pdf"
    while not preview.is_file() or \
            new_title.split()[0] + " Convenes" not in pdf_text(preview).replace("\n", " "):
        assert time.monotonic() < deadline, "the preview was not rebuilt"
        time.sleep(0.2)
    # and swapped into the page, which never reloaded itself
    page.wait_for_function(f"document.querySelector('.preview img').src.includes("
                           f"'v={preview.stat().st_mtime_ns}')", timeout=30000)
    assert page.evaluate("window.performance.getEntriesByType('navigation').length") == 1
    assert page.evaluate("window.__same_page")


def test_approve_records_the_reviewer_like_the_command_line(served, page, monkeypatch):
    monkeypatch.setenv("TOOLKIT_REVIEWER", "Li Wei")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    page.goto(f"{served.url}/article/{SAMPLE_SLUG}?locale=en")
    row = page.locator("tr.segment").nth(2)
    row.locator('button[data-state="approved"]').click()
    page.wait_for_function("document.querySelectorAll('tr.segment')[2]"
                           ".querySelector('.state').textContent === 'approved'", timeout=30000)
    assert "# approved: Li Wei 2023-11-14 " in catalog(served.root).read_text(encoding="utf-8")


def test_a_write_without_the_token_is_refused(served, page):
    po = catalog(served.root)
    before = po.read_bytes()
    status, body = request(f"{served.url}/api/save", {
        "slug": SAMPLE_SLUG, "locale": "en", "key": "x", "text": "y", "state": "translated",
        "expected": "z"}, desk=served.desk)
    assert status == 403 and b"token" in body
    page.goto(f"{served.url}/article/{SAMPLE_SLUG}?locale=en")
    answer = page.evaluate("""async () => {
        const r = await fetch('/api/save', {method: 'POST', headers: {'Content-Type':
            'application/json', 'X-Toolkit-Token': 'guessed'}, body: '{}'});
        return r.status; }""")
    assert answer == 403
    assert po.read_bytes() == before


def test_paths_outside_the_project_are_refused(served, tmp_path):
    secret = served.root.parent / "secret.txt"
    secret.write_text("not for the browser\n", encoding="utf-8")
    for path in ("/article/..%2Fsecret.txt", "/article/..", "/article/%2e%2e%2fsecret.txt",
                 "/preview/..%2F..%2Fsecret/en/1.png", "/preview/../../secret.txt",
                 f"/preview/{SAMPLE_SLUG}/..%2F..%2F..%2Fsecret.pdf",
                 "/static/..%2F..%2Fserve.py", f"/article/{SAMPLE_SLUG}?locale=..%2F..%2Fx"):
        status, body = request(served.url + path, desk=served.desk)
        assert status in (400, 404), path
        assert b"not for the browser" not in body and b"import" not in body
    token = served.desk.token
    status, body = request(f"{served.url}/api/save", {
        "slug": "../../secret", "locale": "en", "key": "x", "text": "y", "state": "translated",
        "expected": "z"}, {"X-Toolkit-Token": token}, desk=served.desk)
    assert status == 400 and b"no article" in body
    assert secret.read_text(encoding="utf-8") == "not for the browser\n"
    status, _ = request(served.url + "/", headers={"Host": "attacker.example"}, desk=served.desk)
    assert status == 400  # a page of another name (DNS rebinding) is not served


def test_concurrent_edits_are_refused_and_both_texts_kept(served, browser):
    po = catalog(served.root)
    tabs = [served.owner(browser.new_context()).new_page() for _ in range(2)]
    for tab in tabs:
        tab.goto(f"{served.url}/article/{SAMPLE_SLUG}?locale=en")
    for tab, text in zip(tabs, ("Shanghai, first tab", "Shanghai, second tab")):
        row = tab.locator("tr.segment").nth(3)
        row.locator("textarea").fill(text)
    tabs[0].locator("tr.segment").nth(3).locator('button[data-state="translated"]').click()
    deadline = time.monotonic() + 30
    while "Shanghai, first tab" not in po.read_text(encoding="utf-8"):
        assert time.monotonic() < deadline, "the first tab's save did not arrive"
        time.sleep(0.1)
    second = tabs[1].locator("tr.segment").nth(3)
    second.locator('button[data-state="translated"]').click()
    # refused, with the other version beside the translator's and what differs
    panel = second.locator(".conflict")
    panel.wait_for(state="visible", timeout=30000)
    assert "Shanghai, first tab" in panel.locator(".theirs").inner_text()
    assert panel.locator("del").count() >= 1 and panel.locator("ins").count() >= 1
    text = po.read_text(encoding="utf-8")
    assert "Shanghai, first tab" in text and "Shanghai, second tab" not in text
    assert second.locator("textarea").input_value() == "Shanghai, second tab"  # still there
    # unsaved text survives a reload of the page
    tabs[1].reload()
    second = tabs[1].locator("tr.segment").nth(3)
    assert second.locator("textarea").input_value() == "Shanghai, second tab"
    second.locator('button[data-state="translated"]').click()
    second.locator(".conflict").wait_for(state="visible", timeout=30000)
    second.locator('button[data-resolve="mine"]').click()  # keep mine: saved over theirs
    second.locator(".message.ok").wait_for(timeout=30000)
    assert "Shanghai, second tab" in po.read_text(encoding="utf-8")
    # an edit made on the command line while a row holds unsaved text: the
    # page notices, shows the other version in that row, and takes it if asked
    place = tabs[0].locator("tr.segment").nth(4)
    assert "王文娟" in place.inner_text()
    place.locator("textarea").fill("Wang Wenjuan (browser)")
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgstr "Wang Wenjuan"', 'msgstr "Wang Wenjuan (CLI)"', 1), "utf-8")
    place.locator(".conflict").wait_for(state="visible", timeout=30000)
    assert "Wang Wenjuan (CLI)" in place.locator(".conflict .theirs").inner_text()
    assert place.locator("textarea").input_value() == "Wang Wenjuan (browser)"
    place.locator('button[data-resolve="theirs"]').click()
    assert place.locator("textarea").input_value() == "Wang Wenjuan (CLI)"
    assert 'msgstr "Wang Wenjuan (CLI)"' in po.read_text(encoding="utf-8")
    for tab in tabs:
        tab.context.close()


def test_a_bad_catalog_shows_its_error_and_the_server_lives_on(served, page):
    po = catalog(served.root)
    po.write_text(po.read_text(encoding="utf-8") + '\nmsgid "broken\n', encoding="utf-8")
    named = f"locales/en/LC_MESSAGES/{SAMPLE_SLUG}.po:"  # as the project names it
    page.goto(served.url)
    problem = page.locator("main .problem").first.inner_text()
    assert problem.startswith(named) and "catalog" in problem and str(served.root) not in problem
    assert len(problem.strip().splitlines()) == 1
    # the watcher's rebuild meets the same error, says it, and the server lives on
    deadline = time.monotonic() + 30
    while True:
        status, body = request(f"{served.url}/api/state", desk=served.desk)
        assert status == 200
        if (json.loads(body)["problem"] or "").startswith(named):
            break
        assert time.monotonic() < deadline, "the rebuild did not report the bad catalog"
        time.sleep(0.1)
    page.goto(f"{served.url}/article/{SAMPLE_SLUG}?locale=en")
    assert page.locator("#error").inner_text().strip().startswith(named)


def test_a_catalog_edited_on_disk_updates_the_row_and_the_preview_in_place(served, page):
    page.goto(f"{served.url}/article/{SAMPLE_SLUG}?locale=en")
    page.evaluate("window.__same_page = true")  # (gone if the page reloads)
    po = catalog(served.root)
    po.write_text(po.read_text(encoding="utf-8").replace(
        'msgstr "Wang Wenjuan"', 'msgstr "Wang Wen-juan"', 1), encoding="utf-8")
    # the row with no unsaved text takes the new version, in place
    page.wait_for_function("document.querySelectorAll('tr.segment textarea')[4].value"
                           " === 'Wang Wen-juan'", timeout=30000)
    # the watcher rebuilds the draft, and the page swaps the preview in
    preview = served.root / "dist" / "preview" / f"{SAMPLE_SLUG}.en.pdf"
    deadline = time.monotonic() + 60
    while "Wang Wen-juan" not in pdf_text(preview):
        assert time.monotonic() < deadline, "the preview was not rebuilt"
        time.sleep(0.2)
    page.wait_for_function(f"document.querySelector('.preview img').src.includes("
                           f"'v={preview.stat().st_mtime_ns}')", timeout=30000)
    assert page.evaluate("window.__same_page")


def test_the_server_answers_before_its_first_drafts_are_made(project_copy):
    """A desk of many articles takes a while to draft: the pages come first."""
    import uvicorn

    from toolkit.web.app import create_app

    app = create_app(project_copy, watch=False)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning"))
    desk = app.state.desk
    gate = threading.Event()
    original = desk._build

    def slow_build(*args, **kwargs):  # the drafts wait until the index was served
        gate.wait(30)
        return original(*args, **kwargs)

    desk._build = slow_build
    thread = started(server)
    try:
        status, body = request(f"http://127.0.0.1:{port}/", desk=desk)
        assert status == 200 and "加快转型升级".encode() in body
        assert not desk.ready.is_set()
        status, body = request(f"http://127.0.0.1:{port}/article/{SAMPLE_SLUG}?locale=en",
                               desk=desk)
        assert status == 200 and b"No preview of this edition yet" in body
        gate.set()
        assert desk.ready.wait(120)
    finally:
        gate.set()
        server.should_exit = True
        thread.join(timeout=30)


# -- The desk is its owner's alone (issue 21) ---------------------------------

def test_without_the_cookie_nothing_of_the_project_is_served(served):
    """Another user of the machine reaches the port but not the desk: every
    page, preview and API call is 401, with no project text; the printed
    link trades its token for an HttpOnly, SameSite=Strict cookie."""
    token = served.desk.token
    for path in ("/", f"/article/{SAMPLE_SLUG}?locale=en", "/api/state",
                 f"/preview/{SAMPLE_SLUG}/en.pdf", f"/preview/{SAMPLE_SLUG}/en/1.png",
                 "/?token=guessed"):
        status, body = request(served.url + path)
        assert status == 401, path
        assert "金山".encode() not in body and token.encode() not in body, path
    po = catalog(served.root)
    before = po.read_bytes()
    status, _ = request(f"{served.url}/api/save", {"slug": SAMPLE_SLUG}, {"X-Toolkit-Token": token})
    assert status == 401 and po.read_bytes() == before  # the token alone is not the session
    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as redirect:
        opener.open(f"{served.login}&locale=en", timeout=30)
    assert redirect.value.code == 303 and redirect.value.headers["Location"] == "/?locale=en"
    with pytest.raises(urllib.error.HTTPError) as redirect:  # never to another site
        opener.open(f"{served.url}//elsewhere.example/?token={token}", timeout=30)
    assert redirect.value.headers["Location"] == "/elsewhere.example/"
    cookie = redirect.value.headers["Set-Cookie"]
    assert cookie.startswith(f"toolkit_session_{served.port}={served.desk.session};")
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    status, body = request(served.url + "/", desk=served.desk)
    assert status == 200 and "加快转型升级".encode() in body


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_no_page_of_the_desk_can_be_framed(served, page):
    """A decoy page elsewhere cannot frame the desk to steal a click."""
    with urllib.request.urlopen(urllib.request.Request(
            served.url + "/", headers={"Cookie": f"toolkit_session_{served.port}="
                                                 f"{served.desk.session}"}), timeout=30) as answer:
        assert answer.headers["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in answer.headers["Content-Security-Policy"]
    # The decoy is on another port of this machine: the same site, so the
    # owner's SameSite=Strict cookie goes along; only the headers stop it.
    decoy = (f'<iframe src="{served.url}/article/{SAMPLE_SLUG}?locale=en" width="800" '
             'height="600"></iframe>').encode()

    class Decoy(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(decoy)

        def log_message(self, *args):
            pass

    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), Decoy) as other:
        threading.Thread(target=other.serve_forever, daemon=True).start()
        try:
            page.goto(f"http://127.0.0.1:{other.server_address[1]}/")
            page.wait_for_timeout(1500)
            framed = [frame for frame in page.frames if frame != page.main_frame]
            assert framed and all("加快转型升级" not in _content(frame) for frame in framed)
        finally:
            other.shutdown()


def _content(frame) -> str:
    try:
        return frame.content()
    except Exception:  # noqa: BLE001 - a blocked frame may not even answer
        return ""


def test_request_bodies_are_bounded(served):
    headers = {"X-Toolkit-Token": served.desk.token}
    status, body = request(f"{served.url}/api/save", headers=headers, desk=served.desk,
                           raw=b'{"text": "' + b"x" * (2 << 20) + b'"}')
    assert status == 413 and json.loads(body)["error"]
    status, body = request(f"{served.url}/api/save", headers=headers, desk=served.desk,
                           raw=b"[" * 100_000)
    assert status == 400 and json.loads(body)["error"]
    status, _ = request(f"{served.url}/api/state", desk=served.desk)
    assert status == 200  # and the server lives on


def test_the_network_gets_the_desk_only_when_the_owner_says_so(capsys, project_copy):
    from toolkit.cli import main

    status = main(["-C", str(project_copy), "serve", "--host", "0.0.0.0", "--port", "9"])
    err = capsys.readouterr().err.strip()
    assert status == 2 and len(err.splitlines()) == 1
    assert "--host 0.0.0.0" in err and "--allow-remote" in err


def test_the_ipv6_loopback_is_served(project_copy):
    import uvicorn

    from toolkit.web.app import create_app

    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
            port = probe.getsockname()[1]
    except OSError:
        pytest.skip("this machine has no IPv6 loopback")
    app = create_app(project_copy, "::1", watch=False)
    server = uvicorn.Server(uvicorn.Config(app, host="::1", port=port, log_level="warning",
                                           lifespan="off"))
    thread = started(server)
    try:
        status, body = request(f"http://[::1]:{port}/api/state", desk=app.state.desk)
        assert status == 200 and "version" in json.loads(body)
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def test_an_unexpected_error_is_said_and_the_server_lives_on(served, monkeypatch):
    """Not the toolkit's own error: the page and the save still answer, in
    one line (JSON for a save), and the next request is served."""
    from toolkit.web import desk as workbench

    def broken(*args, **kwargs):
        raise RuntimeError("the disk went away\nsecond line")

    monkeypatch.setattr(workbench, "index", broken)
    status, body = request(served.url + "/", desk=served.desk)
    assert status == 500 and b"RuntimeError: the disk went away" in body
    assert b"second line" not in body
    monkeypatch.setattr(workbench, "save", broken)
    status, body = request(f"{served.url}/api/save", {
        "slug": SAMPLE_SLUG, "locale": "en", "key": "k", "text": "t", "state": "translated",
        "expected": "e"}, {"X-Toolkit-Token": served.desk.token}, desk=served.desk)
    assert status == 500 and "the disk went away" in json.loads(body)["error"]
    status, _ = request(f"{served.url}/api/state", desk=served.desk)
    assert status == 200


def test_ctrl_c_stops_the_server_at_once_even_while_it_drafts(project_copy):
    """Ctrl-C (SIGINT) ends `toolkit serve` within two seconds, though its
    first drafts (here a desk of a dozen articles) are still being made."""
    import signal
    import subprocess
    import sys

    sources = project_copy / "sources"
    for n in range(12):
        (sources / f"copy-{n}.txt").write_bytes((sources / f"{SAMPLE_SLUG}.txt").read_bytes())
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "toolkit", "-C", str(project_copy), "serve",
                               "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert "?token=" in server.stdout.readline().decode()
        deadline = time.monotonic() + 60
        while True:  # until it answers (401: no cookie, and no matter)
            try:
                if request(f"http://127.0.0.1:{port}/api/state")[0] == 401:
                    break
            except urllib.error.URLError:
                pass
            assert time.monotonic() < deadline and server.poll() is None
            time.sleep(0.1)
        time.sleep(1)  # well into the first drafts
        assert not list((project_copy / "dist" / "preview").glob("copy-11.*.pdf"))
        started = time.monotonic()
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
        assert time.monotonic() - started < 2.0
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
        server.stdout.close()
        server.stderr.close()


def test_the_memory_is_indexed_once_while_its_files_stay_as_they_are(project_copy, monkeypatch):
    from toolkit.catalogs.exchange import to_tmx
    from toolkit.catalogs.po import read_catalog, read_po_file, write_catalog
    from toolkit.project import load_project
    from toolkit.web import desk as workbench

    built = []
    original = workbench.project_memory
    monkeypatch.setattr(workbench, "project_memory",
                        lambda *args, **kwargs: built.append(1) or original(*args, **kwargs))
    workbench._memory.cache_clear()
    project = load_project(project_copy)
    workbench.review(project, SAMPLE_SLUG, "en")
    assert not built  # every segment translated: no suggestion wanted, no memory read
    po = read_po_file(catalog(project_copy))
    next(m for m in po.catalog if m.id).string = ""
    write_catalog(catalog(project_copy), po.catalog, po.layout)
    workbench.review(project, SAMPLE_SLUG, "en")
    workbench.review(project, SAMPLE_SLUG, "en")
    assert len(built) == 1
    memory = project_copy / "locales" / "en" / "memory"
    memory.mkdir()
    (memory / "extra.tmx").write_bytes(to_tmx([("x", read_catalog(catalog(project_copy)))], "en"))
    # (a file of the memory changed: it is indexed again)
    workbench.review(project, SAMPLE_SLUG, "en")
    assert len(built) == 2


def _two_more_articles(root: Path) -> None:
    """Articles b-second and c-third beside the sample (by file name, the
    sample comes last); the third with a sidecar that cannot be read."""
    sources = root / "sources"
    text = (sources / f"{SAMPLE_SLUG}.txt").read_bytes()
    (sources / "b-second.txt").write_bytes(text)
    (sources / "c-third.txt").write_bytes(text)
    (sources / "c-third.meta.toml").write_text("date = \n", encoding="utf-8")


def test_the_index_shows_a_page_of_articles_and_reads_only_those(project_copy, monkeypatch):
    from toolkit.project import load_project
    from toolkit.web import desk as workbench

    _two_more_articles(project_copy)
    monkeypatch.setattr(workbench, "INDEX_PAGE_SIZE", 2)
    project = load_project(project_copy)
    first = workbench.index(project, project_copy / "dist")
    assert [row.slug for row in first.rows] == ["b-second"]
    # c-third's bad sidecar is on this page: its error shows, the row does not
    assert len(first.failed) == 1 and "c-third.meta.toml:1:" in first.failed[0]
    assert (first.pager.page, first.pager.pages, first.pager.total) == (1, 2, 3)
    second = workbench.index(project, project_copy / "dist", page=2)
    assert [row.slug for row in second.rows] == [SAMPLE_SLUG]
    assert second.failed == []  # read only what the page shows: no word of c-third here
    # past the last page: the last page; a file name search, case aside
    assert workbench.index(project, project_copy / "dist", page=9).pager.page == 2
    found = workbench.index(project, project_copy / "dist", query="SECOND")
    assert [row.slug for row in found.rows] == ["b-second"] and found.pager.total == 1
    assert workbench.index(project, project_copy / "dist", query="nothing").rows == []


def test_a_review_page_shows_a_page_of_segments_and_the_states_asked_for(project_copy,
                                                                         monkeypatch):
    from toolkit.catalogs.po import read_po_file, write_catalog
    from toolkit.project import load_project
    from toolkit.web import desk as workbench

    monkeypatch.setattr(workbench, "REVIEW_PAGE_SIZE", 5)
    po = read_po_file(catalog(project_copy))
    emptied = [m for m in po.catalog if m.id][3:5]
    for message in emptied:
        message.string = ""
    write_catalog(catalog(project_copy), po.catalog, po.layout)
    project = load_project(project_copy)
    everything = [workbench.review(project, SAMPLE_SLUG, "en", page) for page in range(1, 5)]
    assert [len(review.rows) for review in everything] == [5, 5, 5, 4]
    keys = [row.key for review in everything for row in review.rows]
    assert len(set(keys)) == 19  # every segment once, in reading order
    whole = workbench.review(project, SAMPLE_SLUG, "en", size=100)
    assert keys == [row.key for row in whole.rows]
    assert everything[0].counts == {"untranslated": 2, "fuzzy": 0, "translated": 17,
                                    "approved": 0}
    todo = workbench.review(project, SAMPLE_SLUG, "en", states=("untranslated", "fuzzy"))
    assert [row.simplified for row in todo.rows] == [m.id for m in emptied]
    assert todo.pager.total == 2 and all(row.state == "untranslated" for row in todo.rows)


def test_the_pages_link_their_pages_and_a_save_shows_at_once(served, monkeypatch):
    from toolkit.web import desk as workbench

    monkeypatch.setattr(workbench, "REVIEW_PAGE_SIZE", 5)
    monkeypatch.setenv("TOOLKIT_REVIEWER", "Reviewer")
    url = f"{served.url}/article/{SAMPLE_SLUG}"
    status, body = request(f"{url}?locale=en&page=2", desk=served.desk)
    html = body.decode()
    assert status == 200 and "page 2 of 4 (19 segments)" in html
    assert 'href="?locale=en&amp;edition=en&amp;page=1"' in html
    assert 'href="?locale=en&amp;edition=en&amp;page=3"' in html
    for junk in ("0", "-1", "x", "99999999999999"):  # anything but a page: the first or last
        status, body = request(f"{url}?locale=en&page={junk}", desk=served.desk)
        assert status == 200 and ("page 1 of 4" in body.decode() or "page 4 of 4" in body.decode())
    status, body = request(f"{url}?locale=en&state=approved", desk=served.desk)
    assert status == 200 and "No segment in this state." in body.decode()
    # A save shows on the next page at once: the desk keeps the catalog it
    # wrote, and what it keeps is what the file says (a fresh parse agrees,
    # and a second save writes what a save from the file would)
    from toolkit.catalogs.po import catalog_bytes, read_po_file

    project = served.desk.project()
    review = workbench.review(project, SAMPLE_SLUG, "en", size=19)
    first, second = review.rows[0], review.rows[6]
    _, printed = workbench.save(project, SAMPLE_SLUG, "en", first.key, "A New Title",
                                "translated", first.fingerprint)
    status, body = request(f"{url}?locale=en", desk=served.desk)
    assert "A New Title</textarea>" in body.decode()
    fresh = read_po_file(catalog(served.root))
    message = next(m for m in fresh.catalog if m.id == first.simplified)
    assert workbench.fingerprint(message) == printed
    workbench.save(project, SAMPLE_SLUG, "en", second.key, "A second text.", "approved",
                   second.fingerprint)
    written = catalog(served.root).read_bytes()
    assert b'msgstr "A New Title"' in written and b'msgstr "A second text."' in written
    again = read_po_file(catalog(served.root))
    assert catalog_bytes(again.catalog, again.layout) == written


def test_a_segment_an_editor_adds_comes_in_and_saves_from_the_browser(served, page):
    """A sidecar's new short title: the desk brings the catalog up to date
    (extract and update, under the lock), the page shows the new row without
    reloading, and a save of it goes through."""
    sidecar = served.root / "sources" / f"{SAMPLE_SLUG}.meta.toml"
    page.goto(f"{served.url}/article/{SAMPLE_SLUG}?locale=en")
    page.evaluate("window.__same_page = true")
    rows = page.locator("tr.segment").count()
    text = sidecar.read_text(encoding="utf-8")
    assert "short_title" in text
    sidecar.write_text(text.replace("金山区推进城市数字化转型", "金山数字化转型简报"),
                       encoding="utf-8")
    row = page.locator("tr.segment", has_text="金山数字化转型简报")
    row.wait_for(timeout=60000)
    assert page.locator("tr.segment").count() == rows  # the old short title gone, the new in
    assert 'msgid "金山数字化转型简报"' in catalog(served.root).read_text(encoding="utf-8")
    row.locator("textarea").fill("Jinshan Digital Transformation Brief")
    row.locator('button[data-state="translated"]').click()
    row.locator(".message.ok").wait_for(timeout=30000)
    assert 'msgstr "Jinshan Digital Transformation Brief"' in catalog(served.root).read_text(
        encoding="utf-8")
    assert page.evaluate("window.__same_page")


def test_an_approval_takes_the_name_given_on_the_page(served, page, monkeypatch):
    """No reviewer in the settings: the page asks once in the browser session,
    and the approval records that name, as the command line records its."""
    monkeypatch.delenv("TOOLKIT_REVIEWER", raising=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    page.goto(f"{served.url}/article/{SAMPLE_SLUG}?locale=en")
    rows = page.locator("tr.segment")
    rows.nth(2).locator('button[data-state="approved"]').click()
    page.locator("dialog#who input").fill("Zhang San")
    page.locator("dialog#who button[value=ok]").click()
    rows.nth(2).locator(".message.ok").wait_for(timeout=30000)
    assert "# approved: Zhang San 2023-11-14 " in catalog(served.root).read_text(encoding="utf-8")
    rows.nth(3).locator('button[data-state="approved"]').click()  # not asked again
    rows.nth(3).locator(".message.ok").wait_for(timeout=30000)
    assert not page.locator("dialog#who").evaluate("d => d.open")
    assert catalog(served.root).read_text(encoding="utf-8").count("# approved: Zhang San") == 2


AXE = Path(__file__).resolve().parent.parent / ".axe" / "node_modules" / "axe-core" / "axe.min.js"


def _axe_violations(page) -> list[str]:
    """axe-core's critical and serious violations on the page (default rules)."""
    assert AXE.exists(), f"{AXE} missing: make test (or sh bootstrap.sh test) installs axe-core"
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("""async () => {
        const result = await axe.run(document, {resultTypes: ['violations']});
        return result.violations.filter(v => ['critical', 'serious'].includes(v.impact))
            .map(v => `${v.impact}: ${v.id}: ${v.nodes.length} × ${v.nodes[0].target}`); }""")
    return found


@pytest.mark.parametrize("where", ["/", f"/article/{SAMPLE_SLUG}?locale=en",
                                   "/article/no-such-article"])
def test_the_desk_has_no_critical_or_serious_accessibility_violation(served, page, where):
    page.goto(f"{served.url}{where}")
    assert _axe_violations(page) == []


def _needing_work(root: Path) -> list[str]:
    """Three segments of the sample made to need work: two untranslated, one
    fuzzy (their msgids)."""
    from toolkit.catalogs.po import read_po_file, write_catalog

    po = read_po_file(catalog(root))
    messages = [m for m in po.catalog if m.id]
    messages[7].string = ""  # (three headings: no check fails on a short translation)
    messages[10].string = ""
    messages[15].flags.add("fuzzy")
    write_catalog(catalog(root), po.catalog, po.layout)
    return [messages[7].id, messages[10].id, messages[15].id]


def test_a_keyboard_only_session_translates_approves_and_filters(served, page, monkeypatch):
    """No mouse and no page load: the keys move to what needs work, save,
    approve, filter to the fuzzy segments and move on."""
    monkeypatch.setenv("TOOLKIT_REVIEWER", "Li Wei")
    first, second, fuzzy = _needing_work(served.root)
    page.goto(f"{served.url}/article/{SAMPLE_SLUG}?locale=en")
    page.evaluate("window.__same_page = true")
    boxes = page.locator("tr.segment textarea")
    # one Tab stop a segment: Tab goes from box to box
    boxes.first.focus()
    for _ in range(3):
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement === document.querySelectorAll"
                         "('tr.segment textarea')[3]")
    # the next segment needing work
    page.keyboard.press("Alt+PageDown")
    row = page.locator("tr.segment", has=page.locator(f"text={first}"))
    assert page.evaluate("document.activeElement.closest('tr').dataset.key") == \
        row.get_attribute("data-key")
    page.keyboard.press("Control+Shift+S")  # the Simplified source into the box …
    assert row.locator("textarea").input_value() == first
    page.keyboard.press("Control+A")
    page.keyboard.type("Keyboard translation one.")  # … replaced by a translation
    page.keyboard.press("Control+Enter")  # saved, and on to the next needing work
    row.locator(".message.ok").wait_for(timeout=30000)
    after = page.locator("tr.segment", has=page.locator(f"text={second}"))
    page.wait_for_function("document.activeElement.closest('tr') && document.activeElement"
                           f".closest('tr').dataset.key === '{after.get_attribute('data-key')}'")
    page.keyboard.type("Keyboard translation two.")
    page.keyboard.press("Control+Shift+Enter")  # approved, and on
    after.locator(".message.ok").wait_for(timeout=30000)
    text = catalog(served.root).read_text(encoding="utf-8")
    assert 'msgstr "Keyboard translation one."' in text
    assert 'msgstr "Keyboard translation two."' in text and "# approved: Li Wei" in text
    # the fuzzy filter, by keyboard: its link, Enter, and the rows come in place
    link = page.locator(".states a", has_text="fuzzy")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelectorAll('tr.segment').length === 1")
    only = page.locator("tr.segment")
    assert fuzzy in only.inner_text()
    assert page.evaluate("document.activeElement === document.querySelector('tr.segment textarea')")
    page.keyboard.press("Alt+Enter")  # kept fuzzy, saved as such
    only.locator(".message.ok").wait_for(timeout=30000)
    page.keyboard.press("Escape")  # the row's buttons, reachable without the mouse
    assert page.evaluate("document.activeElement.dataset.state") == "fuzzy"
    assert page.evaluate("window.__same_page")  # no page load all along


def test_a_check_error_is_caught_before_saving_and_names_both_sides(served, page):
    page.goto(f"{served.url}/article/{SAMPLE_SLUG}?locale=en")
    row = page.locator("tr.segment").nth(5)  # the first paragraph: July 21
    original = row.locator("textarea").input_value()
    assert "July 21" in original
    row.locator("textarea").fill(original.replace("July 21", "July 20"))
    # checked while writing, before any save
    row.locator(".findings .finding.error").wait_for(timeout=30000)
    assert "21日 in the source, 20 in the translation" in row.locator(".findings").inner_text()
    row.locator("textarea").press("Control+Enter")
    asked = row.locator(".message.bad")
    asked.wait_for(timeout=30000)
    assert "July 20" not in catalog(served.root).read_text(encoding="utf-8")
    row.locator("button", has_text="Save as fuzzy instead").click()
    row.locator(".message.ok").wait_for(timeout=30000)
    assert row.get_attribute("class").endswith("state-fuzzy")


def test_a_search_finds_a_term_across_articles(served, page):
    """How a term was translated before, in every article, with links."""
    sources = served.root / "sources"
    (sources / "second-article.txt").write_bytes((sources / f"{SAMPLE_SLUG}.txt").read_bytes())
    shutil.copy(catalog(served.root), catalog(served.root).with_name("second-article.po"))
    page.goto(f"{served.url}/search?locale=en&q=湾区")
    rows = page.locator("table.found tbody tr")
    articles = {link.get_attribute("href").split("?")[0]
                for link in page.locator("table.found a").all()}
    assert articles == {f"/article/{SAMPLE_SLUG}", "/article/second-article"}
    assert rows.count() >= 4 and "Bay Area" in rows.first.inner_text()
    page.locator("table.found a").first.click()
    page.wait_for_url("**/article/**q=**")
    assert page.locator("tr.segment").count() >= 1
    assert all("湾区" in text for text in page.locator("tr.segment td.zh").all_inner_texts())


def test_the_preview_follows_the_segment_being_edited(served):
    """/api/locate: the preview page that holds a segment (the page scrolls
    the preview there when a box takes focus)."""
    from toolkit.web import desk as workbench

    rows = workbench.review(served.desk.project(), SAMPLE_SLUG, "en", size=100).rows
    pages = []
    for row in (rows[0], rows[-2]):  # the title, and the last paragraph
        query = urllib.parse.urlencode({"slug": SAMPLE_SLUG, "locale": "en", "edition": "en",
                                        "key": row.key})
        status, body = request(f"{served.url}/api/locate?{query}", desk=served.desk)
        assert status == 200
        pages.append(json.loads(body)["page"])
    preview = served.root / "dist" / "preview" / f"{SAMPLE_SLUG}.en.pdf"
    text = pdf_text(preview)
    assert pages[0] == 1 and pages[1] is not None and pages[1] > 1, (pages, len(text))
