"""Random bytes under any supported name never crash or hang the reader: an article or a reason."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.article import Article
from desktop.corpus import ReaderError
from desktop.corpus.readers import Skipped, read_paths
from desktop.corpus.textformat import parse_text_article

EXTENSIONS = [".txt", ".md", ".csv", ".tsv", ".json", ".jsonl", ".zip", ".parquet", ".xlsx"]
# Bytes that look a little like each format, so the fuzzer gets past the first check.
PREFIXES = [b"", b"PK\x03\x04", b"PAR1", b"title,text\n", b'{"articles": [', b"\xef\xbb\xbf"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    ext=st.sampled_from(EXTENSIONS),
    prefix=st.sampled_from(PREFIXES),
    data=st.binary(max_size=2048),
)
def test_random_file_gives_articles_or_skips_never_an_exception(ext, prefix, data):
    with tempfile.TemporaryDirectory() as d:
        f = Path(d) / f"fuzz{ext}"
        f.write_bytes(prefix + data)
        skipped: list[Skipped] = []
        articles = list(read_paths([f], on_skip=skipped.append))
    assert all(isinstance(a, Article) for a in articles)
    assert all(isinstance(s, Skipped) and s.reason for s in skipped)
    assert articles or skipped
    assert not any(s.reason.startswith("unexpected error") for s in skipped), skipped


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=3000))
def test_parse_text_article_returns_an_article_or_the_typed_error(text):
    try:
        a = parse_text_article(text, "x.txt")
    except ReaderError:
        return
    assert isinstance(a, Article) and a.lang in ("kk", "ru", "other")
    assert a.date is None or len(a.date) == 10
