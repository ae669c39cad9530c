"""Results of analysing one text. Every span is (start, end) into the analysed string."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

Span = tuple[int, int]


@dataclass
class Tag:
    """A country, sector, person or organisation found in a text, with its evidence."""

    kind: str  # "country" | "sector" | "person" | "org"
    id: str  # ISO code ("UZ"), sector id ("trade"), person/org canonical id ("tokayev", "ots")
    name: str = ""  # display name in English ("Uzbekistan", "Kassym-Jomart Tokayev")
    spans: list[Span] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)  # matched surface forms, deduplicated
    home: bool = False  # countries only: the configured home country


@dataclass
class Figure:
    text: str  # as written: "1,7 млрд доллар"
    value: float  # normalised: 1.7e9
    kind: str  # "money" | "count" | "percent"
    unit: str | None = None  # noun counted ("компания", "рабочих мест") or "%"
    currency: str | None = None  # ISO 4217 ("USD", "KZT") for money
    qualifier: str | None = None  # "more_than" | "less_than" | "about" | "up_to" | None
    span: Span = (0, 0)
    sentence: str = ""


@dataclass
class Quote:
    text: str
    speaker: str | None = None  # canonical person id when known, else None
    speaker_name: str | None = None  # as written in the text
    span: Span = (0, 0)


@dataclass
class Analysis:
    lang: str = "other"
    countries: list[Tag] = field(default_factory=list)
    sectors: list[Tag] = field(default_factory=list)
    people: list[Tag] = field(default_factory=list)
    orgs: list[Tag] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, d: dict) -> Analysis:
        def tags(key: str) -> list[Tag]:
            return [Tag(**{**t, "spans": [tuple(s) for s in t.get("spans", [])]}) for t in d.get(key, [])]

        return cls(
            lang=d.get("lang", "other"),
            countries=tags("countries"),
            sectors=tags("sectors"),
            people=tags("people"),
            orgs=tags("orgs"),
            figures=[Figure(**{**f, "span": tuple(f.get("span", (0, 0)))}) for f in d.get("figures", [])],
            quotes=[Quote(**{**q, "span": tuple(q.get("span", (0, 0)))}) for q in d.get("quotes", [])],
        )

    def tag_ids(self) -> dict[str, list[str]]:
        """Ids per facet, as stored in the library for filtering."""
        return {
            "country": [t.id for t in self.countries],
            "partner": [t.id for t in self.countries if not t.home],
            "sector": [t.id for t in self.sectors],
            "person": [t.id for t in self.people],
            "org": [t.id for t in self.orgs],
        }
