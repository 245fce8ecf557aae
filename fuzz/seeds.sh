#!/bin/sh
# Fills DIR/<target>/ with the seed corpora of the fuzz targets, from the
# files of the tree (nothing is committed twice): corpus/ files by type,
# the inputs of tests/normalize.cases and tests/text.cases, rule lines.
# Usage: fuzz/seeds.sh DIR   (run from the repository root)
set -eu
out=$1
rm -rf "$out"
for t in value text docx docxml pdf html rules pipeline xlsx xls ofd; do mkdir -p "$out/$t"; done

# one file per case: the input field (the one before the expected JSON)
awk -F '\t' -v d="$out/value" '!/^#/ && NF >= 2 { f = sprintf("%s/case-%04d", d, NR);
    printf "%s", $(NF - 1) > f; close(f) }' tests/normalize.cases
awk -F '\t' -v d="$out/text" '!/^#/ && NF >= 2 { f = sprintf("%s/case-%04d", d, NR);
    printf "%s", $1 > f; close(f) }' tests/text.cases

for f in corpus/docx/*.docx; do
    n=$(basename "$f" .docx)
    cp "$f" "$out/docx/$n.docx"
    cp "$f" "$out/pipeline/$n.docx"
    unzip -p "$f" word/document.xml > "$out/docxml/$n.xml"
done
# the XLSX target: the workbooks, and their sheets' XML (read inside a small workbook)
for f in corpus/xlsx/*.xlsx; do
    n=$(basename "$f" .xlsx)
    cp "$f" "$out/xlsx/$n.xlsx"
    cp "$f" "$out/pipeline/$n.xlsx"
    unzip -p "$f" xl/worksheets/sheet1.xml > "$out/xlsx/$n-sheet1.xml"
done
# the PDFs the PDF entries read (scans over their size cap are left out)
for f in corpus/*/*.pdf; do
    [ "$(wc -c < "$f")" -le 262144 ] || continue
    n=$(echo "$f" | sed 's|^corpus/||; s|/|-|g')
    cp "$f" "$out/pdf/$n"
    cp "$f" "$out/pipeline/$n"
done

# the web pages the HTML entry reads (dev split and bad inputs)
for f in corpus/html/*.html tests/data/*.html; do
    cp "$f" "$out/html/$(echo "$f" | sed 's|/|-|g')"
done
# the OFDs, whole and as their pages' Content.xml
for f in corpus/ofd*/*.ofd; do
    n=$(echo "$f" | sed 's|^corpus/||; s|/|-|g')
    cp "$f" "$out/ofd/$n"
    unzip -p "$f" Doc_0/Pages/Page_0/Content.xml > "$out/ofd/$n-page0.xml"
done
cp tests/data/ofd-scan-png.ofd "$out/ofd/scan-png.ofd" # a picture page: the PNG decoder
# the XLS files: the corpus renderings and the hand-made records of tests/data/
for f in corpus/xls*/*.xls tests/data/xls-*.xls; do
    [ -f "$f" ] && cp "$f" "$out/xls/$(echo "$f" | sed 's|/|-|g')"
done

for f in rules/*.rules; do
    cp "$f" "$out/rules/$(basename "$f")"
    awk -v d="$out/rules" -v b="$(basename "$f" .rules)" '!/^#/ && NF >= 3 {
        o = sprintf("%s/%s-%03d", d, b, NR); print > o; close(o) }' "$f"
done
