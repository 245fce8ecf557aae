#include "rules/fact_check.h"

#include <math.h>
#include <string.h>

#include "rules/check.h"

/* How far a sum of money in 元 may be off its total, per figure added: each
 * is printed to 0.01 万元 at worst. */
#define MONEY_ROUNDING 50.0
/* How far a stated percent change may be off the one its amounts give
 * (percentage points, and a share of the percent): the amounts are
 * rounded too, and some documents cut the percent to one decimal. */
#define PCT_TOLERANCE 0.1
#define PCT_RELATIVE 0.01

static void flag(JxFact *f, JxFlag flag)
{
    f->flags |= JX_FLAG_BIT(flag);
}

static gboolean is_money(const JxFact *f)
{
    return f->value.set && g_strcmp0(f->unit, "元") == 0;
}

/* The parts that follow the total at index t (each subject once, until the
 * next fact with the total's subject) must add up to it. */
static void check_sum(GPtrArray *facts, guint t, const JxRuleset *rs)
{
    JxFact *total = g_ptr_array_index(facts, t);
    GPtrArray *parts = g_ptr_array_new();
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    double sum = 0;
    for (guint i = t + 1; i < facts->len; i++) {
        JxFact *f = g_ptr_array_index(facts, i);
        if (!f->subject || !strcmp(f->subject, total->subject))
            break;
        const char *of = jx_ruleset_match(rs, "factsum", f->subject, NULL);
        if (!of || strcmp(of, total->subject) || !is_money(f) || g_hash_table_contains(seen, f->subject))
            continue;
        g_hash_table_add(seen, f->subject);
        g_ptr_array_add(parts, f);
        sum += f->value.v;
    }
    if (parts->len >= 2 && fabs(sum - total->value.v) > MONEY_ROUNDING * (parts->len + 1)) {
        flag(total, JX_FLAG_FACT_SUM_MISMATCH);
        for (guint i = 0; i < parts->len; i++)
            flag(g_ptr_array_index(parts, i), JX_FLAG_FACT_SUM_MISMATCH);
    }
    g_hash_table_destroy(seen);
    g_ptr_array_free(parts, TRUE);
}

/* Whether any factsum rule names subject as its total. */
static gboolean is_total(const JxRuleset *rs, const char *subject)
{
    const char *name, *pattern, *source;
    for (guint i = 0; jx_ruleset_nth(rs, "factsum", i, &name, &pattern, &source); i++)
        if (!strcmp(name, subject))
            return TRUE;
    return FALSE;
}

/* A change against its in-line base (the fact after it, subject
 * <subject><compared_to>) and against its percent. */
static void check_change(GPtrArray *facts, guint i)
{
    JxFact *f = g_ptr_array_index(facts, i);
    if (!f->value.set || !f->change.set)
        return;
    if (f->compared_to && i + 1 < facts->len) {
        JxFact *b = g_ptr_array_index(facts, i + 1);
        char *want = g_strconcat(f->subject ? f->subject : "", f->compared_to, NULL);
        if (b->subject && !strcmp(b->subject, want) && b->value.set && is_money(f) &&
            fabs(f->value.v - b->value.v - f->change.v) > 2 * MONEY_ROUNDING) {
            flag(f, JX_FLAG_FACT_CHANGE_MISMATCH);
            flag(b, JX_FLAG_FACT_CHANGE_MISMATCH);
        }
        g_free(want);
    }
    double before = f->value.v - f->change.v;
    if (f->change_pct.set && before > 0) {
        double pct = 100 * f->change.v / before;
        if (fabs(pct - f->change_pct.v) > PCT_TOLERANCE + PCT_RELATIVE * fabs(f->change_pct.v))
            flag(f, JX_FLAG_FACT_CHANGE_MISMATCH);
    }
}

void jx_facts_check(GPtrArray *facts, const JxRuleset *rs)
{
    if (!facts || !rs)
        return;
    for (guint i = 0; i < facts->len; i++) {
        JxFact *f = g_ptr_array_index(facts, i);
        if (f->subject && is_money(f) && is_total(rs, f->subject))
            check_sum(facts, i, rs);
        check_change(facts, i);
    }
    for (guint i = 0; i < facts->len; i++) {
        JxFact *f = g_ptr_array_index(facts, i);
        f->confidence = jx_check_confidence(f->flags, rs);
    }
}
