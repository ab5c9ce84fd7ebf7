#!/usr/bin/env bash
# Every test: installs what is missing, builds, then runs all suites (unit and
# integration in real headless LibreOffice) under one ctest run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
cd build
ctest --output-on-failure -j2 --timeout 600 "$@"
