/* Goal forms (部门整体支出绩效目标自评表) whose goal stands in the table's
 * first row as a label cell and the text spanning the rest of the row
 * (`年度目标1： | <goal>`), above the 一级指标 header: each table is a form
 * with that goal, quoted as printed. */
#include <string.h>

#include "common/ruleset.h"
#include "rules/form.h"
#include "tests/harness.h"

static JxTable *goal_table(const char *label, const char *goal, const char *name)
{
    static const char *const HEAD[] = {"", "一级指标", "二级指标", "指标名称（三级指标）",
                                       "年初指标值", "年终完成值", "自评分", "复核分", "评价标准"};
    const char *row[] = {"项目绩效70分", "产出指标30分", "数量指标10分", name, "50人", "52人",
                         "10", "", "提供佐证资料"};
    JxTable *t = jx_table_new();
    jx_table_add_cell(t, 0, 0, 1, 1, label);
    jx_table_add_cell(t, 0, 1, 1, 8, goal);
    for (int c = 0; c < 9; c++) {
        jx_table_add_cell(t, 1, c, 1, 1, HEAD[c]);
        jx_table_add_cell(t, 2, c, 1, 1, row[c]);
    }
    jx_table_finish(t);
    return t;
}

static void test_goal_in_first_row(void)
{
    JxRuleset *rs = jx_ruleset_new();
    GError *err = NULL;
    CU_ASSERT_TRUE_FATAL(jx_ruleset_load_builtin(rs, &err));
    JxDoc *doc = jx_doc_new("docx");
    jx_doc_add_paragraph(doc, "广水市部门整体支出绩效目标自评表（表2）", 0);
    jx_doc_add_table(doc, goal_table("年度目标1：", "组织非公经济代表人士到井冈山接受红色革命教育（一期）",
                                     "培训人数"), 0);
    jx_doc_add_paragraph(doc, "广水市部门整体支出绩效目标自评表（表2）", 0);
    jx_doc_add_table(doc, goal_table("年度目标 2:", "撰写专题调研报告2篇，报送市政府", "报告篇数"), 0);
    JxResult *res = jx_forms_read(doc, rs);
    CU_ASSERT_EQUAL_FATAL(res->forms->len, 2);
    const JxForm *f = g_ptr_array_index(res->forms, 0);
    CU_ASSERT_STRING_EQUAL(f->goal_expected, "组织非公经济代表人士到井冈山接受红色革命教育（一期）");
    CU_ASSERT_STRING_EQUAL(f->title, "广水市部门整体支出绩效目标自评表（表2）");
    CU_ASSERT_EQUAL_FATAL(f->indicators->len, 1);
    const JxIndicator *ind = g_ptr_array_index(f->indicators, 0);
    CU_ASSERT_STRING_EQUAL(ind->name, "培训人数");
    f = g_ptr_array_index(res->forms, 1);
    CU_ASSERT_STRING_EQUAL(f->goal_expected, "撰写专题调研报告2篇，报送市政府");
    CU_ASSERT_EQUAL_FATAL(f->indicators->len, 1);
    ind = g_ptr_array_index(f->indicators, 0);
    CU_ASSERT_STRING_EQUAL(ind->name, "报告篇数");
    jx_result_free(res);
    jx_doc_free(doc);
    jx_ruleset_free(rs);
}

/* A year stated in the body as the year evaluated is the document's when
 * no title gives one; two such years that differ give none. */
static void test_body_year(void)
{
    JxRuleset *rs = jx_ruleset_new();
    CU_ASSERT_TRUE_FATAL(jx_ruleset_load_builtin(rs, NULL));
    static const struct { const char *a, *b; int year; } CASES[] = {
        {"广水市工商联 2021 年整体绩效年度目标：举办培训班。", "", 2021},
        {"广水市工商联 2021 年整体绩效年度目标：举办培训班。", "2022年项目绩效目标另行下达。", 0},
        {"", "", 0},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(CASES); i++) {
        JxDoc *doc = jx_doc_new("docx");
        jx_doc_add_paragraph(doc, "广水市部门整体支出绩效目标自评表（表2）", 0);
        jx_doc_add_table(doc, goal_table("年度目标1：", "组织培训", "培训人数"), 0);
        for (int k = 0; k < 30; k++) /* past the opening text */
            jx_doc_add_paragraph(doc, "说明：指标名称、年初指标值按照绩效目标申报表填写，不得漏项。", 0);
        if (*CASES[i].a)
            jx_doc_add_paragraph(doc, CASES[i].a, 0);
        if (*CASES[i].b)
            jx_doc_add_paragraph(doc, CASES[i].b, 0);
        JxResult *res = jx_forms_read(doc, rs);
        if (res->year != CASES[i].year)
            JX_FAIL_MSG("case %zu: year %d, expected %d", i, res->year, CASES[i].year);
        jx_result_free(res);
        jx_doc_free(doc);
    }
    jx_ruleset_free(rs);
}

void jx_add_goalrow_tests(void)
{
    CU_pSuite s = CU_add_suite("goal forms", NULL, NULL);
    CU_add_test(s, "the goal in the table's first row, label and text apart", test_goal_in_first_row);
    CU_add_test(s, "a year stated in the body; two that differ give none", test_body_year);
}
