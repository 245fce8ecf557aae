/* The DOCX reader on the corpus files: spans, merges, breaks, tracked
 * changes, fields, hidden text, bookmarks, nested tables; and its errors.
 * And the extract door's format sniffer (extract/extract.h). */
#include <string.h>

#include "common/error.h"
#include "extract/extract.h"
#include "tests/harness.h"


static const JxTable *nth_table(const JxDoc *doc, int n)
{
    for (guint i = 0; i < doc->blocks->len; i++) {
        const JxBlock *b = g_ptr_array_index(doc->blocks, i);
        if (b->kind == JX_BLOCK_TABLE && n-- == 0)
            return b->table;
    }
    return NULL;
}

static void test_grid(void)
{
    JxDoc *doc = jx_test_read_doc("corpus/docx/000-tongzhou-5forms.docx", NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_STRING_EQUAL(doc->format, "docx");
    const JxTable *t = nth_table(doc, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL(t->nrows, 20);
    CU_ASSERT_EQUAL(t->ncols, 10);
    /* 项目资金（万元）: gridSpan 2, vMerge over the header and four lines */
    const JxCell *c = jx_table_cell_at(t, 6, 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CU_ASSERT_EQUAL(c->row, 3);
    CU_ASSERT_EQUAL(c->col, 0);
    CU_ASSERT_EQUAL(c->rowspan, 5);
    CU_ASSERT_EQUAL(c->colspan, 2);
    CU_ASSERT_STRING_EQUAL(c->text, "项目资金（万元）");
    /* w:br inside a header cell; paragraphs of the 绩效指标 cell */
    CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t, 10, 4)->text, "年度\n指标值");
    CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t, 10, 0)->text, "绩\n效\n指\n标");
    CU_ASSERT_EQUAL(jx_table_cell_at(t, 10, 0)->rowspan, 9);
    /* 产出指标 merged over four indicator rows */
    CU_ASSERT_EQUAL(jx_table_cell_at(t, 14, 1)->row, 11);
    /* the first paragraphs, in order */
    const JxBlock *b = g_ptr_array_index(doc->blocks, 1);
    CU_ASSERT_STRING_EQUAL(b->text, "项目支出绩效自评表");
    /* the _GoBack bookmark of form 5 leaves no trace */
    const JxTable *t5 = nth_table(doc, 4);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t5);
    CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t5, 5, 5)->text, "10");
    jx_doc_free(doc);
}

static void test_edits(void)
{
    JxDoc *doc = jx_test_read_doc("corpus/docx/000-form3-edited.docx", NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    /* the layout table comes first, the form nested in it after */
    const JxTable *outer = nth_table(doc, 0), *t = nth_table(doc, 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(outer);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL(outer->nrows, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(jx_table_cell_at(outer, 0, 0)->text, "项目支出绩效自评表"));
    CU_ASSERT_EQUAL(t->nrows, 21);
    CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t, 0, 2)->text, "聘用人员工资"); /* w:sdt */
    CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t, 2, 2)->text, "马瑞苹");       /* field result only */
    CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t, 4, 4)->text, "14");           /* w:del dropped, w:ins kept */
    CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t, 12, 3)->text, " 指标1：人员工资发放率"); /* w:vanish */
    jx_doc_free(doc);
}

static void expect_error(const char *path, int code)
{
    GError *err = NULL;
    JxDoc *doc = jx_test_read_doc(path, &err);
    CU_ASSERT_PTR_NULL(doc);
    if (!err) {
        JX_FAIL_MSG("%s: no error", path);
        jx_doc_free(doc);
        return;
    }
    if (err->code != code)
        JX_FAIL_MSG("%s: code %s (%s), expected %s", path, jx_error_code_name(err->code),
                    err->message, jx_error_code_name(code));
    g_error_free(err);
}

static void test_errors(void)
{
    expect_error("tests/data/empty.docx", JX_ERROR_EMPTY);
    expect_error("tests/data/not-a-docx.zip", JX_ERROR_UNSUPPORTED);
    expect_error("tests/data/truncated.docx", JX_ERROR_CORRUPT);
    expect_error("tests/data/bad-xml.docx", JX_ERROR_CORRUPT);
    expect_error("tests/data/random.bin", JX_ERROR_UNSUPPORTED);
    GError *err = NULL;
    JxDoc *doc = jx_test_read_doc("tests/data/no-tables.docx", &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_EQUAL(doc->blocks->len, 2);
    jx_doc_free(doc);
}

static void test_sniff(void)
{
    CU_ASSERT_STRING_EQUAL(jx_sniff_format((const guint8 *)"%PDF-1.7\n", 9), "pdf");
    CU_ASSERT_STRING_EQUAL(jx_sniff_format((const guint8 *)"<!DOCTYPE html><html>", 21), "html");
    CU_ASSERT_STRING_EQUAL(jx_sniff_format((const guint8 *)"项目支出", strlen("项目支出")), "txt");
    CU_ASSERT_PTR_NULL(jx_sniff_format((const guint8 *)"\x00\x01\x02\xff", 4));
}

void jx_add_docx_tests(void)
{
    CU_pSuite s = CU_add_suite("extract/office/docx", NULL, NULL);
    CU_add_test(s, "grid, spans and merges", test_grid);
    CU_add_test(s, "edits: ins/del, fields, hidden, sdt, nesting", test_edits);
    CU_add_test(s, "bad inputs", test_errors);
    s = CU_add_suite("extract/extract", NULL, NULL); /* the door */
    CU_add_test(s, "format sniffing", test_sniff);
}
