/* Shared helpers of the CUnit test runner. */
#ifndef JX_TEST_HARNESS_H
#define JX_TEST_HARNESS_H

#include <CUnit/CUnit.h>
#include <glib.h>

#include "extract/doc.h"

/* Fails the current test with a message naming what differs. */
#define JX_FAIL_MSG(...)                                                     \
    do {                                                                     \
        char *m_ = g_strdup_printf(__VA_ARGS__);                             \
        CU_assertImplementation(CU_FALSE, __LINE__, m_, __FILE__, "", CU_FALSE); \
        fprintf(stderr, "    FAIL %s\n", m_);                                \
        g_free(m_);                                                          \
    } while (0)

/* Lines of a .cases file: fields split at TABs, with \n \t \\ unescaped in
 * each field; blank lines and lines starting with # are skipped.
 * Calls fn(fields, nfields, line number, user) for each. Returns the number
 * of cases, or -1 if the file cannot be read. */
typedef void (*JxCaseFn)(char **fields, int n, int line, void *user);
int jx_test_cases(const char *path, JxCaseFn fn, void *user);

/* A document read by the extract stage, or NULL with *err set. */
JxDoc *jx_test_read_doc(const char *path, GError **err);

/* Paints [x0,x1) x [y0,y1) of an 8-bit gray image (stride w) black. */
void jx_test_fill(guint8 *img, int w, int x0, int y0, int x1, int y1);

/* Suites, one per test file. */
void jx_add_text_tests(void);
void jx_add_value_tests(void);
void jx_add_docx_tests(void);
void jx_add_html_tests(void);
void jx_add_pdf_tests(void);
void jx_add_ofd_tests(void);
void jx_add_geom_tests(void);
void jx_add_ocr_tests(void);
void jx_add_ruleset_tests(void);
void jx_add_printed_tests(void);
void jx_add_goalrow_tests(void);
void jx_add_rowcut_tests(void);
void jx_add_digits_tests(void);
void jx_add_sink_tests(void);
void jx_add_pipeline_tests(void);
void jx_add_check_tests(void);
void jx_add_trust_tests(void);
void jx_add_e2e_tests(void);
void jx_add_units_tests(void);
void jx_add_limits_tests(void);
void jx_add_batch_tests(void);
void jx_add_pg_tests(void);
void jx_add_fuzz_regress_tests(void);
void jx_add_xlsx_tests(void);
void jx_add_xls_tests(void);
void jx_add_install_tests(void);
void jx_add_facts_tests(void);
void jx_add_review_tests(void);

#endif
