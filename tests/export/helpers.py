"""Small fixtures for export tests: stored articles built by hand, PDF text and outline."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.analysis.model import Analysis, Figure, Quote, Tag
from desktop.core.article import Article


@dataclass
class StoredArticle:
    """The fields of desktop.corpus.library.StoredArticle that export reads (no library)."""

    id: int
    article: Article
    analysis: Analysis
    content_hash: str = ""
    tags: dict = field(default_factory=dict)


KK_LETTERS = "ә ғ қ ң ө ұ ү һ і".split()

KK_BODY = (
    "АСТАНА. KAZINFORM — Қазақстан мен Өзбекстан арасындағы тауар айналымы 2025 жылы "
    "4,5 млрд долларға жетті, һәр тонна 1 200 ₸ — «жаңа» №5 ұлттық келісім.\n"
    "Тараптар көлік-логистика, энергетика және ауыл шаруашылығы салаларындағы "
    "жобаларды талқылады. Үкімет өңірлік ынтымақтастықты күшейтуге шешім қабылдады."
)
RU_BODY = (
    "ТАШКЕНТ. КазТАГ — Товарооборот между Казахстаном и Узбекистаном в 2025 году достиг "
    "4,5 млрд долларов. Стороны подписали соглашения на 1,7 млрд долларов.\n"
    "«Мы выходим на новый уровень», — заявил президент. Ёмкость рынка растёт — №1 в регионе."
)


def stored(i: int, title: str, body: str, *, lang: str = "ru", date: str = "2025-11-15",
           source: str = "Kazinform", sectors=("trade",), countries=("UZ", "KZ"),
           people=("tokayev",), url: str | None = None) -> StoredArticle:
    a = Article(title=title, body=body, date=date, lang=lang, source=source, url=url)
    an = Analysis(
        lang=lang,
        countries=[Tag("country", c, c, home=(c == "KZ")) for c in countries],
        sectors=[Tag("sector", s, s.title()) for s in sectors],
        people=[Tag("person", p, p.title()) for p in people],
        figures=[Figure("4,5 млрд", 4.5e9, "money", currency="USD", sentence=body[:80])],
        quotes=[Quote("Мы выходим на новый уровень", "tokayev", "президент")],
    )
    return StoredArticle(id=i, article=a, analysis=an, content_hash=f"h{i:04d}")


def sample_articles() -> list[StoredArticle]:
    return [
        stored(1, "Қазақстан мен Өзбекстан тауар айналымын арттырады", KK_BODY, lang="kk",
               source="Kazinform", sectors=("trade", "energy")),
        stored(2, "Казахстан и Узбекистан подписали соглашения на 1,7 млрд долларов", RU_BODY,
               date="2025-11-14", source="КазТАГ", sectors=("investment",)),
        stored(3, "Энергетика: новые проекты", RU_BODY, date="2025-11-16", source="Tengrinews",
               sectors=("energy",), countries=("KZ",)),
    ]


def pdf_text(data: bytes) -> str:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()


def pdf_info(data: bytes) -> tuple[int, dict, list[str]]:
    """(pages, metadata, outline titles)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        return len(pdf), pdf.get_metadata_dict(), [b.get_title() for b in pdf.get_toc()]
    finally:
        pdf.close()


def squash(text: str) -> str:
    """Extracted text without line breaks/hyphen joins, for substring checks."""
    return " ".join(text.replace("\r", " ").replace("\n", " ").replace("\ufffe", "").split())


def sample_briefing(lang: str = "en"):
    """A briefing proposed from sample_articles(), with the user's fields filled in."""
    from desktop.core.briefing import Briefing, propose

    b = Briefing(
        title="Мемлекеттік сапар: Өзбекстан, 14–16 қараша 2025", event_start="2025-11-14",
        event_end="2025-11-16", place="Ташкент", partners=["UZ"], audience="Делегация",
        author="А. Серікбаева", unit="Азия департаменті", classification="restricted",
        lang=lang, prepared_on="2025-11-12",
        objectives="Тауар айналымын 10 млрд долларға жеткізу.\n- Келісімге қол қою\n- Су мен энергетика",
        key_messages="- Стратегиялық серіктестік және одақтастық\n- Товарооборот растёт",
        background="Жоғары мемлекетаралық кеңестің екінші отырысы.",
        programme="- 14 қараша: келу\n- 15 қараша: кеңес",
    )
    return propose(b, sample_articles())
