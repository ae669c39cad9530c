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
    monkeypatch.setattr(qtdeps, "platform_to_check", lambda env=None: "xcb")
    monkeypatch.setattr(qtdeps, "platform_plugin", lambda name="xcb": qtdeps.Path("libqxcb.so"))
    real = qtdeps.missing_libraries
    monkeypatch.setattr(qtdeps, "missing_libraries", lambda plugin, out=None: real(plugin, LDD))
    monkeypatch.setattr(qtdeps.shutil, "which", lambda name: "/usr/bin/" + name)
    monkeypatch.setattr(qtdeps.os, "geteuid", lambda: 1000)  # not root: nothing is installed
    assert qtdeps.main([]) == 1
    err = capsys.readouterr().err
    assert ("sudo apt-get install -y --no-install-recommends "
            "libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1") in err


def test_the_plugin_checked_is_the_one_qt_will_load(monkeypatch):
    monkeypatch.setattr(qtdeps.sys, "platform", "linux")
    assert qtdeps.platform_to_check({"DISPLAY": ":0"}) == "xcb"
    assert qtdeps.platform_to_check({"QT_QPA_PLATFORM": "xcb"}) == "xcb"
    # `make test` runs offscreen: a machine without a display still needs Qt's own libraries
    assert qtdeps.platform_to_check({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}) == "offscreen"
    assert qtdeps.platform_to_check({"QT_QPA_PLATFORM": "xcb:nograb"}) == "xcb"
    assert qtdeps.platform_to_check({"QT_QPA_PLATFORM": "", "DISPLAY": ""}) is None
    assert qtdeps.platform_to_check({}) is None
    monkeypatch.setattr(qtdeps.sys, "platform", "darwin")
    assert qtdeps.platform_to_check({"DISPLAY": ":0"}) is None


def test_nothing_to_check_without_a_display_or_platform(monkeypatch):
    monkeypatch.setattr(qtdeps, "platform_to_check", lambda env=None: None)
    monkeypatch.setattr(qtdeps, "missing_libraries", lambda *a: ["libxcb.so.1"])
    assert qtdeps.main([]) == 0


def test_installed_plugins_are_found_without_importing_qt():
    plugin = qtdeps.platform_plugin()
    assert plugin is None or plugin.name == "libqxcb.so"
    plugin = qtdeps.platform_plugin("offscreen")
    assert plugin is None or plugin.name == "libqoffscreen.so"


def test_as_root_the_missing_packages_are_installed_and_the_window_may_start(monkeypatch, capsys):
    monkeypatch.setattr(qtdeps, "platform_to_check", lambda env=None: "xcb")
    monkeypatch.setattr(qtdeps, "platform_plugin", lambda name="xcb": qtdeps.Path("libqxcb.so"))
    installed: list[list[str]] = []
    real = qtdeps.missing_libraries
    monkeypatch.setattr(qtdeps, "missing_libraries",
                        lambda plugin, out=None: [] if installed else real(plugin, LDD))
    monkeypatch.setattr(qtdeps.shutil, "which", lambda name: "/usr/bin/" + name)
    monkeypatch.setattr(qtdeps.os, "geteuid", lambda: 0)

    def run(cmd, **kwargs):
        if "install" in cmd:
            installed.append(cmd)

    monkeypatch.setattr(qtdeps.subprocess, "run", run)
    assert qtdeps.main([]) == 0
    assert installed and installed[0][-4:-1] == ["libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1"]
    assert "sudo" not in capsys.readouterr().err
