#!/usr/bin/env python3
"""ICDAR 2013 Table Competition, scored end to end: jixiao finds the tables
and their structure itself (no table regions given), and each document's
adjacency relations -- every non-empty cell with its nearest non-empty
neighbour to the right and below, by content -- are compared with the
ground truth's (the competition's structure metric; a spanning cell relates
to the nearest cell along every row or column it covers).

The dataset is not in this repository (it is not ours to redistribute):
camelot's repository ships it under tests/files/tabula/icdar2013-dataset/.
Fetch it once and point this script at the folder holding
competition-dataset-eu/ and competition-dataset-us/:

    bench/icdar2013.py [--jixiao build/jixiao] [-v] [--ignore-space] DATASET_DIR

Content is compared after NFKC, with runs of white space as one space
(spaces between words count: "Carbon dioxide" is not "Carbondioxide");
--ignore-space compares with all white space removed, to tell spacing
errors from structure errors. Prints precision, recall and F1 over all
relations (micro), and with -v each document's. Exit status 0, or 2 when
the dataset or jixiao cannot be run."""
import argparse
import collections
import glob
import json
import os
import re
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET


def norm(text, ignore_space):
    t = unicodedata.normalize('NFKC', text)
    return re.sub(r'\s+', '' if ignore_space else ' ', t).strip()


def relations(cells, ignore_space):
    """cells: (row0, row1, col0, col1, text), inclusive ends. A Counter of
    (from, to, 'right'|'below')."""
    cells = [(r0, r1, c0, c1, norm(t, ignore_space)) for r0, r1, c0, c1, t in cells]
    cells = [c for c in cells if c[4]]
    at = {}
    for i, (r0, r1, c0, c1, _) in enumerate(cells):
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                at[(r, c)] = i
    if not at:
        return collections.Counter()
    maxr = max(r for r, _ in at)
    maxc = max(c for _, c in at)
    rel = set()
    for i, (r0, r1, c0, c1, _) in enumerate(cells):
        for r in range(r0, r1 + 1):
            for c in range(c1 + 1, maxc + 1):
                j = at.get((r, c))
                if j is not None and j != i:
                    rel.add((i, j, 'right'))
                    break
        for c in range(c0, c1 + 1):
            for r in range(r1 + 1, maxr + 1):
                j = at.get((r, c))
                if j is not None and j != i:
                    rel.add((i, j, 'below'))
                    break
    return collections.Counter((cells[i][4], cells[j][4], d) for i, j, d in rel)


def truth(path, ignore_space):
    rel = collections.Counter()
    for table in ET.parse(path).getroot().iter('table'):
        cells = []
        for region in table.iter('region'):
            dr = int(region.get('row-increment', '0'))
            dc = int(region.get('col-increment', '0'))
            for cell in region.iter('cell'):
                r0 = int(cell.get('start-row')) + dr
                c0 = int(cell.get('start-col')) + dc
                r1 = int(cell.get('end-row', cell.get('start-row'))) + dr
                c1 = int(cell.get('end-col', cell.get('start-col'))) + dc
                cells.append((r0, r1, c0, c1, cell.findtext('content') or ''))
        rel += relations(cells, ignore_space)
    return rel


def found(jixiao, pdf, ignore_space):
    run = subprocess.run([jixiao, 'tables', '--json', pdf], capture_output=True, text=True)
    rel = collections.Counter()
    if run.returncode != 0 or not run.stdout.strip():
        return rel, run.stderr.strip() or 'exit %d' % run.returncode
    for table in json.loads(run.stdout)['tables']:
        cells = [(c['row'], c['row'] + c['rowspan'] - 1, c['col'], c['col'] + c['colspan'] - 1,
                  c['text']) for c in table['cells']]
        rel += relations(cells, ignore_space)
    return rel, None


def prf(tp, nfound, ntruth):
    p = tp / nfound if nfound else 0.0
    r = tp / ntruth if ntruth else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('dataset')
    ap.add_argument('--jixiao', default='build/jixiao')
    ap.add_argument('--ignore-space', action='store_true')
    ap.add_argument('-v', action='store_true')
    a = ap.parse_args()
    gts = sorted(glob.glob(os.path.join(a.dataset, 'competition-dataset-*', '*-str.xml')))
    if not gts or not os.access(a.jixiao, os.X_OK):
        print('icdar2013: no *-str.xml under %s, or no %s' % (a.dataset, a.jixiao), file=sys.stderr)
        return 2
    tp = nf = nt = 0
    for gt in gts:
        pdf = gt[:-len('-str.xml')] + '.pdf'
        want = truth(gt, a.ignore_space)
        got, err = found(a.jixiao, pdf, a.ignore_space)
        hit = sum((want & got).values())
        tp, nf, nt = tp + hit, nf + sum(got.values()), nt + sum(want.values())
        if a.v:
            p, r, f = prf(hit, sum(got.values()), sum(want.values()))
            print('%-10s P %.3f R %.3f F1 %.3f%s' % (os.path.basename(pdf)[:-4], p, r, f,
                                                    '  (' + err + ')' if err else ''))
    p, r, f = prf(tp, nf, nt)
    print('icdar2013: %d documents, %d relations in the truth, %d found, %d right: '
          'precision %.3f recall %.3f F1 %.3f' % (len(gts), nt, nf, tp, p, r, f))
    return 0


if __name__ == '__main__':
    sys.exit(main())
