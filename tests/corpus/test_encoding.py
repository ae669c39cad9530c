"""Every common encoding of the same article decodes to the same clean text; binary is refused."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.corpus import NotTextError
from desktop.corpus.encoding import clean_text, decode_bytes

RU = "Казахстан и Узбекистан договорились увеличить товарооборот.\nЁлка, «кавычки» — тире."
KK = "Қазақстан мен Өзбекстан Президенттері ресми бастау берді.\nҰлттық әңгіме: «һ», «і»."


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32",
                 "cp1251"]
)
def test_russian_text_decodes_the_same_from_every_encoding(encoding):
    assert decode_bytes(RU.encode(encoding)) == RU


@pytest.mark.parametrize("encoding", ["koi8_r", "cp866", "mac_cyrillic"])
def test_older_russian_code_pages_are_recognised(encoding):
    plain = "Казахстан и Узбекистан договорились увеличить товарооборот.\nЁлка - ёж."
    assert decode_bytes(plain.encode(encoding)) == plain


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "kz1048"])
def test_kazakh_text_decodes_the_same_from_every_encoding(encoding):
    assert decode_bytes(KK.encode(encoding)) == KK


def test_windows_newlines_and_decomposed_letters_are_normalised():
    decomposed = unicodedata.normalize("NFD", "Ёлка й\r\nвторая\rтретья")
    assert decode_bytes(decomposed.encode("utf-8")) == "Ёлка й\nвторая\nтретья"


def test_zero_width_and_control_characters_are_stripped_but_tabs_kept():
    assert clean_text("а\u200bб\u00adв\x07г\tд\ufeffе") == "абвг\tде"


def test_western_text_in_a_legacy_code_page_is_not_read_as_cyrillic():
    assert decode_bytes("café naïve résumé".encode("cp1252")) == "café naïve résumé"


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4,
        b"hello world\x00\x00\x00\x01\x02binary",
        bytes(range(32)) * 20,
    ],
)
def test_binary_content_is_refused_with_a_typed_error(data):
    with pytest.raises(NotTextError, match="binary"):
        decode_bytes(data)


def test_empty_bytes_decode_to_empty_text():
    assert decode_bytes(b"") == ""


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4096))
def test_random_bytes_give_text_or_the_typed_error(data):
    try:
        text = decode_bytes(data)
    except NotTextError:
        return
    assert isinstance(text, str)
    assert "\r" not in text and "\x00" not in text
    assert unicodedata.is_normalized("NFC", text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=2000))
def test_any_utf8_text_round_trips_to_its_clean_form(text):
    try:
        decoded = decode_bytes(text.encode("utf-8", "surrogatepass"))
    except NotTextError:
        return  # text made mostly of control characters is rightly refused
    assert decoded == clean_text(text) or decoded == clean_text(text.lstrip("\ufeff"))
