#include "sink/handover.h"

#include "common/error.h"

/* The GVariant type of each field kind; a value object is
 * (raw kind op has_value has_max value max text text_max unit approx). */
static const char *kind_type(JxFieldKind k)
{
    switch (k) {
    case JX_FIELD_DOC: return "";
    case JX_FIELD_STR:
    case JX_FIELD_CSTR: return "may";
    case JX_FIELD_INT:
    case JX_FIELD_INT0: return "i";
    case JX_FIELD_SIZE: return "mx";
    case JX_FIELD_NUM: return "md";
    case JX_FIELD_CONF: return "d";
    case JX_FIELD_VALUE: return "(mayiibbddmaymaymayb)";
    case JX_FIELD_PAGES: return "mai";
    case JX_FIELD_FLAGS: return "u";
    }
    return "";
}

static void append_type(GString *s, JxRecordKind k)
{
    const JxRecordType *t = jx_record_type(k);
    g_string_append_c(s, '(');
    for (guint i = 0; i < t->nfields; i++)
        g_string_append(s, kind_type(t->fields[i].kind));
    g_string_append_c(s, ')');
}

/* The shapes, made once from the field lists:
 *   all    (document  m(kind year flags forms facts)  m(error))
 *   forms  a(form funds indicators), funds a(fund), indicators a(indicator),
 *   facts  a(fact) */
typedef struct {
    GVariantType *all, *result, *error, *funds, *indicators, *forms, *facts;
} Types;

static GVariantType *type_of(GString *s)
{
    GVariantType *t = g_variant_type_new(s->str);
    g_string_free(s, TRUE);
    return t;
}

static const Types *types(void)
{
    static gsize once = 0;
    static Types t;
    if (g_once_init_enter(&once)) {
        GString *fund = g_string_new("a"), *ind = g_string_new("a"), *err = g_string_new(NULL);
        GString *facts = g_string_new("a");
        append_type(facts, JX_RECORD_FACT);
        append_type(fund, JX_RECORD_FUND);
        append_type(ind, JX_RECORD_INDICATOR);
        append_type(err, JX_RECORD_ERROR);
        GString *forms = g_string_new("a(");
        append_type(forms, JX_RECORD_FORM);
        g_string_append_printf(forms, "%s%s)", fund->str, ind->str);
        GString *result = g_string_new(NULL);
        g_string_append_printf(result, "(siu%s%s)", forms->str, facts->str);
        GString *all = g_string_new("(");
        append_type(all, JX_RECORD_DOCUMENT);
        g_string_append_printf(all, "m%sm%s)", result->str, err->str);
        t.all = type_of(all);
        t.result = type_of(result);
        t.error = type_of(err);
        t.funds = type_of(fund);
        t.indicators = type_of(ind);
        t.forms = type_of(forms);
        t.facts = type_of(facts);
        g_once_init_leave(&once, 1);
    }
    return &t;
}

/* ---- records -> GVariant ---- */

static GVariant *maybe_str(const char *s)
{
    return g_variant_new_maybe(G_VARIANT_TYPE_BYTESTRING, s ? g_variant_new_bytestring(s) : NULL);
}

static GVariant *maybe_double(gboolean set, double v)
{
    return g_variant_new_maybe(G_VARIANT_TYPE_DOUBLE, set ? g_variant_new_double(v) : NULL);
}

static GVariant *maybe_int64(gboolean set, gint64 v)
{
    return g_variant_new_maybe(G_VARIANT_TYPE_INT64, set ? g_variant_new_int64(v) : NULL);
}

static GVariant *value_variant(const JxValue *v)
{
    return g_variant_new("(@mayiibbdd@may@may@mayb)", maybe_str(v->raw), (gint32)v->kind,
                         (gint32)v->op, v->has_value, v->has_max, v->value, v->max,
                         maybe_str(v->text), maybe_str(v->text_max), maybe_str(v->unit),
                         v->approx);
}

G_STATIC_ASSERT(sizeof(int) == sizeof(gint32));

static GVariant *pages_variant(const GArray *pages)
{
    GVariant *list = NULL;
    if (pages)
        list = g_variant_new_fixed_array(G_VARIANT_TYPE_INT32, pages->data, pages->len,
                                         sizeof(gint32));
    return g_variant_new_maybe(G_VARIANT_TYPE("ai"), list);
}

static GVariant *record_variant(const JxRecordType *t, const void *rec)
{
    GVariantBuilder b;
    g_variant_builder_init(&b, G_VARIANT_TYPE_TUPLE);
    for (guint i = 0; i < t->nfields; i++) {
        const JxField *f = &t->fields[i];
        const char *p = (const char *)rec + f->offset;
        const JxNum *n = (const JxNum *)p;
        switch (f->kind) {
        case JX_FIELD_DOC: break;
        case JX_FIELD_STR:
        case JX_FIELD_CSTR: g_variant_builder_add_value(&b, maybe_str(*(const char *const *)p)); break;
        case JX_FIELD_INT:
        case JX_FIELD_INT0: g_variant_builder_add(&b, "i", (gint32) * (const int *)p); break;
        case JX_FIELD_SIZE:
            g_variant_builder_add_value(
                &b, maybe_int64(*(const gboolean *)((const char *)rec + f->has_offset),
                                *(const gint64 *)p));
            break;
        case JX_FIELD_NUM: g_variant_builder_add_value(&b, maybe_double(n->set, n->v)); break;
        case JX_FIELD_CONF: g_variant_builder_add(&b, "d", *(const double *)p); break;
        case JX_FIELD_VALUE:
            g_variant_builder_add_value(&b, value_variant((const JxValue *)p));
            break;
        case JX_FIELD_PAGES:
            g_variant_builder_add_value(&b, pages_variant(*(const GArray *const *)p));
            break;
        case JX_FIELD_FLAGS: g_variant_builder_add(&b, "u", *(const guint *)p); break;
        }
    }
    return g_variant_builder_end(&b);
}

static GVariant *form_variant(const JxForm *f)
{
    GVariantBuilder funds, inds;
    g_variant_builder_init(&funds, types()->funds);
    g_variant_builder_init(&inds, types()->indicators);
    for (guint i = 0; i < f->funds->len; i++)
        g_variant_builder_add_value(&funds, record_variant(jx_record_type(JX_RECORD_FUND),
                                                           g_ptr_array_index(f->funds, i)));
    for (guint i = 0; i < f->indicators->len; i++)
        g_variant_builder_add_value(&inds, record_variant(jx_record_type(JX_RECORD_INDICATOR),
                                                          g_ptr_array_index(f->indicators, i)));
    GVariant *c[3] = {record_variant(jx_record_type(JX_RECORD_FORM), f),
                      g_variant_builder_end(&funds), g_variant_builder_end(&inds)};
    return g_variant_new_tuple(c, 3);
}

static GVariant *result_variant(const JxResult *res)
{
    GVariantBuilder forms, facts;
    g_variant_builder_init(&forms, types()->forms);
    for (guint k = 0; k < res->forms->len; k++)
        g_variant_builder_add_value(&forms, form_variant(g_ptr_array_index(res->forms, k)));
    g_variant_builder_init(&facts, types()->facts);
    for (guint k = 0; k < res->facts->len; k++)
        g_variant_builder_add_value(&facts, record_variant(jx_record_type(JX_RECORD_FACT),
                                                           g_ptr_array_index(res->facts, k)));
    return g_variant_new("(siu@*@*)", res->kind ? res->kind : "unknown", (gint32)res->year,
                         res->flags, g_variant_builder_end(&forms), g_variant_builder_end(&facts));
}

gboolean jx_records_serialize(const JxRecords *r, GString *out)
{
    g_return_val_if_fail(r != NULL && out != NULL, FALSE);
    GVariant *c[3] = {
        record_variant(jx_record_type(JX_RECORD_DOCUMENT), &r->document),
        g_variant_new_maybe(types()->result, r->result ? result_variant(r->result) : NULL),
        g_variant_new_maybe(types()->error,
                            r->error.code ? record_variant(jx_record_type(JX_RECORD_ERROR), &r->error)
                                          : NULL)};
    GVariant *all = g_variant_ref_sink(g_variant_new_tuple(c, 3));
    g_string_append_len(out, g_variant_get_data(all), (gssize)g_variant_get_size(all));
    g_variant_unref(all);
    return TRUE;
}

/* ---- GVariant -> records ---- */

/* Rebuilt records keep their unowned strings and page lists in `owner`. */

static const char *chunk_str(JxRecords *owner, GVariant *m)
{
    GVariant *v = g_variant_get_maybe(m);
    const char *s = v ? g_string_chunk_insert(owner->strings_, g_variant_get_bytestring(v)) : NULL;
    if (v)
        g_variant_unref(v);
    return s;
}

static char *dup_str(GVariant *m)
{
    GVariant *v = g_variant_get_maybe(m);
    char *s = v ? g_strdup(g_variant_get_bytestring(v)) : NULL;
    if (v)
        g_variant_unref(v);
    return s;
}

static void value_from(JxValue *v, GVariant *t)
{
    GVariant *raw, *text, *text_max, *unit;
    gint32 kind, op;
    gboolean has_value, has_max, approx;
    g_variant_get(t, "(@mayiibbdd@may@may@mayb)", &raw, &kind, &op, &has_value, &has_max,
                  &v->value, &v->max, &text, &text_max, &unit, &approx);
    v->raw = dup_str(raw);
    v->kind = (JxKind)kind;
    v->op = (JxOp)op;
    v->has_value = has_value;
    v->has_max = has_max;
    v->text = dup_str(text);
    v->text_max = dup_str(text_max);
    v->unit = dup_str(unit);
    v->approx = approx;
    g_variant_unref(raw);
    g_variant_unref(text);
    g_variant_unref(text_max);
    g_variant_unref(unit);
}

static GArray *pages_from(JxRecords *owner, GVariant *m)
{
    GVariant *v = g_variant_get_maybe(m);
    if (!v)
        return NULL;
    gsize n = 0;
    const gint32 *p = g_variant_get_fixed_array(v, &n, sizeof(gint32));
    GArray *a = g_array_sized_new(FALSE, FALSE, sizeof(int), (guint)n);
    g_array_append_vals(a, p, (guint)n);
    g_ptr_array_add(owner->arrays_, a);
    g_variant_unref(v);
    return a;
}

/* Fills the members of rec (a zeroed or fresh struct of type t) from tuple. */
static void record_from(JxRecords *owner, const JxRecordType *t, void *rec, GVariant *tuple)
{
    gsize c = 0;
    for (guint i = 0; i < t->nfields; i++) {
        const JxField *f = &t->fields[i];
        if (f->kind == JX_FIELD_DOC)
            continue;
        char *p = (char *)rec + f->offset;
        GVariant *v = g_variant_get_child_value(tuple, c++), *m;
        switch (f->kind) {
        case JX_FIELD_DOC: break;
        case JX_FIELD_STR: *(char **)p = dup_str(v); break;
        case JX_FIELD_CSTR: *(const char **)p = chunk_str(owner, v); break;
        case JX_FIELD_INT:
        case JX_FIELD_INT0: *(int *)p = g_variant_get_int32(v); break;
        case JX_FIELD_SIZE:
            m = g_variant_get_maybe(v);
            *(gboolean *)((char *)rec + f->has_offset) = m != NULL;
            *(gint64 *)p = m ? g_variant_get_int64(m) : 0;
            if (m)
                g_variant_unref(m);
            break;
        case JX_FIELD_NUM:
            m = g_variant_get_maybe(v);
            *(JxNum *)p = (JxNum){m != NULL, m ? g_variant_get_double(m) : 0};
            if (m)
                g_variant_unref(m);
            break;
        case JX_FIELD_CONF: *(double *)p = g_variant_get_double(v); break;
        case JX_FIELD_VALUE: value_from((JxValue *)p, v); break;
        case JX_FIELD_PAGES: *(const GArray **)p = pages_from(owner, v); break;
        case JX_FIELD_FLAGS: *(guint *)p = g_variant_get_uint32(v); break;
        }
        g_variant_unref(v);
    }
}

static JxResult *result_from(JxRecords *owner, GVariant *t)
{
    JxResult *res = jx_result_new();
    const char *kind;
    gint32 year;
    GVariant *forms, *facts;
    g_variant_get(t, "(&siu@*@*)", &kind, &year, &res->flags, &forms, &facts);
    res->kind = g_string_chunk_insert_const(owner->strings_, kind);
    res->year = year;
    GVariantIter it;
    GVariant *form, *funds, *inds;
    g_variant_iter_init(&it, forms);
    while (g_variant_iter_next(&it, "(@*@*@*)", &form, &funds, &inds)) {
        JxForm *f = jx_form_new(0);
        record_from(owner, jx_record_type(JX_RECORD_FORM), f, form);
        GVariantIter ri;
        GVariant *rec;
        g_variant_iter_init(&ri, funds);
        while ((rec = g_variant_iter_next_value(&ri))) {
            JxFund *fund = jx_fund_new(0, NULL);
            record_from(owner, jx_record_type(JX_RECORD_FUND), fund, rec);
            g_ptr_array_add(f->funds, fund);
            g_variant_unref(rec);
        }
        g_variant_iter_init(&ri, inds);
        while ((rec = g_variant_iter_next_value(&ri))) {
            JxIndicator *ind = jx_indicator_new(0, 0);
            record_from(owner, jx_record_type(JX_RECORD_INDICATOR), ind, rec);
            g_ptr_array_add(f->indicators, ind);
            g_variant_unref(rec);
        }
        g_ptr_array_add(res->forms, f);
        g_variant_unref(form);
        g_variant_unref(funds);
        g_variant_unref(inds);
    }
    g_variant_unref(forms);
    GVariantIter fi;
    GVariant *rec;
    g_variant_iter_init(&fi, facts);
    while ((rec = g_variant_iter_next_value(&fi))) {
        JxFact *fact = jx_fact_new();
        record_from(owner, jx_record_type(JX_RECORD_FACT), fact, rec);
        g_ptr_array_add(res->facts, fact);
        g_variant_unref(rec);
    }
    g_variant_unref(facts);
    return res;
}

JxRecords *jx_records_deserialize(const void *data, gsize len, GError **error)
{
    g_return_val_if_fail(data != NULL || len == 0, NULL);
    g_return_val_if_fail(error == NULL || *error == NULL, NULL);
    GBytes *bytes = g_bytes_new(data, len);
    GVariant *all = g_variant_ref_sink(g_variant_new_from_bytes(types()->all, bytes, FALSE));
    g_bytes_unref(bytes);
    if (!g_variant_is_normal_form(all)) {
        g_set_error(error, JX_ERROR, JX_ERROR_CORRUPT, "the records handed over are not well formed");
        g_variant_unref(all);
        return NULL;
    }
    JxRecords *r = g_new0(JxRecords, 1);
    r->strings_ = g_string_chunk_new(256);
    r->arrays_ = g_ptr_array_new_with_free_func((GDestroyNotify)g_array_unref);
    GVariant *doc = g_variant_get_child_value(all, 0), *res = g_variant_get_child_value(all, 1),
             *err = g_variant_get_child_value(all, 2), *v;
    record_from(r, jx_record_type(JX_RECORD_DOCUMENT), &r->document, doc);
    if ((v = g_variant_get_maybe(res))) {
        r->result = result_from(r, v);
        g_variant_unref(v);
    }
    if ((v = g_variant_get_maybe(err))) {
        record_from(r, jx_record_type(JX_RECORD_ERROR), &r->error, v);
        g_variant_unref(v);
    }
    g_variant_unref(doc);
    g_variant_unref(res);
    g_variant_unref(err);
    g_variant_unref(all);
    return r;
}
