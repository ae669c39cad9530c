"""House styles: TOML files in resources/templates/ and the user's `templates/` folder.

The format is documented in docs/templates.md. A user style with the same name as a
bundled one replaces it. Text values may be one string or a table per export language
(`{ en = "…", ru = "…", kk = "…" }`).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from desktop.i18n import _
from desktop.paths import resource, user_data_dir

PAGE_SIZES = ("A4", "Letter")
_DEFAULT_MARGINS = {"top": 25, "right": 22, "bottom": 25, "left": 25}


class StyleError(Exception):
    """A house style is missing or malformed; the message says which and why."""


@dataclass(frozen=True)
class Colours:
    text: str = "#1a1a1a"
    heading: str = "#1f3864"
    accent: str = "#1f3864"
    muted: str = "#5f6368"
    rule: str = "#9aa7b8"
    table_header: str = "#e8edf4"
    table_stripe: str = "#f6f8fb"
    classification: str = "#8b0000"
    mismatch: str = "#fff1d6"


@dataclass(frozen=True)
class HouseStyle:
    name: str
    label: str = ""
    page_size: str = "A4"
    margins_mm: tuple[float, float, float, float] = (25, 22, 25, 25)  # top, right, bottom, left
    body_font: str = "NotoSerif"
    heading_font: str = "NotoSerif"
    body_size: float = 10.5
    colours: Colours = field(default_factory=Colours)
    logo: Path | None = None
    header: object = ""  # str or {lang: str}
    footer: object = ""
    classification: dict = field(default_factory=dict)  # level -> str | {lang: str}
    cover: bool = True
    toc: bool = True
    source: Path | None = None

    def text(self, value: object, lang: str) -> str:
        """A text value in the export language (a plain string is used for every language)."""
        if isinstance(value, dict):
            return str(value.get(lang) or value.get("en") or next(iter(value.values()), ""))
        return str(value or "")

    def classification_text(self, level: str, lang: str) -> str:
        """The style's wording of a classification level; an unknown level is printed as is."""
        if not level:
            return ""
        key = level.strip().lower().replace(" ", "_")
        if key in self.classification:
            return self.text(self.classification[key], lang)
        return level


def style_dirs() -> list[Path]:
    """Bundled styles, then the user's (which win on equal names)."""
    return [resource("templates"), user_data_dir() / "templates"]


def _files() -> dict[str, Path]:
    out: dict[str, Path] = {}
    for d in style_dirs():
        if d.is_dir():
            for f in sorted(d.glob("*.toml")):
                out[f.stem] = f
    return out


def list_styles() -> list[str]:
    """Names of every available house style, "default" first."""
    names = sorted(_files())
    return sorted(names, key=lambda n: (n != "default", n))


def _margins(v: object, where: Path) -> tuple[float, float, float, float]:
    if isinstance(v, (int, float)):
        return (float(v),) * 4
    if isinstance(v, dict):
        try:
            return tuple(float(v[k]) for k in ("top", "right", "bottom", "left"))  # type: ignore[return-value]
        except (KeyError, TypeError, ValueError):
            pass
    raise StyleError(_("{file}: margins must be a number or {{top, right, bottom, left}} in "
                       "millimetres.").format(file=where))


@cache
def _standard_levels() -> dict:
    """The wording of the composer's levels (public, internal, restricted, confidential) in
    the bundled default style: a style that does not word a level itself uses it."""
    try:
        data = tomllib.loads(resource("templates", "default.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    return {k.lower(): v for k, v in data.get("classification", {}).items()}


def parse_style(name: str, data: dict, where: Path) -> HouseStyle:
    page = data.get("page", {})
    fonts = data.get("fonts", {})
    size = str(page.get("size", "A4"))
    if size not in PAGE_SIZES:
        raise StyleError(_("{file}: the page size must be one of {sizes}, not “{size}”.").format(
            file=where, sizes=", ".join(PAGE_SIZES), size=size))
    known = set(Colours.__dataclass_fields__)
    colours = {k: str(v) for k, v in data.get("colours", {}).items() if k in known}
    logo = data.get("logo")
    logo_path = None
    if logo:
        logo_path = Path(logo)
        if not logo_path.is_absolute():
            logo_path = where.parent / logo_path
    try:
        return HouseStyle(
            name=name,
            label=data.get("label", name),
            page_size=size,
            margins_mm=_margins(page.get("margins", _DEFAULT_MARGINS), where),
            body_font=str(fonts.get("body", "NotoSerif")).replace(" ", ""),
            heading_font=str(fonts.get("headings", fonts.get("body", "NotoSerif"))).replace(" ", ""),
            body_size=float(fonts.get("size", 10.5)),
            colours=Colours(**colours),
            logo=logo_path,
            header=data.get("header", ""),
            footer=data.get("footer", ""),
            classification={**_standard_levels(),
                            **{k.lower(): v for k, v in data.get("classification", {}).items()}},
            cover=bool(data.get("cover", True)),
            toc=bool(data.get("toc", True)),
            source=where,
        )
    except (TypeError, ValueError) as e:
        raise StyleError(f"{where}: {e}") from None


def load_style(name: str = "default") -> HouseStyle:
    """The house style `name`; StyleError names the file and the problem."""
    from desktop.export.fontfiles import FontError, family

    path = _files().get(name)
    if path is None:
        raise StyleError(_("There is no house style “{name}” (available: {names}).").format(
            name=name, names=", ".join(list_styles())))
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise StyleError(f"{path}: {e}") from None
    style = parse_style(name, data, path)
    for f in (style.body_font, style.heading_font):
        try:
            family(f)
        except FontError:
            raise StyleError(_("{file}: the font family “{font}” is neither bundled nor in "
                               "the user fonts folder.").format(file=path, font=f)) from None
    if style.logo is not None and not style.logo.is_file():
        raise StyleError(_("{file}: the logo file {logo} does not exist.").format(
            file=path, logo=style.logo))
    return style
