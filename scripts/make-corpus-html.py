#!/usr/bin/env python3
"""Renders the six corpus DOCX forms (scripts/docxmodel.py) as web pages the
way government sites publish them, with gold derived from the DOCX gold.

    python3 scripts/make-corpus-html.py            # corpus/html/ and tests/data/*.html
    python3 scripts/make-corpus-html.py --heldout  # corpus/html-heldout/ (needs soffice)
    python3 scripts/make-corpus-html.py --heldout --gold-only

corpus/html/ (the dev split) varies what sites vary, one page per DOCX, each
with its own mix (FEATURES): site chrome around the form (<header>, <nav>,
breadcrumbs, article meta, a footer with 备案号 and a phone number), a layout
table wrapping the form, <th> or <td> for labels, <br> or <p> in cells,
source lines wrapped between CJK characters,
&nbsp; padding, inline styles and <font>, text split over inline elements,
UTF-8 (with or without <meta>, with a BOM), GBK, GB2312 and GB18030 with the
matching <meta>, one form split into two <table>s, a <caption>, attributes
quoted and not, upper-case tags. tests/data/ gets the bad inputs: a page
without a table, a GB18030 page declared UTF-8, a truncated page.

corpus/html-heldout/ (scored only, never tuned on) holds LibreOffice
Writer's own HTML of the six DOCX (lo-*.html) and pages of this generator
with seeds the dev split does not use (seed<N>-*.html), whose features are
drawn at random. --gold-only re-derives the gold of the held-back files
already there (after the DOCX gold changed) without soffice.

Deterministic: the same run writes the same bytes. Only the standard
library (and soffice for --heldout). Run from the repository root."""
import glob
import html
import os
import random
import shutil
import subprocess
import sys
import tempfile
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import docxmodel  # noqa: E402

DOCX = sorted(glob.glob('corpus/docx/*.docx'))
HELDOUT_SEEDS = [7, 13]

# What each dev page (in DOCX name order) does; every feature is used.
FEATURES = [
    # 000-form3-edited: the form is nested in a 1x1 table with its title
    dict(enc='utf-8', meta='charset', chrome=True, layout=False, th='header', cells='br',
         inline='font', upper=False, quote=True, split=False, caption=False, pad=False, wrap=False),
    # 000-tongzhou-5forms
    dict(enc='gbk', meta='http-equiv', chrome=True, layout=True, th='labels', cells='p',
         inline='span', upper=True, quote=True, split=True, caption=False, pad=True, wrap=True),
    # 001-longgang-3forms
    dict(enc='gb18030', meta='charset', chrome=False, layout=False, th='none', cells='br',
         inline='split', upper=False, quote=False, split=True, caption=False, pad=True, wrap=False),
    # 003-guangshui-common
    dict(enc='utf-8', meta='none', chrome=True, layout='chrome', th='header', cells='p',
         inline='font', upper=False, quote=True, split=False, caption=False, pad=False, wrap=True),
    # 003-guangshui-goals
    dict(enc='gb2312', meta='http-equiv', chrome=True, layout=False, th='labels', cells='br',
         inline='span', upper=False, quote=False, split=False, caption=False, pad=True, wrap=True),
    # 2021-template-cost
    dict(enc='utf-8', meta='bom', chrome=False, layout=False, th='header', cells='br',
         inline='split', upper=True, quote=False, split=True, caption=True, pad=False, wrap=False),
]

SITES = ['北京市通州区人民政府', '深圳市龙岗区人民政府', '广水市人民政府', '某某县财政局']


def random_features(rng):
    return dict(enc=rng.choice(['utf-8', 'gbk', 'gb18030', 'gb2312']),
                meta=rng.choice(['charset', 'http-equiv']),
                chrome=rng.random() < 0.8,
                layout=rng.choice([False, True, 'chrome']),
                th=rng.choice(['none', 'header', 'labels']),
                cells=rng.choice(['br', 'p']),
                inline=rng.choice(['font', 'span', 'split', None]),
                upper=rng.random() < 0.3, quote=rng.random() < 0.6,
                split=rng.random() < 0.5, caption=rng.random() < 0.3,
                pad=rng.random() < 0.5, wrap=rng.random() < 0.5)


class Writer:
    """HTML text in one page's style: tag case and attribute quoting."""

    def __init__(self, f, rng):
        self.f, self.rng, self.out = f, rng, []

    def tag(self, name, attrs=None, close=False):
        n = name.upper() if self.f['upper'] else name
        if close:
            return '</%s>' % n
        parts = [n]
        for k, v in (attrs or []):
            k = k.upper() if self.f['upper'] else k
            v = str(v)
            if self.f['quote'] or not v.replace('-', '').isalnum():
                parts.append('%s="%s"' % (k, html.escape(v)))
            else:
                parts.append('%s=%s' % (k, v))
        return '<%s>' % ' '.join(parts)

    def el(self, name, inner, attrs=None):
        return self.tag(name, attrs) + inner + self.tag(name, close=True)


def text_html(s):
    """s escaped; spaces a browser would collapse (leading, trailing, runs)
    kept as &nbsp;; tabs as a space."""
    s = s.replace('\t', ' ')
    out, i = [], 0
    while i < len(s):
        if s[i] == ' ':
            j = i
            while j < len(s) and s[j] == ' ':
                j += 1
            run = j - i
            out.append(' ' if run == 1 and 0 < i and j < len(s) else '&nbsp;' * run)
            i = j
        else:
            out.append(html.escape(s[i], quote=False))
            i += 1
    return ''.join(out)


def wide(ch):
    return unicodedata.east_asian_width(ch) in ('W', 'F')


def wrapped(line, width=30):
    """line as text_html writes it, with a source line break (which a
    browser shows as nothing) between two CJK characters every width
    characters or so."""
    chunks, start = [], 0
    for i in range(len(line) - 1):
        if i + 1 - start >= width and wide(line[i]) and wide(line[i + 1]):
            chunks.append(line[start:i + 1])
            start = i + 1
    chunks.append(line[start:])
    return '\n'.join(text_html(c) for c in chunks)


def inline_html(w, line, style, rng):
    """One line of a cell, maybe inside inline elements the page uses."""
    if not line:
        return ''
    if w.f.get('wrap') and len(line) > 30:
        return wrapped(line)
    if style == 'font' and rng.random() < 0.5:
        return w.el('font', text_html(line), [('face', '宋体'), ('size', 2)])
    if style == 'span' and rng.random() < 0.5:
        return w.el('span', text_html(line), [('style', 'font-size:10.5pt;font-family:仿宋_GB2312')])
    if style == 'split' and len(line) >= 4 and rng.random() < 0.5:
        k = len(line) // 2
        return (w.el('span', text_html(line[:k]), [('class', 'a')]) +
                w.el('b', text_html(line[k:])))
    return text_html(line)


def cell_html(w, text, rng):
    f = w.f
    lines = text.split('\n')
    while len(lines) > 1 and lines[-1] == '':
        lines.pop()  # the reader cuts trailing breaks, as the model's clean-up does
    if f['cells'] == 'p' and len(lines) > 1 and all(lines):
        inner = ''.join(w.el('p', inline_html(w, x, f['inline'], rng),
                             [('style', 'margin:0')]) for x in lines)
    else:
        inner = (w.tag('br')).join(inline_html(w, x, f['inline'], rng) for x in lines)
    if f['pad'] and rng.random() < 0.4:
        inner = '&nbsp;' + inner + '&nbsp;&nbsp;'
    return inner


LABELS = ('项目', '主管', '实施', '年度', '绩效', '一级', '二级', '三级', '指标', '预算',
          '分值', '得分', '总分', '资金', '实际', '偏差', '单位', '评分', '权重')


def is_label(text):
    return text.strip().startswith(LABELS) and len(text) < 16


def table_rows(w, table, nested, rng, rows=None):
    """The <tr>s of rows (default: all) of a docxmodel table; nested tables
    go into their cells after the cell's text."""
    f = w.f
    out = []
    for r in (rows if rows is not None else range(table.nrows)):
        cells = sorted((c for c in table.cells if c.row == r), key=lambda c: c.col)
        tds = []
        for c in cells:
            th = (f['th'] == 'header' and r == 0) or (f['th'] == 'labels' and is_label(c.text))
            attrs = []
            if c.rowspan > 1:
                attrs.append(('rowspan', c.rowspan))
            if c.colspan > 1:
                attrs.append(('colspan', c.colspan))
            if rng.random() < 0.3:
                attrs.append(('style', 'border:1px solid #000;text-align:center'))
            inner = cell_html(w, c.text, rng)
            for t, n in nested.get((c.row, c.col), []):
                inner += table_html(w, t, n, rng)
            tds.append(w.el('th' if th else 'td', inner, attrs))
        out.append('  ' + w.el('tr', '\n    ' + '\n    '.join(tds) + '\n  ') + '\n')
    return out


def split_row(table):
    """Where a form may be cut in two <table>s: the row that opens the
    年度总体目标 or 绩效指标 block, when no merged cell crosses it; else None."""
    for label in ('年度总体目标', '绩效指标', '年度目标'):
        for c in table.cells:
            if c.row > 0 and c.text.replace('\n', '').startswith(label):
                r = c.row
                if not any(x.row < r < x.row + x.rowspan for x in table.cells):
                    return r
    return None


def table_html(w, table, nested, rng, split=False, caption=''):
    attrs = [('border', 1), ('cellspacing', 0), ('cellpadding', 2),
             ('style', 'border-collapse:collapse;width:100%')]
    r = split_row(table) if split else None
    if r is None:
        return '\n' + w.el('table', caption + '\n' + ''.join(
            table_rows(w, table, nested, rng)), attrs) + '\n'
    # one form closed after its fund rows, the rest in a second table
    a = w.el('table', caption + '\n' + ''.join(table_rows(w, table, nested, rng, range(r))),
             attrs)
    b = w.el('table', '\n' + w.el('tbody', '\n' + ''.join(
        table_rows(w, table, nested, rng, range(r, table.nrows)))), attrs)
    return '\n' + a + '\n<!-- 第二部分 -->\n' + b + '\n'


def chrome_top(w, site, rng):
    nav = ''.join(w.el('li', w.el('a', x, [('href', '/%d/' % i)]))
                  for i, x in enumerate(['首页', '政务公开', '政务服务', '互动交流', '走进' + site[:2]]))
    return (w.el('header', w.el('div', site + '门户网站', [('class', 'logo')])) + '\n' +
            w.el('nav', w.el('ul', nav)) + '\n' +
            w.el('div', '当前位置：' + w.el('a', '首页', [('href', '/')]) + ' &gt; ' +
                 w.el('a', '政务公开') + ' &gt; 财政预决算', [('class', 'crumb')]) + '\n' +
            w.el('div', '发布时间：2024-03-%02d　　来源：%s' % (rng.randint(1, 28), site),
                 [('class', 'info')]) + '\n' +
            w.el('div', '【字体：大 中 小】', [('class', 'tools')]) + '\n' +
            w.el('div', '这段文字不显示', [('style', 'display: none')]) +
            w.el('script', 'var s = "<td>不是表格</td>";') + '\n')


def chrome_bottom(w, site, rng, as_footer):
    lines = [w.el('a', '网站地图', [('href', '/map')]) + ' | ' + w.el('a', '联系我们'),
             '主办单位：%s办公室　版权所有：%s' % (site, site),
             '京ICP备%08d号　京公网安备 %d号　网站标识码：%d' % (
                 rng.randint(1, 10 ** 8 - 1), 11011202000000 + rng.randint(1, 999),
                 1100000000 + rng.randint(1, 9999)),
             '联系电话：010-%08d　地址：%s' % (rng.randint(10 ** 7, 10 ** 8 - 1), site)]
    body = ''.join(w.el('p', x) for x in lines)
    body += w.el('div', '分享到：微信 微博', [('hidden', 'hidden')])
    if as_footer:
        return w.el('footer', body) + '\n'
    return w.el('div', body, [('id', 'footer'), ('class', 'bottom')]) + '\n'


def page(path, f, seed):
    rng = random.Random('%s:%d' % (os.path.basename(path), seed))
    w = Writer(f, rng)
    blocks = docxmodel.read_deep(path)
    site = rng.choice(SITES)
    first = next((b[1] for b in blocks if b[0] == 'p' and b[1].strip()), '自评表')
    title = rng.choice([first.strip() + '_' + site, '财政资金绩效自评结果公开', site])
    head = ''
    if f['meta'] == 'charset':
        head += '<meta charset="%s">\n' % f['enc']
    elif f['meta'] == 'http-equiv':
        head += ('<meta http-equiv="Content-Type" content="text/html; charset=%s">\n' %
                 f['enc'].upper())
    head += w.el('title', html.escape(title)) + '\n'
    head += w.el('style', 'td { font-size: 12px } .x > p { margin: 0 }') + '\n'
    body = []
    if f['chrome']:
        body.append(chrome_top(w, site, rng))
    forms = [i for i, b in enumerate(blocks) if b[0] == 'table']
    split_at = set(forms[1:2] if len(forms) > 1 else forms[:1]) if f['split'] else set()
    layout_at = set(forms[:1] if f['layout'] == 'chrome' else forms[::2]) if f['layout'] else set()
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if b[0] == 'pagebreak':
            body.append(rng.choice([w.tag('hr'), w.el('div', '', [('style', 'page-break-after:always')])]) + '\n')
        elif b[0] == 'p':
            # a caption: the title paragraphs right before a table
            if f['caption'] and b[1].strip() and any(
                    blocks[j][0] == 'table' for j in range(i + 1, min(i + 3, len(blocks)))):
                caps = []
                while blocks[i][0] == 'p':
                    caps.append(blocks[i][1])
                    i += 1
                t = blocks[i]
                cap = w.el('caption', w.tag('br').join(text_html(x) for x in caps if x.strip()))
                body.append(table_html(w, t[1], t[2], rng, split=i in split_at, caption=cap))
                i += 1
                continue
            tagname = rng.choice(['p', 'p', 'div'])
            style = [('style', 'text-align:center')] if rng.random() < 0.5 else []
            inner = w.tag('br').join(text_html(x) for x in b[1].split('\n'))
            body.append(w.el(tagname, inner or '&nbsp;', style) + '\n')
        else:
            tab = table_html(w, b[1], b[2], rng, split=i in split_at)
            if i in layout_at:
                rows = [w.el('tr', w.el('td', tab, [('align', 'center')]))]
                if f['layout'] == 'chrome':
                    rows.insert(0, w.el('tr', w.el('td', '首页 | 政务公开 | 财政预决算')))
                    rows.append(w.el('tr', w.el('td', '版权所有：' + site)))
                tab = w.el('table', '\n'.join(rows), [('width', '100%'), ('class', 'layout')])
            body.append(tab)
        i += 1
    if f['chrome']:
        body.append(chrome_bottom(w, site, rng, as_footer=not f['upper']))
    text = ('<!DOCTYPE html>\n' + w.tag('html', [('lang', 'zh-CN')]) + '\n' +
            w.el('head', '\n' + head) + '\n' +
            w.el('body', '\n' + w.el('div', '\n' + ''.join(body), [('class', 'x')]) + '\n') +
            '\n' + w.tag('html', close=True) + '\n')
    data = text.encode(f['enc'], errors='xmlcharrefreplace')
    if f['meta'] == 'bom':
        data = b'\xef\xbb\xbf' + data
    return data


def write(path, data):
    with open(path, 'wb') as fh:
        fh.write(data)


def gold_of(out):
    stem = os.path.basename(out).rsplit('.', 1)[0]
    for prefix in ('lo-',) + tuple('seed%d-' % s for s in HELDOUT_SEEDS):
        if stem.startswith(prefix):
            stem = stem[len(prefix):]
    return 'corpus/docx/%s.gold.jsonl' % stem


def dev():
    os.makedirs('corpus/html', exist_ok=True)
    for path, f in zip(DOCX, FEATURES):
        out = 'corpus/html/' + os.path.basename(path).replace('.docx', '.html')
        write(out, page(path, f, 0))
        docxmodel.derive_gold(gold_of(out), out, 'html')
    bad_inputs()


SMALL_FORM = ('<table border="1"><tr><td>项目名称</td><td colspan="3">微信公众号经费</td></tr>'
              '<tr><td>主管部门</td><td>通州区工商联</td><td>实施单位</td><td>通州区工商联</td></tr>'
              '</table>')


def bad_inputs():
    write('tests/data/no-table.html', (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>通知公告</title></head><body>'
        '<nav><a href="/">首页</a></nav><div class="crumb">当前位置：首页 &gt; 通知公告</div>'
        '<h2>关于公开2023年度项目支出绩效自评结果的说明</h2>'
        '<p>根据有关规定，现将项目支出绩效自评结果予以公开，详见附件。</p>'
        '<footer><p>版权所有：某某区人民政府</p></footer></body></html>\n').encode('utf-8'))
    write('tests/data/gb18030-declared-utf8.html', (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>项目支出绩效自评表</title>'
        '</head><body><p>项目支出绩效自评表</p>' + SMALL_FORM + '</body></html>\n'
    ).encode('gb18030'))
    full = ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>自评表</title></head>'
            '<body><table border="1"><tr><td>项目名称</td><td>聘用人员工资</td></tr>'
            '<tr><td>主管部门</td><td>通州区工商联</td></tr><tr><td>项目负责人</td>'
            '<td>马瑞苹</td></tr></table></body></html>\n').encode('utf-8')
    cut = full.index('马瑞苹'.encode('utf-8')) + 4  # inside the second character
    write('tests/data/truncated.html', full[:cut])


def heldout(gold_only):
    d = 'corpus/html-heldout'
    os.makedirs(d, exist_ok=True)
    if not gold_only:
        for seed in HELDOUT_SEEDS:
            for k, path in enumerate(DOCX):
                f = random_features(random.Random(seed * 1000 + k))
                out = '%s/seed%d-%s' % (d, seed, os.path.basename(path).replace('.docx', '.html'))
                write(out, page(path, f, seed))
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(['soffice', '-env:UserInstallation=file://%s/lo' % tmp, '--headless',
                            '--convert-to', 'html', '--outdir', tmp] + DOCX, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for path in DOCX:
                name = os.path.basename(path).replace('.docx', '.html')
                shutil.copyfile(os.path.join(tmp, name), '%s/lo-%s' % (d, name))
    for out in sorted(glob.glob(d + '/*.html')):
        docxmodel.derive_gold(gold_of(out), out, 'html')


if __name__ == '__main__':
    if '--heldout' in sys.argv:
        heldout('--gold-only' in sys.argv)
    else:
        dev()
