/* The PDF reader on the corpus and on bad files (extract/pdf/pdf.h), and
 * tables joined across page breaks (extract/pdf/crosspage.h). */
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cairo-pdf.h>

#include "common/error.h"
#include "extract/pdf/crosspage.h"
#include "extract/pdf/pdf.h"
#include "tests/harness.h"

/* A two-column table on one page: a header row, then rows; the first
 * row's right cell runs to its edge when `cut`. */
static JxTable *page_table(int page, const char *h0, const char *h1, const char *const *rows,
                           int nrows, unsigned flags, gboolean cut)
{
    JxTable *t = jx_table_new();
    for (int r = 0; r <= nrows; r++)
        for (int c = 0; c < 2; c++) {
            const char *text = r == 0 ? (c ? h1 : h0) : rows[2 * (r - 1) + c];
            JxCell *cell = jx_table_add_cell(t, r, c, 1, 1, text);
            cell->page = page;
            cell->flags = flags;
            cell->x0 = c ? 100 : 50;
            cell->x1 = c ? 400 : 100;
            cell->y0 = 100 + 20 * r;
            cell->y1 = cell->y0 + 20;
            cell->runs_to_edge = cut && r == nrows && c == 1;
        }
    jx_table_finish(t);
    t->page_start = t->page_end = page;
    return t;
}

/* A table across a page break, read by OCR: the header repeated on page 2
 * reads a little differently and is still dropped; the row the break cut
 * is joined. Text-layer headers must match exactly. */
static void test_crosspage_ocr(void)
{
    const char *first[] = {"产出指标", "部门所设立的整体绩效目标依据是否充分,"};
    const char *second[] = {"", "用以反映和考核", "效益指标", "为企业排忧解难"};
    for (int ocr = 1; ocr >= 0; ocr--) {
        unsigned m = ocr ? JX_FLAG_BIT(JX_FLAG_OCR) : 0;
        JxDoc *doc = jx_doc_new("pdf");
        jx_doc_add_table(doc, page_table(1, "一级指标", "复核得分", first, 1, m, TRUE), 1);
        jx_doc_add_table(doc, page_table(2, "一级指 `标", "夏核得分", second, 2, m, FALSE), 2);
        jx_crosspage_join(doc);
        CU_ASSERT_EQUAL_FATAL(doc->blocks->len, 1);
        const JxTable *t = ((JxBlock *)g_ptr_array_index(doc->blocks, 0))->table;
        /* OCR: header, joined row, 效益指标; text layer: both headers, no join */
        CU_ASSERT_EQUAL(t->nrows, ocr ? 3 : 5);
        if (ocr) {
            const JxCell *c = jx_table_cell_at(t, 1, 1);
            CU_ASSERT_STRING_EQUAL(c->text, "部门所设立的整体绩效目标依据是否充分,用以反映和考核");
            CU_ASSERT(c->flags & JX_FLAG_BIT(JX_FLAG_CROSS_PAGE));
            CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t, 2, 0)->text, "效益指标");
        }
        jx_doc_free(doc);
    }
}

/* One row of n cells on a page, read by OCR, the ones in `edge` (if
 * given) running to their right edge. */
static JxTable *row_table(int page, const char *const *texts, const gboolean *edge, int n)
{
    JxTable *t = jx_table_new();
    for (int c = 0; c < n; c++) {
        JxCell *cell = jx_table_add_cell(t, 0, c, 1, 1, texts[c]);
        cell->page = page;
        cell->flags = JX_FLAG_BIT(JX_FLAG_OCR);
        cell->x0 = 50 + 100 * c;
        cell->x1 = cell->x0 + 100;
        cell->y0 = page == 1 ? 700 : 50;
        cell->y1 = cell->y0 + 40;
        cell->runs_to_edge = edge && edge[c];
    }
    jx_table_finish(t);
    t->page_start = t->page_end = page;
    return t;
}

/* A row cut by a page break is joined when its cells ran to their edges;
 * one cell may have stopped short (a line ending in ；) when two others
 * run on, not when only one does. */
static void test_crosspage_stopped_short(void)
{
    const char *top[] = {"可持续", "促进企业家“两个", "1、提供佐证资料;"};
    const char *rest[] = {"影响6分", "健康”发展", "2、三级指标分值"};
    const gboolean runs[][3] = {{TRUE, TRUE, FALSE}, {FALSE, TRUE, FALSE}};
    for (int k = 0; k < 2; k++) {
        const gboolean none[3] = {FALSE, FALSE, FALSE};
        JxDoc *doc = jx_doc_new("pdf");
        jx_doc_add_table(doc, row_table(1, top, runs[k], 3), 1);
        jx_doc_add_table(doc, row_table(2, rest, none, 3), 2);
        jx_crosspage_join(doc);
        CU_ASSERT_EQUAL_FATAL(doc->blocks->len, 1);
        const JxTable *t = ((JxBlock *)g_ptr_array_index(doc->blocks, 0))->table;
        CU_ASSERT_EQUAL(t->nrows, k == 0 ? 1 : 2);
        if (k == 0)
            CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t, 0, 1)->text, "促进企业家“两个健康”发展");
        jx_doc_free(doc);
    }
}

/* A header repeated on the next page by OCR: a cell a little off is the
 * same (复核得簿); one in four may read quite otherwise (分值得了) and the
 * row is still dropped; two in four, and it is a row of the table. */
static void test_crosspage_header_misread(void)
{
    const char *head[] = {"一级指标", "二级指标", "分值", "复核得分"};
    const char *once[] = {"一级指标", "二级指标", "分值得了", "复核得簿"};
    const char *twice[] = {"一级指标", "二级指标", "分值得了", "复核"};
    const char *const *again[] = {once, twice};
    for (int k = 0; k < 2; k++) {
        JxDoc *doc = jx_doc_new("pdf");
        JxTable *a = row_table(1, head, NULL, 4), *b = row_table(2, again[k], NULL, 4);
        const char *row[] = {"产出指标", "数量指标", "10", "10"};
        for (int c = 0; c < 4; c++) { /* a row under each header */
            jx_table_add_cell(a, 1, c, 1, 1, row[c])->flags = JX_FLAG_BIT(JX_FLAG_OCR);
            jx_table_add_cell(b, 1, c, 1, 1, row[c])->flags = JX_FLAG_BIT(JX_FLAG_OCR);
        }
        jx_table_finish(a);
        jx_table_finish(b);
        jx_doc_add_table(doc, a, 1);
        jx_doc_add_table(doc, b, 2);
        jx_crosspage_join(doc);
        CU_ASSERT_EQUAL_FATAL(doc->blocks->len, 1);
        const JxTable *t = ((JxBlock *)g_ptr_array_index(doc->blocks, 0))->table;
        CU_ASSERT_EQUAL(t->nrows, k == 0 ? 3 : 4);
        jx_doc_free(doc);
    }
}

/* Without the OCR plugin a PDF's picture pages stay unread, and the
 * document says why in one note, however many such pages it has; nothing
 * is printed. In a child process: a failed load is kept for the life of a
 * process (extract/ocr/ocr.h), and this must run before OCR is loaded. */
static void test_pdf_without_ocr(void)
{
    int fds[2];
    CU_ASSERT_FATAL(pipe(fds) == 0);
    pid_t pid = fork();
    CU_ASSERT_FATAL(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        g_setenv("JIXIAO_OCR_PLUGIN", "/nonexistent/jixiao-ocr.so", TRUE);
        GError *err = NULL;
        JxDoc *doc = jx_test_read_doc("corpus/scanned/003-guangshui-common-72dpi.pdf", &err);
        GString *out = g_string_new(NULL);
        if (doc) {
            g_string_append_printf(out, "%d %u %u %s\n", doc->pages, doc->pages_without_text->len,
                                   doc->ocr_pages, doc->text_source);
            for (guint i = 0; i < doc->notes->len; i++)
                g_string_append_printf(out, "%s\n", (char *)g_ptr_array_index(doc->notes, i));
        }
        gboolean ok = write(fds[1], out->str, out->len) == (ssize_t)out->len;
        g_string_free(out, TRUE);
        jx_doc_free(doc);
        g_clear_error(&err);
        close(fds[1]);
        _exit(ok ? 0 : 1);
    }
    close(fds[1]);
    GString *got = g_string_new(NULL);
    char buf[512];
    ssize_t n;
    while ((n = read(fds[0], buf, sizeof buf)) > 0)
        g_string_append_len(got, buf, n);
    close(fds[0]);
    int status = 0;
    CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
    CU_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    char **lines = g_strsplit(got->str, "\n", -1);
    CU_ASSERT_EQUAL_FATAL(g_strv_length(lines), 3); /* the counts, one note, "" */
    CU_ASSERT_STRING_EQUAL(lines[0], "3 3 0 none");
    CU_ASSERT(g_str_has_prefix(lines[1], "OCR cannot be loaded: /nonexistent/jixiao-ocr.so"));
    CU_ASSERT(g_str_has_suffix(lines[1], "; pages without text stay unread"));
    g_strfreev(lines);
    g_string_free(got, TRUE);
}
static cairo_status_t to_bytes(void *closure, const unsigned char *data, unsigned int len)
{
    g_byte_array_append(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
}

/* A PDF of pages with text ("Total 100") or nothing on them. */
static GByteArray *pdf_of(const gboolean *with_text, int n)
{
    GByteArray *out = g_byte_array_new();
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_bytes, out, 595, 842);
    cairo_t *cr = cairo_create(s);
    for (int i = 0; i < n; i++) {
        if (with_text[i]) {
            cairo_set_font_size(cr, 12);
            cairo_move_to(cr, 72, 72);
            cairo_show_text(cr, "Total 100");
        }
        cairo_show_page(cr);
    }
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    return out;
}

/* A blank page (nothing drawn: a producer's trailing page) is no page
 * without text, and nothing is read from it by OCR. */
static void test_pdf_blank_page(void)
{
    const gboolean text_then_blank[] = {TRUE, FALSE}, blank[] = {FALSE};
    GByteArray *pdf = pdf_of(text_then_blank, 2);
    GError *err = NULL;
    JxDoc *doc = jx_pdf_read(pdf->data, pdf->len, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_EQUAL(doc->pages, 2);
    CU_ASSERT_EQUAL(doc->pages_without_text->len, 0);
    CU_ASSERT_EQUAL(doc->ocr_pages, 0);
    CU_ASSERT_STRING_EQUAL(doc->text_source, "native");
    jx_doc_free(doc);
    g_byte_array_free(pdf, TRUE);

    pdf = pdf_of(blank, 1);
    doc = jx_pdf_read(pdf->data, pdf->len, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_EQUAL(doc->pages_without_text->len, 0);
    CU_ASSERT_STRING_EQUAL(doc->text_source, "none");
    jx_doc_free(doc);
    g_byte_array_free(pdf, TRUE);
}

static void test_pdf_reader(void)
{
    GError *err = NULL;
    JxDoc *doc = jx_test_read_doc("corpus/pdf/000-tongzhou-5forms.pdf", &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_STRING_EQUAL(doc->format, "pdf");
    CU_ASSERT_EQUAL(doc->pages, 5);
    CU_ASSERT_STRING_EQUAL(doc->text_source, "native");
    const JxTable *t = NULL;
    for (guint i = 0; i < doc->blocks->len && !t; i++) {
        const JxBlock *b = g_ptr_array_index(doc->blocks, i);
        if (b->kind == JX_BLOCK_TABLE)
            t = b->table;
    }
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    /* the same grid as the DOCX it was exported from */
    CU_ASSERT_EQUAL(t->nrows, 20);
    CU_ASSERT_EQUAL(t->ncols, 10);
    const JxCell *c = jx_table_cell_at(t, 6, 1);
    CU_ASSERT_EQUAL(c->row, 3);
    CU_ASSERT_EQUAL(c->rowspan, 5);
    CU_ASSERT_EQUAL(c->colspan, 2);
    CU_ASSERT_EQUAL(c->page, 1);
    CU_ASSERT(c->x1 > c->x0 && c->y1 > c->y0);
    jx_doc_free(doc);

    doc = jx_test_read_doc("tests/data/image-only.pdf", &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_STRING_EQUAL(doc->text_source, "ocr"); /* no text layer: read by OCR */
    CU_ASSERT_EQUAL(doc->pages_without_text->len, 1);
    jx_doc_free(doc);

    static const struct { const char *path; int code; } BAD[] = {
        {"tests/data/encrypted-password.pdf", JX_ERROR_ENCRYPTED},
        {"tests/data/truncated.pdf", JX_ERROR_CORRUPT},
        {"tests/data/corrupt.pdf", JX_ERROR_CORRUPT},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(BAD); i++) {
        doc = jx_test_read_doc(BAD[i].path, &err);
        CU_ASSERT_PTR_NULL(doc);
        if (!err || err->code != BAD[i].code)
            JX_FAIL_MSG("%s: %s, expected %s", BAD[i].path,
                        err ? jx_error_code_name(err->code) : "no error",
                        jx_error_code_name(BAD[i].code));
        g_clear_error(&err);
        jx_doc_free(doc);
    }
    /* an owner password alone does not stop reading */
    doc = jx_test_read_doc("tests/data/encrypted-no-password.pdf", &err);
    CU_ASSERT_PTR_NOT_NULL(doc);
    jx_doc_free(doc);
}

void jx_add_pdf_tests(void)
{
    CU_pSuite s = CU_add_suite("extract/pdf/pdf", NULL, NULL);
    /* before every test that OCRs: it needs a process where OCR was never loaded */
    CU_add_test(s, "without OCR: one note a document, pages unread", test_pdf_without_ocr);
    CU_add_test(s, "reader: grid, image-only, encrypted, corrupt", test_pdf_reader);
    CU_add_test(s, "a blank page: no page without text, nothing read", test_pdf_blank_page);
    s = CU_add_suite("extract/pdf/crosspage", NULL, NULL);
    CU_add_test(s, "an OCR'd table across a page break", test_crosspage_ocr);
    CU_add_test(s, "a row cut by a page break, one cell short", test_crosspage_stopped_short);
    CU_add_test(s, "a header repeated by OCR, one cell misread", test_crosspage_header_misread);
}
