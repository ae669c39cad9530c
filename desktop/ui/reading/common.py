"""Small pieces the reading pair's widgets share: a document that loads nothing, labels that
never read markup, the highlight kinds' swatches and an article's metadata line.

Article text is untrusted: documents are filled with `insertText` only (never HTML),
resources are never loaded, and labels use `Qt.PlainText`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel

from desktop.core.article import Article
from desktop.i18n import _


def selection_phrase(raw: str) -> str:
    """A text selection as one line (Qt marks paragraph ends with U+2029)."""
    return " ".join(raw.split())  # str.split() also splits on U+2028/U+2029


class SafeDocument(QTextDocument):
    """A text document that never loads images, stylesheets or any other resource."""

    def loadResource(self, type: int, name) -> object:  # noqa: A002 - Qt signature
        return None


def plain_label(text: str = "", *, wrap: bool = True) -> QLabel:
    """A QLabel that never interprets markup."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setText(text)
    return label


def article_meta(article: Article) -> str:
    """One metadata line: date · language · source · author · dateline · origin."""
    lang_names = {"kk": _("Kazakh"), "ru": _("Russian"), "other": _("Other language")}
    parts = [
        article.date or _("no date"),
        lang_names.get(article.lang, article.lang),
        article.source or "",
        _("by {author}").format(author=article.author) if article.author else "",
        article.dateline_city or "",
    ]
    if article.credited_to and article.credited_to != article.source:
        parts.append(_("credited to {outlet}").format(outlet=article.credited_to))
    return " · ".join(p for p in parts if p)


