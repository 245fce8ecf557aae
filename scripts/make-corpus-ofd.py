#!/usr/bin/env python3
"""OFD (GB/T 33190-2016) renderings of the corpus DOCX forms, with gold.

    python3 scripts/make-corpus-ofd.py     # from the repository root

Writes corpus/ofd/*.ofd (tables drawn with PathObject ruling lines),
corpus/ofd-unruled/*.ofd (no PathObjects: cells padded apart, like
corpus/pdf-unruled), the bad OFDs of tests/data/ and two OFD scans there
(pictures of pages: the only part that needs a tool, pdfimages). Each document is laid
out from scripts/docxmodel.py: A4 pages (the unruled set: A3 landscape, as
budget systems print), the DOCX's column widths (w:gridCol twips -> mm,
narrowed to the page), text wrapped inside cells by character widths, row
heights from their lines, rows moved to a new page when they do not fit, and
a new page where the DOCX has a page break. A seed per document varies how
the OFD is written: font size, DeltaX written out or in the `g N d` form,
a CTM scaling the text objects, the ruling lines in a TemplatePage or in the
page, one path per line or per cell rectangle (or thin filled rectangles),
text and lines in separate layers or PageBlocks, one TextCode per cell line
or per character. The gold is derived from corpus/docx/*.gold.jsonl at run
time (docxmodel.derive_gold with the pages each form lands on; indicators
get the page of their row). Deterministic: fixed ZIP dates, seeded choices.
Only the Python standard library is used (and pdfimages for the scans)."""
import json
import math
import os
import random
import re
import shutil
import subprocess
import tempfile
import sys
import unicodedata
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import docxmodel  # noqa: E402

NS = 'http://www.ofdspec.org/2016'
DOCS = ['000-tongzhou-5forms', '001-longgang-3forms', '003-guangshui-common',
        '003-guangshui-goals', '2021-template-cost']
UNRULED = ['001-longgang-3forms', '2021-template-cost']
ZIP_DATE = (2024, 1, 1, 0, 0, 0)
# the order records list their flags in (common/flags.h)
FLAG_ORDER = re.findall(r'X\((\w+)\)', open('common/flags.h', encoding='utf-8').read())


def fmt(v):
    """A number as OFD writes it: short, no exponent."""
    s = '%.3f' % v
    s = s.rstrip('0').rstrip('.')
    return '0' if s in ('-0', '') else s


def esc(s):
    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;').replace('"', '&quot;')


def char_width(c, size):
    """What the reader assumes too: CJK and full-width forms a full em, the rest half."""
    o = ord(c)
    wide = (0x2E80 <= o < 0xFFA0) or o >= 0x20000 or (0x2010 <= o <= 0x2027)
    return size if wide else size / 2


def wrap(text, width, size):
    """Lines of text (paragraphs at '\\n') wrapped to width mm at font size."""
    out = []
    for para in text.split('\n'):
        line, w = '', 0.0
        for c in para:
            cw = char_width(c, size)
            if line and w + cw > width + 1e-9:
                out.append(line.rstrip(' '))
                line, w = '', 0.0
                if c == ' ':
                    continue
            line += c
            w += cw
        out.append(line.rstrip(' '))
    return out


class Page:
    def __init__(self):
        self.texts = []   # (x, y_top, lines, size, line_height, box)
        self.cells = []   # (x0, y0, x1, y1) of every cell piece


class Layout:
    """Places a DOCX's blocks on pages (mm, origin top-left)."""

    def __init__(self, cfg):
        self.cfg = cfg
        self.pages = [Page()]
        self.y = cfg['margin']
        self.used = False     # anything on the current page
        self.row_pages = []   # per table: [page of each row]
        self.cut_rows = []    # per table: {rows cut by a page break}
        self.cuttable = set()  # rows of the table being laid out that may be cut

    @property
    def page(self):
        return self.pages[-1]

    def new_page(self):
        self.pages.append(Page())
        self.y = self.cfg['margin']
        self.used = False

    def bottom(self):
        return self.cfg['page_h'] - self.cfg['margin']

    def paragraph(self, text):
        c = self.cfg
        size, lh = c['size'], c['size'] * c['leading']
        if not text.strip():
            if self.used:
                self.y += lh
            return
        lines = wrap(text, c['page_w'] - 2 * c['margin'], size)
        if self.y + lh * len(lines) > self.bottom():
            self.new_page()
        self.page.texts.append((c['margin'], self.y, lines, size, lh, None))
        self.y += lh * len(lines) + lh * 0.4
        self.used = True

    def table(self, t):
        c = self.cfg
        size, lh, pad, vpad = c['size'], c['size'] * c['leading'], c['pad'], c['vpad']
        widths = [w / 1440.0 * 25.4 for w in t.widths] or [1.0] * t.ncols
        while len(widths) < t.ncols:
            widths.append(widths[-1])
        widths = widths[:t.ncols]
        room = c['page_w'] - 2 * c['margin']
        if c.get('stretch') and sum(widths) < room:
            # a system print's wide page: the room left goes to the columns
            # by how much text they hold
            need = [1.0] * t.ncols
            for cell in t.cells:
                if cell.colspan == 1:
                    need[cell.col] = max(need[cell.col], len(cell.text))
            extra = room - sum(widths)
            widths = [w + extra * n / sum(need) for w, n in zip(widths, need)]
        if sum(widths) > room:
            k = room / sum(widths)
            widths = [w * k for w in widths]
        x0 = (c['page_w'] - sum(widths)) / 2
        xs = [x0]
        for w in widths:
            xs.append(xs[-1] + w)
        # row heights: each cell's lines, a spanning cell's extra into its last row
        heights = [lh + 2 * vpad] * t.nrows
        wrapped, ends = {}, {}  # a cell's lines; the lines that end a paragraph
        for cell in sorted(t.cells, key=lambda z: z.rowspan):
            inner = xs[cell.col + cell.colspan] - xs[cell.col] - 2 * pad
            lines, ends[cell] = [], set()
            for para in (cell.text.split('\n') if cell.text else []):
                lines += wrap(para, inner, size)
                ends[cell].add(len(lines) - 1)
            wrapped[cell] = lines
            need = max(1, len(lines)) * lh + 2 * vpad
            have = sum(heights[cell.row:cell.row + cell.rowspan])
            if need > have:
                heights[cell.row + cell.rowspan - 1] += need - have
        # rows onto pages: a row that does not fit moves to the next page,
        # or, when cutting is on and it may be cut, is cut there: its cells
        # start and end in it, two lines or more fit, and each cell that
        # goes on is cut inside a paragraph (a break at a paragraph's end
        # looks like two rows, to a reader as to anyone)
        segs = []  # per row: [(page, top, height)], two parts when cut
        self.cut_rows.append(set())
        for r in range(t.nrows):
            own = [cell for cell in t.cells if cell.row == r]
            room_left = self.bottom() - self.y
            most = max([len(wrapped[cell]) for cell in own] + [1])
            if self.y + heights[r] > self.bottom() and self.used:
                fit = int((room_left - vpad) / lh)
                if (c['cut_rows'] and r in self.cuttable and fit >= 2 and most - fit >= 1 and
                        all(cell.rowspan == 1 for cell in own) and
                        not any(len(wrapped[cell]) > fit and fit - 1 in ends[cell] for cell in own)):
                    first = (len(self.pages), self.y, room_left)
                    self.new_page()
                    rest = (most - fit) * lh + 2 * vpad
                    segs.append([first, (len(self.pages), self.y, rest)])
                    self.y += rest
                    self.cut_rows[-1].add(r)
                    continue
                self.new_page()
            segs.append([(len(self.pages), self.y, heights[r])])
            self.y += heights[r]
            self.used = True
        self.row_pages.append([sg[0][0] for sg in segs])
        for cell in t.cells:
            rows = range(cell.row, cell.row + cell.rowspan)
            lines = wrapped[cell]
            parts = [sg for r in rows for sg in segs[r]]
            if cell.rowspan == 1 and len(parts) == 2:  # a cut row: its lines top down
                fit = int((parts[0][2] - vpad) / lh)
                for (pg, top, h), ls in ((parts[0], lines[:fit]), (parts[1], lines[fit:])):
                    box = (xs[cell.col], top, xs[cell.col + cell.colspan], top + h)
                    self.pages[pg - 1].cells.append(box)
                    if ls:
                        self.pages[pg - 1].texts.append((box[0] + pad, top + vpad, ls, size, lh, box))
                continue
            first = True
            # one piece per page the cell runs over
            for pg in sorted(set(part[0] for part in parts)):
                ps = [part for part in parts if part[0] == pg]
                y0, y1 = ps[0][1], ps[-1][1] + ps[-1][2]
                box = (xs[cell.col], y0, xs[cell.col + cell.colspan], y1)
                self.pages[pg - 1].cells.append(box)
                if first and lines:
                    body = len(lines) * lh
                    top = y0 + (max(vpad, (y1 - y0 - body) / 2) if c['centre'] else vpad)
                    self.pages[pg - 1].texts.append((box[0] + pad, top, lines, size, lh, box))
                first = False
        self.y += lh * 0.4


def rule_lines(cells):
    """The ruling lines of a page's cells: (horizontal, at, from, to), joined."""
    hs, vs = {}, {}
    for x0, y0, x1, y1 in cells:
        for y in (y0, y1):
            hs.setdefault(round(y, 3), []).append((x0, x1))
        for x in (x0, x1):
            vs.setdefault(round(x, 3), []).append((y0, y1))
    out = []
    for horiz, d in ((True, hs), (False, vs)):
        for at in sorted(d):
            spans = sorted(d[at])
            a, b = spans[0]
            for s, e in spans[1:]:
                if s <= b + 1e-6:
                    b = max(b, e)
                else:
                    out.append((horiz, at, a, b))
                    a, b = s, e
            out.append((horiz, at, a, b))
    return out


class Writer:
    """Writes a laid-out document as an OFD package."""

    def __init__(self, cfg):
        self.cfg = cfg
        self.next_id = 10

    def nid(self):
        self.next_id += 1
        return self.next_id

    def deltas(self, advances):
        if not advances:
            return None
        if self.cfg['g_form']:
            out, i = [], 0
            while i < len(advances):
                j = i
                while j < len(advances) and advances[j] == advances[i]:
                    j += 1
                out.append('g %d %s' % (j - i, fmt(advances[i])) if j - i > 1 else fmt(advances[i]))
                i = j
            return ' '.join(out)
        return ' '.join(fmt(a) for a in advances)

    def text_object(self, x, top, lines, size, lh, box):
        """One TextObject: its Boundary the cell (or the paragraph's lines)."""
        c = self.cfg
        s = c['text_scale']
        if box is None:
            w = max(sum(char_width(ch, size) for ch in ln) for ln in lines) + 1
            box = (x, top, x + w, top + lh * len(lines))
        bx, by = box[0], box[1]
        codes = []
        for i, ln in enumerate(lines):
            if not ln:
                continue
            base = top + i * lh + (lh - size) / 2 + size * 0.88
            ox, oy = (x - bx) / s, (base - by) / s
            adv = [char_width(ch, size) / s for ch in ln]
            if c['per_char']:
                for k, ch in enumerate(ln):
                    if k and c['continue_codes']:
                        codes.append('<ofd:TextCode>%s</ofd:TextCode>' % esc(ch))
                    else:
                        codes.append('<ofd:TextCode X="%s" Y="%s">%s</ofd:TextCode>' % (
                            fmt(ox + sum(adv[:k])), fmt(oy), esc(ch)))
            else:
                dx = self.deltas(adv[:-1])
                codes.append('<ofd:TextCode X="%s" Y="%s"%s>%s</ofd:TextCode>' % (
                    fmt(ox), fmt(oy), ' DeltaX="%s"' % dx if dx else '', esc(ln)))
        if not codes:
            return ''
        ctm = ' CTM="%s 0 0 %s 0 0"' % (fmt(s), fmt(s)) if s != 1 else ''
        return ('<ofd:TextObject ID="%d" Boundary="%s %s %s %s" Font="2" Size="%s"%s>%s'
                '</ofd:TextObject>') % (self.nid(), fmt(bx), fmt(by), fmt(box[2] - bx),
                                        fmt(box[3] - by), fmt(size / s), ctm, ''.join(codes))

    def path(self, x, y, w, h, data, fill=False):
        attrs = ' Fill="true" Stroke="false"' if fill else ' LineWidth="0.25"'
        return ('<ofd:PathObject ID="%d" Boundary="%s %s %s %s"%s><ofd:AbbreviatedData>%s'
                '</ofd:AbbreviatedData></ofd:PathObject>') % (
                    self.nid(), fmt(x), fmt(y), fmt(max(w, 0.1)), fmt(max(h, 0.1)), attrs, data)

    def rulings(self, page):
        mode = self.cfg['rules']
        out = []
        if mode == 'cells':
            for x0, y0, x1, y1 in page.cells:
                out.append(self.path(x0, y0, x1 - x0, y1 - y0, 'M 0 0 L %s 0 L %s %s L 0 %s C' % (
                    fmt(x1 - x0), fmt(x1 - x0), fmt(y1 - y0), fmt(y1 - y0))))
            return out
        for horiz, at, a, b in rule_lines(page.cells):
            if mode == 'filled':  # thin filled rectangles, 0.2 mm
                t = 0.2
                if horiz:
                    out.append(self.path(a, at - t / 2, b - a, t, 'M 0 0 L %s 0 L %s %s L 0 %s C' % (
                        fmt(b - a), fmt(b - a), fmt(t), fmt(t)), fill=True))
                else:
                    out.append(self.path(at - t / 2, a, t, b - a, 'M 0 0 L %s 0 L %s %s L 0 %s C' % (
                        fmt(t), fmt(t), fmt(b - a), fmt(b - a)), fill=True))
            elif horiz:
                out.append(self.path(a, at, b - a, 0, 'M 0 0 L %s 0' % fmt(b - a)))
            else:
                out.append(self.path(at, a, 0, b - a, 'M 0 0 L 0 %s' % fmt(b - a)))
        return out

    def page_xml(self, page, template_id):
        c = self.cfg
        texts = [self.text_object(*t) for t in page.texts]
        rules = [] if template_id or not c['ruled'] else self.rulings(page)
        if c['blocks']:  # text inside nested PageBlocks
            texts = ['<ofd:PageBlock ID="%d"><ofd:PageBlock ID="%d">%s</ofd:PageBlock></ofd:PageBlock>'
                     % (self.nid(), self.nid(), ''.join(texts))]
        if c['layers']:
            layers = ('<ofd:Layer ID="%d" Type="Background">%s</ofd:Layer>'
                      '<ofd:Layer ID="%d">%s</ofd:Layer>') % (self.nid(), ''.join(rules), self.nid(),
                                                             ''.join(texts))
        else:
            layers = '<ofd:Layer ID="%d">%s%s</ofd:Layer>' % (self.nid(), ''.join(texts), ''.join(rules))
        tpl = '<ofd:Template TemplateID="%d" ZOrder="Background"/>' % template_id if template_id else ''
        area = ''
        if c['page_area']:
            area = '<ofd:Area><ofd:PhysicalBox>0 0 %s %s</ofd:PhysicalBox></ofd:Area>' % (
                fmt(c['page_w']), fmt(c['page_h']))
        return ('<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Page xmlns:ofd="%s">%s%s'
                '<ofd:Content>%s</ofd:Content></ofd:Page>') % (NS, tpl, area, layers)

    def template_xml(self, page):
        return ('<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Page xmlns:ofd="%s"><ofd:Content>'
                '<ofd:Layer ID="%d">%s</ofd:Layer></ofd:Content></ofd:Page>') % (
                    NS, self.nid(), ''.join(self.rulings(page)))

    def package(self, pages, title):
        c = self.cfg
        files = []
        tpls, page_refs = [], []
        for i, page in enumerate(pages):
            tid = 0
            if c['ruled'] and c['template']:
                tid = 1000 + i
                files.append(('Doc_0/Tpls/Tpl_%d/Content.xml' % i, self.template_xml(page)))
                tpls.append('<ofd:TemplatePage ID="%d" BaseLoc="Tpls/Tpl_%d/Content.xml"/>' % (tid, i))
            files.append(('Doc_0/Pages/Page_%d/Content.xml' % i, self.page_xml(page, tid)))
        # pages listed in order; written to the package in reverse (order is the list's)
        for i in range(len(pages)):
            loc = 'Pages/Page_%d/Content.xml' % i
            if c['abs_paths']:
                loc = '/Doc_0/' + loc
            page_refs.append('<ofd:Page ID="%d" BaseLoc="%s"/>' % (100 + i, loc))
        document = ('<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Document xmlns:ofd="%s"><ofd:CommonData>'
                    '<ofd:MaxUnitID>%d</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 %s %s'
                    '</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes>%s'
                    '</ofd:CommonData><ofd:Pages>%s</ofd:Pages></ofd:Document>') % (
                        NS, self.next_id + 1, fmt(c['page_w']), fmt(c['page_h']), ''.join(tpls),
                        ''.join(page_refs))
        public = ('<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Res xmlns:ofd="%s" BaseLoc="Res"><ofd:Fonts>'
                  '<ofd:Font ID="2" FontName="SimSun" FamilyName="SimSun"/></ofd:Fonts></ofd:Res>') % NS
        ofd = ('<?xml version="1.0" encoding="UTF-8"?>\n<ofd:OFD xmlns:ofd="%s" Version="1.0" DocType="OFD">'
               '<ofd:DocBody><ofd:DocInfo><ofd:DocID>%s</ofd:DocID><ofd:Title>%s</ofd:Title>'
               '<ofd:CreationDate>2024-01-01</ofd:CreationDate><ofd:Creator>jixiao make-corpus-ofd'
               '</ofd:Creator></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody>'
               '</ofd:OFD>') % (NS, '%032x' % (hash_str(title)), esc(title))
        head = [('OFD.xml', ofd), ('Doc_0/Document.xml', document), ('Doc_0/PublicRes.xml', public)]
        return head + (files[::-1] if c['reverse_members'] else files)


def hash_str(s):
    h = 0
    for ch in s:
        h = (h * 131 + ord(ch)) % (1 << 128)
    return h


def zip_bytes(members):
    import io
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, text in members:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, text.encode('utf-8') if isinstance(text, str) else text)
    return buf.getvalue()


def config(seed, ruled):
    rnd = random.Random(seed)
    cfg = {
        'ruled': ruled,
        'page_w': 210.0 if ruled else 420.0, 'page_h': 297.0,
        'margin': 15.0,
        'size': rnd.choice([3.0, 3.2, 3.5]) if ruled else 3.2,
        'leading': 1.3 if ruled else 1.2,
        'pad': 1.2, 'vpad': 0.8 if ruled else 2.2,
        'stretch': not ruled,
        'centre': True,
        'cut_rows': ruled and rnd.random() < 0.5,
        'g_form': rnd.random() < 0.5,
        'text_scale': rnd.choice([1, 1, 0.5, 0.25]),
        'template': ruled and rnd.random() < 0.4,
        'rules': rnd.choice(['lines', 'cells', 'filled']),
        'layers': rnd.random() < 0.5,
        'blocks': rnd.random() < 0.3,
        'per_char': rnd.random() < 0.3,
        'continue_codes': rnd.random() < 0.5,
        'page_area': rnd.random() < 0.5,
        'abs_paths': rnd.random() < 0.3,
        'reverse_members': rnd.random() < 0.5,
    }
    return cfg


def norm(s):
    return ''.join(ch for ch in (s or '') if unicodedata.category(ch)[0] in 'LN')


def forms_of(blocks):
    """Which table starts which form: a form's first table is the first after
    the document's start or a page break. Returns [form index per table]."""
    out, form, fresh = [], -1, True
    for kind, _ in blocks:
        if kind == 'pagebreak':
            fresh = True
        elif kind == 'table':
            if fresh:
                form += 1
                fresh = False
            out.append(form)
    return out


def indicator_rows(recs, tables, table_forms):
    """Where each indicator's row is: {record index: (table, row)}, the next
    row of its form's tables with a cell that reads as the indicator's name
    (or, without one, its level-2 or level-1 name)."""
    where = {}  # form -> [(names in the row, table, row)]
    for t, (tab, f) in enumerate(zip(tables, table_forms)):
        for r in range(tab.nrows):
            names = set(norm(c.text) for c in tab.cells if c.row == r)
            where.setdefault(f, []).append((names, t, r))
    at, out = {}, {}
    for i, r in enumerate(recs):
        if r['type'] != 'indicator' or r.get('form') is None:
            continue
        rows = where.get(r['form'], [])
        want = norm(r.get('name') or r.get('level2_raw') or r.get('level1_raw'))
        for j in range(at.get(r['form'], 0), len(rows)):
            if want and want in rows[j][0]:
                out[i] = rows[j][1:]
                at[r['form']] = j + 1
                break
    return out


def write_doc(stem, out_dir, seed, ruled):
    blocks = docxmodel.read('corpus/docx/%s.docx' % stem)
    src_gold = 'corpus/docx/%s.gold.jsonl' % stem
    table_forms = forms_of(blocks)
    tables = [v for k, v in blocks if k == 'table']
    rows_of = indicator_rows([json.loads(line) for line in open(src_gold, encoding='utf-8')],
                             tables, table_forms)
    cfg = config(seed, ruled)
    lay = Layout(cfg)
    t = 0
    for kind, v in blocks:
        if kind == 'pagebreak':
            if lay.used:
                lay.new_page()
        elif kind == 'p':
            lay.paragraph(v)
        else:  # only the rows of indicators are cut across pages
            lay.cuttable = set(row for tab, row in rows_of.values() if tab == t)
            lay.table(v)
            t += 1
    pages = [p for p in lay.pages if p.texts or p.cells] or lay.pages
    assert len(pages) == len(lay.pages) or not lay.pages[-1].texts, stem
    members = Writer(cfg).package(pages, stem)
    out = '%s/%s.ofd' % (out_dir, stem)
    with open(out, 'wb') as fh:
        fh.write(zip_bytes(members))
    form_pages = []
    for f in range(max(table_forms) + 1):
        ps = [p for t, tf in enumerate(table_forms) if tf == f for p in lay.row_pages[t]]
        form_pages.append((min(ps), max(ps)))
    docxmodel.derive_gold(src_gold, out, 'ofd', pages=len(pages), form_pages=form_pages)
    fix_gold(out, rows_of, lay, ruled)
    return out


# the penalty of each flag (rules/10-common.rules): a record's confidence is
# the product of 1 - penalty over its flags, as rules/check.c computes it
PENALTY = {m.group(1): float(m.group(2)) for m in re.finditer(
    r'^penalty\s+(\w+)\s+([0-9.]+)', open('rules/10-common.rules', encoding='utf-8').read(), re.M)}


def confidence(flags):
    c = 1.0
    for f in flags:
        c *= 1.0 - min(max(PENALTY.get(f, 0.1), 0.0), 1.0)
    return math.floor(c * 1000 + 0.5) / 1000  # C's round(c * 1000) / 1000


def fix_gold(out, rows_of, lay, ruled):
    """What the rendering adds to the derived gold: each indicator the page
    its row starts on; a row cut by a page break CROSS_PAGE (confidence x
    0.95, as corpus/pdf's gold says). Unruled: every record read from a
    table has its columns inferred (COLUMN_INFERRED, confidence x 0.9), and
    an indicator with a blank name cell has no page."""
    gold = out.rsplit('.', 1)[0] + '.gold.jsonl'
    recs = [json.loads(line) for line in open(gold, encoding='utf-8')]
    for i, r in enumerate(recs):
        if i in rows_of:
            t, row = rows_of[i]
            r['page'] = lay.row_pages[t][row]
            if row in lay.cut_rows[t]:
                r['flags'] = sorted(r['flags'] + ['CROSS_PAGE'], key=FLAG_ORDER.index)
                r['confidence'] = round(r['confidence'] * 0.95, 3)
        if not ruled and r['type'] in ('form', 'fund', 'indicator'):
            # a table without lines: its columns are inferred from where the
            # text stands, as corpus/pdf-unruled's gold says
            r['flags'] = sorted(r['flags'] + ['COLUMN_INFERRED'], key=FLAG_ORDER.index)
            r['confidence'] = round(r['confidence'] * 0.9, 3)
            if r['type'] == 'indicator' and r.get('name') is None:
                r['page'] = None  # its name cell is blank: no cell, no page
        # glyph widths are guessed without the font's metrics: every record
        # of an OFD with text says so (LAYOUT_ESTIMATED, confidence x 0.85)
        if r['type'] in ('document', 'form', 'fund', 'indicator'):
            r['flags'] = sorted(r['flags'] + ['LAYOUT_ESTIMATED'], key=FLAG_ORDER.index)
            if r['type'] != 'document':
                r['confidence'] = confidence(r['flags'])
    with open(gold, 'w', encoding='utf-8') as fh:
        fh.write('\n'.join(json.dumps(r, ensure_ascii=False, separators=(',', ':')) for r in recs) + '\n')


def bad_inputs():
    """tests/data: an OFD whose page Content.xml is missing, one whose
    Document.xml does not parse."""
    ofd = ('<?xml version="1.0" encoding="UTF-8"?>\n<ofd:OFD xmlns:ofd="%s" Version="1.0" DocType="OFD">'
           '<ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>') % NS
    document = ('<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Document xmlns:ofd="%s"><ofd:CommonData>'
                '<ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>'
                '</ofd:CommonData><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/>'
                '</ofd:Pages></ofd:Document>') % NS
    with open('tests/data/ofd-no-content.ofd', 'wb') as fh:
        fh.write(zip_bytes([('OFD.xml', ofd), ('Doc_0/Document.xml', document)]))
    with open('tests/data/ofd-bad-document.ofd', 'wb') as fh:
        fh.write(zip_bytes([('OFD.xml', ofd), ('Doc_0/Document.xml', document[:-40])]))


def scan_inputs():
    """tests/data: OFD scans, pages of one picture and no text: a 200 dpi
    JPEG page of corpus/scanned/2021-template-cost.pdf (its resource in
    DocumentRes) and the small PNG of tests/data/image-only.pdf (in the
    page's PageRes). Needs pdfimages (poppler-utils); without it the
    committed files stay."""
    if not shutil.which('pdfimages'):
        return
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(['pdfimages', '-j', '-f', '1', '-l', '1', 'corpus/scanned/2021-template-cost.pdf',
                        tmp + '/j'], check=True)
        subprocess.run(['pdfimages', '-png', 'tests/data/image-only.pdf', tmp + '/p'], check=True)
        jpeg = open(tmp + '/j-000.jpg', 'rb').read()
        png = open(tmp + '/p-000.png', 'rb').read()
    ofd = ('<?xml version="1.0" encoding="UTF-8"?>\n<ofd:OFD xmlns:ofd="%s" Version="1.0" DocType="OFD">'
           '<ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>') % NS
    res = ('<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Res xmlns:ofd="%s" BaseLoc="%s"><ofd:MultiMedias>'
           '<ofd:MultiMedia ID="50" Type="Image"><ofd:MediaFile>%s</ofd:MediaFile></ofd:MultiMedia>'
           '</ofd:MultiMedias></ofd:Res>')
    image = ('<ofd:ImageObject ID="51" ResourceID="50" Boundary="0 0 210 297" CTM="210 0 0 297 0 0"/>')
    for name, data, media, page_res in (('ofd-scan.ofd', jpeg, 'scan-1.jpg', False),
                                        ('ofd-scan-png.ofd', png, 'page.png', True)):
        document = ('<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Document xmlns:ofd="%s"><ofd:CommonData>'
                    '<ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>%s'
                    '</ofd:CommonData><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/>'
                    '</ofd:Pages></ofd:Document>') % (
                        NS, '' if page_res else '<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>')
        page = ('<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Page xmlns:ofd="%s">%s<ofd:Content>'
                '<ofd:Layer ID="2">%s</ofd:Layer></ofd:Content></ofd:Page>') % (
                    NS, '<ofd:PageRes>PageRes.xml</ofd:PageRes>' if page_res else '', image)
        members = [('OFD.xml', ofd), ('Doc_0/Document.xml', document),
                   ('Doc_0/Pages/Page_0/Content.xml', page)]
        if page_res:
            members += [('Doc_0/Pages/Page_0/PageRes.xml', res % (NS, 'Res', media)),
                        ('Doc_0/Pages/Page_0/Res/' + media, data)]
        else:
            members += [('Doc_0/DocumentRes.xml', res % (NS, 'Res', media)), ('Doc_0/Res/' + media, data)]
        with open('tests/data/' + name, 'wb') as fh:
            fh.write(zip_bytes(members))


def main():
    os.makedirs('corpus/ofd', exist_ok=True)
    os.makedirs('corpus/ofd-unruled', exist_ok=True)
    for i, stem in enumerate(DOCS):
        print(write_doc(stem, 'corpus/ofd', 18 + i, True))
    for i, stem in enumerate(UNRULED):
        print(write_doc(stem, 'corpus/ofd-unruled', 118 + i, False))
    bad_inputs()
    scan_inputs()


if __name__ == '__main__':
    main()
