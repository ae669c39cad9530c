"""Font files: the TrueType families in resources/fonts and the user's fonts/ folder.

A family is found from file names `<Family>-<Regular|Bold|Italic|BoldItalic>.ttf`
(`NotoSerif-Bold.ttf` → family "NotoSerif"); a file without a variant suffix
(`DejaVuSans.ttf`) is a family with one regular face. No reportlab here: styles use this
to check a style's fonts exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from desktop.paths import resource, user_data_dir

VARIANTS = ("Regular", "Bold", "Italic", "BoldItalic")
class FontError(Exception):
    """A style names a font family that is not installed."""


@dataclass(frozen=True)
class Family:
    name: str
    files: dict  # variant -> Path (Regular always present)

    def font_name(self, variant: str = "Regular") -> str:
        """The reportlab name of a variant, falling back to the nearest one present."""
        for v in (variant, "Bold" if "Bold" in variant else "Regular", "Regular"):
            if v in self.files:
                return f"{self.name}-{v}"
        raise FontError(self.name)


def font_dirs() -> list[Path]:
    """Bundled fonts first; the user's `fonts/` folder may add families."""
    return [resource("fonts"), user_data_dir() / "fonts"]


def families() -> dict[str, Family]:
    """Every family found in the font folders (looked up again when the folders change)."""
    return _families(tuple(font_dirs()))


@cache
def _families(dirs: tuple[Path, ...]) -> dict[str, Family]:
    found: dict[str, dict[str, Path]] = {}
    for d in dirs:
        if not d.is_dir():
            continue
        for f in sorted(d.glob("*.ttf")):
            stem, _sep, variant = f.stem.rpartition("-")
            if stem and variant in VARIANTS:
                found.setdefault(stem, {})[variant] = f
            elif "-" not in f.stem:  # "DejaVuSans.ttf": a family with one regular face
                found.setdefault(f.stem, {}).setdefault("Regular", f)
    return {n: Family(n, v) for n, v in found.items() if "Regular" in v}


def family(name: str) -> Family:
    """A family by name; spaces are ignored ("Noto Serif" = "NotoSerif")."""
    fams = families()
    key = name.replace(" ", "")
    if key not in fams:
        raise FontError(name)
    return fams[key]
