#!/usr/bin/env bash
# Type-checks the Windows-only, Qt-free platform sources with mingw-w64, since
# Windows binaries cannot be linked on a Linux build machine (no Qt, OpenSSL or
# Net-SNMP built for Windows in Debian). Warnings are errors, as for our code.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cxx=${MINGW_CXX:-x86_64-w64-mingw32-g++-posix}
if ! command -v "$cxx" >/dev/null; then
  echo "check-windows-sources: $cxx not found; install g++-mingw-w64-x86-64 (scripts/install-deps.sh)" >&2
  exit 1
fi
mapfile -t sources < <(cd "$top" && find . -path ./build -prune -o -path '*/node_modules' -prune -o \
  -path '*/platform/*' \( -name '*Windows.cpp' -o -path '*/windows/*.cpp' \) -print | sort)
failed=0
for src in "${sources[@]}"; do
  if "$cxx" -std=c++20 -Wall -Wextra -Werror -Wshadow -Wold-style-cast -DUNICODE -D_UNICODE \
       -c "$top/$src" -o /dev/null; then
    echo "ok   $src"
  else
    echo "FAIL $src"
    failed=1
  fi
done
echo "check-windows-sources: ${#sources[@]} files checked"
[ ${#sources[@]} -gt 0 ] && exit $failed
echo "check-windows-sources: no Windows sources found" >&2
exit 1
