/* A row cut by a page break whose text stopped short of every edge (a line
 * broken before an opening bracket: 带动社会投资 | （2）) is still the rest of
 * the row above when the row above's numbers (weight, score) all stand over
 * blanks; a full row under it, or one that fills as many cells as there are
 * numbers, is a row of its own (extract/pdf/crosspage.h). */
#include <string.h>

#include "extract/pdf/crosspage.h"
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

void jx_add_rowcut_tests(void)
{
    CU_pSuite s = CU_add_suite("rows cut by a page break", NULL, NULL);
    CU_add_test(s, "text stopped short, the numbers over blanks", test_cut_before_bracket);
}
