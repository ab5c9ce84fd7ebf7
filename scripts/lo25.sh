#!/usr/bin/env bash
# The integration tests in LibreOffice 25.2 (Debian 12 backports) with the same
# .oxt that was built against Debian 12's 7.4 SDK. LibreOffice 25.2 cannot sit
# beside 7.4 in one system, so it lives in a minimal Debian 12 chroot, built
# once and cached (QKPI_LO25_ROOT, default /var/cache/qkpi/lo25).
#
#   scripts/lo25.sh prepare          build the chroot if it is not there yet (~5 min)
#   scripts/lo25.sh run MODULE OXT   prepare, then run tests/integration/MODULE.py in it against OXT
#   scripts/lo25.sh version          the LibreOffice version in the chroot
#
# Needs root (debootstrap, mount, chroot) and the network for apt. When the
# machine cannot do that (no root, mount refused, no network), prepare and run
# exit with 77, which ctest reports as "skipped", never as passed.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
CH=${QKPI_LO25_ROOT:-/var/cache/qkpi/lo25}
SKIP=77
PACKAGES="libreoffice-calc python3-uno libreoffice-script-provider-python fonts-liberation2 fonts-dejavu-core libreoffice-l10n-de xvfb poppler-utils libreoffice-help-common libreoffice-writer"

skip() { echo "lo25: SKIPPED: $*"; exit $SKIP; }

mounted() { mountpoint -q "$1"; }

mount_all() {
  mounted "$CH/proc" || mount -t proc proc "$CH/proc" || skip "cannot mount proc in the chroot"
  mounted "$CH/dev" || mount --bind /dev "$CH/dev" || skip "cannot bind /dev"
  mounted "$CH/tmp" || mount -t tmpfs tmpfs "$CH/tmp" || skip "cannot mount a tmpfs"
  # The mount point after the tmpfs: a tree under /tmp must be made inside it.
  mkdir -p "$CH$ROOT"
  # A mount left by an earlier run at the same path can show a tree that has
  # since been deleted (a CI clone made again at the same place): it must be
  # this very directory (same device and inode), else it is bound again.
  local tries=0
  while mounted "$CH$ROOT" && [ "$(stat -c %d:%i "$CH$ROOT")" != "$(stat -c %d:%i "$ROOT")" ] && [ $tries -lt 8 ]; do
    echo "lo25: $CH$ROOT is a stale mount of an earlier tree: unmounting it"
    umount -l "$CH$ROOT" || true
    tries=$((tries + 1))
  done
  mounted "$CH$ROOT" || mount --bind "$ROOT" "$CH$ROOT" || skip "cannot bind the source tree"
  [ -f "$CH$ROOT/scripts/lo25.sh" ] || { echo "lo25: the source tree is not visible in the chroot at $CH$ROOT" >&2; exit 1; }
}

umount_all() {
  # Never delete through a mount: unmount everything below the chroot first.
  { findmnt -rn -o TARGET | grep -F "$CH/" || true; } | sort -r | while read -r m; do umount -l "$m" || true; done
}

prepare() {
  [ "$(id -u)" -eq 0 ] || skip "needs root for debootstrap and chroot"
  if [ -f "$CH/.qkpi-ready" ]; then
    echo "lo25: chroot ready in $CH ($(version))"
    return
  fi
  (
    # one preparation at a time
    mkdir -p "$(dirname "$CH")"
    exec 9>"$CH.lock"
    flock 9
    [ -f "$CH/.qkpi-ready" ] && exit 0
    command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap >/dev/null \
      || skip "cannot install debootstrap"
    umount_all
    rm -rf --one-file-system "$CH"
    debootstrap --variant=minbase bookworm "$CH" http://deb.debian.org/debian >"$CH.log" 2>&1 \
      || { tail -5 "$CH.log"; skip "debootstrap failed (network?)"; }
    echo "deb http://deb.debian.org/debian bookworm-backports main" >"$CH/etc/apt/sources.list.d/backports.list"
    mount_all
    chroot "$CH" bash -c "export DEBIAN_FRONTEND=noninteractive; apt-get update -q && \
      apt-get install -y -q --no-install-recommends -t bookworm-backports $PACKAGES" >>"$CH.log" 2>&1 \
      || { tail -5 "$CH.log"; skip "apt-get in the chroot failed"; }
    touch "$CH/.qkpi-ready"
  )
  echo "lo25: chroot ready in $CH ($(version))"
}

version() { chroot "$CH" /usr/lib/libreoffice/program/soffice --version 2>/dev/null | head -1; }

missing_packages() {
  local p
  for p in $PACKAGES; do
    chroot "$CH" dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
  done
}

# A chroot built before a package joined PACKAGES gets it now (one run at a
# time); when apt cannot (no network), the tests that need it skip.
ensure_packages() {
  [ -z "$(missing_packages)" ] && return 0
  if ! (
    exec 9>"$CH.lock"
    flock 9
    missing=$(missing_packages | tr '\n' ' ')
    [ -z "${missing// /}" ] && exit 0
    echo "lo25: installing $missing in the chroot"
    chroot "$CH" bash -c "export DEBIAN_FRONTEND=noninteractive; apt-get update -q && \
      apt-get install -y -q --no-install-recommends -t bookworm-backports $missing" >>"$CH.log" 2>&1
  ); then
    echo "lo25: could not install $(missing_packages | tr '\n' ' ')in the chroot; tests that need them skip"
  fi
}

run() {
  local module=$1 oxt=$2
  prepare
  mount_all
  ensure_packages
  echo "lo25: $module in $(version)"
  # Screenshots of the 25.2 run go to the chroot's /tmp, never over docs/img.
  chroot "$CH" bash -c "cd '$ROOT' && QKPI_SCREENSHOT_DIR=/tmp/qkpi-lo25-img /usr/bin/python3 tests/integration/$module.py --oxt '$oxt'"
}

case "${1:-}" in
  prepare) prepare ;;
  run) run "$2" "$3" ;;
  version) version ;;
  *) echo "usage: $0 prepare | run MODULE OXT | version" >&2; exit 2 ;;
esac
