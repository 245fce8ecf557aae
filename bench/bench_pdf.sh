#!/bin/sh
# make bench: jixiao's whole pipeline on born-digital PDFs against Poppler's
# own `pdftotext -layout` on the same files, measured in the same run:
# seconds per page for each, and the ratio. Peak memory from /usr/bin/time
# when it is there. Usage: bench/bench_pdf.sh JIXIAO PDF...
set -eu
jixiao=$1
shift
rounds=${BENCH_ROUNDS:-10}
pages=0
for f in "$@"; do
    n=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}')
    pages=$((pages + ${n:-0}))
done
now() { date +%s%N; }
# peak FILE CMD...: runs CMD, its peak memory (KiB) into FILE (0 without
# /usr/bin/time); CMD failing does not stop the bench (time then writes a
# line of its own first: the number is the last line)
peak() {
    out=$1
    shift
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f "%M" -o "$out.raw" "$@" > /dev/null || true
        tail -n 1 "$out.raw" > "$out"
    else
        "$@" > /dev/null || true
        echo 0 > "$out"
    fi
}
t0=$(now)
i=0
while [ $i -lt "$rounds" ]; do
    for f in "$@"; do pdftotext -layout "$f" /dev/null; done
    i=$((i + 1))
done
t1=$(now)
i=0
while [ $i -lt "$rounds" ]; do
    "$jixiao" extract -q "$@" > /dev/null || true
    i=$((i + 1))
done
t2=$(now)
awk -v a="$((t1 - t0))" -v b="$((t2 - t1))" -v p="$pages" -v r="$rounds" -v files="$#" 'BEGIN {
    pa = a / 1e9 / (p * r); pb = b / 1e9 / (p * r);
    printf "pdf: %d files, %d pages, %d rounds: pdftotext -layout %.2f ms/page, jixiao %.2f ms/page, ratio %.2fx\n",
           files, p, r, pa * 1000, pb * 1000, pb / pa }'
peak build/bench-all.mem "$jixiao" extract -q "$@"
echo "pdf: jixiao peak memory $(cat build/bench-all.mem) KiB on all files in one run"
# a long document: the corpus pages repeated to 300 and more (needs qpdf)
if command -v qpdf >/dev/null 2>&1; then
    mkdir -p build
    set -- $(for i in $(seq 1 40); do echo "$1"; done)
    qpdf --empty --pages "$@" -- build/bench-long.pdf 2>/dev/null
    n=$(pdfinfo build/bench-long.pdf | awk '/^Pages:/ {print $2}')
    # rounds interleaved, the median round reported: one run each swung
    # between 2.7x and 4.6x on a machine shared with other jobs
    : > build/bench-long.times
    i=0
    while [ $i -lt "${BENCH_LONG_ROUNDS:-5}" ]; do
        t0=$(now); pdftotext -layout build/bench-long.pdf /dev/null; t1=$(now)
        "$jixiao" extract -q build/bench-long.pdf > /dev/null; t2=$(now)
        echo "$((t1 - t0)) $((t2 - t1))" >> build/bench-long.times
        i=$((i + 1))
    done
    peak build/bench-long.mem "$jixiao" extract -q build/bench-long.pdf
    awk '{ print $2 / $1, $1, $2 }' build/bench-long.times | sort -n |
    awk -v p="$n" -v m="$(cat build/bench-long.mem)" '{ r[NR] = $0 } END {
        split(r[int((NR + 1) / 2)], x, " ");
        printf "pdf: one %d-page file, median of %d rounds: pdftotext -layout %.2f ms/page, jixiao %.2f ms/page, ratio %.2fx (rounds %.2fx to %.2fx), jixiao peak memory %.0f MiB\n",
               p, NR, x[2] / 1e6 / p, x[3] / 1e6 / p, x[1], r[1] + 0, r[NR] + 0, m / 1024 }'
fi
# scanned pages: OCR of every table cell (corpus/scanned, when there)
if [ -d corpus/scanned ]; then
    n=0
    for f in corpus/scanned/*.pdf; do
        n=$((n + $(pdfinfo "$f" | awk '/^Pages:/ {print $2}')))
    done
    t0=$(now)
    peak build/bench-scan.mem "$jixiao" extract -q -j1 corpus/scanned
    t1=$(now)
    awk -v t="$((t1 - t0))" -v p="$n" -v m="$(cat build/bench-scan.mem)" 'BEGIN {
        printf "ocr: %d scanned pages: %.2f s/page on one core, peak memory %.0f MiB\n", p, t / 1e9 / p, m / 1024 }'
    # memory on a long scan: the 000 scan's pages repeated to
    # BENCH_SCAN_PAGES (default 100; 0 leaves it out), one file, one core
    long=${BENCH_SCAN_PAGES:-100}
    if [ "$long" -gt 0 ] && command -v qpdf >/dev/null 2>&1; then
        src=corpus/scanned/000-tongzhou-5forms.pdf
        k=$(pdfinfo "$src" | awk '/^Pages:/ {print $2}')
        set -- $(for i in $(seq 1 $(((long + k - 1) / k))); do echo "$src"; done)
        qpdf --empty --pages "$@" -- build/bench-scan-long.pdf 2>/dev/null
        qpdf --empty --pages build/bench-scan-long.pdf 1-"$long" -- build/bench-scan-cut.pdf 2>/dev/null
        t0=$(now)
        peak build/bench-scan-long.mem "$jixiao" extract -q -j1 --timeout 0 build/bench-scan-cut.pdf
        t1=$(now)
        awk -v t="$((t1 - t0))" -v p="$long" -v m="$(cat build/bench-scan-long.mem)" 'BEGIN {
            printf "ocr: one %d-page scan: %.2f s/page on one core, peak memory %.0f MiB\n", p, t / 1e9 / p, m / 1024 }'
    fi
fi
