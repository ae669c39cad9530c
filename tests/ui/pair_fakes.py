"""A small in-memory library with pairing and pins, for the reading pair's tests."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.analysis.model import Analysis, Figure, Tag
from desktop.core.article import Article
from desktop.corpus.library import StoredArticle
from desktop.ui.reading.backend import Found, PairBackend

KK = [
    "Мемлекет басшысы Қасым-Жомарт Тоқаев Ташкентке барды.",
    "Президент Шавкат Мирзиёевпен кездесті.",
    "Екі ел арасындағы тауар айналымы 4,5 млрд долларға жетті.",
    "Тараптар көлік дәлізін дамыту туралы келісімге қол қойды.",
    "Сапар екі күнге созылады.",
]
RU = [
    "Глава государства Касым-Жомарт Токаев прибыл в Ташкент.",
    "Президент встретился с Шавкатом Мирзиёевым.",
    "Товарооборот между двумя странами достиг 4,7 млрд долларов.",
    "Стороны подписали соглашение о развитии транспортного коридора.",
    "Визит продлится два дня.",
]


@dataclass
class Cand:
    id: int
    score: float
    relation: str
    reasons: list[str] = field(default_factory=list)
    pinned: bool = False


@dataclass
class Pin:
    a: int
    b: int | None
    links: list | None = None


@dataclass
class Mism:
    kind: str
    side: str
    left: str | None
    right: str | None
    link: int | None
    note: str = ""


def _analysis(text: str, lang: str) -> Analysis:
    an = Analysis(lang=lang)
    for word, kind, key in (("Тоқаев", "person", "tokayev"), ("Токаев", "person", "tokayev"),
                            ("Ташкент", "country", "UZ")):
        i = text.find(word)
        if i >= 0:
            tag = Tag(kind, key, key, [(i, i + len(word))], [word])
            (an.people if kind == "person" else an.countries).append(tag)
    for fig in ("4,5 млрд", "4,7 млрд"):
        i = text.find(fig)
        if i >= 0:
            an.figures.append(Figure(fig, 4.5e9, "money", span=(i, i + len(fig))))
    return an


def stored(aid: int, title: str, sentences: list[str], lang: str, *, para: bool = True):
    body = ("\n" if para else " ").join(sentences)
    art = Article(title=title, body=body, date="2025-11-16", lang=lang, source="Test")
    return StoredArticle(id=aid, article=art, analysis=_analysis(art.full_text(), lang))


class FakeLibrary:
    def __init__(self) -> None:
        self.articles = {
            1: stored(1, "Тоқаев Ташкентте", KK, "kk"),
            3: stored(3, "Токаев в Ташкенте", RU, "ru"),
            4: stored(4, "Другая новость", ["Погода в Астане солнечная.", "Ветер слабый."],
                      "ru"),
            7: stored(7, "Жалғыз мақала", ["Бұл мақаланың аудармасы жоқ."], "kk"),
        }
        self.pins: dict[int, Pin] = {}
        self.saved: dict[tuple[int, int], list] = {}
        self.auto = {1: [Cand(3, 0.93, "translation", ["shared people: Tokayev"]),
                         Cand(4, 0.2, "same_event", ["same day"])],
                     3: [Cand(1, 0.93, "translation", ["shared people: Tokayev"])],
                     4: [Cand(1, 0.2, "same_event", [])], 7: []}

    def get(self, aid: int) -> StoredArticle:
        return self.articles[aid]

    def counterparts(self, aid: int, top: int = 5) -> list[Cand]:
        out = list(self.auto.get(aid, []))
        pin = self.pin_of(aid)
        if pin is not None:
            if pin.b is None:
                return []
            other = pin.b if pin.a == aid else pin.a
            out = [Cand(other, 1.0, "translation", ["pinned"], True)] + \
                [c for c in out if c.id != other]
        return out[:top]

    def pin_pair(self, a: int, b: int) -> None:
        for x in (a, b):
            self.pins.pop(x, None)
        self.pins[a] = self.pins[b] = Pin(a, b, self.saved.get((a, b)))

    def unpin(self, a: int) -> None:
        pin = self.pins.pop(a, None)
        if pin is not None and pin.b is not None:
            self.pins.pop(pin.b if pin.a == a else pin.a, None)

    def set_no_counterpart(self, a: int) -> None:
        self.unpin(a)
        self.pins[a] = Pin(a, None)

    def pin_of(self, a: int) -> Pin | None:
        return self.pins.get(a)

    def save_links(self, a: int, b: int, links: list) -> None:
        if (self.pin_of(a) or Pin(a, None)).b != b:
            self.pin_pair(a, b)
        self.saved[(a, b)] = list(links)
        pin = self.pins.get(a)
        if pin is not None:
            pin.links = list(links)


class FakeBackend(PairBackend):
    """The real alignment, fake library, a fixed figure mismatch, no user glossary file."""

    def __init__(self, library: FakeLibrary | None = None) -> None:
        super().__init__(library or FakeLibrary())
        self.glossary_pairs: list[tuple[str, str]] = [("тауар айналымы", "товарооборот")]

    def search(self, article_id: int, text: str, lang: str | None,
               limit: int = 50) -> list[Found]:
        out = []
        for aid, st in self.library.articles.items():
            if (not lang or st.article.lang == lang) and text.casefold() in \
                    st.article.full_text().casefold():
                out.append(Found(aid, st.article.title, st.article.lang, st.article.date))
        return out

    def mismatches(self, left_text, right_text, left_an, right_an, alignment) -> list:
        if alignment is None:
            return []
        k = next((i for i, lk in enumerate(alignment.links) if 3 in lk.left), None)
        if "4,5 млрд" in left_text and "4,7 млрд" in right_text:
            return [Mism("figure", "both", "4,5 млрд", "4,7 млрд", k)]
        return []

    def glossary(self):
        return _Glossary(self.glossary_pairs)


class _Glossary:
    """Like analysis.glossary.Glossary: add_pair returns the inverse; undo(inverse)."""

    def __init__(self, pairs: list) -> None:
        self.pairs = pairs

    def matches(self, left: str, right: str, *, left_lang: str = "kk") -> list:
        return [(k, r) for k, r in self.pairs
                if k.casefold() in left.casefold() and r.casefold() in right.casefold()]

    def add_pair(self, kk: str, ru: str) -> tuple:
        if (kk, ru) in self.pairs:
            raise ValueError("This pair is already in your glossary.")
        self.pairs.append((kk, ru))
        return ("remove", kk, ru)

    def undo(self, inverse: tuple) -> tuple:
        op, kk, ru = inverse
        if op == "remove":
            self.pairs.remove((kk, ru))
            return ("add", kk, ru)
        self.pairs.append((kk, ru))
        return ("remove", kk, ru)


def shown_view(qtbot, lib: FakeLibrary, settings=None, size: tuple[int, int] = (1200, 500)):
    """A reading pair over `lib`, shown at `size` and exposed (Qt imports stay here, out of
    the fakes' import-time path)."""
    from PySide6.QtGui import QUndoStack

    from desktop.ui.reading.pairview import PairView

    v = PairView(FakeBackend(lib), settings, QUndoStack())
    qtbot.addWidget(v)
    v.resize(*size)
    v.show()
    qtbot.waitExposed(v)
    return v
