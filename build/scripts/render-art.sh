#!/usr/bin/env bash
# Render Carrel's SVG artwork to PNG.
#
#   imgs/gen1.svg   -> imgs/gen1.png            (1200x600 course illustration)
#   build/icon.svg  -> build/icon.png           (1024x1024 app icon)
#                   -> build/icons/NxN.png      (16..512, electron-builder Linux icon set)
#
# Usage (from the repository root):  bash build/scripts/render-art.sh
# Requires rsvg-convert (Debian/Ubuntu package: librsvg2-bin).
# Safe to run repeatedly: every output is regenerated from its SVG source.
set -euo pipefail

if ! command -v rsvg-convert >/dev/null 2>&1; then
  echo "render-art: error: 'rsvg-convert' was not found on PATH." >&2
  echo "render-art: install it with: sudo apt-get install librsvg2-bin  (Debian/Ubuntu package 'librsvg2-bin')" >&2
  exit 1
fi

# Resolve the repository root from this script's location so the script also
# works when called from another directory.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

# render SRC OUT WIDTH HEIGHT
render() {
  local src="$1" out="$2" w="$3" h="$4" tmp
  if [[ ! -f "$src" ]]; then
    echo "render-art: error: source file '$src' is missing." >&2
    exit 1
  fi
  mkdir -p "$(dirname "$out")"
  # Write to a temp file first so an interrupted run never leaves a broken PNG.
  tmp="$(mktemp "$(dirname "$out")/.render-art.XXXXXX")"
  if ! rsvg-convert --width="$w" --height="$h" --format=png --output="$tmp" "$src"; then
    rm -f "$tmp"
    echo "render-art: error: rsvg-convert failed on '$src'." >&2
    exit 1
  fi
  chmod 0644 "$tmp"
  mv -f "$tmp" "$out"
  echo "render-art: $src -> $out (${w}x${h})"
}

render imgs/gen1.svg imgs/gen1.png 1200 600

render build/icon.svg build/icon.png 1024 1024
for size in 16 32 48 64 128 256 512; do
  render build/icon.svg "build/icons/${size}x${size}.png" "$size" "$size"
done

echo "render-art: done."
