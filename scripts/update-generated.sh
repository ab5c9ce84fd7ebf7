#!/usr/bin/env bash
# Copies the files generated from the function table over their checked-in copies.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --build build --target qkpi_gen >/dev/null
mkdir -p docs idl
build/tools/qkpi_gen idl > idl/XQualityKpi.idl
build/tools/qkpi_gen reference > docs/functions.md
echo "updated idl/XQualityKpi.idl docs/functions.md"
