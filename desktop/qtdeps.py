"""Before the window opens on Linux: find the system libraries Qt's platform plugin lacks.

Qt aborts with a misleading message ("could not load the Qt platform plugin xcb … found")
when a library that its xcb plugin links against is missing. `make run` and `make test`
call this first: it asks the dynamic linker (`ldd`) which libraries of the platform plugin
Qt will load (xcb for a window, offscreen for the tests) cannot be found, installs their
Debian packages when it can (root with apt-get) and otherwise prints the one command to
run. It never imports Qt itself, so it works exactly where Qt would abort.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from desktop.i18n import _

# Library file (soname) → Debian/Ubuntu package, for what Qt's xcb plugin and Qt's core
# libraries load. Names not listed are guessed from the soname by Debian's naming rule.
PACKAGES = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libGLX.so.0": "libglx0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libSM.so.6": "libsm6",
    "libICE.so.6": "libice6",
}

_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.M)


def package_for(soname: str) -> str:
    """Debian package that ships `soname` (listed, else Debian's naming rule: libfoo.so.3 → libfoo3)."""
    if soname in PACKAGES:
        return PACKAGES[soname]
    m = re.match(r"^(lib[\w.+-]+?)\.so\.(\d+)", soname)
    if not m:
        return soname
    base, major = m.group(1).lower(), m.group(2)
    return f"{base}-{major}" if base[-1].isdigit() else f"{base}{major}"


def platform_plugin(name: str = "xcb") -> Path | None:
    """The Qt platform plugin file inside the installed PySide6, found without importing Qt."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    for root in spec.submodule_search_locations:
        plugin = Path(root) / "Qt" / "plugins" / "platforms" / f"libq{name}.so"
        if plugin.exists():
            return plugin
    return None


def missing_libraries(plugin: Path, ldd_output: str | None = None) -> list[str]:
    """Sonames the dynamic linker cannot find for `plugin` (and everything it links)."""
    if ldd_output is None:
        ldd = shutil.which("ldd")
        if ldd is None:
            return []
        done = subprocess.run([ldd, str(plugin)], capture_output=True, text=True, check=False)
        ldd_output = done.stdout + done.stderr
    return sorted(set(_NOT_FOUND.findall(ldd_output)))


def install_command(packages: list[str]) -> list[str]:
    return ["apt-get", "install", "-y", "--no-install-recommends", *packages]


def platform_to_check(env: dict[str, str] | None = None) -> str | None:
    """The Qt platform plugin that will load here (Linux only): QT_QPA_PLATFORM, else xcb
    when an X display is set; None when there is nothing to check."""
    env = dict(os.environ) if env is None else env
    if not sys.platform.startswith("linux"):
        return None
    platform = env.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if platform:
        return platform
    return "xcb" if env.get("DISPLAY") else None


def main(argv: list[str] | None = None) -> int:
    """Check, install when root with apt-get, else print the command; exit 1 when still missing."""
    name = platform_to_check()
    plugin = platform_plugin(name) if name else None
    if plugin is None:
        return 0  # nothing to check, or PySide6 itself is missing (pip's error says so)
    missing = missing_libraries(plugin)
    if not missing:
        return 0
    packages = sorted({package_for(s) for s in missing})
    print(_("Kenes needs system libraries that this machine lacks: {libs}").format(
        libs=", ".join(missing)), file=sys.stderr)
    apt = shutil.which("apt-get")
    if apt and os.geteuid() == 0:
        print(_("Installing: {packages}").format(packages=" ".join(packages)), file=sys.stderr)
        subprocess.run([apt, "update", "-qq"], check=False)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        # dpkg's progress lines would bury the result; apt's errors still reach stderr.
        subprocess.run([*install_command(packages), "-qq"], check=False, env=env,
                       stdout=subprocess.DEVNULL)
        missing = missing_libraries(plugin)
        if not missing:
            return 0
        packages = sorted({package_for(s) for s in missing})
    command = " ".join(install_command(packages))
    if apt:
        print(_("Install them with:\n  sudo {command}").format(command=command), file=sys.stderr)
    else:
        print(_("Install the packages of your distribution that provide them."), file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
