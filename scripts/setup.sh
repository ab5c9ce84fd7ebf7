#!/usr/bin/env bash
# Installs what qkpi needs on Debian 12 (apt), skipping packages already there.
# Safe to run again. Needs root (or sudo) only when something is missing.
# libreoffice-help-common (main_transform.xsl) and libreoffice-writer (the help window renders pages with
# Writer/Web) are what LibreOffice's help window needs to show the extension's help pages.
set -euo pipefail

PACKAGES=(
  libreoffice-calc libreoffice-dev libreoffice-dev-common libreoffice-script-provider-python python3-uno
  libreoffice-l10n-de
  libreoffice-help-common libreoffice-writer
  libboost-dev libgtest-dev libgmock-dev libicu-dev cmake g++ make
  clang libclang-rt-14-dev clang-tidy clang-format
  xvfb imagemagick poppler-utils fonts-dejavu-core fonts-liberation2
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all packages present"
  exit 0
fi

echo "setup: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
