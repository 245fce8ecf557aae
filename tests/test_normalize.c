/* The normalize stage, as data: tests/text.cases (input TAB cleaned text)
 * and tests/normalize.cases (input TAB value-object JSON, or
 * header-unit TAB input TAB JSON). */
#include <string.h>

#include "normalize/text.h"
#include "normalize/value.h"
#include "sink/jsonl.h"
#include "tests/harness.h"

static void text_case(char **f, int n, int line, void *user)
{
    (void)user;
    if (n != 2) {
        JX_FAIL_MSG("text.cases:%d: expected 2 fields, got %d", line, n);
        return;
    }
    gboolean ocr = g_str_has_prefix(f[0], "ocr:"); /* text that came from OCR */
    char *got = ocr ? jx_text_clean_ocr(f[0] + 4) : jx_text_clean(f[0]);
    if (strcmp(got, f[1]) != 0)
        JX_FAIL_MSG("text.cases:%d: clean(%s) = \"%s\", expected \"%s\"", line, f[0], got, f[1]);
    g_free(got);
}

static void test_text_cases(void)
{
    int n = jx_test_cases("tests/text.cases", text_case, NULL);
    CU_ASSERT(n >= 20);
}

static void test_text_compact(void)
{
    char *s = jx_text_compact("4403072107015000035 27");
    CU_ASSERT_STRING_EQUAL(s, "440307210701500003527");
    g_free(s);
    s = jx_text_compact(NULL);
    CU_ASSERT_STRING_EQUAL(s, "");
    g_free(s);
}

static void value_case(char **f, int n, int line, void *user)
{
    (void)user;
    if (n != 2 && n != 3) {
        JX_FAIL_MSG("normalize.cases:%d: expected 2 or 3 fields, got %d", line, n);
        return;
    }
    const char *unit = n == 3 ? f[0] : NULL;
    const char *input = f[n - 2], *expected = f[n - 1];
    JxValue v;
    jx_value_parse(input, unit, &v);
    GString *o = g_string_new(NULL);
    jx_jsonl_value(o, &v);
    if (strcmp(o->str, expected) != 0)
        JX_FAIL_MSG("normalize.cases:%d: %s\n      got      %s\n      expected %s", line, input, o->str, expected);
    g_string_free(o, TRUE);
    jx_value_clear(&v);
}

static void test_value_cases(void)
{
    int n = jx_test_cases("tests/normalize.cases", value_case, NULL);
    CU_ASSERT(n >= 500);
}

/* jx_value_parse is pure: four threads parsing every case at once give the
 * same JSON as one thread. */
static void collect_input(char **f, int n, int line, void *user)
{
    (void)line;
    g_ptr_array_add(user, g_strdup(f[n - 2]));
}

static char *parse_all(GPtrArray *inputs)
{
    GString *o = g_string_new(NULL);
    for (int round = 0; round < 20; round++) {
        g_string_truncate(o, 0);
        for (guint i = 0; i < inputs->len; i++) {
            JxValue v;
            jx_value_parse(g_ptr_array_index(inputs, i), NULL, &v);
            jx_jsonl_value(o, &v);
            g_string_append_c(o, '\n');
            jx_value_clear(&v);
        }
    }
    return g_string_free(o, FALSE);
}

static void test_value_threads(void)
{
    GPtrArray *inputs = g_ptr_array_new_with_free_func(g_free);
    jx_test_cases("tests/normalize.cases", collect_input, inputs);
    char *expected = parse_all(inputs);
    GThread *t[4];
    for (int i = 0; i < 4; i++)
        t[i] = g_thread_new("parse", (GThreadFunc)parse_all, inputs);
    for (int i = 0; i < 4; i++) {
        char *got = g_thread_join(t[i]);
        CU_ASSERT_STRING_EQUAL(got, expected);
        g_free(got);
    }
    g_free(expected);
    g_ptr_array_free(inputs, TRUE);
}

static void test_value_flags(void)
{
    JxValue v;
    jx_value_parse("≥九十", NULL, &v);
    CU_ASSERT(v.flags & JX_VALUE_CN_NUMERAL);
    CU_ASSERT_EQUAL(v.op, JX_OP_GE);
    jx_value_clear(&v);
    jx_value_parse("10.55", "万元", &v);
    CU_ASSERT(v.flags & JX_VALUE_UNIT_FROM_HEADER);
    CU_ASSERT_EQUAL(v.kind, JX_KIND_MONEY);
    CU_ASSERT_EQUAL(v.value, 105500); /* exact: no binary rounding */
    jx_value_clear(&v);
    jx_value_parse("8万元", "万元", &v); /* the cell's own unit wins */
    CU_ASSERT_FALSE(v.flags & JX_VALUE_UNIT_FROM_HEADER);
    CU_ASSERT_EQUAL(v.value, 80000);
    jx_value_clear(&v);
    double d = 0;
    jx_value_parse("7.5", NULL, &v);
    CU_ASSERT_TRUE(jx_value_as_number(&v, &d));
    CU_ASSERT_EQUAL(d, 7.5);
    jx_value_clear(&v);
    jx_value_parse("≥5", NULL, &v);
    CU_ASSERT_FALSE(jx_value_as_number(&v, &d)); /* a bound is not a score */
    jx_value_clear(&v);
    jx_value_parse("1.2", "亿元", &v); /* header units: 亿元 too */
    CU_ASSERT_EQUAL(v.value, 120000000);
    jx_value_clear(&v);
    jx_value_parse("5", "家", &v); /* not a money unit: ignored */
    CU_ASSERT_EQUAL(v.kind, JX_KIND_NUMBER);
    jx_value_clear(&v);
}

void jx_add_text_tests(void)
{
    CU_pSuite s = CU_add_suite("normalize/text", NULL, NULL);
    CU_add_test(s, "tests/text.cases", test_text_cases);
    CU_add_test(s, "compact", test_text_compact);
}

void jx_add_value_tests(void)
{
    CU_pSuite s = CU_add_suite("normalize/value", NULL, NULL);
    CU_add_test(s, "tests/normalize.cases", test_value_cases);
    CU_add_test(s, "flags and exact scaling", test_value_flags);
    CU_add_test(s, "thread-safe: 4 threads, same results", test_value_threads);
}
