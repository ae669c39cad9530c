"""Pure-Python domain: articles, filters, queries, briefings. Never imports Qt."""
