#!/usr/bin/env python3
"""Writes the three hostile inputs of issue 17 into a directory:
    huge-page.pdf    an 824-byte-class PDF whose one page is 14400 x 14400 pt
    gridspan.docx    a ~30 KB DOCX of 300 x 300 table cells each w:gridSpan="999"
    gridspan-varied.docx  the same with a different text in each cell (compresses
                     less than 100:1, so the grid limit is what stops it)
    inflate.docx     a ~200 KB DOCX whose word/document.xml inflates to ~200 MB
Peak memory of `jixiao extract FILE` on each should stay under 300 MiB.
Only the Python standard library is used:
    python3 scripts/make-hostile.py OUTDIR
"""
import io
import os
import random
import sys
import zipfile

W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
CT = ('<?xml version="1.0" encoding="UTF-8"?>'
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/word/document.xml" ContentType="application/'
      'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')


def pdf(side=14400):
    content = b'BT /F1 12 Tf 72 72 Td (Huge page) Tj ET 0 0 m 1000 0 l S'
    objs = [b'<< /Type /Catalog /Pages 2 0 R >>',
            b'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
            ('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R '
             '/Resources << /Font << /F1 5 0 R >> >> >>' % (side, side)).encode(),
            b'<< /Length %d >>\nstream\n' % len(content) + content + b'\nendstream',
            b'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>']
    out = bytearray(b'%PDF-1.4\n')
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b'%d 0 obj\n' % i + o + b'\nendobj\n'
    xref = len(out)
    out += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objs) + 1)
    for off in offsets:
        out += b'%010d 00000 n \n' % off
    out += b'trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objs) + 1, xref)
    return bytes(out)


def docx(body):
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           '<w:document xmlns:w="%s"><w:body>' % W).encode() + body + b'</w:body></w:document>'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data in (('[Content_Types].xml', CT.encode()), ('word/document.xml', xml)):
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return buf.getvalue()


def gridspan_docx(rows=300, cells=300, varied=False):
    """Cells of gridSpan 999; varied: each with its own text, so the part
    does not compress past 100:1 and only the grid's size can stop it."""
    rnd = random.Random(17)
    def cell():
        text = b'%08x' % rnd.getrandbits(32) if varied else b'x'
        return (b'<w:tc><w:tcPr><w:gridSpan w:val="999"/></w:tcPr><w:p><w:r><w:t>' + text +
                b'</w:t></w:r></w:p></w:tc>')
    body = b''.join(b'<w:tr>' + b''.join(cell() for _ in range(cells)) + b'</w:tr>'
                    for _ in range(rows))
    return docx(b'<w:tbl>' + body + b'</w:tbl>')


def inflate_docx(size=200 * 1000 * 1000):
    para = b'<w:p><w:r><w:t>a</w:t></w:r></w:p>'
    return docx(para * (size // len(para)))


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else '.'
    os.makedirs(out, exist_ok=True)
    for name, data in (('huge-page.pdf', pdf()), ('gridspan.docx', gridspan_docx()),
                       ('gridspan-varied.docx', gridspan_docx(varied=True)),
                       ('inflate.docx', inflate_docx())):
        with open(os.path.join(out, name), 'wb') as f:
            f.write(data)
        print('%s: %d bytes' % (name, len(data)))


if __name__ == '__main__':
    main()
