"""Display names for facet values (countries, sectors, people, organisations, languages)."""

from __future__ import annotations

from collections.abc import Callable

from desktop.i18n import N_, _, current_language

LANG_LABELS = {"kk": N_("Kazakh"), "ru": N_("Russian"), "other": N_("Other")}


def humanised(slug: str) -> str:
    """A person's id as a name: "greg-klark" → "Greg Klark"."""
    return " ".join(w[:1].upper() + w[1:] for w in slug.split("-") if w) or slug


class Names:
    """Display names for facet values, from the analysis vocabulary in the UI language."""

    def __init__(self, written: Callable[[str, str], str | None] | None = None) -> None:
        self._vocab: dict[str, dict] = {}
        # how the library's texts write a person without a rule entry (Library.written_name)
        self.written = written

    def _vocabulary(self, kind: str) -> dict:
        v = self._vocab.get(kind)
        if v is None:
            try:
                from desktop.analysis.pipeline import vocabulary

                v = vocabulary(kind) or {}
            except Exception:  # noqa: BLE001 - names are cosmetic; fall back to ids
                v = {}
            self._vocab[kind] = v
        return v

    def reset(self) -> None:
        """Forget the vocabulary (after the rules changed); reloaded when next needed."""
        self._vocab.clear()

    def label(self, kind: str, value: str) -> str:
        """Name of `value` in facet `kind` (country/partner/sector/person/org/lang/source)."""
        if kind == "lang":
            return _(LANG_LABELS[value]) if value in LANG_LABELS else value
        if kind == "source":
            return value
        vkind = "country" if kind == "partner" else kind
        names = self._vocabulary(vkind).get(value)
        if not names:
            if kind != "person":
                return value
            # a person found by a title or a given name has no entry, only a transliterated
            # id: in Kazakh and Russian the name as the texts write it ("Грег Кларк"), in
            # English the id as a name ("Greg Klark")
            if current_language() != "en" and self.written is not None:
                try:
                    found = self.written(kind, value)
                except Exception:  # noqa: BLE001 - names are cosmetic; fall back to the id
                    found = None
                if found:
                    return found
            return humanised(value)
        if isinstance(names, str):
            return names
        lang = current_language()
        return names.get(lang) or names.get("en") or next(iter(names.values()), value)
