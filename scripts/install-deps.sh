#!/bin/sh
# Installs the Debian packages jixiao needs to build, test and benchmark.
# Does nothing when they are all present; works as root or through sudo.
set -eu
PKGS="gcc clang make pkg-config libc6-dev libglib2.0-dev libpoppler-glib-dev libxml2-dev
libpcre2-dev libcunit1-dev libzip-dev libsqlite3-dev libjson-glib-dev libcairo2-dev libjpeg-dev sqlite3
libpq-dev postgresql
poppler-utils time qpdf unzip libclang-rt-14-dev man-db chromium
libtesseract-dev libleptonica-dev tesseract-ocr-chi-sim tesseract-ocr-eng"

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "install-deps: not a Debian system; install the equivalents of: $PKGS" >&2
    exit 0
fi
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
        missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "install-deps: need root or sudo to install:$missing" >&2
    exit 1
fi
echo "install-deps: installing$missing" >&2
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
# shellcheck disable=SC2086
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
