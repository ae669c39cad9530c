"""Plain-text articles → Article, recovering metadata a news text carries in its own words.

Layout handled (leading space, blank lines and Markdown `#` optional):
    " date 2025-11-16 Title"   then body   — the seed export format
    "date: 2025-11-16" line, title on the next line
    "Title", then "Автор: …" / "Author: …", lead, "Фото: …", body — plain site copies

Recovered from the text (general patterns, names normalised by resources/sources.toml):
- date: the header, else a line near the top that is only a date ("16.11.2025 10:15").
  A header date that is not a real date (`2025-13-45`) gives date None; the token is kept
  out of the title and stored in `extra["raw_date"]` — the article still imports.
- source: a dateline "АСТАНА. KAZINFORM —", a lead "CentralAsia (KZ) - …", or a credit
  phrase "…, деп хабарлайды BAQ.KZ." / "…, пишет Акорда." / "Источник: …".
- credited_to: the outlet a credit phrase names when the article's own source differs.
- dateline_city ("АСТАНА." → "Астана"), author ("Автор: …"), language (detect_language).
"""

from __future__ import annotations

import re
import tomllib
from datetime import UTC, date, datetime, timedelta
from functools import cache

from desktop.analysis.language import detect_language
from desktop.core.article import Article
from desktop.corpus import ReaderError
from desktop.i18n import N_, _

NO_TEXT = N_("no text")

_UP = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
_LO = "a-zа-яёәғқңөұүһі"
_TOKEN = rf"[{_UP}0-9][\w'’&+\-]*(?:\.[\w\-]+)*"
_NAME = rf"{_TOKEN}(?:[ \u00a0]{_TOKEN}){{0,3}}(?:[ \u00a0]\([A-Z]{{2,3}}\))?"
_DASH = r"(?:—|–|-{1,2})"
_CITY = rf"[{_UP}][{_UP}\-]{{1,30}}(?:[ \u00a0][{_UP}][{_UP}\-]{{1,30}})?"

# "АСТАНА. KAZINFORM — …", "АЛМАТЫ, 16 ноября. /Kazinform/ – …", "ТАШКЕНТ. — …"
_DATELINE = re.compile(
    rf"^(?P<city>{_CITY})\s*[.,]\s*(?:\d{{1,2}}\s+[{_LO}]+\s*[.,]?\s*)?"
    rf"(?:/?(?P<outlet>{_NAME})/?\s*)?{_DASH}\s"
)
# "CentralAsia (KZ) - В Ташкенте …"
_LEAD_OUTLET = re.compile(rf"^/?(?P<outlet>{_NAME})/?\s*{_DASH}\s")
_RU_VERB = r"(?:пишет|пишут|сообщает|сообщают|передает|передаёт|передают|информирует|ссылкой\s+на)"
_RU_QUALIFIER = (
    r"(?:(?:пресс-служба|пресс-службы|корреспондент|корреспондента|агентство|агентства|"
    r"информагентство|издание|издания|портал|портала|сайт|газета|телеканал|телеграм-канал|"
    r"Telegram-канал|собкор|служба)\s+){0,2}"
)
_KK_VERB = r"(?:хабарлайды|хабарлады|жазады|жазды|мәлімдейді|мәлімдеді|хабарлап\s+отыр|жазып\s+отыр)"
_AFTER_NAME = (
    r"(?=\s*(?:[.,;:!?)»\"]|$)|\s+(?:тілшісі|тілшісінің|агенттігі|агенттігінің|сайты|порталы|"
    r"басылымы|баспасөз|пресс-қызметі|со\s+ссылкой)\b)"
)
# A credit phrase, matched only where one of _CREDIT_STEMS starts a word: str.find for the
# stems is ~10× faster than letting the regex engine try every position of every article.
_CREDIT_AT = re.compile(
    rf"(?:{_RU_VERB}\s+{_RU_QUALIFIER}|{_KK_VERB}\s+)(?P<name>{_NAME}){_AFTER_NAME}",
    re.MULTILINE,
)
_CREDIT_STEMS = ("пиш", "сообща", "переда", "информир", "ссылкой", "хабарла", "жаз", "мәлімде")
_SOURCE_WORDS = ("Источник", "Дереккөз", "Дерек көзі", "Source")
_SOURCE_LINE = re.compile(
    r"^\s*(?:Источник|Дереккөз|Дерек көзі|Source)\s*[:：]\s*(?P<name>[^\n]{2,80}?)\s*$",
    re.MULTILINE,
)
_AUTHOR_LINE = re.compile(
    r"^\s*(?:Автор|Авторы|Авторлар|Author|Authors|By)\s*[:：]\s*(?P<name>[^\n]{2,100}?)\s*$"
)
_HEADER = re.compile(
    r"^\s*(?:#+\s*)?date\s*[:=]?\s+(?P<tok>\d{1,4}[-./]\d{1,2}[-./]\d{1,4}"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?)(?:\s+(?P<title>.*))?$",
    re.IGNORECASE,
)
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
_KK_GENITIVE = re.compile(r"(?:ның|нің|дың|дің|тың|тің)$")
_DOMAIN = re.compile(r"\.(?:kz|uz|kg|ru|com|news|media|org|net)$", re.IGNORECASE)
_STRIP_NAME = " \t\u00a0\"'«»“”„/,.;:-—–"

_MONTHS = {
    # Kazakh (full names; case endings follow: "қарашада")
    "қаңтар": 1, "ақпан": 2, "наурыз": 3, "сәуір": 4, "мамыр": 5, "маусым": 6,
    "шілде": 7, "тамыз": 8, "қыркүйек": 9, "қазан": 10, "қараша": 11, "желтоқсан": 12,
    # Russian (stems: "ноября", "ноябрь", "нояб.")
    "янв": 1, "фев": 2, "мар": 3, "апр": 4, "мая": 5, "май": 5, "июн": 6, "июл": 7,
    "авг": 8, "сен": 9, "окт": 10, "ноя": 11, "дек": 12,
    # English
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH_WORD = rf"[{_LO}{_UP}]+\.?"
_ISO = re.compile(r"^(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?:$|[T\s,])")
_DMY = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?:$|[T\s,])")
_D_MONTH_Y = re.compile(rf"^(\d{{1,2}})\s+({_MONTH_WORD})\s+(\d{{4}})(?:$|[\s,.])")
_Y_D_MONTH = re.compile(rf"^(\d{{4}})\s*(?:ж\.|жылғы|жыл)?\s+(\d{{1,2}})\s+({_MONTH_WORD})(?:$|[\s,.])")
_MONTH_D_Y = re.compile(rf"^({_MONTH_WORD})\s+(\d{{1,2}}),?\s+(\d{{4}})(?:$|[\s,.])")
_DATE_ONLY_LINE = re.compile(
    rf"^\s*(?:\d{{1,4}}[-./]\d{{1,2}}[-./]\d{{1,4}}|\d{{1,2}}\s+{_MONTH_WORD}\s+\d{{4}}"
    rf"(?:\s*(?:ж\.|жыл|г\.|года))?)[\s,T]*(?:\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?\s*$"
)
_EXCEL_EPOCH = date(1899, 12, 30)
_HEAD = 2000  # credits sit in the lead: the first paragraphs are searched


def _month(word: str) -> int | None:
    w = word.casefold().rstrip(".")
    for key, num in _MONTHS.items():
        if w.startswith(key):
            return num
    return None


def _ymd(y: int, m: int | None, d: int) -> str | None:
    if m is None or not 1900 <= y <= 2100:
        return None
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def parse_date(value: object) -> str | None:
    """ISO `YYYY-MM-DD` from a date-like value (str, date, datetime, Excel serial, epoch), else None.

    Day-first is assumed for `dd.mm.yyyy` and `dd/mm/yyyy` (the Kazakh and Russian habit).
    Impossible dates (`2025-13-45`, `31.02.2025`) give None rather than a guess.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        try:
            return value.date().isoformat()
        except (ValueError, AttributeError):  # pandas NaT and friends
            return None
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float):
        if value != value:  # NaN
            return None
        if 20000 <= value <= 80000:  # Excel serial day number (1954–2119)
            return (_EXCEL_EPOCH + timedelta(days=int(value))).isoformat()
        for scale in (1, 1000):  # Unix seconds or milliseconds
            seconds = value / scale
            if 1e8 <= seconds <= 4.2e9:
                return datetime.fromtimestamp(seconds, tz=UTC).date().isoformat()
        return None
    s = str(value).strip()
    if not s or len(s) > 60:
        return None
    if m := _ISO.match(s):
        return _ymd(int(m[1]), int(m[2]), int(m[3]))
    if m := _DMY.match(s):
        return _ymd(int(m[3]), int(m[2]), int(m[1]))
    if m := _D_MONTH_Y.match(s):
        return _ymd(int(m[3]), _month(m[2]), int(m[1]))
    if m := _Y_D_MONTH.match(s):
        return _ymd(int(m[1]), _month(m[3]), int(m[2]))
    if m := _MONTH_D_Y.match(s):
        return _ymd(int(m[3]), _month(m[1]), int(m[2]))
    if s.isdigit() and len(s) in (5, 10, 13):
        return parse_date(int(s))
    return None


def _name_key(name: str) -> str:
    return " ".join(name.strip(_STRIP_NAME).split()).casefold()


@cache
def _outlet_table() -> dict[str, str]:
    """alias key → canonical name, from resources/sources.toml (empty if missing or broken)."""
    from desktop.paths import resource

    try:
        data = tomllib.loads(resource("sources.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return {}
    table: dict[str, str] = {}
    for entry in data.get("outlet", []):
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            continue
        for alias in [name, *entry.get("aliases", [])]:
            if isinstance(alias, str) and alias.strip():
                table.setdefault(_name_key(alias), name)
    return table


@cache
def _platform_table() -> tuple[tuple[str, ...], frozenset[str]]:
    """(stems, whole words) of social networks from resources/sources.toml `[[platform]]`."""
    from desktop.paths import resource

    try:
        data = tomllib.loads(resource("sources.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return (), frozenset()
    stems: list[str] = []
    words: set[str] = set()
    for entry in data.get("platform", []):
        stems += [s.casefold() for s in entry.get("stems", []) if isinstance(s, str) and s]
        words |= {w.casefold() for w in entry.get("words", []) if isinstance(w, str) and w}
    return tuple(sorted(set(stems), key=len, reverse=True)), frozenset(words)


def is_platform(name: str) -> bool:
    """Whether a name is a social network or messenger in any inflection (Твиттерге,
    Телеграмда, Instagram-да, X-те): where a text was posted, not an outlet."""
    stems, words = _platform_table()
    key = _name_key(name)
    if not key:
        return False
    first = key.split()[0]
    if first.startswith(stems):
        return True
    # a short word only whole, or before an ending after a hyphen or apostrophe (X-те, VK'да)
    return re.split(r"[-'’]", first, maxsplit=1)[0] in words


def known_outlet(name: str) -> str | None:
    """Canonical outlet name for a spelling in the table (KAZINFORM → Kazinform), else None."""
    table = _outlet_table()
    key = _name_key(name)
    for candidate in (key, _KK_GENITIVE.sub("", key), _DOMAIN.sub("", key)):
        if candidate in table:
            return table[candidate]
    return None


def canonical_outlet(name: str) -> str:
    """The table's name for an outlet, or the spelling given, tidied."""
    return known_outlet(name) or " ".join(name.strip(_STRIP_NAME).split())


def _looks_like_outlet(name: str) -> bool:
    """A lead "X — …" names an outlet if X is known, has Latin letters or is ALL-CAPS."""
    if known_outlet(name):
        return True
    letters = [c for c in name if c.isalpha()]
    if not letters:
        return False
    if any(c.isascii() for c in letters):
        return True
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _city(raw: str) -> str:
    parts = re.split(r"([\- \u00a0])", raw)
    return "".join(p.capitalize() for p in parts)


def _title_and_body(lines: list[str]) -> tuple[str, str]:
    """First non-empty line is the title, unless it is a whole paragraph (then its first sentence)."""
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i == len(lines):
        return "", ""
    line, _nl, more = lines[i].lstrip().partition("\n")  # the last item holds the rest
    first = _MD_HEADING.sub("", line.strip())
    rest = "\n".join([more, *lines[i + 1 :]] if _nl else lines[i + 1 :]).strip()
    if len(first) <= 300 and (rest or len(first) <= 200):
        return first, rest
    parts = _SENTENCE_END.split(first, maxsplit=1)
    if len(parts) == 2 and len(parts[0]) <= 200:
        return parts[0], (parts[1] + ("\n" + rest if rest else "")).strip()
    return "", "\n".join(lines[i:]).strip()


def _first_paragraph(lines: list[str]) -> str:
    for line in lines:
        line = line.strip()
        if line and not _AUTHOR_LINE.match(line):
            return line
    return ""


def _header_date(lines: list[str], extra: dict) -> tuple[str | None, list[str]]:
    """Date from a `date …` header line (consumed) or a date-only line near the top."""
    for i, line in enumerate(lines[:3]):
        if not line.strip():
            continue
        m = _HEADER.match(line)
        if not m:
            break
        iso = parse_date(m["tok"])
        if iso is None:
            extra["raw_date"] = m["tok"]
        rest = lines[:i] + ([m["title"]] if m["title"] and m["title"].strip() else []) + lines[
            i + 1 :
        ]
        return iso, rest
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    for i, line in enumerate(lines[:8]):
        if _DATE_ONLY_LINE.match(line):
            iso = parse_date(line.strip())
            if iso:  # a date line above the title is not the title
                return iso, (lines[:i] + lines[i + 1 :] if i == first else lines)
    return None, lines


def _find_credit(text: str) -> re.Match | None:
    """The first credit phrase ("пишет Акорда", "деп хабарлайды BAQ.KZ") in `text`."""
    starts = []
    for stem in _CREDIT_STEMS:
        i = text.find(stem)
        while i != -1:
            if i == 0 or not text[i - 1].isalpha():
                starts.append(i)
            i = text.find(stem, i + 1)
    for i in sorted(starts):
        # "деп жазды Твиттерге" says where a person posted, not which outlet reports
        if (m := _CREDIT_AT.match(text, i)) and not is_platform(m["name"]):
            return m
    return None


def recover_metadata(title: str, body: str) -> dict:
    """Source, credited_to, dateline_city, author and date found in an article's own text."""
    meta: dict = {}
    head = body[:_HEAD]
    head_lines = head.split("\n", 12)[:12]
    lead = _first_paragraph(head_lines)
    source = None
    if m := _DATELINE.match(lead):
        meta["dateline_city"] = _city(m["city"])
        if m["outlet"] and not is_platform(m["outlet"]):
            source = canonical_outlet(m["outlet"])
    elif ((m := _LEAD_OUTLET.match(lead)) and _looks_like_outlet(m["outlet"])
          and not is_platform(m["outlet"])):
        source = canonical_outlet(m["outlet"])
    credit = None
    if m := _find_credit(head):
        credit = canonical_outlet(m["name"])
    else:
        tail = body[-600:] if len(body) > _HEAD else ""
        for text in (head, tail):
            if (any(w in text for w in _SOURCE_WORDS) and (m := _SOURCE_LINE.search(text))
                    and not is_platform(m["name"])):
                credit = canonical_outlet(m["name"])
                break
    if source is None:
        source = credit
    elif credit and credit != source:
        meta["credited_to"] = credit
    if source:
        meta["source"] = source
    for line in head_lines:
        if m := _AUTHOR_LINE.match(line):
            meta["author"] = m["name"].strip(_STRIP_NAME) or None
            break
    return meta


def parse_text_article(text: str, origin: str) -> Article:
    """Article from one plain-text news file; ReaderError if there is no text at all."""
    if not text or not text.strip():
        raise ReaderError(_(NO_TEXT))
    extra: dict = {}
    lines = text.split("\n", 8)  # only the head is looked at line by line
    iso, lines = _header_date(lines, extra)
    title, body = _title_and_body(lines)
    if not title and not body:
        raise ReaderError(_(NO_TEXT))
    meta = recover_metadata(title, body)
    lang = detect_language(f"{title}\n{body[:1500]}", sample=1500)
    return Article(
        title=title,
        body=body,
        date=iso,
        lang=lang,
        source=meta.get("source"),
        author=meta.get("author"),
        dateline_city=meta.get("dateline_city"),
        credited_to=meta.get("credited_to"),
        origin=origin,
        extra=extra,
    )
