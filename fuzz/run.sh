#!/usr/bin/env bash
# Run every fuzz target for SECONDS each (default 1800), one after another,
# seeded from the fixtures. Needs the nightly toolchain and cargo-fuzz:
#   rustup toolchain install nightly && cargo install cargo-fuzz
# Crashing inputs land in fuzz/artifacts/<target>/: commit each under
# tests/bad/ with a test that replays it. (A `timeout-*` artifact can be an
# artefact of a paused or starved process: re-run it alone before acting.)
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-1800}
shift || true
targets=${*:-decode normalize pipeline pdf docx_xml}
python3 fuzz/seed.py
cargo +nightly fuzz build -O
# Long enough to keep every seed whole: a DOCX cut at 4,096 bytes is an invalid
# zip, and the fuzzer then never leaves the zip reader.
max_len() {
  case $1 in
    pdf) echo 131072 ;;        # the PDF fixtures are up to 85 KB
    docx_xml) echo 131072 ;;   # the largest document.xml is 100 KB
    decode) echo 65536 ;;      # DOCX fixtures up to 11 KB, text pieces 3 KB
    *) echo 4096 ;;            # text pieces of 3,000 bytes
  esac
}
for t in $targets; do
  echo "== $t: ${secs}s"
  cargo +nightly fuzz run -O "$t" -- -max_total_time="$secs" -max_len="$(max_len "$t")" \
    -timeout=20 -rss_limit_mb=2048 -dict=fuzz/vi.dict -print_final_stats=1 \
    2>&1 | tee "fuzz/$t.log" | grep -E "^#[0-9]+ *(DONE|pulse)|ERROR|panicked|stat::" || true
done
