"""Article + edition → HTML (Jinja2 with the i18n extension, autoescape on).

The article's own text comes from the Simplified document (Chinese edition)
or its catalog (English edition); template labels are written in Simplified
Chinese in the templates and translated through the ``labels`` domain.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from toolkit import cache as private_cache
from toolkit.editions import Edition
from toolkit.errors import ConfigError
from toolkit.render.fit import banner, cut_at_word
from toolkit.render.filters import css_counter_content, fill, han_latin_spacing, keep_tail, tidy
from toolkit.render.labels import BASE_TEMPLATE, Labels, not_text
from toolkit.render.words import chinese_paragraph, chinese_text, headline


def make_environment(templates_dir: Path, labels: Labels | None = None,
                     translation: Labels | None = None):
    """A Jinja2 environment whose ``_`` translates labels into the edition's
    language (``labels``; none for the Chinese and paired editions, whose
    labels are the Chinese they are written in) and ``tr_`` into the
    translation's (the paired edition shows both)."""
    # lazy: Jinja2: only when templates are read
    import jinja2

    # Compiled templates are kept between runs (keyed by each template's
    # source), in a folder only this user can write: they are code.
    folder = private_cache.cache_dir("jinja")
    bytecode = _private_bytecode_cache(jinja2, folder) \
        if private_cache.private_folder(folder) else None
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        bytecode_cache=bytecode,
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    labels = labels or Labels()
    env.install_gettext_callables(labels.gettext, labels.ngettext, newstyle=False,
                                  pgettext=labels.pgettext, npgettext=labels.npgettext)
    env.globals["tr_"] = (translation or labels).gettext
    env.filters["css_counter_content"] = css_counter_content
    env.filters["fill"] = fill
    env.filters["tidy"] = tidy
    env.filters["han_latin_spacing"] = han_latin_spacing
    env.filters["keep_tail"] = keep_tail
    env.filters["chinese_text"] = chinese_text
    env.filters["chinese_paragraph"] = chinese_paragraph
    env.filters["headline"] = headline
    env.filters["cut_at_word"] = cut_at_word
    env.filters["banner"] = banner
    return env


def _private_bytecode_cache(jinja2, folder: Path):
    """Jinja2's bytecode cache (a pickle and marshal: code), each entry
    opened and checked on the open file before it is read
    (:func:`toolkit.cache.read_private`), never by path first as Jinja2's
    own FileSystemBytecodeCache does."""

    class PrivateBytecodeCache(jinja2.BytecodeCache):
        def _path(self, bucket) -> Path:
            return folder / f"__jinja2_{bucket.key}.cache"

        def load_bytecode(self, bucket) -> None:
            data = private_cache.read_private(self._path(bucket))
            if data is not None:
                bucket.bytecode_from_string(data)

        def dump_bytecode(self, bucket) -> None:
            private_cache.write_private(self._path(bucket), bucket.bytecode_to_string())

    return PrivateBytecodeCache()


def render_html(env, edition: Edition, context: dict) -> str:
    with _template_errors(env, edition.template):
        return template(env, edition.template).render(**context)


def template(env, name: str = BASE_TEMPLATE):
    """A template of the brief's design; a missing or malformed one (or one
    it extends or imports, loaded at render) is a :class:`ConfigError` with
    its file and line."""
    with _template_errors(env, name):
        return env.get_template(name)


@contextlib.contextmanager
def _template_errors(env, name: str):
    # lazy: Jinja2: only when templates are read
    import jinja2

    folder = Path(env.loader.searchpath[0])
    try:
        yield
    except jinja2.TemplateNotFound as exc:
        raise ConfigError("missing: a template of the brief's design",
                          str(folder / (exc.name or name))) from None
    except jinja2.TemplateSyntaxError as exc:
        raise ConfigError(f"template syntax: {exc.message}", exc.filename or str(folder / name),
                          exc.lineno) from None
    except jinja2.TemplateError as exc:  # an undefined variable, a filter's error at render
        path, line = _template_frame(exc.__traceback__, folder / name)
        raise ConfigError(f"template: {exc.message or type(exc).__name__}", path, line) from None
    except UnicodeDecodeError as exc:  # a template that is not text
        path, _ = _template_frame(exc.__traceback__, folder / name)
        raise not_text(exc, path) from None
    except Exception as exc:  # noqa: BLE001 - only what a template's own code raised
        path, line = _template_frame(exc.__traceback__, folder / name)
        if line is None:  # not the template's doing
            raise
        raise ConfigError(f"template: {type(exc).__name__}: {exc}", path, line) from None


def _template_frame(traceback, fallback: Path) -> tuple[str, int | None]:
    """The template file (and line) an error at render comes from: Jinja2
    gives template code its file name; its loader has the file it read."""
    found: tuple[str, int | None] = (str(fallback), None)
    while traceback is not None:
        frame = traceback.tb_frame
        if frame.f_code.co_filename.endswith((".html", ".css", ".j2")):
            found = (frame.f_code.co_filename, traceback.tb_lineno)
        elif frame.f_code.co_name == "get_source" and isinstance(frame.f_locals.get("filename"),
                                                                 str):
            found = (frame.f_locals["filename"], None)
        traceback = traceback.tb_next
    return found
