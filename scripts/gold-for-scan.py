#!/usr/bin/env python3
"""Gold for a scan of a corpus PDF: the PDF's gold, with what the scan
changes (hash, source, size, text source, pages without text) and the
values left as they are: the scan is scored against the true values.
    python3 scripts/gold-for-scan.py corpus/pdf/X.gold.jsonl corpus/scanned/X.pdf [PAGES]
writes corpus/scanned/X.gold.jsonl (PAGES: the scan's page count, for a
generated form's gold, which does not score pages)."""
import hashlib
import json
import os
import sys

gold, scan = sys.argv[1], sys.argv[2]
data = open(scan, 'rb').read()
doc = hashlib.sha256(data).hexdigest()
out = []
for line in open(gold, encoding='utf-8'):
    r = json.loads(line)
    r['doc'] = doc
    if r['type'] == 'document':
        r.update(source=scan, bytes=len(data), text_source='ocr',
                 pages_without_text=list(range(1, (r.get('pages') or int(sys.argv[3])) + 1)))
    out.append(json.dumps(r, ensure_ascii=False, separators=(',', ':')))
with open(scan[:-len('.pdf')] + '.gold.jsonl', 'w', encoding='utf-8') as fh:
    fh.write('\n'.join(out) + '\n')
