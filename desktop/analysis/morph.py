"""Word-ending rules: which letters may follow a matched name or stem.

Kazakh is agglutinative (Өзбекстан-ға, Өзбекстан-нан, Қазақстан-ымыз-дың), Russian
inflects (Узбекистан-а, Турци-ей), Latin-script Kazakh follows Kazakh (Qazaqstan-da).
A tail is accepted when it decomposes into known endings, so "Кубанычбек" is not
"Куба" and "Түркі" is not "Түркия".
"""

from __future__ import annotations

import re
from functools import lru_cache

_KK_DER = "лық|лік|дық|дік|тық|тік|шы|ші|шіл|шыл"
_KK_PL = "лар|лер|дар|дер|тар|тер"
_KK_POSS = "ымыз|іміз|мыз|міз|ыңыз|іңіз|ңыз|ңіз|ым|ім|ың|ің|сы|сі|ы|і|м|ң"
_KK_CASE = (
    "ның|нің|дың|дің|тың|тің|ға|ге|қа|ке|на|не|а|е|ны|ні|ды|ді|ты|ті|н|да|де|та|те|нда|нде|"
    "дан|ден|тан|тен|нан|нен|менен|мен|бен|пен|ша|ше|дай|дей|тай|тей"
)
_KK_ATTR = "ндағы|ндегі|дағы|дегі|тағы|тегі|ғы|гі|қы|кі"
_RU_ENDINGS = (
    "а у ом ем ём е ой ою ей ею ы и ю я ь ью ии ию ия ам ям ами ями ах ях ов ев ым им их ых "
    "ое ая ые ую ого его ому ему ими ыми ий ый ой ец цы цев ца цу цем цам цами цах ка ки ке ку кой"
).split()
_RU_ADJ = "ск|ийск|йск|анск|инск|ианск"
_RU_ADJ_END = "ий|ая|ое|ие|ого|ому|им|ом|ой|ую|их|ими|ый|ые|ых|ым|ыми"
_LATN_DER = "lyq|lik|dyq|dik|tyq|tik|shy|shi"
_LATN_PL = "lar|ler|dar|der|tar|ter"
_LATN_POSS = "ymyz|imiz|myz|miz|ym|im|yń|iń|sy|si|y|i|m"
_LATN_CASE = (
    "nyń|niń|dyń|diń|tyń|tiń|ǵa|ge|qa|ke|ga|na|ne|a|e|ny|ni|dy|di|ty|ti|n|da|de|ta|te|nda|nde|"
    "dan|den|tan|ten|nan|nen|men|ben|pen"
)
_LATN_ATTR = "ndaǵy|ndegi|daǵy|degi|taǵy|tegi"


def _chain(der: str, pl: str, poss: str, case: str, attr: str) -> re.Pattern[str]:
    """Endings in Kazakh order: derivation, plural, possessive, case, then -дағы + more."""
    return re.compile(
        f"(?:{der})?(?:{pl})?(?:{poss})?(?:{case})?(?:(?:{attr})(?:{pl})?(?:{poss})?(?:{case})?)?"
    )


_KK = _chain(_KK_DER, _KK_PL, _KK_POSS, _KK_CASE, _KK_ATTR)
_LATN = _chain(_LATN_DER, _LATN_PL, _LATN_POSS, _LATN_CASE, _LATN_ATTR)
_RU = re.compile(
    "(?:" + "|".join(sorted(set(_RU_ENDINGS), key=len, reverse=True)) + ")"
    + f"|(?:{_RU_ADJ})(?:{_RU_ADJ_END})"
)
_EN = re.compile(r"s|es|n|ns|an|ans|ian|ians")

MAX_TAIL = 14


@lru_cache(maxsize=8192)
def valid_tail(tail: str) -> bool:
    """True when `tail` (letters after a name) is an inflectional ending in kk, ru or Latin kk."""
    if not tail:
        return True
    if len(tail) > MAX_TAIL:
        return False
    t = tail.lower()
    return bool(
        _KK.fullmatch(t) or _RU.fullmatch(t) or _LATN.fullmatch(t) or _EN.fullmatch(t)
    )


@lru_cache(maxsize=8192)
def valid_ru_tail(tail: str) -> bool:
    """True when `tail` is a Russian ending (what may follow a Russian stem such as Турци-)."""
    return bool(tail) and len(tail) <= MAX_TAIL and _RU.fullmatch(tail.lower()) is not None


_RU_STEM_ENDINGS = ("ия", "ья")


def ru_stem(form: str) -> tuple[str, str]:
    """Split a Russian name into stem and citation ending: Турция → (Турци, я), Китай → (Кита, й)."""
    if len(form) < 5 or not form[-1].isalpha() or form[-1].isupper():
        return form, ""
    last = form[-1]
    if last in "аяйь":
        return form[:-1], last
    return form, ""


@lru_cache(maxsize=16384)
def tail_grammars(tail: str) -> frozenset[str]:
    """Which ending systems accept `tail` as a whole: {'kk', 'ru', 'kk_latn', 'en'}.

    Search compares a query word and a text word through a shared stem: both tails must
    belong to one system, so Тоқа|ев (ru) does not make Тоқа|ға (kk) a form of Тоқаев.
    """
    if not tail:
        return frozenset(("kk", "ru", "kk_latn", "en"))
    if len(tail) > MAX_TAIL:
        return frozenset()
    t = tail.lower()
    return frozenset(name for name, rx in (("kk", _KK), ("ru", _RU), ("kk_latn", _LATN),
                                           ("en", _EN)) if rx.fullmatch(t))
