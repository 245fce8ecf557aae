/* The spreadsheet modules: number formats as data (tests/numfmt.cases), a
 * sheet's blocks (extract/office/sheet.h), and the XLSX reader on a
 * workbook built here (formats, merges, hidden rows, columns and sheets,
 * sheet order, rich text, several forms on one sheet), on the corpus, and
 * on broken files. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zip.h>

#include "common/error.h"
#include "extract/extract.h"
#include "extract/office/numfmt.h"
#include "extract/office/sheet.h"
#include "extract/office/xlsx.h"
#include "tests/harness.h"

/* ---------- number formats ---------- */

static void numfmt_case(char **f, int n, int line, void *user)
{
    (void)user;
    if (n != 3) {
        JX_FAIL_MSG("numfmt.cases:%d: expected 3 fields, got %d", line, n);
        return;
    }
    const char *code = f[0];
    gboolean d1904 = g_str_has_prefix(code, "1904:");
    if (d1904)
        code += 5;
    if (g_str_has_prefix(code, "\\#"))
        code++; /* a code beginning with '#' */
    if (g_str_has_prefix(code, "id:")) {
        code = jx_numfmt_builtin(atoi(code + 3));
        if (!code) {
            JX_FAIL_MSG("numfmt.cases:%d: no built-in format %s", line, f[0] + 3);
            return;
        }
    }
    char *got = jx_numfmt_render(g_ascii_strtod(f[1], NULL), code, d1904);
    if (strcmp(got, f[2]) != 0)
        JX_FAIL_MSG("numfmt.cases:%d: %s in [%s] shows \"%s\", expected \"%s\"", line, f[1],
                    code, got, f[2]);
    g_free(got);
}

static void test_numfmt_cases(void)
{
    int n = jx_test_cases("tests/numfmt.cases", numfmt_case, NULL);
    CU_ASSERT(n >= 150);
}

static void test_numfmt_builtin(void)
{
    CU_ASSERT_STRING_EQUAL(jx_numfmt_builtin(0), "General");
    CU_ASSERT_STRING_EQUAL(jx_numfmt_builtin(2), "0.00");
    CU_ASSERT_STRING_EQUAL(jx_numfmt_builtin(10), "0.00%");
    CU_ASSERT_STRING_EQUAL(jx_numfmt_builtin(49), "@");
    CU_ASSERT_PTR_NULL(jx_numfmt_builtin(23)); /* ids 23-26 have none */
    CU_ASSERT_PTR_NULL(jx_numfmt_builtin(50));
    CU_ASSERT_PTR_NULL(jx_numfmt_builtin(-1));
    /* NULL code is General; a code it cannot make sense of never fails */
    char *s = jx_numfmt_render(0.1 + 0.2, NULL, FALSE);
    CU_ASSERT_STRING_EQUAL(s, "0.3");
    g_free(s);
    s = jx_numfmt_render(5, "[", FALSE);
    CU_ASSERT_PTR_NOT_NULL(s);
    g_free(s);
    s = jx_numfmt_render(1e308 * 10, "0.00", FALSE); /* inf */
    CU_ASSERT_STRING_EQUAL(s, "#NUM!");
    g_free(s);
}

/* ---------- sheets ---------- */

static const JxBlock *block(const JxDoc *doc, guint i)
{
    return i < doc->blocks->len ? g_ptr_array_index(doc->blocks, i) : NULL;
}

static void test_sheet_blocks(void)
{
    JxSheet *s = jx_sheet_new("表1", FALSE);
    /* a title merged across, a unit line, then a table with a merge, a
     * hidden row and a hidden column; a blank row; a second form */
    CU_ASSERT(jx_sheet_set(s, 0, 0, "项目支出绩效自评表"));
    CU_ASSERT(jx_sheet_merge(s, 0, 0, 0, 3));
    CU_ASSERT(jx_sheet_set(s, 1, 3, "单位：万元"));
    jx_sheet_set(s, 2, 0, "项目资金");
    jx_sheet_merge(s, 2, 0, 4, 0);
    jx_sheet_set(s, 2, 1, "年度资金总额");
    jx_sheet_set(s, 2, 2, "隐藏");
    jx_sheet_set(s, 2, 3, "14");
    jx_sheet_set(s, 3, 1, "junk");
    jx_sheet_hide_row(s, 3);
    jx_sheet_hide_col(s, 2);
    jx_sheet_set(s, 4, 1, "其他资金");
    jx_sheet_set(s, 4, 3, "");
    jx_sheet_set(s, 4, 5, ""); /* a blank past the table's text: trimmed */
    jx_sheet_set(s, 6, 0, "第二张表");
    jx_sheet_set(s, 7, 0, "a\nb");
    jx_sheet_set(s, 7, 1, "c");
    jx_sheet_set(s, 7, 1, "d"); /* replaces */
    JxDoc *doc = jx_doc_new("xlsx");
    CU_ASSERT(jx_sheet_to_doc(s, doc, NULL));
    CU_ASSERT_EQUAL_FATAL(doc->blocks->len, 5);
    CU_ASSERT_EQUAL(block(doc, 0)->kind, JX_BLOCK_PARAGRAPH);
    CU_ASSERT_STRING_EQUAL(block(doc, 0)->text, "项目支出绩效自评表");
    CU_ASSERT_STRING_EQUAL(block(doc, 1)->text, "单位：万元");
    const JxTable *t = block(doc, 2)->table;
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL(t->nrows, 2); /* the hidden row is gone */
    CU_ASSERT_EQUAL(t->ncols, 3); /* the hidden column is gone, the blank one trimmed */
    const JxCell *c = jx_table_cell_at(t, 1, 0);
    CU_ASSERT_STRING_EQUAL(c->text, "项目资金");
    CU_ASSERT_EQUAL(c->rowspan, 2); /* rows 2-4 less the hidden one */
    CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t, 0, 2)->text, "14");
    CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t, 1, 1)->text, "其他资金");
    CU_ASSERT_STRING_EQUAL(block(doc, 3)->text, "第二张表");
    t = block(doc, 4)->table;
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t, 0, 0)->text, "a\nb");
    CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t, 0, 1)->text, "d");
    jx_doc_free(doc);
    jx_sheet_free(s);
}

static void test_sheet_boxed_and_limits(void)
{
    /* a boxed lone row stays in its table (a full-width row of a form) */
    JxSheet *s = jx_sheet_new(NULL, FALSE);
    jx_sheet_set(s, 0, 0, "标题");
    jx_sheet_set(s, 0, 1, ""); /* a styled blank beside an unboxed title */
    jx_sheet_set(s, 1, 0, "资金使用情况");
    jx_sheet_box(s, 1, 0);
    jx_sheet_merge(s, 1, 0, 1, 1);
    jx_sheet_set(s, 2, 0, "a");
    jx_sheet_box(s, 2, 0);
    jx_sheet_set(s, 2, 1, "b");
    jx_sheet_box(s, 2, 1);
    jx_sheet_box(s, 9, 9); /* not set: ignored */
    JxDoc *doc = jx_doc_new("xlsx");
    CU_ASSERT(jx_sheet_to_doc(s, doc, NULL));
    CU_ASSERT_EQUAL_FATAL(doc->blocks->len, 2);
    CU_ASSERT_STRING_EQUAL(block(doc, 0)->text, "标题");
    CU_ASSERT_EQUAL(block(doc, 1)->table->nrows, 2);
    CU_ASSERT_EQUAL(jx_table_cell_at(block(doc, 1)->table, 0, 1)->colspan, 2);
    jx_doc_free(doc);
    /* limits */
    CU_ASSERT_FALSE(jx_sheet_set(s, JX_SHEET_MAX_ROWS, 0, "x"));
    CU_ASSERT_FALSE(jx_sheet_set(s, 0, JX_SHEET_MAX_COLS, "x"));
    CU_ASSERT_FALSE(jx_sheet_merge(s, 2, 2, 1, 1));
    CU_ASSERT_FALSE(jx_sheet_merge(s, 0, 0, JX_SHEET_MAX_ROWS - 1, JX_SHEET_MAX_COLS - 1));
    jx_sheet_free(s);
    /* a hidden sheet adds nothing */
    s = jx_sheet_new("隐藏", TRUE);
    jx_sheet_set(s, 0, 0, "junk");
    doc = jx_doc_new("xlsx");
    CU_ASSERT(jx_sheet_to_doc(s, doc, NULL));
    CU_ASSERT_EQUAL(doc->blocks->len, 0);
    jx_doc_free(doc);
    jx_sheet_free(s);
}

/* ---------- a workbook built here ---------- */

static const char WB_NS[] =
    "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";
#define RELS_NS "http://schemas.openxmlformats.org/package/2006/relationships"
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

/* The bytes of a ZIP of the (name, text) pairs, NULL-terminated. */
static guint8 *make_zip(const char *const *members, gsize *len)
{
    char *path = g_strdup_printf("/tmp/jx-test-xlsx-%d.zip", (int)getpid());
    int err = 0;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(z);
    for (int i = 0; members[i]; i += 2) {
        zip_source_t *src = zip_source_buffer(z, members[i + 1], strlen(members[i + 1]), 0);
        zip_file_add(z, members[i], src, ZIP_FL_OVERWRITE);
    }
    zip_close(z);
    gchar *data = NULL;
    g_file_get_contents(path, &data, len, NULL);
    unlink(path);
    g_free(path);
    return (guint8 *)data;
}

static JxDoc *read_members(const char *const *members, GError **err)
{
    gsize len = 0;
    guint8 *data = make_zip(members, &len);
    JxDoc *doc = jx_extract(data, len, err);
    g_free(data);
    return doc;
}

static const char STYLES[] =
    "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"#,##0.00&quot;元&quot;\"/></numFmts>"
    "<borders count=\"1\"><border/></borders>"
    "<cellXfs count=\"5\"><xf numFmtId=\"0\"/><xf numFmtId=\"2\"/><xf numFmtId=\"10\"/>"
    "<xf numFmtId=\"31\"/><xf numFmtId=\"164\"/></cellXfs></styleSheet>";

static const char SST[] =
    "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<si><t>项目支出绩效自评表</t></si>"
    "<si><r><rPr><b/></rPr><t>项目</t></r><r><t>名称</t></r>"
    "<rPh sb=\"0\" eb=\"1\"><t>xiangmu</t></rPh></si>"
    "<si><t>第二张表</t></si></sst>";

/* Sheet "第一" (part sheet2.xml): a merged title, values in formats, a
 * hidden row, a formula's cached value and one without, a blank row, a
 * second form. */
static const char SHEET_FIRST[] =
    "<worksheet %s><cols><col min=\"5\" max=\"5\" hidden=\"1\"/></cols><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
    "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c><c r=\"B2\" s=\"1\"><v>10.549999999999999</v></c>"
    "<c r=\"C2\" s=\"2\"><v>0.7536</v></c><c r=\"D2\" s=\"3\"><v>45107</v></c>"
    "<c r=\"E2\"><v>999</v></c></row>"
    "<row r=\"3\" hidden=\"1\"><c r=\"A3\" t=\"inlineStr\"><is><t>内部备注</t></is></c></row>"
    "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>合计</t></is></c>"
    "<c r=\"B4\" s=\"4\"><f>SUM(B2:B3)</f><v>1200.5</v></c><c r=\"C4\"><f>C2*2</f></c>"
    "<c r=\"D4\" t=\"e\"><v>#DIV/0!</v></c></row>"
    "<row r=\"5\"><c r=\"A5\" t=\"b\"><v>1</v></c><c r=\"B5\" t=\"str\"><f>A1</f><v>公式</v></c>"
    "<c r=\"C5\" t=\"inlineStr\"><is><t>合并</t></is></c></row>"
    "<row r=\"8\"><c r=\"A8\" t=\"s\"><v>2</v></c></row>"
    "<row><c t=\"inlineStr\"><is><t>x</t></is></c><c t=\"inlineStr\"><is><t>y</t></is></c></row>"
    "</sheetData><mergeCells count=\"2\"><mergeCell ref=\"A1:D1\"/><mergeCell ref=\"C5:D6\"/>"
    "</mergeCells></worksheet>";

static const char SHEET_SECOND[] =
    "<worksheet %s><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>第二页</t></is></c>"
    "<c r=\"B1\" t=\"inlineStr\"><is><t>值</t></is></c></row></sheetData></worksheet>";

static JxDoc *test_workbook(GError **err)
{
    char *first = g_strdup_printf(SHEET_FIRST, WB_NS);
    char *second = g_strdup_printf(SHEET_SECOND, WB_NS);
    char *wb = g_strdup_printf(
        "<workbook %s><sheets><sheet name=\"第一\" sheetId=\"1\" r:id=\"rId2\"/>"
        "<sheet name=\"隐藏\" sheetId=\"3\" state=\"hidden\" r:id=\"rId3\"/>"
        "<sheet name=\"第二\" sheetId=\"2\" r:id=\"rId1\"/></sheets></workbook>",
        WB_NS);
    const char *members[] = {
        "xl/workbook.xml", wb,
        "xl/_rels/workbook.xml.rels",
        "<Relationships xmlns=\"" RELS_NS "\">"
        "<Relationship Id=\"rId1\" Type=\"" REL "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
        "<Relationship Id=\"rId2\" Type=\"" REL "worksheet\" Target=\"/xl/worksheets/sheet2.xml\"/>"
        "<Relationship Id=\"rId3\" Type=\"" REL "worksheet\" Target=\"./worksheets/../worksheets/sheet3.xml\"/>"
        "<Relationship Id=\"rId4\" Type=\"" REL "styles\" Target=\"styles.xml\"/>"
        "<Relationship Id=\"rId5\" Type=\"" REL "sharedStrings\" Target=\"sharedStrings.xml\"/>"
        "</Relationships>",
        "xl/styles.xml", STYLES,
        "xl/sharedStrings.xml", SST,
        "xl/worksheets/sheet1.xml", second,
        "xl/worksheets/sheet2.xml", first,
        "xl/worksheets/sheet3.xml", second,
        NULL};
    JxDoc *doc = read_members(members, err);
    g_free(first);
    g_free(second);
    g_free(wb);
    return doc;
}

static void test_xlsx_workbook(void)
{
    GError *err = NULL;
    JxDoc *doc = test_workbook(&err);
    CU_ASSERT_PTR_NULL(err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_STRING_EQUAL(doc->format, "xlsx");
    CU_ASSERT_EQUAL(doc->pages, 0);
    /* 第一: title paragraph, table, title paragraph, table; then 第二's
     * table (the hidden sheet between them gives nothing) */
    CU_ASSERT_EQUAL_FATAL(doc->blocks->len, 5);
    CU_ASSERT_EQUAL(block(doc, 0)->kind, JX_BLOCK_PARAGRAPH);
    CU_ASSERT_STRING_EQUAL(block(doc, 0)->text, "项目支出绩效自评表");
    const JxTable *t = block(doc, 1)->table;
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL(t->nrows, 4); /* rows 2, 4, 5, 6: the hidden row 3 is gone */
    CU_ASSERT_EQUAL(t->ncols, 4); /* column E is hidden */
    CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t, 0, 0)->text, "项目名称"); /* runs joined, rPh dropped */
    CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t, 0, 1)->text, "10.55");
    CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t, 0, 2)->text, "75.36%");
    CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t, 0, 3)->text, "2023年6月30日");
    CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t, 1, 0)->text, "合计");
    CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t, 1, 1)->text, "1,200.50元"); /* cached value */
    CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t, 1, 2)->text, "");  /* no cached value */
    CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t, 1, 3)->text, "#DIV/0!");
    CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t, 2, 0)->text, "TRUE");
    CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t, 2, 1)->text, "公式");
    const JxCell *m = jx_table_cell_at(t, 3, 3);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_STRING_EQUAL(m->text, "合并");
    CU_ASSERT_EQUAL(m->row, 2);
    CU_ASSERT_EQUAL(m->col, 2);
    CU_ASSERT_EQUAL(m->rowspan, 2);
    CU_ASSERT_EQUAL(m->colspan, 2);
    /* several forms on one sheet: the blank row 7 ends the first */
    CU_ASSERT_STRING_EQUAL(block(doc, 2)->text, "第二张表");
    t = block(doc, 3)->table;
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t, 0, 1)->text, "y"); /* a row and cells without r= */
    /* sheet order is workbook.xml's, not the parts' */
    t = block(doc, 4)->table;
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t, 0, 0)->text, "第二页");
    jx_doc_free(doc);
}

static void test_xlsx_strict_and_1904(void)
{
    const char *members[] = {
        "xl/workbook.xml",
        "<workbook xmlns=\"http://purl.oclc.org/ooxml/spreadsheetml/main\" "
        "xmlns:r=\"http://purl.oclc.org/ooxml/officeDocument/relationships\">"
        "<workbookPr date1904=\"1\"/><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/>"
        "</sheets></workbook>",
        "xl/_rels/workbook.xml.rels",
        "<Relationships xmlns=\"" RELS_NS "\"><Relationship Id=\"rId1\" "
        "Type=\"http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet\" "
        "Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" "
        "Type=\"http://purl.oclc.org/ooxml/officeDocument/relationships/styles\" "
        "Target=\"styles.xml\"/></Relationships>",
        "xl/styles.xml",
        "<styleSheet xmlns=\"http://purl.oclc.org/ooxml/spreadsheetml/main\"><cellXfs>"
        "<xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs></styleSheet>",
        "xl/worksheets/sheet1.xml",
        "<worksheet xmlns=\"http://purl.oclc.org/ooxml/spreadsheetml/main\"><sheetData>"
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>日期</t></is></c>"
        "<c r=\"B1\" s=\"1\"><v>43829</v></c><c r=\"C1\" t=\"d\" s=\"1\"><v>2023-06-30T00:00:00</v></c>"
        "</row></sheetData></worksheet>",
        NULL};
    GError *err = NULL;
    JxDoc *doc = read_members(members, &err);
    CU_ASSERT_PTR_NULL(err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_EQUAL_FATAL(doc->blocks->len, 1);
    const JxTable *t = block(doc, 0)->table;
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t, 0, 1)->text, "2023/12/31"); /* 1904 system */
    CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t, 0, 2)->text, "2023/6/30");  /* t="d" */
    jx_doc_free(doc);
}

static void test_xlsx_corpus(void)
{
    JxDoc *doc = jx_test_read_doc("corpus/xlsx/000-tongzhou-5forms.xlsx", NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_STRING_EQUAL(doc->format, "xlsx");
    /* the DOCX's blocks: 附件1-1, then five forms of title, year, table */
    CU_ASSERT_EQUAL_FATAL(doc->blocks->len, 16);
    CU_ASSERT_STRING_EQUAL(block(doc, 1)->text, "项目支出绩效自评表");
    const JxTable *t = block(doc, 3)->table;
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL(t->nrows, 20);
    CU_ASSERT_EQUAL(t->ncols, 10);
    const JxCell *c = jx_table_cell_at(t, 6, 1);
    CU_ASSERT_STRING_EQUAL(c->text, "项目资金（万元）");
    CU_ASSERT_EQUAL(c->rowspan, 5);
    CU_ASSERT_EQUAL(c->colspan, 2);
    CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t, 4, 6)->text, "100%"); /* 1 in 0% */
    jx_doc_free(doc);
    /* the DOCX's title box (a 1x1 table) stays a table: its cell is boxed */
    doc = jx_test_read_doc("corpus/xlsx/000-form3-edited.xlsx", NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_EQUAL_FATAL(doc->blocks->len, 2);
    CU_ASSERT_EQUAL(block(doc, 0)->kind, JX_BLOCK_TABLE);
    t = block(doc, 1)->table;
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    /* a number next to 10.55 in 0.00, 0.7536 in 0.00%, a =SUM() total */
    CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t, 4, 5)->text, "10.55");
    CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t, 4, 8)->text, "75.36%");
    CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t, 4, 4)->text, "14");
    jx_doc_free(doc);
}

static void expect_error(const char *path, int code, const char *part)
{
    GError *err = NULL;
    JxDoc *doc = jx_test_read_doc(path, &err);
    CU_ASSERT_PTR_NULL(doc);
    CU_ASSERT_PTR_NOT_NULL_FATAL(err);
    CU_ASSERT_EQUAL(err->code, code);
    if (!strstr(err->message, part))
        JX_FAIL_MSG("%s: \"%s\" does not name %s", path, err->message, part);
    g_error_free(err);
    jx_doc_free(doc);
}

static void test_xlsx_bad(void)
{
    expect_error("tests/data/bad-sheet.xlsx", JX_ERROR_CORRUPT, "xl/worksheets/sheet1.xml");
    expect_error("tests/data/missing-sheet.xlsx", JX_ERROR_CORRUPT, "xl/worksheets/sheet2.xml");
    GError *err = NULL;
    JxDoc *doc = jx_test_read_doc("tests/data/hidden-only.xlsx", &err);
    CU_ASSERT_PTR_NULL(err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_EQUAL(doc->blocks->len, 0); /* no visible sheet: an empty document */
    jx_doc_free(doc);
    /* not a workbook */
    const char *members[] = {"xl/workbook.xml", "<x/>", NULL};
    doc = read_members(members, &err);
    CU_ASSERT_PTR_NULL(doc);
    CU_ASSERT_PTR_NOT_NULL_FATAL(err);
    CU_ASSERT_EQUAL(err->code, JX_ERROR_CORRUPT);
    g_clear_error(&err);
    /* garbage bytes straight to the reader */
    doc = jx_xlsx_read((const guint8 *)"PK\x03\x04junk", 8, &err);
    CU_ASSERT_PTR_NULL(doc);
    CU_ASSERT_PTR_NOT_NULL(err);
    g_clear_error(&err);
}

void jx_add_xlsx_tests(void)
{
    CU_pSuite s = CU_add_suite("xlsx", NULL, NULL);
    CU_add_test(s, "numfmt cases", test_numfmt_cases);
    CU_add_test(s, "numfmt builtin", test_numfmt_builtin);
    CU_add_test(s, "sheet blocks", test_sheet_blocks);
    CU_add_test(s, "sheet boxed rows and limits", test_sheet_boxed_and_limits);
    CU_add_test(s, "workbook", test_xlsx_workbook);
    CU_add_test(s, "strict and 1904", test_xlsx_strict_and_1904);
    CU_add_test(s, "corpus", test_xlsx_corpus);
    CU_add_test(s, "bad inputs", test_xlsx_bad);
}
