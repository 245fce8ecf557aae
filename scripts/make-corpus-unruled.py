#!/usr/bin/python3
"""Renders the corpus forms as PDFs printed WITHOUT ruling lines, in the
layouts they come in, with gold by construction (jixiao issue 21):

    /usr/bin/python3 scripts/make-corpus-unruled.py     # both splits

needs Debian's /usr/bin/python3 (it has pycairo), the CJK fonts
fonts-arphic-uming, fonts-arphic-ukai, fonts-wqy-zenhei, fonts-wqy-microhei,
fonts-noto-cjk, and soffice and pdfinfo for the Word-style files. None of
them is needed to build or test jixiao: the PDFs are committed.

corpus/gen-unruled/ is the dev split, corpus/gen-unruled-heldout/ the
held-back split (other seeds and other source documents; scored only, never
tuned on). Sources: every form of corpus/docx/*.docx, and the generated forms
of corpus/gen-docx/ (dev) or corpus/gen-docx-heldout/ (held-back), read with
scripts/docxmodel.py. Two renderings:

  c-*.pdf  drawn directly with cairo: no ruling lines (or, in the three-line
           variant, a top, a header and a bottom rule only); a 宋体/仿宋/黑体/楷体
           look-alike per document (AR PL UMing/UKai, WenQuanYi Zen/Micro Hei,
           Noto Serif/Sans CJK SC), 9-12 pt; A4 or A3, portrait or landscape;
           column widths from the DOCX grid or fitted to the content; cells
           centred, left, right or mixed per column (numbers right, labels
           centred, prose left); cells spanning rows at their top or middle;
           text wrapped to the column width; merged cells drawn as one block;
           titles and the (2023年度) line as paragraphs; tables across pages
           with or without a repeated header row; forms that flow on, two on
           a page.
  w-*.pdf  Word-style: the source DOCX with every table and cell border set
           to none, its page, font, size and cell alignment varied, exported
           by LibreOffice.

Gold: the source's gold (docxmodel.derive_gold) with the document's file
fields and page count; page numbers of forms and rows are left out (not
scored), as in corpus/gen-pdf. Every character of a cell is printed: text
wraps only between characters a reader joins without a space, and a column
is never narrower than its widest unbreakable run. Deterministic: the same
seed gives the same bytes (the PDF dates and ids are fixed). Run from the
repository root."""
import glob
import io
import json
import math
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import xml.etree.ElementTree as ET
import zipfile

import cairo

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import docxmodel  # noqa: E402

DOCX = sorted(glob.glob('corpus/docx/*.docx'))


def gen(folder):
    return sorted(glob.glob('corpus/%s/*.docx' % folder))


# (output folder, [(source DOCX, renderer, seed)]): each split renders every
# corpus DOCX form with cairo, its generated forms with cairo or Word, and a
# few corpus forms the Word way; the held-back split uses its own seeds.
def splits():
    dev = [(p, 'c', 1 + i) for i, p in enumerate(DOCX)]
    dev += [(p, 'cw'[i % 2], 11 + i) for i, p in enumerate(gen('gen-docx'))]
    dev += [(p, 'w', 21 + i) for i, p in enumerate(DOCX) if i in (1, 4)]
    held = [(p, 'c', 101 + i) for i, p in enumerate(DOCX)]
    held += [(p, 'wc'[i % 2], 111 + i) for i, p in enumerate(gen('gen-docx-heldout'))]
    held += [(p, 'w', 121 + i) for i, p in enumerate(DOCX) if i in (2, 5)]
    return [('corpus/gen-unruled', dev), ('corpus/gen-unruled-heldout', held)]


# ------------------------------------------------------------------ fonts
# (family, look-alike): the body font of a document; titles use a 黑体 one
# (cairo 1.16 embeds the whole CFF of Noto CJK, ~0.5 MB a file: the Noto
# faces are left to the Word-style files, which LibreOffice subsets)
BODY_FONTS = ['AR PL UMing CN', 'AR PL UKai CN', 'WenQuanYi Zen Hei', 'WenQuanYi Micro Hei']
TITLE_FONTS = ['WenQuanYi Zen Hei', 'WenQuanYi Micro Hei', 'AR PL UMing CN']
FALLBACKS = ['WenQuanYi Zen Hei', 'DejaVu Sans']   # ☑ and ☐ are only in DejaVu
A4, A3 = (595.28, 841.89), (841.89, 1190.55)
PDF_DATE = '2024-01-01T00:00:00'


class Fonts:
    """Advance widths and glyph coverage of the toy fonts, cached; a
    character a family lacks is drawn in the first of FALLBACKS that has it."""

    def __init__(self):
        surf = cairo.ImageSurface(cairo.FORMAT_A8, 4, 4)
        self.ctx = cairo.Context(surf)
        self.adv, self.has = {}, {}

    def _select(self, family, size):
        self.ctx.select_font_face(family, cairo.FONT_SLANT_NORMAL, cairo.FONT_WEIGHT_NORMAL)
        self.ctx.set_font_size(size)

    def covers(self, family, ch):
        k = (family, ch)
        if k not in self.has:
            self._select(family, 10)
            g = self.ctx.get_scaled_font().text_to_glyphs(0, 0, ch, False)
            self.has[k] = all(x[0] != 0 for x in g)
        return self.has[k]

    def face(self, family, ch):
        if ch.isspace() or self.covers(family, ch):
            return family
        for f in FALLBACKS:
            if self.covers(f, ch):
                return f
        raise ValueError('no font has %r' % ch)

    def width(self, family, size, s):
        w = 0.0
        for ch in s:
            f = self.face(family, ch)
            k = (f, ch)
            if k not in self.adv:
                self._select(f, 1000)
                self.adv[k] = self.ctx.text_extents(ch).x_advance / 1000
            w += self.adv[k] * size
        return w


FONTS = Fonts()


# ---------------------------------------------------------------- wrapping
def _latin(ch):
    return ch.isascii() and not ch.isspace()


def units(line):
    """line cut where a line may break: between two characters a reader
    joins without a space (CJK letters, a number and a Han letter); never
    beside a space, never inside a run of Latin letters, digits or marks."""
    out = []
    for ch in line:
        if out:
            prev = out[-1][-1]
            glue = (prev.isspace() or ch.isspace() or (_latin(prev) and _latin(ch)) or
                    unicodedata.category(ch) in ('Pe', 'Pf', 'Po') or
                    unicodedata.category(prev) in ('Ps', 'Pi'))
            if glue:
                out[-1] += ch
                continue
        out.append(ch)
    return out


def wrap(text, family, size, width):
    """The lines text takes in width: its own lines ('\\n'), each filled
    greedily with units. A unit wider than width gets a line of its own
    (callers make columns wide enough that none is)."""
    lines = []
    for para in text.replace('\t', ' ').split('\n'):
        cur, w = '', 0.0
        for u in units(para):
            uw = FONTS.width(family, size, u)
            if cur and w + uw > width + 1e-6:
                lines.append(cur)
                cur, w = '', 0.0
            cur += u
            w += uw
        lines.append(cur)
    while len(lines) > 1 and not lines[-1].strip():
        lines.pop()
    return lines


def min_width(text, family, size):
    return max([FONTS.width(family, size, u) for u in units(text.replace('\n', ' '))] + [0])


def max_width(text, family, size):
    return max(FONTS.width(family, size, x) for x in text.replace('\t', ' ').split('\n'))


# --------------------------------------------------------------- the style
HEADER_WORDS = ('一级指标', '二级指标', '三级指标', '指标名称', '分值', '得分', '年初预算数',
                '全年预算数', '全年执行数', '执行率', '自评分', '年度指标值', '实际完成值')
TITLE = re.compile(r'表(（[^）]*）)?$|^[（(]\s*\d{4}\s*年度?[）)]$')
NUMERIC = re.compile(r'[-+]?[\d.,，]+%?|[—-]+')


def draw_style(rng):
    """A document's look, drawn from its seed."""
    orient = rng.choice(['portrait', 'portrait', 'landscape'])
    return dict(
        paper=A3 if rng.random() < 0.25 else A4, orient=orient,
        margin=rng.uniform(36, 72),
        font=rng.choice(BODY_FONTS), title_font=rng.choice(TITLE_FONTS),
        size=rng.choice([9, 9.5, 10, 10.5, 11, 12]), title_size=rng.choice([14, 15, 16, 18]),
        spacing=rng.uniform(1.15, 1.45),
        flow=rng.random() < 0.35,          # page breaks between forms dropped
        table_gap=rng.uniform(6, 18))


def draw_table_style(rng):
    return dict(
        widths=rng.choice(['drawn', 'fitted']),
        fill=rng.uniform(0.8, 1.0),        # the table's width in the text width
        halign=rng.choice(['center', 'left', 'right', 'mixed', 'mixed']),
        valign_span=rng.choice(['top', 'middle']),
        valign=rng.choice(['top', 'middle']),
        hpad=rng.uniform(2, 7), vpad=rng.uniform(1.5, 5),
        three_line=rng.random() < 0.2,
        repeat_header=rng.random() < 0.5)


def norm(s):
    return re.sub(r'\s+', '', s)


def header_row(table):
    """The row of column headers (the indicator or score header), or None."""
    for r in range(table.nrows):
        words = {norm(c.text) for c in table.cells if c.row == r}
        if len(words & set(HEADER_WORDS)) >= 2:
            return r
    return None


def column_align(table, hrow, mode):
    """Each column's alignment; mixed: numbers right, short labels centred,
    prose left."""
    if mode != 'mixed':
        return [mode] * table.ncols
    out = []
    for c in range(table.ncols):
        body = [x.text.strip() for x in table.cells if x.col == c and x.colspan == 1 and
                x.row != hrow and x.text.strip()]
        if body and sum(bool(NUMERIC.fullmatch(t)) for t in body) * 2 >= len(body):
            out.append('right')
        elif body and max(len(t) for t in body) <= 8:
            out.append('center')
        else:
            out.append('left')
    return out


# ------------------------------------------------------------------ layout
class Doc:
    """A document laid out top to bottom as drawing operations, each on its
    page; finish() draws them into a cairo PDF."""

    def __init__(self, st):
        w, h = st['paper']
        self.w, self.h = (h, w) if st['orient'] == 'landscape' else (w, h)
        self.st = st
        self.ops = []       # (page, 'text', x, baseline, s, family, size) or (page, 'rule', x0, x1, y, width)
        self.page = 1
        self.top, self.bottom = st['margin'], self.h - st['margin']
        self.left, self.right = st['margin'], self.w - st['margin']
        self.y = self.top
        self.blank = True   # nothing placed on this page yet

    def new_page(self):
        self.page += 1
        self.y = self.top
        self.blank = True

    def lines(self, lines, x0, x1, top, align, family, size, lh):
        """Lines from top down, each aligned in [x0, x1]."""
        for i, s in enumerate(lines):
            w = FONTS.width(family, size, s)
            x = {'left': x0, 'right': x1 - w, 'center': (x0 + x1 - w) / 2}[align]
            self.ops.append((self.page, 'text', x, top + i * lh + (lh - size) / 2 + size * 0.88,
                             s, family, size))
        self.blank = False

    def rule(self, x0, x1, y, width):
        self.ops.append((self.page, 'rule', x0, x1, y, width))

    def paragraph(self, text, center):
        st = self.st
        size = st['title_size'] if center else st['size']
        fam = st['title_font'] if center else st['font']
        lh = size * st['spacing']
        for s in wrap(text, fam, size, self.right - self.left):
            if self.y + lh > self.bottom:
                self.new_page()
            self.lines([s], self.left, self.right, self.y, 'center' if center else 'left',
                       fam, size, lh)
            self.y += lh

    def finish(self):
        """The PDF's bytes and its page count."""
        buf = io.BytesIO()
        surf = cairo.PDFSurface(buf, self.w, self.h)
        surf.set_metadata(cairo.PDFMetadata.CREATE_DATE, PDF_DATE)
        surf.set_metadata(cairo.PDFMetadata.MOD_DATE, PDF_DATE)
        ctx = cairo.Context(surf)
        pages = max([op[0] for op in self.ops] + [1])
        for p in range(1, pages + 1):
            for op in self.ops:
                if op[0] != p:
                    continue
                if op[1] == 'rule':
                    ctx.set_line_width(op[5])
                    ctx.move_to(op[2], op[4])
                    ctx.line_to(op[3], op[4])
                    ctx.stroke()
                else:
                    draw_text(ctx, *op[2:])
            ctx.show_page()
        surf.finish()
        return buf.getvalue(), pages


def draw_text(ctx, x, baseline, s, family, size):
    """s with its baseline at (x, baseline); characters family lacks in a fallback."""
    runs = []
    for ch in s.replace('\t', ' '):
        f = FONTS.face(family, ch)
        if runs and runs[-1][0] == f:
            runs[-1][1] += ch
        else:
            runs.append([f, ch])
    for f, part in runs:
        ctx.select_font_face(f, cairo.FONT_SLANT_NORMAL, cairo.FONT_WEIGHT_NORMAL)
        ctx.set_font_size(size)
        ctx.move_to(x, baseline)
        ctx.show_text(part)
        x += FONTS.width(f, size, part)


def col_widths(table, ts, fam, size, avail):
    """Column widths in points, or None when the widest unbreakable runs
    do not fit avail."""
    pad = 2 * ts['hpad']
    n = table.ncols
    lo, hi = [pad + 4] * n, [pad + 4] * n
    for c in table.cells:
        if c.colspan == 1:
            lo[c.col] = max(lo[c.col], min_width(c.text, fam, size) + pad)
            hi[c.col] = max(hi[c.col], max_width(c.text, fam, size) + pad)
    for c in table.cells:       # a spanning cell's runs fit its span
        if c.colspan > 1:
            need = min_width(c.text, fam, size) + pad
            have = sum(lo[c.col:c.col + c.colspan])
            for k in range(c.col, c.col + c.colspan):
                lo[k] += max(0, need - have) / c.colspan
    if sum(lo) > avail:
        return None
    # as wide as it takes to hold each cell in 4 lines (6, 10 where that is too wide)
    for k in (4, 6, 10):
        soft = [max(a, (b - pad) / k + pad) for a, b in zip(lo, hi)]
        if sum(soft) <= avail:
            lo = soft
            break
    target = max(avail * ts['fill'], sum(lo))
    if ts['widths'] == 'drawn' and len(table.widths) == n and all(table.widths):
        w = [target * g / sum(table.widths) for g in table.widths]
    else:
        # fitted: between each column's narrowest and its one-line width
        hi = [max(a, min(b, target * 0.4)) for a, b in zip(lo, hi)]
        if sum(hi) <= target:
            w = hi
        else:
            k = (target - sum(lo)) / (sum(hi) - sum(lo))
            w = [a + (b - a) * k for a, b in zip(lo, hi)]
    # no column below its narrowest: the difference comes from the others
    short = [i for i in range(n) if w[i] < lo[i]]
    if short:
        need = sum(lo[i] - w[i] for i in short)
        slack = sum(w[i] - lo[i] for i in range(n) if w[i] > lo[i])
        w = [lo[i] if w[i] <= lo[i] else w[i] - need * (w[i] - lo[i]) / slack
             for i in range(n)]
    return w


def table_geometry(table, ts, fam, size, avail, spacing):
    """(size, widths, lines of each cell, height each cell needs, row
    heights): the type made smaller until the columns fit avail."""
    widths = col_widths(table, ts, fam, size, avail)
    while widths is None:
        size -= 0.5
        if size < 6:
            raise ValueError('table does not fit the page')
        widths = col_widths(table, ts, fam, size, avail)
    lh = size * spacing
    lines, need = {}, {}
    for c in table.cells:
        w = sum(widths[c.col:c.col + c.colspan]) - 2 * ts['hpad']
        lines[c] = wrap(c.text, fam, size, w) if c.text.strip() else []
        need[c] = max(1, len(lines[c])) * lh + 2 * ts['vpad']
    heights = [lh + 2 * ts['vpad']] * table.nrows
    for c in table.cells:
        if c.rowspan == 1:
            heights[c.row] = max(heights[c.row], need[c])
    for c in sorted(table.cells, key=lambda c: c.rowspan):
        if c.rowspan > 1:
            have = sum(heights[c.row:c.row + c.rowspan])
            if have < need[c]:
                heights[c.row + c.rowspan - 1] += need[c] - have
    return size, widths, lines, need, heights


def draw_table(doc, table, ts):
    """Places table's rows from doc.y on, over pages as needed (a row stays
    whole; a row that starts a cell spanning rows goes where that cell's
    text fits), and its cells' text: a cell spanning rows in its part on
    the page where it starts."""
    st = doc.st
    fam = st['font']
    avail = doc.right - doc.left
    size, widths, lines, need, heights = table_geometry(table, ts, fam, st['size'], avail,
                                                        st['spacing'])
    lh = size * st['spacing']
    xs = [doc.left + (avail - sum(widths)) / 2]
    for w in widths:
        xs.append(xs[-1] + w)
    hrow = header_row(table)
    align = column_align(table, hrow, ts['halign'])

    def cell_align(c):
        if ts['halign'] == 'mixed' and (c.row == hrow or c.colspan > 1):
            return 'center' if c.row == hrow else 'left'
        return align[c.col]

    def put(c, top, span_h):
        body = len(lines[c]) * lh
        valign = ts['valign_span'] if c.rowspan > 1 else ts['valign']
        y = top + ts['vpad']
        if valign == 'middle' and span_h > body + 2 * ts['vpad']:
            y = top + (span_h - body) / 2
        doc.lines(lines[c], xs[c.col] + ts['hpad'], xs[c.col + c.colspan] - ts['hpad'], y,
                  cell_align(c), fam, size, lh)

    def hrule(y, width):
        if ts['three_line']:
            doc.rule(xs[0], xs[-1], y, width)

    starts = {r: [c for c in table.cells if c.row == r] for r in range(table.nrows)}
    placed = {}   # row -> (page, y)
    hrule(doc.y, 1.2)
    for r in range(table.nrows):
        room = max([heights[r]] + [need[c] for c in starts[r] if c.rowspan > 1])
        if doc.y + room > doc.bottom and not doc.blank:
            hrule(doc.y, 1.2)
            doc.new_page()
            hrule(doc.y, 1.2)
            if ts['repeat_header'] and hrow is not None and r > hrow:
                for c in starts[hrow]:
                    if c.rowspan == 1 and lines[c]:
                        put(c, doc.y, heights[hrow])
                doc.y += heights[hrow]
                hrule(doc.y, 0.6)
        placed[r] = (doc.page, doc.y)
        doc.y += heights[r]
        doc.blank = False
        if r == (hrow if hrow is not None else 0):
            hrule(doc.y, 0.6)
    hrule(doc.y, 1.2)
    end = (doc.page, doc.y)
    for c in table.cells:
        if not lines[c]:
            continue
        page, top = placed[c.row]
        last = c.row
        while last + 1 < c.row + c.rowspan and placed[last + 1][0] == page:
            last += 1
        doc.page = page
        put(c, top, placed[last][1] + heights[last] - top)
    doc.page, doc.y = end


def cairo_pdf(src, seed):
    """A cairo rendering of src's blocks: (PDF bytes, pages)."""
    rng = random.Random('cairo:%d' % seed)
    st = draw_style(rng)
    blocks = docxmodel.read_flat(src)
    doc = Doc(st)
    for i, (kind, b) in enumerate(blocks):
        if kind == 'pagebreak':
            if not st['flow'] and not doc.blank:
                doc.new_page()
        elif kind == 'p':
            if b.strip():
                center = bool(TITLE.search(b.strip())) and len(b) <= 40
                if doc.y + 4 * st['size'] * st['spacing'] > doc.bottom:
                    doc.new_page()
                doc.paragraph(b, center)
            elif not doc.blank:
                doc.y += st['size'] * 0.6
        elif b.nrows == 1 and b.ncols == 1:
            # a frame around the title (000-form3-edited): its lines as one title
            doc.paragraph(''.join(x.strip() for x in b.cells[0].text.split('\n')), True)
        else:
            doc.y += st['table_gap'] / 2
            draw_table(doc, b, draw_table_style(rng))
            doc.y += st['table_gap'] / 2
    return doc.finish()


# -------------------------------------------------------------- Word-style
WNS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
ET.register_namespace('w', WNS)
ET.register_namespace('mc', 'http://schemas.openxmlformats.org/markup-compatibility/2006')
WORD_FONTS = ['AR PL UMing CN', 'AR PL UKai CN', 'WenQuanYi Zen Hei', 'Noto Serif CJK SC',
              'Noto Sans CJK SC', 'WenQuanYi Micro Hei']
NIL = ('top', 'left', 'bottom', 'right', 'insideH', 'insideV')


def w(tag):
    return '{%s}%s' % (WNS, tag)


def borderless(el, tag):
    """el's <tag> (w:tblBorders or w:tcBorders) replaced by one with every
    edge nil, placed first among el's children."""
    for old in el.findall(w(tag)):
        el.remove(old)
    b = ET.Element(w(tag))
    for edge in NIL:
        ET.SubElement(b, w(edge), {w('val'): 'nil'})
    el.insert(0, b)


def word_docx(src, rng):
    """src's bytes with its tables' borders off and its look varied: page
    size and orientation (the grid scaled to fit), the font and size of
    every run, the cell paragraphs' alignment."""
    with zipfile.ZipFile(src) as z:
        members = [(i, z.read(i.filename)) for i in z.infolist()]
    font = rng.choice(WORD_FONTS)
    half_points = str(rng.choice([18, 19, 20, 21, 22, 24]))
    jc = rng.choice([None, 'center', 'left'])
    out = []
    for info, data in members:
        if info.filename == 'word/document.xml':
            root = ET.fromstring(data)
            sect = root.find('.//' + w('sectPr'))
            pg, mar = sect.find(w('pgSz')), sect.find(w('pgMar'))
            paper = rng.choice([(11906, 16838), (11906, 16838), (16838, 23811)])
            land = rng.random() < 0.4
            pw, ph = (paper[1], paper[0]) if land else paper
            pg.set(w('w'), str(pw))
            pg.set(w('h'), str(ph))
            if land:
                pg.set(w('orient'), 'landscape')
            elif w('orient') in pg.attrib:
                del pg.attrib[w('orient')]
            text_w = pw - int(mar.get(w('left'))) - int(mar.get(w('right')))
            for tbl in root.iter(w('tbl')):
                tblpr = tbl.find(w('tblPr'))
                borderless(tblpr, 'tblBorders')
                cols = tbl.find(w('tblGrid')).findall(w('gridCol'))
                total = sum(int(g.get(w('w'))) for g in cols)
                scale = min(1.0, text_w / total) if total else 1.0
                for g in cols:
                    g.set(w('w'), str(int(int(g.get(w('w'))) * scale)))
                for tc in tbl.iter(w('tc')):
                    pr = tc.find(w('tcPr'))
                    if pr is None:
                        pr = ET.Element(w('tcPr'))
                        tc.insert(0, pr)
                    borderless(pr, 'tcBorders')
                    if jc:
                        for p in tc.findall(w('p')):
                            ppr = p.find(w('pPr'))
                            if ppr is None:
                                ppr = ET.Element(w('pPr'))
                                p.insert(0, ppr)
                            for old in ppr.findall(w('jc')):
                                ppr.remove(old)
                            ET.SubElement(ppr, w('jc'), {w('val'): jc})
            for r in root.iter(w('r')):
                rpr = r.find(w('rPr'))
                if rpr is None:
                    rpr = ET.Element(w('rPr'))
                    r.insert(0, rpr)
                ET.SubElement(rpr, w('rFonts'), {w(k): font for k in ('ascii', 'hAnsi', 'eastAsia')})
                ET.SubElement(rpr, w('sz'), {w('val'): half_points})
            data = ET.tostring(root, encoding='UTF-8', xml_declaration=True)
        out.append((info, data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as z:
        for info, data in out:
            z.writestr(info, data)
    return buf.getvalue()


def fixed_pdf_dates(data):
    """LibreOffice's PDF with its dates, /ID and /DocChecksum fixed (same lengths, so the
    xref offsets hold): the same input gives the same bytes."""
    data = re.sub(rb'\(D:\d{14}[^)]*\)', lambda m: b'(D:20240101000000' +
                  b'Z' * (len(m.group(0)) - 18) + b')', data)
    data = re.sub(rb'/DocChecksum /[0-9A-F]+', lambda m: m.group(0)[:14] +
                  b'0' * (len(m.group(0)) - 14), data)
    return re.sub(rb'/ID\s*\[\s*<[0-9A-Fa-f]+>\s*<[0-9A-Fa-f]+>\s*\]',
                  lambda m: b'/ID' + re.sub(rb'[0-9A-Fa-f]', b'0', m.group(0)[3:]), data)


def word_pdf(src, seed, tmp):
    """The Word-style rendering of src: (PDF bytes, pages)."""
    rng = random.Random('word:%d' % seed)
    stem = os.path.basename(src).rsplit('.', 1)[0]
    path = os.path.join(tmp, stem + '.docx')
    with open(path, 'wb') as fh:
        fh.write(word_docx(src, rng))
    subprocess.run(['soffice', '-env:UserInstallation=file://%s/lo' % tmp, '--headless',
                    '--convert-to', 'pdf', '--outdir', tmp, path], check=True, capture_output=True)
    pdf = os.path.join(tmp, stem + '.pdf')
    data = fixed_pdf_dates(open(pdf, 'rb').read())
    info = subprocess.run(['pdfinfo', pdf], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r'^Pages:\s+(\d+)', info, re.M).group(1))
    return data, pages


# -------------------------------------------------------------------- gold
def write_gold(src, out, pages):
    """out's gold: src's (the DOCX's), page numbers left out (not scored)."""
    docxmodel.derive_gold(src.rsplit('.', 1)[0] + '.gold.jsonl', out, 'pdf', pages=pages)
    gold = out.rsplit('.', 1)[0] + '.gold.jsonl'
    recs = [json.loads(x) for x in open(gold, encoding='utf-8')]
    for r in recs:
        for k in ('page', 'page_start', 'page_end'):
            r.pop(k, None)
    with open(gold, 'w', encoding='utf-8') as fh:
        fh.write(''.join(json.dumps(r, ensure_ascii=False, separators=(',', ':')) + '\n'
                         for r in recs))


def main():
    with tempfile.TemporaryDirectory() as tmp:
        for folder, items in splits():
            os.makedirs(folder, exist_ok=True)
            for old in glob.glob(folder + '/*'):
                os.remove(old)
            for src, how, seed in items:
                stem = os.path.basename(src).rsplit('.', 1)[0]
                out = '%s/%s-%s.pdf' % (folder, how, stem)
                data, pages = cairo_pdf(src, seed) if how == 'c' else word_pdf(src, seed, tmp)
                with open(out, 'wb') as fh:
                    fh.write(data)
                write_gold(src, out, pages)
                print('wrote', out, len(data), 'bytes,', pages, 'pages')


if __name__ == '__main__':
    main()
