#include "sink/jsonl.h"

#include "sink/json.h"

static void flags_member(JxJson *j, guint flags)
{
    jx_json_key(j, "flags");
    g_string_append_c(j->s, '[');
    gboolean first = TRUE;
    for (int f = 0; f < JX_FLAG_COUNT; f++)
        if (flags & JX_FLAG_BIT(f)) {
            if (!first)
                g_string_append_c(j->s, ',');
            first = FALSE;
            jx_json_append_string(j->s, jx_flag_name(f));
        }
    g_string_append_c(j->s, ']');
}

static void head(JxJson *j, GString *out, const char *type, const JxDocInfo *d)
{
    jx_json_begin(j, out);
    jx_json_str(j, "type", type);
    jx_json_str(j, "doc", d->sha256);
}

static void page_member(JxJson *j, const char *key, int page)
{
    jx_json_int(j, key, page > 0, page);
}

/* A list of page numbers; [] when none, null when not known. */
static void page_list(JxJson *j, const char *key, const GArray *pages)
{
    jx_json_key(j, key);
    if (!pages) {
        g_string_append(j->s, "null");
        return;
    }
    g_string_append_c(j->s, '[');
    for (guint i = 0; i < pages->len; i++)
        g_string_append_printf(j->s, "%s%d", i ? "," : "", g_array_index(pages, int, i));
    g_string_append_c(j->s, ']');
}

static void num(JxJson *j, const char *key, JxNum n)
{
    jx_json_num(j, key, n.set, n.v);
}

static void tail(JxJson *j, double confidence, guint flags)
{
    jx_json_num(j, "confidence", TRUE, confidence);
    flags_member(j, flags);
    jx_json_end(j);
    g_string_append_c(j->s, '\n');
}

void jx_jsonl_value(GString *out, const JxValue *v)
{
    if (v->kind == JX_KIND_EMPTY) {
        g_string_append(out, "null");
        return;
    }
    JxJson j;
    jx_json_begin(&j, out);
    jx_json_str(&j, "raw", v->raw);
    jx_json_str(&j, "kind", jx_kind_name(v->kind));
    jx_json_str(&j, "op", jx_op_name(v->op));
    if (v->kind == JX_KIND_DATE) {
        jx_json_str(&j, "value", v->text);
        jx_json_str(&j, "max", v->text_max);
    } else {
        jx_json_num(&j, "value", v->has_value, v->value);
        jx_json_num(&j, "max", v->has_max, v->max);
    }
    jx_json_str(&j, "unit", v->unit);
    jx_json_bool(&j, "approx", v->approx);
    jx_json_end(&j);
}

void jx_jsonl_document(GString *out, const JxDocInfo *d, const JxResult *res)
{
    JxJson j;
    head(&j, out, "document", d);
    jx_json_str(&j, "source", d->source);
    jx_json_int(&j, "bytes", d->has_bytes, d->bytes);
    jx_json_str(&j, "format", d->format);
    page_member(&j, "pages", d->pages);
    jx_json_str(&j, "text_source", res ? d->text_source : "none");
    jx_json_str(&j, "kind", res ? res->kind : "unknown");
    jx_json_int(&j, "year", res && res->year, res ? res->year : 0);
    jx_json_int(&j, "forms", TRUE, res ? res->forms->len : 0);
    jx_json_int(&j, "indicators", TRUE, res ? jx_result_indicator_count(res) : 0);
    jx_json_int(&j, "facts", TRUE, 0);
    page_list(&j, "pages_without_text", d->pages_without_text);
    page_list(&j, "pages_garbled", d->pages_garbled);
    guint flags = res ? res->flags : 0;
    if (d->pages_garbled && d->pages_garbled->len)
        flags |= JX_FLAG_BIT(JX_FLAG_TEXT_GARBLED);
    flags_member(&j, flags);
    jx_json_end(&j);
    g_string_append_c(out, '\n');
}

static void form_line(GString *out, const JxDocInfo *d, const JxForm *f)
{
    JxJson j;
    head(&j, out, "form", d);
    page_member(&j, "page", f->page_start);
    jx_json_int(&j, "form", TRUE, f->index);
    jx_json_str(&j, "title", f->title);
    jx_json_int(&j, "year", f->year > 0, f->year);
    jx_json_str(&j, "project_name", f->project_name);
    jx_json_str(&j, "project_code", f->project_code);
    jx_json_str(&j, "competent_dept", f->competent_dept);
    jx_json_str(&j, "implementing_unit", f->implementing_unit);
    jx_json_str(&j, "project_lead", f->project_lead);
    jx_json_str(&j, "goal_expected", f->goal_expected);
    jx_json_str(&j, "goal_actual", f->goal_actual);
    num(&j, "total_weight", f->total_weight);
    num(&j, "total_score", f->total_score);
    page_member(&j, "page_start", f->page_start);
    page_member(&j, "page_end", f->page_end);
    jx_json_str(&j, "project_attribute", f->project_attribute);
    tail(&j, f->confidence, f->flags);
}

static void fund_line(GString *out, const JxDocInfo *d, const JxFund *f)
{
    JxJson j;
    head(&j, out, "fund", d);
    page_member(&j, "page", f->page);
    jx_json_int(&j, "form", TRUE, f->form);
    jx_json_str(&j, "line", f->line);
    num(&j, "budget_initial", f->budget_initial);
    num(&j, "budget_full_year", f->budget_full_year);
    num(&j, "executed", f->executed);
    num(&j, "weight", f->weight);
    num(&j, "rate", f->rate);
    num(&j, "score", f->score);
    jx_json_str(&j, "unit_declared", f->unit_declared);
    tail(&j, f->confidence, f->flags);
}

static void indicator_line(GString *out, const JxDocInfo *d, const JxIndicator *i)
{
    JxJson j;
    head(&j, out, "indicator", d);
    page_member(&j, "page", i->page);
    jx_json_int(&j, "form", TRUE, i->form);
    jx_json_int(&j, "seq", TRUE, i->seq);
    jx_json_str(&j, "level1", i->level1);
    jx_json_str(&j, "level2", i->level2);
    jx_json_str(&j, "level1_raw", i->level1_raw);
    jx_json_str(&j, "level2_raw", i->level2_raw);
    num(&j, "level1_weight", i->level1_weight);
    num(&j, "level2_weight", i->level2_weight);
    jx_json_str(&j, "name", i->name);
    jx_json_str(&j, "detail", i->detail);
    jx_json_key(&j, "target");
    jx_jsonl_value(out, &i->target);
    jx_json_key(&j, "actual");
    jx_jsonl_value(out, &i->actual);
    num(&j, "weight", i->weight);
    num(&j, "score", i->score);
    num(&j, "review_score", i->review_score);
    jx_json_str(&j, "deviation", i->deviation);
    jx_json_str(&j, "criteria", i->criteria);
    tail(&j, i->confidence, i->flags);
}

void jx_jsonl_records(GString *out, const JxDocInfo *d, const JxResult *res)
{
    for (guint k = 0; k < res->forms->len; k++) {
        const JxForm *f = g_ptr_array_index(res->forms, k);
        form_line(out, d, f);
        for (guint i = 0; i < f->funds->len; i++)
            fund_line(out, d, g_ptr_array_index(f->funds, i));
        for (guint i = 0; i < f->indicators->len; i++)
            indicator_line(out, d, g_ptr_array_index(f->indicators, i));
    }
}

void jx_jsonl_error(GString *out, const JxDocInfo *d, const char *code,
                    const char *message)
{
    JxJson j;
    head(&j, out, "error", d);
    jx_json_str(&j, "source", d->source);
    jx_json_str(&j, "code", code);
    jx_json_str(&j, "message", message);
    jx_json_end(&j);
    g_string_append_c(out, '\n');
}
