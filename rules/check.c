#include "rules/check.h"

#include <math.h>
#include <string.h>

double jx_check_confidence(guint flags, const JxRuleset *rs)
{
    double c = 1.0;
    for (int f = 0; f < JX_FLAG_COUNT; f++)
        if (flags & JX_FLAG_BIT(f))
            c *= 1.0 - CLAMP(jx_ruleset_number(rs, "penalty", jx_flag_name(f), 0.1), 0, 1);
    return round(c * 1000) / 1000;
}

static guint value_flags(const JxValue *v)
{
    guint f = 0;
    if (v->kind == JX_KIND_TEXT)
        f |= JX_FLAG_BIT(JX_FLAG_QUALITATIVE);
    if (v->approx)
        f |= JX_FLAG_BIT(JX_FLAG_APPROX);
    if (v->flags & JX_VALUE_CN_NUMERAL)
        f |= JX_FLAG_BIT(JX_FLAG_CN_NUMERAL);
    if (v->flags & JX_VALUE_UNIT_FROM_HEADER)
        f |= JX_FLAG_BIT(JX_FLAG_UNIT_FROM_HEADER);
    if (v->flags & JX_VALUE_UNIT_UNLISTED)
        f |= JX_FLAG_BIT(JX_FLAG_UNIT_UNLISTED);
    if (v->kind == JX_KIND_NUMBER && !v->unit)
        f |= JX_FLAG_BIT(JX_FLAG_UNIT_MISSING);
    return f;
}

/* A target and an actual read by OCR that cannot both be right side by
 * side: of one kind and unit, a percent over 100 beside one of at most 100
 * (≥98% read as 298%), or amounts a factor of ten or more apart (a digit
 * read into or out of one). One of them is likely misread. */
static gboolean implausible_pair(const JxValue *t, const JxValue *a)
{
    if (!t->has_value || !a->has_value || t->kind != a->kind || g_strcmp0(t->unit, a->unit))
        return FALSE;
    if (t->kind == JX_KIND_PERCENT)
        return (t->value > 100) != (a->value > 100);
    if (t->kind != JX_KIND_NUMBER && t->kind != JX_KIND_MONEY)
        return FALSE;
    double lo = MIN(fabs(t->value), fabs(a->value)), hi = MAX(fabs(t->value), fabs(a->value));
    return lo > 0 && hi >= 10 * lo;
}

static gboolean over(JxNum score, JxNum weight)
{
    return score.set && weight.set && score.v > weight.v + 1e-9;
}

/* Digits after the decimal point of a printed rate: how it was rounded. */
static double rate_tolerance(double rate)
{
    for (int d = 0; d <= 4; d++) {
        double scaled = rate * pow(10, d);
        if (fabs(scaled - round(scaled)) < 1e-6)
            return 0.5 * pow(10, -d) + 1e-9;
    }
    return 0.00005;
}

static void check_fund(JxFund *f)
{
    if (over(f->score, f->weight))
        f->flags |= JX_FLAG_BIT(JX_FLAG_SCORE_OVER_WEIGHT);
    /* an 执行率 over 100 % read by OCR: more likely a misread digit */
    if ((f->flags & JX_FLAG_BIT(JX_FLAG_OCR)) && f->rate.set && f->rate.v > 100)
        f->flags |= JX_FLAG_BIT(JX_FLAG_OCR_LOW_CONF);
    if (f->rate.set && f->executed.set && f->budget_full_year.set &&
        f->budget_full_year.v > 0) {
        double computed = f->executed.v / f->budget_full_year.v * 100;
        if (fabs(computed - f->rate.v) > rate_tolerance(f->rate.v))
            f->flags |= JX_FLAG_BIT(JX_FLAG_RATE_MISMATCH);
    }
}

/* Indicators under a level cell that states a weight ("产出指标 (50分)")
 * must add up to it, and their scores cannot exceed it; where they do not,
 * each of them is flagged, since one of them is misread or misplaced.
 * level: 1 or 2. */
typedef struct {
    double weight, score, stated; /* sums of the indicators; the level's weight */
} LevelSum;

static const char *level_raw(const JxIndicator *ind, int level)
{
    return level == 1 ? ind->level1_raw : ind->level2_raw;
}

static void check_level_weights(JxForm *form, int level)
{
    GHashTable *sums = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
    for (guint i = 0; i < form->indicators->len; i++) {
        JxIndicator *ind = g_ptr_array_index(form->indicators, i);
        const char *raw = level_raw(ind, level);
        JxNum w = level == 1 ? ind->level1_weight : ind->level2_weight;
        if (!raw || !w.set)
            continue;
        LevelSum *sum = g_hash_table_lookup(sums, raw);
        if (!sum) {
            sum = g_new0(LevelSum, 1);
            sum->stated = w.v;
            g_hash_table_insert(sums, (gpointer)raw, sum);
        }
        sum->weight += ind->weight.set ? ind->weight.v : 0;
        sum->score += ind->score.set ? ind->score.v : 0;
    }
    for (guint i = 0; i < form->indicators->len; i++) {
        JxIndicator *ind = g_ptr_array_index(form->indicators, i);
        const char *raw = level_raw(ind, level);
        LevelSum *sum = raw ? g_hash_table_lookup(sums, raw) : NULL;
        if (!sum)
            continue;
        if (ind->weight.set && fabs(sum->weight - sum->stated) > JX_SUM_TOLERANCE)
            ind->flags |= JX_FLAG_BIT(JX_FLAG_WEIGHT_SUM_MISMATCH);
        if (ind->score.set && sum->score > sum->stated + JX_SUM_TOLERANCE)
            ind->flags |= JX_FLAG_BIT(JX_FLAG_SCORE_OVER_WEIGHT);
    }
    g_hash_table_destroy(sums);
}

/* The weights stated in level cells are nested: the level-2 weights under a
 * level 1 cannot exceed its weight, nor the level-1 weights the form's
 * total (a level left blank may be missing, so less is not a fault). */
static void check_level_nesting(JxForm *form)
{
    GHashTable *l2_seen = g_hash_table_new(g_str_hash, g_str_equal);
    GHashTable *l1_sum = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
    double l1_total = 0;
    for (guint i = 0; i < form->indicators->len; i++) {
        JxIndicator *ind = g_ptr_array_index(form->indicators, i);
        if (!ind->level1_raw || !ind->level1_weight.set)
            continue;
        double *sum = g_hash_table_lookup(l1_sum, ind->level1_raw);
        if (!sum) {
            sum = g_new0(double, 1);
            g_hash_table_insert(l1_sum, ind->level1_raw, sum);
            l1_total += ind->level1_weight.v;
        }
        if (ind->level2_raw && ind->level2_weight.set &&
            g_hash_table_add(l2_seen, ind->level2_raw))
            *sum += ind->level2_weight.v;
    }
    for (guint i = 0; i < form->indicators->len; i++) {
        JxIndicator *ind = g_ptr_array_index(form->indicators, i);
        double *sum = ind->level1_raw ? g_hash_table_lookup(l1_sum, ind->level1_raw) : NULL;
        if (sum && *sum > ind->level1_weight.v + JX_SUM_TOLERANCE)
            ind->flags |= JX_FLAG_BIT(JX_FLAG_WEIGHT_SUM_MISMATCH);
    }
    if (form->total_weight.set && l1_total > form->total_weight.v + JX_SUM_TOLERANCE)
        form->flags |= JX_FLAG_BIT(JX_FLAG_WEIGHT_SUM_MISMATCH);
    g_hash_table_destroy(l2_seen);
    g_hash_table_destroy(l1_sum);
}

/* The failed sums (flags of the form) that a record's weight or score
 * went into: any of the values summed may be the misread one. */
static guint blamed(guint sums, JxNum weight, JxNum score)
{
    guint f = 0;
    if ((sums & JX_FLAG_BIT(JX_FLAG_WEIGHT_SUM_MISMATCH)) && weight.set)
        f |= JX_FLAG_BIT(JX_FLAG_WEIGHT_SUM_MISMATCH);
    if ((sums & JX_FLAG_BIT(JX_FLAG_SCORE_SUM_MISMATCH)) && score.set)
        f |= JX_FLAG_BIT(JX_FLAG_SCORE_SUM_MISMATCH);
    return f;
}

void jx_check_form_sums(const JxForm *form, double *wsum, int *wn, double *ssum, int *sn)
{
    *wsum = *ssum = 0;
    *wn = *sn = 0;
    for (guint i = 0; i < form->funds->len; i++) {
        const JxFund *f = g_ptr_array_index(form->funds, i);
        if (strcmp(f->line, "total") != 0)
            continue;
        if (f->weight.set)
            *wsum += f->weight.v, (*wn)++;
        if (f->score.set)
            *ssum += f->score.v, (*sn)++;
    }
    for (guint i = 0; i < form->indicators->len; i++) {
        const JxIndicator *ind = g_ptr_array_index(form->indicators, i);
        if (ind->weight.set)
            *wsum += ind->weight.v, (*wn)++;
        if (ind->score.set)
            *ssum += ind->score.v, (*sn)++;
    }
}

static void check_form(JxForm *form, const JxRuleset *rs)
{
    check_level_weights(form, 1);
    check_level_weights(form, 2);
    check_level_nesting(form);
    for (guint i = 0; i < form->funds->len; i++) {
        JxFund *f = g_ptr_array_index(form->funds, i);
        check_fund(f);
        f->confidence = jx_check_confidence(f->flags, rs);
    }
    for (guint i = 0; i < form->indicators->len; i++) {
        JxIndicator *ind = g_ptr_array_index(form->indicators, i);
        ind->flags |= value_flags(&ind->target) | value_flags(&ind->actual);
        if ((ind->flags & JX_FLAG_BIT(JX_FLAG_OCR)) && implausible_pair(&ind->target, &ind->actual))
            ind->flags |= JX_FLAG_BIT(JX_FLAG_OCR_LOW_CONF);
        if (over(ind->score, ind->weight) || over(ind->review_score, ind->weight))
            ind->flags |= JX_FLAG_BIT(JX_FLAG_SCORE_OVER_WEIGHT);
        ind->confidence = jx_check_confidence(ind->flags, rs);
    }
    double wsum, ssum;
    int wn, sn;
    jx_check_form_sums(form, &wsum, &wn, &ssum, &sn);
    if (form->total_weight.set && wn && fabs(wsum - form->total_weight.v) > JX_SUM_TOLERANCE)
        form->flags |= JX_FLAG_BIT(JX_FLAG_WEIGHT_SUM_MISMATCH);
    /* a form that states a total score, yet of which no scored row was
     * read, sums to 0: its table was not found or misread (a blank
     * template states weights, never a total score) */
    gboolean unread = !sn && !form->indicators->len;
    if (form->total_score.set && (sn || unread) && fabs(ssum - form->total_score.v) > JX_SUM_TOLERANCE)
        form->flags |= JX_FLAG_BIT(JX_FLAG_SCORE_SUM_MISMATCH);
    if (over(form->total_score, form->total_weight))
        form->flags |= JX_FLAG_BIT(JX_FLAG_SCORE_OVER_WEIGHT);
    form->confidence = jx_check_confidence(form->flags, rs);
    /* sums that fail: any of the values summed may be the misread one */
    guint sums = form->flags & (JX_FLAG_BIT(JX_FLAG_WEIGHT_SUM_MISMATCH) |
                                JX_FLAG_BIT(JX_FLAG_SCORE_SUM_MISMATCH));
    for (guint i = 0; sums && i < form->funds->len; i++) {
        JxFund *f = g_ptr_array_index(form->funds, i);
        f->flags |= blamed(sums, f->weight, f->score);
        f->confidence = jx_check_confidence(f->flags, rs);
    }
    for (guint i = 0; sums && i < form->indicators->len; i++) {
        JxIndicator *ind = g_ptr_array_index(form->indicators, i);
        ind->flags |= blamed(sums, ind->weight, ind->score);
        ind->confidence = jx_check_confidence(ind->flags, rs);
    }
}

void jx_check_result(JxResult *res, const JxRuleset *rs)
{
    g_return_if_fail(res != NULL && rs != NULL);
    const guint sums = JX_FLAG_BIT(JX_FLAG_WEIGHT_SUM_MISMATCH) | JX_FLAG_BIT(JX_FLAG_SCORE_SUM_MISMATCH);
    for (guint i = 0; i < res->forms->len; i++) {
        JxForm *form = g_ptr_array_index(res->forms, i);
        check_form(form, rs);
        /* a form whose sums fail may have lost rows: the document's
         * counts are in doubt too */
        res->flags |= form->flags & sums;
    }
}
