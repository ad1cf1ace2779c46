"""``toolkit serve``: review and preview in the browser, on 127.0.0.1.

A thin web layer (Starlette, served by uvicorn) over :mod:`toolkit.web.desk`:
pages are rendered on the server by Jinja2 with autoescape, the only script
is ``web/static/app.js``. Safe by construction:

- the desk is its owner's alone (as Jupyter's): the server prints a link
  with a token made at start; opening it trades the token for an
  ``HttpOnly``, ``SameSite=Strict`` cookie, and every page, preview and API
  call without that cookie is refused (401) with no project text;
- write requests also carry the token (in each page's ``<meta>``), in a
  header no other site's form can send; bodies are bounded (1 MB);
- no page can be framed (``frame-ancestors 'none'``, ``X-Frame-Options``);
- requests name articles, locales and editions, never paths: each is looked
  up in the project's own lists, and nothing outside the project is read or
  written;
- the Host header must be a loopback name or the name the server was
  started on (a DNS-rebinding page cannot reach it); it listens on the
  network only when told to (``--allow-remote``);
- a bad source, catalog or setting shows its one-line error on the page.

Drafts of every edition (incomplete ones marked, as ``--allow-incomplete``)
are built in-process into ``dist/preview/``, where WeasyPrint stays
imported, when a translation is saved and when a source, sidecar, catalog,
template or the settings change on disk (watchfiles); each page asks
``/api/state`` every second and reloads itself when the preview changed.
"""

from __future__ import annotations

import contextlib
import functools
import io
import ipaddress
import json
import secrets
import threading
from pathlib import Path
from urllib.parse import urlencode

from toolkit.catalogs.checks import CHECKS
from toolkit.editions import output_name, project_editions
from toolkit.errors import ChangedOnDisk, ToolkitError, one_line
from toolkit.pipeline.build import build
from toolkit.project import load_project, relative_line
from toolkit.web import desk as workbench
from toolkit.web.desk import articles
from toolkit.workflow.review import reviewer
from toolkit.workflow.update import bring_up_to_date

WEB = Path(__file__).resolve().parent
#: The largest request body the desk reads (a save is a few kilobytes).
MAX_BODY = 1 << 20
#: Names that are this machine.
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
#: Sent with every answer: no other page may frame the desk, nor sniff types.
SECURITY_HEADERS = [(b"content-security-policy", b"frame-ancestors 'none'"),
                    (b"x-frame-options", b"DENY"), (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer")]
PREVIEW = Path("dist") / "preview"
#: Pixel scale of preview pages (1: 72 dpi; 1.4 reads comfortably beside the text).
PAGE_SCALE = 1.4


class Desk:
    """The server's state: the project, the session's token, the preview's
    version (bumped by each rebuild) and the last rebuild's error."""

    def __init__(self, root: Path):
        self.root = root
        #: in the link the server prints, and in write requests
        self.token = secrets.token_urlsafe(24)
        #: the cookie the token is traded for
        self.session = secrets.token_urlsafe(32)
        self.version = 0
        self.problem: str | None = None
        self._building = threading.Lock()
        #: set once the first drafts are made
        self.ready = threading.Event()
        #: rebuilds asked for while the background thread runs (see rebuild_soon)
        self._pending = threading.Lock()
        self._again = False
        self._running = False
        self._first: tuple[str, str] | None = None
        #: the articles whose source or sidecar changed (the watcher's): the
        #: next rebuild brings their catalogs up to date first
        self.changed_slugs: set[str] = set()
        #: the catalogs the last such update changed
        self.synced: list[str] = []

    def project(self):
        return load_project(self.root)

    @property
    def preview_dir(self) -> Path:
        return self.root / PREVIEW

    def preview_path(self, slug: str, edition: str) -> Path:
        """The draft of an edition, or the edition itself when it is complete
        (a complete build removes the draft)."""
        draft = self.preview_dir / output_name(slug, edition, draft=True)
        return draft if draft.is_file() else self.preview_dir / output_name(slug, edition)

    def rebuild(self, first: tuple[str, str] | None = None) -> None:
        """Draft editions of every article into dist/preview/ (incremental:
        only what changed is laid out again), here, in this process. With
        ``first`` (slug, edition), that one is made and shown before the
        rest: the edition the translator is looking at."""
        with self._building:
            with self._pending:  # (the watcher adds to it from the server's loop)
                slugs, self.changed_slugs = self.changed_slugs, set()
            if slugs:  # an editor's change: the catalogs follow first
                self._bring_up_to_date(slugs)
            if first is not None:
                source = self._source(first[0])
                if source is not None:
                    self._build(build, sources=[source], editions=(first[1],))
            self._build(build)
            self.ready.set()

    def rebuild_soon(self, first: tuple[str, str] | None = None) -> None:
        """Rebuild in a background thread (one at a time: a change during a
        rebuild asks for one more; ``first``: the (slug, edition) on screen,
        made before the rest). The thread is a daemon: Ctrl-C stops the
        server at once, first drafts or not (a PDF is written whole or not
        at all, and the next start builds what is missing)."""
        with self._pending:
            self._again = True
            if first is not None:
                self._first = first
            if self._running:
                return
            self._running = True

        def work():
            while True:
                with self._pending:  # (decided under the lock: no request is lost)
                    if not self._again:
                        self._running = False
                        return
                    self._again, first, self._first = False, self._first, None
                self.rebuild(first)

        threading.Thread(target=work, name="toolkit-drafts", daemon=True).start()

    def _bring_up_to_date(self, slugs: set[str]) -> None:
        """The catalogs of the articles whose source or sidecar changed
        brought up to date with them (a segment an editor added is in them
        before the page offers it); a problem is said on the page like a
        build's."""
        try:
            project = self.project()
            sources = [path for slug, path in articles(project).items() if slug in slugs]
            if not sources:
                return
            written = bring_up_to_date(project, sources)
            self.synced = [relative_line(self.root, str(path)) for path in written.changed]
        except ToolkitError as error:
            self.problem = self.said(error)
            self.version += 1
        except Exception as error:  # noqa: BLE001 - the desk says it and lives on
            self.problem = f"toolkit.toml: update: error: {one_line(error)}"
            self.version += 1

    def _build(self, build, **chosen) -> None:
        try:
            result = build(self.project(), out_dir=self.preview_dir, allow_incomplete=True,
                           processes=1, **chosen)
            problem = "\n".join(self.said(line) for line in result.failed) or None
            changed = any(path.suffix == ".pdf" for path in result.written)
        except ToolkitError as error:
            problem, changed = self.said(error), False
        except Exception as error:  # noqa: BLE001 - the desk says it and lives on
            problem, changed = f"toolkit.toml: build: error: {one_line(error)}", False
        if changed or problem != self.problem:  # the pages reload when this moves
            self.version += 1
        self.problem = problem

    def said(self, error: ToolkitError | str) -> str:
        """An error's line with the file it names as the project names it
        (``sources/a.txt:3: …``, not the whole path the server resolved)."""
        return relative_line(self.root, str(error))

    def _source(self, slug: str) -> Path | None:
        try:
            return articles(self.project()).get(slug)
        except ToolkitError:
            return None


def is_loopback(host: str) -> bool:
    """Whether an address or name is this machine only."""
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _host_name(header: str) -> str:
    """The name of a Host header, without its port (``[::1]:8000`` → ``::1``)."""
    if header.startswith("["):
        return header[1:header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class Gate:
    """The door of the desk (pure ASGI, before any route): the Host header
    checked; the printed link's token traded for the session cookie; no
    page, preview or API answer without the cookie (static files, which
    hold no project text, excepted); security headers on every answer."""

    def __init__(self, app, desk: Desk, hosts: set[str]):
        self.app, self.desk, self.hosts = app, desk, hosts

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def secured(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []),
                                                  *SECURITY_HEADERS]}
            await send(message)

        # lazy: Starlette (≈70 ms): only for toolkit serve
        from starlette.requests import Request
        from starlette.responses import PlainTextResponse, RedirectResponse

        request = Request(scope)
        cookie = f"toolkit_session_{(scope.get('server') or ('', 0))[1]}"
        if _host_name(request.headers.get("host", "")) not in self.hosts:
            answer = PlainTextResponse("Invalid host header", status_code=400)
        elif "token" in request.query_params:
            if secrets.compare_digest(request.query_params["token"], self.desk.token):
                rest = urlencode([(k, v) for k, v in request.query_params.multi_items()
                                  if k != "token"])
                # (a path of this server only: "//elsewhere" would leave it)
                here = "/" + scope["path"].lstrip("/")
                answer = RedirectResponse(here + (f"?{rest}" if rest else ""), 303)
                answer.set_cookie(cookie, self.desk.session, httponly=True, samesite="strict",
                                  path="/")
            else:
                answer = _refused()
        elif scope["path"].startswith("/static/") or secrets.compare_digest(
                request.cookies.get(cookie, ""), self.desk.session):
            return await self.app(scope, receive, secured)
        else:
            answer = _refused()
        await answer(scope, receive, secured)


#: Segments a search across the project lists at most.
SEARCH_LIMIT = 200


def _review(project, slug: str, locale: str, request):
    """The review of the page a request asks for (page, states, words, check)."""
    states = tuple(name for name in request.query_params.getlist("state")
                   if name in workbench.STATES)
    check = request.query_params.get("check", "")
    return workbench.review(project, slug, locale, _page_number(request), states,
                            query=request.query_params.get("q", "")[:200],
                            check=check if check in CHECKS else "")


def _page_number(request) -> int:
    """The ``page`` a request asks for (from 1; anything else: the first)."""
    text = request.query_params.get("page", "1")
    return int(text) if text.isascii() and text.isdigit() and len(text) < 9 else 1


def _one_line(error: BaseException) -> str:
    """An unexpected error as the one line a page or a save answer shows."""
    return f"toolkit serve: error: {one_line(error)}"


def _refused():
    # lazy: Starlette (≈70 ms): only for toolkit serve
    from starlette.responses import PlainTextResponse

    return PlainTextResponse("This desk opens from the link toolkit serve printed when it "
                             "started (it carries the session's token).\n", status_code=401)


def create_app(root: Path, host: str = "127.0.0.1", watch: bool = True,
               names: tuple[str, ...] = ()):
    """The desk's application over the project at ``root``; ``names``: the
    host names a remote desk answers to, besides the address it listens on."""
    # lazy: Jinja2: only when templates are read
    from jinja2 import Environment, FileSystemLoader, select_autoescape
    from markupsafe import Markup, escape

    # lazy: Starlette (≈70 ms): only for toolkit serve
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.middleware import Middleware
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, JSONResponse, Response
    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles

    desk = Desk(root.resolve())
    env = Environment(loader=FileSystemLoader(WEB / "templates"), autoescape=select_autoescape(["html"]))

    def ruby(text: str, glosses) -> Markup:
        """The received text with each glossed character's reading as ruby
        (a character glossed twice on a line, 行 xíng then háng, takes its
        readings in order)."""
        out, pending = [], list(glosses)
        for character in text:
            found = next((i for i, (han, _) in enumerate(pending) if han == character), None)
            if found is None:
                out.append(escape(character))
            else:
                out.append(Markup("<ruby>{}<rt>{}</rt></ruby>").format(
                    character, pending.pop(found)[1]))
        return Markup("").join(out)

    env.filters["ruby"] = ruby
    # (a list of values as one query parameter's pairs, for |urlencode)
    env.filters["as_param"] = lambda values, name: [(name, value) for value in values]

    def page(name: str, status: int = 200, **context) -> HTMLResponse:
        try:
            project = desk.project()
            publication, locales = project.publication, project.locales
            known_reviewer = reviewer(project)
        except ToolkitError as error:
            publication, locales, known_reviewer = "toolkit serve", (), ""
            context.setdefault("message", desk.said(error))
        html = env.get_template(name).render(
            token=desk.token, version=desk.version, root_name=desk.root.name, problem=desk.problem,
            reviewer=known_reviewer,
            publication=publication, locales=locales, **context)
        return HTMLResponse(html, status_code=status)

    def error_page(message: str, status: int) -> HTMLResponse:
        return page("error.html", status, message=message)

    async def index(request: Request):
        # (page work runs in a thread: the server answers other requests meanwhile)
        try:
            project = desk.project()
            listing = await run_in_threadpool(
                workbench.index, project, project.root / "dist",
                _page_number(request), request.query_params.get("q", ""))
        except ToolkitError as error:
            return error_page(desk.said(error), 500)
        except Exception as error:  # noqa: BLE001 - said on the page, the server lives on
            return error_page(_one_line(error), 500)
        return page("index.html", listing=listing, rows=listing.rows,
                    failed=[desk.said(line) for line in listing.failed])

    def known(project, slug: str, locale: str | None = None, edition: str | None = None) -> bool:
        return (slug in workbench.articles(project)
                and (locale is None or locale in project.locales)
                and (edition is None or edition in {e.name for e in
                                                    project_editions(project.locales)}))

    async def article(request: Request):
        slug = request.path_params["slug"]
        try:
            project = desk.project()
            locale = request.query_params.get("locale") or project.locales[0]
            shown = request.query_params.get("edition") or locale
            if not known(project, slug, locale, shown):
                return error_page(f"no article {slug!r} with locale {locale!r} and edition "
                                  f"{shown!r} in this project", 404)
            review = await run_in_threadpool(_review, project, slug, locale, request)
        except ToolkitError as error:
            return error_page(desk.said(error), 500)
        except Exception as error:  # noqa: BLE001 - said on the page, the server lives on
            return error_page(_one_line(error), 500)
        pdf = desk.preview_path(slug, shown)
        stamp, pages = _preview_stamp(pdf)
        return page("review.html", review=review, shown=shown, pages=pages, checks=list(CHECKS),
                    review_required=project.require_review,
                    preview_stamp=stamp, catalog_stamp=workbench.article_stamp(project, slug, locale),
                    preview_error=None if pdf.is_file() else desk.problem)

    def preview_file(request: Request) -> Path | Response:
        """The preview PDF a request names by article and edition, or the
        response refusing it."""
        slug, edition = request.path_params["slug"], request.path_params["edition"]
        try:
            if not known(desk.project(), slug, edition=edition):
                return Response("no such preview", status_code=404)
        except ToolkitError as error:
            return Response(desk.said(error), status_code=500)
        return desk.preview_path(slug, edition)

    async def preview_png(request: Request):
        pdf = preview_file(request)
        if isinstance(pdf, Response):
            return pdf
        number = request.path_params["page"]
        data = _page_png(pdf, number, pdf.stat().st_mtime_ns if pdf.is_file() else 0)
        if data is None:
            return Response("no such page", status_code=404)
        return Response(data, media_type="image/png", headers={"Cache-Control": "no-store"})

    async def preview_pdf(request: Request):
        pdf = preview_file(request)
        if isinstance(pdf, Response):
            return pdf
        if not pdf.is_file():
            return Response("not built yet", status_code=404)
        return Response(pdf.read_bytes(), media_type="application/pdf",
                        headers={"Cache-Control": "no-store"})

    async def state(request: Request):
        """The desk's version and last problem; with ``slug``, ``locale`` and
        ``edition``, what the article's page needs to follow the disk without
        reloading: its preview's stamp and pages, and its files' stamp."""
        answer = {"version": desk.version, "problem": desk.problem}
        slug, locale = request.query_params.get("slug"), request.query_params.get("locale")
        edition = request.query_params.get("edition")
        if slug and locale and edition:
            try:
                project = desk.project()
                if known(project, slug, locale, edition):
                    stamp, pages = _preview_stamp(desk.preview_path(slug, edition))
                    answer.update(preview={"stamp": stamp, "pages": pages},
                                  catalog=workbench.article_stamp(project, slug, locale))
            except ToolkitError:
                pass  # (the problem line says it)
        return JSONResponse(answer)

    rows_template = env.from_string('{% from "row.html" import segment_row with context %}'
                                    '{{ segment_row(row, review) }}')
    findings_template = env.from_string('{% from "row.html" import findings %}'
                                        '{{ findings(found) }}')

    async def rows(request: Request):
        """The rows of a review page as they are now (the page merges them:
        the rows it has, changed on disk, and segments added or gone)."""
        slug, locale = request.query_params.get("slug", ""), request.query_params.get("locale", "")
        try:
            project = desk.project()
            if not known(project, slug, locale):
                return JSONResponse({"error": "no such article or locale"}, status_code=404)
            review = await run_in_threadpool(_review, project, slug, locale, request)
            stamp = workbench.article_stamp(project, slug, locale)
        except ToolkitError as error:
            return JSONResponse({"error": desk.said(error)}, status_code=500)
        except Exception as error:  # noqa: BLE001 - the page always gets JSON it can show
            return JSONResponse({"error": _one_line(error)}, status_code=500)
        return JSONResponse({"catalog": stamp, "rows": [
            {"key": row.key, "fingerprint": row.fingerprint, "state": row.state,
             "html": rows_template.render(row=row, review=review)} for row in review.rows]})

    async def check(request: Request):
        """The findings a text would draw, before it is saved (the page asks
        as the translator writes, and before a save as translated)."""
        body = await _json_body(request)
        if isinstance(body, Response):
            return body
        try:
            fields = [body[name] for name in ("slug", "locale", "key", "text")]
            if not all(isinstance(value, str) for value in fields):
                raise TypeError
        except (KeyError, TypeError):
            return JSONResponse({"error": "a check needs slug, locale, key and text, as strings"},
                                status_code=400)
        try:
            project = desk.project()
            if not known(project, fields[0], fields[1]):
                return JSONResponse({"error": "no such article or locale"}, status_code=404)
            found = await run_in_threadpool(workbench.check_text, project, *fields)
        except ToolkitError as error:
            return JSONResponse({"error": desk.said(error)}, status_code=400)
        except Exception as error:  # noqa: BLE001 - the page always gets JSON it can show
            return JSONResponse({"error": _one_line(error)}, status_code=500)
        return JSONResponse({"errors": sum(1 for f in found if f[1] == "error"),
                             "findings": findings_template.render(found=found),
                             "list": [list(f) for f in found]})

    async def locate(request: Request):
        """The preview page that holds a segment (the page follows the box
        being edited): its translation, else its Simplified text, found in
        the preview's text."""
        slug, edition = request.query_params.get("slug", ""), request.query_params.get("edition", "")
        locale, key = request.query_params.get("locale", ""), request.query_params.get("key", "")
        try:
            project = desk.project()
            if not known(project, slug, locale, edition):
                return JSONResponse({"page": None})
            texts = await run_in_threadpool(workbench.segment_texts, project, slug, locale, key)
        except Exception:  # noqa: BLE001 - no page to show is no error
            return JSONResponse({"page": None})
        pdf = desk.preview_path(slug, edition)
        stamp, _ = _preview_stamp(pdf)
        pages = _page_texts(pdf, stamp)
        for text in texts:
            wanted = "".join(text.split())[:24]
            for number, page_text in enumerate(pages, 1):
                if wanted and wanted in page_text:
                    return JSONResponse({"page": number})
        return JSONResponse({"page": None})

    async def search(request: Request):
        query = request.query_params.get("q", "")
        try:
            project = desk.project()
            locale = request.query_params.get("locale") or project.locales[0]
            if locale not in project.locales:
                return error_page(f"no locale {locale!r} in this project", 404)
            found = await run_in_threadpool(workbench.search, project, locale, query,
                                            SEARCH_LIMIT)
        except ToolkitError as error:
            return error_page(desk.said(error), 500)
        except Exception as error:  # noqa: BLE001 - said on the page, the server lives on
            return error_page(_one_line(error), 500)
        return page("search.html", query=query, locale=locale, found=found, limit=SEARCH_LIMIT)

    async def _json_body(request: Request):
        """A write request's JSON, or the answer refusing it (no token, too
        big, not flat JSON)."""
        if not secrets.compare_digest(request.headers.get("x-toolkit-token", ""), desk.token):
            return JSONResponse({"error": "refused: this request does not carry the session's "
                                          "token (reload the page)"}, status_code=403)
        data = b""
        async for chunk in request.stream():
            data += chunk
            if len(data) > MAX_BODY:
                return JSONResponse({"error": f"a request is at most {MAX_BODY} bytes"},
                                    status_code=413)
        try:
            body = json.loads(data)
            if not isinstance(body, dict):
                raise ValueError
            return body
        except (ValueError, RecursionError):
            return JSONResponse({"error": "not a JSON object"}, status_code=400)

    async def save(request: Request):
        body = await _json_body(request)
        if isinstance(body, Response):
            return body
        try:
            fields = [body[name] for name in ("slug", "locale", "key", "text", "state",
                                              "expected")]
            extra = [body.get(name, "") for name in ("name", "edition")]
            if not all(isinstance(value, str) for value in [*fields, *extra]):
                raise ValueError
        except (ValueError, KeyError, TypeError, RecursionError, AttributeError):
            return JSONResponse({"error": "a save needs slug, locale, key, text, state and "
                                          "expected, as strings"}, status_code=400)
        name, edition = extra
        slug, locale, key = fields[:3]
        try:
            project = desk.project()
            if not known(project, slug, locale):
                return JSONResponse({"error": f"no article {slug!r} in locale {locale!r} in "
                                              "this project"}, status_code=400)
            if fields[4] != "fuzzy" and body.get("checked") is not True:
                # A check error asks first (the page offers fuzzy instead):
                # nothing is written until the translator says so.
                found = await run_in_threadpool(workbench.check_text, project, slug, locale,
                                                key, fields[3])
                if any(severity == "error" for _, severity, _ in found):
                    return JSONResponse({"ask": True,
                                         "findings": findings_template.render(found=found)},
                                        status_code=422)
            new_state, fingerprint = await run_in_threadpool(
                workbench.save, project, *fields, name)
        except ChangedOnDisk as error:
            # Both texts, so the page can show them side by side and let the
            # translator keep theirs, take the other, or merge.
            try:
                theirs = await run_in_threadpool(workbench.current, project, slug, locale, key)
                theirs["diff"] = workbench.diff(fields[3], theirs["text"])
            except Exception:  # noqa: BLE001 - the refusal stands without the other text
                theirs = None
            return JSONResponse({"error": desk.said(error), "theirs": theirs}, status_code=409)
        except ToolkitError as error:
            return JSONResponse({"error": desk.said(error)}, status_code=400)
        except Exception as error:  # noqa: BLE001 - the page always gets JSON it can show
            return JSONResponse({"error": _one_line(error)}, status_code=500)
        # Answered now; the drafts follow in the background, the edition on
        # screen first, and the page swaps its preview in when it is ready.
        shown = edition if edition in {e.name for e in project_editions(project.locales)} \
            else locale
        desk.rebuild_soon((slug, shown))
        try:
            found = await run_in_threadpool(workbench.segment_findings, project, slug, locale,
                                            key)
        except Exception:  # noqa: BLE001 - the save stands; the row's findings follow later
            found = []
        return JSONResponse({"state": new_state, "fingerprint": fingerprint,
                             "catalog": workbench.article_stamp(project, slug, locale),
                             "findings": findings_template.render(found=found)})

    @contextlib.asynccontextmanager
    async def lifespan(app):
        # lazy: anyio (≈12 ms): only for toolkit serve
        import anyio

        stop = anyio.Event()
        # The first drafts are made while the server already answers (a desk of
        # a hundred articles takes a while): pages show "no preview yet" and
        # reload themselves when one is ready. (In a daemon thread, not a task:
        # a shutdown waits for no build.)
        desk.rebuild_soon()
        async with anyio.create_task_group() as tasks:
            if watch:
                tasks.start_soon(_watch, desk, stop)
            yield
            stop.set()  # the watcher notices within its timeout

    routes = [
        Route("/", index),
        Route("/article/{slug}", article),
        Route("/preview/{slug}/{edition}/{page:int}.png", preview_png),
        Route("/preview/{slug}/{edition}.pdf", preview_pdf),
        Route("/api/state", state),
        Route("/api/rows", rows),
        Route("/api/check", check, methods=["POST"]),
        Route("/search", search),
        Route("/api/locate", locate),
        Route("/api/save", save, methods=["POST"]),
        Mount("/static", StaticFiles(directory=WEB / "static"), name="static"),
    ]
    hosts = {*(names or ()), *LOOPBACK_NAMES, host.strip("[]")}
    app = Starlette(routes=routes, lifespan=lifespan,
                    middleware=[Middleware(Gate, desk=desk, hosts=hosts)])
    app.state.desk = desk
    return app


#: What a change of rebuilds the preview: sources, catalogs, templates and the
#: settings (not .venv/, .git/ nor dist/: thousands of inotify watches on a
#: big checkout).
WATCHED = ("sources", "locales", "templates", "toolkit.toml")


def _watched(project_root: Path):
    """Of the changes under :data:`WATCHED`, those that matter: never the
    toolkit's own temporary and lock files."""

    def wanted(change, path: str) -> bool:
        relative = Path(path).relative_to(project_root)
        name = relative.name
        if name.startswith(".") or name.endswith((".tmp", ".lock")):
            return False
        return relative.parts[0] in WATCHED

    return wanted


async def _watch(desk: Desk, stop) -> None:
    # lazy: watchfiles: only for toolkit serve
    from watchfiles import awatch

    watched = [desk.root / name for name in WATCHED if (desk.root / name).exists()]
    if not watched:
        return
    sources = desk.root / "sources"
    async for changes in awatch(*watched, watch_filter=_watched(desk.root), debounce=300,
                                recursive=True, stop_event=stop, rust_timeout=200):
        # (a source's slug and its sidecar's are the name before the first dot)
        slugs = {Path(path).name.split(".", 1)[0] for _, path in changes
                 if Path(path).parent == sources}
        with desk._pending:
            desk.changed_slugs |= slugs
        desk.rebuild_soon()


def _preview_stamp(pdf: Path) -> tuple[str, int]:
    """(the preview file's modification time, its pages): what the page
    watches to swap its preview in ("0", 0 when there is none yet). A string:
    nanoseconds are past the integers a browser's numbers hold exactly."""
    try:
        stamp = str(pdf.stat().st_mtime_ns)
    except OSError:
        return "0", 0
    return stamp, _page_count(pdf, stamp)


@functools.lru_cache(maxsize=64)
def _page_count(pdf: Path, stamp: str) -> int:
    """The pages of a preview, counted once per file version (each open page
    asks for it every second)."""
    if not pdf.is_file():
        return 0
    # lazy: pdfium (≈35 ms): only when a page is drawn as an image
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf.read_bytes())
    try:
        return len(document)
    finally:
        document.close()


@functools.lru_cache(maxsize=16)
def _page_texts(pdf: Path, stamp: str) -> tuple[str, ...]:
    """Each page's text of a preview, without whitespace (per file version)."""
    if stamp == "0":
        return ()
    # lazy: pdfium (≈35 ms): only when a preview is read
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf.read_bytes())
    try:
        return tuple("".join(page.get_textpage().get_text_range().split()) for page in document)
    finally:
        document.close()


@functools.lru_cache(maxsize=64)
def _page_png(pdf: Path, number: int, stamp: int) -> bytes | None:
    """Page ``number`` (from 1) of a preview as PNG (cached per file version)."""
    if not stamp:
        return None
    # lazy: pdfium (≈35 ms): only when a page is drawn as an image
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf.read_bytes())
    try:
        if not 1 <= number <= len(document):
            return None
        image = document[number - 1].render(scale=PAGE_SCALE).to_pil()
        out = io.BytesIO()
        image.save(out, format="PNG")
        return out.getvalue()
    finally:
        document.close()


def serve(root: Path, host: str = "127.0.0.1", port: int = 8000,
          names: tuple[str, ...] = ()) -> None:
    """Serve the desk until Ctrl-C (``host`` other than loopback: the caller
    has the owner's word for it, see ``--allow-remote``)."""
    # lazy: uvicorn (≈70 ms): only for toolkit serve
    import uvicorn

    app = create_app(root, host, names=names)
    shown = f"[{host}]" if ":" in host else host
    print(f"toolkit serve: http://{shown}:{port}/?token={app.state.desk.token} "
          "(open this link; Ctrl-C stops)", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
