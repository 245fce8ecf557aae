/* The fuzz regressions: every input of tests/fuzz-regress/<target>/ once
 * crashed (or leaked, or overflowed) in the libFuzzer target of that name;
 * each runs again through the same entry (fuzz/entries.h), here under
 * ASan/UBSan and LeakSanitizer, so that the bug cannot come back. Each
 * input runs in a child process: a sanitizer report ends the child, and
 * the test names the input that failed while the other tests go on. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "extract/extract.h"
#include "fuzz/entries.h"
#include "normalize/value.h"
#include "tests/harness.h"

#define REGRESS_DIR "tests/fuzz-regress"

/* Runs entry on the input in a child; fails the test when the child does
 * not end with status 0 (a sanitizer's report is on stderr). */
static void run_one(JxFuzzEntry entry, const char *path, const char *data, gsize len)
{
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid == 0) {
        entry((const guint8 *)data, len);
        exit(0); /* exit, not _exit: LeakSanitizer runs at exit */
    }
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) != pid)
        JX_FAIL_MSG("%s: cannot run a child process", path);
    else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        JX_FAIL_MSG("%s: the %s (see the report above)", path,
                    WIFSIGNALED(status) ? "entry was killed by a signal" : "entry failed");
}

/* Runs every file of REGRESS_DIR/target through its entry; returns how
 * many there were (-1: the folder cannot be read). */
static int run_target(const char *target)
{
    JxFuzzEntry entry = jx_fuzz_entry(target);
    CU_ASSERT_PTR_NOT_NULL_FATAL(entry);
    char *dir = g_build_filename(REGRESS_DIR, target, NULL);
    GDir *d = g_dir_open(dir, 0, NULL);
    int n = -1;
    if (d) {
        n = 0;
        const char *name;
        while ((name = g_dir_read_name(d))) {
            if (name[0] == '.' || g_str_has_suffix(name, ".md"))
                continue;
            char *path = g_build_filename(dir, name, NULL);
            gchar *data = NULL;
            gsize len = 0;
            if (!g_file_get_contents(path, &data, &len, NULL)) {
                JX_FAIL_MSG("%s cannot be read", path);
            } else {
                run_one(entry, path, data, len);
                n++;
            }
            g_free(data);
            g_free(path);
        }
        g_dir_close(d);
    }
    g_free(dir);
    return n;
}

/* Targets whose folder may be empty: nothing has crashed them yet. */
static void test_every_target(void)
{
    static const char *const TARGETS[] = {"text", "docx", "docxml", "pdf", "rules",
                                          "pipeline", "html", "xlsx", "xls", "ofd"};
    for (gsize i = 0; i < G_N_ELEMENTS(TARGETS); i++) {
        int n = run_target(TARGETS[i]);
        if (n < 0)
            JX_FAIL_MSG("%s/%s/ cannot be read", REGRESS_DIR, TARGETS[i]);
    }
}

/* What a value must be (run in a child, as a JxFuzzEntry): a number the
 * text does not make negative is not negative, and is finite, with or
 * without a header unit (七亿亿亿 was -4.42e18). Exits 1 when it is not. */
static void check_value(const guint8 *data, gsize len)
{
    char *text = g_strndup((const char *)data, len);
    for (int h = 0; h < 2; h++) {
        JxValue v;
        jx_value_parse(text, h ? "万元" : NULL, &v);
        gboolean bad = v.has_value && (!isfinite(v.value) || v.value < 0);
        if (bad)
            fprintf(stderr, "    %s: value %g (kind %s)\n", text, v.value, jx_kind_name(v.kind));
        jx_value_clear(&v);
        if (bad) {
            g_free(text);
            exit(1);
        }
    }
    g_free(text);
}

/* The value inputs: through the entry, then their values checked. */
static void test_value(void)
{
    CU_ASSERT_TRUE(run_target("value") >= 1);
    char *path = g_build_filename(REGRESS_DIR, "value", "cn-numeral-overflow", NULL);
    gchar *text = NULL;
    gsize len = 0;
    CU_ASSERT_TRUE_FATAL(g_file_get_contents(path, &text, &len, NULL));
    CU_ASSERT_STRING_EQUAL(text, "七亿亿亿");
    run_one(check_value, path, text, len);
    g_free(text);
    g_free(path);
}

/* The entries themselves: the by-name table, and the in-memory DOCX of the
 * docxml target reads as the document it holds. */
static void test_entries(void)
{
    CU_ASSERT_PTR_EQUAL(jx_fuzz_entry("value"), jx_fuzz_value);
    CU_ASSERT_PTR_EQUAL(jx_fuzz_entry("pipeline"), jx_fuzz_pipeline);
    CU_ASSERT_PTR_NULL(jx_fuzz_entry("nope"));
    CU_ASSERT_PTR_NULL(jx_fuzz_entry(NULL));

    static const char XML[] =
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
        "<w:body><w:p><w:r><w:t>项目名称</w:t></w:r></w:p></w:body></w:document>";
    gsize len = 0;
    guint8 *docx = jx_fuzz_docx_of((const guint8 *)XML, sizeof XML - 1, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(docx);
    CU_ASSERT_STRING_EQUAL(jx_sniff_format(docx, len), "docx");
    GError *err = NULL;
    JxDoc *doc = jx_extract(docx, len, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_EQUAL(doc->blocks->len, 1);
    const JxBlock *b = doc->blocks->len ? g_ptr_array_index(doc->blocks, 0) : NULL;
    CU_ASSERT_TRUE(b && b->text && strcmp(b->text, "项目名称") == 0);
    jx_doc_free(doc);
    g_free(docx);
}

void jx_add_fuzz_regress_tests(void)
{
    CU_pSuite s = CU_add_suite("fuzz-regress", NULL, NULL);
    CU_add_test(s, "the fuzz entries by name", test_entries);
    CU_add_test(s, "value regressions (七亿亿亿)", test_value);
    CU_add_test(s, "text, DOCX, document.xml, PDF, rules, pipeline regressions",
                test_every_target);
}
