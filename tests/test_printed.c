/* Text as printed (common/printed.h): the Chinese punctuation a reader
 * quotes stays in text fields, while rules and value parsing see it
 * folded to ASCII. */
#include <string.h>

#include "common/printed.h"
#include "common/ruleset.h"
#include "normalize/text.h"
#include "normalize/value.h"
#include "tests/harness.h"

static void test_fold(void)
{
    CU_ASSERT_PTR_NULL(jx_printed_fold("no marks, here (1)", NULL));
    CU_ASSERT_PTR_NULL(jx_printed_fold(NULL, NULL));
    gsize *map = NULL;
    char *f = jx_printed_fold("a，b（万元）", &map);
    CU_ASSERT_STRING_EQUAL(f, "a,b(万元)");
    /* each folded byte knows where it stood in the printed text */
    CU_ASSERT_EQUAL(map[0], 0);
    CU_ASSERT_EQUAL(map[1], 1);  /* ， is 3 bytes at 1 */
    CU_ASSERT_EQUAL(map[2], 4);  /* b */
    CU_ASSERT_EQUAL(map[3], 5);  /* （ */
    CU_ASSERT_EQUAL(map[strlen(f)], strlen("a，b（万元）"));
    g_free(map);
    g_free(f);
    /* a full-width letter that is no mark is left alone (NFKC's job) */
    f = jx_printed_fold("Ａ：", NULL);
    CU_ASSERT_STRING_EQUAL(f, "Ａ:");
    g_free(f);
    CU_ASSERT_EQUAL(jx_printed_ascii(0xFF1B), ';');
    CU_ASSERT_EQUAL(jx_printed_ascii(0xFF05), 0); /* ％ is no quoted mark */
    CU_ASSERT_EQUAL(jx_printed_mark('?'), 0xFF1F);
    CU_ASSERT_EQUAL(jx_printed_mark('%'), 0);
}

static void test_clean_keeps_printed(void)
{
    char *c = jx_text_clean("项目资金（万元）：１２ ，合计");
    CU_ASSERT_STRING_EQUAL(c, "项目资金（万元）：12，合计");
    g_free(c);
    c = jx_text_fold("项目资金（万元）：１２ ，合计");
    CU_ASSERT_STRING_EQUAL(c, "项目资金(万元):12,合计");
    g_free(c);
    c = jx_text_compact("项目 资金（万元）");
    CU_ASSERT_STRING_EQUAL(c, "项目资金(万元)");
    g_free(c);
}

static void test_rules_see_folded(void)
{
    JxRuleset *rs = jx_ruleset_new();
    GError *err = NULL;
    CU_ASSERT_TRUE_FATAL(jx_ruleset_load_data(rs, "t.rules",
                                              "field name ^项目名称[:](.*)$\n"
                                              "namestrip n ^指标\\d+[:]\n",
                                              &err));
    char *cap = NULL;
    /* the rule's ASCII colon matches the printed one; the capture is printed */
    CU_ASSERT_STRING_EQUAL(jx_ruleset_match(rs, "field", "项目名称：商会（协会）建设，二期", &cap),
                           "name");
    CU_ASSERT_STRING_EQUAL(cap, "商会（协会）建设，二期");
    g_free(cap);
    CU_ASSERT_STRING_EQUAL(jx_ruleset_match(rs, "field", "项目名称:a,b", &cap), "name");
    CU_ASSERT_STRING_EQUAL(cap, "a,b");
    g_free(cap);
    char *s = jx_ruleset_strip(rs, "namestrip", "指标1：及时、客观（公开）宣传");
    CU_ASSERT_STRING_EQUAL(s, "及时、客观（公开）宣传");
    g_free(s);
    jx_ruleset_free(rs);
}

static void test_values_parse_folded(void)
{
    JxValue v;
    jx_value_parse("5~8台（套）", NULL, &v);
    CU_ASSERT_EQUAL(v.kind, JX_KIND_NUMBER);
    CU_ASSERT_STRING_EQUAL(v.raw, "5~8台（套）"); /* raw as printed */
    CU_ASSERT_STRING_EQUAL(v.unit, "台(套)");    /* the unit folded, as the rules write it */
    jx_value_clear(&v);
    jx_value_parse("95%以上（含95%）", NULL, &v);
    CU_ASSERT_EQUAL(v.kind, JX_KIND_PERCENT);
    CU_ASSERT_EQUAL(v.op, JX_OP_GE);
    CU_ASSERT_DOUBLE_EQUAL(v.value, 95, 1e-9);
    jx_value_clear(&v);
}

void jx_add_printed_tests(void)
{
    CU_pSuite s = CU_add_suite("text as printed", NULL, NULL);
    CU_add_test(s, "folding the printed marks, with the byte map", test_fold);
    CU_add_test(s, "clean keeps them, fold and compact do not", test_clean_keeps_printed);
    CU_add_test(s, "rules match folded, captures and strips stay printed", test_rules_see_folded);
    CU_add_test(s, "values parse folded, raw stays printed", test_values_parse_folded);
}
