/* The prose stage (normalize/prose.c) and facts (rules/facts.c,
 * rules/fact_check.c): tests/facts.cases as data, paragraphs joined across
 * wraps and pages with page numbers and running headers left out, the
 * cross-checks that put a fact under 0.9, and a 自评报告 with a funds table
 * in its text through the whole pipeline. */
#include <string.h>

#include "cli/eval.h"
#include "normalize/prose.h"
#include "pipeline/pipeline.h"
#include "rules/fact_check.h"
#include "rules/facts.h"
#include "tests/harness.h"

#define HAS(flags, f) (((flags) & JX_FLAG_BIT(JX_FLAG_##f)) != 0)

static JxRuleset *rules(void)
{
    JxRuleset *rs = jx_pipeline_rules(NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rs);
    return rs;
}

/* The facts of paragraphs (one a line of text) of a document without pages. */
static GPtrArray *facts_of(const JxRuleset *rs, const char *text)
{
    JxDoc *doc = jx_doc_new("docx");
    char **paras = g_strsplit(text, "\n", -1);
    for (int i = 0; paras[i]; i++)
        jx_doc_add_paragraph(doc, paras[i], 0);
    g_strfreev(paras);
    GPtrArray *prose = jx_prose_read(doc, rs);
    GPtrArray *facts = g_ptr_array_new_with_free_func((GDestroyNotify)jx_fact_free);
    jx_facts_read(prose, rs, facts);
    jx_facts_check(facts, rs);
    g_ptr_array_unref(prose);
    jx_doc_free(doc);
    return facts;
}

static void add_num(GString *s, const char *name, JxNum n)
{
    if (n.set)
        g_string_append_printf(s, " %s=%.12g", name, n.v);
}

/* facts as a .cases line writes them */
static char *format_facts(const GPtrArray *facts)
{
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < facts->len; i++) {
        const JxFact *f = g_ptr_array_index(facts, i);
        if (i)
            g_string_append(s, " | ");
        g_string_append_printf(s, "%s=", f->subject ? f->subject : "null");
        if (f->value.set)
            g_string_append_printf(s, "%.12g %s", f->value.v, f->unit ? f->unit : "null");
        else
            g_string_append(s, "null");
        add_num(s, "share", f->share_pct);
        add_num(s, "chg", f->change);
        add_num(s, "pct", f->change_pct);
        if (f->compared_to)
            g_string_append_printf(s, " cmp=%s", f->compared_to);
    }
    return g_string_free(s, FALSE);
}

static void fact_case(char **f, int n, int line, void *user)
{
    const JxRuleset *rs = user;
    if (n != 1 && n != 2) {
        JX_FAIL_MSG("facts.cases:%d: expected 2 fields, got %d", line, n);
        return;
    }
    GPtrArray *facts = facts_of(rs, f[0]);
    char *got = format_facts(facts);
    const char *want = n == 2 ? f[1] : "";
    if (strcmp(got, want) != 0)
        JX_FAIL_MSG("facts.cases:%d: %s\n      got      %s\n      expected %s", line, f[0], got, want);
    g_free(got);
    g_ptr_array_unref(facts);
}

static void test_fact_cases(void)
{
    JxRuleset *rs = rules();
    int n = jx_test_cases("tests/facts.cases", fact_case, rs);
    CU_ASSERT(n >= 20);
    jx_ruleset_free(rs);
}

/* Each fact keeps its sentence; a fact in the vocabulary is sure, one
 * whose subject is as printed is under 0.9. */
static void test_sentence_and_confidence(void)
{
    JxRuleset *rs = rules();
    GPtrArray *facts = facts_of(rs, "政府采购支出总额12.08万元，其中：政府采购货物支出1.02万元。授予中小企业合同金额12.08万元。");
    CU_ASSERT_EQUAL_FATAL(facts->len, 3);
    const JxFact *a = g_ptr_array_index(facts, 0), *b = g_ptr_array_index(facts, 2);
    CU_ASSERT_STRING_EQUAL(a->sentence, "政府采购支出总额12.08万元，其中：政府采购货物支出1.02万元。");
    CU_ASSERT_STRING_EQUAL(b->sentence, "授予中小企业合同金额12.08万元。");
    CU_ASSERT_EQUAL(a->flags, 0);
    CU_ASSERT_DOUBLE_EQUAL(a->confidence, 1.0, 1e-9);
    CU_ASSERT_TRUE(HAS(b->flags, SUBJECT_UNLISTED));
    CU_ASSERT_TRUE(b->confidence < 0.9);
    g_ptr_array_unref(facts);
    jx_ruleset_free(rs);
}

/* Parts that do not add up to their total flag the total and every part,
 * and put them under 0.9; parts that do flag nothing. */
static void test_sum_check(void)
{
    JxRuleset *rs = rules();
    GPtrArray *bad = facts_of(rs, "本年收入合计100万元，其中：财政拨款收入60万元，其他收入30万元。基本支出10万元。");
    CU_ASSERT_EQUAL_FATAL(bad->len, 4);
    for (guint i = 0; i < 3; i++) {
        const JxFact *f = g_ptr_array_index(bad, i);
        CU_ASSERT_TRUE(HAS(f->flags, FACT_SUM_MISMATCH));
        CU_ASSERT_TRUE(f->confidence < 0.9);
    }
    CU_ASSERT_FALSE(HAS(((JxFact *)g_ptr_array_index(bad, 3))->flags, FACT_SUM_MISMATCH));
    GPtrArray *good = facts_of(rs, "本年收入合计100万元，其中：财政拨款收入70万元，其他收入30万元。");
    for (guint i = 0; i < good->len; i++)
        CU_ASSERT_EQUAL(((JxFact *)g_ptr_array_index(good, i))->flags, 0);
    /* 三公经费 and its parts in the paragraphs under it */
    GPtrArray *three = facts_of(rs, "2023年度“三公”经费财政拨款决算数5万元。\n1.因公出国（境）费用。2023年度决算数0万元。\n"
                                    "2.公务接待费。2023年度决算数2万元。\n3.公务用车购置及运行维护费。2023年度决算数2万元。");
    CU_ASSERT_EQUAL_FATAL(three->len, 4);
    CU_ASSERT_TRUE(HAS(((JxFact *)g_ptr_array_index(three, 0))->flags, FACT_SUM_MISMATCH));
    CU_ASSERT_TRUE(HAS(((JxFact *)g_ptr_array_index(three, 2))->flags, FACT_SUM_MISMATCH));
    g_ptr_array_unref(three);
    g_ptr_array_unref(good);
    g_ptr_array_unref(bad);
    jx_ruleset_free(rs);
}

/* A stated change against the two amounts and against its percent. */
static void test_change_check(void)
{
    JxRuleset *rs = rules();
    GPtrArray *ok = facts_of(rs, "公务接待费决算数0.04万元，比年初预算数0.31万元减少0.27万元。");
    CU_ASSERT_EQUAL_FATAL(ok->len, 2);
    CU_ASSERT_FALSE(HAS(((JxFact *)g_ptr_array_index(ok, 0))->flags, FACT_CHANGE_MISMATCH));
    GPtrArray *bad = facts_of(rs, "公务接待费决算数0.04万元，比年初预算数0.31万元减少0.17万元。");
    CU_ASSERT_EQUAL_FATAL(bad->len, 2);
    for (guint i = 0; i < 2; i++) {
        const JxFact *f = g_ptr_array_index(bad, i);
        CU_ASSERT_TRUE(HAS(f->flags, FACT_CHANGE_MISMATCH));
        CU_ASSERT_TRUE(f->confidence < 0.9);
    }
    GPtrArray *pct = facts_of(rs, "本年支出合计110万元，比上年增加10万元，增长25%。");
    CU_ASSERT_EQUAL_FATAL(pct->len, 1);
    CU_ASSERT_TRUE(HAS(((JxFact *)g_ptr_array_index(pct, 0))->flags, FACT_CHANGE_MISMATCH));
    GPtrArray *pct_ok = facts_of(rs, "本年支出合计110万元，比上年增加10万元，增长10%。");
    CU_ASSERT_EQUAL(((JxFact *)g_ptr_array_index(pct_ok, 0))->flags, 0);
    g_ptr_array_unref(pct_ok);
    g_ptr_array_unref(pct);
    g_ptr_array_unref(bad);
    g_ptr_array_unref(ok);
    jx_ruleset_free(rs);
}

/* A paged document: lines wrapped in a block and across a page break are
 * joined; a numbered line opens a paragraph; page numbers and a running
 * header on every page are left out. */
static void test_prose_joins(void)
{
    JxRuleset *rs = rules();
    JxDoc *doc = jx_doc_new("pdf");
    doc->pages = 3;
    jx_doc_add_paragraph(doc, "西城区工商业联合会2023年度部门决算\n（一）收入决算说明\n"
                              "2023年度本年收入合计1069.44万元，比上年增加6.93万元，增长0.6%，其中：财政拨款收入1069.44\n"
                              "万元，占收入合计的100%；上级补助收入0万元，占收入合计的0%；事业收入0万元，占收入合",
                         1);
    jx_doc_add_paragraph(doc, "- 1 -", 1);
    jx_doc_add_paragraph(doc, "西城区工商业联合会2023年度部门决算", 2);
    jx_doc_add_paragraph(doc, "计的0%。\n1、一般公共服务（类）行政运行（项）。", 2);
    jx_doc_add_paragraph(doc, "2", 2);
    jx_doc_add_paragraph(doc, "西城区工商业联合会2023年度部门决算\n2023年度决算585.38万元。", 3);
    GPtrArray *p = jx_prose_read(doc, rs);
    CU_ASSERT_EQUAL_FATAL(p->len, 4);
    const JxProse *body = g_ptr_array_index(p, 1);
    CU_ASSERT_STRING_EQUAL(((JxProse *)g_ptr_array_index(p, 0))->text, "（一）收入决算说明");
    CU_ASSERT_TRUE(g_str_has_prefix(body->text, "2023年度本年收入合计"));
    CU_ASSERT_TRUE(g_str_has_suffix(body->text, "事业收入0万元，占收入合计的0%。"));
    CU_ASSERT_PTR_NOT_NULL(strstr(body->text, "财政拨款收入1069.44万元，占收入合计的100%"));
    CU_ASSERT_EQUAL(body->page, 1);
    CU_ASSERT_STRING_EQUAL(((JxProse *)g_ptr_array_index(p, 2))->text, "1、一般公共服务（类）行政运行（项）。");
    CU_ASSERT_STRING_EQUAL(((JxProse *)g_ptr_array_index(p, 3))->text, "2023年度决算585.38万元。");
    CU_ASSERT_EQUAL(((JxProse *)g_ptr_array_index(p, 3))->page, 3);
    g_ptr_array_unref(p);
    jx_doc_free(doc);
    jx_ruleset_free(rs);
}

static void test_sentences(void)
{
    GPtrArray *s = jx_prose_sentences("预算调整。主要原因：“人员变动。”本年度未安排！无？尾句");
    CU_ASSERT_EQUAL_FATAL(s->len, 5);
    CU_ASSERT_STRING_EQUAL(g_ptr_array_index(s, 0), "预算调整。");
    CU_ASSERT_STRING_EQUAL(g_ptr_array_index(s, 1), "主要原因：“人员变动。”");
    CU_ASSERT_STRING_EQUAL(g_ptr_array_index(s, 4), "尾句");
    g_ptr_array_unref(s);
}

/* A 项目绩效自评报告 is an eval_report: a funds table in its text is no
 * form, its prose gives facts; a document of forms gives none. */
static void test_report_kind(void)
{
    JxRuleset *rs = rules();
    const char *html =
        "<html><head><meta charset=\"utf-8\"></head><body><h1>2023年度乡村振兴项目绩效自评报告</h1>"
        "<p>一、项目基本情况</p><p>全年培训农民350人次，比上年增加50人次。</p><table border=\"1\">"
        "<tr><td>项目资金（万元）</td><td>年初预算数</td><td>全年预算数</td><td>全年执行数</td><td>分值</td>"
        "<td>执行率</td><td>得分</td></tr><tr><td>年度资金总额</td><td>120</td><td>120</td><td>115.5</td>"
        "<td>10</td><td>96.25%</td><td>9.6</td></tr></table></body></html>";
    JxDocRecords *d = jx_pipeline_data("r.html", (const guint8 *)html, strlen(html), rs);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d->result);
    CU_ASSERT_STRING_EQUAL(d->result->kind, "eval_report");
    CU_ASSERT_EQUAL(d->result->year, 2023);
    CU_ASSERT_EQUAL(d->result->forms->len, 0);
    CU_ASSERT_EQUAL_FATAL(d->result->facts->len, 1);
    const JxFact *f = g_ptr_array_index(d->result->facts, 0);
    CU_ASSERT_STRING_EQUAL(f->subject, "全年培训农民");
    CU_ASSERT_DOUBLE_EQUAL(f->value.v, 350, 1e-9);
    CU_ASSERT_STRING_EQUAL(f->unit, "人次");
    CU_ASSERT_DOUBLE_EQUAL(f->change.v, 50, 1e-9);
    CU_ASSERT_STRING_EQUAL(f->compared_to, "上年");
    jx_doc_records_free(d);
    jx_ruleset_free(rs);
}

/* eval pairs facts by value, then subject, whatever their order: a wrong
 * subject at confidence 1 is a confident error, a missed fact misses every
 * field it has. */
static void test_eval_facts(void)
{
    const char *gold =
        "{\"type\":\"document\",\"format\":\"docx\",\"kind\":\"final_accounts\"}\n"
        "{\"type\":\"fact\",\"subject\":\"基本支出\",\"value\":8712700,\"unit\":\"元\",\"share_pct\":81.46}\n"
        "{\"type\":\"fact\",\"subject\":\"项目支出\",\"value\":1981700,\"unit\":\"元\",\"share_pct\":18.53}\n"
        "{\"type\":\"fact\",\"subject\":\"经营支出\",\"value\":0,\"unit\":\"元\"}\n";
    const char *out =
        "{\"type\":\"document\",\"format\":\"docx\",\"kind\":\"final_accounts\"}\n"
        "{\"type\":\"fact\",\"subject\":\"项目\",\"value\":1981700,\"unit\":\"元\",\"share_pct\":18.53,"
        "\"confidence\":1,\"flags\":[]}\n"
        "{\"type\":\"fact\",\"subject\":\"基本支出\",\"value\":8712700,\"unit\":\"元\",\"share_pct\":81.46,"
        "\"confidence\":1,\"flags\":[]}\n";
    JxEval *e = jx_eval_new();
    CU_ASSERT_TRUE_FATAL(jx_eval_add(e, gold, out, NULL));
    JxScore *subject = g_hash_table_lookup(e->fields, "fact.subject");
    JxScore *value = g_hash_table_lookup(e->fields, "fact.value");
    JxScore *kind = g_hash_table_lookup(e->kinds, "final_accounts");
    CU_ASSERT_PTR_NOT_NULL_FATAL(subject);
    CU_ASSERT_PTR_NOT_NULL_FATAL(kind);
    CU_ASSERT_EQUAL(subject->tp, 1);
    CU_ASSERT_EQUAL(subject->fp, 1);
    CU_ASSERT_EQUAL(subject->fn, 2);
    CU_ASSERT_EQUAL(subject->confident, 1);
    CU_ASSERT_EQUAL(value->tp, 2);
    CU_ASSERT_EQUAL(value->fn, 1);
    CU_ASSERT_EQUAL(kind->confident, 1);
    jx_eval_free(e);
}

void jx_add_facts_tests(void)
{
    CU_pSuite s = CU_add_suite("facts", NULL, NULL);
    CU_add_test(s, "facts.cases", test_fact_cases);
    CU_add_test(s, "sentence and confidence", test_sentence_and_confidence);
    CU_add_test(s, "parts against their total", test_sum_check);
    CU_add_test(s, "a change against its amounts and percent", test_change_check);
    CU_add_test(s, "prose joined across wraps and pages", test_prose_joins);
    CU_add_test(s, "sentences", test_sentences);
    CU_add_test(s, "a report's kind, forms and facts", test_report_kind);
    CU_add_test(s, "eval pairs facts by value, then subject", test_eval_facts);
}
