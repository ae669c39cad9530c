#!/bin/sh
# Install Kenes for the current user (no root, no network): the application folder to
# ~/.local/lib/kenes, the `kenes` command to ~/.local/bin, the menu entry, AppStream
# metainfo and icons to ~/.local/share. PREFIX=/some/where ./install.sh installs elsewhere;
# ./install.sh --uninstall removes what it installed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
prefix=${PREFIX:-$HOME/.local}
app=$prefix/lib/kenes
bin=$prefix/bin
share=$prefix/share
id=kz.kenes.Kenes

refresh() {
  command -v update-desktop-database >/dev/null 2>&1 \
    && update-desktop-database -q "$share/applications" 2>/dev/null || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 \
    && gtk-update-icon-cache -q -t "$share/icons/hicolor" 2>/dev/null || true
}

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$app"
  [ -L "$bin/kenes" ] && rm -f "$bin/kenes"
  rm -f "$share/applications/$id.desktop" "$share/metainfo/$id.metainfo.xml"
  find "$share/icons/hicolor" -name "$id.*" -type f -delete 2>/dev/null || true
  refresh
  echo "Kenes removed from $prefix (your libraries in ~/.local/share/kenes are kept)."
  exit 0
fi

[ -x "$here/kenes/kenes" ] || { echo "kenes/kenes not found beside install.sh" >&2; exit 1; }
mkdir -p "$prefix/lib" "$bin" "$share/applications" "$share/metainfo"
rm -rf "$app.new"
cp -a "$here/kenes" "$app.new"
rm -rf "$app"
mv "$app.new" "$app"
ln -sfn "$app/kenes" "$bin/kenes"
# The menu starts the installed program by its full path (~/.local/bin may not be on the
# desktop session's PATH).
sed -e "s|^Exec=kenes|Exec=$app/kenes|" -e "s|^TryExec=kenes|TryExec=$app/kenes|" \
  "$here/share/applications/$id.desktop" > "$share/applications/$id.desktop"
cp "$here/share/metainfo/$id.metainfo.xml" "$share/metainfo/"
cp -R "$here/share/icons" "$share/"
refresh
echo "Kenes installed in $app."
echo "Start it from the applications menu or with: $bin/kenes"
echo "Check it with: $bin/kenes --self-test"
case ":$PATH:" in *":$bin:"*) ;; *) echo "($bin is not on your PATH.)" ;; esac
