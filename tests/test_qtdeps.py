"""`make run` names the exact Debian packages for the libraries Qt's xcb plugin lacks."""

from __future__ import annotations

from desktop import qtdeps

LDD = """\
\tlinux-vdso.so.1 (0x00007ffd)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-cursor.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibfontconfig.so.1 => /lib/x86_64-linux-gnu/libfontconfig.so.1 (0x00007f)
"""


def test_missing_libraries_are_read_from_ldd_once_each():
    missing = qtdeps.missing_libraries(qtdeps.Path("x.so"), LDD)
    assert missing == ["libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1"]


def test_packages_named_for_known_and_unknown_libraries():
    assert qtdeps.package_for("libxcb-icccm.so.4") == "libxcb-icccm4"
    assert qtdeps.package_for("libxkbcommon-x11.so.0") == "libxkbcommon-x11-0"
    assert qtdeps.package_for("libEGL.so.1") == "libegl1"
    # not listed: Debian's rule, with a hyphen when the name ends in a digit
    assert qtdeps.package_for("libxcb-xv.so.0") == "libxcb-xv0"
    assert qtdeps.package_for("libfoo2.so.5") == "libfoo2-5"


def test_the_printed_command_installs_exactly_the_missing_packages(monkeypatch, capsys):
    monkeypatch.setattr(qtdeps, "needs_check", lambda env=None: True)
    monkeypatch.setattr(qtdeps, "platform_plugin", lambda name="xcb": qtdeps.Path("libqxcb.so"))
    real = qtdeps.missing_libraries
    monkeypatch.setattr(qtdeps, "missing_libraries", lambda plugin, out=None: real(plugin, LDD))
    monkeypatch.setattr(qtdeps.shutil, "which", lambda name: "/usr/bin/" + name)
    monkeypatch.setattr(qtdeps.os, "geteuid", lambda: 1000)  # not root: nothing is installed
    assert qtdeps.main([]) == 1
    err = capsys.readouterr().err
    assert ("sudo apt-get install -y --no-install-recommends "
            "libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1") in err


def test_check_runs_only_where_qt_will_use_xcb(monkeypatch):
    monkeypatch.setattr(qtdeps.sys, "platform", "linux")
    assert qtdeps.needs_check({"DISPLAY": ":0"})
    assert not qtdeps.needs_check({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"})
    assert not qtdeps.needs_check({})
    assert qtdeps.needs_check({"QT_QPA_PLATFORM": "xcb"})


def test_installed_xcb_plugin_is_found_without_importing_qt():
    plugin = qtdeps.platform_plugin()
    assert plugin is None or plugin.name == "libqxcb.so"
