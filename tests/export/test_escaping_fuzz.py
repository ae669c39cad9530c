"""Any text — markup, entities, controls, odd Unicode — exports without error."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.export import render_pdf
from desktop.export.text import clean, esc
from tests.export.helpers import pdf_text, squash, stored

ALPHABET = st.sampled_from(list('<>&"\';#/=!?[]{}() \n\tabcxyzәғқңөұүһіАБВ«»—№₸\x00\x07\x1b\u200b'
                                '\ufeff\u2028') + ["<b>", "</b>", "<br/>", "&amp;", "&#x41;",
                                                    '<font name="X">', "<img src='x'/>",
                                                    "<a href=\"file:/x\">", "<para>", "<![CDATA["])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ALPHABET, max_size=60).map("".join))
def test_any_text_exports_literally(text):
    body = f"Начало {text} конец"
    data = render_pdf("press-digest", articles=[stored(1, f"Т {text}", body)])
    out = squash(pdf_text(data))
    assert "Начало" in out and "конец" in out
    # markup characters come back as characters, never as formatting
    for token in ("<b>", "&amp;", "<para>"):
        if token in clean(text) and "\n" not in text:
            assert token in out


@given(st.text(max_size=200))
def test_escaped_text_has_no_live_markup(text):
    # the only tags esc() ever writes switch to the symbol fallback font
    e = re.sub(r'<font name="DejaVuSans[\w-]*">|</font>', "", esc(text))
    assert "<" not in e and ">" not in e
