#!/usr/bin/env python3
"""Generated 部门决算说明 and 绩效自评报告 whose fact gold is the data they are
written from: corpus/gen-prose/ (the dev split) and corpus/gen-prose-heldout/
(the held-back split: other seeds, scored only, never tuned on), each
document as DOCX and as its LibreOffice PDF.

The script draws the numbers first (a department of some province, a year,
income parts that add up to 本年收入合计, 基本支出 + 项目支出 to 本年支出合计,
三公经费 parts to their total, changes against last year or the 年初预算 with
their stated percent, shares, headcounts, vehicles, counts of activities)
and then writes the sentences from them, each fact kind in several
phrasings in the style of seeds 002 and 004: money in 元 (sometimes with
thousands commas), 万元 or 亿元; Chinese numerals (三十五人); 2.3万人次;
changes both ways, 持平, 增长-5.3%; 比上年 / 与2022年度相比 / 同比 / 较上年 /
比年初预算; 其中：A …，占…%；B …; a 项 under a 类/款/项 heading that names it;
a comparison in the sentence after the figure; a figure compared with both
年初预算 and 上年 (two facts). Every document carries the traps: years,
dates, document numbers (〔2020〕10号), phone numbers, list numbering,
ordinals (第三十五届), thresholds (单价100万元以上), weights (满分50分),
targets (不少于30场次, ≥90%, \\geq 90%), bounds (满意度达95%以上), figures
only in a table; some 自评报告 carry a real 项目支出绩效自评表 (drawn by
make-corpus-gen.py's draw_form, with its form/fund/indicator gold).

Gold: scripts/prosedoc.py's conventions (a fact's sentence is its
paragraph's text cut after 。！？). Run from the repository root
(reproducible: the DOCX byte for byte, the PDFs as LibreOffice allows):
    python3 scripts/make-corpus-prose.py [--no-pdf]
"""
import importlib.util
import os
import random
import sys
from decimal import Decimal, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import prosedoc as P  # noqa: E402


def _load(name, file):
    spec = importlib.util.spec_from_file_location(name, os.path.join(HERE, file))
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    return m


G = _load('corpusgen', 'make-corpus-gen.py')
D = G.D

DEV_SEEDS = range(1, 9)
HELDOUT_SEEDS = range(1001, 1009)

# ------------------------------------------------------------ vocabulary
PLACES = [('河北省', '石家庄市', '元氏县', '0311'), ('浙江省', '杭州市', '西湖区', '0571'),
          ('四川省', '成都市', '武侯区', '028'), ('广东省', '深圳市', '龙华区', '0755'),
          ('湖北省', '随州市', '广水市', '0722'), ('山东省', '青岛市', '黄岛区', '0532'),
          ('江苏省', '南京市', '江宁区', '025'), ('河南省', '洛阳市', '偃师区', '0379'),
          ('北京市', '', '通州区', '010'), ('云南省', '昆明市', '呈贡区', '0871')]
ORGS = ['工商业联合会', '民政局', '文化和旅游局', '农业农村局', '卫生健康委员会', '教育局',
        '市场监督管理局', '退役军人事务局', '残疾人联合会', '科学技术协会', '司法局', '档案馆']
PEOPLE = ['王伟', '李芳', '张敏', '刘洋', '陈静', '杨磊', '赵丽', '周强', '吴娟', '孙涛']
INCOME_PARTS = ['财政拨款收入', '上级补助收入', '事业收入', '经营收入', '附属单位上缴收入', '其他收入']
# 类 -> [(款, 项), ...]
FUNCTIONS = {
    '一般公共服务支出': [('群众团体事务', '行政运行'), ('群众团体事务', '一般行政管理事务'),
                 ('民主党派及工商联事务', '其他民主党派及工商联事务支出'), ('档案事务', '档案馆')],
    '社会保障和就业支出': [('行政事业单位养老支出', '行政单位离退休'),
                  ('行政事业单位养老支出', '机关事业单位基本养老保险缴费支出'),
                  ('行政事业单位养老支出', '机关事业单位职业年金缴费支出')],
    '卫生健康支出': [('行政事业单位医疗', '行政单位医疗'), ('行政事业单位医疗', '公务员医疗补助')],
    '住房保障支出': [('住房改革支出', '住房公积金'), ('住房改革支出', '购房补贴')],
    '文化旅游体育与传媒支出': [('文化和旅游', '群众文化'), ('文化和旅游', '文化活动')],
    '农林水支出': [('农业农村', '农业生产发展'), ('巩固脱贫攻坚成果衔接乡村振兴', '其他巩固脱贫攻坚成果衔接乡村振兴支出')],
}
REASONS = ['人员变动', '预算调整', '本年新增一次性项目', '严格落实过紧日子要求，压减一般性支出',
           '工资结构调整', '部分项目按进度未全部支付', '退休人员增加']
ACTIVITIES = [('培训', '场次'), ('座谈会', '次'), ('宣传活动', '场'), ('走访企业', '家'),
              ('调研', '次'), ('志愿服务活动', '场次'), ('专题讲座', '期')]
DUTIES = ['贯彻落实党和国家的方针政策，拟订本地区相关工作规划并组织实施。',
          '负责本部门预算资金的管理和使用，加强内部控制。',
          '指导、协调和监督下属单位开展业务工作。',
          '承办上级机关交办的其他事项。',
          '做好服务对象的联系与服务工作，维护其合法权益。']
CN = '零一二三四五六七八九'


def cn_number(n):
    """0 < n < 100 in Chinese numerals (三十五, 十二, 二十)."""
    tens, ones = divmod(n, 10)
    s = ('' if tens == 1 else CN[tens]) + '十' if tens else ''
    return s + (CN[ones] if ones or not tens else '')


class Printer:
    """How one document prints numbers: its money unit and its habits."""

    def __init__(self, rng, unit):
        self.unit = unit
        self.trim = rng.random() < 0.5      # 58.1万元 rather than 58.10万元
        self.commas = rng.random() < 0.5    # 1,069,440.00元
        self.cn = rng.random() < 0.4        # 三十五人
        self.space = rng.random() < 0.25    # 5 人, 111.77 万元 (text from a PDF)

    def num(self, d, places):
        s = format(d.quantize(Decimal(1).scaleb(-places)), 'f')
        if self.trim and '.' in s:
            s = s.rstrip('0').rstrip('.')
        return s

    def money(self, yuan, unit=None):
        """yuan (Decimal) printed; unit None: the document's (亿元 only for
        whole 万元 of one 亿 or more, others in 万元)."""
        unit = unit or self.unit
        if unit == '亿元' and (yuan % 10000 or yuan < 100000000):
            unit = '万元'
        if unit == '元':
            s = format(yuan.quantize(Decimal('0.01')), 'f')
            if self.commas:
                whole, frac = s.split('.')
                s = '{:,}'.format(int(whole)) + '.' + frac
        elif unit == '万元':
            s = self.num(yuan / 10000, 2)
        else:
            s = self.num(yuan / 100000000, 4)
        return s + (' ' if self.space else '') + unit

    def pct(self, d):
        return self.num(d, 2) + '%'

    def count(self, n, unit, cn_ok=True):
        if self.cn and cn_ok and 0 < n < 100:
            return ('两' if n == 2 else cn_number(n)) + unit, True
        if n >= 10000 and n % 1000 == 0 and unit == '人次':
            return self.num(Decimal(n) / 10000, 1) + '万' + unit, False
        return str(n) + (' ' if self.space else '') + unit, False


def pct_of(part, whole):
    if not whole:
        return Decimal(0)
    return (Decimal(part) * 100 / whole).quantize(Decimal('0.01'), ROUND_HALF_UP)


def draw_yuan(rng, lo_wan, hi_wan, unit):
    """An amount in 元 between lo and hi 万元, exact in the unit it is printed in."""
    if unit == '元':
        return Decimal(rng.randint(lo_wan * 1000000, hi_wan * 1000000)) / 100
    return Decimal(rng.randint(lo_wan * 100, hi_wan * 100)) * 100


def split(rng, total, n, step, zeros=0):
    """n amounts (multiples of step) adding up to total; the last zeros are 0."""
    live = n - zeros
    units = int(total / step)
    cuts = sorted(rng.sample(range(1, units), live - 1)) if live > 1 else []
    parts = [b - a for a, b in zip([0] + cuts, cuts + [units])]
    return [Decimal(p) * step for p in parts] + [Decimal(0)] * zeros


class Doc:
    """Blocks and facts of one document, written sentence by sentence."""

    def __init__(self, rng, pr):
        self.rng, self.pr = rng, pr
        self.blocks, self.facts = [], []

    def h(self, text):
        self.blocks.append(('h', text))

    def p(self, *sentences):
        """A paragraph of sentences, each (text, [fact, ...]) or a text
        without facts; a text with facts is one sentence (prosedoc.sentences)."""
        text = ''
        for s in sentences:
            s_text, facts = (s, []) if isinstance(s, str) else s
            if facts:
                assert P.sentences(s_text) == [s_text.strip()], s_text
            for f in facts:
                assert f['figure'] and f['figure'] in s_text, (f, s_text)
                f['sentence'] = s_text.strip()
                self.facts.append(f)
            text += s_text
        self.blocks.append(('p', text))


def fact(subject, value=None, unit=None, share=None, change=None, change_pct=None, compared=None,
         figure=None):
    return dict(subject=subject, value=value, unit=unit, share_pct=share, change=change,
                change_pct=change_pct, compared_to=compared, figure=figure)


def money_fact(pr, subject, yuan, **kw):
    fig = pr.money(yuan)
    return fig, fact(subject, yuan, '元', figure=fig, **kw)


def count_fact(pr, subject, n, unit, cn_ok=True):
    fig, _ = pr.count(n, unit, cn_ok)
    return fig, fact(subject, Decimal(n), unit, figure=fig)


def draw_change(rng, pr, yuan):
    """A change of yuan against an earlier amount drawn for it, exact in the
    unit it is printed in, and its percent as printed (2 places)."""
    step = Decimal('0.01') if pr.unit == '元' else Decimal(100)
    frac = Decimal(rng.randint(-300, 400)) / 1000
    change = (yuan * frac / (1 + frac) / step).to_integral_value() * step or step
    return change, pct_of(change, yuan - change)


def change_for(yuan, pct, step):
    """The change of yuan against an earlier amount that pct (percent of
    the earlier amount) implies, in whole steps, of pct's sign."""
    change = (yuan * pct / (100 + pct) / step).to_integral_value() * step
    return change or (step if pct > 0 else -step)


def change_words(rng, pr, change, pct):
    """增加6.93万元，增长0.6% / 减少…，下降… (sometimes 增长-21.72%)."""
    up = change > 0
    amount = pr.money(abs(change), '元' if pr.unit == '元' else '万元')
    inc = rng.choice(['增加', '增长']) if up else rng.choice(['减少', '下降'])
    if up:
        pw, shown = rng.choice(['增长', '增长', '增幅']), pr.pct(pct)
    elif rng.random() < 0.2:
        pw, shown = '增长', '-' + pr.pct(-pct)
    else:
        pw, shown = rng.choice(['下降', '降低', '降幅']), pr.pct(-pct)
    return '%s%s，%s%s' % (inc, amount, pw, shown)


def comparison(rng, pr, yuan, year, against, allow_flat=True, given=None):
    """(text, change, change_pct, compared_to) of a stated change of yuan
    against '上年' or '年初预算': 比上年增加…，增长…%; 同比下降…%; 与上年持平.
    given: the (change, change_pct) of another comparison, worded anew."""
    if (given and given[0] == 0) or (not given and allow_flat and rng.random() < 0.1):
        words = {'上年': ['与上年持平', '与{p}年度持平'], '年初预算': ['与年初预算持平']}[against]
        return rng.choice(words).format(p=year - 1), Decimal(0), None, against
    change, pct = given or draw_change(rng, pr, yuan)
    if against == '上年':
        lead = rng.choice(['比上年', '较上年', '与{p}年度相比，', '与{p}年相比', '同比']).format(p=year - 1)
    else:
        lead = rng.choice(['比年初预算', '比{y}年年初预算', '较年初预算']).format(y=year)
    if lead == '同比':
        return '同比%s%s' % ('增长' if pct > 0 else '下降', pr.pct(abs(pct))), None, pct, against
    return lead + change_words(rng, pr, change, pct), change, pct, against


# ------------------------------------------------------------ 决算说明
def final_accounts(rng, pr, dept, place, year):
    d = Doc(rng, pr)
    d.blocks.append(('title', rng.choice(['{d}{y}年度部门决算说明', '{y}年度{d}部门决算情况说明',
                                          '{d}{y}年部门决算']).format(d=dept, y=year)))
    d.h(rng.choice(['第一部分 部门概况', '一、部门基本情况']))
    d.h('（一）部门职责')
    for i, duty in enumerate(rng.sample(DUTIES, 3)):
        d.p('%d、%s' % (i + 1, duty))
    d.h('（二）机构设置及人员情况')
    ks, subs = rng.randint(3, 9), rng.randint(0, 4)
    fig, f = count_fact(pr, '内设科室', ks, '个', cn_ok=False)
    s = rng.choice(['根据上述职责，本部门内设科室%s' % fig, '本部门机关内设%s科室' % fig])
    facts = [f]
    if subs:
        fig2, f2 = count_fact(pr, '下属单位', subs, '个', cn_ok=False)
        s += '，下属单位%s。' % fig2
        facts.append(f2)
    else:
        s += '，无下属单位。'
    d.p((s, facts))
    serving, retired = rng.randint(4, 60), rng.randint(0, 30)
    quota = serving + rng.randint(0, 5)
    f_q = count_fact(pr, '编制', quota, '名', cn_ok=False)
    f_t = count_fact(pr, '实有人员', serving + retired, '人', cn_ok=False)
    f_s = count_fact(pr, '在职人员', serving, '人')
    f_r = count_fact(pr, '退休人员', retired, '人')
    d.p(('截至%d年12月31日，本部门编制%s，实有人员%s，其中：在职人员%s，退休人员%s。' % (
        year, f_q[0], f_t[0], f_s[0], f_r[0]), [f_q[1], f_t[1], f_s[1], f_r[1]]))

    d.h('二、收入支出决算总体情况说明')
    total = draw_yuan(rng, 10000 if pr.unit == '亿元' else 200, 30000, pr.unit)
    if pr.unit == '亿元':
        total = (total / 1000000).to_integral_value() * 1000000
    step = Decimal('0.01') if pr.unit == '元' else Decimal(100)
    text, ch, cp, ct = comparison(rng, pr, total, year, '上年')
    draw_change(rng, pr, total)  # drawn as before: the seeds' other numbers stay as they were
    # a 同比 phrase states the percent only: the change is the one it implies
    given = (ch if ch is not None else change_for(total, cp, step), cp)
    fig = pr.money(total)
    d.p((rng.choice(['%d年度收、支总计%s，%s。', '%d年度本部门收、支总计均为%s，%s。', '%d年收支总计%s，%s。'])
         % (year, fig, text), [fact('收支总计', total, '元', None, ch, cp, ct, fig)]))
    if rng.random() < 0.5:
        rows = [['项目', '决算数（万元）'], ['本年收入合计', P.number(total / 10000)], ['本年支出合计', P.number(total / 10000)]]
        d.p('收入支出决算总表（单位：万元）')
        d.blocks.append(('table', [[str(c) for c in r] for r in rows]))
    d.h('（一）收入决算说明')
    nparts = rng.randint(2, 6)
    zeros = rng.randint(0, nparts - 1) if nparts > 2 else 0
    parts = split(rng, total, nparts - zeros, step) + [Decimal(0)] * zeros
    names = INCOME_PARTS[:nparts]
    text, ch, cp, ct = comparison(rng, pr, total, year, '上年', given=given if cp is not None else None)
    facts = [fact('本年收入合计', total, '元', None, ch, cp, ct, pr.money(total))]
    pieces = []
    for n, v in zip(names, parts):
        sh = pct_of(v, total)
        fig = pr.money(v)
        pieces.append(rng.choice(['%s%s，占收入合计的%s', '%s%s，占%s', '%s%s，占比%s']) % (n, fig, pr.pct(sh)))
        facts.append(fact(n, v, '元', sh, figure=fig))
    d.p(('%d年度本年收入合计%s，%s，其中：%s。' % (year, pr.money(total), text, '；'.join(pieces)), facts))
    d.h('（二）支出决算说明')
    basic = (total * Decimal(rng.randint(40, 90)) / 100 / step).to_integral_value() * step
    project = total - basic
    text, ch, cp, ct = comparison(rng, pr, total, year, '上年', given=given if cp is not None else None)
    fb, fp = pr.money(basic), pr.money(project)
    sb, sp = pct_of(basic, total), pct_of(project, total)
    facts = [fact('本年支出合计', total, '元', None, ch, cp, ct, pr.money(total)),
             fact('基本支出', basic, '元', sb, figure=fb), fact('项目支出', project, '元', sp, figure=fp)]
    of = rng.choice(['占支出合计的', '占本年支出合计的', '占比'])
    d.p(('%d年度本年支出合计%s，%s，其中：基本支出%s，%s%s；项目支出%s，%s%s。' % (
        year, pr.money(total), text, fb, of, pr.pct(sb), fp, of, pr.pct(sp)), facts))

    d.h('三、财政拨款收入支出决算总体情况说明')
    fiscal = parts[0]
    text, ch, cp, ct = comparison(rng, pr, fiscal, year, '上年')
    sents = [('%d年度财政拨款收、支总计%s，%s。' % (year, pr.money(fiscal), text),
              [fact('财政拨款收支总计', fiscal, '元', None, ch, cp, ct, pr.money(fiscal))])]
    if rng.random() < 0.6:
        cb = Decimal(rng.randint(1, 500)) * step * (1 if rng.random() < 0.5 else -1)
        cpj = Decimal(rng.randint(1, 500)) * step * (1 if rng.random() < 0.5 else -1)
        u = '元' if pr.unit == '元' else '万元'
        s = '主要原因：基本支出比上年%s%s，主要是%s；项目支出比上年%s%s，主要是%s。' % (
            '增加' if cb > 0 else '减少', pr.money(abs(cb), u), rng.choice(REASONS),
            '增加' if cpj > 0 else '减少', pr.money(abs(cpj), u), rng.choice(REASONS))
        sents.append((s, [fact('基本支出', None, None, None, cb, None, '上年', pr.money(abs(cb), u)),
                          fact('项目支出', None, None, None, cpj, None, '上年', pr.money(abs(cpj), u))]))
    d.p(*sents)

    d.h('四、一般公共预算财政拨款支出决算情况说明')
    d.h('（一）一般公共预算财政拨款支出决算总体情况')
    classes = rng.sample(sorted(FUNCTIONS), rng.randint(2, 5))
    cparts = split(rng, fiscal, len(classes), step)
    facts = [fact('一般公共预算财政拨款支出', fiscal, '元', figure=pr.money(fiscal))]
    pieces = []
    for c, v in zip(classes, cparts):
        sh = pct_of(v, fiscal)
        pieces.append('%s%s，占本年财政拨款支出%s' % (c, pr.money(v), pr.pct(sh)))
        facts.append(fact(c, v, '元', sh, figure=pr.money(v)))
    d.p(('%d年度一般公共预算财政拨款支出%s，主要用于以下方面（按大类）：%s。' % (
        year, pr.money(fiscal), '；'.join(pieces)), facts))
    d.h('（二）一般公共预算财政拨款支出决算具体情况')
    items = [(c, k, x) for c in classes for k, x in FUNCTIONS[c]]
    for i, (c, k, x) in enumerate(rng.sample(items, min(len(items), rng.randint(3, 6)))):
        d.h('%d、%s（类）%s（款）%s（项）。' % (i + 1, '一般公共服务' if c == '一般公共服务支出' else c, k, x))
        v = draw_yuan(rng, 1, 800, '元' if pr.unit == '元' else '万元')
        fig = pr.money(v)
        r = rng.random()
        if r < 0.2:
            ch, cp = draw_change(rng, pr, v)
            bf = pr.money(v - ch)
            d.p(('年初预算为%s，支出决算为%s，比年初预算%s。' % (bf, fig, change_words(rng, pr, ch, cp)),
                 [fact(x + '年初预算', v - ch, '元', figure=bf), fact(x, v, '元', None, ch, cp, '年初预算', fig)]),
                '主要原因：%s。' % rng.choice(REASONS))
        elif r < 0.3:
            d.p(('%d年度决算%s，与年初预算持平。' % (year, fig), [fact(x, v, '元', None, Decimal(0), None, '年初预算', fig)]))
        else:
            text, ch, cp, ct = comparison(rng, pr, v, year, '年初预算', allow_flat=False)
            d.p(('%d年度决算%s，%s。' % (year, fig, text), [fact(x, v, '元', None, ch, cp, ct, fig)]),
                '主要原因：%s。' % rng.choice(REASONS))

    d.h('五、“三公”经费财政拨款支出决算情况说明')
    small = '元' if pr.unit == '元' else '万元'
    abroad = Decimal(0) if rng.random() < 0.5 else draw_yuan(rng, 1, 8, small)
    buy = Decimal(0) if rng.random() < 0.6 else draw_yuan(rng, 10, 30, small)
    run = draw_yuan(rng, 1, 15, small)
    recv = draw_yuan(rng, 0, 3, small)
    t3 = abroad + buy + run + recv
    m = lambda y: pr.money(y, small)  # noqa: E731
    if rng.random() < 0.4:
        # seed 002: 比年初预算0.31万元减少0.27万元 (the base is its own fact)
        ch, cp = draw_change(rng, pr, t3)
        t_text = '比“三公”经费财政拨款年初预算%s%s%s' % (m(t3 - ch), '增加' if ch > 0 else '减少', m(abs(ch)))
        facts = [fact('三公经费', t3, '元', None, ch, None, '年初预算', m(t3)),
                 fact('三公经费年初预算', t3 - ch, '元', figure=m(t3 - ch))]
    else:
        t_text, ch, cp, ct = comparison(rng, pr, t3, year, '年初预算', allow_flat=False)
        facts = [fact('三公经费', t3, '元', None, ch, cp, ct, m(t3))]
    s = rng.choice(['%d年度“三公”经费财政拨款支出决算为%s，%s', '%d年度“三公”经费财政拨款决算数%s，%s']) % (
        year, m(t3), t_text)
    if rng.random() < 0.5:
        t_text, ch, cp, ct = comparison(rng, pr, t3, year, '上年', allow_flat=False)
        s += '；' + t_text
        facts.append(fact('三公经费', t3, '元', None, ch, cp, ct, m(t3)))
    s += '。'
    car = buy + run
    s2 = '其中：因公出国（境）费%s，公务用车购置及运行维护费%s，公务接待费%s。' % (m(abroad), m(car), m(recv))
    d.p((s, facts), (s2, [fact('因公出国（境）费', abroad, '元', figure=m(abroad)),
                          fact('公务用车购置及运行维护费', car, '元', figure=m(car)),
                          fact('公务接待费', recv, '元', figure=m(recv))]))
    d.h('1．因公出国（境）费')
    if abroad:
        g, n = rng.randint(1, 3), rng.randint(2, 9)
        fg, fn = count_fact(pr, '因公出国（境）团组', g, '个'), count_fact(pr, '因公出国（境）人次', n, '人次', False)
        d.p(('%d年度因公出国（境）费支出%s，全年安排因公出国（境）团组%s，累计%s。' % (year, m(abroad), fg[0], fn[0]),
             [fact('因公出国（境）费', abroad, '元', figure=m(abroad)), fg[1], fn[1]]))
    else:
        d.p('本年度未发生因公出国（境）费用。')
    d.h('2．公务用车购置及运行维护费')
    vehicles = rng.randint(1, 12)
    fv = count_fact(pr, '公务用车保有量', vehicles, '辆')
    sents = [('公务用车购置费%s，公务用车运行维护费%s，截至%d年12月31日，公务用车保有量%s。' % (
        m(buy), m(run), year, fv[0]),
        [fact('公务用车购置费', buy, '元', figure=m(buy)), fact('公务用车运行维护费', run, '元', figure=m(run)), fv[1]])]
    if buy:
        k = rng.randint(1, 2)
        fk = count_fact(pr, '购置车辆', k, '辆')
        sents.append(('本年度按规定更新购置车辆%s，均为单价30万元以下的新能源汽车。' % fk[0], [fk[1]]))
    d.p(*sents)
    d.h('3．公务接待费')
    if recv:
        b, n = rng.randint(1, 40), rng.randint(5, 300)
        fb_, fn_ = count_fact(pr, '公务接待批次', b, '批次', False), count_fact(pr, '公务接待人次', n, '人次', False)
        d.p(('公务接待费%s，全年国内公务接待%s、%s，主要用于接待上级部门检查指导工作。' % (m(recv), fb_[0], fn_[0]),
             [fact('公务接待费', recv, '元', figure=m(recv)), fb_[1], fn_[1]]))
    else:
        d.p('本年度未发生公务接待费用。')

    d.h('六、机关运行经费支出情况')
    ops = draw_yuan(rng, 10, 300, small)
    text, ch, cp, ct = comparison(rng, pr, ops, year, '上年')
    d.p((rng.choice(['%d年度本部门机关运行经费支出%s，%s，主要原因是%s。', '%d年度机关运行经费为%s，%s，主要原因是%s。'])
         % (year, m(ops), text, rng.choice(REASONS)),
         [fact('机关运行经费', ops, '元', None, ch, cp, ct, m(ops))]))

    d.h('七、政府采购支出情况')
    buy_total = draw_yuan(rng, 5, 500, small)
    gparts = split(rng, buy_total, 3, Decimal('0.01') if small == '元' else Decimal(100), zeros=rng.randint(0, 1))
    sme = (buy_total * Decimal(rng.randint(50, 100)) / 100 / step).to_integral_value() * step
    micro = (sme * Decimal(rng.randint(30, 100)) / 100 / step).to_integral_value() * step
    kinds = ['政府采购货物支出', '政府采购工程支出', '政府采购服务支出']
    ssme, smic = pct_of(sme, buy_total), pct_of(micro, buy_total)
    d.p(('%d年度政府采购支出总额%s，其中：%s。' % (year, m(buy_total), '，'.join(
        '%s%s' % (k, m(v)) for k, v in zip(kinds, gparts))),
        [fact('政府采购支出总额', buy_total, '元', figure=m(buy_total))] +
        [fact(k, v, '元', figure=m(v)) for k, v in zip(kinds, gparts)]),
        ('授予中小企业合同金额%s，占政府采购支出总额的%s，其中：授予小微企业合同金额%s，占政府采购支出总额的%s。' % (
            m(sme), pr.pct(ssme), m(micro), pr.pct(smic)),
         [fact('授予中小企业合同金额', sme, '元', ssme, figure=m(sme)),
          fact('授予小微企业合同金额', micro, '元', smic, figure=m(micro))]),
        '根据《%s财政局关于做好政府采购支持中小企业工作的通知》（%s财采〔%d〕%d号）规定，本部门预留采购份额全部面向中小企业。' % (
            place[2], place[2][0], year - 1, rng.randint(1, 99)))

    d.h('八、国有资产占用情况')
    assets = draw_yuan(rng, 20, 3000, small)
    roles = ['机要通信用车', '应急保障用车', '执法执勤用车', '其他用车']
    vparts = [int(v) for v in split(rng, Decimal(vehicles), 2, Decimal(1))] if vehicles > 1 else [vehicles, 0]
    vr = rng.sample(roles, 2)
    fvs = [count_fact(pr, r, n, '辆') for r, n in zip(vr, vparts)]
    fv_all = count_fact(pr, '车辆', vehicles, '辆')
    fe = count_fact(pr, '单价100万元以上设备', 0, '台', False)
    d.p(('截至%d年12月31日，本部门固定资产总额%s，共有车辆%s，其中：%s、%s；单价100万元以上设备%s。' % (
        year, m(assets), fv_all[0], vr[0] + fvs[0][0], vr[1] + fvs[1][0], fe[0]),
        [fact('固定资产总额', assets, '元', figure=m(assets)), fv_all[1], fvs[0][1], fvs[1][1], fe[1]]))

    d.h('九、预算绩效管理工作开展情况')
    nproj = rng.randint(3, 30)
    money_ = project
    fn_ = count_fact(pr, '绩效自评项目', nproj, '个', False)
    d.p(('根据预算绩效管理要求，本部门组织对%d年度%s项目开展绩效自评，占部门项目总数的100%%，涉及资金%s。' % (
        year, fn_[0], pr.money(money_)),
        [dict(fn_[1], share_pct=Decimal(100)), fact('涉及资金', money_, '元', figure=pr.money(money_))]),
        '绩效目标要求：服务对象满意度≥90%，项目完成率不低于95%。')
    d.h('十、专业名词解释')
    d.p('1.财政拨款收入：指单位从同级财政部门取得的财政预算资金。')
    d.p('2.“三公”经费：指单位通过财政拨款资金安排的因公出国（境）费、公务用车购置及运行费和公务接待费。')
    person = rng.choice(PEOPLE)
    d.p('联系人：%s，联系电话：%s-%d。' % (person, place[3], rng.randint(60000000, 89999999)))
    d.p('%s  %d年%d月%d日' % (dept, year + 1, rng.randint(7, 9), rng.randint(1, 28)))
    return d, []


# ------------------------------------------------------------ 绩效自评报告
def eval_report(rng, pr, dept, place, year, with_form):
    d = Doc(rng, pr)
    project = rng.choice(G.TOPICS) + rng.choice(['项目', '专项资金'])
    whole = rng.random() < 0.6
    d.blocks.append(('title', ('{d}{y}年度部门整体支出绩效自评报告' if whole else '{d}{y}年度{p}绩效自评报告')
                     .format(d=dept, y=year, p=project)))
    n = rng.randint(1, 60)
    d.p('根据《%s财政局关于开展%d年度预算绩效自评工作的通知》（%s财绩〔%d〕%d号）要求，我单位对%d年度%s实施了绩效自评价，现将自评情况报告如下：' % (
        place[2], year + 1, place[2][0], year + 1, n, year, '部门整体支出' if whole else project))
    d.h('一、基本情况')
    d.h('（一）部门概况')
    serving, retired = rng.randint(3, 45), rng.randint(0, 20)
    f_s, f_r = count_fact(pr, '在职人员', serving, '人'), count_fact(pr, '退休人员', retired, '人')
    d.p(('%d年底，我单位实有在职人员%s，退休人员%s。' % (year, f_s[0], f_r[0]), [f_s[1], f_r[1]]))
    vehicles = rng.randint(0, 5)
    small = '元' if pr.unit == '元' else '万元'
    assets = draw_yuan(rng, 0, 200, small)
    fv = count_fact(pr, '车辆', vehicles, '辆')
    fa = pr.money(assets, small)
    d.p(('单位共有车辆%s，固定资产总额%s。' % (fv[0], fa), [fv[1], fact('固定资产总额', assets, '元', figure=fa)]))
    d.blocks.append(('table', [['单位名称', '单位性质', '编制数', '联系电话'],
                               [dept, rng.choice(['行政单位', '参公事业', '事业单位']), str(serving + rng.randint(0, 3)),
                                '%s-%d' % (place[3], rng.randint(60000000, 89999999))]]))
    d.h('（二）部门收支预决算情况')
    total = draw_yuan(rng, 10000 if pr.unit == '亿元' else 20, 30000 if pr.unit == '亿元' else 3000, pr.unit)
    if pr.unit == '亿元':
        total = (total / 1000000).to_integral_value() * 1000000
    step = Decimal('0.01') if pr.unit == '元' else Decimal(100)
    fig = pr.money(total)
    if rng.random() < 0.5:
        # the comparison in the next sentence belongs to the figure's fact
        ch, cp = draw_change(rng, pr, total)
        d.p(('%d年度收支总计（含结转和结余）%s。' % (year, fig), [fact('收支总计', total, '元', None, ch, cp, '上年', fig)]),
            '与%d年度决算相比，收支各%s，主要原因是%s。' % (year - 1, change_words(rng, pr, ch, cp), rng.choice(REASONS)))
    else:
        text, ch, cp, ct = comparison(rng, pr, total, year, '上年')
        d.p(('%d年度收支总计%s，%s。' % (year, fig, text), [fact('收支总计', total, '元', None, ch, cp, ct, fig)]))
    budget = (total * Decimal(rng.randint(100, 115)) / 100 / step).to_integral_value() * step
    b1 = (budget * Decimal(rng.randint(40, 85)) / 100 / step).to_integral_value() * step
    e1 = min(b1, (total * Decimal(rng.randint(40, 85)) / 100 / step).to_integral_value() * step)
    rate = pct_of(total, budget)
    d.p(('%d年全年预算数%s，其中，基本支出预算数%s，项目支出预算数%s。' % (
        year, pr.money(budget), pr.money(b1), pr.money(budget - b1)),
        [fact('全年预算数', budget, '元', figure=pr.money(budget)),
         fact('基本支出预算数', b1, '元', figure=pr.money(b1)),
         fact('项目支出预算数', budget - b1, '元', figure=pr.money(budget - b1))]),
        ('资金总体支出%s，其中，基本支出%s，项目支出%s。' % (pr.money(total), pr.money(e1), pr.money(total - e1)),
         [fact('资金总体支出', total, '元', figure=pr.money(total)),
          fact('基本支出', e1, '元', figure=pr.money(e1)),
          fact('项目支出', total - e1, '元', figure=pr.money(total - e1))]),
        ('预算执行率为%s。' % pr.pct(rate), [fact('预算执行率', rate, '%', figure=pr.pct(rate))]))
    if rng.random() < 0.6:
        d.p('项目资金执行情况见下表（单位：万元）：')
        rows = [['项目名称', '年初预算数', '全年执行数', '执行率']]
        for _ in range(rng.randint(2, 4)):
            a = Decimal(rng.randint(100, 9000)) / 100
            e = (a * Decimal(rng.randint(70, 100)) / 100).quantize(Decimal('0.01'))
            rows.append([rng.choice(G.TOPICS) + '经费', str(a), str(e), '%s%%' % pct_of(e, a)])
        d.blocks.append(('table', rows))

    d.h('二、绩效目标')
    acts = rng.sample(ACTIVITIES, 3)
    targets = [rng.randint(2, 30) for _ in acts]
    geq = '\\geq ' if rng.random() < 0.4 else '≥'
    d.p('绩效目标：%s，全年组织%s不少于%d%s，%s%d%s以上，服务对象满意度%s90%%。' % (
        rng.choice(['提升服务质量和群众满意度', '促进民营经济健康发展', '保障各项工作顺利开展']),
        acts[0][0], targets[0], acts[0][1], acts[1][0], targets[1], acts[1][1], geq))
    d.p('绩效指标：开展%s%d%s，参训人员合格率≥95%%，资金支出金额在10000元（含）以上的须经集体研究决定。' % (
        acts[2][0], targets[2], acts[2][1]))

    d.h('三、绩效目标完成情况')
    d.h('（一）产出完成情况')
    sents = []
    for (a, u), t in zip(acts, targets):
        got = t + rng.randint(-1, 6)
        got = max(got, 1)
        fa_ = count_fact(pr, a, got, u)
        verb = rng.choice(['全年共开展', '全年组织', '共举办'])
        sents.append(('%s%s%s。' % (verb, a, fa_[0]), [fa_[1]]))
    people = rng.choice([rng.randint(30, 900), rng.randint(2, 60) * 1000])
    fp = count_fact(pr, '服务群众', people, '人次', False)
    sents.append(('累计服务群众%s，全年任务完成率100%%。' % fp[0], [fp[1], fact('完成率', Decimal(100), '%', figure='100%')]))
    sents.append('召开第%s届会员代表大会，选举产生新一届执委会。' % cn_number(rng.randint(11, 39)))
    if rng.random() < 0.5:
        k = rng.randint(2, 9) * 10
        sents.append(('报送各类信息%d余条。' % k, [fact('报送各类信息', Decimal(k), '条', figure='%d余条' % k)]))
    d.p(*sents)
    d.h('（二）效益实现情况')
    sat = Decimal(rng.randint(900, 1000)) / 10
    sat = sat.quantize(Decimal('0.1'))
    if rng.random() < 0.5:
        d.p(('经问卷调查，服务对象满意度为%s。' % pr.pct(sat), [fact('服务对象满意度', sat, '%', figure=pr.pct(sat))]))
    else:
        d.p('经电话回访，服务对象满意度达95%以上。')

    d.h('四、评价结论')
    parts = [('预算执行', 10), ('项目产出', 50), ('项目效益', 30), ('服务对象满意度', 10)]
    got = [w - rng.choice([0, 0, 1, 2]) for _, w in parts]
    score = sum(got)
    grade = '优' if score >= 90 else '良'
    d.p(('经自评，%s自评得分%d分，绩效级别为“%s”。' % ('部门整体支出' if whole else '本项目', score, grade),
         [fact('自评得分', Decimal(score), '分', figure='%d分' % score)]),
        ('其中：%s。' % '，'.join('%s%d分（满分%d分）' % (n_, g, w) for (n_, w), g in zip(parts, got)),
         [fact(n_, Decimal(g), '分', figure='%d分' % g) for (n_, _), g in zip(parts, got)]))
    if whole:
        k = rng.randint(2, 4)
        names = rng.sample(G.TOPICS, k)
        scores = [rng.randint(85, 100) for _ in names]
        fk = count_fact(pr, '实施项目', k, '个', False)
        d.p(('全年共实施%s项目（%s）。' % (fk[0], '，'.join(
            '%s项目评价得分%d分' % (nm, s) for nm, s in zip(names, scores))),
            [fk[1]] + [fact('%s项目评价得分' % nm, Decimal(s), '分', figure='%d分' % s) for nm, s in zip(names, scores)]))
    d.h('五、存在的问题及改进措施')
    d.p('一是加强预算执行的计划性，提高支出进度的均衡程度。二是加强对项目资金的监督检查，确保资金使用合法合规。')
    extra, nind = [], 0
    if with_form:
        f, t = G.draw_form(rng, rng.choice([6, 8, 9]), rng.random() < 0.5)
        if not whole:
            f['name'] = project
        d.blocks.append(('h', '附件：'))
        d.blocks.append(('xml', D.para('项目支出绩效自评表', center=True)))
        d.blocks.append(('xml', D.para('（%d年度）' % year, center=True)))
        d.blocks.append(('xml', D.form_table(f, G.varied_grid(rng), padded=False, wrap=rng.random() < 0.5)))
        recs = G.gold_records([f], [t], year)
        extra, nind = recs[1:], recs[0]['indicators']
    d.p('联系人：%s，联系电话：%s-%d。' % (rng.choice(PEOPLE), place[3], rng.randint(60000000, 89999999)))
    d.p('%s  %d年%d月%d日' % (dept, year + 1, rng.randint(3, 5), rng.randint(1, 28)))
    return d, (extra, nind)


def document(seed):
    rng = random.Random(seed)
    place = rng.choice(PLACES)
    dept = place[0] + place[1] + place[2] + rng.choice(ORGS)
    year = rng.randint(2019, 2024)
    pr = Printer(rng, ['万元', '元', '亿元', '万元'][(seed - 1) // 2 % 4])
    kind = 'final_accounts' if seed % 2 else 'eval_report'
    if kind == 'final_accounts':
        d, _ = final_accounts(rng, pr, dept, place, year)
        extra, nind = [], 0
    else:
        d, (extra, nind) = eval_report(rng, pr, dept, place, year, seed % 4 == 0)
    fields = dict(kind=kind, year=year, forms=1 if extra else 0, indicators=nind)
    return d, fields, extra


def main():
    want_pdf = '--no-pdf' not in sys.argv
    for split_, seeds in (('gen-prose', DEV_SEEDS), ('gen-prose-heldout', HELDOUT_SEEDS)):
        folder = os.path.join('corpus', split_)
        total = 0
        for seed in seeds:
            d, fields, extra = document(seed)
            missing = P.write_pair(folder, 'prose-%04d' % seed, d.blocks, fields, d.facts, extra, want_pdf)
            total += len(d.facts)
            print('wrote %s/prose-%04d: %s %d, %d facts, %d form records' % (
                folder, seed, fields['kind'], fields['year'], len(d.facts), len(extra)))
            for s in missing:
                print('  page not found (null):', s)
        print('%s: %d facts a format' % (split_, total))


if __name__ == '__main__':
    main()
