#include "sink/columns.h"

#include <math.h>

#include "sink/json.h"

static const char *const VALUE_PARTS[] = {"raw", "kind", "op", "value", "max", "unit", "approx"};

void jx_column_names(const JxRecordType *t, GPtrArray *names)
{
    g_return_if_fail(t != NULL && names != NULL);
    for (guint i = 0; i < t->nfields; i++) {
        if (t->fields[i].kind != JX_FIELD_VALUE) {
            g_ptr_array_add(names, g_strdup(t->fields[i].name));
            continue;
        }
        for (gsize k = 0; k < G_N_ELEMENTS(VALUE_PARTS); k++)
            g_ptr_array_add(names, g_strdup_printf("%s_%s", t->fields[i].name, VALUE_PARTS[k]));
    }
}

void jx_column_types(const JxRecordType *t, GArray *types)
{
    g_return_if_fail(t != NULL && types != NULL);
    static const JxColumnType VALUE_TYPES[] = {JX_COLUMN_TEXT, JX_COLUMN_TEXT, JX_COLUMN_TEXT,
                                               JX_COLUMN_TEXT, JX_COLUMN_TEXT, JX_COLUMN_TEXT,
                                               JX_COLUMN_BOOL};
    G_STATIC_ASSERT(G_N_ELEMENTS(VALUE_TYPES) == G_N_ELEMENTS(VALUE_PARTS));
    for (guint i = 0; i < t->nfields; i++) {
        JxColumnType c = JX_COLUMN_TEXT;
        switch (t->fields[i].kind) {
        case JX_FIELD_VALUE:
            g_array_append_vals(types, VALUE_TYPES, G_N_ELEMENTS(VALUE_TYPES));
            continue;
        case JX_FIELD_INT:
        case JX_FIELD_INT0:
        case JX_FIELD_SIZE: c = JX_COLUMN_INT; break;
        case JX_FIELD_NUM:
        case JX_FIELD_CONF: c = JX_COLUMN_REAL; break;
        case JX_FIELD_DOC:
        case JX_FIELD_STR:
        case JX_FIELD_CSTR:
        case JX_FIELD_PAGES:
        case JX_FIELD_FLAGS: c = JX_COLUMN_TEXT; break;
        }
        g_array_append_val(types, c);
    }
}

guint jx_column_count(const JxRecordType *t)
{
    g_return_val_if_fail(t != NULL, 0);
    guint n = 0;
    for (guint i = 0; i < t->nfields; i++)
        n += t->fields[i].kind == JX_FIELD_VALUE ? G_N_ELEMENTS(VALUE_PARTS) : 1;
    return n;
}

char *jx_column_list(const JxRecordType *t, const char *sep)
{
    g_return_val_if_fail(t != NULL && sep != NULL, NULL);
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    jx_column_names(t, names);
    g_ptr_array_add(names, NULL);
    char *list = g_strjoinv(sep, (char **)names->pdata);
    g_ptr_array_free(names, TRUE);
    return list;
}

static const JxColumnValue NONE = {.type = JX_COLUMN_NULL};

static void add(GArray *values, JxColumnValue c)
{
    g_array_append_val(values, c);
}

static void add_text(GArray *values, const char *s)
{
    if (!s) {
        add(values, NONE);
    } else if (g_utf8_validate(s, -1, NULL)) {
        add(values, (JxColumnValue){.type = JX_COLUMN_TEXT, .text = s});
    } else { /* as the JSON Lines have it */
        char *valid = g_utf8_make_valid(s, -1);
        add(values, (JxColumnValue){.type = JX_COLUMN_TEXT, .text = valid, .owned = valid});
    }
}

static void add_number(GArray *values, gboolean set, double v)
{
    if (!set || !isfinite(v))
        add(values, NONE);
    else if (jx_json_number_is_integer(v))
        add(values, (JxColumnValue){.type = JX_COLUMN_INT, .i = (gint64)v});
    else
        add(values, (JxColumnValue){.type = JX_COLUMN_REAL, .d = v});
}

static void add_int(GArray *values, gboolean set, gint64 v)
{
    add(values, set ? (JxColumnValue){.type = JX_COLUMN_INT, .i = v} : NONE);
}

static void add_json(GArray *values, GString *json)
{
    char *s = g_string_free(json, FALSE);
    if (g_str_equal(s, "null")) {
        g_free(s);
        add(values, NONE);
    } else {
        add(values, (JxColumnValue){.type = JX_COLUMN_TEXT, .text = s, .owned = s});
    }
}

static void add_value(GArray *values, const JxValue *v)
{
    if (v->kind == JX_KIND_EMPTY) {
        for (gsize k = 0; k < G_N_ELEMENTS(VALUE_PARTS); k++)
            add(values, NONE);
        return;
    }
    add_text(values, v->raw);
    add_text(values, jx_kind_name(v->kind));
    add_text(values, jx_op_name(v->op));
    if (v->kind == JX_KIND_DATE) {
        add_text(values, v->text);
        add_text(values, v->text_max);
    } else {
        add_number(values, v->has_value, v->value);
        add_number(values, v->has_max, v->max);
    }
    add_text(values, v->unit);
    add(values, (JxColumnValue){.type = JX_COLUMN_BOOL, .i = v->approx != 0});
}

void jx_column_values_append(GArray *values, const JxRecordType *t, const void *rec, const JxDocInfo *doc)
{
    g_return_if_fail(values != NULL && t != NULL && rec != NULL && doc != NULL);
    for (guint i = 0; i < t->nfields; i++) {
        const JxField *f = &t->fields[i];
        const char *p = (const char *)rec + f->offset;
        GString *json;
        switch (f->kind) {
        case JX_FIELD_DOC: add_text(values, doc->sha256); break;
        case JX_FIELD_STR:
        case JX_FIELD_CSTR: add_text(values, *(const char *const *)p); break;
        case JX_FIELD_INT: add_int(values, TRUE, *(const int *)p); break;
        case JX_FIELD_INT0: add_int(values, *(const int *)p > 0, *(const int *)p); break;
        case JX_FIELD_SIZE:
            add_int(values, *(const gboolean *)((const char *)rec + f->has_offset), *(const gint64 *)p);
            break;
        case JX_FIELD_NUM: add_number(values, ((const JxNum *)p)->set, ((const JxNum *)p)->v); break;
        case JX_FIELD_CONF: add_number(values, TRUE, *(const double *)p); break;
        case JX_FIELD_VALUE: add_value(values, (const JxValue *)p); break;
        case JX_FIELD_PAGES:
            json = g_string_new(NULL);
            jx_json_append_pages(json, *(const GArray *const *)p);
            add_json(values, json);
            break;
        case JX_FIELD_FLAGS:
            json = g_string_new(NULL);
            jx_json_append_flags(json, *(const guint *)p);
            add_json(values, json);
            break;
        }
    }
}

void jx_column_values_clear(GArray *values)
{
    g_return_if_fail(values != NULL);
    for (guint i = 0; i < values->len; i++)
        g_free(g_array_index(values, JxColumnValue, i).owned);
    g_array_set_size(values, 0);
}
