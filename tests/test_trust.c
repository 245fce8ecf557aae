/* Trust: the confident error count of the scorer (cli/eval.h) and its
 * baseline gate; rows cut by a page break that must not be glued to the
 * next (extract/pdf/crosspage.h), and the sum check that flags a glued
 * number (rules/check.h); level-1 names as a form family spells them
 * (rules/form.h with the built-in rules). */
#include <string.h>

#include "cli/eval.h"
#include "common/ruleset.h"
#include "extract/pdf/crosspage.h"
#include "rules/check.h"
#include "rules/form.h"
#include "tests/harness.h"

/* ---------- confident errors ---------- */

#define GOLD_DOC "{\"type\":\"document\",\"format\":\"pdf\",\"source\":\"a.pdf\"}\n"

/* Three indicators, weight 10 in the gold; the output reads 10, then 1 at
 * confidence 0.95 with the OCR flag (a confident error, not a silent one),
 * then 1 at 0.95 with no flag (both), then 1 at 0.6 (neither). */
static const char GOLD[] = GOLD_DOC
    "{\"type\":\"indicator\",\"form\":0,\"seq\":0,\"weight\":10}\n"
    "{\"type\":\"indicator\",\"form\":0,\"seq\":1,\"weight\":10}\n"
    "{\"type\":\"indicator\",\"form\":0,\"seq\":2,\"weight\":10}\n"
    "{\"type\":\"indicator\",\"form\":0,\"seq\":3,\"weight\":10}\n";
static const char OUT[] = GOLD_DOC
    "{\"type\":\"indicator\",\"form\":0,\"seq\":0,\"weight\":10,\"confidence\":1,\"flags\":[]}\n"
    "{\"type\":\"indicator\",\"form\":0,\"seq\":1,\"weight\":1,\"confidence\":0.95,\"flags\":[\"OCR\"]}\n"
    "{\"type\":\"indicator\",\"form\":0,\"seq\":2,\"weight\":1,\"confidence\":0.95,\"flags\":[]}\n"
    "{\"type\":\"indicator\",\"form\":0,\"seq\":3,\"weight\":1,\"confidence\":0.6,\"flags\":[\"OCR\",\"WEIGHT_SUM_MISMATCH\"]}\n";

static JxEval *scored(const char *gold, const char *out)
{
    JxEval *e = jx_eval_new();
    GError *err = NULL;
    CU_ASSERT_TRUE(jx_eval_add(e, gold, out, &err));
    CU_ASSERT_PTR_NULL(err);
    g_clear_error(&err);
    return e;
}

static void test_confident_errors(void)
{
    JxEval *e = scored(GOLD, OUT);
    CU_ASSERT_EQUAL(e->all.tp, 2); /* the weight of seq 0 and document.format */
    CU_ASSERT_EQUAL(e->all.fp, 3);
    CU_ASSERT_EQUAL(e->all.silent, 1);
    CU_ASSERT_EQUAL(e->all.confident, 2);
    const JxScore *pdf = g_hash_table_lookup(e->formats, "pdf");
    CU_ASSERT_PTR_NOT_NULL_FATAL(pdf);
    CU_ASSERT_EQUAL(pdf->confident, 2);
    const JxScore *w = g_hash_table_lookup(e->fields, "indicator.weight");
    CU_ASSERT_PTR_NOT_NULL_FATAL(w);
    CU_ASSERT_EQUAL(w->confident, 2);
    CU_ASSERT_DOUBLE_EQUAL(jx_score_rate(w, w->confident), 0.5, 1e-12); /* 2 of 4 values */
    CU_ASSERT_DOUBLE_EQUAL(jx_score_rate(w, w->silent), 0.25, 1e-12);
    JxScore none = {0};
    CU_ASSERT_DOUBLE_EQUAL(jx_score_rate(&none, 0), 0, 1e-12);

    char *json = jx_eval_report(e, TRUE);
    CU_ASSERT_PTR_NOT_NULL(strstr(json, "\"indicator.weight\":{\"tp\":1,\"fp\":3,\"fn\":3,\"silent\":1,"
                                        "\"confident\":2,\"f1\":0.25,\"silent_rate\":0.25,\"confident_rate\":0.5}"));
    CU_ASSERT_PTR_NOT_NULL(strstr(json, "\"formats\":{\"pdf\":{\"tp\":2,\"fp\":3,\"fn\":3,\"silent\":1,"
                                        "\"confident\":2,\"f1\":0.4,\"silent_rate\":0.2,\"confident_rate\":0.4}"));
    char *text = jx_eval_report(e, FALSE);
    /* the trust table, and each confident error with its confidence and flags */
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "format pdf                             5      1  20.0000%      2  40.0000%"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "\nconfident errors:\na.pdf [indicator 0 1] indicator.weight: gold 10, "
                                        "output 1 (confidence 0.95; OCR)\n"
                                        "a.pdf [indicator 0 2] indicator.weight: gold 10, output 1 (confidence 0.95)\n"));
    CU_ASSERT_PTR_NULL(strstr(text, "[indicator 0 3]")); /* 0.6: the team was warned */
    g_free(text);

    /* the gate: a confident error over the baseline's fails it, even with
     * silent errors and F1 the same; a baseline without the count does
     * not gate it */
    JxEval *fewer = scored(GOLD, OUT);
    JxEval *more = scored(GOLD, OUT);
    GError *err = NULL;
    const char *title = GOLD_DOC "{\"type\":\"form\",\"form\":0,\"title\":\"x\"}\n";
    CU_ASSERT_TRUE(jx_eval_add(fewer, title,
                               GOLD_DOC "{\"type\":\"form\",\"form\":0,\"title\":\"y\",\"confidence\":0.6,"
                                        "\"flags\":[\"OCR\"]}\n", &err));
    CU_ASSERT_TRUE(jx_eval_add(more, title,
                               GOLD_DOC "{\"type\":\"form\",\"form\":0,\"title\":\"y\",\"confidence\":0.95,"
                                        "\"flags\":[\"OCR\"]}\n", &err));
    char *base = jx_eval_report(fewer, TRUE), *worse = jx_eval_report(more, TRUE);
    GString *why = g_string_new(NULL);
    CU_ASSERT_TRUE(jx_eval_meets_baseline(base, base, why));
    CU_ASSERT_FALSE(jx_eval_meets_baseline(worse, base, why));
    const char *said = "fields form.title: f1 0.0000 (baseline 0.0000), silent 0 (baseline 0), "
                       "confident 1 (baseline 0)\n";
    if (strcmp(why->str, said))
        JX_FAIL_MSG("the gate says: %s", why->str);
    g_string_truncate(why, 0);
    const char *old = "{\"all\":{\"tp\":1,\"fp\":3,\"fn\":3,\"silent\":1,\"f1\":0.2},\"fields\":{},\"formats\":{}}";
    CU_ASSERT_TRUE(jx_eval_meets_baseline(json, old, why));
    CU_ASSERT_EQUAL(why->len, 0);
    g_string_free(why, TRUE);
    g_free(base);
    g_free(worse);
    g_free(json);
    jx_eval_free(fewer);
    jx_eval_free(more);
    jx_eval_free(e);
}

/* ---------- rows cut by a page break ---------- */

/* One row of a 共性指标 table on a page: 一级 二级 三级 分值 得分 复核得分,
 * the cells in `edge` running to their right edge. */
static JxTable *row_table(int page, const char *const *texts, const gboolean *edge)
{
    static const double X[] = {50, 110, 170, 400, 450, 500, 550};
    JxTable *t = jx_table_new();
    for (int c = 0; c < 6; c++) {
        JxCell *cell = jx_table_add_cell(t, 0, c, 1, 1, texts[c]);
        cell->page = page;
        cell->x0 = X[c];
        cell->x1 = X[c + 1];
        cell->y0 = page == 1 ? 760 : 50;
        cell->y1 = cell->y0 + 20;
        cell->runs_to_edge = edge[c];
    }
    jx_table_finish(t);
    t->page_start = t->page_end = page;
    return t;
}

static const JxTable *joined(JxDoc *doc)
{
    jx_crosspage_join(doc);
    CU_ASSERT_EQUAL_FATAL(doc->blocks->len, 1);
    return ((JxBlock *)g_ptr_array_index(doc->blocks, 0))->table;
}

/* The last row of page 1 and the first of page 2 are two indicators: the
 * name of the first ran to its edge and the one-digit numbers fill their
 * narrow cells, so it looked cut; a number under a number is two rows,
 * not 42. */
/* A document record has no confidence: a wrong count is a confident
 * error when the document carries no flag, and none when it says its
 * layout was inferred (COLUMN_INFERRED) or its sums failed. */
static void test_document_counts_trust_flags(void)
{
    static const char gold[] =
        "{\"type\":\"document\",\"format\":\"pdf\",\"source\":\"a.pdf\",\"indicators\":41}\n";
    static const char plain[] =
        "{\"type\":\"document\",\"format\":\"pdf\",\"source\":\"a.pdf\",\"indicators\":27,"
        "\"flags\":[]}\n";
    static const char flagged[] =
        "{\"type\":\"document\",\"format\":\"pdf\",\"source\":\"a.pdf\",\"indicators\":27,"
        "\"flags\":[\"COLUMN_INFERRED\"]}\n";
    JxEval *e = scored(gold, plain);
    CU_ASSERT_EQUAL(e->all.fp, 1);
    CU_ASSERT_EQUAL(e->all.silent, 1);
    CU_ASSERT_EQUAL(e->all.confident, 1);
    jx_eval_free(e);
    e = scored(gold, flagged);
    CU_ASSERT_EQUAL(e->all.fp, 1);
    CU_ASSERT_EQUAL(e->all.silent, 0);
    CU_ASSERT_EQUAL(e->all.confident, 0);
    jx_eval_free(e);
}

static void test_crosspage_numbers_do_not_join(void)
{
    const char *top[] = {"", "", "部门所设立的整体绩效目标依据是否充", "4", "4", "4"};
    const char *next[] = {"", "", "资金分配合理性", "2", "2", "2"};
    const gboolean edge[] = {FALSE, FALSE, TRUE, TRUE, TRUE, TRUE};
    const gboolean none[] = {FALSE, FALSE, FALSE, FALSE, FALSE, FALSE};
    JxDoc *doc = jx_doc_new("pdf");
    jx_doc_add_table(doc, row_table(1, top, edge), 1);
    jx_doc_add_table(doc, row_table(2, next, none), 2);
    const JxTable *t = joined(doc);
    CU_ASSERT_EQUAL_FATAL(t->nrows, 2);
    for (int c = 3; c < 6; c++) {
        CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t, 0, c)->text, "4");
        CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t, 1, c)->text, "2");
    }
    CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t, 1, 2)->text, "资金分配合理性");
    CU_ASSERT_FALSE(jx_table_cell_at(t, 0, 2)->flags & JX_FLAG_BIT(JX_FLAG_CROSS_PAGE));
    jx_doc_free(doc);

    /* a number under a number with the decimal point, or a percent, neither */
    const char *pct_top[] = {"", "", "部门所设立的整体绩效目标依据是否充", "", "", "95%"};
    const char *pct_next[] = {"", "", "分", "", "", "2.5"};
    doc = jx_doc_new("pdf");
    jx_doc_add_table(doc, row_table(1, pct_top, edge), 1);
    jx_doc_add_table(doc, row_table(2, pct_next, none), 2);
    CU_ASSERT_EQUAL(joined(doc)->nrows, 2);
    jx_doc_free(doc);
}

/* A row really cut: its numbers on one side of the break only (blank
 * under them, or a unit word under a number) join as before. */
static void test_crosspage_cut_row_still_joins(void)
{
    const char *top[] = {"", "", "部门所设立的整体绩效目标依据是否充", "4", "4", "4"};
    const char *rest[] = {"", "", "分", "", "", "分"};
    const gboolean edge[] = {FALSE, FALSE, TRUE, TRUE, TRUE, TRUE};
    const gboolean none[] = {FALSE, FALSE, FALSE, FALSE, FALSE, FALSE};
    JxDoc *doc = jx_doc_new("pdf");
    jx_doc_add_table(doc, row_table(1, top, edge), 1);
    jx_doc_add_table(doc, row_table(2, rest, none), 2);
    const JxTable *t = joined(doc);
    CU_ASSERT_EQUAL_FATAL(t->nrows, 1);
    CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t, 0, 2)->text, "部门所设立的整体绩效目标依据是否充分");
    CU_ASSERT_TRUE(jx_table_cell_at(t, 0, 2)->flags & JX_FLAG_BIT(JX_FLAG_CROSS_PAGE));
    CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t, 0, 3)->text, "4");
    CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t, 0, 5)->text, "4分");
    jx_doc_free(doc);
}

/* Should two rows still be glued (4 and 2 read 42), the weights stop adding
 * up to the total: the form and the glued value are flagged, under 0.9. */
static void test_glued_weight_flagged(void)
{
    JxRuleset *rs = jx_ruleset_new();
    CU_ASSERT_TRUE_FATAL(jx_ruleset_load_builtin(rs, NULL));
    JxResult *res = jx_result_new();
    JxForm *f = jx_form_new(0);
    g_ptr_array_add(res->forms, f);
    const double w[] = {4, 42, 4}; /* printed 4, 4, 2, 4: total 14 */
    for (int i = 0; i < 3; i++) {
        JxIndicator *ind = jx_indicator_new(0, i);
        ind->weight = (JxNum){TRUE, w[i]};
        jx_value_parse("100%", NULL, &ind->target);
        jx_value_parse("100%", NULL, &ind->actual);
        g_ptr_array_add(f->indicators, ind);
    }
    f->total_weight = (JxNum){TRUE, 14};
    jx_check_result(res, rs);
    JxIndicator *glued = g_ptr_array_index(f->indicators, 1);
    CU_ASSERT_TRUE(glued->flags & JX_FLAG_BIT(JX_FLAG_WEIGHT_SUM_MISMATCH));
    CU_ASSERT_TRUE(glued->confidence < 0.9);
    CU_ASSERT_TRUE(f->flags & JX_FLAG_BIT(JX_FLAG_WEIGHT_SUM_MISMATCH));
    jx_result_free(res);
    jx_ruleset_free(rs);
}

/* ---------- level names of a form family ---------- */

/* An indicator table of rows {level 1, level 2, name, weight}, header first;
 * the cells of row `inferred` (0-based, -1: none) placed by inference, as
 * in a table without ruling lines. */
static JxResult *levels_of(const JxRuleset *rs, const char *const (*rows)[4], int n, int inferred)
{
    JxDoc *doc = jx_doc_new("docx");
    JxTable *t = jx_table_new();
    const char *head[] = {"一级指标", "二级指标", "三级指标", "分值"};
    for (int c = 0; c < 4; c++)
        jx_table_add_cell(t, 0, c, 1, 1, head[c]);
    for (int r = 0; r < n; r++)
        for (int c = 0; c < 4; c++)
            jx_table_add_cell(t, r + 1, c, 1, 1, rows[r][c])->flags =
                r == inferred ? JX_FLAG_BIT(JX_FLAG_COLUMN_INFERRED) : 0;
    jx_table_finish(t);
    jx_doc_add_table(doc, t, 1);
    JxResult *res = jx_forms_read(doc, rs);
    jx_doc_free(doc);
    return res;
}

static const JxIndicator *indicator(const JxResult *res, guint i)
{
    CU_ASSERT_EQUAL_FATAL(res->forms->len, 1);
    const JxForm *f = g_ptr_array_index(res->forms, 0);
    CU_ASSERT_FATAL(i < f->indicators->len);
    return g_ptr_array_index(f->indicators, i);
}

/* A 部门整体 共性指标 table names its level 1 投入 过程 产出 效益, printed
 * 产出指标 or 产出 alike (the level 2 tells the family); a project table
 * keeps 产出指标, and a level 1 that is not the level 2's parent stays. */
static void test_family_level_names(void)
{
    JxRuleset *rs = jx_ruleset_new();
    CU_ASSERT_TRUE_FATAL(jx_ruleset_load_builtin(rs, NULL));
    const char *const dept[][4] = {
        {"投入(5分)", "预算配置", "在职人员控制率", "5"},
        {"过程", "预算执行", "预算执行率", "10"},
        {"产出指标(40分)", "职责履行", "重点工作完成率", "40"},
        {"效益指标", "履职效益", "社会效益", "30"},
        {"产出", "职责履行", "实际完成率", "5"},
    };
    const char *const want[] = {"投入", "过程", "产出", "效益", "产出"};
    JxResult *res = levels_of(rs, dept, 5, -1);
    for (guint i = 0; i < 5; i++) {
        const JxIndicator *ind = indicator(res, i);
        CU_ASSERT_STRING_EQUAL(ind->level1, want[i]);
        CU_ASSERT_FALSE(ind->flags & JX_FLAG_BIT(JX_FLAG_LEVEL_UNCANONICAL));
    }
    CU_ASSERT_STRING_EQUAL(indicator(res, 2)->level1_raw, "产出指标(40分)");
    CU_ASSERT_DOUBLE_EQUAL(indicator(res, 2)->level1_weight.v, 40, 1e-12);
    jx_result_free(res);

    /* without ruling lines a row with no level-1 text takes the table's
     * level-1 cell of its level 2's family: printed 产出指标(40分) */
    const char *const unruled[][4] = {
        {"投入", "预算配置", "在职人员控制率", "5"},
        {"产出指标(40分)", "职责履行", "重点工作完成率", "20"},
        {"效益指标", "履职效益", "社会效益", "30"},
        {"", "职责履行", "实际完成率", "20"},
    };
    res = levels_of(rs, unruled, 4, 3);
    CU_ASSERT_STRING_EQUAL(indicator(res, 3)->level1, "产出");
    CU_ASSERT_STRING_EQUAL(indicator(res, 3)->level1_raw, "产出指标(40分)");
    CU_ASSERT_DOUBLE_EQUAL(indicator(res, 3)->level1_weight.v, 40, 1e-12);
    jx_result_free(res);

    const char *const project[][4] = {
        {"产出指标", "数量指标", "培训人数", "10"},
        {"产出", "质量指标", "培训结业率", "10"},
        {"效益指标", "社会效益指标", "企业满意", "20"},
        {"成本指标", "成本指标", "所需费用", "10"}, /* 成本指标's parent is 产出指标 */
    };
    const char *const keep[] = {"产出指标", "产出指标", "效益指标", "成本指标"};
    res = levels_of(rs, project, 4, -1);
    for (guint i = 0; i < 4; i++)
        CU_ASSERT_STRING_EQUAL(indicator(res, i)->level1, keep[i]);
    jx_result_free(res);
    jx_ruleset_free(rs);
}

void jx_add_trust_tests(void)
{
    CU_pSuite s = CU_add_suite("trust (confident errors, rows cut by a page break, level names)", NULL, NULL);
    CU_add_test(s, "confident errors: counted, rated, listed, gated", test_confident_errors);
    CU_add_test(s, "a document's counts: confident only without flags", test_document_counts_trust_flags);
    CU_add_test(s, "a number under a number is not a cut row", test_crosspage_numbers_do_not_join);
    CU_add_test(s, "a row really cut still joins", test_crosspage_cut_row_still_joins);
    CU_add_test(s, "a glued weight breaks the weight sum", test_glued_weight_flagged);
    CU_add_test(s, "部门整体 level 1: 产出指标 over 职责履行 is 产出", test_family_level_names);
}
