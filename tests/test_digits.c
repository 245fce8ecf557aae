/* Spreadsheet numbers that lost digits (an ID typed as a number): the
 * cell says DIGITS_LOST, and so does the record read from it. */
#include "common/ruleset.h"
#include "extract/office/numfmt.h"
#include "extract/office/sheet.h"
#include "rules/check.h"
#include "rules/form.h"
#include "tests/harness.h"

static void test_loses_digits(void)
{
    CU_ASSERT_TRUE(jx_numfmt_loses_digits(44030721070150000349.0, NULL));   /* 20 digits */
    CU_ASSERT_TRUE(jx_numfmt_loses_digits(440307210701.0, "General"));      /* 4.40307E+11 */
    CU_ASSERT_FALSE(jx_numfmt_loses_digits(440307210701.0, "0"));           /* shown whole */
    CU_ASSERT_FALSE(jx_numfmt_loses_digits(69542826.0, NULL));              /* a phone number */
    CU_ASSERT_FALSE(jx_numfmt_loses_digits(10.549999999999999, "0.00"));
    CU_ASSERT_TRUE(jx_numfmt_loses_digits(-1e16, "#,##0"));
}

static void test_flag_reaches_cell(void)
{
    JxSheet *s = jx_sheet_new("表1", FALSE);
    CU_ASSERT_TRUE(jx_sheet_set(s, 0, 0, "项目编码"));
    CU_ASSERT_TRUE(jx_sheet_set(s, 0, 1, "4.40307E+19"));
    CU_ASSERT_TRUE(jx_sheet_set(s, 1, 0, "项目名称"));
    CU_ASSERT_TRUE(jx_sheet_set(s, 1, 1, "培训"));
    jx_sheet_flag(s, 0, 1, JX_FLAG_BIT(JX_FLAG_DIGITS_LOST));
    jx_sheet_flag(s, 9, 9, JX_FLAG_BIT(JX_FLAG_DIGITS_LOST)); /* no such cell: nothing */
    JxDoc *doc = jx_doc_new("xlsx");
    CU_ASSERT_TRUE(jx_sheet_to_doc(s, doc, NULL));
    CU_ASSERT_EQUAL_FATAL(doc->blocks->len, 1);
    const JxTable *t = ((JxBlock *)g_ptr_array_index(doc->blocks, 0))->table;
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_TRUE(jx_table_cell_at(t, 0, 1)->flags & JX_FLAG_BIT(JX_FLAG_DIGITS_LOST));
    CU_ASSERT_FALSE(jx_table_cell_at(t, 1, 1)->flags & JX_FLAG_BIT(JX_FLAG_DIGITS_LOST));
    jx_doc_free(doc);
    jx_sheet_free(s);
}

/* ... and from the field's cell to the form: the project code that lost
 * its digits leaves its form under 0.9, the form beside it stays sure */
static void test_flag_reaches_form(void)
{
    JxRuleset *rs = jx_ruleset_new();
    GError *err = NULL;
    CU_ASSERT_TRUE_FATAL(jx_ruleset_load_builtin(rs, &err));
    for (int lost = 0; lost < 2; lost++) {
        JxSheet *s = jx_sheet_new("表1", FALSE);
        jx_sheet_set(s, 0, 0, "项目名称");
        jx_sheet_set(s, 0, 1, "非公经济人士培训");
        jx_sheet_set(s, 1, 0, "项目编码");
        jx_sheet_set(s, 1, 1, lost ? "4.40307E+19" : "440307");
        if (lost)
            jx_sheet_flag(s, 1, 1, JX_FLAG_BIT(JX_FLAG_DIGITS_LOST));
        JxDoc *doc = jx_doc_new("xlsx");
        CU_ASSERT_TRUE(jx_sheet_to_doc(s, doc, NULL));
        JxResult *res = jx_forms_read(doc, rs);
        CU_ASSERT_EQUAL_FATAL(res->forms->len, 1);
        const JxForm *f = g_ptr_array_index(res->forms, 0);
        CU_ASSERT_STRING_EQUAL(f->project_code, lost ? "4.40307E+19" : "440307");
        CU_ASSERT_EQUAL((f->flags & JX_FLAG_BIT(JX_FLAG_DIGITS_LOST)) != 0, lost);
        double c = jx_check_confidence(f->flags, rs);
        CU_ASSERT_TRUE(lost ? c < 0.9 : c >= 0.9);
        jx_result_free(res);
        jx_doc_free(doc);
        jx_sheet_free(s);
    }
    jx_ruleset_free(rs);
}

void jx_add_digits_tests(void)
{
    CU_pSuite s = CU_add_suite("spreadsheet digits lost", NULL, NULL);
    CU_add_test(s, "a number past 15 digits, or General in scientific", test_loses_digits);
    CU_add_test(s, "the flag goes with the cell to the document", test_flag_reaches_cell);
    CU_add_test(s, "and from a field's cell to its form", test_flag_reaches_form);
}
