"""PDF → PNG of its first page (pypdfium2), for looking at a brief without a
PDF viewer: ``dist/<slug>.<edition>.png``."""

from __future__ import annotations

import io
from pathlib import Path

from toolkit.files import write_atomic

#: Pixels per PDF point: 1.5 gives an A4 page 893 × 1263 pixels.
SCALE = 1.5


def first_page_png(pdf: Path, target: Path, scale: float = SCALE) -> Path:
    # lazy: pdfium (≈35 ms): only when a page is drawn as an image
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        image = document[0].render(scale=scale).to_pil()
    finally:
        document.close()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    write_atomic(target, buffer.getvalue())
    return target
