#!/usr/bin/env python3
"""The held-back OFD split: another tool's layout, never tuned on.

    python3 scripts/make-corpus-ofd-heldout.py             # needs mutool (mupdf-tools)
    python3 scripts/make-corpus-ofd-heldout.py --gold-only  # re-derive the gold only

LibreOffice's PDFs of the corpus (corpus/pdf/*.pdf -> corpus/ofd-heldout/,
corpus/pdf-unruled/*.pdf -> corpus/ofd-unruled-heldout/, corpus/gen-pdf-heldout
-> corpus/gen-ofd-heldout/) converted to OFD; and, made the same way from the
generated dev PDFs (corpus/gen-pdf -> corpus/gen-ofd/), a dev split of this
producer's OFD to tune on, where the others are only scored:
`mutool trace` gives each page's glyphs (with their font size and origin)
and vector paths, which are written page by page as OFD TextObjects (one
per text span, DeltaX from the glyph origins) and PathObjects (stroked and
filled, AbbreviatedData relative to the Boundary), coordinates in mm. The
gold is the PDF's (corpus/pdf*/X.gold.jsonl: same pages), for this file
(docxmodel.derive_gold). Deterministic: fixed ZIP dates. Standard library
plus the mutool binary."""
import glob
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import importlib.util

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import docxmodel  # noqa: E402

# the OFD writer's helpers (number format, XML escapes, the fixed-date ZIP)
_spec = importlib.util.spec_from_file_location('make_corpus_ofd', os.path.join(HERE, 'make-corpus-ofd.py'))
ofdgen = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ofdgen)
fmt, esc, zip_bytes = ofdgen.fmt, ofdgen.esc, ofdgen.zip_bytes

# the last: generated forms (scripts/make-corpus-gen.py) no reader was tuned on
SETS = [('corpus/pdf', 'corpus/ofd-heldout'), ('corpus/pdf-unruled', 'corpus/ofd-unruled-heldout'),
        ('corpus/gen-pdf-heldout', 'corpus/gen-ofd-heldout'), ('corpus/gen-pdf', 'corpus/gen-ofd')]
NS = 'http://www.ofdspec.org/2016'
PT_TO_MM = 25.4 / 72
HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'


def matrix(s):
    v = [float(x) for x in s.split()]
    return v if len(v) == 6 else [1, 0, 0, 1, 0, 0]


def apply(m, x, y):
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


class Page:
    def __init__(self, w, h):
        self.w, self.h = w, h
        self.objs = []
        self.next_id = 1

    def nid(self):
        self.next_id += 1
        return self.next_id

    def text(self, span, ctm):
        trm = [float(x) for x in span.get('trm', '1 0 0 1').split()]
        glyphs = []
        for g in span.iter('g'):
            u = g.get('unicode', '')
            if not u:
                continue
            x, y = apply(ctm, float(g.get('x')), float(g.get('y')))
            glyphs.append((u, x * PT_TO_MM, y * PT_TO_MM))
        if not glyphs:
            return
        # the size as the page shows it: the text matrix through the CTM
        size = abs(trm[3] * ctm[3] + trm[2] * ctm[2]) or abs(trm[0])
        size *= PT_TO_MM
        # one TextCode per baseline: a span is one line
        x0 = min(g[1] for g in glyphs)
        y0 = min(g[2] for g in glyphs) - size
        x1 = max(g[1] for g in glyphs) + size
        y1 = max(g[2] for g in glyphs) + size * 0.3
        codes, run = [], [glyphs[0]]
        for g in glyphs[1:]:
            if abs(g[2] - run[-1][2]) > 0.01 or g[1] < run[-1][1]:
                codes.append(run)
                run = []
            run.append(g)
        codes.append(run)
        out = []
        for run in codes:
            text = ''.join(g[0] for g in run)
            dx = ' '.join(fmt(b[1] - a[1]) for a, b in zip(run, run[1:]))
            out.append('<ofd:TextCode X="%s" Y="%s"%s>%s</ofd:TextCode>' % (
                fmt(run[0][1] - x0), fmt(run[0][2] - y0), ' DeltaX="%s"' % dx if dx else '', esc(text)))
        self.objs.append('<ofd:TextObject ID="%d" Boundary="%s %s %s %s" Font="2" Size="%s">%s'
                         '</ofd:TextObject>' % (self.nid(), fmt(x0), fmt(y0), fmt(x1 - x0),
                                                fmt(y1 - y0), fmt(size), ''.join(out)))

    def path(self, el, ctm, fill):
        color = el.get('color', '0').split()
        if color and all(float(c) > 0.9 for c in color):
            return  # white: paper, not ink
        ops = []
        for op in el:
            if op.tag in ('moveto', 'lineto'):
                ops.append(('M' if op.tag == 'moveto' else 'L',
                            [apply(ctm, float(op.get('x')), float(op.get('y')))]))
            elif op.tag == 'curveto':
                pts = [apply(ctm, float(op.get('x%d' % i)), float(op.get('y%d' % i))) for i in (1, 2, 3)]
                ops.append(('B', pts))
            elif op.tag == 'closepath':
                ops.append(('C', []))
        pts = [p for _, ps in ops for p in ps]
        if not pts:
            return
        pts_mm = [(x * PT_TO_MM, y * PT_TO_MM) for x, y in pts]
        x0, y0 = min(p[0] for p in pts_mm), min(p[1] for p in pts_mm)
        x1, y1 = max(p[0] for p in pts_mm), max(p[1] for p in pts_mm)
        data = []
        for cmd, ps in ops:
            data.append(' '.join([cmd] + ['%s %s' % (fmt(x * PT_TO_MM - x0), fmt(y * PT_TO_MM - y0))
                                          for x, y in ps]))
        lw = float(el.get('linewidth', '0.5')) * PT_TO_MM
        attrs = ' Fill="true" Stroke="false"' if fill else ' LineWidth="%s"' % fmt(lw)
        self.objs.append('<ofd:PathObject ID="%d" Boundary="%s %s %s %s"%s><ofd:AbbreviatedData>%s'
                         '</ofd:AbbreviatedData></ofd:PathObject>' % (
                             self.nid(), fmt(x0), fmt(y0), fmt(max(x1 - x0, 0.1)),
                             fmt(max(y1 - y0, 0.1)), attrs, ' '.join(data)))

    def xml(self):
        return (HEAD + '<ofd:Page xmlns:ofd="%s"><ofd:Area><ofd:PhysicalBox>0 0 %s %s</ofd:PhysicalBox>'
                '</ofd:Area><ofd:Content><ofd:Layer ID="1">%s</ofd:Layer></ofd:Content></ofd:Page>') % (
                    NS, fmt(self.w), fmt(self.h), ''.join(self.objs))


def convert(pdf):
    trace = subprocess.run(['mutool', 'trace', pdf], capture_output=True, check=True).stdout
    root = ET.fromstring(trace)
    pages = []
    for pg in root.iter('page'):
        box = [float(v) for v in pg.get('mediabox').split()]
        page = Page((box[2] - box[0]) * PT_TO_MM, (box[3] - box[1]) * PT_TO_MM)
        for el in pg.iter():
            if el.tag == 'fill_text':
                ctm = matrix(el.get('transform', '1 0 0 1 0 0'))
                for span in el.iter('span'):
                    page.text(span, ctm)
            elif el.tag in ('stroke_path', 'fill_path'):
                page.path(el, matrix(el.get('transform', '1 0 0 1 0 0')), el.tag == 'fill_path')
        pages.append(page)
    return pages


def package(pages, title):
    w, h = (pages[0].w, pages[0].h) if pages else (210, 297)
    refs = ''.join('<ofd:Page ID="%d" BaseLoc="Pages/Page_%d/Content.xml"/>' % (100 + i, i)
                   for i in range(len(pages)))
    document = (HEAD + '<ofd:Document xmlns:ofd="%s"><ofd:CommonData><ofd:MaxUnitID>1000</ofd:MaxUnitID>'
                '<ofd:PageArea><ofd:PhysicalBox>0 0 %s %s</ofd:PhysicalBox></ofd:PageArea>'
                '<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData><ofd:Pages>%s</ofd:Pages>'
                '</ofd:Document>') % (NS, fmt(w), fmt(h), refs)
    public = (HEAD + '<ofd:Res xmlns:ofd="%s" BaseLoc="Res"><ofd:Fonts><ofd:Font ID="2" '
              'FontName="WenQuanYi Zen Hei"/></ofd:Fonts></ofd:Res>') % NS
    ofd = (HEAD + '<ofd:OFD xmlns:ofd="%s" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo>'
           '<ofd:Title>%s</ofd:Title><ofd:Creator>mutool trace to OFD</ofd:Creator></ofd:DocInfo>'
           '<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>') % (NS, esc(title))
    members = [('OFD.xml', ofd), ('Doc_0/Document.xml', document), ('Doc_0/PublicRes.xml', public)]
    members += [('Doc_0/Pages/Page_%d/Content.xml' % i, p.xml()) for i, p in enumerate(pages)]
    return members


def main():
    gold_only = '--gold-only' in sys.argv[1:]
    for src, dst in SETS:
        os.makedirs(dst, exist_ok=True)
        for pdf in sorted(glob.glob(src + '/*.pdf')):
            stem = os.path.basename(pdf)[:-4]
            out = '%s/%s.ofd' % (dst, stem)
            if not gold_only:
                pages = convert(pdf)
                with open(out, 'wb') as fh:
                    fh.write(zip_bytes(package(pages, stem)))
            if os.path.exists(out):
                gold = json_pages('%s/%s.gold.jsonl' % (src, stem))
                docxmodel.derive_gold('%s/%s.gold.jsonl' % (src, stem), out, 'ofd', pages=gold)
                print(out)


def json_pages(gold):
    import json
    with open(gold, encoding='utf-8') as fh:
        return json.loads(fh.readline())['pages']


if __name__ == '__main__':
    main()
