#!/usr/bin/env bash
# Whole-run benchmark: files/s, MB/s and peak RSS for -j 1 and -j 2 on the
# benchmark corpus, RSS flatness (200 vs 2,000 files), and PDF extraction
# against poppler's pdftotext on the same PDFs.
#
# Usage: bash bench/run.sh [--quick]     (--quick: 200 files / 20 MB only)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v pdftotext >/dev/null || { apt-get update -qq && apt-get install -y -qq poppler-utils >/dev/null; }
cargo build --release -q
BIN=$PWD/target/release/baocao
WORK=${BENCH_DIR:-target/bench}
mkdir -p "$WORK"
FILES=2000 MB=200
[ "${1:-}" = "--quick" ] && FILES=200 MB=20
[ -d "$WORK/corpus-$FILES" ] || python3 bench/make_corpus.py "$WORK/corpus-$FILES" --files "$FILES" --min-mb "$MB"
[ -d "$WORK/corpus-200" ] || python3 bench/make_corpus.py "$WORK/corpus-200" --files 200 --min-mb 20

# run LABEL DIR JOBS -> prints one result line
run() {
  local label=$1 dir=$2 jobs=$3 out
  out=$(mktemp -d)
  local bytes files
  bytes=$(du -sbL "$dir" | cut -f1); files=$(find -L "$dir" -type f | wc -l)
  local t0 t1 rss
  t0=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$out.rss" "$BIN" extract "$dir" -o "$out" -j "$jobs" -q --no-text || true
  t1=$(date +%s.%N)
  rss=$(cat "$out.rss")
  python3 - "$label" "$jobs" "$files" "$bytes" "$t0" "$t1" "$rss" <<'PY'
import sys
label, jobs, files, b, t0, t1, rss = sys.argv[1:]
s = float(t1) - float(t0)
print(f"{label:<18} -j {jobs}  {int(files):>5} files  {int(b)/1e6:7.1f} MB  {s:7.2f} s  "
      f"{int(files)/s:8.1f} files/s  {int(b)/1e6/s:6.2f} MB/s  peak RSS {int(rss)/1024:6.1f} MiB")
PY
  rm -rf "$out" "$out.rss"
}

echo "== text pipeline"
run "text" "$WORK/corpus-$FILES" 1
run "text" "$WORK/corpus-$FILES" 2
echo "== memory flatness (RSS of 200 vs $FILES files, -j 2)"
run "text-200" "$WORK/corpus-200" 2

echo "== by damage style (-j 1, the $FILES-file corpus; a link folder per style)"
for style in utf8 utf8bom nfd pdffont utf16le cp1258 tcvn3 viscii mojibake; do
  sdir="$WORK/style-$FILES-$style"
  if [ ! -d "$sdir" ]; then
    mkdir -p "$sdir"
    for f in "$WORK/corpus-$FILES"/*_"$style".txt; do
      [ -e "$f" ] && ln -s "$(cd "$(dirname "$f")" && pwd)/$(basename "$f")" "$sdir/"
    done
  fi
  run "$style" "$sdir" 1
done

echo "== PDF: baocao vs pdftotext on the same PDFs"
PDFDIR="$WORK/pdfs"
if [ ! -d "$PDFDIR" ]; then
  mkdir -p "$PDFDIR"
  n=0
  for f in fixtures/pdf/*.pdf; do
    [ -e "$f" ] || continue
    for i in $(seq 1 60); do cp "$f" "$PDFDIR/$(basename "$f" .pdf)_$i.pdf"; done
  done
fi
if ls "$PDFDIR"/*.pdf >/dev/null 2>&1; then
  pages=0
  for f in "$PDFDIR"/*.pdf; do pages=$((pages + $(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/{print $2}'))); done
  for j in 1 2; do
    out=$(mktemp -d)
    t0=$(date +%s.%N)
    /usr/bin/time -f "%M" -o "$out.rss" "$BIN" extract "$PDFDIR" -o "$out" -j "$j" -q --no-text || true
    t1=$(date +%s.%N)
    python3 - "$pages" "$j" "$t0" "$t1" "$(cat "$out.rss")" "$(ls "$PDFDIR" | wc -l)" <<'PY'
import sys
p, j, t0, t1, rss, files = sys.argv[1:]
a = float(t1) - float(t0); p = int(p)
print(f"pdf -j {j}: {files} files, {p} pages, {a:.2f} s, {p/a:.0f} pages/s, {int(files)/a:.1f} files/s, peak RSS {int(rss)/1024:.1f} MiB")
PY
    rm -rf "$out" "$out.rss"
  done
  t2=$(date +%s.%N); for f in "$PDFDIR"/*.pdf; do pdftotext "$f" - >/dev/null; done; t3=$(date +%s.%N)
  t4=$(date +%s.%N); "$BIN" extract "$PDFDIR" -o "$(mktemp -d)" -j 1 -q --no-text || true; t5=$(date +%s.%N)
  python3 - "$pages" "$t4" "$t5" "$t2" "$t3" <<'PY'
import sys
p, t0, t1, t2, t3 = sys.argv[1:]
a = float(t1) - float(t0); b = float(t3) - float(t2); p = int(p)
print(f"{p} pages, one process at a time: baocao -j 1 {a:.2f} s ({p/a:.0f} pages/s), pdftotext {b:.2f} s ({p/b:.0f} pages/s), ratio {a/b:.2f}")
PY
else
  echo "no PDFs in fixtures/pdf"
fi
