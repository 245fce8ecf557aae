#include "rules/record.h"

/* The descriptor tables, made from the field lists of record.h. */
#define OFFSET_DOC(T, m) 0
#define OFFSET_STR(T, m) offsetof(T, m)
#define OFFSET_CSTR(T, m) offsetof(T, m)
#define OFFSET_INT(T, m) offsetof(T, m)
#define OFFSET_INT0(T, m) offsetof(T, m)
#define OFFSET_SIZE(T, m) offsetof(T, m)
#define OFFSET_NUM(T, m) offsetof(T, m)
#define OFFSET_CONF(T, m) offsetof(T, m)
#define OFFSET_VALUE(T, m) offsetof(T, m)
#define OFFSET_PAGES(T, m) offsetof(T, m)
#define OFFSET_FLAGS(T, m) offsetof(T, m)
#define HAS_SIZE(T, m) offsetof(T, has_##m)
#define HAS_OTHER(T, m) 0
#define HAS_DOC HAS_OTHER
#define HAS_STR HAS_OTHER
#define HAS_CSTR HAS_OTHER
#define HAS_INT HAS_OTHER
#define HAS_INT0 HAS_OTHER
#define HAS_NUM HAS_OTHER
#define HAS_CONF HAS_OTHER
#define HAS_VALUE HAS_OTHER
#define HAS_PAGES HAS_OTHER
#define HAS_FLAGS HAS_OTHER

#define FIELD(T, kind, m, name) {#name, JX_FIELD_##kind, OFFSET_##kind(T, m), HAS_##kind(T, m)},
#define DOCUMENT_F(kind, m, name) FIELD(JxDocInfo, kind, m, name)
#define FORM_F(kind, m, name) FIELD(JxForm, kind, m, name)
#define FUND_F(kind, m, name) FIELD(JxFund, kind, m, name)
#define INDICATOR_F(kind, m, name) FIELD(JxIndicator, kind, m, name)
#define FACT_F(kind, m, name) FIELD(JxFact, kind, m, name)
#define ERROR_F(kind, m, name) FIELD(JxErrorRecord, kind, m, name)

static const JxField DOCUMENT[] = {JX_DOCUMENT_FIELDS(DOCUMENT_F, DOCUMENT_F)};
static const JxField FORM[] = {JX_FORM_FIELDS(FORM_F, FORM_F)};
static const JxField FUND[] = {JX_FUND_FIELDS(FUND_F, FUND_F)};
static const JxField INDICATOR[] = {JX_INDICATOR_FIELDS(INDICATOR_F, INDICATOR_F)};
static const JxField FACT[] = {JX_FACT_FIELDS(FACT_F, FACT_F)};
static const JxField ERROR[] = {JX_ERROR_FIELDS(ERROR_F, ERROR_F)};

static const JxRecordType TYPES[JX_RECORD_COUNT] = {
    {JX_RECORD_DOCUMENT, "document", "documents", DOCUMENT, G_N_ELEMENTS(DOCUMENT)},
    {JX_RECORD_FORM, "form", "forms", FORM, G_N_ELEMENTS(FORM)},
    {JX_RECORD_FUND, "fund", "funds", FUND, G_N_ELEMENTS(FUND)},
    {JX_RECORD_INDICATOR, "indicator", "indicators", INDICATOR, G_N_ELEMENTS(INDICATOR)},
    {JX_RECORD_FACT, "fact", "facts", FACT, G_N_ELEMENTS(FACT)},
    {JX_RECORD_ERROR, "error", "errors", ERROR, G_N_ELEMENTS(ERROR)},
};

const JxRecordType *jx_record_type(JxRecordKind k)
{
    g_return_val_if_fail(k < JX_RECORD_COUNT, NULL);
    return &TYPES[k];
}

/* Frees what a record owns: its STR fields and value objects. */
static void clear_owned(JxRecordKind k, void *rec)
{
    const JxRecordType *t = &TYPES[k];
    for (guint i = 0; i < t->nfields; i++) {
        char *p = (char *)rec + t->fields[i].offset;
        if (t->fields[i].kind == JX_FIELD_STR)
            g_free(*(char **)p);
        else if (t->fields[i].kind == JX_FIELD_VALUE)
            jx_value_clear((JxValue *)p);
    }
}

static void fund_free(gpointer p)
{
    clear_owned(JX_RECORD_FUND, p);
    g_free(p);
}

static void indicator_free(gpointer p)
{
    clear_owned(JX_RECORD_INDICATOR, p);
    g_free(p);
}

void jx_form_free(JxForm *f)
{
    if (!f)
        return;
    clear_owned(JX_RECORD_FORM, f);
    g_ptr_array_free(f->funds, TRUE);
    g_ptr_array_free(f->indicators, TRUE);
    g_free(f);
}

JxResult *jx_result_new(void)
{
    JxResult *r = g_new0(JxResult, 1);
    r->kind = "unknown";
    r->forms = g_ptr_array_new_with_free_func((GDestroyNotify)jx_form_free);
    r->facts = g_ptr_array_new_with_free_func((GDestroyNotify)jx_fact_free);
    return r;
}

void jx_result_free(JxResult *r)
{
    if (!r)
        return;
    g_ptr_array_free(r->forms, TRUE);
    g_ptr_array_free(r->facts, TRUE);
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

JxFact *jx_fact_new(void)
{
    JxFact *f = g_new0(JxFact, 1);
    f->confidence = 1.0;
    return f;
}

void jx_fact_free(JxFact *f)
{
    if (!f)
        return;
    clear_owned(JX_RECORD_FACT, f);
    g_free(f);
}

guint jx_result_indicator_count(const JxResult *r)
{
    guint n = 0;
    for (guint i = 0; i < r->forms->len; i++)
        n += ((JxForm *)g_ptr_array_index(r->forms, i))->indicators->len;
    return n;
}

void jx_doc_info_complete(JxDocInfo *d, const JxResult *res)
{
    g_return_if_fail(d != NULL);
    if (!res)
        d->text_source = "none";
    d->kind = res ? res->kind : "unknown";
    d->year = res ? res->year : 0;
    d->forms = res ? (int)res->forms->len : 0;
    d->indicators = res ? (int)jx_result_indicator_count(res) : 0;
    d->facts = res ? (int)res->facts->len : 0;
    d->flags = res ? res->flags : 0;
    if (d->pages_garbled && d->pages_garbled->len)
        d->flags |= JX_FLAG_BIT(JX_FLAG_TEXT_GARBLED);
}

void jx_records_init(JxRecords *out, const JxDocInfo *info, const JxResult *res,
                     const char *code, const char *message)
{
    g_return_if_fail(out != NULL && info != NULL);
    *out = (JxRecords){.document = *info, .result = (JxResult *)res}; /* a view never frees it */
    jx_doc_info_complete(&out->document, res);
    if (code)
        out->error = (JxErrorRecord){.source = info->source, .code = code, .message = message};
}

void jx_records_free(JxRecords *r)
{
    if (!r)
        return;
    jx_result_free(r->result);
    if (r->strings_)
        g_string_chunk_free(r->strings_);
    if (r->arrays_)
        g_ptr_array_free(r->arrays_, TRUE);
    g_free(r);
}

gboolean jx_records_foreach(const JxRecords *r, JxRecordFn fn, gpointer ctx, GError **error)
{
    g_return_val_if_fail(r != NULL && fn != NULL, FALSE);
    if (!fn(&TYPES[JX_RECORD_DOCUMENT], &r->document, ctx, error))
        return FALSE;
    for (guint k = 0; r->result && k < r->result->forms->len; k++) {
        const JxForm *f = g_ptr_array_index(r->result->forms, k);
        if (!fn(&TYPES[JX_RECORD_FORM], f, ctx, error))
            return FALSE;
        for (guint i = 0; i < f->funds->len; i++)
            if (!fn(&TYPES[JX_RECORD_FUND], g_ptr_array_index(f->funds, i), ctx, error))
                return FALSE;
        for (guint i = 0; i < f->indicators->len; i++)
            if (!fn(&TYPES[JX_RECORD_INDICATOR], g_ptr_array_index(f->indicators, i), ctx, error))
                return FALSE;
    }
    for (guint i = 0; r->result && i < r->result->facts->len; i++)
        if (!fn(&TYPES[JX_RECORD_FACT], g_ptr_array_index(r->result->facts, i), ctx, error))
            return FALSE;
    if (r->error.code && !fn(&TYPES[JX_RECORD_ERROR], &r->error, ctx, error))
        return FALSE;
    return TRUE;
}
