/* The XLS reader (extract/office/xls.h) on the hand-made BIFF8 records of
 * tests/data/xls-records.xls (scripts/make-xls-tests.py) and the corpus
 * files Calc wrote (corpus/xls/); its errors on bad inputs; the OLE2
 * container (extract/office/ole2.h) and the routing of OLE2 files. */
#include <string.h>

#include "common/error.h"
#include "extract/extract.h"
#include "extract/office/ole2.h"
#include "tests/harness.h"

/* The first cell of any table whose text is text, or NULL; its table's
 * index in *table. */
static const JxCell *find_cell(const JxDoc *doc, const char *text, int *table)
{
    int t = 0;
    for (guint i = 0; i < doc->blocks->len; i++) {
        const JxBlock *b = g_ptr_array_index(doc->blocks, i);
        if (b->kind != JX_BLOCK_TABLE)
            continue;
        for (guint k = 0; k < b->table->cells->len; k++) {
            const JxCell *c = g_ptr_array_index(b->table->cells, k);
            if (strcmp(c->text, text) == 0) {
                if (table)
                    *table = t;
                return c;
            }
        }
        t++;
    }
    return NULL;
}

/* TRUE when text stands anywhere in the document (a cell or a paragraph). */
static gboolean shows(const JxDoc *doc, const char *text)
{
    if (find_cell(doc, text, NULL))
        return TRUE;
    for (guint i = 0; i < doc->blocks->len; i++) {
        const JxBlock *b = g_ptr_array_index(doc->blocks, i);
        if (b->kind == JX_BLOCK_PARAGRAPH && strstr(b->text, text))
            return TRUE;
    }
    return FALSE;
}

/* The text right of cell c in its table (the cell at c's row, past its span). */
static const char *right_of(const JxDoc *doc, const JxCell *c, int table)
{
    for (guint i = 0; i < doc->blocks->len; i++) {
        const JxBlock *b = g_ptr_array_index(doc->blocks, i);
        if (b->kind == JX_BLOCK_TABLE && table-- == 0) {
            const JxCell *r = jx_table_cell_at(b->table, c->row, c->col + c->colspan);
            return r ? r->text : NULL;
        }
    }
    return NULL;
}

static JxDoc *records(void)
{
    GError *err = NULL;
    JxDoc *doc = jx_test_read_doc("tests/data/xls-records.xls", &err);
    if (!doc)
        JX_FAIL_MSG("xls-records.xls: %s", err ? err->message : "?");
    g_clear_error(&err);
    return doc;
}

static void test_strings(void)
{
    JxDoc *doc = records();
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_STRING_EQUAL(doc->format, "xls");
    /* an SST string whose Latin-1 characters go on in UTF-16 in a CONTINUE */
    CU_ASSERT_PTR_NOT_NULL(find_cell(doc, "Budget 2023 项目资金", NULL));
    /* a rich-text string whose run table a CONTINUE splits; a phonetic one */
    CU_ASSERT_PTR_NOT_NULL(find_cell(doc, "预算执行率", NULL));
    CU_ASSERT_PTR_NOT_NULL(find_cell(doc, "满意度", NULL));
    /* a formula's string result (its STRING record), booleans and errors */
    CU_ASSERT_PTR_NOT_NULL(find_cell(doc, "公式结果", NULL));
    CU_ASSERT_PTR_NOT_NULL(find_cell(doc, "TRUE", NULL));
    CU_ASSERT_PTR_NOT_NULL(find_cell(doc, "#DIV/0!", NULL));
    jx_doc_free(doc);
}

static void test_numbers(void)
{
    JxDoc *doc = records();
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    int t = -1;
    const JxCell *c = find_cell(doc, "Budget 2023 项目资金", &t);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    /* RK 42 (an integer), then 0.9836 in "0.00%" */
    const char *r = right_of(doc, c, t);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_STRING_EQUAL(r, "42");
    const JxCell *k = find_cell(doc, "42", &t);
    CU_ASSERT_PTR_NOT_NULL_FATAL(k);
    CU_ASSERT_STRING_EQUAL(right_of(doc, k, t), "98.36%");
    /* MULRK: 8, 1055 / 100 in "0.00", 0.5 as a 30-bit float */
    const JxCell *m = find_cell(doc, "8", &t);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_STRING_EQUAL(right_of(doc, m, t), "10.55");
    CU_ASSERT_PTR_NOT_NULL(find_cell(doc, "0.5", NULL));
    /* 10.549999999999999 in "0.00" shows 10.55; a formula's 12.5 in "0.00" */
    const JxCell *s = find_cell(doc, "满意度", &t);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_STRING_EQUAL(right_of(doc, s, t), "10.55");
    CU_ASSERT_PTR_NOT_NULL(find_cell(doc, "12.50", NULL));
    jx_doc_free(doc);
}

static void test_layout(void)
{
    JxDoc *doc = records();
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    /* MERGECELLS A1:B1 */
    int t = -1;
    const JxCell *c = find_cell(doc, "项目名称", &t);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CU_ASSERT_EQUAL(c->colspan, 2);
    CU_ASSERT_EQUAL(c->rowspan, 1);
    CU_ASSERT_STRING_EQUAL(right_of(doc, c, t), "合计");
    /* a hidden row (ROW fDyZero), column (COLINFO fHidden) and sheet */
    CU_ASSERT_FALSE(shows(doc, "隐藏行"));
    CU_ASSERT_FALSE(shows(doc, "隐藏列"));
    CU_ASSERT_FALSE(shows(doc, "hidden sheet text"));
    /* the third sheet, after the first */
    int t2 = -1;
    const JxCell *s = find_cell(doc, "第二张表", &t2);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_TRUE(t2 > t);
    CU_ASSERT_STRING_EQUAL(right_of(doc, s, t2), "7");
    jx_doc_free(doc);
}

/* A form as LibreOffice Calc writes it: spans, a percent number */
static void test_corpus(void)
{
    GError *err = NULL;
    JxDoc *doc = jx_test_read_doc("corpus/xls/000-tongzhou-5forms.xls", &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    const JxCell *c = find_cell(doc, "项目资金（万元）", NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CU_ASSERT_EQUAL(c->rowspan, 5);
    CU_ASSERT_EQUAL(c->colspan, 2);
    /* 0.7536 stored, "0.00%" shown */
    CU_ASSERT_PTR_NOT_NULL(find_cell(doc, "75.36%", NULL));
    jx_doc_free(doc);
}

static void expect_error(const char *path, int code, const char *words)
{
    GError *err = NULL;
    JxDoc *doc = jx_test_read_doc(path, &err);
    CU_ASSERT_PTR_NULL(doc);
    jx_doc_free(doc);
    if (!err) {
        JX_FAIL_MSG("%s: no error", path);
        return;
    }
    if (!g_error_matches(err, JX_ERROR, code) || !strstr(err->message, words))
        JX_FAIL_MSG("%s: %s (code %d, not %d with \"%s\")", path, err->message, err->code,
                    code, words);
    g_error_free(err);
}

static void test_errors(void)
{
    expect_error("tests/data/xls-truncated.xls", JX_ERROR_CORRUPT, "OLE2");
    expect_error("tests/data/xls-cut-stream.xls", JX_ERROR_CORRUPT, "runs past the end");
    expect_error("tests/data/xls-encrypted.xls", JX_ERROR_ENCRYPTED, "password");
    expect_error("tests/data/xls-shared-sheet.xls", JX_ERROR_CORRUPT, "share");
    expect_error("tests/data/xls-biff5.xls", JX_ERROR_UNSUPPORTED, "BIFF5");
    expect_error("tests/data/xls-no-workbook.xls", JX_ERROR_UNSUPPORTED, "neither a workbook");
    expect_error("tests/data/wps-doc.wps", JX_ERROR_UNSUPPORTED, ".doc");
}

static char *sniff(const char *path)
{
    gchar *data = NULL;
    gsize len = 0;
    if (!g_file_get_contents(path, &data, &len, NULL))
        return g_strdup("unreadable");
    const char *f = jx_sniff_format((const guint8 *)data, len);
    g_free(data);
    return g_strdup(f ? f : "none");
}

static void test_ole2(void)
{
    static const struct {
        const char *path, *format;
    } CASES[] = {
        {"tests/data/xls-records.xls", "xls"},   {"tests/data/xls-biff5.xls", "xls"},
        {"tests/data/wps-doc.wps", "doc"},       {"tests/data/xls-no-workbook.xls", "ole2"},
        {"corpus/xls/2021-template-cost.xls", "xls"},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(CASES); i++) {
        char *f = sniff(CASES[i].path);
        if (strcmp(f, CASES[i].format) != 0)
            JX_FAIL_MSG("%s sniffed %s, not %s", CASES[i].path, f, CASES[i].format);
        g_free(f);
    }
    gchar *data = NULL;
    gsize len = 0;
    CU_ASSERT_TRUE_FATAL(g_file_get_contents("corpus/xls/2021-template-cost.xls", &data, &len, NULL));
    char **names = jx_ole2_names((const guint8 *)data, len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(names);
    CU_ASSERT_TRUE(g_strv_contains((const char *const *)names, "Workbook"));
    g_strfreev(names);
    /* a stream of the mini stream (under 4096 bytes): a property set */
    static const char *const SUMMARY[] = {"\005SummaryInformation", NULL};
    const char *name = NULL;
    gsize slen = 0;
    GError *err = NULL;
    guint8 *s = jx_ole2_read((const guint8 *)data, len, SUMMARY, &name, &slen, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_TRUE(slen > 48 && slen < 4096);
    CU_ASSERT_EQUAL(s[0], 0xFE);
    CU_ASSERT_EQUAL(s[1], 0xFF);
    CU_ASSERT_PTR_EQUAL(name, SUMMARY[0]);
    g_free(s);
    /* the same file cut after its directory: a stream past the end */
    s = jx_ole2_read((const guint8 *)data, 2048, SUMMARY, &name, &slen, &err);
    CU_ASSERT_PTR_NULL(s);
    CU_ASSERT_TRUE(g_error_matches(err, JX_ERROR, JX_ERROR_CORRUPT));
    g_clear_error(&err);
    g_free(data);
}

void jx_add_xls_tests(void)
{
    CU_pSuite s = CU_add_suite("xls", NULL, NULL);
    CU_add_test(s, "SST across CONTINUE, rich and phonetic strings, formula results", test_strings);
    CU_add_test(s, "RK, MULRK, NUMBER through their number formats", test_numbers);
    CU_add_test(s, "merges, hidden rows, columns and sheets, sheet order", test_layout);
    CU_add_test(s, "a Calc-written corpus form: spans, a percent", test_corpus);
    CU_add_test(s, "truncated, cut, encrypted, BIFF5, no workbook, WPS text", test_errors);
    CU_add_test(s, "the OLE2 container: names, a mini stream, sniffing", test_ole2);
}
