/* Limits on what one input may cost (issue 17): a huge PDF page is rendered
 * small for its ruling lines; a DOCX part that inflates too far or a grid too
 * large is TOO_LARGE; a rule's regex gives up under PCRE2 limits, is
 * reported once and flags what it was matched on. */
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>
#include <zip.h>

#include <glib/gstdio.h>

#include "common/error.h"
#include "common/ruleset.h"
#include "extract/extract.h"
#include "extract/office/docx.h"
#include "extract/zip.h"
#include "extract/pdf/pdf.h"
#include "rules/check.h"
#include "rules/form.h"
#include "tests/harness.h"

/* ---------- inputs ---------- */

/* A one-page PDF of side x side points holding `content` (a content stream
 * with font F1 = Helvetica). Returns a new GByteArray. */
static GByteArray *make_pdf(int side, const char *content)
{
    char *objs[5] = {
        g_strdup("<< /Type /Catalog /Pages 2 0 R >>"),
        g_strdup("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        g_strdup_printf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R "
                        "/Resources << /Font << /F1 5 0 R >> >> >>", side, side),
        g_strdup_printf("<< /Length %zu >>\nstream\n%s\nendstream", strlen(content), content),
        g_strdup("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"),
    };
    GString *s = g_string_new("%PDF-1.4\n");
    gsize off[5];
    for (int i = 0; i < 5; i++) {
        off[i] = s->len;
        g_string_append_printf(s, "%d 0 obj\n%s\nendobj\n", i + 1, objs[i]);
        g_free(objs[i]);
    }
    gsize xref = s->len;
    g_string_append(s, "xref\n0 6\n0000000000 65535 f \n");
    for (int i = 0; i < 5; i++)
        g_string_append_printf(s, "%010zu 00000 n \n", off[i]);
    g_string_append_printf(s, "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", xref);
    GByteArray *out = g_byte_array_new();
    g_byte_array_append(out, (const guint8 *)s->str, (guint)s->len);
    g_string_free(s, TRUE);
    return out;
}

/* A DOCX (deflated ZIP) whose word/document.xml is body inside
 * w:document/w:body. Returns its bytes (g_free) in *len. */
static guint8 *make_docx(const GString *body, gsize *len)
{
    char *path = g_build_filename(g_get_tmp_dir(), "jx-limits-XXXXXX.docx", NULL);
    int fd = g_mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    close(fd);
    GString *xml = g_string_new("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w="
                                "\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                                "<w:body>");
    g_string_append_len(xml, body->str, (gssize)body->len);
    g_string_append(xml, "</w:body></w:document>");
    int zerr = 0;
    zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
    CU_ASSERT_PTR_NOT_NULL_FATAL(za);
    zip_source_t *src = zip_source_buffer(za, xml->str, xml->len, 0);
    CU_ASSERT_FATAL(zip_file_add(za, "word/document.xml", src, ZIP_FL_OVERWRITE) >= 0);
    CU_ASSERT_FATAL(zip_close(za) == 0);
    g_string_free(xml, TRUE);
    gchar *data = NULL;
    CU_ASSERT_FATAL(g_file_get_contents(path, &data, len, NULL));
    g_unlink(path);
    g_free(path);
    return (guint8 *)data;
}

/* rows x cells table cells of gridSpan 999; a different text in each when varied. */
static GString *gridspan_body(int rows, int cells, gboolean varied)
{
    GString *b = g_string_new("<w:tbl>");
    guint32 x = 17;
    for (int r = 0; r < rows; r++) {
        g_string_append(b, "<w:tr>");
        for (int c = 0; c < cells; c++) {
            x = x * 1103515245u + 12345u;
            g_string_append_printf(b, "<w:tc><w:tcPr><w:gridSpan w:val=\"999\"/></w:tcPr>"
                                      "<w:p><w:r><w:t>%08x</w:t></w:r></w:p></w:tc>",
                                   varied ? x : 0u);
        }
        g_string_append(b, "</w:tr>");
    }
    g_string_append(b, "</w:tbl>");
    return b;
}

static long peak_rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

/* ---------- PDF raster ---------- */

/* A 14400 x 14400 pt page (824 MB at 1 px/pt) is read, rendered small. */
static void test_huge_page(void)
{
    GByteArray *pdf = make_pdf(14400, "BT /F1 12 Tf 72 72 Td (Huge page) Tj ET");
    long before = peak_rss_kb();
    GError *err = NULL;
    JxDoc *doc = jx_extract(pdf->data, pdf->len, &err);
    long grown_mb = (peak_rss_kb() - before) / 1024;
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_EQUAL(doc->pages, 1);
    CU_ASSERT_EQUAL(doc->pages_without_text->len, 0);
    gboolean found = FALSE;
    for (guint i = 0; i < doc->blocks->len; i++) {
        const JxBlock *b = g_ptr_array_index(doc->blocks, i);
        found |= b->text && strstr(b->text, "Huge page") != NULL;
    }
    CU_ASSERT_TRUE(found);
    if (grown_mb > 300)
        JX_FAIL_MSG("a 14400 pt page grew the peak by %ld MB", grown_mb);
    jx_doc_free(doc);
    g_byte_array_free(pdf, TRUE);
}

/* A 6000 pt page is over JX_PDF_RULING_MAX_PIXELS at 1 px/pt: rendered at
 * 2/3, its ruled 2 x 2 table (3 pt lines) is still found by its lines. */
static void test_large_page_ruled(void)
{
    CU_ASSERT_TRUE(6000.0 * 6000.0 > JX_PDF_RULING_MAX_PIXELS);
    const char *content = "3 w 1000 1000 2000 1000 re S 2000 1000 m 2000 2000 l S "
                          "1000 1500 m 3000 1500 l S "
                          "BT /F1 40 Tf 1100 1700 Td (AAA) Tj ET BT /F1 40 Tf 2100 1700 Td (BBB) Tj ET "
                          "BT /F1 40 Tf 1100 1200 Td (CCC) Tj ET BT /F1 40 Tf 2100 1200 Td (DDD) Tj ET";
    GByteArray *pdf = make_pdf(6000, content);
    JxDoc *doc = jx_extract(pdf->data, pdf->len, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    const JxTable *t = NULL;
    for (guint i = 0; i < doc->blocks->len && !t; i++) {
        const JxBlock *b = g_ptr_array_index(doc->blocks, i);
        t = b->table;
    }
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL(t->nrows, 2);
    CU_ASSERT_EQUAL(t->ncols, 2);
    const JxCell *c = jx_table_cell_at(t, 1, 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CU_ASSERT_STRING_EQUAL(c->text, "DDD");
    CU_ASSERT_FALSE(c->flags & JX_FLAG_BIT(JX_FLAG_COLUMN_INFERRED)); /* by its lines */
    jx_doc_free(doc);
    g_byte_array_free(pdf, TRUE);
}

/* ---------- DOCX ---------- */

/* document.xml of 8 MB from some 10 KB: over 100:1 past 4 MB is TOO_LARGE. */
static void test_docx_ratio(void)
{
    GString *body = g_string_new(NULL);
    while (body->len < 8u * 1024 * 1024)
        g_string_append(body, "<w:p><w:r><w:t>a</w:t></w:r></w:p>");
    gsize len = 0;
    guint8 *data = make_docx(body, &len);
    CU_ASSERT_TRUE(len < 8u * 1024 * 1024 / JX_ZIP_MAX_RATIO);
    GError *err = NULL;
    JxDoc *doc = jx_docx_read(data, len, &err);
    CU_ASSERT_PTR_NULL(doc);
    CU_ASSERT_TRUE(g_error_matches(err, JX_ERROR, JX_ERROR_TOO_LARGE));
    CU_ASSERT_PTR_NOT_NULL(err && strstr(err->message, "times its") ? err : NULL);
    g_clear_error(&err);
    jx_doc_free(doc);
    g_free(data);
    g_string_free(body, TRUE);
}

/* 50 rows of 100 cells of gridSpan 999: 5 M grid positions, over the
 * limit, TOO_LARGE; 10 x 10 of them (a table 9990 wide) is read. */
static void test_docx_grid(void)
{
    GString *body = gridspan_body(50, 100, TRUE);
    gsize len = 0;
    guint8 *data = make_docx(body, &len);
    GError *err = NULL;
    JxDoc *doc = jx_docx_read(data, len, &err);
    CU_ASSERT_PTR_NULL(doc);
    CU_ASSERT_TRUE(g_error_matches(err, JX_ERROR, JX_ERROR_TOO_LARGE));
    CU_ASSERT_PTR_NOT_NULL(err && strstr(err->message, "rows x columns") ? err : NULL);
    g_clear_error(&err);
    jx_doc_free(doc);
    g_free(data);
    g_string_free(body, TRUE);

    body = gridspan_body(10, 10, TRUE);
    data = make_docx(body, &len);
    doc = jx_docx_read(data, len, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    const JxBlock *b = g_ptr_array_index(doc->blocks, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b->table);
    CU_ASSERT_EQUAL(b->table->nrows, 10);
    CU_ASSERT_EQUAL(b->table->ncols, 9990);
    jx_doc_free(doc);
    g_free(data);
    g_string_free(body, TRUE);
}

/* ---------- regex limits ---------- */

/* ^(a+)+$ against 40 a's and a b: 2^40 ways to fail, given up at once,
 * counted and reported once with the rule's file:line. */
static void test_regex_limit(void)
{
    JxRuleset *rs = jx_ruleset_new();
    CU_ASSERT_TRUE_FATAL(jx_ruleset_load_data(rs, "user.rules",
                                              "# a bad rule\ntitle slow ^(a+)+$\n"
                                              "namestrip x (a+)+$\n", NULL));
    char *text = g_strnfill(40, 'a');
    char *bad = g_strconcat(text, "b", NULL);
    guint hits = jx_ruleset_limit_hits();
    gint64 t0 = g_get_monotonic_time();
    CU_ASSERT_PTR_NULL(jx_ruleset_match(rs, "title", bad, NULL));
    CU_ASSERT_EQUAL(jx_ruleset_limit_hits(), hits + 1);
    CU_ASSERT_PTR_NULL(jx_ruleset_match(rs, "title", bad, NULL));
    CU_ASSERT_EQUAL(jx_ruleset_limit_hits(), hits + 2);
    char *stripped = jx_ruleset_strip(rs, "namestrip", bad);
    CU_ASSERT_STRING_EQUAL(stripped, bad); /* gave up: nothing removed */
    CU_ASSERT_TRUE(jx_ruleset_limit_hits() > hits + 2);
    gint64 ms = (g_get_monotonic_time() - t0) / 1000;
    if (ms > 1000)
        JX_FAIL_MSG("the pathological rule took %" G_GINT64_FORMAT " ms", ms);
    /* a text it matches is still matched */
    CU_ASSERT_STRING_EQUAL(jx_ruleset_match(rs, "title", text, NULL), "slow");

    GPtrArray *rep = jx_ruleset_take_limit_reports(rs);
    CU_ASSERT_EQUAL(rep->len, 2);
    if (rep->len == 2) {
        CU_ASSERT_TRUE(g_str_has_prefix(g_ptr_array_index(rep, 0), "user.rules:2: "));
        CU_ASSERT_TRUE(g_str_has_prefix(g_ptr_array_index(rep, 1), "user.rules:3: "));
    }
    g_ptr_array_unref(rep);
    jx_ruleset_match(rs, "title", bad, NULL);
    rep = jx_ruleset_take_limit_reports(rs); /* once per rule */
    CU_ASSERT_EQUAL(rep->len, 0);
    g_ptr_array_unref(rep);
    g_free(stripped);
    g_free(bad);
    g_free(text);
    jx_ruleset_free(rs);
}

/* A user's column rule that gives up on every header-long cell of a real
 * form: the forms are read as before, and the document and its rows carry
 * RULE_LIMIT, their confidence under 0.9. */
static void test_rule_limit_flag(void)
{
    JxRuleset *rs = jx_ruleset_new();
    CU_ASSERT_TRUE_FATAL(jx_ruleset_load_builtin(rs, NULL));
    JxDoc *doc = jx_test_read_doc("corpus/docx/000-tongzhou-5forms.docx", NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    JxResult *plain = jx_forms_read(doc, rs);
    CU_ASSERT_FALSE(plain->flags & JX_FLAG_BIT(JX_FLAG_RULE_LIMIT));
    CU_ASSERT_TRUE_FATAL(jx_ruleset_load_data(rs, "user.rules", "indcol name ^(\\S+)+\\s$\n", NULL));
    JxResult *res = jx_forms_read(doc, rs);
    jx_check_result(res, rs);
    CU_ASSERT_TRUE(res->flags & JX_FLAG_BIT(JX_FLAG_RULE_LIMIT));
    CU_ASSERT_EQUAL(res->forms->len, plain->forms->len);
    CU_ASSERT_EQUAL(jx_result_indicator_count(res), jx_result_indicator_count(plain));
    guint flagged = 0;
    for (guint f = 0; f < res->forms->len; f++) {
        const JxForm *form = g_ptr_array_index(res->forms, f);
        for (guint i = 0; i < form->indicators->len; i++) {
            const JxIndicator *ind = g_ptr_array_index(form->indicators, i);
            if (ind->flags & JX_FLAG_BIT(JX_FLAG_RULE_LIMIT)) {
                flagged++;
                CU_ASSERT_TRUE(ind->confidence < 0.9);
            }
        }
    }
    CU_ASSERT_TRUE(flagged > 0);
    CU_ASSERT_TRUE(jx_check_confidence(JX_FLAG_BIT(JX_FLAG_RULE_LIMIT), rs) < 0.9);
    GPtrArray *rep = jx_ruleset_take_limit_reports(rs);
    CU_ASSERT_EQUAL(rep->len, 1);
    if (rep->len)
        CU_ASSERT_TRUE(g_str_has_prefix(g_ptr_array_index(rep, 0), "user.rules:1: "));
    g_ptr_array_unref(rep);
    jx_result_free(res);
    jx_result_free(plain);
    jx_doc_free(doc);
    jx_ruleset_free(rs);
}

void jx_add_limits_tests(void)
{
    CU_pSuite s = CU_add_suite("limits", NULL, NULL);
    CU_add_test(s, "huge PDF page rendered small", test_huge_page);
    CU_add_test(s, "large PDF page keeps its ruling lines", test_large_page_ruled);
    CU_add_test(s, "DOCX part over 100:1 is TOO_LARGE", test_docx_ratio);
    CU_add_test(s, "DOCX grid over the limit is TOO_LARGE", test_docx_grid);
    CU_add_test(s, "regex limit: given up, counted, reported once", test_regex_limit);
    CU_add_test(s, "regex limit flags the records", test_rule_limit_flag);
}
