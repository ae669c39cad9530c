"""The search box: field syntax parsed by the core, errors shown inline under the box."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPalette
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.i18n import N_, _
from desktop.ui import search_highlight

if TYPE_CHECKING:
    from desktop.core.query import Filter, QueryError, Understood
    from desktop.ui.names import Names

# how the box names what a typed word was read as ("Tokayev → person: …")
KIND_LABELS = {"person": N_("person"), "org": N_("organisation"), "country": N_("country"),
               "partner": N_("partner country"), "sector": N_("sector"),
               "source": N_("source")}

ERROR_COLOUR = QColor(220, 50, 47)  # readable on light and dark backgrounds


class _Line(QLineEdit):
    escape = Signal()

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if e.key() == Qt.Key.Key_Escape:
            self.escape.emit()
            return
        super().keyPressEvent(e)


class SearchBox(QWidget):
    """Emits `filterChanged(Filter)` for a valid query (debounced while typing)."""

    filterChanged = Signal(object)

    def __init__(self, parent: QWidget | None = None, delay_ms: int = 250) -> None:
        super().__init__(parent)
        self.line = _Line(self)
        self.line.setClearButtonEnabled(True)
        self.error = QLabel(self)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        pal = self.error.palette()
        pal.setColor(QPalette.ColorRole.WindowText, ERROR_COLOUR)
        self.error.setPalette(pal)
        self.error.hide()
        self.understood = QLabel(self)  # what names and field values were read as
        self.understood.setTextFormat(Qt.TextFormat.PlainText)
        self.understood.setWordWrap(True)
        self.understood.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.understood.hide()
        self.notes: list[Understood] = []
        self._library: Callable[[], object | None] | None = None
        self._names: Names | None = None
        self._normal_palette = self.line.palette()
        self.current: Filter | None = None  # last valid query
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.apply)
        self.line.textEdited.connect(lambda _t: self._timer.start())
        self.line.textChanged.connect(self._maybe_cleared)
        self.line.returnPressed.connect(self.apply)
        self.line.escape.connect(self.clear)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.line)
        lay.addWidget(self.error)
        lay.addWidget(self.understood)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the texts in the interface language (again, when it changes)."""
        self.line.setPlaceholderText(
            _("Search: words, prefix*, \"exact phrase\", country:UZ sector:trade lang:kk "
              "from:2025-11-01 to:2025-11-16 source:Kazinform person:tokayev"))
        self.line.setAccessibleName(_("Search"))
        self.line.setToolTip(_(
            "Full-text search with prefixes (word*) and \"exact phrases\", plus fields:\n"
            "country:UZ  partner:TR,AZ  sector:trade  person:tokayev  org:ots\n"
            "lang:kk  source:Kazinform  from:2025-11-01  to:2025-11-16\n"
            "Words match their inflected forms (Тоқаев finds Тоқаевтың); names match in any "
            "script (Tokayev, Тоқаев, Токаев; country:Өзбекстан, sector:сауда).\n"
            "Ctrl+F focuses the box, Esc clears it."))
        self.error.setAccessibleName(_("Search error"))
        self.understood.setAccessibleName(_("What the search understood"))
        if self.line.text():  # error and "understood" lines are worded in the language
            self.apply()

    def set_library(self, library: Callable[[], object | None],
                    names: Names | None = None) -> None:
        """Where field values are checked and names recognised: `library()` gives the open
        Library (or None); `names` gives display names in the interface language."""
        self._library = library
        self._names = names

    def text(self) -> str:
        return self.line.text()

    def set_text(self, text: str, *, apply: bool = True) -> None:
        """Put `text` in the box (e.g. from a saved search) and apply it."""
        self.line.setText(text)
        if apply:
            self.apply()

    def clear(self) -> None:
        """Esc: empty the box and show everything again."""
        if self.line.text():
            self.line.clear()
        self.apply()

    def focus(self) -> None:
        self.line.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.line.selectAll()

    def _maybe_cleared(self, text: str) -> None:
        if not text:  # the clear button or Esc: apply at once
            self._timer.stop()
            self.apply()

    def apply(self) -> bool:
        """Parse the box now; on success emit filterChanged, on error show it inline."""
        from desktop.core.query import QueryError, parse_query

        self._timer.stop()
        text = self.line.text()
        lib = self._library() if self._library is not None else None
        notes: list[Understood] = []
        resolver = getattr(lib, "value_resolver", None)  # a stand-in library may lack it
        try:
            f = parse_query(text, resolver() if resolver is not None else None, notes)
        except QueryError as e:
            self._show_error(text, e)
            return False
        from desktop.core.searchsyntax import fold

        # a field value typed as its id (country:uz) needs no explanation
        notes = [n for n in notes if fold(n.typed) != fold(n.value)]
        highlight: tuple[str, ...] = ()
        if hasattr(lib, "search") and f.text.strip():
            try:
                found = lib.search(f.text)  # cached: the table's search reuses it
                notes += found.understood
                highlight = found.highlight
            except Exception:  # noqa: BLE001 - the message is a courtesy; the table reports
                pass
        search_highlight.set_query(f.text, highlight)
        self._show_understood(notes)
        self.error.hide()
        self.line.setPalette(self._normal_palette)
        self.line.setToolTip(self.line.toolTip())
        self.current = f
        self.filterChanged.emit(f)
        return True

    def _show_understood(self, notes: list[Understood]) -> None:
        """“Tokayev → person: Kassym-Jomart Tokayev; Өзбекстан → country: Uzbekistan”."""
        self.notes = list(notes)
        self.retranslate_understood()

    def retranslate_understood(self) -> None:
        if not self.notes:
            self.understood.hide()
            self.understood.setText("")
            return
        if self._names is None:
            from desktop.ui.names import Names

            self._names = Names()
        parts = [_("{typed} → {kind}: {name}").format(
            typed=n.typed, kind=_(KIND_LABELS.get(n.kind, n.kind)),
            name=self._names.label(n.kind, n.value)) for n in self.notes]
        self.understood.setText(_("Understood: {items}").format(items="; ".join(parts)))
        self.understood.setToolTip(_(
            "Names are found in any script and spelling, and words in any inflected form; "
            "put a word in quotes to search for it exactly."))
        self.understood.show()

    def _show_error(self, text: str, e: QueryError) -> None:
        pos = max(0, min(int(e.position), len(text)))
        near = text[pos:pos + 20]
        where = (_("at character {n}: “{text}”").format(n=pos + 1, text=near) if near
                 else _("at character {n}").format(n=pos + 1))
        self.error.setText(f"⚠ {e.message} ({where})")
        self.error.show()
        self.notes = []
        self.understood.hide()
        pal = self.line.palette()
        pal.setColor(QPalette.ColorRole.Text, ERROR_COLOUR)
        self.line.setPalette(pal)

    @property
    def has_error(self) -> bool:
        return not self.error.isHidden()
