"""A text that is mostly markup is judged on its letters, not on its tags."""

from __future__ import annotations

from desktop.analysis.language import detect_language

RU = ("Президент Казахстана провёл переговоры с президентом Узбекистана. Стороны обсудили "
      "торговлю, транспорт и энергетику, а также подписали ряд соглашений.")
KK = ("Мемлекет басшысы Өзбекстан Президентімен келіссөздер жүргізді. Тараптар сауда, "
      "көлік және энергетика салаларындағы ынтымақтастықты талқылады.")
EN = ("The President of Kazakhstan held talks with the President of Uzbekistan on trade, "
      "transport and energy, and the sides signed several agreements.")


def _page(body: str) -> str:
    head = "".join(
        f'<meta name="m{i}" content="width=device-width, initial-scale=1, viewport-fit=cover">'
        f'<link rel="stylesheet" href="https://cdn.example.org/assets/style{i}.css?v=12345">'
        for i in range(40))
    script = "<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer." \
             "push(arguments);} gtag('js', new Date()); gtag('config', 'UA-000000');</script>" * 10
    style = "<style>.article-body p { margin: 0 0 1em; font-family: Georgia, serif; }</style>" * 10
    div = '<div class="article-body container-fluid col-md-8 offset-md-2" data-track="x">'
    return (f"<html><head>{head}{script}{style}</head><body>{div}<p>{body}</p>"
            f"<p>{body}&nbsp;&mdash;</p></div>" + '<a href="https://example.org/x">x</a>' * 30
            + "</body></html>")


def test_russian_page_mostly_markup_is_russian():
    page = _page(RU)
    assert len(RU) * 2 < len(page) / 10  # the letters are under a tenth of the text
    assert detect_language(page) == "ru"


def test_kazakh_page_mostly_markup_is_kazakh():
    assert detect_language(_page(KK)) == "kk"


def test_english_page_stays_other():
    assert detect_language(_page(EN)) == "other"


def test_plain_texts_unchanged():
    assert detect_language(RU) == "ru" and detect_language(KK) == "kk"
    assert detect_language(EN) == "other"
    assert detect_language(RU + " Подробнее: https://example.org/news/2025/11/16/a-b-c") == "ru"
