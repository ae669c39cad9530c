"""Segmenting and aligning a pair, in the window's process or in a child process (no Qt
here: the child imports only the core)."""

from __future__ import annotations

MAX_SEGMENTS = 4000  # segments aligned per side at most (the rest is shown unaligned)


def from_links(left: list, right: list, links: list):
    """An alignment from stored links, or None when they do not fit these segments (the
    texts changed, or another segmentation made them)."""
    from desktop.analysis.alignment import Alignment

    n_left, n_right = len(left), len(right)
    covered_l = sorted(i for link in links for i in link.left)
    covered_r = sorted(j for link in links for j in link.right)
    if covered_l != list(range(n_left)) or covered_r != list(range(n_right)):
        return None
    return Alignment(left=left, right=right, links=list(links))


def compute(left_text: str, right_text: str, left_lang: str, right_lang: str,
            glossary=None, links=None, max_segments: int = MAX_SEGMENTS):
    """Segments of both texts, linked: the stored links when they fit, else aligned.

    Raises AlignmentError (a ValueError with a message for the user)."""
    from desktop.analysis.alignment import Alignment, align, segment

    ls = segment(left_text, left_lang)[:max_segments]
    rs = segment(right_text, right_lang)[:max_segments]
    al = from_links(ls, rs, links) if links else None
    if al is None:
        al = align(ls, rs, left_lang=left_lang, right_lang=right_lang, glossary=glossary)
    assert isinstance(al, Alignment)
    return al


def run(conn, left_text: str, right_text: str, left_lang: str, right_lang: str,
        glossary, links) -> None:
    """compute() in a child process; sends ("ok", Alignment) or ("error", message)."""
    try:
        conn.send(("ok", compute(left_text, right_text, left_lang, right_lang, glossary,
                                 links)))
    except ValueError as exc:  # AlignmentError: a message for the user
        conn.send(("error", str(exc)))
    except Exception as exc:  # noqa: BLE001 - reported to the window, never raised there
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()
