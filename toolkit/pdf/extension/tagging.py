"""HTML ``lang`` attributes → ``/Lang`` on the PDF's structure elements.

WeasyPrint 70 tags a PDF (PDF/UA-1) with the document's language in the
catalog only: the English of the bilingual edition, and any Chinese in the
English edition, are read aloud in the document's language. PDF/UA asks
for every change of natural language to be marked (ISO 14289-1 7.2; ISO
32000-1 14.9.2.2: ``/Lang`` on a structure element). Here every structure
element made for an element that carries its own ``lang`` attribute gets
that language as ``/Lang``: its descendants inherit it, and an element
nested inside with another ``lang`` gets its own. The root's language stays
in the catalog's ``/Lang``, as upstream writes it.

Called by :func:`toolkit.pdf.extension.install`, after it verified the
wrapped function.
"""

from __future__ import annotations

#: Boxes whose structure elements upstream does not make (their children's
#: elements are passed up): their ``lang`` is the document's.
_PASSED_THROUGH = {"html", "body"}


def patch(tags) -> None:
    original = tags._build_box_tree

    # Upstream recurses through the module's name, so nested boxes come here too.
    def _build_box_tree(box, parent, pdf, page_number, nums, annotations, tags_):
        lang = element_language(box)
        for element in original(box, parent, pdf, page_number, nums, annotations, tags_):
            if lang and "Lang" not in element:
                element["Lang"] = _pdf_string(lang)
            yield element

    tags._build_box_tree = _build_box_tree


def element_language(box) -> str | None:
    """The ``lang`` attribute of the element ``box`` was made for, when
    its structure elements are its own (not the root's, not a page's)."""
    element = getattr(box, "_box", box).element  # an absolute box's placeholder
    if element is None or getattr(box, "element_tag", None) in _PASSED_THROUGH:
        return None
    return element.get("lang") or None


def _pdf_string(text: str):
    # lazy: pydyf comes with WeasyPrint, imported only when pages are drawn
    import pydyf

    return pydyf.String(text)
