/* The unit vocabulary (normalize/units.c): `unit` rules, a user's rule file
 * adding one, longest match, unlisted units, and numeral overflow. */
#include <string.h>

#include "common/ruleset.h"
#include "normalize/units.h"
#include "normalize/value.h"
#include "rules/form.h"
#include "tests/harness.h"

/* The built-in rules plus `extra` as a user's file (NULL for none). */
static JxUnits *units_with(const char *extra)
{
    GError *err = NULL;
    JxRuleset *rs = jx_ruleset_new();
    CU_ASSERT_FATAL(jx_ruleset_load_builtin(rs, &err));
    if (extra)
        CU_ASSERT_FATAL(jx_ruleset_load_data(rs, "user.rules", extra, &err));
    JxUnits *u = jx_units_new(rs, &err);
    CU_ASSERT_PTR_NULL(err);
    g_clear_error(&err);
    jx_ruleset_free(rs);
    return u;
}

static void test_units_builtin(void)
{
    const JxUnits *u = jx_units_builtin();
    const JxUnit *x = jx_units_match(u, "家次");
    CU_ASSERT_PTR_NOT_NULL_FATAL(x);
    CU_ASSERT_STRING_EQUAL(x->word, "家次"); /* longest, not 家 */
    x = jx_units_match(u, "个工作日内");
    CU_ASSERT_PTR_NOT_NULL_FATAL(x);
    CU_ASSERT_STRING_EQUAL(x->printed, "工作日");
    CU_ASSERT_EQUAL(jx_units_money_exp(u, "万元"), 4);
    CU_ASSERT_EQUAL(jx_units_money_exp(u, "亿元"), 8);
    CU_ASSERT_EQUAL(jx_units_money_exp(u, "元"), 0);
    CU_ASSERT_EQUAL(jx_units_money_exp(u, "家"), -1);
    CU_ASSERT_EQUAL(jx_units_money_exp(u, "万"), -1);
    CU_ASSERT_EQUAL(jx_units_money_exp(u, NULL), -1);
    CU_ASSERT_PTR_NULL(jx_units_match(u, "艘"));
}

static void test_units_unlisted_flag(void)
{
    JxValue v;
    jx_value_parse("1家次", NULL, &v);
    CU_ASSERT_EQUAL(v.kind, JX_KIND_NUMBER);
    CU_ASSERT_STRING_EQUAL(v.unit, "家次");
    CU_ASSERT_FALSE(v.flags & JX_VALUE_UNIT_UNLISTED);
    jx_value_clear(&v);
    jx_value_parse("≤30微克/立方米", NULL, &v);
    CU_ASSERT_EQUAL(v.op, JX_OP_LE);
    CU_ASSERT_DOUBLE_EQUAL(v.value, 30, 1e-9);
    CU_ASSERT_STRING_EQUAL(v.unit, "微克/立方米");
    CU_ASSERT_TRUE(v.flags & JX_VALUE_UNIT_UNLISTED);
    jx_value_clear(&v);
    jx_value_parse("5元/生/天", NULL, &v);
    CU_ASSERT_EQUAL(v.kind, JX_KIND_MONEY);
    CU_ASSERT_TRUE(v.flags & JX_VALUE_UNIT_UNLISTED);
    jx_value_clear(&v);
    jx_value_parse("30元/人/年", NULL, &v);
    CU_ASSERT_STRING_EQUAL(v.unit, "元/人/年");
    CU_ASSERT_FALSE(v.flags & JX_VALUE_UNIT_UNLISTED);
    jx_value_clear(&v);
    jx_value_parse("5~8台(套)", NULL, &v);
    CU_ASSERT_EQUAL(v.op, JX_OP_RANGE);
    CU_ASSERT_DOUBLE_EQUAL(v.max, 8, 1e-9);
    CU_ASSERT_STRING_EQUAL(v.unit, "台(套)");
    CU_ASSERT_FALSE(v.flags & JX_VALUE_UNIT_UNLISTED);
    jx_value_clear(&v);
    /* limits: three letters is a phrase; after a label or a Chinese numeral
     * an unlisted unit is not taken */
    const char *text[] = {"5艘船只", "完成3艘", "三艘", "1对1帮扶", "5宗案件"};
    for (gsize i = 0; i < G_N_ELEMENTS(text); i++) {
        jx_value_parse(text[i], NULL, &v);
        if (v.kind != JX_KIND_TEXT)
            JX_FAIL_MSG("%s: kind %s, expected text", text[i], jx_kind_name(v.kind));
        jx_value_clear(&v);
    }
}

/* A user's rule file adds 艘 and 人天 and makes 个 a plain measure. */
static void test_units_user_rules(void)
{
    JxUnits *u = units_with("unit 艘 measure\n"
                            "unit 人天 measure\n"
                            "unit 个 measure\n"
                            "unit 百万元 money 6\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(u);
    JxValue v;
    jx_value_parse_units("3艘", NULL, u, &v);
    CU_ASSERT_STRING_EQUAL(v.unit, "艘");
    CU_ASSERT_FALSE(v.flags & JX_VALUE_UNIT_UNLISTED);
    jx_value_clear(&v);
    jx_value_parse("3艘", NULL, &v); /* built-in: taken, but flagged */
    CU_ASSERT_STRING_EQUAL(v.unit, "艘");
    CU_ASSERT_TRUE(v.flags & JX_VALUE_UNIT_UNLISTED);
    jx_value_clear(&v);
    jx_value_parse_units("完成3艘", NULL, u, &v); /* listed now: a label may precede */
    CU_ASSERT_EQUAL(v.kind, JX_KIND_NUMBER);
    jx_value_clear(&v);
    jx_value_parse_units("20人天", NULL, u, &v);
    CU_ASSERT_STRING_EQUAL(v.unit, "人天");
    jx_value_clear(&v);
    jx_value_parse("20人天", NULL, &v); /* built-in: 人 and a noun */
    CU_ASSERT_STRING_EQUAL(v.unit, "人");
    jx_value_clear(&v);
    jx_value_parse_units("6个项目", NULL, u, &v); /* 个 takes no noun any more */
    CU_ASSERT_EQUAL(v.kind, JX_KIND_TEXT);
    jx_value_clear(&v);
    jx_value_parse_units("2", "百万元", u, &v); /* a header unit of the user's */
    CU_ASSERT_EQUAL(v.kind, JX_KIND_MONEY);
    CU_ASSERT_DOUBLE_EQUAL(v.value, 2e6, 1e-3);
    CU_ASSERT_TRUE(v.flags & JX_VALUE_UNIT_FROM_HEADER);
    jx_value_clear(&v);
    jx_units_free(u);
}

static void test_units_bad_rule(void)
{
    const char *bad[] = {"unit 艘 gadget\n", "unit 艘 money\n", "unit 艘 money x\n",
                         "unit 艘 measure a b\n"};
    for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
        GError *err = NULL;
        JxRuleset *rs = jx_ruleset_new();
        CU_ASSERT_FATAL(jx_ruleset_load_data(rs, "user.rules", bad[i], &err));
        CU_ASSERT_PTR_NULL(jx_units_new(rs, &err));
        CU_ASSERT_PTR_NOT_NULL_FATAL(err);
        CU_ASSERT_TRUE(g_str_has_prefix(err->message, "user.rules:1: unit '艘'"));
        g_clear_error(&err);
        CU_ASSERT_FALSE(jx_forms_check_rules(rs, &err)); /* the pipeline refuses it */
        CU_ASSERT_PTR_NOT_NULL(err);
        g_clear_error(&err);
        jx_ruleset_free(rs);
    }
}

static void test_units_overflow(void)
{
    const char *text[] = {"七亿亿亿", "九千九百九十九亿亿", "九百亿亿点九", "壹拾亿亿亿元"};
    for (gsize i = 0; i < G_N_ELEMENTS(text); i++) {
        JxValue v;
        jx_value_parse(text[i], NULL, &v);
        if (v.kind != JX_KIND_TEXT)
            JX_FAIL_MSG("%s: kind %s value %g, expected text", text[i], jx_kind_name(v.kind),
                        v.value);
        jx_value_clear(&v);
    }
    JxValue v;
    jx_value_parse("十亿亿", NULL, &v); /* 1e17 still fits */
    CU_ASSERT_EQUAL(v.kind, JX_KIND_NUMBER);
    CU_ASSERT_DOUBLE_EQUAL(v.value, 1e17, 1);
    jx_value_clear(&v);
}

void jx_add_units_tests(void)
{
    CU_pSuite s = CU_add_suite("units", NULL, NULL);
    CU_add_test(s, "built-in vocabulary", test_units_builtin);
    CU_add_test(s, "unlisted units and their limits", test_units_unlisted_flag);
    CU_add_test(s, "a user's rule file adds units", test_units_user_rules);
    CU_add_test(s, "a bad unit rule", test_units_bad_rule);
    CU_add_test(s, "numeral overflow", test_units_overflow);
}
