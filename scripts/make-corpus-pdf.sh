#!/bin/sh
# Builds the PDFs of corpus/pdf/ and the bad PDFs of tests/data/ from the
# DOCX files that scripts/make-corpus-docx.py writes. Needs LibreOffice
# (libreoffice-writer-nogui), a CJK font (fonts-wqy-zenhei), qpdf, img2pdf
# and poppler-utils; none of them is needed to build or test jixiao, since
# the results are committed. Run from the repository root.
set -eu
python3 scripts/make-corpus-docx.py >/dev/null
mkdir -p corpus/pdf corpus/pdf-unruled corpus/pdf-flow corpus/pdf-rotated build/corpus-src
convert() { soffice --headless --convert-to pdf --outdir "$2" "$1" >/dev/null 2>&1; }

# Word-style export of the DOCX forms: ruled tables
convert corpus/docx/000-tongzhou-5forms.docx corpus/pdf
convert corpus/docx/001-longgang-3forms.docx corpus/pdf
convert corpus/docx/003-guangshui-common.docx corpus/pdf
convert corpus/docx/003-guangshui-goals.docx corpus/pdf
convert corpus/docx/2021-template-cost.docx corpus/pdf
# a system-style PDF: the same forms with no ruling lines at all
convert build/corpus-src/unruled/001-longgang-3forms.docx corpus/pdf-unruled
# forms that flow on: two forms on a page, tables broken across pages
convert build/corpus-src/flow/000-tongzhou-5forms.docx corpus/pdf-flow

# pages turned by /Rotate 90: the text reads downwards as shown
qpdf --rotate=+90 corpus/pdf/000-tongzhou-5forms.pdf corpus/pdf-rotated/000-tongzhou-5forms.pdf

# a scan: the pages of the 000 PDF as 200 dpi gray JPEG images, no text layer
mkdir -p corpus/scanned build/corpus-src/scan
rm -f build/corpus-src/scan/*
pdftoppm -r 200 -gray -jpeg -jpegopt quality=80 corpus/pdf/000-tongzhou-5forms.pdf build/corpus-src/scan/p
img2pdf build/corpus-src/scan/p-*.jpg -o corpus/scanned/000-tongzhou-5forms.pdf
# scans as they come: leaning a degree or so, grey paper, dirt, a red seal
# over the table (build/scan-sim, scripts/scan-sim.c); gold: the true values
make build/scan-sim >/dev/null
seed=1
for f in 2021-template-cost 003-guangshui-common 003-guangshui-goals 001-longgang-3forms; do
    rm -f build/corpus-src/scan/s-*
    build/scan-sim corpus/pdf/$f.pdf build/corpus-src/scan/s 200 $seed >/dev/null
    img2pdf build/corpus-src/scan/s-*.jpg -o corpus/scanned/$f.pdf
    python3 scripts/gold-for-scan.py corpus/pdf/$f.gold.jsonl corpus/scanned/$f.pdf
    seed=$((seed + 1))
done
# fed in sideways and upside down; a scan whose JPEG says 72 dpi (its PDF
# page 1654 x 2339 pt); args: DPI SEED TURN SAYS_DPI
for spec in "2021-template-cost sideways 200 5 90 200" \
            "2021-template-cost upside-down 200 6 180 200" \
            "003-guangshui-common 72dpi 200 7 0 72"; do
    set -- $spec
    rm -f build/corpus-src/scan/s-*
    build/scan-sim corpus/pdf/$1.pdf build/corpus-src/scan/s $3 $4 $5 $6 >/dev/null
    img2pdf build/corpus-src/scan/s-*.jpg -o corpus/scanned/$1-$2.pdf
    python3 scripts/gold-for-scan.py corpus/pdf/$1.gold.jsonl corpus/scanned/$1-$2.pdf
done
# corpus/gen-scanned-heldout: the held-back generated forms (corpus/gen-pdf-
# heldout, data no reader was tuned on) through the scanner at 200 and 150
# dpi, other seeds; only scored, never tuned on
mkdir -p corpus/gen-scanned-heldout
for i in 1 2 3 4 5 6 7 8; do
    dpi=$(( i % 2 == 0 ? 150 : 200 ))
    rm -f build/corpus-src/scan/s-*
    build/scan-sim corpus/gen-pdf-heldout/gen-100$i.pdf build/corpus-src/scan/s $dpi $((700 + i)) >/dev/null
    img2pdf build/corpus-src/scan/s-*.jpg -o corpus/gen-scanned-heldout/gen-100$i.pdf
    python3 scripts/gold-for-scan.py corpus/gen-pdf-heldout/gen-100$i.gold.jsonl \
        corpus/gen-scanned-heldout/gen-100$i.pdf "$(ls build/corpus-src/scan/s-*.jpg | wc -l)"
done
# the forms printed without ruling lines, scanned (columns from where the
# words stand), upright and fed in sideways
for spec in "unruled 9 0" "unruled-sideways 10 90"; do
    set -- $spec
    rm -f build/corpus-src/scan/s-*
    build/scan-sim corpus/pdf-unruled/001-longgang-3forms.pdf build/corpus-src/scan/s 200 $2 $3 200 >/dev/null
    img2pdf build/corpus-src/scan/s-*.jpg -o corpus/scanned/001-longgang-3forms-$1.pdf
    python3 scripts/gold-for-scan.py corpus/pdf-unruled/001-longgang-3forms.gold.jsonl \
        corpus/scanned/001-longgang-3forms-$1.pdf
done

# bad PDFs
src=corpus/pdf/000-tongzhou-5forms.pdf
qpdf --encrypt secret owner 256 -- "$src" tests/data/encrypted-password.pdf
qpdf --encrypt "" owner 256 --print=none -- "$src" tests/data/encrypted-no-password.pdf
size=$(wc -c < "$src")
head -c $((size / 3)) "$src" > tests/data/truncated.pdf
printf '%%PDF-1.7\n%%\342\343\317\323\nthis is not a PDF body\n' > tests/data/corrupt.pdf
# an image-only page: a rendering of page 1 wrapped as a PDF
pdftoppm -r 50 -f 1 -l 1 -png "$src" build/corpus-src/page
img2pdf build/corpus-src/page-1.png -o tests/data/image-only.pdf
ls -l corpus/pdf tests/data
