#include "sink/jsonl.h"

#include "sink/json.h"

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

static void member(JxJson *j, const JxField *f, const void *rec, const JxDocInfo *doc)
{
    const char *p = (const char *)rec + f->offset;
    switch (f->kind) {
    case JX_FIELD_DOC: jx_json_str(j, f->name, doc->sha256); break;
    case JX_FIELD_STR:
    case JX_FIELD_CSTR: jx_json_str(j, f->name, *(const char *const *)p); break;
    case JX_FIELD_INT: jx_json_int(j, f->name, TRUE, *(const int *)p); break;
    case JX_FIELD_INT0: jx_json_int(j, f->name, *(const int *)p > 0, *(const int *)p); break;
    case JX_FIELD_SIZE:
        jx_json_int(j, f->name, *(const gboolean *)((const char *)rec + f->has_offset),
                    *(const gint64 *)p);
        break;
    case JX_FIELD_NUM: jx_json_num(j, f->name, ((const JxNum *)p)->set, ((const JxNum *)p)->v); break;
    case JX_FIELD_CONF: jx_json_num(j, f->name, TRUE, *(const double *)p); break;
    case JX_FIELD_VALUE:
        jx_json_key(j, f->name);
        jx_jsonl_value(j->s, (const JxValue *)p);
        break;
    case JX_FIELD_PAGES:
        jx_json_key(j, f->name);
        jx_json_append_pages(j->s, *(const GArray *const *)p);
        break;
    case JX_FIELD_FLAGS:
        jx_json_key(j, f->name);
        jx_json_append_flags(j->s, *(const guint *)p);
        break;
    }
}

void jx_jsonl_record(GString *out, const JxRecordType *t, const void *rec, const JxDocInfo *doc)
{
    g_return_if_fail(out != NULL && t != NULL && rec != NULL && doc != NULL);
    JxJson j;
    jx_json_begin(&j, out);
    jx_json_str(&j, "type", t->type);
    for (guint i = 0; i < t->nfields; i++)
        member(&j, &t->fields[i], rec, doc);
    jx_json_end(&j);
    g_string_append_c(out, '\n');
}

typedef struct {
    GString *out;
    const JxDocInfo *doc;
    gboolean skip_document;
} Lines;

static gboolean put_line(const JxRecordType *t, const void *rec, gpointer ctx, GError **error)
{
    Lines *w = ctx;
    (void)error;
    if (!(w->skip_document && t->kind == JX_RECORD_DOCUMENT))
        jx_jsonl_record(w->out, t, rec, w->doc);
    return TRUE;
}

gboolean jx_jsonl_put(GString *out, const JxRecords *r)
{
    g_return_val_if_fail(out != NULL && r != NULL, FALSE);
    Lines w = {out, &r->document, FALSE};
    return jx_records_foreach(r, put_line, &w, NULL);
}

void jx_jsonl_document(GString *out, const JxDocInfo *d, const JxResult *res)
{
    JxDocInfo full = *d;
    jx_doc_info_complete(&full, res);
    jx_jsonl_record(out, jx_record_type(JX_RECORD_DOCUMENT), &full, &full);
}

void jx_jsonl_records(GString *out, const JxDocInfo *d, const JxResult *res)
{
    JxRecords r;
    jx_records_init(&r, d, res, NULL, NULL);
    Lines w = {out, d, TRUE};
    jx_records_foreach(&r, put_line, &w, NULL);
}

void jx_jsonl_error(GString *out, const JxDocInfo *d, const char *code, const char *message)
{
    JxErrorRecord e = {.source = d->source, .code = code, .message = message};
    jx_jsonl_record(out, jx_record_type(JX_RECORD_ERROR), &e, d);
}
