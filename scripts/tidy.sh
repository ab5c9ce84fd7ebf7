#!/usr/bin/env bash
# clang-tidy (checked-in .clang-tidy) over qkpi's own sources, using the
# compile commands of a build tree (default build/; scripts/build.sh first).
# Exit status 1 on any finding.
#   scripts/tidy.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
B=${1:-build}
[ -f "$B/compile_commands.json" ] || { echo "tidy: run scripts/build.sh first" >&2; exit 2; }
mapfile -t files < <(git ls-files 'src/*.cpp' 'src/*.cxx' 'tools/*.cpp')
status=0
for f in "${files[@]}"; do
  if ! out=$(clang-tidy --quiet -p "$B" "$f" 2>&1); then
    status=1
  fi
  grep -E "(warning|error):" <<<"$out" || true
done
[ $status -eq 0 ] && echo "tidy: ${#files[@]} files clean"
exit $status
