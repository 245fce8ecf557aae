"""The corpus DOCX files as plain data, for the scripts that render the same
forms in other formats (XLSX, XLS, HTML, OFD), and the gold of a rendering.

    import docxmodel
    blocks = docxmodel.read('corpus/docx/000-tongzhou-5forms.docx')
    # [('p', '项目支出绩效自评表'), ('table', Table), ('pagebreak', None), ...]
    docxmodel.derive_gold('corpus/docx/X.gold.jsonl', 'corpus/xlsx/X.xlsx', 'xlsx')

A Table has widths (the w:gridCol widths in twips) and cells, each a Cell
(row, col, rowspan, colspan, text): w:gridSpan and w:vMerge resolved, text
with '\\n' between paragraphs and at <w:br/>. Blank ('') cells are kept.
Only the Python standard library is used."""
import hashlib
import json
import zipfile
import xml.etree.ElementTree as ET
from collections import namedtuple

W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'
Cell = namedtuple('Cell', 'row col rowspan colspan text')
Table = namedtuple('Table', 'widths cells nrows ncols')


def _text(el):
    """Text of a paragraph or a cell: runs joined, <w:br/> and paragraphs as '\\n'."""
    paras = []
    for p in el.iter(W + 'p'):
        out = []
        for n in p.iter():
            if n.tag == W + 't' and n.text:
                out.append(n.text)
            elif n.tag == W + 'br' and n.get(W + 'type') != 'page':
                out.append('\n')
            elif n.tag == W + 'tab':
                out.append('\t')
        paras.append(''.join(out))
    return '\n'.join(paras)


def _has_page_break(p):
    return any(n.get(W + 'type') == 'page' for n in p.iter(W + 'br')) or \
        p.find('.//' + W + 'pageBreakBefore') is not None


def _table(tbl):
    widths = [int(g.get(W + 'w', '0')) for g in tbl.iter(W + 'gridCol')]
    cells = []           # [row, col, rowspan, colspan, text]
    above = {}           # col -> the cell list that a vMerge continue extends
    r = 0
    for tr in tbl.findall(W + 'tr'):
        c = 0
        for tc in tr.findall(W + 'tc'):
            span, vm = _span_merge(tc)
            if vm == 'continue' and c in above:
                above[c][2] += 1
            else:
                cell = [r, c, 1, span, _text(tc)]
                cells.append(cell)
                for k in range(c, c + span):
                    above.pop(k, None)
                above[c] = cell
            c += span
        r += 1
    ncols = max([x[1] + x[3] for x in cells] + [len(widths)])
    return Table(widths, [Cell(*x) for x in cells], r, ncols)


def read(path):
    """The blocks of a DOCX's body, in order: ('p', text), ('table', Table),
    ('pagebreak', None). Nested tables are not read (the corpus has none)."""
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read('word/document.xml'))
    body = root.find(W + 'body')
    blocks = []
    for el in body:
        if el.tag == W + 'p':
            if _has_page_break(el):
                blocks.append(('pagebreak', None))
            blocks.append(('p', _text(el)))
        elif el.tag == W + 'tbl':
            blocks.append(('table', _table(el)))
    return blocks


def derive_gold(src_gold, out_file, fmt, pages=None, text_source='native',
                form_pages=None):
    """Writes out_file's gold (X.gold.jsonl beside X.ext) from the gold of the
    DOCX the file renders: the same records, with the document's hash,
    source, size, format and pages those of out_file. The values stay as
    they are: a rendering is scored against the true values.
    form_pages: for a paged format, a list giving each form (by its index)
    its (first, last) page: a form's page_start/page_end and the `page` of
    the form's records (its first page) follow it. A renderer that breaks a
    form across pages sets the rows' own pages itself."""
    data = open(out_file, 'rb').read()
    doc = hashlib.sha256(data).hexdigest()
    out = []
    for line in open(src_gold, encoding='utf-8'):
        r = json.loads(line)
        r['doc'] = doc
        if r['type'] == 'document':
            r.update(source=out_file, bytes=len(data), format=fmt, pages=pages,
                     text_source=text_source)
        elif form_pages is not None and r.get('form') is not None:
            fp = form_pages[r['form']]
            r['page'] = fp[0]
            if r['type'] == 'form':
                r.update(page_start=fp[0], page_end=fp[1])
        out.append(json.dumps(r, ensure_ascii=False, separators=(',', ':')))
    stem = out_file.rsplit('.', 1)[0]
    with open(stem + '.gold.jsonl', 'w', encoding='utf-8') as fh:
        fh.write('\n'.join(out) + '\n')


def _hidden(r):
    """Whether run r is hidden (w:vanish)."""
    pr = r.find(W + 'rPr')
    v = pr.find(W + 'vanish') if pr is not None else None
    return v is not None and v.get(W + 'val') not in ('0', 'false', 'off')


def _visible_text(p):
    """Text of one paragraph as _text reads it, but without hidden runs."""
    out = []

    def walk(n):
        for c in n:
            if c.tag == W + 'r' and _hidden(c):
                continue
            if c.tag == W + 't' and c.text:
                out.append(c.text)
            elif c.tag == W + 'br' and c.get(W + 'type') != 'page':
                out.append('\n')
            elif c.tag == W + 'tab':
                out.append('\t')
            walk(c)
    walk(p)
    return ''.join(out)


def _own_text(el):
    """Text of a cell without the tables nested in it and without hidden
    runs: its paragraphs (also those inside w:sdt) joined by '\\n'."""
    paras = []

    def walk(n):
        for c in n:
            if c.tag == W + 'tbl':
                continue
            if c.tag == W + 'p':
                paras.append(_visible_text(c))
            else:
                walk(c)
    walk(el)
    return '\n'.join(paras)


def _span_merge(tc):
    """A w:tc's w:gridSpan (1 if none) and w:vMerge ('restart', 'continue'
    or None)."""
    pr = tc.find(W + 'tcPr')
    if pr is None:
        return 1, None
    gs, v = pr.find(W + 'gridSpan'), pr.find(W + 'vMerge')
    return (int(gs.get(W + 'val', '1')) if gs is not None else 1,
            v.get(W + 'val', 'continue') if v is not None else None)


def _direct_tables(el):
    """The w:tbl elements under el that are not inside another w:tbl of el."""
    out = []
    for c in el:
        if c.tag == W + 'tbl':
            out.append(c)
        else:
            out.extend(_direct_tables(c))
    return out


def _deep_table(tbl):
    """A Table of tbl alone (its own w:tblGrid and cells, the cell text
    without nested tables) and {(row, col): [nested deep tables]}."""
    grid = tbl.find(W + 'tblGrid')
    widths = [int(g.get(W + 'w', '0')) for g in grid.findall(W + 'gridCol')] \
        if grid is not None else []
    cells, above, nested = [], {}, {}
    r = 0
    for tr in tbl.findall(W + 'tr'):
        c = 0
        for tc in tr.findall(W + 'tc'):
            span, vm = _span_merge(tc)
            if vm == 'continue' and c in above:
                above[c][2] += 1
            else:
                cell = [r, c, 1, span, _own_text(tc)]
                cells.append(cell)
                for k in range(c, c + span):
                    above.pop(k, None)
                above[c] = cell
                direct = _direct_tables(tc)
                if direct:
                    nested[(r, c)] = [_deep_table(t) for t in direct]
            c += span
        r += 1
    ncols = max([x[1] + x[3] for x in cells] + [len(widths)])
    return Table(widths, [Cell(*x) for x in cells], r, ncols), nested


def read_deep(path):
    """As read(), but with nested tables and without hidden text (w:vanish
    runs): a table block is ('table', Table, nested), where Table's cell
    texts leave out the tables nested in them and nested maps (row, col) of a cell to the deep tables in it, each a
    (Table, nested) pair."""
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read('word/document.xml'))
    body = root.find(W + 'body')
    blocks = []
    for el in body:
        if el.tag == W + 'p':
            if _has_page_break(el):
                blocks.append(('pagebreak', None))
            blocks.append(('p', _visible_text(el)))
        elif el.tag == W + 'tbl':
            t, nested = _deep_table(el)
            blocks.append(('table', t, nested))
    return blocks


MC = '{http://schemas.openxmlformats.org/markup-compatibility/2006}'


_SKIP = {W + t for t in ('del', 'moveFrom', 'delText', 'instrText', 'delInstrText', 'rPr',
                         'pPr', 'fldData', 'footnoteReference', 'endnoteReference',
                         'commentReference')}


def _shown(el, out):
    """The text a reader sees in el: hidden (w:vanish) runs, deletions and
    field instructions left out, as jixiao's DOCX reader does."""
    for n in el:
        if n.tag == MC + 'AlternateContent':
            choice = n.find(MC + 'Choice')
            _shown(choice if choice is not None else n.find(MC + 'Fallback') or [], out)
        elif n.tag in _SKIP:
            continue
        elif n.tag == W + 'r':
            if not _hidden(n):
                _shown(n, out)
        elif n.tag == W + 't':
            out.append(n.text or '')
        elif n.tag in (W + 'tab', W + 'ptab'):
            out.append('\t')
        elif n.tag in (W + 'br', W + 'cr'):
            if n.get(W + 'type') != 'page':
                out.append('\n')
        elif n.tag == W + 'noBreakHyphen':
            out.append('-')
        else:
            _shown(n, out)


def _text_shown(p):
    out = []
    _shown(p, out)
    return ''.join(out)


def _cell_parts(el, paras, nested):
    """A cell's own paragraphs (into paras) and nested tables (into nested),
    through content controls and custom XML, as jixiao's DOCX reader."""
    for n in el:
        if n.tag == W + 'p':
            paras.append(_text_shown(n))
        elif n.tag == W + 'tbl':
            nested.append(n)
        elif n.tag == W + 'sdt':
            content = n.find(W + 'sdtContent')
            if content is not None:
                _cell_parts(content, paras, nested)
        elif n.tag in (W + 'customXml', W + 'ins'):
            _cell_parts(n, paras, nested)


def _table_flat(tbl, out):
    """Appends ('table', Table) for tbl, then for the tables nested in its
    cells, in order (the order jixiao's DOCX reader gives them)."""
    grid = tbl.find(W + 'tblGrid')
    widths = [int(g.get(W + 'w', '0')) for g in grid.findall(W + 'gridCol')] \
        if grid is not None else []
    cells, above, nested = [], {}, []
    r = 0
    for tr in tbl.findall(W + 'tr'):
        c = 0
        for tc in tr.findall(W + 'tc'):
            span, vm = _span_merge(tc)
            paras = []
            _cell_parts(tc, paras, nested)
            text = '\n'.join(paras)
            if vm == 'continue' and c in above:
                above[c][2] += 1
                if text:
                    above[c][4] += '\n' + text
            else:
                cell = [r, c, 1, span, text]
                cells.append(cell)
                for k in range(c, c + span):
                    above.pop(k, None)
                above[c] = cell
            c += span
        r += 1
    ncols = max([x[1] + x[3] for x in cells] + [len(widths)])
    out.append(('table', Table(widths, [Cell(*x) for x in cells], r, ncols)))
    for t in nested:
        _table_flat(t, out)


def read_flat(path):
    """Like read(), but a table nested in a cell is not flattened into the
    cell's text: it follows its table as a block of its own, as jixiao's
    DOCX reader gives it (000-form3-edited.docx holds its form in a cell)."""
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read('word/document.xml'))
    body = root.find(W + 'body')
    blocks = []
    for el in body:
        if el.tag == W + 'p':
            if _has_page_break(el):
                blocks.append(('pagebreak', None))
            blocks.append(('p', _text_shown(el)))
        elif el.tag == W + 'tbl':
            _table_flat(el, blocks)
    return blocks
