"""Search benches: words with their inflected forms, names in any script, field names.

Every timing is cold for the search itself: the library's search cache (results and the
word forms read from the FTS5 vocabulary) is cleared before each run, so a row shows
what typing a new word costs. Targets from quality.md: ≤ 15 ms for a typical term at
100k, ≤ 60 ms for a very common one (the 10k rows show growth).
"""

from __future__ import annotations

from bench.registry import Context, bench

# (label, typed text, target ms, what the row shows)
QUERIES = (
    ("kk name Тоқаев (forms + person tag)", "Тоқаев", 15),
    ("ru name Токаев (forms + person tag)", "Токаев", 15),
    ("Latin name Tokayev (person tag)", "Tokayev", 15),
    ("Latin kk Qazaqstan (country tag, ~all rows)", "Qazaqstan", 60),
    ("country Өзбекстан (forms + country tag)", "Өзбекстан", 15),
    ("country Узбекистан (forms + country tag)", "Узбекистан", 15),
    ("inflected kk word сауда (forms)", "сауда", 15),
    ("inflected ru word сотрудничество (forms)", "сотрудничество", 15),
    ("very common word және (forms)", "және", 60),
    ("name + word Tokayev сапар", "Tokayev сапар", 15),
    ("org Shanghai Cooperation Organisation", "Shanghai Cooperation Organisation", 15),
    ('exact phrase "Орталық Азия" (no forms)', '"Орталық Азия"', 15),
    # the same run's reference: what these cost before forms and names (quoted = exact)
    ("reference: exact word \"Тоқаев\" (no forms/names)", '"Тоқаев"', 15),
    ("reference: prefix Өзбекстан* (no forms/names)", "Өзбекстан*", 15),
)


@bench("search", order=35)
def search_forms_and_names(ctx: Context) -> None:
    from desktop.core.query import Filter, parse_query
    from desktop.corpus.library import Library

    if not (ctx.library / ".bench-complete").exists():
        ctx.record("search (no imported library: run the library group)", 0, "ms")
        return
    with Library.open(ctx.library) as lib:
        lib.catalog()
        lib.search("Tokayev")  # loads the name index once (≈ 0.06 s, at the first search)
        for label, text, target in QUERIES:
            fq = Filter(text=text)

            def cold(fq=fq):
                lib.clear_search_cache()
                return lib.query(fq)

            hits = len(cold())
            ctx.record(f"search: {label}", ctx.median(cold, repeat=7) * 1e3, "ms",
                       target=target, note=f"{hits} hits")
        t = ctx.median(lambda: lib.query(Filter(text="Тоқаев")), repeat=20)
        ctx.record("search: repeated (cached) Тоқаев", t * 1e3, "ms",
                   note="typing on: the same text again is served from the cache")
        res = lib.value_resolver()
        q = "country:Өзбекстан sector:сауда person:Токаев org:ШОС partner:Turkey"
        ctx.record("parse fields given as names (5 fields)",
                   ctx.median(lambda: parse_query(q, res), repeat=20) * 1e3, "ms")
        ids = lib.search_ids("Тоқаев")[:40]

        def snippets():
            lib.clear_search_cache()
            return lib.snippets(ids, "Тоқаев")

        ctx.record("snippets for 40 rows (Тоқаев)", ctx.median(snippets, repeat=5) * 1e3,
                   "ms", note="one screenful of the snippet column")
