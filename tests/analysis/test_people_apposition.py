"""People named before their title ("Олег Варенцов, директор завода") and quote speakers
whose words cannot be a personal name ("Associated Press", "Бас Ассамблеясын").

Every text is invented. A negative case is paired with a positive one in the same text, so
that it checks the guard and not merely the absence of the feature.
"""

from __future__ import annotations

import pytest

from desktop.analysis.pipeline import analyze


def people(text: str, lang: str | None = None) -> set[str]:
    return {t.id for t in analyze(text, lang).people}


def speaker(text: str, lang: str | None = None) -> str | None:
    qs = analyze(text, lang).quotes
    assert qs, "no quote found"
    return qs[0].speaker_name


@pytest.mark.parametrize("text,lang,pid", [
    ("Олег Варенцов, директор завода, рассказал о планах на зиму.", "ru", "oleg-varentsov"),
    # up to two lowercase words between the comma and the title
    ("Лина Штерн, бывший председатель правления, покинула совет.", "ru", "lina-shtern"),
    ("Тимур Ахметов, первый заместитель министра, ответил на вопросы.", "ru",
     "timur-akhmetov"),
    ("Жан-Поль Лакомб, экс-президент клуба, ушёл в отставку.", "ru", "zhan-pol-lakomb"),
    ("Tom Hadley, former director of the city museum, said the plan was late.", "en",
     "tom-hadley"),
    # Kazakh: the title takes the possessive ending
    ("Ерлан Сағымбаев, компания төрағасы, жоба туралы айтты.", "kk", "erlan-sagymbaev"),
])
def test_a_name_before_its_title_is_a_person(text, lang, pid):
    assert pid in people(text, lang)


def test_the_surname_alone_later_is_the_same_person():
    a = analyze("Олег Варенцов, директор завода, выступил первым. Затем Варенцов ответил "
                "на вопросы.", "ru")
    (p,) = [t for t in a.people if t.id == "oleg-varentsov"]
    assert len(p.spans) == 2


def test_a_title_followed_by_a_name_keeps_it_and_finds_it_once():
    a = analyze("Слово взял директор Лина Штерн, президент клуба, и поблагодарила гостей. "
                "Олег Варенцов, директор завода, согласился.", "ru")
    assert {p.id: len(p.spans) for p in a.people} == {"lina-shtern": 1, "oleg-varentsov": 1}


@pytest.mark.parametrize("text,expected", [
    # a list of names with no title: not taken as appositions (Лина is no listed given
    # name); the listed given names Олег and Тимур name people of their own
    ("На встрече были Олег Варенцов, Лина Штерн и Тимур Ахметов. Затем слово взяла Инга Райт, "
     "директор школы.", {"oleg-varentsov", "timur-akhmetov", "inga-rayt"}),
    # a place (an adjective-like first word), or a clause after the comma
    ("Старый Оскол, директор комбината сообщил о планах. Тимур Ахметов, министр финансов, "
     "согласился.", {"timur-akhmetov"}),
    ("Нижний Тагил, где директор комбината живёт, растёт. Тимур Ахметов, министр "
     "финансов, согласился.", {"timur-akhmetov"}),
    # a Russian name in an oblique case, as its title: not taken inflected by the
    # apposition; the given name's case finds it in its citation form
    ("По словам Олега Варенцова, директора завода, план выполнен. Тимур Ахметов, министр "
     "финансов, согласился.", {"oleg-varentsov", "timur-akhmetov"}),
    ("Встреча с Олегом Варенцовым, директором завода, прошла. Тимур Ахметов, министр "
     "финансов, согласился.", {"oleg-varentsov", "timur-akhmetov"}),
    ("По словам Лины Штерн, директора завода, план выполнен. Тимур Ахметов, министр "
     "финансов, согласился.", {"timur-akhmetov"}),
    # three capitalised words: which two make the name is unclear to the apposition; two
    # listed given names and a surname are one person
    ("Мэри Энн Ходжес, директор школы, выступила. Тимур Ахметов, министр финансов, "
     "согласился.", {"meri-enn-khodzhes", "timur-akhmetov"}),
    ("Лина Мэй Ходжес, директор школы, выступила. Тимур Ахметов, министр финансов, "
     "согласился.", {"timur-akhmetov"}),
    # an organisation before the comma
    ("Northwind Group, director of which spoke first, grew. Tom Hadley, director of the "
     "museum, agreed.", {"tom-hadley"}),
    # a conjunction after the comma: a list, not an apposition
    ("Лина Штерн, и министр тоже. Тимур Ахметов, министр финансов, согласился.",
     {"timur-akhmetov"}),
])
def test_apposition_guards(text, expected):
    assert people(text) == expected


@pytest.mark.parametrize("text,lang,name", [
    # an organisation noun with a Kazakh possessive and case ending after a one-word name
    ("«Жоба келесі жылы міндетті түрде аяқталады», – деді Дана Бас Ассамблеясында сөйлеген "
     "сөзінде.", "kk", None),
    # a club's name, then the speaker
    ("«Команда сыграла отлично, мы довольны», — сказал журналистам тренер «Вест Юнайтед» "
     "Марк Нобл.", "ru", "Марк Нобл"),
    # a news agency; an article opening a place name
    ("«Су жетіспейді, бізге көмек керек», – дейді Харис Associated Press агенттігіне.", "kk",
     None),
    ("«Алаң бұл жолы өте жақсы дайындалған еді», – деді Бьорн Le Golf National алаңында.",
     "kk", None),
])
def test_quote_speakers_that_are_no_person(text, lang, name):
    assert speaker(text, lang) == name


@pytest.mark.parametrize("name", [
    "Аулия Арриани", "Роберто Кальзадилья", "Джордан Спит", "Джей Берзофски",
    "Александр Новак", "Карин Жан-Пьер", "Гай Сесил", "Марвин Кук", "Нил Бэр", "Ян Битти",
])
def test_real_names_stay_speakers_after_an_organisation(name):
    ru = (f"«Решение будет принято уже на следующей неделе», — сказал в эфире Associated "
          f"Press {name} после встречи.")
    kk = (f"«Шешім келесі аптада міндетті түрде қабылданады», – деді «Манчестер Сити» "
          f"клубының өкілі {name} кездесуден кейін.")
    assert speaker(ru, "ru") == name
    assert speaker(kk, "kk") == name


@pytest.mark.parametrize("word,expected", [
    ("Ассамблеясын", True), ("Press", True), ("Сити", True), ("Le", True),
    ("Университетінің", True), ("Академии", True), ("Клубқа", True),
    # a Russian ending on a short noun, a surname ending or a plural: a name
    ("Фонда", False), ("Ньюсом", False), ("Пресслер", False), ("Банков", False),
    ("Кальзадилья", False), ("Жан-Пьер", False),
])
def test_not_name_word(word, expected):
    from desktop.analysis.entities import not_name_word

    assert not_name_word(word) is expected
