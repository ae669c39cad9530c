"""The article record shared by readers, the library store, analysis and the UI."""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import asdict, dataclass, field


@dataclass
class Article:
    """One news article as read from a file or a table row.

    `body` is the text without the title line. Analysis runs on `full_text()`
    (title, blank line, body) and every span it stores refers to that string.
    """

    title: str
    body: str
    date: str | None = None  # ISO YYYY-MM-DD, or None when unknown
    lang: str = "other"  # kk | ru | other
    source: str | None = None  # outlet/agency, e.g. "Kazinform"
    author: str | None = None
    dateline_city: str | None = None
    credited_to: str | None = None  # "пишет Акорда": the outlet the text credits
    url: str | None = None
    origin: str = ""  # where it came from: path, or path::member / path#row
    extra: dict = field(default_factory=dict)

    def full_text(self) -> str:
        return f"{self.title}\n\n{self.body}" if self.title else self.body

    def content_hash(self) -> str:
        """Identity by content: the same article imported twice is stored once."""
        norm = unicodedata.normalize("NFC", f"{self.title}\n{self.body}")
        norm = " ".join(norm.split()).casefold()
        return hashlib.blake2b(norm.encode("utf-8"), digest_size=16).hexdigest()

    def to_dict(self) -> dict:
        return asdict(self)
