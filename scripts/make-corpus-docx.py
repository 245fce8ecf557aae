#!/usr/bin/env python3
"""Builds the DOCX files of corpus/docx/ and the bad inputs of tests/data/.

The forms are reconstructions of the five 项目支出绩效自评表 of seed 000
(../shared/seeds/000_*.txt, text taken from a real DOCX), laid out the way
Word lays out that template: one table per form with merged cells
(w:gridSpan, w:vMerge), line breaks inside header cells, the leaked
_GoBack bookmark. Output is byte-for-byte reproducible (fixed ZIP dates).
Only the Python standard library is used. Run from the repository root:
    python3 scripts/make-corpus-docx.py
"""
import io
import os
import zipfile
from xml.sax.saxutils import escape

W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
GRID = [700, 900, 1100, 2000, 1000, 1000, 700, 700, 700, 700]  # 10 columns

# ---------------------------------------------------------------- the forms
# Fund rows: (label, 年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分)
# Indicator rows: (level1, level2, name, target, actual, weight, score, deviation)
# level None = merged with the cell above (w:vMerge continue).
FORMS = [
    dict(name='微信公众号经费', dept='通州区工商联', unit='通州区工商联', lead='陈宇昕',
         phone='69542826', total=('8', '8', '100%', '10', '100%', '10'),
         fiscal=('8', '8', '100%', '—', '100%', '—'),
         goal=('工商联、非公企业、工商联界别委员以及商会组织的各项活动，通过微信公众号形式进行宣传报道，大力加强对商会及企业先进典型的宣传。',
               '全年共宣传报道86条，累计点击量超1.6万次。'),
         rows=[('产出指标', '数量指标', '指标1：微信公众号维护', '大于80条', '86条', '10', '9', ''),
               (None, '质量指标', '指标1：及时、客观宣传各项活动', '100%', '100%', '15', '14', ''),
               (None, '时效指标', '指标1：根据全年活动时间及时发布信息', '2023全年', '2023全年', '15', '14', ''),
               (None, '成本指标', '指标1：全年费用8万元', '8万', '8万', '10', '10', ''),
               ('效益指标', '社会效益\n指标', '指标1：进一步加强工商联、商会自身建设，提高为会员服务质量', '95%', '95%', '15', '13', ''),
               (None, '可持续影响指标', '指标1：提高工商联凝聚力，助推民营经济健康高质量发展', '100%', '100%', '15', '13', ''),
               ('满意度\n指标', '服务对象满意度指标', ' 指标1：增强会员企业对工商联服务工作的满意度', '100%', '100%', '5', '4', ''),
               (None, None, ' 指标2：各企业以及商会组织可以随时了解到工商联工作', '100%', '100%', '5', '4', '')],
         score=('100', '91')),
    dict(name='报刊订阅费', dept='通州区工商联', unit='通州区工商联', lead='杨絮',
         phone='69542826', total=('1', '1', '100%', '10', '100%', '10'),
         fiscal=('1', '1', '100%', '—', '100%', '—'),
         goal=('及时按要求订阅党报、党刊以及工商联行业报刊',
               '严格按照相关规定，结合区工商联工作实际，完成报刊订阅任务。'),
         rows=[('产出指标', '数量指标', ' 指标1：订阅报刊种类及数量', '按照通知要求', '在规定范围内，结合单位实际', '10', '9', ''),
               (None, '质量指标', ' 指标1：领导干部报纸杂志阅读率', '>98%', '99%', '15', '13', ''),
               (None, '时效指标', ' 指标1：按照通知要求订阅', '2023.12', '2023.12', '15', '13', ''),
               (None, '成本指标', '指标1：报刊订阅费1万元', '1万元', '1万元', '10', '10', ''),
               ('效益指标', '社会效益指标', '指标1：及时学习了解时事政治、学习党的先进理论和业务知识', '>95%', '96%', '15', '14', ''),
               (None, '可持续影响指标', '指标1：通过学习先进的行业知识，带动工商联更好发展', '>95%', '96%', '15', '14', ''),
               ('满意度\n指标', '服务对象满意度指标', ' 指标1：增加领导干部的党性修养和专业知识增长', '100%', '98%', '5', '4', ''),
               (None, None, ' 指标1：读者满意度', '100%', '98%', '5', '4', '')],
         score=('100', '91')),
    dict(name='聘用人员工资', dept='通州区工商联', unit='通州区工商联', lead='马瑞苹',
         phone='69542826', total=('14', '10.55', '100%', '10', '75.36%', '7.5'),
         fiscal=('14', '10.55', '100%', '—', '75.36%', '—'),
         goal=('按时足额发放聘用人员工资、缴纳社会保险费及住房公积金',
               '每月均及时发放工资并按时缴纳五险一金。'),
         rows=[('产出指标', '数量指标', ' 指标1：发放聘用人员全年工资', '1人', '1人', '10', '10', ''),
               (None, '质量指标', ' 指标1：人员工资发放率', '100%', '100%', '10', '10', ''),
               (None, '时效指标', ' 指标1：发放工资时间', '2023年全年', '逐月发放', '10', '10', ''),
               (None, '成本指标', ' 指标1：全年聘用人员工资总额', '14万', '10.55', '10', '7.5', ''),
               (None, '可持续影响指标', '指标1：促进工商联、商会的发展', '100%', '98%', '10', '10', ''),
               ('效益指标', '社会效益指标', '指标1：提高为民营企业服务能力，促进民营企业健康高质量发展', '>95%', '97%', '15', '14', ''),
               (None, '可持续影响指标', '指标1：充实工商联干部队伍，增强工商联服务能力', '>95%', '97%', '15', '14', ''),
               ('满意度\n指标', '服务对象满意度指标', ' 指标1：工商联工作开展的保障', '>90%', '95%', '5', '4', ''),
               (None, None, ' 指标1：增强会员企业对工商联服务工作的满意度', '100%', '100%', '5', '4', '')],
         score=('100', '91')),
    dict(name='商会活动费', dept='通州区工商联', unit='通州区工商联', lead='蔡长青',
         phone='69542826', total=('6', '6', '100%', '10', '100%', '10'),
         fiscal=('6', '6', '100%', '—', '100%', '—'),
         goal=('创建工商联“会员之家”，一方面致力于打造一个工商界的思想宣传窗口、组织活动阵地、参政议政沟通平台、会员服务基地；另一方面以“会员之家”为平台，强化思想教育、夯实政治共识、凝聚人心力量、树立工商联形象。大力推进京津冀协同发展、通武廊人才交流活动、周边友好商会建设等工作，通过走访交流学习先进经验做法，完善工商联工作，组织民营企业培训。',
               '召开执委会1次，组织民营企业家参加主题教育培训活动1次，组织“2+1”联合党日活动3次，协助市联开展京津冀企业家联盟活动1次，参加基层商会七一党建活动1次。'),
         rows=[('产出指标', '数量指标', ' 指标1：举办培训及交流活动等', '>3次', '4', '10', '9', ''),
               (None, '质量指标', ' 指标1：培训合格率', '>95%', '98%', '10', '9', ''),
               (None, None, ' 指标2：学习交流效果良好', '>98%', '99%', '10', '9', ''),
               (None, '时效指标', ' 指标1：培训时间', '2023年全年', '2023年全年', '10', '9', ''),
               (None, '成本指标', '组织培训及交流活动', '6', '6', '10', '10', ''),
               ('效益指标', '社会效益\n指标', ' 指标2：搭建更便捷的平台', '>90%', '95%', '15', '14', ''),
               (None, '可持续影响指标', ' 指标1：加强对会员企业的培训，提高为会员服务质量', '>90%', '95%', '15', '14', ''),
               ('满意度\n指标', '服务对象满意度指标', ' 指标1：增强会员企业对工商联服务工作的满意度', '100%', '100%', '5', '4', ''),
               (None, None, ' 指标2：各企业以及商会组织可以随时了解到工商联工作', '100%', '100%', '5', '4', '')],
         score=('100', '92')),
    dict(name='原工商业者补助', dept='通州区工商联', unit='通州区工商联', lead='马瑞苹',
         phone='69542826', total=('10', '10', '100%', '10', '100%', '10'),
         fiscal=('10', '@GOBACK@10', '100%', '—', '100%', '—'),
         goal=('\n按照《北京市原工商业者补助一般性转移支付资金管理办法》及其补充规定，该项目主要用于向在通州区登记的原工商业者（含遗孀）发放临时生活困难补助和向原工商业者代表人士发放慰问金、慰问品，按规定于每年的五一、国庆、春节前进行发放。',
               '本年度共为全部23名原工商业者（含遗孀）发放39人次困难补助，合计金额10万元。'),
         rows=[('产出指标', '数量指标', ' 指标1：所有在册原工商业者发放困难补助', '25人', '23人', '10', '10', '2人在发放前已去世，不再发放'),
               (None, None, '代表人士慰问', '1人', '1人', '10', '10', ''),
               (None, '质量指标', ' 指标1：发放率', '100%', '100%', '15', '15', ''),
               (None, '时效指标', ' 指标1：发放时间', '五一、国庆、春节', '五一、国庆、春节', '15', '13', ''),
               (None, '成本指标', ' 指标1：全年发放总额', '10万', '10万', '10', '10', ''),
               ('效益指标', '社会效益\n指标', ' 指标1：及时、按规定发放补助', '100%', '100%', '15', '13', ''),
               ('满意度\n指标', '服务对象满意度指标', ' 指标1：原工商业者及其遗孀满意度', '100%', '100%', '15', '14', '')],
         score=('100', '95')),
]

# ---------------------------------------------------------------- XML pieces
def run(text, extra=''):
    """Runs for text; '\n' becomes <w:br/>; @GOBACK@ the leaked bookmark."""
    out = []
    if text.startswith('@GOBACK@'):
        out.append('<w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>')
        text = text[len('@GOBACK@'):]
    parts = text.split('\n')
    for i, part in enumerate(parts):
        if i:
            out.append('<w:r><w:br/></w:r>')
        if part:
            out.append('<w:r>%s<w:t xml:space="preserve">%s</w:t></w:r>' % (extra, escape(part)))
    return ''.join(out)


def para(text='', center=False, runs=None):
    ppr = '<w:pPr><w:jc w:val="center"/></w:pPr>' if center else ''
    return '<w:p>%s%s</w:p>' % (ppr, runs if runs is not None else run(text))


def cell(text='', span=1, vmerge=None, paras=None):
    """vmerge: 'restart', 'continue' or None. paras: list of paragraph texts."""
    width = 0
    pr = ''
    if span > 1:
        pr += '<w:gridSpan w:val="%d"/>' % span
    if vmerge == 'restart':
        pr += '<w:vMerge w:val="restart"/>'
    elif vmerge == 'continue':
        pr += '<w:vMerge/>'
    body = ''.join(para(p) for p in paras) if paras is not None else para(text)
    return '<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>%s<w:vAlign w:val="center"/></w:tcPr>%s</w:tc>' % (
        width, pr, body)


def row(*cells):
    return '<w:tr>%s</w:tr>' % ''.join(cells)


def table(rows, widths=GRID, ruled=True):
    style = 'single' if ruled else 'nil'
    borders = ''.join('<w:%s w:val="%s" w:sz="4" w:space="0" w:color="000000"/>' % (b, style)
                      for b in ('top', 'left', 'bottom', 'right', 'insideH', 'insideV'))
    grid = ''.join('<w:gridCol w:w="%d"/>' % w for w in widths)
    # unruled, system-style tables pad their cells: rows stand apart
    margins = '' if ruled else ('<w:tblCellMar><w:top w:w="80" w:type="dxa"/>'
                                '<w:bottom w:w="80" w:type="dxa"/></w:tblCellMar>')
    return ('<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:jc w:val="center"/>'
            '<w:tblBorders>%s</w:tblBorders><w:tblLayout w:type="fixed"/>%s</w:tblPr>'
            '<w:tblGrid>%s</w:tblGrid>%s</w:tbl>') % (borders, margins, grid, ''.join(rows))


def form_table(f, widths=GRID, padded=True, wrap=True):
    """The seed-000 template for form f. padded: the header and fund-line
    labels padded with spaces as the seed prints them; wrap: 年度/指标值 and
    实际/完成值 broken in two lines (<w:br/>, as Word writes them)."""
    heads = (('年初     预算数', '全年     预算数', '全年     执行数') if padded
             else ('年初预算数', '全年预算数', '全年执行数'))
    carryover, other = ('      上年结转资金', '  其他资金') if padded else ('上年结转资金', '其他资金')
    br = '\n' if wrap else ''
    rows = [
        row(cell('项目名称', 2), cell(f['name'], 8)),
        row(cell('主管部门', 2), cell(f['dept'], 3), cell('实施单位', 2), cell(f['unit'], 3)),
        row(cell('项目负责人', 2), cell(f['lead'], 3), cell('联系电话', 2), cell(f['phone'], 3)),
        row(cell('项目资金（万元）', 2, 'restart'), cell('', 2),
            *[cell(h) for h in heads],
            cell('分值'), cell('执行率'), cell('得分')),
    ]
    for label, vals in (('年度资金总额', f['total']), ('其中：当年财政拨款', f['fiscal']),
                        (carryover, ('', '', '', '—', '', '—')),
                        (other, ('', '', '', '—', '', '—'))):
        rows.append(row(cell('', 2, 'continue'), cell(label, 2), *[cell(v) for v in vals]))
    expected, actual = f['goal']
    rows.append(row(cell('年度总体目标', 2, 'restart'), cell('预期目标', 4), cell('实际完成情况', 4)))
    rows.append(row(cell('', 2, 'continue'), cell(paras=expected.split('\n'), span=4),
                    cell(actual, 4)))
    rows.append(row(cell(paras=['绩', '效', '指', '标'], vmerge='restart'), cell('一级指标'),
                    cell('二级指标'), cell('三级指标'), cell('年度' + br + '指标值'), cell('实际' + br + '完成值'),
                    cell('分值'), cell('得分'), cell('偏差原因分析及改进措施', 2)))
    for l1, l2, name, target, act, weight, score, dev in f['rows']:
        rows.append(row(cell('', vmerge='continue'),
                        cell(l1, vmerge='restart') if l1 else cell('', vmerge='continue'),
                        cell(l2, vmerge='restart') if l2 else cell('', vmerge='continue'),
                        cell(name), cell(target), cell(act), cell(weight), cell(score),
                        cell(dev, 2)))
    rows.append(row(cell('总分', 6), cell(f['score'][0]), cell(f['score'][1]), cell('', 2)))
    return table(rows, widths)


def document(body, landscape=False, a3=False):
    w, h = (16838, 23811) if a3 else (11906, 16838)
    size = ('<w:pgSz w:w="%d" w:h="%d" w:orient="landscape"/>' % (h, w) if landscape
            else '<w:pgSz w:w="%d" w:h="%d"/>' % (w, h))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<w:document xmlns:w="%s" '
            'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
            '<w:body>%s<w:sectPr>%s'
            '<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" '
            'w:header="567" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>'
            ) % (W, body, size)


CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/>'
                 '<Override PartName="/word/document.xml" ContentType="application/'
                 'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>')


def zip_bytes(members):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return buf.getvalue()


def docx(body, landscape=False, a3=False):
    return zip_bytes([('[Content_Types].xml', CONTENT_TYPES), ('_rels/.rels', RELS),
                      ('word/document.xml', document(body, landscape, a3))])


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'wb') as fh:
        fh.write(data)
    print('wrote', path, len(data), 'bytes')



# ------------------------------------------------ seed 001: 深圳市龙岗区 (元)
# Indicator rows: (level1, level2, name, target, actual, weight, score, deviation);
# None = merged with the cell above.
FORMS_001 = [
    dict(code='440307210701500003496', name='党建事务', year='2023',
         unit='深圳市龙岗区工商业联合会 (本级)', dept='深圳市龙岗区工商业联合会 (本级)',
         total=('1959300.00', '1959300.00', '1937189.02', '10', '98.87', '9.89'),
         fiscal=('1959300.00', '1959300.00', '1937189.02', '—', '—', '—'),
         goal=('以习近平新时代中国特色社会主义思想为指导,严格按照中央、省、市、区委组织部要求,全力推进非公企业党建工作,营造浓厚的非公党建氛围,健全党群活动阵地建设,提高提升非公党建工作实效和标准化、规范化水平。',
               '以习近平新时代中国特色社会主义思想为指导,严格按照中央、省、市、区委组织部部署工作要求,积极推动非公党建工作,提质增效,打造阵地、凝聚合力,营造出浓厚党建氛围,提升非公党组织政治工人和组织力,加快非公各党组织标准化建设进展,高质量推进基层党建标准化、规范化建设。'),
         rows=[('产出指标 (50分)', '数量指标', '推动非公企业应建尽建党组织', '新增党组织覆盖企业≥2家', '2家', '10', '10', ''),
               (None, '质量指标', '执行补贴标准', '按照文件规定标准发放党务干部补贴', '按照文件规定标准发放党务干部补贴', '10', '10', ''),
               (None, None, '执行奖励标准', '按照区委组织部文件规定,完善“两新”组织党员成长审核程序,按标准发放奖励', '按照执行奖励标准发放奖励', '10', '10', ''),
               (None, '时效指标', '按时完成各项任务', '按时完成区委组织部下达的非公党建工作任务', '按季度完成了各项非公党建工作任务', '10', '10', ''),
               (None, '成本指标', '开展党建活动人均成本', '按各类文件规定的标准执行', '开展党建活动人均成本≤550元/人', '10', '10', ''),
               ('效益指标 (30分)', '经济效益指标', '党建促企业发展', '发挥党组织和党员作用,助力企业发展有所成效', '发挥党组织和广大党员作用,助推企业高质量发展', '10', '10', ''),
               (None, '社会效益指标', '加强非公企业党组织建设', '不断提升非公企业党组织书记、党务工作者的能力素质,认真做好党组织建设和党员管理各项综合性事务', '建立台账,做实组织建设和党员管理各项综合性事务。', '10', '10', ''),
               (None, '生态效益指标', '增强党组织影响力', '拓宽党在非公领域的组织和工作覆盖面,发挥党组织在非公领域的引领作用,增强党组织的影响力、凝聚力和战斗力', '打造了8个示范党部', '10', '10', ''),
               (None, '可持续影响指标', '', '', '不适用', '0', '0', ''),
               ('满意度指标 (10分)', '服务对象满意度指标', '各党组织满意度', '辖属各党组织对党委工作满意度≥九十', '100%', '10', '10', ''),
               (None, '其他满意度指标', '', '', '无', '0', '0', '')],
         score=('100', '99.89')),
    dict(code='440307210701500003527', name='商会组织建设', year='2023',
         unit='深圳市龙岗区工商业联合会 (本级)', dept='深圳市龙岗区工商业联合会 (本级)',
         total=('378500.00', '378500.00', '376056.50', '10', '99.35', '9.94'),
         fiscal=('378500.00', '378500.00', '376056.50', '—', '—', '—'),
         goal=('坚持标准，严格程序，吐故纳新，优化结构，出台评价制度，探索建立“退出”机制，推动全区工商联组织建设水平迈上新台阶。坚持“成熟一个、组建一个、稳固一个”的原则，有重点地培育和发展符合我区产业发展政策的行业商（协）会，推动其参与经济社会建设。重点开展企业调研工作，推动解决企业发展中遇到的困难问题，助力民营经济高质量发展。',
               '高标准完成区工商联换届工作，选举产生 198 名七届执委（理事）成员，高新技术企业代表占比 50%以上；出台《龙岗区工商联系统秘书长评价办法》并试行；组建成立区财税行业协会，筹备成立区低空经济行业协会；通过区、街两级政企直联制度、暖企行动等走访企业 3000 多家，完善企业诉求台账，做到事事有落实、需求有回应。'),
         rows=[('产出指标 (50 分)', '数量指标', '培育筹建 2 家以上重点行业商（协）会，与 5-8 家商协会共同承办服务会员企业活动', '筹建区空间服务等行业协会；与 5-8 家商协会共同承办服务会员企业活动', '5 家', '20', '20', ''),
               (None, '质量指标', '加强行业商协会规范化建设', '健全商（协）会考评机制，对所属商（协）会工作进行日常化、常态化考核', '健全商（协）会考评机制，对所属商（协）会工作进行日常化、常态化考核', '10', '10', ''),
               (None, '时效指标', '有关商协会及时完成换届及时率', '完成有关商协会换届工作', '及时率 100%', '10', '10', ''),
               (None, '成本指标', '街道工商联、行业商（协）会的成立、换届等给予经费支持', '5家商协会的成立、换届', '成立1家换届1家', '10', '4', '原因： 未找到合适的会长人选 措施： 将与有关部门进一步沟通，按照三强一好的标准寻找合适的会长人选'),
               ('效益指标 (30分)', '经济效益指标', '解决商协会企业困难问题', '推动商（协）会通过直联工作制度带领行业企业与职能部门直接对接，以制度化、常态化的机制解决企业的实际困难问题。', '通过直联工作制度带领行业企业与职能部门直接对接，解决企业的实际困难问题', '10', '10', ''),
               (None, '社会效益指标', '参与社会治理', '积极承接政府职能', '积极承接政府职能', '10', '10', ''),
               (None, '生态效益指标', '增加行业商协会的政治引领性', '商协会做到“三性”统一', '商协会做到“三性”统一', '10', '10', ''),
               (None, '可持续影响指标', '', '', '不适用', '0', '0', ''),
               ('满意度指标 (10分)', '服务对象满意度指标', '建立符合产业政策的行业商（协）会体系', '坚持“成熟一个、组建一个、稳固一个”原则，逐步建立行业商（协）会体系', '逐步建立行业商（协）会体系', '10', '10', ''),
               (None, '其他满意度指标', '', '', '不适用', '0', '0', '')],
         score=('100', '93.94')),
    dict(code='440307230401500105001', name='法律顾问服务经费', year='2023',
         unit='深圳市龙岗区工商业联合会 (本级)', dept='深圳市龙岗区工商业联合会 (本级)',
         total=('30000.00', '27500.00', '27500.00', '10', '100', '10'),
         fiscal=('30000.00', '27500.00', '27500.00', '—', '—', '—'),
         goal=('协调处理我单位决策管理中的法律事务, 依法提出法律意见, 保证决策的合法性, 并对相关法律风险提出防范意见, 参与重要规章制度的制定和实施',
               '根据法律顾问提出的法律意见, 保证了决策的合法性, 以及相关制度的修订和实施。'),
         rows=[('产出指标 (50分)', '数量指标', '提供法律审查意见率', '提供法律审查意见率达100%', '100%', '10', '10', ''),
               (None, '质量指标', '法律专业服务', '充分发挥法律顾问作用, 有效降低法律风险, 减少法律纠纷', '无法律纠纷', '20', '20', ''),
               (None, '时效指标', '及时率', '2个工作日内', '2个工作日内', '10', '10', ''),
               (None, '成本指标', '成本控制', '≤3万', '≤3万', '10', '10', ''),
               ('效益指标 (30分)', '经济效益指标', '避险增效', '财政资金零损失', '财政资金零损失', '15', '15', ''),
               (None, '社会效益指标', '专业化', '为商协会和辖属党组织提供有效、专业的保障', '为商协会和辖属党组织提供有效、专业的保障', '15', '15', ''),
               (None, '生态效益指标', '', '', '不适用', '0', '0', ''),
               (None, '可持续影响指标', '', '', '不适用', '0', '0', ''),
               ('满意度指标 (10分)', '服务对象满意度指标', '科室满意度', '各科室满意度 100%', '100%', '10', '10', ''),
               (None, '其他满意度指标', '', '', '不适用', '0', '0', '')],
         score=('100', '100')),
]
GRID_001 = [1100, 1000, 1100, 1300, 1500, 1400, 700, 700, 1100]  # 9 columns
# the system-style export: A3 landscape, wide text columns
GRID_001_WIDE = [1500, 1500, 1700, 3200, 4200, 3600, 900, 900, 3200]


def form_table_001(f, borders=True):
    zero = ('0.00', '0.00', '0.00', '—', '—', '—')
    rows = [
        row(cell('项目编码:'), cell(f['code'], 1), cell('项目名称:'), cell(f['name'], 2),
            cell('绩效自评年度:'), cell(f['year'], 3)),
        row(cell('实施单位:'), cell(f['unit'], 3), cell('一级预算单位:', 2), cell(f['dept'], 3)),
        row(cell('资金使用情况', 9)),
        row(cell('', 2), cell('年初预算数'), cell('全年预算数'), cell('全年执行数'), cell('分值'),
            cell('执行率 (%)'), cell('得分'), cell('')),
    ]
    for i, (label, vals) in enumerate((('年度资金总额', f['total']), ('其中:当年财政拨款', f['fiscal']),
                                       ('上年结转资金', zero), ('其他资金', zero))):
        first = cell('项目资金 (元)', vmerge='restart') if i == 0 else cell('', vmerge='continue')
        rows.append(row(first, cell(label), *[cell(v) for v in vals], cell('')))
    rows.append(row(cell('项目目标完成情况', 9)))
    rows.append(row(cell('年度总体目标', vmerge='restart'), cell('预期目标', 4), cell('* 实际完成情况', 4)))
    rows.append(row(cell('', vmerge='continue'), cell(f['goal'][0], 4), cell(f['goal'][1], 4)))
    rows.append(row(cell('年度绩效指标', vmerge='restart'), cell('一级指标'), cell('二级指标'),
                    cell('三级指标'), cell('年度指标值'), cell('* 实际完成值'), cell('*分值'),
                    cell('*得分'), cell('偏差原因分析及改进措施')))
    for l1, l2, name, target, act, weight, score, dev in f['rows']:
        rows.append(row(cell('', vmerge='continue'),
                        cell(l1, vmerge='restart') if l1 else cell('', vmerge='continue'),
                        cell(l2, vmerge='restart') if l2 else cell('', vmerge='continue'),
                        cell(name), cell(target), cell(act), cell(weight), cell(score), cell(dev)))
    rows.append(row(cell('', vmerge='continue'), cell('总分', 5), cell(f['score'][0]),
                    cell(f['score'][1]), cell('—')))
    return table(rows, GRID_001 if borders else GRID_001_WIDE, borders)


def seed001(borders=True):
    body = []
    for i, f in enumerate(FORMS_001):
        if i:
            body.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
        body.append(para('项目支出绩效自评表', center=True))
        body.append(form_table_001(f, borders))
        body.append(para(''))
    xml = ''.join(body)
    if not borders:  # small print, as budget systems print, under a larger title
        xml = xml.replace('<w:r><w:t ', '<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t ')
        xml = xml.replace('<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t xml:space="preserve">项目支出绩效自评表',
                          '<w:r><w:rPr><w:b/><w:sz w:val="32"/></w:rPr><w:t xml:space="preserve">项目支出绩效自评表')
    return docx(xml, landscape=True, a3=not borders)


# ------------------------------------------ seed 003 表1: 部门整体共性指标自评表
# (level1, level2, 三级指标, 四级指标, 分值, 自评分, 指标说明); None = merged above.
COMMON_003 = [
    ('投入 (5分)', '目标设定 (2分)', '绩效目标合理性', '部门（单位）所设立的整体绩效目标依据是否充分，是否符合客观实际，用以反映和考核部门（单位）整体绩效目标与部门履职、年度工作任务的相符性情况。', '1', '1', '评价要点： ①是否符合国家法律法规、国民经济和社会发展总体规划； ②是否符合部门“三定”方案确定的职责； ③是否符合部门制定的年度工作规划。'),
    (None, None, '绩效指标明确性', '部门（单位）依据整体绩效目标所设定的绩效指标是否清晰、细化、可衡量，用以反映和考核部门（单位）整体绩效目标的明细化情况。', '1', '1', '评价要点： ①是否将部门整体的绩效目标细化分解为具体的工作任务； ②是否通过清晰、可衡量的指标值予以体现； ③是否与部门年度的任务数或计划数相对应； ④是否与本年度部门预算资金相匹配。'),
    (None, '预算配置 (3分)', '在职人员控制率', '部门（单位）本年度实际在职人员数与编制数的比率，用以反映和考核部门（单位）对人员成本的控制程度。', '1', '1', '在职人员控制率=（在职人员数/编制数）×100%； 在职人员数：部门（单位）实际在职人数，以财政部确定的部门决算编制口径为准； 编制数：机构编制部门核定批复的部门（单位）的人员编制数。'),
    (None, None, '“三公经费”变动率', '部门（单位）本年度“三公经费”预算数与上年度“三公经费”预算数的变动比率，用以反映和考核部门（单位）对控制重点行政成本的努力程度。', '2', '2', '“三公经费”变动率=[（本年度“三公经费”总额-上年度“三公经费”总额）/上年度“三公经费”总额]×100%。 “三公经费”：年度预算安排的因公出国（境）费、公务用车购置及运行费和公务招待费。'),
    ('过程 (25分)', '预算执行 (9分)', '公用经费控制率', '部门（单位）本年度实际支出的公用经费总额与预算安排的公用经费总额的比率，用以反映和考核部门（单位）对机构运转成本的实际控制程度。', '3', '3', '公用经费控制率=（实际支出公用经费总额/预算安排公用经费总额）×100%。'),
    (None, None, '“三公经费”控制率', '部门（单位）本年度“三公经费”实际支出数与预算安排数的比率，用以反映和考核部门（单位）对“三公经费”的实际控制程度。', '3', '3', '“三公经费”控制率=（“三公经费”实际支出数/“三公经费”预算安排数）×100%。'),
    (None, None, '政府采购执行率', '部门(单位)本年度实际政府采购金额与年初政府采购预算的比率,用以反映和考核部门(单位)政府采购预算执行情况。', '3', '3', '政府采购执行率=(实际政府采购金额/政府采购预算数)×100%; 政府采购预算:采购机关根据事业发展规划和行政任务编制的、并经过规定程序批准的年度政府采购计划。'),
    (None, '预算管理 (9分)', '管理制度健全性', '部门(单位)为加强预算管理、规范财务行为而制定的管理制度是否健全完整,用以反映和考核部门(单位)预算管理制度对完成主要职责或促进事业发展的保障情况。', '3', '3', '评价要点: ①是否已制定或具有预算资金管理办法、内部财务管理制度、会计核算制度等管理制度; ②相关管理制度是否得到有效执行。'),
    (None, None, '资金使用合规性', '部门(单位)使用预算资金是否符合相关的预算财务管理制度的规定,用以反映和考核部门(单位)预算资金的规范运行情况。', '4', '4', '评价要点: ①是否符合国家财经法规和财务管理制度规定以及有关专项资金管理办法的规定; ②资金的拨付是否有完整的审批程序和手续; ③项目的重大开支是否经过评估论证; ④是否符合部门预算批复的用途; ⑤是否存在截留、挤占、挪用、虚列支出等情况。'),
    (None, None, '预决算信息公开性', '部门(单位)是否按照政府信息公开有关规定公开相关预决算信息,用以反映和考核部门(单位)预决算管理的公开透明情况。', '2', '2', '评价要点: ①是否按规定内容公开预决算信息; ②是否按规定时限公开预决算信息。 预决算信息是指与部门预算、执行、决算、监督、绩效等管理相关的信息。'),
    (None, '资产管理 (7分)', '管理制度健全性', '部门(单位)为加强资产管理、规范资产管理行为而制定的管理制度是否健全完整,用以反映和考核部门(单位)资产管理制度对完成主要职责或促进社会发展的保障情况。', '2', '2', '评价要点: ①是否有资产管理制度; ②相关资产管理制度是否得到有效执行。'),
    (None, None, '资产管理安全性', '部门(单位)的资产是否保存完整、使用合规、配置合理、处置规范、收入及时足额上缴,用以反映和考核部门(单位)资产安全运行情况。', '4', '4', '评价要点:①资产保存是否完整;②资产配置是否合理;③资产处置是否规范;④资产账务管理是否合规,是否帐实相符;⑤资产是否有偿使用及处置收入及时足额上缴。'),
    (None, None, '固定资产利用率', '部门(单位)实际在用固定资产总额与所有固定资产总额的比率,用以反映和考核部门(单位)固定资产使用效率程度。', '1', '1', '固定资产利用率=(实际在用固定资产总额/所有固定资产总额)×100%。'),
]
GRID_003 = [900, 1100, 1400, 3600, 600, 700, 700, 3800]


def seed003_common():
    rows = [row(cell('一级指标'), cell('二级指标'), cell('三级指标'), cell('四级指标'), cell('分值'),
                cell('自评分'), cell('复核得分'), cell('指标说明'))]
    # the header row repeats on every page (w:tblHeader)
    rows[0] = rows[0].replace('<w:tr>', '<w:tr><w:trPr><w:tblHeader/></w:trPr>', 1)
    for l1, l2, name, detail, weight, score, note in COMMON_003:
        rows.append(row(cell(l1, vmerge='restart') if l1 else cell('', vmerge='continue'),
                        cell(l2, vmerge='restart') if l2 else cell('', vmerge='continue'),
                        cell(name), cell(detail), cell(weight), cell(score), cell(''), cell(note)))
    rows.append(row(cell('合计', 4), cell('30'), cell('30'), cell(''), cell('')))
    body = [para('广水市部门整体支出绩效评价共性指标自评表（表1）', center=True),
            para('单位（公章）：市工商联'), para('自评总分：'), para('单位领导审签：李建红'),
            table(rows, GRID_003),
            para('共性指标自评分: 30'), para('填报人: 雷鸣'), para('填报时间:')]
    return docx(''.join(body), landscape=True)


# ------------------------------------------ seed 003 表2: 部门整体支出绩效目标自评表
# Level cells as printed (weights in them); each level-2 has its 评价标准.
CRIT_003 = '1、提供三级指标%s的佐证资料；\n2、三级指标分值按三级指标个数平均确定（%s分÷三级指标个数），四舍五入保留整数。'
LEVELS_003 = [('产出 指标 %s分', [('数量指 标 %s分', '完成程度'), ('质量指 标 %s分', '完成质量'),
                                 ('时效指 标 %s分', '完成时效'), ('成本指 标 %s分', '完成成本')]),
              ('效益 指标 %s分', [('经济效 益 %s分', '实现经济效益'), ('社会效 益 %s分', '实现社会效益'),
                                 ('生态效 益 %s分', '实现生态效益'), ('可持续 影响 %s分', '可持续影响')]),
              ('服务 满意 度 %s分', [('服务对 象满意 度 %s分', '满意度')])]
NOTES_003 = ['说明：1、指标名称、年初指标值按照绩效目标申报表填写，不得漏项；',
             '2、指标名称分值确定，按指标名称个数平均保留整数，不能保留整数的可自行调整为整数，但各指标名称合计分值不得大于所属二级指标分；',
             '3、对定量指标值按实际完成的比例计分值（该项指标名称分值×实际完成的百分比）；',
             '4、对定性指标值计分原则，分为三档：达到预期，部分达到预期有一定效果，未达预期效益差；对应分值区间：100%—81%、80%—51%、50%—0%。',
             '5、年度目标取值：分别对每个“年度目标”进行评价计分，然后再平均计算。例：某部门有三个“年度目标”，目标1自评68分，目标2自评63分，目标3自评59分，该部门年度目标得分为：(68+63+59)÷3=63.3分，四舍五入计63分。']
# Per goal: level-1 weights, level-2 weights, rows per level-2
# (name, 年初指标值, 年终完成值, 自评分); [] = the level-2 left blank.
GOALS_003 = [
    dict(goal='年度目标 1： 组织非公经济代表人士到井冈山接受红色革命教育', l1=(30, 30, 10),
         l2=(10, 7, 6, 7, 8, 8, 8, 6, 10), rows=[[]] * 9, total=('70', '70', '')),
    dict(goal='年度目标2：撰写促进广水民营企业发展专题调研报告2篇', l1=(30, 30, 10),
         l2=(10, 7, 6, 7, 8, 8, 8, 6, 10),
         rows=[[('权益维护', '2篇', '2篇', '10')],
               [('权益维护', '向市政府递交企业家发展专题调研报告', '2篇', '7')],
               [('完成时间', '12月底', '12月底', '6')],
               [('所需费用', '2万', '2万', '7')],
               [('', '', '', '8')],
               [('权益维护', '解决企业实际困难', '为企业排忧解难', '7')],
               [('', '', '', '8')],
               [('权益维护', '长期', '构建“亲”“清”政商关系', '5')],
               [('权益维护', '98%', '构建“亲”“清”政商关系', '10')]],
         total=('70', '70', '68')),
    dict(goal='年度目标 3： 举办一期非公有制代表人士培训班', l1=(30, 30, 10),
         l2=(10, 7, 6, 7, 8, 8, 8, 6, 10),
         rows=[[('培训人数', '50 人', '大力弘扬企业家爱国主义教育', '')],
               [('培训结业率', '100%', '100%', '')],
               [('完成时间', '12 月 底', '', '')],
               [('所需费用', '1 万', '1 万', '')],
               [],
               [('促进企业家”两个健康”发展', '长期', '大力弘扬企业家爱国主义教育', '')],
               [],
               [('促进企业家”两个健康”发展', '长期', '大力弘扬企业家爱国主义教育', '')],
               [('学员满意度', '100%', '100%', '')]],
         total=('70', '70', '')),
]
GRID_003_GOAL = [700, 900, 1100, 1900, 1500, 1600, 700, 700, 4400]


def goal_table_003(g, part='项目\n绩效\n%s分'):
    """The indicator table of a 年度目标: a blank-headed column with the
    part's weight, level cells with weights, 评价标准 per level-2."""
    rows = []
    if g.get('goal'):
        rows.append(row(cell(g['goal'], 9)))
    rows.append(row(cell(''), cell('一级指标'), cell('二级指标'), cell('指标名称\n(三级指标)'),
                    cell('年初\n指标值'), cell('年终\n完成值'), cell('自评分'), cell('复核分'),
                    cell('评价标准')))
    k = 0
    first = True
    for (l1, subs), w1 in zip(LEVELS_003, g['l1']):
        l1_first = True
        for l2, what in subs:
            w2 = g['l2'][k]
            lines = g['rows'][k] or [('', '', '', '')]
            for j, (name, target, actual, score) in enumerate(lines):
                rows.append(row(
                    cell(part % g['total'][0], vmerge='restart') if first else cell('', vmerge='continue'),
                    cell(l1 % w1, vmerge='restart') if l1_first else cell('', vmerge='continue'),
                    cell(l2 % w2, vmerge='restart') if j == 0 else cell('', vmerge='continue'),
                    cell(name), cell(target), cell(actual), cell(score), cell(''),
                    cell(paras=(CRIT_003 % (what, w2)).split('\n'), vmerge='restart') if j == 0
                    else cell('', vmerge='continue')))
                first = l1_first = False
            k += 1
    rows.append(row(cell('合计'), cell(g['total'][0]), cell(g['total'][1]), cell(''), cell(''), cell(''),
                    cell(g['total'][2]), cell(''), cell('')))
    return table(rows, GRID_003_GOAL)


# ------------------------------------------ seed 003 end: 财政预算支出项目绩效目标自评表
PROJECT_003 = dict(
    l1=(40, 35, 10), l2=(15, 12, 6, 7, 10, 10, 10, 5, 10),
    rows=[[('受理企业投诉', '18件', '18件', '15')],
          [('受理投诉结案率', '99%', '99%', '12')],
          [('受理时效', '15天', '15天', '6')],
          [('受理企业诉求', '0.5万', '0.5万', '7')],
          [('', '', '', '0')],
          [('有效的防止了企业上访问题', '99%', '99%', '10')],
          [('', '', '', '0')],
          [('企业诉求、权益维护', '100%', '100%', '5')],
          [('企业诉求、权益维护', '99%', '99%', '10')]],
    total=('85', '85', '65'))
GRID_003_PROJECT = [1500, 1700, 1700, 1700, 1700, 1700, 1700, 2300]
DECISION_003 = [
    ('项目决策 2分', '决策依据', '2', '2', '有项目年度工作计划或有上级文件或审批报告计2分，没有不得分。'),
    ('项目管理 13分', '财务制度', '3', '3', '1、单位财务管理制度1分；\n2、项目管理制度1分；\n3、有制度执行佐证资料1分。没有不得分。'),
    (None, '组织机构', '2', '2', '有明确的绩效管理机构或专人负责2分。没有不得分'),
    (None, '运行监管', '4', '4', '1、运行监管记录3分；\n2、填报《项目支出绩效监控表》1分。没有不得分。'),
    (None, '目标申报', '4', '4', '1、项目绩效目标全申报的1分，缺一项扣0.5分，扣完为止；\n2、绩效目标规范1分，不规范扣0.5分；\n3、按时申报绩效目标计2分，逾期扣1分。'),
]


def project_table_003(attribute='1、常年性 ☑  2、延续性 □  3、一次性 □  4、新增性 □'):
    rows = [row(cell('项目名称'), cell('商会建设', 2), cell('项目实施单位', 2), cell('广水市工商联', 3)),
            row(cell('项目主管单位'), cell('', 2), cell('项目负责人', 2), cell('', 3)),
            row(cell('项目属性'), cell(attribute, 7)),
            row(cell('项目资金来源', vmerge='restart'), cell('中央\n(万元)'), cell('省、地\n(万元)'),
                cell('本级\n(万元)'), cell('其他\n(万元)'), cell('合计\n(万元)'), cell('执行数\n(万元)'),
                cell('执行率')),
            row(cell('', vmerge='continue'), cell(''), cell(''), cell('13.5'), cell(''), cell(''), cell(''),
                cell('')),
            row(cell('项目年度目标'), cell(paras=['1.', '2.', '3.'], span=7)),
            row(cell('项目权重'), cell('评价内容'), cell('分值'), cell('自评分'), cell('复核分'),
                cell('评价标准及依据', 3))]
    for l1, name, weight, score, crit in DECISION_003:
        rows.append(row(cell(l1, vmerge='restart') if l1 else cell('', vmerge='continue'),
                        cell(name), cell(weight), cell(score), cell(''),
                        cell(paras=crit.split('\n'), span=3)))
    return table(rows, GRID_003_PROJECT)


def seed003_goals():
    body = []
    for i, g in enumerate(GOALS_003):
        if i:
            body.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
        body.append(para('广水市部门整体支出绩效目标自评表（表2）', center=True))
        body.append(goal_table_003(g))
        body.extend(para(n) for n in NOTES_003)
    body.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
    body += [para('广水市财政预算支出项目绩效目标自评表', center=True), para('填报日期：2022年6月2日'),
             para('自评总分：80'), para('单位领导审签：'), project_table_003(),
             para('项目年度目标 1：商会建设'), goal_table_003(PROJECT_003)]
    body.extend(para(n) for n in NOTES_003[:4])
    body.append(para('5、项目有多个“年度目标”的，分别对每个“年度目标”进行评价计分，然后再平均计算。'))
    for goal in ('组织非公有制企业到井冈山接受红色革命教育', '举办一期非公有制代表人士培训班'):
        body += [para('情况说明', center=True), para('绩效科：'),
                 para('广水市工商联 2021 年整体绩效年度目标：%s，因疫情情况无法开展。' % goal),
                 para('特此说明'), para('广水市工商联')]
    return docx(''.join(body), landscape=True)


# ------------------------------------------ the 2021 template: 成本指标 as level 1
# 成本指标 is a first-level indicator with 经济成本指标 / 社会成本指标 /
# 生态环境成本指标 under it (the 2021 revision of the 项目支出绩效自评表).
FORM_2021 = dict(
    name='非公有制经济人士培训经费', dept='广水市工商联', unit='广水市工商联', lead='刘敏',
    phone='0722-6812345', total=('12', '11.8', '11.2', '10', '94.92%', '9.5'),
    fiscal=('12', '11.8', '11.2', '—', '94.92%', '—'),
    goal=('举办非公有制经济人士政策培训，提升参训人员政策知晓度。', '全年举办培训4期，参训236人次。'),
    rows=[('产出指标', '数量指标', '培训人次', '≥200人次', '236人次', '10', '10', ''),
          (None, '质量指标', '培训合格率', '≥95%', '98%', '10', '10', ''),
          (None, '时效指标', '培训完成时间', '2021年10月底前', '2021年9月', '10', '10', ''),
          ('成本指标', '经济成本\n指标', '人均培训成本', '≤500元/人', '468元/人', '10', '10', ''),
          (None, '社会成本\n指标', '对参训企业正常经营的影响', '无明显影响', '无明显影响', '5', '5', ''),
          (None, '生态环境成本指标', '培训产生的废弃物', '按规定处置', '按规定处置', '5', '5', ''),
          ('效益指标', '社会效益\n指标', '参训人员政策知晓率提升', '≥20%', '23%', '15', '14', '个别企业未参加后续跟踪'),
          (None, '可持续影响指标', '培训成果持续应用', '三年', '三年', '10', '9', ''),
          ('满意度\n指标', '服务对象满意度指标', '参训人员满意度', '≥90%', '96.5%', '15', '14', '')],
    score=('100', '96.5'))


def template_2021():
    return docx(para('项目支出绩效自评表', center=True) + para('（ 2021年度）', center=True) +
                form_table(FORM_2021))

# ---------------------------------------------------------------- documents
def seed000(page_breaks=True):
    body = [para('附件1-1')]
    for i, f in enumerate(FORMS):
        if i and page_breaks:
            body.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
        body.append(para('项目支出绩效自评表', center=True))
        body.append(para('（ 2023年度）', center=True))
        body.append(form_table(f))
        body.append(para(''))
    return docx(''.join(body))


def variants():
    """Form 3 (聘用人员工资) as an editor leaves it: tracked changes, a field
    code, hidden text, a content control, the form nested in a layout table."""
    f = dict(FORMS[2])
    xml = form_table(f)
    # a tracked change: 12 was deleted and 14 inserted in 年初预算数
    xml = xml.replace('<w:t xml:space="preserve">14</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:w="0" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr><w:p><w:r><w:t xml:space="preserve">10.55</w:t>',
                      '<w:t xml:space="preserve"></w:t></w:r><w:del w:id="1" w:author="a" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>12</w:delText></w:r></w:del><w:ins w:id="2" w:author="a" w:date="2024-01-01T00:00:00Z"><w:r><w:t>14</w:t></w:r></w:ins></w:p></w:tc><w:tc><w:tcPr><w:tcW w:w="0" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr><w:p><w:r><w:t xml:space="preserve">10.55</w:t>', 1)
    # the project lead comes from a mail-merge field: instruction, then result
    xml = xml.replace('<w:r><w:t xml:space="preserve">马瑞苹</w:t></w:r>',
                      '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> MERGEFIELD 项目负责人 </w:instrText></w:r>'
                      '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>马瑞苹</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>', 1)
    # hidden text inside an indicator name
    xml = xml.replace('<w:t xml:space="preserve"> 指标1：人员工资发放率</w:t></w:r>',
                      '<w:t xml:space="preserve"> 指标1：人员工资发放率</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>（草稿）</w:t></w:r>', 1)
    # the project name inside a content control
    xml = xml.replace('<w:p><w:r><w:t xml:space="preserve">聘用人员工资</w:t></w:r></w:p>',
                      '<w:sdt><w:sdtPr><w:alias w:val="项目名称"/></w:sdtPr><w:sdtContent><w:p><w:r><w:t xml:space="preserve">聘用人员工资</w:t></w:r></w:p></w:sdtContent></w:sdt>', 1)
    assert xml.count('w:del ') == 1 and 'instrText' in xml and 'vanish' in xml and 'sdtContent' in xml
    layout = ('<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="9500"/></w:tblGrid>'
              '<w:tr><w:tc><w:tcPr><w:tcW w:w="9500" w:type="dxa"/></w:tcPr>%s%s%s<w:p/></w:tc></w:tr></w:tbl>') % (
                  para('项目支出绩效自评表', center=True), para('（ 2023年度）', center=True), xml)
    return docx(layout)


def garbled_pdf():
    cmap = ('/CIDInit /ProcSet findresource begin 12 dict begin begincmap '
            '/CMapName /Garbled def 1 begincodespacerange <00> <FF> endcodespacerange '
            '1 beginbfrange <41> <5A> <E000> endbfrange endcmap CMapName currentdict '
            '/CMap defineresource pop end end')
    lines = ''.join('BT /F1 12 Tf 50 %d Td (ABCDEFG HIJ KLMN) Tj ET\n' % (780 - 20 * i) for i in range(30))
    objs = ['<< /Type /Catalog /Pages 2 0 R >>',
            '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
            '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R '
            '/Resources << /Font << /F1 5 0 R >> >> >>',
            '<< /Length %d >>\nstream\n%sendstream' % (len(lines), lines),
            '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>',
            '<< /Length %d >>\nstream\n%s\nendstream' % (len(cmap) + 1, cmap)]
    out = b'%PDF-1.4\n'
    offsets = []
    for i, o in enumerate(objs):
        offsets.append(len(out))
        out += ('%d 0 obj\n%s\nendobj\n' % (i + 1, o)).encode('ascii')
    xref = len(out)
    out += ('xref\n0 %d\n0000000000 65535 f \n' % (len(objs) + 1)).encode('ascii')
    for off in offsets:
        out += ('%010d 00000 n \n' % off).encode('ascii')
    out += ('trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objs) + 1, xref)).encode('ascii')
    return out


def bad_inputs():
    d = 'tests/data'
    write(d + '/empty.docx', b'')
    write(d + '/not-a-docx.zip', zip_bytes([('readme.txt', 'hello')]))
    whole = seed000()
    write(d + '/truncated.docx', whole[:len(whole) // 2])
    write(d + '/no-tables.docx', docx(para('2023年度部门决算说明') + para('本年收入合计1069.44万元。')))
    write(d + '/bad-xml.docx', zip_bytes([('[Content_Types].xml', CONTENT_TYPES),
                                           ('word/document.xml', '<w:document xmlns:w="%s"><w:body><w:p>' % W)]))
    write(d + '/random.bin', bytes((i * 73 + 41) % 256 for i in range(4096)))
    # a PDF whose text layer maps every glyph to private-use code points, as
    # fonts without a usable Unicode map come out: TEXT_GARBLED
    write(d + '/garbled.pdf', garbled_pdf())
    # forms with faults the checks must flag: 聘用人员工资 with a score raised
    # (scores no longer add up to 91), a score over its weight, a level name
    # outside the vocabulary and a hedged target; 法律顾问服务经费 with a
    # 执行率 that disagrees with its amounts (27500 / 27500 is not 95)
    f = dict(FORMS[2])
    rows = list(f['rows'])
    rows[0] = (rows[0][0], rows[0][1], rows[0][2], '约1人', rows[0][4], rows[0][5], rows[0][6], rows[0][7])
    rows[1] = (rows[1][0], rows[1][1], rows[1][2], rows[1][3], rows[1][4], '10', '12', rows[1][7])
    rows[5] = ('效益成果', rows[5][1], rows[5][2], rows[5][3], rows[5][4], rows[5][5], rows[5][6], rows[5][7])
    f['rows'] = rows
    g = dict(FORMS_001[2])
    g['total'] = ('30000.00', '27500.00', '27500.00', '10', '95', '10')
    # a 年度目标 whose 质量指标 score (9) exceeds the level's 7分, and whose
    # level-2 weights under 产出指标 (10+7+6+12) exceed its 30分
    goal = dict(GOALS_003[1])
    goal['l2'] = (10, 7, 6, 12, 8, 8, 8, 6, 10)
    goal['rows'] = list(goal['rows'])
    goal['rows'][1] = [('权益维护', '向市政府递交企业家发展专题调研报告', '2篇', '9')]
    body = (para('项目支出绩效自评表', center=True) + para('（ 2023年度）', center=True) +
            form_table(f) + para('') + para('项目支出绩效自评表', center=True) + form_table_001(g) +
            para('广水市部门整体支出绩效目标自评表（表2）', center=True) + goal_table_003(goal) +
            # boxes before their options, the second one checked
            para('广水市财政预算支出项目绩效目标自评表', center=True) +
            project_table_003('□ 常年性  ☒ 延续性  □ 一次性  □ 新增性'))
    write(d + '/checks.docx', docx(body))
    # a ZIP bomb: document.xml inflates to 300 MB of spaces
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr(zipfile.ZipInfo('[Content_Types].xml', date_time=(2024, 1, 1, 0, 0, 0)), CONTENT_TYPES)
        info = zipfile.ZipInfo('word/document.xml', date_time=(2024, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        with z.open(info, 'w', force_zip64=True) as f:
            chunk = b' ' * (1 << 20)
            for _ in range(300):
                f.write(chunk)
    write(d + '/zip-bomb.docx', buf.getvalue())
    # document.xml nested 100 000 levels deep
    deep = '<w:tbl><w:tr><w:tc>' * 33000 + '<w:p/>' + '</w:tc></w:tr></w:tbl>' * 33000
    write(d + '/deep.docx', zip_bytes([('[Content_Types].xml', CONTENT_TYPES),
                                        ('word/document.xml', document(deep))]))


if __name__ == '__main__':
    write('corpus/docx/000-tongzhou-5forms.docx', seed000())
    write('corpus/docx/000-form3-edited.docx', variants())
    write('corpus/docx/001-longgang-3forms.docx', seed001())
    write('corpus/docx/003-guangshui-common.docx', seed003_common())
    write('corpus/docx/003-guangshui-goals.docx', seed003_goals())
    write('corpus/docx/2021-template-cost.docx', template_2021())
    # the source of the unruled, system-style PDF (scripts/make-corpus-pdf.sh)
    write('build/corpus-src/unruled/001-longgang-3forms.docx', seed001(borders=False))
    # forms one after another: several on a page, tables cut anywhere
    write('build/corpus-src/flow/000-tongzhou-5forms.docx', seed000(page_breaks=False))
    bad_inputs()
