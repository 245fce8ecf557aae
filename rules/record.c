#include "rules/record.h"

static void fund_free(gpointer p)
{
    JxFund *f = p;
    g_free(f->unit_declared);
    g_free(f);
}

static void indicator_free(gpointer p)
{
    JxIndicator *i = p;
    g_free(i->level1);
    g_free(i->level2);
    g_free(i->level1_raw);
    g_free(i->level2_raw);
    g_free(i->name);
    g_free(i->detail);
    g_free(i->criteria);
    g_free(i->deviation);
    jx_value_clear(&i->target);
    jx_value_clear(&i->actual);
    g_free(i);
}

void jx_form_free(JxForm *f)
{
    if (!f)
        return;
    g_free(f->title);
    g_free(f->project_name);
    g_free(f->project_code);
    g_free(f->competent_dept);
    g_free(f->implementing_unit);
    g_free(f->project_lead);
    g_free(f->goal_expected);
    g_free(f->goal_actual);
    g_free(f->project_attribute);
    g_ptr_array_free(f->funds, TRUE);
    g_ptr_array_free(f->indicators, TRUE);
    g_free(f);
}

JxResult *jx_result_new(void)
{
    JxResult *r = g_new0(JxResult, 1);
    r->kind = "unknown";
    r->forms = g_ptr_array_new_with_free_func((GDestroyNotify)jx_form_free);
    return r;
}

void jx_result_free(JxResult *r)
{
    if (!r)
        return;
    g_ptr_array_free(r->forms, TRUE);
    g_free(r);
}

JxForm *jx_form_new(int index)
{
    JxForm *f = g_new0(JxForm, 1);
    f->index = index;
    f->confidence = 1.0;
    f->funds = g_ptr_array_new_with_free_func(fund_free);
    f->indicators = g_ptr_array_new_with_free_func(indicator_free);
    return f;
}

JxFund *jx_fund_new(int form, const char *line)
{
    JxFund *f = g_new0(JxFund, 1);
    f->form = form;
    f->line = line;
    f->confidence = 1.0;
    return f;
}

JxIndicator *jx_indicator_new(int form, int seq)
{
    JxIndicator *i = g_new0(JxIndicator, 1);
    i->form = form;
    i->seq = seq;
    i->confidence = 1.0;
    return i;
}

guint jx_result_indicator_count(const JxResult *r)
{
    guint n = 0;
    for (guint i = 0; i < r->forms->len; i++)
        n += ((JxForm *)g_ptr_array_index(r->forms, i))->indicators->len;
    return n;
}
