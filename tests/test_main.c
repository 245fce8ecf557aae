/* The test runner: every suite, under CUnit's basic interface. Run from
 * the repository root (make test); JIXIAO_BIN names the binary the
 * end-to-end tests run. */
#include <stdio.h>
#include <string.h>

#include <CUnit/Basic.h>

#include "extract/extract.h"
#include "tests/harness.h"

static char *unescape(const char *s)
{
    GString *o = g_string_new(NULL);
    for (; *s; s++) {
        if (*s == '\\' && (s[1] == 'n' || s[1] == 't' || s[1] == '\\')) {
            s++;
            g_string_append_c(o, *s == 'n' ? '\n' : *s == 't' ? '\t' : '\\');
        } else {
            g_string_append_c(o, *s);
        }
    }
    return g_string_free(o, FALSE);
}

int jx_test_cases(const char *path, JxCaseFn fn, void *user)
{
    char *text = NULL;
    if (!g_file_get_contents(path, &text, NULL, NULL))
        return -1;
    char **lines = g_strsplit(text, "\n", -1);
    int count = 0;
    for (int i = 0; lines[i]; i++) {
        if (!lines[i][0] || lines[i][0] == '#')
            continue;
        char **raw = g_strsplit(lines[i], "\t", -1);
        int n = (int)g_strv_length(raw);
        char **fields = g_new0(char *, n + 1);
        for (int k = 0; k < n; k++)
            fields[k] = unescape(raw[k]);
        fn(fields, n, i + 1, user);
        g_strfreev(fields);
        g_strfreev(raw);
        count++;
    }
    g_strfreev(lines);
    g_free(text);
    return count;
}

JxDoc *jx_test_read_doc(const char *path, GError **err)
{
    gchar *data = NULL;
    gsize len = 0;
    if (!g_file_get_contents(path, &data, &len, err))
        return NULL;
    JxDoc *doc = jx_extract((const guint8 *)data, len, err);
    g_free(data);
    return doc;
}

void jx_test_fill(guint8 *img, int w, int x0, int y0, int x1, int y1)
{
    for (int y = y0; y < y1; y++)
        memset(img + (gsize)y * w + x0, 0, (size_t)(x1 - x0));
}

int main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    jx_add_text_tests();
    jx_add_value_tests();
    jx_add_docx_tests();
    jx_add_html_tests();
    jx_add_pdf_tests(); /* first to read scans: its first test needs OCR never loaded */
    jx_add_ofd_tests();
    jx_add_geom_tests();
    jx_add_ocr_tests();
    jx_add_ruleset_tests();
    jx_add_printed_tests();
    jx_add_goalrow_tests();
    jx_add_rowcut_tests();
    jx_add_digits_tests();
    jx_add_sink_tests();
    jx_add_pipeline_tests();
    jx_add_check_tests();
    jx_add_units_tests();
    jx_add_trust_tests();
    jx_add_e2e_tests();
    jx_add_limits_tests();
    jx_add_batch_tests();
    jx_add_pg_tests();
    jx_add_fuzz_regress_tests();
    jx_add_xlsx_tests();
    jx_add_xls_tests();
    jx_add_install_tests();
    jx_add_facts_tests();
    jx_add_review_tests();
    /* JX_TEST_SUITES=a,b runs only the suites whose names hold a or b (a
     * developer's quick loop; make test runs them all) */
    const char *only = getenv("JX_TEST_SUITES");
    if (only && *only) {
        char **want = g_strsplit(only, ",", -1);
        for (CU_pSuite s = CU_get_registry()->pSuite; s; s = s->pNext) {
            gboolean on = FALSE;
            for (char **w = want; *w && !on; w++)
                on = **w && strstr(s->pName, *w) != NULL;
            CU_set_suite_active(s, on);
        }
        g_strfreev(want);
    }
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failed = CU_get_number_of_tests_failed() + CU_get_number_of_failures();
    CU_cleanup_registry();
    return failed ? 1 : 0;
}
