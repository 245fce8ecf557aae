#!/bin/sh
# make bench: files per second of `jixiao extract` over a folder of born-digital
# corpus documents (hard links of corpus/, ten of each; scans are timed by
# bench_pdf.sh), with one worker and with two.
# Usage: bench/bench_batch.sh JIXIAO CORPUS_DIR
set -eu
jixiao=$1
src=$2
dir=build/bench-batch
rm -rf "$dir"
mkdir -p "$dir"
i=0
while [ $i -lt 10 ]; do
    for f in "$src"/*/*.pdf "$src"/*/*.docx; do
        case "$f" in */scanned/*) continue ;; esac
        ln -f "$f" "$dir/$i-$(basename "$(dirname "$f")")-$(basename "$f")" 2>/dev/null ||
            cp "$f" "$dir/$i-$(basename "$(dirname "$f")")-$(basename "$f")"
    done
    i=$((i + 1))
done
files=$(ls "$dir" | wc -l)
for j in 1 2; do
    t0=$(date +%s%N)
    "$jixiao" extract -q -j$j "$dir" > /dev/null || true
    t1=$(date +%s%N)
    awk -v t="$((t1 - t0))" -v f="$files" -v j="$j" \
        'BEGIN { printf "batch: -j%d: %.1f files/s (%d files)\n", j, f / (t / 1e9), f }'
done
