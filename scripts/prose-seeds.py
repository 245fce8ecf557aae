#!/usr/bin/env python3
"""Seeds 002 (2023 部门决算说明, 西城区工商联) and 004 (2022 部门整体支出绩效
自评报告, 元氏县工商联) rebuilt as DOCX and PDF in corpus/prose/, with the
hand-written fact gold of scripts/prose-seeds-gold.tsv.

The text is the seed's (scripts/prose-seeds/NNN.txt, a copy of
../shared/seeds/): one paragraph a line, a line of list heading (一、 （二）
第一部分 1、…（项）) in bold, the first line the title, tab-separated lines a
ruled table. The gold is what a careful reader takes as a figure (SCHEMA.md,
`fact`); each row is checked against the text: its sentence must hold the
anchor, its paragraph the figure and the change as printed. Run from the
repository root (needs soffice and poppler-utils for the PDFs):
    python3 scripts/prose-seeds.py [--no-pdf]
"""
import csv
import os
import re
import sys
from decimal import Decimal

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import prosedoc as P  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = {'002': ('002-xicheng-final-accounts', dict(kind='final_accounts', year=2023)),
         '004': ('004-yuanshi-eval-report', dict(kind='eval_report', year=2022))}
HEADING = re.compile(r'^(第[一二三四五]部分|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\))')


def blocks_of(text):
    """The blocks of a seed text, and its paragraphs' texts in order."""
    blocks, paras, rows = [], [], []
    lines = [l.strip() for l in text.split('\n')]
    lines = [l for l in lines if l]
    for i, line in enumerate(lines):
        if '\t' in line:
            rows.append(line.split('\t'))
            continue
        if rows:
            blocks.append(('table', rows))
            rows = []
        if i == 0:
            kind = 'title'
        elif (HEADING.match(line) and len(line) <= 50 and '。' not in line[:-1]) or '（项）' in line:
            kind = 'h'
        else:
            kind = 'p'
        blocks.append((kind, line))
        paras.append(line)
    if rows:
        blocks.append(('table', rows))
    return blocks, paras


def squeeze(s):
    return re.sub(r'\s+', '', s)


def printed(text):
    """'+6.93万元' -> (Decimal('6.93'), '万元'); a sign kept."""
    m = re.match(r'^([+-]?[0-9.]+)(.*)$', text)
    if not m:
        raise ValueError('not a printed figure: %r' % text)
    return Decimal(m.group(1)), m.group(2)


def facts_of(rows, paras):
    """The facts of one seed's rows, their sentences found in paras."""
    sents = [(pi, s) for pi, p in enumerate(paras) for s in P.sentences(p)]
    cur, facts = 0, []
    for r in rows:
        anchor = r['anchor']
        start = cur
        if anchor.startswith('>'):
            anchor, start = anchor[1:], cur + 1
        hit = next((k for k in range(start, len(sents)) if squeeze(anchor) in squeeze(sents[k][1])), None)
        if hit is None:
            raise SystemExit('anchor not found after sentence %d: %s' % (cur, r['anchor']))
        cur = hit
        para = squeeze(paras[sents[hit][0]])
        fig = r['figure'] or None
        value, unit = (None, None)
        if r['value']:
            value, unit = P.money_or_count(r['value'], r['unit'])
            fig = fig or r['value'] + r['unit']
        change = None
        if r['change']:
            c, cu = printed(r['change'])
            change = P.money_or_count(c, cu)[0]
            if squeeze(r['change'].lstrip('+-')) not in para:
                raise SystemExit('change %s not in: %s' % (r['change'], para))
        if fig and squeeze(fig) not in para:
            raise SystemExit('figure %s not in: %s' % (fig, para))
        for k in ('share_pct', 'change_pct'):
            if r[k] and r[k].lstrip('-') not in para:
                raise SystemExit('%s %s not in: %s' % (k, r[k], para))
        facts.append(dict(subject=r['subject'], value=value, unit=unit,
                          share_pct=Decimal(r['share_pct']) if r['share_pct'] else None,
                          change=change,
                          change_pct=Decimal(r['change_pct']) if r['change_pct'] else None,
                          compared_to=r['compared_to'] or None, sentence=sents[hit][1], figure=fig))
    return facts


def main():
    want_pdf = '--no-pdf' not in sys.argv
    with open(os.path.join(HERE, 'prose-seeds-gold.tsv'), encoding='utf-8') as fh:
        rows = list(csv.DictReader((l for l in fh if not l.startswith('#')), delimiter='\t',
                                   quoting=csv.QUOTE_NONE))
    for seed, (name, doc_fields) in SEEDS.items():
        with open(os.path.join(HERE, 'prose-seeds', seed + '.txt'), encoding='utf-8') as fh:
            blocks, paras = blocks_of(fh.read())
        facts = facts_of([r for r in rows if r['seed'] == seed], paras)
        missing = P.write_pair(os.path.join('corpus', 'prose'), name, blocks, doc_fields, facts,
                               want_pdf=want_pdf)
        print('wrote corpus/prose/%s: %d facts' % (name, len(facts)))
        for s in missing:
            print('  page not found (null):', s)


if __name__ == '__main__':
    main()
