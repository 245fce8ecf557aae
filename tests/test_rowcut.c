/* A row cut by a page break whose text stopped short of every edge (a line
 * broken before an opening bracket: 带动社会投资 | （2）) is still the rest of
 * the row above when the row above's numbers (weight, score) all stand over
 * blanks; a full row under it, or one that fills as many cells as there are
 * numbers, is a row of its own (extract/pdf/crosspage.h). */
#include <string.h>

#include "common/ruleset.h"
#include "extract/pdf/crosspage.h"
#include "rules/form.h"
#include "tests/harness.h"

static JxTable *one_row(int page, const char *const *texts, int n)
{
    JxTable *t = jx_table_new();
    for (int c = 0; c < n; c++) {
        JxCell *cell = jx_table_add_cell(t, 0, c, 1, 1, texts[c]);
        cell->page = page;
        cell->x0 = 50 + 80 * c;
        cell->x1 = cell->x0 + 80;
        cell->y0 = page == 1 ? 760 : 40;
        cell->y1 = cell->y0 + 30;
    }
    jx_table_finish(t);
    t->page_start = t->page_end = page;
    return t;
}

static const JxTable *joined(const char *const *top, const char *const *rest, int n, JxDoc **doc)
{
    *doc = jx_doc_new("pdf");
    jx_doc_add_table(*doc, one_row(1, top, n), 1);
    jx_doc_add_table(*doc, one_row(2, rest, n), 2);
    jx_crosspage_join(*doc);
    CU_ASSERT_EQUAL_FATAL((*doc)->blocks->len, 1);
    return ((JxBlock *)g_ptr_array_index((*doc)->blocks, 0))->table;
}

static void test_cut_before_bracket(void)
{
    const char *top[] = {"带动社会投资", "按时完", "按时完成", "4", "4"};
    const char *rest[] = {"（2）", "成", "", "", ""};
    JxDoc *doc = NULL;
    const JxTable *t = joined(top, rest, 5, &doc);
    CU_ASSERT_EQUAL(t->nrows, 1);
    CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t, 0, 0)->text, "带动社会投资（2）");
    CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t, 0, 1)->text, "按时完成");
    CU_ASSERT_TRUE(jx_table_cell_at(t, 0, 0)->flags & JX_FLAG_BIT(JX_FLAG_CROSS_PAGE));
    jx_doc_free(doc);

    /* a new row that leaves its numbers blank but fills three cells: its own */
    const char *full[] = {"降低运行成本", "8个", "8个", "", ""};
    t = joined(top, full, 5, &doc);
    CU_ASSERT_EQUAL(t->nrows, 2);
    jx_doc_free(doc);

    /* a number under a blank-over-number: the row above's score is taken */
    const char *scored[] = {"（2）", "成", "", "", "3"};
    t = joined(top, scored, 5, &doc);
    CU_ASSERT_EQUAL(t->nrows, 2);
    jx_doc_free(doc);
}

/* A merged level cell that a page break cut, in a row that the break cut
 * too: its text joins the part above, once (效益指 | 标 is 效益指标, and
 * the cell going on below holds no second 标). */
static void test_cut_merged_cell(void)
{
    const char *top[] = {"效益指", "降低运行成本", "4", "4"};
    JxTable *b = jx_table_new();
    const char *rest[2][4] = {{"标", "（1）", "", ""}, {NULL, "带动社会投资", "3", "3"}};
    for (int r = 0; r < 2; r++)
        for (int c = 0; c < 4; c++) {
            if (!rest[r][c])
                continue;
            JxCell *cell = jx_table_add_cell(b, r, c, c == 0 ? 2 : 1, 1, rest[r][c]);
            cell->page = 2;
            cell->x0 = 50 + 80 * c;
            cell->x1 = cell->x0 + 80;
            cell->y0 = 40 + 30 * r;
            cell->y1 = cell->y0 + 30;
        }
    jx_table_finish(b);
    b->page_start = b->page_end = 2;
    JxDoc *doc = jx_doc_new("pdf");
    jx_doc_add_table(doc, one_row(1, top, 4), 1);
    jx_doc_add_table(doc, b, 2);
    jx_crosspage_join(doc);
    CU_ASSERT_EQUAL_FATAL(doc->blocks->len, 1);
    const JxTable *t = ((JxBlock *)g_ptr_array_index(doc->blocks, 0))->table;
    CU_ASSERT_EQUAL(t->nrows, 2);
    CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t, 0, 0)->text, "效益指标");
    CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t, 0, 1)->text, "降低运行成本（1）");
    CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t, 1, 0)->text, "");
    CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t, 1, 1)->text, "带动社会投资");
    jx_doc_free(doc);
}

/* Two indicator rows under level cells merged over both, which a page
 * break cut (满意度 | 指标, 服务对象 | 满意度指标): both rows take the whole
 * level names; parts on one page, or two level names, stay as read. */
static JxResult *two_rows(const JxRuleset *rs, int page2, const char *l1a, const char *l1b,
                          const char *l2a, const char *l2b, JxDoc **doc)
{
    static const char *const HEAD[] = {"一级指标", "二级指标", "三级指标", "年度指标值",
                                       "实际完成值", "分值", "得分"};
    const char *rows[2][7] = {{l1a, l2a, "群众满意度", "85%", "85%", "8", "8"},
                              {l1b, l2b, "参训人员满意度", "100%", "100%", "8", "7"}};
    JxTable *t = jx_table_new();
    for (int c = 0; c < 7; c++) {
        jx_table_add_cell(t, 0, c, 1, 1, HEAD[c])->page = 1;
        jx_table_add_cell(t, 1, c, 1, 1, rows[0][c])->page = 1;
        jx_table_add_cell(t, 2, c, 1, 1, rows[1][c])->page = page2;
    }
    jx_table_finish(t);
    t->page_start = 1;
    t->page_end = page2;
    *doc = jx_doc_new("pdf");
    jx_doc_add_paragraph(*doc, "项目支出绩效自评表", 1);
    jx_doc_add_table(*doc, t, 1);
    return jx_forms_read(*doc, rs);
}

static const JxIndicator *ind_at(const JxResult *res, guint i)
{
    const JxForm *f = g_ptr_array_index(res->forms, 0);
    return i < f->indicators->len ? g_ptr_array_index(f->indicators, i) : NULL;
}

static void test_level_cut(void)
{
    JxRuleset *rs = jx_ruleset_new();
    CU_ASSERT_TRUE_FATAL(jx_ruleset_load_builtin(rs, NULL));
    JxDoc *doc = NULL;
    JxResult *res = two_rows(rs, 2, "满意度", "指标", "服务对象", "满意度指标", &doc);
    CU_ASSERT_EQUAL_FATAL(res->forms->len, 1);
    for (guint i = 0; i < 2; i++) {
        const JxIndicator *ind = ind_at(res, i);
        CU_ASSERT_PTR_NOT_NULL_FATAL(ind);
        CU_ASSERT_STRING_EQUAL(ind->level1, "满意度指标");
        CU_ASSERT_STRING_EQUAL(ind->level1_raw, "满意度指标");
        CU_ASSERT_STRING_EQUAL(ind->level2, "服务对象满意度指标");
        CU_ASSERT_STRING_EQUAL(ind->level2_raw, "服务对象满意度指标");
        CU_ASSERT_FALSE(ind->flags & JX_FLAG_BIT(JX_FLAG_LEVEL_UNCANONICAL));
    }
    CU_ASSERT_TRUE(ind_at(res, 0)->flags & JX_FLAG_BIT(JX_FLAG_CROSS_PAGE));
    jx_result_free(res);
    jx_doc_free(doc);

    /* the same texts on one page are two cells as printed */
    res = two_rows(rs, 1, "满意度", "指标", "服务对象", "满意度指标", &doc);
    CU_ASSERT_STRING_EQUAL(ind_at(res, 0)->level2_raw, "服务对象");
    CU_ASSERT_STRING_EQUAL(ind_at(res, 1)->level1_raw, "指标");
    jx_result_free(res);
    jx_doc_free(doc);

    /* two level names across a page break are two levels */
    res = two_rows(rs, 2, "产出指标", "效益指标", "数量指标", "社会效益指标", &doc);
    CU_ASSERT_STRING_EQUAL(ind_at(res, 0)->level2, "数量指标");
    CU_ASSERT_STRING_EQUAL(ind_at(res, 1)->level1, "效益指标");
    CU_ASSERT_STRING_EQUAL(ind_at(res, 1)->level2, "社会效益指标");
    jx_result_free(res);
    jx_doc_free(doc);
    jx_ruleset_free(rs);
}

void jx_add_rowcut_tests(void)
{
    CU_pSuite s = CU_add_suite("rows cut by a page break", NULL, NULL);
    CU_add_test(s, "text stopped short, the numbers over blanks", test_cut_before_bracket);
    CU_add_test(s, "a merged cell in a cut row: its text joined once", test_cut_merged_cell);
    CU_add_test(s, "level cells merged over rows a page break cut: the whole names", test_level_cut);
}
