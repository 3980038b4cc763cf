#!/usr/bin/env bash
# System packages the app and its tests need: Qt's runtime libraries (PySide6 wheels
# bundle Qt but not the X/GL/font libraries it links to) and a PostgreSQL server for the
# store tests. Idempotent; only calls apt-get when something is missing and we are root.
set -euo pipefail
need=()
for lib in libEGL.so.1 libGL.so.1 libxkbcommon.so.0 libfontconfig.so.1 libdbus-1.so.3 \
           libxkbcommon-x11.so.0 libxcb-cursor.so.0 libglib-2.0.so.0 libfreetype.so.6; do
  ldconfig -p 2>/dev/null | grep -q "$lib" || need+=("$lib")
done
pkgs=()
if [ ${#need[@]} -gt 0 ]; then
  pkgs+=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 \
         libxcb-cursor0 libglib2.0-0 libfreetype6 fonts-dejavu-core)
fi
if [ "${WITH_POSTGRES:-1}" = 1 ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  pkgs+=(postgresql)
fi
if [ ${#pkgs[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup-system: installing ${pkgs[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
  else
    echo "setup-system: missing system packages (${pkgs[*]}); install them with your package manager" >&2
  fi
fi
