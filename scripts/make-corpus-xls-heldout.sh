#!/bin/sh
# corpus/xls-heldout/: the held-back XLS split, made another way than
# corpus/xls/ (scripts/make-corpus-xls.sh), and only scored, never tuned on:
#   *-html.xls  each corpus DOCX written as a plain HTML page by this
#               script (not by Writer: tables of rowspan/colspan cells,
#               <br> in cells, paragraphs), opened by Calc with the zh-CN
#               locale and its special-number detection on, saved as XLS
#   *-rt.xls    corpus/xls/*.xls opened by Calc and saved as XLSX, that
#               opened again and saved as XLS (a Calc round trip; run
#               scripts/make-corpus-xls.sh first)
#   *-xlsx.xls  the held-back XLSX renderings of other generator seeds
#               (corpus/xlsx-heldout/*-seed*.xlsx, or the folder
#               XLSX_HELDOUT_DIR names) opened by Calc and saved as XLS
# A long digit string (a project code) or one with a leading zero is marked
# text (sdnum "@"), as budget systems keep codes. 000-form3-edited is left
# out, as in corpus/xls/ (a form nested in a layout table). The gold is
# derived from the DOCX's gold (scripts/docxmodel.py).
# Needs soffice. Usage (from the repository root):
#   scripts/make-corpus-xls-heldout.sh              # the files and their gold
#   scripts/make-corpus-xls-heldout.sh --gold-only  # re-derive the gold of the files there
set -eu
out=corpus/xls-heldout
mkdir -p "$out"
gold() {
    python3 -c 'import sys; sys.path.insert(0, "scripts"); import docxmodel
docxmodel.derive_gold(sys.argv[1], sys.argv[2], "xls")' "$1" "$2"
}
stem() { basename "$1" .xls | sed 's/-html$//; s/-rt$//; s/-seed[0-9]*-xlsx$//'; }
if [ "${1:-}" = "--gold-only" ]; then
    for f in "$out"/*.xls; do
        gold "corpus/docx/$(stem "$f").gold.jsonl" "$f"
    done
    exit 0
fi
lo="soffice -env:UserInstallation=file:///tmp/lo-xls-$(id -u) --headless"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in corpus/docx/*.docx; do
    n=$(basename "$f" .docx)
    [ "$n" = 000-form3-edited ] && continue
    python3 - "$f" "$tmp/$n-html.html" <<'PY'
import sys
from html import escape
sys.path.insert(0, 'scripts')
import docxmodel
out = ['<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>绩效自评表</title></head><body>']
for kind, b in docxmodel.read(sys.argv[1]):
    if kind == 'p' and b.strip():
        out.append('<p>%s</p>' % escape(b).replace('\n', '<br>'))
    elif kind == 'table':
        out.append('<table border="1">')
        for r in range(b.nrows):
            out.append('<tr>')
            for c in sorted((c for c in b.cells if c.row == r), key=lambda c: c.col):
                span = ''.join(' %s="%d"' % (a, v) for a, v in
                               (('rowspan', c.rowspan), ('colspan', c.colspan)) if v > 1)
                t = c.text.strip()
                if t.isdigit() and (len(t) >= 12 or (len(t) > 1 and t[0] == '0')):
                    span += ' sdnum="1033;0;@"'
                out.append('<td%s>%s</td>' % (span, escape(c.text).replace('\n', '<br>')))
            out.append('</tr>')
        out.append('</table>')
out.append('</body></html>\n')
open(sys.argv[2], 'w', encoding='utf-8').write('\n'.join(out))
PY
    $lo --infilter="HTML (StarCalc):2052 true" --convert-to xls --outdir "$tmp" "$tmp/$n-html.html" >/dev/null 2>&1
    cp "$tmp/$n-html.xls" "$out/$n-html.xls"
    gold "corpus/docx/$n.gold.jsonl" "$out/$n-html.xls"
    mkdir -p "$tmp/rt"
    cp "corpus/xls/$n.xls" "$tmp/rt/$n-rt.xls"
    $lo --convert-to xlsx --outdir "$tmp/rt" "$tmp/rt/$n-rt.xls" >/dev/null 2>&1
    rm "$tmp/rt/$n-rt.xls"
    $lo --convert-to xls --outdir "$tmp/rt" "$tmp/rt/$n-rt.xlsx" >/dev/null 2>&1
    cp "$tmp/rt/$n-rt.xls" "$out/$n-rt.xls"
    gold "corpus/docx/$n.gold.jsonl" "$out/$n-rt.xls"
done
for f in "${XLSX_HELDOUT_DIR:-corpus/xlsx-heldout}"/*-seed*.xlsx; do
    [ -f "$f" ] || continue
    n=$(basename "$f" .xlsx)
    mkdir -p "$tmp/x"
    cp "$f" "$tmp/x/$n-xlsx.xlsx"
    $lo --convert-to xls --outdir "$tmp/x" "$tmp/x/$n-xlsx.xlsx" >/dev/null 2>&1
    cp "$tmp/x/$n-xlsx.xls" "$out/$n-xlsx.xls"
    gold "corpus/docx/$(stem "$out/$n-xlsx.xls").gold.jsonl" "$out/$n-xlsx.xls"
done
