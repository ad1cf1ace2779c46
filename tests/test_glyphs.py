"""No glyph of the sample's PDFs moves by more than 0.05 pt (see glyphs.py)."""
import json

import pytest

from glyphs import EDITIONS, FIXTURES, SLUG, glyphs

TOLERANCE = 0.05


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_glyph_stays_where_it_was(built, edition):
    expected = json.loads((FIXTURES / f"{edition}.json").read_text(encoding="utf-8"))
    found = glyphs(built / f"{SLUG}.{edition}.pdf")
    assert len(found) == len(expected)
    for got, want in zip(found, expected):
        assert got[:2] == want[:2], (got, want)
        assert abs(got[2] - want[2]) <= TOLERANCE and abs(got[3] - want[3]) <= TOLERANCE, (got, want)
        assert abs(got[4] - want[4]) <= TOLERANCE, (got, want)
