#!/usr/bin/env bash
# Side-by-side timing of the sample report, alternating runs after a warm-up:
#   (a) lkjip render of the embedded sample (validate, figures, IR, PDF and DOCX);
#   (b) the official typst compiler on the same document (`render --emit-typst`): the
#       typst CLI when on PATH (cargo install typst-cli --version 0.15.1 --locked), else
#       the Python binding of the same compiler (pip install typst==0.15.2);
#   (c) LibreOffice converting our DOCX to PDF.
# Prints the median wall time and the peak RSS of each, and the ratios (a)/(b), (c)/(a).
# Builds nothing: needs target/release/lkjip (cargo build --release), or the binary named
# by LKJIP_BIN (e.g. an older build, for before/after), and /usr/bin/time.
# Usage: [LKJIP_BIN=path] bench/compare.sh [RUNS]   (default 5)
set -euo pipefail
export LC_ALL=C  # a dot in $EPOCHREALTIME and in the numbers printed
cd "$(dirname "$0")/.."
bin=${LKJIP_BIN:-target/release/lkjip}
[ -x "$bin" ] || { echo "$bin: build first: cargo build --release" >&2; exit 2; }
runs=${1:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$bin" render -o "$work/out" --emit-typst "$work/typ" 2>/dev/null
if command -v typst >/dev/null; then
  peer="typst CLI $(typst --version | awk '{print $2}')"
  typst_cmd=(typst compile --ignore-system-fonts --font-path "$work/typ/fonts" "$work/typ/main.typ" "$work/peer.pdf")
elif python3 -c "import typst" 2>/dev/null; then
  peer="typst $(python3 -c 'import importlib.metadata as m; print(m.version("typst"))') (Python binding)"
  typst_cmd=(python3 -c "import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], font_paths=[sys.argv[3]], ignore_system_fonts=True)" "$work/typ/main.typ" "$work/peer.pdf" "$work/typ/fonts")
else
  echo "no typst compiler: install typst-cli 0.15.1 or pip install typst==0.15.2" >&2; exit 2
fi
soffice_cmd=()
if command -v soffice >/dev/null; then
  soffice_cmd=(soffice "-env:UserInstallation=file://$work/lo-profile" --headless --convert-to pdf --outdir "$work/lo" "$work/out/mojokerto-2021.docx")
fi

# One timed run: prints "seconds kilobytes user+sys-seconds". The wall time comes from
# bash's microsecond clock (/usr/bin/time's own is in hundredths), the rest from time.
measure() {
  local start=$EPOCHREALTIME
  /usr/bin/time -f "%M %U %S" -o "$work/t" "$@" >/dev/null 2>&1
  local end=$EPOCHREALTIME
  awk -v s="$start" -v e="$end" '{printf "%.4f %s %.2f\n", e - s, $1, $2 + $3}' "$work/t"
}

# Warm-up (caches, LibreOffice profile).
measure "$bin" render -o "$work/out" >/dev/null
measure "${typst_cmd[@]}" >/dev/null
[ ${#soffice_cmd[@]} -gt 0 ] && measure "${soffice_cmd[@]}" >/dev/null

: >"$work/a"; : >"$work/b"; : >"$work/c"
# The three alternate, so a machine that speeds up or slows down over the minutes weighs
# on all alike; after LibreOffice a pause of a second, or its aftermath (1,3 s of work,
# 200 MB freed) slows the next run. Even so the first run after the pause is 6-10 ms
# slower than the second (caches and a CPU left cold: measured by swapping the two), so
# (a) and (b) take turns at going first.
for i in $(seq "$runs"); do
  if ((i % 2)); then
    measure "$bin" render -o "$work/out" >>"$work/a"
    measure "${typst_cmd[@]}" >>"$work/b"
  else
    measure "${typst_cmd[@]}" >>"$work/b"
    measure "$bin" render -o "$work/out" >>"$work/a"
  fi
  if [ ${#soffice_cmd[@]} -gt 0 ]; then
    measure "${soffice_cmd[@]}" >>"$work/c"
    sleep 1
  fi
done

median() { sort -n -k1,1 "$1" | awk '{a[NR]=$1; m[NR]=$2} END {i=int((NR+1)/2); printf "%s %s", a[i], m[i]}'; }
cpu() { sort -n -k3,3 "$1" | awk '{c[NR]=$3} END {printf "%s", c[int((NR+1)/2)]}'; }
peak() { sort -n -k2,2 "$1" | tail -1 | awk '{printf "%.0f", $2/1024}'; }
read -r a _ <<<"$(median "$work/a")"
read -r b _ <<<"$(median "$work/b")"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $runs alternating runs, medians"
echo "| what | median wall | median user+sys CPU | peak RSS |"
echo "|---|---|---|---|"
echo "| (a) lkjip render (validate, figures, IR, PDF + DOCX) | ${a} s | $(cpu "$work/a") s | $(peak "$work/a") MB |"
echo "| (b) $peer, same document | ${b} s | $(cpu "$work/b") s | $(peak "$work/b") MB |"
if [ -s "$work/c" ]; then
  read -r c _ <<<"$(median "$work/c")"
  echo "| (c) LibreOffice DOCX → PDF | ${c} s | $(cpu "$work/c") s | $(peak "$work/c") MB |"
  awk -v a="$a" -v b="$b" -v c="$c" 'BEGIN { printf "(a)/(b) = %.2f   (c)/(a) = %.1f\n", a / b, c / a }'
else
  awk -v a="$a" -v b="$b" 'BEGIN { printf "(a)/(b) = %.2f   (LibreOffice not found)\n", a / b }'
fi
