/* Rule files: loading, errors that name file and line, precedence. */
#include <string.h>

#include "common/error.h"
#include "rules/check.h"
#include "rules/ruleset.h"
#include "tests/harness.h"

static void expect_load_error(const char *text, const char *needle)
{
    JxRuleset *rs = jx_ruleset_new();
    GError *err = NULL;
    CU_ASSERT_FALSE(jx_ruleset_load_data(rs, "user.rules", text, &err));
    if (!err || !strstr(err->message, needle))
        JX_FAIL_MSG("rule error \"%s\" does not say \"%s\"", err ? err->message : "(none)", needle);
    else
        CU_ASSERT_EQUAL(err->code, JX_ERROR_RULES);
    g_clear_error(&err);
    jx_ruleset_free(rs);
}

static void test_errors(void)
{
    expect_load_error("# ok\nlevel2 数量指标 ^数量$\nlevle2 x y\n", "user.rules:3: unknown rule kind 'levle2'");
    expect_load_error("\n\nlevel2 数量指标 ^(数量$\n", "user.rules:3: bad pattern");
    expect_load_error("penalty OCR lots\n", "user.rules:1: 'lots' is not a number");
    expect_load_error("title\n", "user.rules:1: expected KIND NAME PATTERN");
}

static void test_match_and_precedence(void)
{
    JxRuleset *rs = jx_ruleset_new();
    GError *err = NULL;
    CU_ASSERT_TRUE_FATAL(jx_ruleset_load_builtin(rs, &err));
    CU_ASSERT(jx_ruleset_size(rs) > 50);
    CU_ASSERT_STRING_EQUAL(jx_ruleset_match(rs, "level2", "社会效益指标", NULL), "社会效益指标");
    CU_ASSERT_STRING_EQUAL(jx_ruleset_match(rs, "level2", "可持续性影响", NULL), "可持续影响指标");
    CU_ASSERT_PTR_NULL(jx_ruleset_match(rs, "level2", "产出成果", NULL));
    char *cap = NULL;
    CU_ASSERT_STRING_EQUAL(jx_ruleset_match(rs, "fundunit", "项目资金(万元)", &cap), "u");
    CU_ASSERT_STRING_EQUAL(cap, "万元");
    g_free(cap);
    char *s = jx_ruleset_strip(rs, "namestrip", "指标1:微信公众号维护");
    CU_ASSERT_STRING_EQUAL(s, "微信公众号维护");
    g_free(s);
    s = jx_ruleset_strip(rs, "namestrip", "指标二:发放率");
    CU_ASSERT_STRING_EQUAL(s, "发放率");
    g_free(s);
    s = jx_ruleset_strip(rs, "namestrip", "二级指标满意度"); /* not numbering */
    CU_ASSERT_STRING_EQUAL(s, "二级指标满意度");
    g_free(s);
    /* labels OCR gets nearly right */
    CU_ASSERT_STRING_EQUAL(jx_ruleset_nearest(rs, "ocrword", "项目负青人"), "项目负责人");
    CU_ASSERT_STRING_EQUAL(jx_ruleset_nearest(rs, "ocrword", "年终完成什"), "年终完成值");
    CU_ASSERT_STRING_EQUAL(jx_ruleset_nearest(rs, "ocrword", "年初“指标值"), "年初指标值");
    CU_ASSERT_STRING_EQUAL(jx_ruleset_nearest(rs, "ocrword", "四级指标"), "四级指标");
    CU_ASSERT_PTR_NULL(jx_ruleset_nearest(rs, "ocrword", "五级指标")); /* as near to 一二三四 */
    CU_ASSERT_PTR_NULL(jx_ruleset_nearest(rs, "ocrword", "项目负"));    /* two edits */
    CU_ASSERT_PTR_NULL(jx_ruleset_nearest(rs, "ocrword", "1分"));       /* no word of two */
    CU_ASSERT_PTR_NULL(jx_ruleset_nearest(rs, "ocrword", "产出指标")); /* a level, two off */
    /* a user's rule file is tried before the built-in ones */
    CU_ASSERT_TRUE(jx_ruleset_load_data(rs, "user.rules", "level2 质量指标 ^产出成果$\npenalty UNIT_MISSING 0.5\n", &err));
    CU_ASSERT_STRING_EQUAL(jx_ruleset_match(rs, "level2", "产出成果", NULL), "质量指标");
    CU_ASSERT_DOUBLE_EQUAL(jx_ruleset_number(rs, "penalty", "UNIT_MISSING", 0), 0.5, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(jx_check_confidence(0, rs), 1.0, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(jx_check_confidence(JX_FLAG_BIT(JX_FLAG_UNIT_MISSING) |
                                               JX_FLAG_BIT(JX_FLAG_APPROX), rs),
                           0.475, 1e-9);
    jx_ruleset_free(rs);
}

/* A level cell says 50分 but its indicators weigh 10 + 30: both flagged;
 * the 10分 level beside it adds up and is not. */
static void test_level_weights(void)
{
    JxRuleset *rs = jx_ruleset_new();
    CU_ASSERT_TRUE_FATAL(jx_ruleset_load_builtin(rs, NULL));
    JxResult *res = jx_result_new();
    JxForm *f = jx_form_new(0);
    g_ptr_array_add(res->forms, f);
    const struct { const char *l1; double l1w, w; } ROWS[] = {
        {"产出指标(50分)", 50, 10}, {"产出指标(50分)", 50, 30}, {"满意度指标(10分)", 10, 10}};
    for (int i = 0; i < 3; i++) {
        JxIndicator *ind = jx_indicator_new(0, i);
        ind->level1_raw = g_strdup(ROWS[i].l1);
        ind->level1_weight = (JxNum){TRUE, ROWS[i].l1w};
        ind->weight = (JxNum){TRUE, ROWS[i].w};
        ind->score = (JxNum){TRUE, ROWS[i].w};
        jx_value_parse("100%", NULL, &ind->target);
        jx_value_parse("100%", NULL, &ind->actual);
        g_ptr_array_add(f->indicators, ind);
    }
    jx_check_result(res, rs);
    for (int i = 0; i < 3; i++) {
        JxIndicator *ind = g_ptr_array_index(f->indicators, i);
        gboolean flagged = (ind->flags & JX_FLAG_BIT(JX_FLAG_WEIGHT_SUM_MISMATCH)) != 0;
        CU_ASSERT_EQUAL(flagged, i < 2);
        CU_ASSERT(i < 2 ? ind->confidence < 0.9 : ind->confidence == 1.0);
    }
    jx_result_free(res);
    jx_ruleset_free(rs);
}

void jx_add_ruleset_tests(void)
{
    CU_pSuite s = CU_add_suite("rules/ruleset", NULL, NULL);
    CU_add_test(s, "errors name file and line", test_errors);
    CU_add_test(s, "matching and precedence", test_match_and_precedence);
    CU_add_test(s, "level weights must add up", test_level_weights);
}
