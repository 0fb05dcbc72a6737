#!/usr/bin/env bash
# The DOCX's chart pictures two ways: the painter (src/charts/raster: marks, paint, glyph
# cache, greyscale PNG) against resvg (usvg + tiny-skia, palette PNG), on every chart of
# the sample and of the bundles in data/, each document's charts drawn and encoded as the
# DOCX draws them, one after the other, 15 rounds; prints the median and the best round
# per document, and the PNG bytes. Pictures of both kinds go to OUT_DIR when given.
#
#   bench/raster.sh [OUT_DIR]        (builds the release test binary of the library)
set -euo pipefail
cd "$(dirname "$0")/.."
bundles=$(ls data/*.json | paste -sd, -)
out=${1:-}
if [ -n "$out" ]; then mkdir -p "$out"; fi
LKJIP_BENCH_BUNDLE="$bundles" LKJIP_BENCH_OUT="$out" \
  cargo test --release --lib -- --ignored --exact \
  charts::raster::bench::painter_against_resvg --nocapture 2>&1 |
  grep -E '^[^ ]+: [0-9]+ charts'
