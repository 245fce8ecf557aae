/* rules/check.c on hand-built records: scores over weights, weight and score
 * sums (a failed sum flags the values in it), 执行率 against the amounts,
 * confidence from flags with the built-in penalties. */
#include "common/ruleset.h"
#include "rules/check.h"
#include "tests/harness.h"

#define HAS(flags, f) (((flags) & JX_FLAG_BIT(JX_FLAG_##f)) != 0)

static JxRuleset *builtin(void)
{
    JxRuleset *rs = jx_ruleset_new();
    CU_ASSERT_TRUE(jx_ruleset_load_builtin(rs, NULL));
    return rs;
}

/* A form of indicators with these weights and scores (< 0: none), their
 * target and actual 100% (no value flags of their own). */
static JxResult *form_of(const double *weights, const double *scores, int n)
{
    JxResult *res = jx_result_new();
    JxForm *f = jx_form_new(0);
    g_ptr_array_add(res->forms, f);
    for (int i = 0; i < n; i++) {
        JxIndicator *ind = jx_indicator_new(0, i);
        ind->weight = (JxNum){weights[i] >= 0, weights[i]};
        ind->score = (JxNum){scores[i] >= 0, scores[i]};
        jx_value_parse("100%", NULL, &ind->target);
        jx_value_parse("100%", NULL, &ind->actual);
        g_ptr_array_add(f->indicators, ind);
    }
    return res;
}

static JxIndicator *ind_of(JxResult *res, guint i)
{
    return g_ptr_array_index(((JxForm *)g_ptr_array_index(res->forms, 0))->indicators, i);
}

static void test_score_over_weight(void)
{
    JxRuleset *rs = builtin();
    const double w[] = {10, 10}, s[] = {12, 10};
    JxResult *res = form_of(w, s, 2);
    jx_check_result(res, rs);
    CU_ASSERT_TRUE(HAS(ind_of(res, 0)->flags, SCORE_OVER_WEIGHT));
    CU_ASSERT_DOUBLE_EQUAL(ind_of(res, 0)->confidence, 0.7, 1e-12);
    CU_ASSERT_EQUAL(ind_of(res, 1)->flags, 0);
    CU_ASSERT_DOUBLE_EQUAL(ind_of(res, 1)->confidence, 1.0, 1e-12);
    /* a review score over the weight too */
    ind_of(res, 1)->review_score = (JxNum){TRUE, 11};
    jx_check_result(res, rs);
    CU_ASSERT_TRUE(HAS(ind_of(res, 1)->flags, SCORE_OVER_WEIGHT));
    jx_result_free(res);
    jx_ruleset_free(rs);
}

/* The form's totals against the sums of its indicators: a failed sum flags
 * the form and every value that went into it, not the others. */
static void test_sums(void)
{
    JxRuleset *rs = builtin();
    const double w[] = {10, 10, -1}, s[] = {9, 10, 1};
    JxResult *res = form_of(w, s, 3);
    JxForm *f = g_ptr_array_index(res->forms, 0);
    f->total_weight = (JxNum){TRUE, 30}; /* 20 printed as 30 */
    f->total_score = (JxNum){TRUE, 20};  /* 9 + 10 + 1 */
    jx_check_result(res, rs);
    CU_ASSERT_EQUAL(f->flags, JX_FLAG_BIT(JX_FLAG_WEIGHT_SUM_MISMATCH));
    CU_ASSERT_DOUBLE_EQUAL(f->confidence, 0.8, 1e-12);
    CU_ASSERT_EQUAL(ind_of(res, 0)->flags, JX_FLAG_BIT(JX_FLAG_WEIGHT_SUM_MISMATCH));
    CU_ASSERT_DOUBLE_EQUAL(ind_of(res, 0)->confidence, 0.8, 1e-12);
    CU_ASSERT_EQUAL(ind_of(res, 2)->flags, 0); /* no weight: not in the sum */
    CU_ASSERT_DOUBLE_EQUAL(ind_of(res, 2)->confidence, 1.0, 1e-12);
    jx_result_free(res);

    /* scores that do not add up; 0.01 off is rounding */
    res = form_of(w, s, 3);
    f = g_ptr_array_index(res->forms, 0);
    f->total_weight = (JxNum){TRUE, 20.01};
    f->total_score = (JxNum){TRUE, 18};
    jx_check_result(res, rs);
    CU_ASSERT_EQUAL(f->flags, JX_FLAG_BIT(JX_FLAG_SCORE_SUM_MISMATCH));
    for (guint i = 0; i < 3; i++) {
        CU_ASSERT_EQUAL(ind_of(res, i)->flags, JX_FLAG_BIT(JX_FLAG_SCORE_SUM_MISMATCH));
        CU_ASSERT_DOUBLE_EQUAL(ind_of(res, i)->confidence, 0.8, 1e-12);
    }
    jx_result_free(res);

    /* a total score over the total weight */
    res = form_of(w, s, 2);
    f = g_ptr_array_index(res->forms, 0);
    f->total_weight = (JxNum){TRUE, 18};
    f->total_score = (JxNum){TRUE, 19};
    jx_check_result(res, rs);
    CU_ASSERT_EQUAL(f->flags, JX_FLAG_BIT(JX_FLAG_WEIGHT_SUM_MISMATCH) |
                                  JX_FLAG_BIT(JX_FLAG_SCORE_OVER_WEIGHT));
    CU_ASSERT_DOUBLE_EQUAL(f->confidence, 0.56, 1e-12);
    CU_ASSERT_TRUE(HAS(res->flags, WEIGHT_SUM_MISMATCH)); /* the document's counts in doubt */
    jx_result_free(res);

    /* a form with no rows and no totals is no fault */
    res = form_of(w, s, 0);
    jx_check_result(res, rs);
    CU_ASSERT_EQUAL(((JxForm *)g_ptr_array_index(res->forms, 0))->flags, 0);
    CU_ASSERT_EQUAL(res->flags, 0);
    jx_result_free(res);

    /* nor is a blank template: a total weight, no rows, no total score */
    res = form_of(w, s, 0);
    f = g_ptr_array_index(res->forms, 0);
    f->total_weight = (JxNum){TRUE, 70};
    jx_check_result(res, rs);
    CU_ASSERT_EQUAL(f->flags, 0);
    CU_ASSERT_EQUAL(res->flags, 0);
    jx_result_free(res);

    /* but a total score of which no row was read sums to 0: the table was
     * missed, so the form and the document's counts are in doubt */
    res = form_of(w, s, 0);
    f = g_ptr_array_index(res->forms, 0);
    f->total_weight = (JxNum){TRUE, 100};
    f->total_score = (JxNum){TRUE, 91};
    jx_check_result(res, rs);
    CU_ASSERT_EQUAL(f->flags, JX_FLAG_BIT(JX_FLAG_SCORE_SUM_MISMATCH));
    CU_ASSERT_TRUE(f->confidence < 0.9);
    CU_ASSERT_TRUE(HAS(res->flags, SCORE_SUM_MISMATCH));
    jx_result_free(res);
    jx_ruleset_free(rs);
}

/* 执行率 against 执行数 / 全年预算数 (90.04%), within the rounding it is
 * printed with: 90 is 90.04 rounded, 90.1 is not. */
static void test_rate_mismatch(void)
{
    JxRuleset *rs = builtin();
    const struct { double rate; gboolean mismatch; } CASES[] = {
        {90, FALSE}, {90.04, FALSE}, {90.1, TRUE}, {89, TRUE}, {90.043, TRUE}};
    for (gsize i = 0; i < G_N_ELEMENTS(CASES); i++) {
        JxResult *res = jx_result_new();
        JxForm *f = jx_form_new(0);
        g_ptr_array_add(res->forms, f);
        JxFund *fund = jx_fund_new(0, "total");
        fund->budget_full_year = (JxNum){TRUE, 1000000};
        fund->executed = (JxNum){TRUE, 900400};
        fund->rate = (JxNum){TRUE, CASES[i].rate};
        g_ptr_array_add(f->funds, fund);
        jx_check_result(res, rs);
        CU_ASSERT_EQUAL(HAS(fund->flags, RATE_MISMATCH), CASES[i].mismatch);
        CU_ASSERT_DOUBLE_EQUAL(fund->confidence, CASES[i].mismatch ? 0.8 : 1.0, 1e-12);
        jx_result_free(res);
    }
    jx_ruleset_free(rs);
}

/* Product of (1 - penalty), rounded to 0.001; a flag without a penalty
 * rule costs 0.1. */
/* OCR'd values that cannot both be right: a percent target over 100
 * beside an actual under it (≥98% read as 298%), amounts a factor of ten
 * apart, an 执行率 over 100 %; the same printed in a text layer are left. */
static void test_implausible_ocr(void)
{
    JxRuleset *rs = builtin();
    static const struct {
        const char *target, *actual;
        gboolean ocr, doubt;
    } PAIRS[] = {
        {"298%", "99.3%", TRUE, TRUE},  {"98%", "99.3%", TRUE, FALSE},
        {"147万元", "14万元", TRUE, TRUE}, {"15万元", "14万元", TRUE, FALSE},
        {"298%", "99.3%", FALSE, FALSE}, {"20人", "2人", TRUE, TRUE},
        {"20人", "2次", TRUE, FALSE}, /* other units: no pair */
    };
    for (gsize i = 0; i < G_N_ELEMENTS(PAIRS); i++) {
        const double w[] = {10}, sc[] = {10};
        JxResult *res = form_of(w, sc, 1);
        JxIndicator *ind = ind_of(res, 0);
        jx_value_clear(&ind->target);
        jx_value_clear(&ind->actual);
        jx_value_parse(PAIRS[i].target, NULL, &ind->target);
        jx_value_parse(PAIRS[i].actual, NULL, &ind->actual);
        ind->flags = PAIRS[i].ocr ? JX_FLAG_BIT(JX_FLAG_OCR) : 0;
        jx_check_result(res, rs);
        if (HAS(ind->flags, OCR_LOW_CONF) != PAIRS[i].doubt)
            JX_FAIL_MSG("%s beside %s (%s): OCR_LOW_CONF %s", PAIRS[i].target, PAIRS[i].actual,
                        PAIRS[i].ocr ? "OCR" : "text layer", PAIRS[i].doubt ? "missing" : "set");
        CU_ASSERT_EQUAL(ind->confidence < 0.9, PAIRS[i].doubt);
        jx_result_free(res);
    }
    JxResult *res = form_of(NULL, NULL, 0);
    JxFund *f = jx_fund_new(0, "total");
    f->rate = (JxNum){TRUE, 136.5};
    f->flags = JX_FLAG_BIT(JX_FLAG_OCR);
    g_ptr_array_add(((JxForm *)g_ptr_array_index(res->forms, 0))->funds, f);
    jx_check_result(res, rs);
    CU_ASSERT_TRUE(HAS(f->flags, OCR_LOW_CONF));
    jx_result_free(res);
    jx_ruleset_free(rs);
}

static void test_confidence(void)
{
    JxRuleset *rs = builtin();
    CU_ASSERT_DOUBLE_EQUAL(jx_check_confidence(0, rs), 1.0, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(jx_check_confidence(JX_FLAG_BIT(JX_FLAG_OCR), rs), 0.95, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(jx_check_confidence(JX_FLAG_BIT(JX_FLAG_OCR) |
                                               JX_FLAG_BIT(JX_FLAG_HEADER_INFERRED), rs),
                           0.76, 1e-12);
    /* 0.85 * 0.95 * 0.5 = 0.40375 -> 0.404 */
    CU_ASSERT_DOUBLE_EQUAL(jx_check_confidence(JX_FLAG_BIT(JX_FLAG_UNIT_MISSING) |
                                               JX_FLAG_BIT(JX_FLAG_APPROX) |
                                               JX_FLAG_BIT(JX_FLAG_TEXT_GARBLED), rs),
                           0.404, 1e-12);
    JxRuleset *none = jx_ruleset_new();
    CU_ASSERT_DOUBLE_EQUAL(jx_check_confidence(JX_FLAG_BIT(JX_FLAG_OCR) |
                                               JX_FLAG_BIT(JX_FLAG_CROSS_PAGE), none),
                           0.81, 1e-12);
    jx_ruleset_free(none);

    /* an indicator's own value flags: a qualitative target, a number with
     * no unit (0.98 * 0.85 = 0.833) */
    const double w[] = {10}, s[] = {10};
    JxResult *res = form_of(w, s, 1);
    JxIndicator *ind = ind_of(res, 0);
    jx_value_clear(&ind->target);
    jx_value_clear(&ind->actual);
    jx_value_parse("及时", NULL, &ind->target);
    jx_value_parse("12", NULL, &ind->actual);
    jx_check_result(res, rs);
    CU_ASSERT_EQUAL(ind->flags, JX_FLAG_BIT(JX_FLAG_QUALITATIVE) |
                                    JX_FLAG_BIT(JX_FLAG_UNIT_MISSING));
    CU_ASSERT_DOUBLE_EQUAL(ind->confidence, 0.833, 1e-12);
    jx_result_free(res);
    jx_ruleset_free(rs);
}

void jx_add_check_tests(void)
{
    CU_pSuite s = CU_add_suite("rules/check", NULL, NULL);
    CU_add_test(s, "score over weight", test_score_over_weight);
    CU_add_test(s, "weight and score sums", test_sums);
    CU_add_test(s, "rate against amounts", test_rate_mismatch);
    CU_add_test(s, "implausible OCR'd pairs and rates are in doubt", test_implausible_ocr);
    CU_add_test(s, "confidence from flags", test_confidence);
}
