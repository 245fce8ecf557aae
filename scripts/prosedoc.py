"""Prose documents (决算说明, 绩效自评报告) for the corpus: a DOCX from a list
of blocks, its LibreOffice PDF, and the gold of both from a list of facts.

Used by scripts/prose-seeds.py (the seeds rebuilt, hand-written gold) and
scripts/make-corpus-prose.py (generated documents, gold by construction).
Standard library only; the PDF needs soffice and pdftotext (poppler-utils).

Blocks: ('title', text), ('h', text) a bold heading, ('p', text) a paragraph,
('table', [[cell, ...], ...]) a ruled table, ('xml', text) body XML as it is
(a 自评表 from make-corpus-docx.py's form_table). Every page gets a footer with
its number ("- 3 -"), as published PDFs have.

A fact is a dict with the fact record's fields except doc and page:
subject, value, unit, share_pct, change, change_pct, compared_to, sentence;
plus 'figure', the figure as printed ("1069.44万元"), used only to find
the page of the fact in the PDF. A fact's sentence is the text of its
paragraph cut after each 。！？ (the mark kept), stripped of the spaces
around it: one sentence may hold many facts (其中：A …；B …).
"""
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from decimal import Decimal
from xml.sax.saxutils import escape

W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
FOOTER_RE = re.compile(r'^-\s*\d+\s*-$')
MONEY = {'元': Decimal(1), '万元': Decimal(10000), '亿元': Decimal(100000000)}


def sentences(text):
    """The sentences of a paragraph's text, in order."""
    out = []
    for piece in re.split(r'(?<=[。！？])', text):
        piece = piece.strip()
        if piece:
            out.append(piece)
    return out


def number(x):
    """A Decimal (or None) as a JSON number: an int when it is whole."""
    if x is None:
        return None
    x = Decimal(x)
    return int(x) if x == x.to_integral() else float(x)


def money_or_count(value, unit):
    """(value, unit) of a fact from the printed number and unit: money in 元."""
    v = Decimal(value)
    if unit in MONEY:
        return (v * MONEY[unit]).quantize(Decimal('0.01')), '元'
    return v, unit


# ------------------------------------------------------------------ DOCX
FONT = '<w:rFonts w:ascii="WenQuanYi Zen Hei" w:hAnsi="WenQuanYi Zen Hei" w:eastAsia="WenQuanYi Zen Hei"/>'


def _run(text, bold=False, size=None):
    rpr = '<w:rPr>%s%s%s</w:rPr>' % (FONT, '<w:b/>' if bold else '',
                                      '<w:sz w:val="%d"/>' % size if size else '')
    return '<w:r>%s<w:t xml:space="preserve">%s</w:t></w:r>' % (rpr, escape(text))


def _para(text, bold=False, center=False, size=None, indent=False):
    ppr = ''
    if center or indent:
        ppr = '<w:pPr>%s%s</w:pPr>' % ('<w:jc w:val="center"/>' if center else '',
                                       '<w:ind w:firstLine="480"/>' if indent else '')
    return '<w:p>%s%s</w:p>' % (ppr, _run(text, bold, size) if text else '')


def _table(rows):
    ncols = max(len(r) for r in rows)
    width = 9600 // ncols
    borders = ''.join('<w:%s w:val="single" w:sz="4" w:space="0" w:color="000000"/>' % b
                      for b in ('top', 'left', 'bottom', 'right', 'insideH', 'insideV'))
    grid = ''.join('<w:gridCol w:w="%d"/>' % width for _ in range(ncols))
    body = ''.join('<w:tr>%s</w:tr>' % ''.join(
        '<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr>%s</w:tc>' % (width, _para(c))
        for c in r) for r in rows)
    return ('<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:jc w:val="center"/>'
            '<w:tblBorders>%s</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr>'
            '<w:tblGrid>%s</w:tblGrid>%s</w:tbl>') % (borders, grid, body)


def _body(blocks):
    out = []
    for kind, x in blocks:
        if kind == 'title':
            out.append(_para(x, bold=True, center=True, size=36))
        elif kind == 'h':
            out.append(_para(x, bold=True))
        elif kind == 'p':
            out.append(_para(x, indent=True))
        elif kind == 'table':
            out.append(_table(x))
            out.append(_para(''))
        elif kind == 'xml':
            out.append(x)
        else:
            raise ValueError('unknown block %r' % kind)
    return ''.join(out)


FOOTER = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<w:ftr xmlns:w="%s"><w:p><w:pPr><w:jc w:val="center"/></w:pPr>'
          '<w:r><w:rPr>%s</w:rPr><w:t xml:space="preserve">- </w:t></w:r>'
          '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
          '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
          '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
          '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
          '<w:r><w:rPr>%s</w:rPr><w:t xml:space="preserve"> -</w:t></w:r></w:p></w:ftr>') % (W, FONT, FONT)
CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/>'
                 '<Override PartName="/word/document.xml" ContentType="application/'
                 'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                 '<Override PartName="/word/footer1.xml" ContentType="application/'
                 'vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
DOC_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/footer" Target="footer1.xml"/></Relationships>')


def docx(blocks):
    """The bytes of a DOCX holding blocks (byte-for-byte reproducible)."""
    document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<w:document xmlns:w="%s" xmlns:r="%s"><w:body>%s<w:sectPr>'
                '<w:footerReference w:type="default" r:id="rId1"/>'
                '<w:pgSz w:w="11906" w:h="16838"/>'
                '<w:pgMar w:top="1440" w:right="1247" w:bottom="1440" w:left="1247" '
                'w:header="851" w:footer="851" w:gutter="0"/></w:sectPr></w:body></w:document>'
                ) % (W, R, _body(blocks))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, data in (('[Content_Types].xml', CONTENT_TYPES), ('_rels/.rels', RELS),
                           ('word/document.xml', document), ('word/_rels/document.xml.rels', DOC_RELS),
                           ('word/footer1.xml', FOOTER)):
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return buf.getvalue()


def to_pdf(docx_path, pdf_path):
    """Converts with LibreOffice (a private profile); raises on failure."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(['soffice', '-env:UserInstallation=file://%s/lo' % tmp, '--headless',
                        '--convert-to', 'pdf', '--outdir', tmp, docx_path],
                       check=True, capture_output=True)
        name = os.path.basename(docx_path).rsplit('.', 1)[0] + '.pdf'
        shutil.copy(os.path.join(tmp, name), pdf_path)


def _squeeze(s):
    """s without whitespace and hyphens (pdftotext drops a '-' that ends a line)."""
    return re.sub(r'[\s-]+', '', s)


def pdf_page_texts(path):
    """The text of each page, footer line dropped, all whitespace removed."""
    text = subprocess.run(['pdftotext', '-enc', 'UTF-8', path, '-'], check=True,
                          capture_output=True, text=True).stdout
    pages = text.split('\f')
    if pages and not pages[-1].strip():
        pages.pop()
    out = []
    for p in pages:
        lines = [l for l in p.splitlines() if l.strip()]
        if lines and FOOTER_RE.match(lines[-1].strip()):
            lines.pop()
        out.append(_squeeze(''.join(lines)))
    return out


def fact_pages(facts, page_texts):
    """The 1-based page of each fact: where its figure is printed inside its
    sentence, facts taken in document order. None where it is not found."""
    joined, starts = '', []
    for t in page_texts:
        starts.append(len(joined))
        joined += t
    pos, out = 0, []
    for f in facts:
        s = _squeeze(f['sentence'])
        at = joined.find(s, pos)
        if at < 0:
            at = joined.find(s)
        if at < 0:
            out.append(None)
            continue
        pos = at
        fig = _squeeze(f.get('figure') or '')
        k = s.find(fig) if fig else -1
        where = at + (k if k >= 0 else 0)
        page = max(i for i, st in enumerate(starts) if st <= where) + 1
        out.append(page)
    return out


# ------------------------------------------------------------------ gold
def write_gold(path, data, fmt, pages, doc_fields, facts, fact_pages_=None, extra=()):
    """Writes PATH's gold (NAME.gold.jsonl beside it): the document record,
    extra records (forms, funds, indicators of an attached table, without
    doc), then one record a fact. doc_fields: kind, year, forms, indicators."""
    doc = hashlib.sha256(data).hexdigest()
    recs = [dict(type='document', doc=doc, source=path, bytes=len(data), format=fmt, pages=pages,
                 text_source='native', kind=doc_fields['kind'], year=doc_fields['year'],
                 forms=doc_fields.get('forms', 0), indicators=doc_fields.get('indicators', 0),
                 facts=len(facts), pages_without_text=[], pages_garbled=[], flags=[])]
    for r in extra:
        recs.append(dict(r, doc=doc))
    for i, f in enumerate(facts):
        recs.append(dict(type='fact', doc=doc, page=fact_pages_[i] if fact_pages_ else None,
                         subject=f['subject'], value=number(f['value']), unit=f['unit'],
                         share_pct=number(f['share_pct']), change=number(f['change']),
                         change_pct=number(f['change_pct']), compared_to=f['compared_to'],
                         sentence=f['sentence']))
    with open(path.rsplit('.', 1)[0] + '.gold.jsonl', 'w', encoding='utf-8') as fh:
        for r in recs:
            fh.write(json.dumps(r, ensure_ascii=False, separators=(',', ':')) + '\n')


def pdf_pages(path):
    info = subprocess.run(['pdfinfo', path], check=True, capture_output=True, text=True).stdout
    return int([l for l in info.splitlines() if l.startswith('Pages:')][0].split()[1])


def write_pair(folder, name, blocks, doc_fields, facts, extra=(), want_pdf=True):
    """Writes FOLDER/NAME-docx.docx and (want_pdf) its PDF FOLDER/NAME-pdf.pdf,
    each with its gold (two stems: a gold file is found by its input's).
    Returns the sentences of the facts whose page in the PDF was not found."""
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, name + '-docx.docx')
    data = docx(blocks)
    with open(path, 'wb') as fh:
        fh.write(data)
    write_gold(path, data, 'docx', None, doc_fields, facts, None, extra)
    if not want_pdf:
        return []
    pdf = os.path.join(folder, name + '-pdf.pdf')
    to_pdf(path, pdf)
    pdata = open(pdf, 'rb').read()
    pages = fact_pages(facts, pdf_page_texts(pdf))
    write_gold(pdf, pdata, 'pdf', pdf_pages(pdf), doc_fields, facts, pages, extra)
    return [f['sentence'] for f, p in zip(facts, pages) if p is None]
