#!/bin/sh
# corpus/xls/: the six corpus DOCX forms (every form family) as LibreOffice
# writes them in BIFF8: Writer saves each DOCX as HTML, Calc opens that page
# and saves it as Excel 97-2003 (merged cells; integers become numbers in
# the General format). Calc's HTML import leaves "100%" and "0.50" text, so
# before it the page's percent and decimal cells get Calc's own value and
# format attributes (sdval, sdnum): "98.36%" is stored 0.9836 in "0.00%",
# "10.50" 10.5 in "0.00", as a spreadsheet holds them (only these formats,
# "0%" too: Calc saves others, "0.0%", as General); a long digit string
# (a project code) or one with a leading zero stays text ("@"), as budget
# systems keep codes. 000-form3-edited is left out: its form nests in a
# layout table, which Calc's HTML import turns into overlapping merges (the
# sheet no longer shows the form). The gold of each file is derived
# from its DOCX's gold (scripts/docxmodel.py derive_gold), never edited.
# And *-xlsx.xls: the XLSX renderings of the same forms (corpus/xlsx/, or
# the folder XLSX_DIR names) opened by Calc and saved as XLS, when there.
# Output is byte for byte the same on a re-run (LibreOffice writes no dates
# into these files). Needs soffice (LibreOffice Writer and Calc, headless).
# Usage (from the repository root):
#   scripts/make-corpus-xls.sh              # corpus/xls/*.xls and their gold
#   scripts/make-corpus-xls.sh --gold-only  # re-derive the gold of the files there
set -eu
out=corpus/xls
mkdir -p "$out"
gold() {
    python3 -c 'import sys; sys.path.insert(0, "scripts"); import docxmodel
docxmodel.derive_gold(sys.argv[1], sys.argv[2], "xls")' "$1" "$2"
}
if [ "${1:-}" = "--gold-only" ]; then
    for f in "$out"/*.xls; do
        gold "corpus/docx/$(basename "$f" .xls | sed 's/-xlsx$//').gold.jsonl" "$f"
    done
    exit 0
fi
lo="soffice -env:UserInstallation=file:///tmp/lo-xls-$(id -u) --headless"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in corpus/docx/*.docx; do
    n=$(basename "$f" .docx)
    [ "$n" = 000-form3-edited ] && continue
    $lo --convert-to html --outdir "$tmp" "$f" >/dev/null 2>&1
    mkdir -p "$tmp/num"
    python3 - "$tmp/$n.html" "$tmp/num/$n.html" <<'PY'
import re, sys
def number(m):
    num, pct = m.group(3), m.group(4)
    dec = len(num.split('.')[1]) if '.' in num else 0
    if not pct and not dec:
        if len(num) >= 12 or (len(num) > 1 and num[0] == '0'):  # a code: text
            return '<td%s sdnum="1033;0;@">%s%s%s' % (m.group(1), m.group(2), num, m.group(5))
        return m.group(0)  # an integer: Calc reads it as a number itself
    if dec not in ((0, 2) if pct else (2,)):
        return m.group(0)  # Calc's XLS export writes "0.0%" and "0.0" as General: keep text
    fmt = ('0.' + '0' * dec if dec else '0') + pct
    val = float(num) / 100 if pct else float(num)
    return '<td%s sdval="%r" sdnum="1033;0;%s">%s%s%s%s' % (
        m.group(1), val, fmt, m.group(2), num, pct, m.group(5))
html = open(sys.argv[1], encoding='utf-8').read()
html = re.sub(r'<td([^>]*)>(\s*<p[^>]*>\s*)(\d+(?:\.\d+)?)(%?)(\s*</p>\s*</td>)', number, html)
open(sys.argv[2], 'w', encoding='utf-8').write(html)
PY
    $lo --infilter="HTML (StarCalc)" --convert-to xls --outdir "$tmp" "$tmp/num/$n.html" >/dev/null 2>&1
    cp "$tmp/$n.xls" "$out/$n.xls"
    gold "corpus/docx/$n.gold.jsonl" "$out/$n.xls"
done
for f in "${XLSX_DIR:-corpus/xlsx}"/*.xlsx; do
    [ -f "$f" ] || continue
    n=$(basename "$f" .xlsx)
    mkdir -p "$tmp/x"
    cp "$f" "$tmp/x/$n-xlsx.xlsx"
    $lo --convert-to xls --outdir "$tmp/x" "$tmp/x/$n-xlsx.xlsx" >/dev/null 2>&1
    cp "$tmp/x/$n-xlsx.xls" "$out/$n-xlsx.xls"
    gold "corpus/docx/$n.gold.jsonl" "$out/$n-xlsx.xls"
done
