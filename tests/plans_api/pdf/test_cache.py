"""Published versions' PDFs are kept in memory within a small bound, least recently asked for
out first."""

from __future__ import annotations

from plans_api.pdf.service import PdfCache


async def test_cache_keeps_the_most_recently_asked_versions_only() -> None:
    cache = PdfCache(size=2)
    cache.put((1, 1), b"plan 1 v1")
    cache.put((2, 1), b"plan 2 v1")
    assert cache.get((1, 1)) == b"plan 1 v1"
    cache.put((3, 1), b"plan 3 v1")
    assert cache.get((2, 1)) is None
    assert cache.get((1, 1)) == b"plan 1 v1"
    assert cache.get((3, 1)) == b"plan 3 v1"
    assert len(cache.entries) == 2
