#!/usr/bin/env python3
"""Renders the six corpus DOCX forms (corpus/docx/*.docx) as XLSX workbooks
with gold, the way real exporters differ, from a seed:

    python3 scripts/make-corpus-xlsx.py             # corpus/xlsx/ (dev split)
    python3 scripts/make-corpus-xlsx.py --heldout   # corpus/xlsx-heldout/ (other
        # seeds, and LibreOffice Calc's own XLSX: DOCX -> HTML (Writer) -> XLSX (Calc))
    python3 scripts/make-corpus-xlsx.py --heldout --gold-only  # re-derive the held-out
        # gold of the files already there (no soffice)
    python3 scripts/make-corpus-xlsx.py --gen-heldout  # the same for the generated
        # forms of corpus/gen-docx-heldout -> corpus/gen-xlsx-heldout/ (unseen forms)
    python3 scripts/make-corpus-xlsx.py --bad       # tests/data/ bad inputs

What a seed varies: shared or inline strings; numbers stored as numbers
with a number format (10.55 as 10.549999999999999 in 0.00, 100% as 1 in 0%,
94.92% as 0.9492 in 0.00%, dates as serials) or as text; totals as =SUM()
formulas with their cached values; rich-text runs (with phonetic runs that a
reader must drop); hidden junk rows and columns; titles merged across the
table or not; one form per sheet or all on one sheet with blank rows
between; column widths; a hidden sheet of junk; sheet parts numbered out of
workbook order, targets relative or absolute; rows and cells with or
without their r= references. The gold is the DOCX gold (docxmodel.derive_gold):
a number shows as the DOCX prints it. Deterministic: fixed ZIP dates, fixed
order; only the Python standard library."""
import glob
import math
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from xml.sax.saxutils import escape

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import docxmodel  # noqa: E402

DEV_SEEDS = [11, 12, 13, 14, 15, 16]
HELDOUT_SEEDS = [901, 902, 903]
# what the dev split must hold at least once, whatever the dice say
OVERRIDES = {11: {'strict': True}, 13: {'blank_cells': False},
             16: {'no_refs': True, 'shared': False, 'blank_cells': False}}
ZIP_DATE = (2024, 1, 1, 0, 0, 0)
NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
STRICT_NS = 'http://purl.oclc.org/ooxml/spreadsheetml/main'
R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
STRICT_R_NS = 'http://purl.oclc.org/ooxml/officeDocument/relationships'
REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
BUILTIN = {'General': 0, '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '0%': 9,
           '0.00%': 10}


def col_name(c):
    s = ''
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def ref(r, c):
    return '%s%d' % (col_name(c), r + 1)


def x(s):
    """Text for XML, with the characters XML 1.0 cannot hold dropped."""
    s = ''.join(ch for ch in s if ch in '\t\n' or ord(ch) >= 32)
    return escape(s, {'"': '&quot;'})


# ---------- values: what is stored, and the format that shows it ----------

def as_number(text, rng):
    """(value repr, format code) when the text is a number a spreadsheet would
    store as one and show exactly so; else None."""
    m = re.fullmatch(r'(-?)(\d{1,11})(?:\.(\d{1,6}))?(%?)', text)
    if m and not (len(m.group(2)) > 1 and m.group(2)[0] == '0'):
        dec = len(m.group(3) or '')
        pct = m.group(4) == '%'
        v = float(text.rstrip('%'))
        if pct:
            v = v / 100
            code = '0%' if dec == 0 else '0.' + '0' * dec + '%'
        elif dec:
            code = '0.' + '0' * dec
        else:
            code = rng.choice(['General', '0'])
        if dec or pct:
            # what a sum or a division leaves: the neighbour double
            v = rng.choice([v, math.nextafter(v, -math.inf), math.nextafter(v, math.inf)])
        return repr(v) if (dec or pct) else str(int(v)), code
    m = re.fullmatch(r'(\d{4})年(\d{1,2})月(\d{1,2})日', text)
    if m:
        import datetime
        d = datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        serial = (d - datetime.date(1899, 12, 30)).days
        return str(serial), 'yyyy"年"m"月"d"日"'
    return None


class Styles:
    """cellXfs: 0 the default, then one per (number format, border)."""

    def __init__(self, rng):
        self.custom = {}      # code -> id
        self.xfs = [(0, 0)]   # (numFmtId, borderId)
        self.index = {(0, 0): 0}
        self.force_custom = rng.random() < 0.3  # write 0.00 as a custom code

    def xf(self, code='General', border=1):
        if code in BUILTIN and not (self.force_custom and code != 'General'):
            fid = BUILTIN[code]
        else:
            fid = self.custom.setdefault(code, 164 + len(self.custom))
        key = (fid, border)
        if key not in self.index:
            self.index[key] = len(self.xfs)
            self.xfs.append(key)
        return self.index[key]

    def xml(self):
        out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
               '<styleSheet xmlns="%s">' % NS]
        if self.custom:
            out.append('<numFmts count="%d">' % len(self.custom))
            for code, fid in self.custom.items():
                out.append('<numFmt numFmtId="%d" formatCode="%s"/>' % (fid, x(code)))
            out.append('</numFmts>')
        out.append('<fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>')
        out.append('<fills count="2"><fill><patternFill patternType="none"/></fill>'
                   '<fill><patternFill patternType="gray125"/></fill></fills>')
        thin = ''.join('<%s style="thin"><color auto="1"/></%s>' % (s, s)
                       for s in ('left', 'right', 'top', 'bottom'))
        out.append('<borders count="2"><border/><border>%s<diagonal/></border></borders>' % thin)
        out.append('<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
                   'borderId="0"/></cellStyleXfs>')
        out.append('<cellXfs count="%d">' % len(self.xfs))
        for fid, bid in self.xfs:
            out.append('<xf numFmtId="%d" fontId="0" fillId="0" borderId="%d" xfId="0"%s/>'
                       % (fid, bid, ' applyNumberFormat="1"' if fid else ''))
        out.append('</cellXfs></styleSheet>')
        return ''.join(out)


class Strings:
    def __init__(self, shared, rich, rng):
        self.shared, self.rich, self.rng = shared, rich, rng
        self.items, self.index = [], {}

    def runs(self, text):
        """A string item's body: plain <t>, or rich-text runs (and a
        phonetic run, which a reader drops) when the seed says so."""
        sp = ' xml:space="preserve"'
        if self.rich and len(text) >= 4 and self.rng.random() < 0.25:
            k = self.rng.randrange(1, len(text))
            body = ('<r><rPr><b/><sz val="11"/></rPr><t%s>%s</t></r>'
                    '<r><rPr><sz val="11"/></rPr><t%s>%s</t></r>' % (sp, x(text[:k]), sp, x(text[k:])))
            if self.rng.random() < 0.3:
                body += '<rPh sb="0" eb="1"><t>ピン</t></rPh><phoneticPr fontId="0"/>'
            return body
        return '<t%s>%s</t>' % (sp, x(text))

    def cell(self, text):
        """(t attribute, inner XML) of a text cell."""
        if self.shared:
            if text not in self.index:
                self.index[text] = len(self.items)
                self.items.append(self.runs(text))
            return 's', '<v>%d</v>' % self.index[text]
        return 'inlineStr', '<is>%s</is>' % self.runs(text)

    def xml(self):
        return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<sst xmlns="%s" count="%d" uniqueCount="%d">%s</sst>'
                % (NS, len(self.items), len(self.items),
                   ''.join('<si>%s</si>' % s for s in self.items)))


# ---------- a sheet ----------

class Sheet:
    def __init__(self, name, hidden=False):
        self.name, self.hidden = name, hidden
        self.cells = {}       # (r, c) -> (kind, payload, style)
        self.merges = []
        self.hidden_rows, self.hidden_cols = set(), set()
        self.widths = {}
        self.row = 0          # the next free row
        self.jcol = False     # the hidden junk column (None: none; False: not chosen)

    def put(self, r, c, kind, payload, style=0):
        self.cells[(r, c)] = (kind, payload, style)


def place_table(sh, table, ctx):
    """Writes the table at sh.row; returns the number of columns used."""
    rng, st, styles = ctx['rng'], ctx['strings'], ctx['styles']
    # junk inserted: a hidden column (inside the grid) and hidden rows
    # a hidden column hides it in every table of the sheet: one a sheet
    if sh.jcol is False:
        sh.jcol = rng.randrange(1, table.ncols) if ctx['junk'] and table.ncols > 2 and \
            rng.random() < 0.5 else None
    jcol = sh.jcol
    jrows = set()
    if ctx['junk'] and table.nrows > 3:
        jrows = {rng.randrange(1, table.nrows) for _ in range(rng.randint(1, 2))}

    def pc(c):  # physical column
        return c + (1 if jcol is not None and c >= jcol else 0)

    rowmap, r = {}, sh.row
    for lr in range(table.nrows + 1):
        if lr in jrows:
            sh.hidden_rows.add(r)
            sh.put(r, 0, 'text', '内部核对：请勿打印', 0)
            sh.put(r, pc(2), 'num', ('12345.678', 'General'), 0)
            r += 1
        rowmap[lr] = r
        r += 1
    if jcol is not None:
        sh.hidden_cols.add(jcol)
        for lr in range(table.nrows):
            if rng.random() < 0.5:
                sh.put(rowmap[lr], jcol, 'text', 'x%d' % lr, 0)
    border = styles.xf('General', 1)
    # every grid position gets a bordered blank first (what exporters write)
    if ctx['blank_cells']:
        for lr in range(table.nrows):
            for c in range(table.ncols):
                sh.put(rowmap[lr], pc(c), 'blank', None, border)
    for cell in table.cells:
        rr, cc = rowmap[cell.row], pc(cell.col)
        if cell.rowspan > 1 or cell.colspan > 1:
            r1 = rowmap[cell.row + cell.rowspan - 1]
            c1 = pc(cell.col + cell.colspan - 1)
            sh.merges.append((rr, cc, r1, c1))
            if ctx['blank_cells']:
                for a in range(rr, r1 + 1):
                    for b in range(cc, c1 + 1):
                        if (a, b) != (rr, cc) and (a, b) not in sh.cells:
                            sh.put(a, b, 'blank', None, border)
        text = cell.text
        if text == '':
            continue
        num = as_number(text, rng) if ctx['numbers'] else None
        if num:
            value, code = num
            formula = None
            if ctx['formulas'] and '总额' in ''.join(
                    c.text for c in table.cells if c.row == cell.row and c.col < cell.col):
                formula = 'SUM(%s:%s)' % (ref(rowmap[cell.row] + 1, cc), ref(rowmap[cell.row] + 3, cc))
            sh.put(rr, cc, 'num', (value, code, formula), styles.xf(code, 1))
        else:
            sh.put(rr, cc, 'text', text, border)
    for c, w in enumerate(table.widths):
        sh.widths[pc(c)] = round(w / 20 / 6.5, 2) if ctx['widths'] else None
    sh.row = r - 1
    return table.ncols + (1 if jcol is not None else 0)


def place_paragraph(sh, text, width, ctx):
    r = sh.row
    sh.put(r, 0, 'text', text, 0)
    if ctx['merge_titles'] and width > 1:
        sh.merges.append((r, 0, r, width - 1))
    sh.row += 1


def forms_of(blocks):
    """Blocks split into forms: each table with the paragraphs before it;
    paragraphs after the last table go with it."""
    forms, cur = [], []
    for kind, b in blocks:
        if kind == 'pagebreak':
            continue
        if kind == 'p' and not b.strip():
            continue
        if kind == 'p' and cur and cur[-1][0] == 'table':
            # a paragraph after a table opens the next form, unless no table follows
            forms.append(cur)
            cur = []
        cur.append((kind, b))
    if cur:
        forms.append(cur)
    # trailing paragraph-only groups stay with the form before them
    merged = []
    for f in forms:
        if merged and not any(k == 'table' for k, _ in f):
            merged[-1].extend(f)
        else:
            merged.append(f)
    return merged


def layout(blocks, ctx):
    """The visible sheets of the workbook, and a hidden junk one."""
    rng = ctx['rng']
    forms = forms_of(blocks)
    sheets = []
    per_sheet = ctx['per_sheet'] and len(forms) > 1
    sh = None
    for i, form in enumerate(forms):
        if sh is None or per_sheet:
            sh = Sheet('表%d' % (len(sheets) + 1) if per_sheet else '自评表')
            sheets.append(sh)
            sh.row = ctx['top_margin']
        elif i:
            sh.row += ctx['gap']
        width = max([b.ncols for k, b in form if k == 'table'] + [1])
        prev = None
        for kind, b in form:
            if kind == 'p':
                if prev == 'table':
                    sh.row += 1  # a blank row between a table and what follows
                place_paragraph(sh, b, width, ctx)
            else:
                if prev == 'p' and ctx['gap_before_table']:
                    sh.row += 1
                place_table(sh, b, ctx)
                sh.row += 1
            prev = kind
    if ctx['hidden_sheet']:
        junk = Sheet('数据源', hidden=True)
        for r in range(5):
            junk.put(r, 0, 'text', '隐藏数据%d' % r, 0)
            junk.put(r, 1, 'num', (str(r * 1000 + 7), 'General', None), 0)
        sheets.insert(rng.randrange(0, len(sheets) + 1), junk)
    return sheets


def sheet_xml(sh, ctx, ns):
    rng, st = ctx['rng'], ctx['strings']
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
           '<worksheet xmlns="%s" xmlns:r="%s">' % (ns, R_NS)]
    maxr = max([r for r, _ in sh.cells] + [0])
    maxc = max([c for _, c in sh.cells] + [0])
    out.append('<dimension ref="A1:%s"/>' % ref(maxr, maxc))
    cols = sorted(set(c for c, w in sh.widths.items() if w) | sh.hidden_cols)
    if cols:
        out.append('<cols>')
        for c in cols:
            w = sh.widths.get(c) or 8.43
            out.append('<col min="%d" max="%d" width="%s" customWidth="1"%s/>'
                       % (c + 1, c + 1, w, ' hidden="1"' if c in sh.hidden_cols else ''))
        out.append('</cols>')
    out.append('<sheetData>')
    rows = sorted(set(r for r, _ in sh.cells) | sh.hidden_rows)
    prev_r = -1
    for r in rows:
        # rows and cells without r= where the order says it (some exporters)
        no_ref = ctx['no_refs'] and r == prev_r + 1
        attrs = '' if no_ref else ' r="%d"' % (r + 1)
        if r in sh.hidden_rows:
            attrs += ' hidden="1"'
        out.append('<row%s>' % attrs)
        prev_c = -1
        for c in sorted(cc for rr, cc in sh.cells if rr == r):
            kind, payload, style = sh.cells[(r, c)]
            rattr = '' if (ctx['no_refs'] and no_ref and c == prev_c + 1) else ' r="%s"' % ref(r, c)
            sattr = ' s="%d"' % style if style else ''
            if kind == 'blank':
                out.append('<c%s%s/>' % (rattr, sattr))
            elif kind == 'text':
                t, inner = st.cell(payload)
                if ctx['formulas'] and rng.random() < 0.05:
                    # a formula giving text: its cached string
                    out.append('<c%s%s t="str"><f>TRIM("%s")</f><v>%s</v></c>'
                               % (rattr, sattr, x(payload).replace('&quot;', '""'), x(payload)))
                else:
                    out.append('<c%s%s t="%s">%s</c>' % (rattr, sattr, t, inner))
            else:
                value, code = payload[0], payload[1]
                formula = payload[2] if len(payload) > 2 else None
                f = '<f>%s</f>' % formula if formula else ''
                out.append('<c%s%s>%s<v>%s</v></c>' % (rattr, sattr, f, value))
            prev_c = c
        out.append('</row>')
        prev_r = r
    out.append('</sheetData>')
    if sh.merges:
        out.append('<mergeCells count="%d">' % len(sh.merges))
        for r0, c0, r1, c1 in sh.merges:
            out.append('<mergeCell ref="%s:%s"/>' % (ref(r0, c0), ref(r1, c1)))
        out.append('</mergeCells>')
    out.append('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" '
               'header="0.3" footer="0.3"/></worksheet>')
    return ''.join(out)


def write_zip(path, members):
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data.encode('utf-8') if isinstance(data, str) else data)


def workbook(sheets, ctx, path):
    rng = ctx['rng']
    ns = STRICT_NS if ctx['strict'] else NS
    r_ns = STRICT_R_NS if ctx['strict'] else R_NS
    styles = ctx['styles']
    # part numbers out of workbook order: the order is workbook.xml's
    nums = list(range(1, len(sheets) + 1))
    if ctx['shuffle_parts']:
        rng.shuffle(nums)
    sheet_parts = [(s, 'worksheets/sheet%d.xml' % n, 'rId%d' % (10 + n)) for s, n in zip(sheets, nums)]
    bodies = [sheet_xml(s, ctx, ns) for s, _, _ in sheet_parts]  # fills the strings first
    wb = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
          '<workbook xmlns="%s" xmlns:r="%s">' % (ns, r_ns),
          '<workbookPr%s/>' % (' date1904="1"' if ctx['date1904'] else ''),
          '<bookViews><workbookView activeTab="0"/></bookViews><sheets>']
    for i, (s, part, rid) in enumerate(sheet_parts):
        wb.append('<sheet name="%s" sheetId="%d"%s r:id="%s"/>'
                  % (x(s.name), i + 1, ' state="hidden"' if s.hidden else '', rid))
    wb.append('</sheets></workbook>')
    rels = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">']
    for s, part, rid in sheet_parts:
        target = '/xl/' + part if ctx['absolute'] else part
        rels.append('<Relationship Id="%s" Type="%s/worksheet" Target="%s"/>' % (rid, REL, target))
    rels.append('<Relationship Id="rId1" Type="%s/styles" Target="styles.xml"/>' % REL)
    if ctx['strings'].shared:
        rels.append('<Relationship Id="rId2" Type="%s/sharedStrings" Target="sharedStrings.xml"/>' % REL)
    rels.append('</Relationships>')
    ct = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">',
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
          '<Default Extension="xml" ContentType="application/xml"/>',
          '<Override PartName="/xl/workbook.xml" ContentType="application/'
          'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>']
    for _, part, _ in sheet_parts:
        ct.append('<Override PartName="/xl/%s" ContentType="application/'
                  'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' % part)
    ct.append('<Override PartName="/xl/styles.xml" ContentType="application/'
              'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>')
    if ctx['strings'].shared:
        ct.append('<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                  'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
    ct.append('</Types>')
    root_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 '<Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/>'
                 '</Relationships>' % REL)
    members = [('[Content_Types].xml', ''.join(ct)), ('_rels/.rels', root_rels),
               ('xl/workbook.xml', ''.join(wb)), ('xl/_rels/workbook.xml.rels', ''.join(rels)),
               ('xl/styles.xml', styles.xml())]
    if ctx['strings'].shared:
        members.append(('xl/sharedStrings.xml', ctx['strings'].xml()))
    for (s, part, _), body in sorted(zip(sheet_parts, bodies), key=lambda p: p[0][1]):
        members.append(('xl/' + part, body))
    write_zip(path, members)


def context(seed, stem):
    rng = random.Random('%d:%s' % (seed, stem))
    ctx = {'rng': rng}
    ctx['strings'] = Strings(shared=rng.random() < 0.6, rich=rng.random() < 0.5, rng=rng)
    ctx['styles'] = Styles(rng)
    ctx['numbers'] = rng.random() < 0.75
    ctx['formulas'] = ctx['numbers'] and rng.random() < 0.6
    ctx['junk'] = rng.random() < 0.6
    ctx['merge_titles'] = rng.random() < 0.6
    ctx['per_sheet'] = rng.random() < 0.5
    ctx['gap'] = rng.choice([1, 1, 2, 3])
    ctx['gap_before_table'] = rng.random() < 0.3
    ctx['top_margin'] = rng.choice([0, 0, 1, 2])
    ctx['widths'] = rng.random() < 0.7
    ctx['hidden_sheet'] = rng.random() < 0.5
    ctx['shuffle_parts'] = rng.random() < 0.5
    ctx['absolute'] = rng.random() < 0.3
    ctx['no_refs'] = rng.random() < 0.25
    ctx['blank_cells'] = rng.random() < 0.6
    ctx['date1904'] = False  # the dates are serials of the 1900 system
    ctx['strict'] = rng.random() < 0.15
    for k, v in OVERRIDES.get(seed, {}).items():
        if k == 'shared':
            ctx['strings'].shared = v
        else:
            ctx[k] = v
    return ctx


def render(docx, out_path, seed):
    stem = os.path.basename(docx)[:-5]
    ctx = context(seed, stem)
    sheets = layout(docxmodel.read_flat(docx), ctx)
    workbook(sheets, ctx, out_path)
    docxmodel.derive_gold(docx[:-5] + '.gold.jsonl', out_path, 'xlsx')


def docx_files(src='corpus/docx'):
    return sorted(glob.glob(src + '/*.docx'))


def make_dev():
    os.makedirs('corpus/xlsx', exist_ok=True)
    for docx, seed in zip(docx_files(), DEV_SEEDS):
        render(docx, 'corpus/xlsx/%s.xlsx' % os.path.basename(docx)[:-5], seed)


def soffice_xlsx(docx, out_path):
    """LibreOffice's own XLSX of the DOCX: Writer's HTML, opened by Calc."""
    prof = 'file:///tmp/lo-xlsx'
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(['soffice', '-env:UserInstallation=' + prof, '--headless',
                        '--convert-to', 'html', '--outdir', tmp, docx],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        html = os.path.join(tmp, os.path.basename(docx)[:-5] + '.html')
        subprocess.run(['soffice', '-env:UserInstallation=' + prof, '--headless',
                        '--infilter=HTML (StarCalc)', '--convert-to', 'xlsx',
                        '--outdir', tmp, html],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.copyfile(html[:-5] + '.xlsx', out_path)


def make_heldout(gold_only, src='corpus/docx', d='corpus/xlsx-heldout'):
    """Calc's export of each DOCX of src and a rendering with a held-back
    seed, into d. --gen-heldout does it for the generated forms of
    corpus/gen-docx-heldout (forms no reader was tuned on) into
    corpus/gen-xlsx-heldout."""
    os.makedirs(d, exist_ok=True)
    for docx in docx_files(src):
        stem = os.path.basename(docx)[:-5]
        out = '%s/%s-calc.xlsx' % (d, stem)
        if not gold_only:
            soffice_xlsx(docx, out)
        docxmodel.derive_gold(docx[:-5] + '.gold.jsonl', out, 'xlsx')
    for i, docx in enumerate(docx_files(src)):
        seed = HELDOUT_SEEDS[i % len(HELDOUT_SEEDS)]
        stem = os.path.basename(docx)[:-5]
        out = '%s/%s-seed%d.xlsx' % (d, stem, seed)
        if gold_only:
            docxmodel.derive_gold(docx[:-5] + '.gold.jsonl', out, 'xlsx')
        else:
            render(docx, out, seed)


def make_bad():
    """tests/data/: a sheet whose XML does not parse, a workbook naming a
    sheet part that is not there, a workbook with only hidden sheets."""
    good = Sheet('表1')
    good.put(0, 0, 'text', '项目名称', 0)
    ctx = context(1, 'bad')
    ctx['strings'] = Strings(shared=False, rich=False, rng=ctx['rng'])
    ctx['no_refs'] = False
    body = sheet_xml(good, ctx, NS)
    wb = ('<?xml version="1.0" encoding="UTF-8"?>\n<workbook xmlns="%s" xmlns:r="%s"><sheets>'
          '<sheet name="表1" sheetId="1" r:id="rId1"/>%s</sheets></workbook>')
    rels = ('<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships">%s</Relationships>')
    one = '<Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/>' % REL
    two = one + '<Relationship Id="rId2" Type="%s/worksheet" Target="worksheets/sheet2.xml"/>' % REL
    write_zip('tests/data/bad-sheet.xlsx', [
        ('xl/workbook.xml', wb % (NS, R_NS, '')), ('xl/_rels/workbook.xml.rels', rels % one),
        ('xl/worksheets/sheet1.xml', body[:len(body) // 2])])
    write_zip('tests/data/missing-sheet.xlsx', [
        ('xl/workbook.xml', wb % (NS, R_NS, '<sheet name="表2" sheetId="2" r:id="rId2"/>')),
        ('xl/_rels/workbook.xml.rels', rels % two), ('xl/worksheets/sheet1.xml', body)])
    write_zip('tests/data/hidden-only.xlsx', [
        ('xl/workbook.xml', (wb % (NS, R_NS, '')).replace('r:id="rId1"', 'state="hidden" r:id="rId1"')),
        ('xl/_rels/workbook.xml.rels', rels % one), ('xl/worksheets/sheet1.xml', body)])


if __name__ == '__main__':
    if '--bad' in sys.argv:
        make_bad()
    elif '--heldout' in sys.argv:
        make_heldout('--gold-only' in sys.argv)
    elif '--gen-heldout' in sys.argv:
        make_heldout('--gold-only' in sys.argv, 'corpus/gen-docx-heldout', 'corpus/gen-xlsx-heldout')
    else:
        make_dev()
