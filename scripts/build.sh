#!/usr/bin/env bash
# Configures and builds everything into build/ (core, tests, component, build/qkpi.oxt).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"
echo "build: $(pwd)/build/qkpi.oxt"
