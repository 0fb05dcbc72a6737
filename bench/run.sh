#!/usr/bin/env bash
# Benchmark: render time, phases and peak memory of `lkjip render` for the sample and for
# generated bundles of growing size (to see that nothing is quadratic), next to
# LibreOffice turning the same DOCX into a PDF (the usual way offices make their PDF).
# Usage: bench/run.sh [SIZES...]   (default: 50 500 2000 indicators). Needs /usr/bin/time
# and, for the comparison, soffice. Prints a markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
bin=target/release/lkjip
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sizes=("${@:-50 500 2000}")
[ $# -eq 0 ] && sizes=(50 500 2000)

# Sum of the durations of the phases matching $1 ("timing: PHASE: N ms (at T ms)").
phase() { { grep -E "timing: $1:" "$work/err" || true; } | awk '{s += $(NF-4)} END {printf "%d ms", s}'; }

measure() { # name bundle
  local name=$1 bundle=$2 out="$work/out-$1"
  LKJIP_TIMINGS=1 /usr/bin/time -v "$bin" render "$bundle" -o "$out" 2>"$work/err" >/dev/null
  local wall rss pages ir pdf docx lo="-"
  wall=$(grep "Elapsed" "$work/err" | awk '{print $NF}')
  rss=$(grep "Maximum resident" "$work/err" | awk '{printf "%.0f", $NF/1024}')
  pages=$(grep -o "[0-9]* pages" "$work/err" | head -1 | cut -d' ' -f1)
  ir=$(phase "figures \\+ IR")
  pdf=$(phase "PDF (layout|export)")
  docx=$(phase "DOCX")
  if command -v soffice >/dev/null; then
    local start end
    start=$(date +%s.%N)
    soffice -env:UserInstallation=file://"$work"/lo-profile --headless --convert-to pdf \
      --outdir "$work/lo" "$out"/*.docx >/dev/null 2>&1 || true
    end=$(date +%s.%N)
    lo=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f s", b - a }')
  fi
  echo "| $name | $pages | $wall | $ir | $pdf | $docx | $rss MiB | $lo |"
}

echo "| bundle | PDF pages | lkjip wall | figures+IR | PDF layout+export | DOCX (beside the export) | peak RSS | LibreOffice DOCX→PDF |"
echo "|---|---|---|---|---|---|---|---|"
measure sample data/mojokerto-2021.json
for n in "${sizes[@]}"; do
  python3 bench/make_large.py "$n" "$work/large-$n.json"
  measure "large-$n" "$work/large-$n.json"
done
