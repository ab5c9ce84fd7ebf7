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
  xvfb xdotool imagemagick poppler-utils fonts-dejavu-core fonts-liberation2
  locales
)

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

# The German locale for a German Calc with a German document locale (LC_ALL=de_DE.UTF-8: the German
# workflow test and the German screenshots use it when present). A fresh Debian 12 has only C, C.utf8, POSIX.
german_locale() {
  if locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$'; then return 0; fi
  echo "setup: generating the locale de_DE.UTF-8"
  $SUDO sed -i 's/^# *\(de_DE.UTF-8 UTF-8\)/\1/' /etc/locale.gen
  grep -q '^de_DE.UTF-8 UTF-8' /etc/locale.gen || echo 'de_DE.UTF-8 UTF-8' | $SUDO tee -a /etc/locale.gen >/dev/null
  $SUDO locale-gen >/dev/null
}

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all packages present"
  german_locale
  exit 0
fi

echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
german_locale
