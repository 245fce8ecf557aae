#!/usr/bin/env python3
"""Generated 项目支出绩效自评表 whose gold comes from the data they are made
of, not from jixiao: corpus/gen-docx/ (the dev split) and
corpus/gen-docx-heldout/ (the held-back split: other seeds, scored only,
never tuned on), and with --pdf their LibreOffice PDFs in corpus/gen-pdf/
and corpus/gen-pdf-heldout/.

Each document holds one to three forms of the 10-column template (the one
of seed 000), drawn at random: names, units, goals; fund amounts in 万元
with the rate and score they imply; 6 to 30 indicator rows (a long one
runs across pages in the PDF, with one-digit weights and scores) whose
values are drawn as (kind, op, number, unit) first and then printed in one
of the ways forms print them (≥200人次, 不少于200人次, 200人次以上 ...):
listed units, units in no rule (艘, 盏 ...), compound ones (元/人, 台(套)),
ranges, percents, money, plain text. Layout varies too: column widths,
header cells wrapped or not, "指标1：" before a name or not, page breaks.

Gold holds only what the data fixes: page numbers are not scored (LibreOffice
decides where a page breaks), confidence and flags never are. Run from the
repository root (byte-for-byte reproducible; the PDFs need soffice):
    python3 scripts/make-corpus-gen.py [--pdf]
"""
import hashlib
import importlib.util
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from decimal import Decimal, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location('corpusdocx', os.path.join(HERE, 'make-corpus-docx.py'))
D = importlib.util.module_from_spec(spec)
spec.loader.exec_module(D)

DEV_SEEDS = range(1, 25)
HELDOUT_SEEDS = range(1001, 1009)

# ------------------------------------------------------------ vocabulary
PLACES = ['东城区', '西湖区', '龙华区', '江北区', '高新区', '南山区', '武侯区', '天河区']
ORGS = ['工商联', '民政局', '文化和旅游局', '农业农村局', '卫生健康委员会', '教育局', '市场监督管理局',
        '退役军人事务局', '残疾人联合会', '科学技术协会']
SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'
GIVEN = ['伟', '芳', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '霞']
TOPICS = ['非公经济人士培训', '社区养老服务', '乡村振兴示范点建设', '公共文化设施运行', '基层医疗机构设备购置',
          '中小学课后服务', '食品安全抽检', '困难群众临时救助', '科普进社区', '老旧小区改造', '农村人居环境整治',
          '商会组织建设', '残疾人康复服务', '网格化管理', '政务信息公开']
SUFFIX = ['经费', '项目', '专项资金', '补助资金', '工作经费']
GOALS = ['按照年度计划完成{t}各项工作，提升服务质量和群众满意度。',
         '通过{t}，进一步完善工作机制，确保资金使用规范、高效。',
         '落实{t}任务，覆盖辖区重点人群（含困难群体），按期完成年度目标。',
         '围绕{t}开展工作；加强过程管理，做到专款专用。']
DONE = ['全年完成{t}各项任务，资金按计划支出。',
        '{t}已全部完成，服务对象满意度较高。',
        '完成年度目标；部分工作因客观原因顺延（已整改）。']
INDICATOR_NAMES = {
    '数量指标': ['举办培训场次', '服务人次', '覆盖社区数量', '购置设备数量', '发放补助户数', '开展宣传活动次数',
                 '检查企业家数', '新建站点数量', '抽检批次', '受理案件数'],
    '质量指标': ['培训合格率', '设备验收合格率', '资金使用合规率', '服务达标率', '问题整改率'],
    '时效指标': ['项目完成及时性', '资金拨付及时率', '按期完成率'],
    '成本指标': ['人均培训成本', '项目总成本', '单位服务成本', '设备购置成本'],
    '经济效益指标': ['带动社会投资', '降低运行成本'],
    '社会效益指标': ['群众知晓率提升', '服务覆盖面扩大', '社会矛盾化解率'],
    '生态效益指标': ['废弃物规范处置率', '绿化面积增加'],
    '可持续影响指标': ['长效机制建立情况', '成果持续应用年限'],
    '服务对象满意度指标': ['服务对象满意度', '参训人员满意度', '群众满意度'],
}
LEVELS = [('产出指标', ['数量指标', '质量指标', '时效指标', '成本指标']),
          ('效益指标', ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标']),
          ('满意度指标', ['服务对象满意度指标'])]
LISTED = ['人次', '家', '个', '场', '篇', '期', '条', '件', '次', '人', '户', '项', '家次', '户次', '批次',
          '场次', '台', '套', '处', '份', '本', '辆', '所', '村', '天', '宗', '例', '起', '台次']
UNLISTED = ['艘', '盏', '幅', '枚', '顶', '樽', '卷', '匹', '孔']
COMPOUND = ['台(套)', '人/期', '次/年']
TEXTS = ['按时完成', '有效提升', '明显改善', '无明显影响', '按规定处置', '持续发挥作用', '逐步完善', '良好']
OPS = {'>=': ['≥{n}{u}', '不少于{n}{u}', '不低于{n}{u}', '{n}{u}以上'],
       '<=': ['≤{n}{u}', '不超过{n}{u}', '不高于{n}{u}', '{n}{u}以内'],
       '>': ['>{n}{u}', '大于{n}{u}', '超过{n}{u}'],
       '<': ['<{n}{u}', '小于{n}{u}', '低于{n}{u}'],
       '=': ['{n}{u}']}


def num_text(x):
    """A Decimal as a form prints it: no trailing zeros."""
    s = format(x.normalize(), 'f')
    return s


def value_obj(raw, kind, op, value, unit, vmax=None):
    if isinstance(value, Decimal):
        value = int(value) if value == value.to_integral() else float(value)
    if isinstance(vmax, Decimal):
        vmax = int(vmax) if vmax == vmax.to_integral() else float(vmax)
    return {'raw': raw, 'kind': kind, 'op': op, 'value': value, 'max': vmax, 'unit': unit,
            'approx': False}


def draw_value(rng, level2):
    """A (printed text, value object) pair: the truth first, then its print."""
    r = rng.random()
    if level2 == '服务对象满意度指标' or (level2 == '质量指标' and r < 0.7):
        n = Decimal(rng.choice([85, 90, 95, 98, 100]))
        op = rng.choice(['>=', '=', '>='])
        raw = rng.choice(OPS[op]).format(n=num_text(n), u='%')
        return raw, value_obj(raw, 'percent', op, n, '%')
    if level2 == '成本指标':
        if rng.random() < 0.5:
            n = Decimal(rng.choice([2, 5, 8, 12.5, 20, 35])).quantize(Decimal('0.1'))
            op = rng.choice(['=', '<='])
            raw = rng.choice(OPS[op]).format(n=num_text(n), u='万元')
            return raw, value_obj(raw, 'money', op, n * 10000, '元')
        n = Decimal(rng.choice([300, 468, 500, 1200, 2500]))
        u = rng.choice(['元/人', '元/户', '元/次'])
        op = rng.choice(['=', '<='])
        raw = rng.choice(OPS[op]).format(n=num_text(n), u=u)
        return raw, value_obj(raw, 'money', op, n, u)
    if level2 in ('时效指标', '经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标') and r < 0.6:
        raw = rng.choice(TEXTS)
        return raw, value_obj(raw, 'text', None, None, None)
    if r < 0.12:
        a = rng.randint(2, 9)
        b = a + rng.randint(2, 6)
        u = rng.choice(LISTED + COMPOUND)
        raw = '%d%s%d%s' % (a, rng.choice(['-', '~']), b, u)
        return raw, value_obj(raw, 'number', 'range', Decimal(a), u, Decimal(b))
    u = rng.choice(LISTED * 3 + UNLISTED + COMPOUND)
    n = Decimal(rng.choice([1, 2, 3, 5, 8, 12, 20, 36, 50, 80, 120, 200, 350, 1000]))
    op = rng.choice(['=', '=', '>=', '<=', '>', '<'])
    raw = rng.choice(OPS[op]).format(n=num_text(n), u=u)
    return raw, value_obj(raw, 'number', op, n, u)


def split_weights(rng, total, n):
    """n positive integers adding up to total, as even as forms make them."""
    base = [total // n] * n
    for i in rng.sample(range(n), total - sum(base)):
        base[i] += 1
    return base


def money(rng, lo, hi):
    return Decimal(rng.randint(lo * 100, hi * 100)) / 100


def draw_form(rng, nrows, prefix_names):
    topic = rng.choice(TOPICS)
    org = rng.choice(PLACES) + rng.choice(ORGS)
    lead = rng.choice(SURNAMES) + rng.choice(GIVEN)
    initial = money(rng, 2, 80)
    full = initial if rng.random() < 0.6 else money(rng, 2, 80)
    executed = full if rng.random() < 0.4 else (full * Decimal(rng.randint(60, 99)) / 100).quantize(Decimal('0.01'))
    rate = (executed / full * 100).quantize(Decimal('0.01'), ROUND_HALF_UP)
    fund_score = (rate / 10).quantize(Decimal('0.01'), ROUND_HALF_UP)
    rate_txt = num_text(rate) + '%'
    # indicator rows, grouped by level as the template merges them
    plan = []
    for l1, l2s in LEVELS:
        for l2 in l2s:
            plan.append((l1, l2))
    rows_per = split_weights(rng, nrows, len(plan)) if nrows >= len(plan) else \
        [1 if i < nrows else 0 for i in range(len(plan))]
    weights = split_weights(rng, 90, nrows)
    rows, gold_rows = [], []
    k = 0
    for (l1, l2), cnt in zip(plan, rows_per):
        for j in range(cnt):
            name = rng.choice(INDICATOR_NAMES[l2])
            if cnt > 1:
                name += '（%d）' % (j + 1)
            tgt_raw, tgt = draw_value(rng, l2)
            act_raw, act = tgt_raw, dict(tgt)
            if tgt['kind'] in ('number', 'percent') and tgt['op'] != 'range' and rng.random() < 0.6:
                # an actual is printed as reached: the number alone
                v = Decimal(str(tgt['value']))
                if tgt['op'] in ('>', '>=') or (tgt['kind'] == 'number' and rng.random() < 0.5):
                    v += Decimal(rng.randint(0, 5)) if tgt['kind'] == 'number' else 0
                act_raw = num_text(v) + tgt['unit']
                act = value_obj(act_raw, tgt['kind'], '=', v, tgt['unit'])
            elif tgt['kind'] == 'text' and rng.random() < 0.4:
                act_raw = rng.choice(TEXTS)
                act = value_obj(act_raw, 'text', None, None, None)
            w = weights[k]
            s = w if rng.random() < 0.7 else max(w - 1, 0)
            dev = '' if s == w else rng.choice(['个别工作进度滞后', '部分指标未完全达成，下年度加强管理', ''])
            shown = ('指标%d：' % (j + 1) + name) if prefix_names else name
            first_l1 = all(g['level1'] != l1 for g in gold_rows)
            first_l2 = j == 0
            rows.append((l1 if first_l1 else None, l2 if first_l2 else None, shown, tgt_raw,
                         act_raw, str(w), str(s), dev))
            gold_rows.append({'level1': l1, 'level2': l2, 'name': name, 'target': tgt,
                              'actual': act, 'weight': w, 'score': s,
                              'deviation': dev or None})
            k += 1
    total_score = fund_score + sum(Decimal(g['score']) for g in gold_rows)
    f = dict(name=topic + rng.choice(SUFFIX), dept=org, unit=org, lead=lead,
             phone='0%d-%d' % (rng.randint(10, 999), rng.randint(1000000, 9999999)),
             total=(num_text(initial), num_text(full), num_text(executed), '10', rate_txt,
                    num_text(fund_score)),
             fiscal=(num_text(initial), num_text(full), num_text(executed), '—', rate_txt, '—'),
             goal=(rng.choice(GOALS).format(t=topic), rng.choice(DONE).format(t=topic)),
             rows=rows, score=('100', num_text(total_score)))
    truth = dict(initial=initial, full=full, executed=executed, rate=rate, fund_score=fund_score,
                 total_score=total_score, rows=gold_rows)
    return f, truth


def jnum(x):
    return int(x) if x == x.to_integral() else float(x)


def gold_records(forms, truths, year):
    recs = []
    nind = sum(len(t['rows']) for t in truths)
    recs.append({'type': 'document', 'kind': 'project_self_eval', 'year': year,
                 'forms': len(forms), 'indicators': nind, 'facts': 0,
                 'pages_without_text': [], 'pages_garbled': []})
    for i, (f, t) in enumerate(zip(forms, truths)):
        recs.append({'type': 'form', 'form': i, 'title': '项目支出绩效自评表', 'year': year,
                     'project_name': f['name'], 'project_code': None, 'competent_dept': f['dept'],
                     'implementing_unit': f['unit'], 'project_lead': f['lead'],
                     'goal_expected': f['goal'][0], 'goal_actual': f['goal'][1],
                     'total_weight': 100, 'total_score': jnum(t['total_score']),
                     'project_attribute': None})
        w = Decimal(10000)
        for line, weight, score in (('total', 10, jnum(t['fund_score'])), ('fiscal', None, None)):
            recs.append({'type': 'fund', 'form': i, 'line': line,
                         'budget_initial': jnum(t['initial'] * w), 'budget_full_year': jnum(t['full'] * w),
                         'executed': jnum(t['executed'] * w), 'weight': weight,
                         'rate': jnum(t['rate']), 'score': score, 'unit_declared': '万元'})
        for line in ('carryover', 'other'):
            recs.append({'type': 'fund', 'form': i, 'line': line, 'budget_initial': None,
                         'budget_full_year': None, 'executed': None, 'weight': None, 'rate': None,
                         'score': None, 'unit_declared': '万元'})
        for seq, g in enumerate(t['rows']):
            r = {'type': 'indicator', 'form': i, 'seq': seq, 'level1': g['level1'], 'level2': g['level2'],
                 'level1_raw': g['level1'], 'level2_raw': g['level2'], 'level1_weight': None,
                 'level2_weight': None, 'name': g['name'], 'detail': None, 'target': g['target'],
                 'actual': g['actual'], 'weight': g['weight'], 'score': g['score'],
                 'review_score': None, 'deviation': g['deviation'], 'criteria': None}
            recs.append(r)
    return recs


def varied_grid(rng):
    g = list(D.GRID)
    for i in range(len(g)):
        g[i] = max(500, g[i] + rng.randint(-120, 120))
    return g


def document(seed):
    rng = random.Random(seed)
    nforms = rng.choice([1, 1, 2, 3])
    prefix = rng.random() < 0.5
    forms, truths = [], []
    for i in range(nforms):
        nrows = rng.choice([6, 8, 9, 10, 12, 14]) if rng.random() < 0.7 else rng.randint(25, 30)
        f, t = draw_form(rng, nrows, prefix)
        forms.append(f)
        truths.append(t)
    year = 2023
    grid = varied_grid(rng)
    wrap = rng.random() < 0.5
    body = []
    for i, f in enumerate(forms):
        if i and rng.random() < 0.7:
            body.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
        body.append(D.para('项目支出绩效自评表', center=True))
        body.append(D.para(rng.choice(['（ 2023年度）', '（2023年度）', '(2023年度)']), center=True))
        body.append(D.form_table(f, grid, padded=False, wrap=wrap))
        body.append(D.para(''))
    return D.docx(''.join(body)), gold_records(forms, truths, year)


def write_gold(path, recs, data, fmt, pages):
    doc = hashlib.sha256(data).hexdigest()
    out = []
    for r in recs:
        r = dict(r, doc=doc)
        if r['type'] == 'document':
            r.update(source=path, bytes=len(data), format=fmt, pages=pages, text_source='native')
        out.append(json.dumps(r, ensure_ascii=False, separators=(',', ':')))
    with open(path.rsplit('.', 1)[0] + '.gold.jsonl', 'w', encoding='utf-8') as fh:
        fh.write('\n'.join(out) + '\n')


def pdf_pages(path):
    info = subprocess.run(['pdfinfo', path], capture_output=True, text=True).stdout
    return int([l for l in info.splitlines() if l.startswith('Pages:')][0].split()[1])


def main():
    want_pdf = '--pdf' in sys.argv
    for split, seeds in (('gen-docx', DEV_SEEDS), ('gen-docx-heldout', HELDOUT_SEEDS)):
        folder = os.path.join('corpus', split)
        os.makedirs(folder, exist_ok=True)
        for seed in seeds:
            data, recs = document(seed)
            path = os.path.join(folder, 'gen-%04d.docx' % seed)
            D.write(path, data)
            write_gold(path, recs, data, 'docx', None)
            if not want_pdf:
                continue
            pfolder = os.path.join('corpus', split.replace('docx', 'pdf'))
            os.makedirs(pfolder, exist_ok=True)
            with tempfile.TemporaryDirectory() as tmp:
                subprocess.run(['soffice', '-env:UserInstallation=file://%s/lo' % tmp, '--headless',
                                '--convert-to', 'pdf', '--outdir', tmp, path],
                               check=True, capture_output=True)
                pdf = os.path.join(pfolder, 'gen-%04d.pdf' % seed)
                shutil.copy(os.path.join(tmp, 'gen-%04d.pdf' % seed), pdf)
            pdata = open(pdf, 'rb').read()
            write_gold(pdf, recs, pdata, 'pdf', pdf_pages(pdf))
            print('wrote', pdf, len(pdata), 'bytes')


if __name__ == '__main__':
    main()
