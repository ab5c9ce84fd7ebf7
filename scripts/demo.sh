#!/usr/bin/env bash
# The main job: installs what is missing, builds, installs build/qkpi.oxt into a
# throw-away LibreOffice profile, fills in the quality objectives' KPIs on the
# sample workbook and writes out/quality-review.ods and out/quality-review.pdf.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
/usr/bin/python3 scripts/demo.py --oxt build/qkpi.oxt --out out
