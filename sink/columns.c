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

static void add(GArray *cells, JxCell c)
{
    g_array_append_val(cells, c);
}

static void add_text(GArray *cells, const char *s)
{
    if (!s) {
        add(cells, (JxCell){.type = JX_CELL_NULL});
    } else if (g_utf8_validate(s, -1, NULL)) {
        add(cells, (JxCell){.type = JX_CELL_TEXT, .text = s});
    } else { /* as the JSON Lines have it */
        char *valid = g_utf8_make_valid(s, -1);
        add(cells, (JxCell){.type = JX_CELL_TEXT, .text = valid, .owned = valid});
    }
}

static void add_number(GArray *cells, gboolean set, double v)
{
    if (!set || !isfinite(v))
        add(cells, (JxCell){.type = JX_CELL_NULL});
    else if (jx_json_number_is_integer(v))
        add(cells, (JxCell){.type = JX_CELL_INT, .i = (gint64)v});
    else
        add(cells, (JxCell){.type = JX_CELL_REAL, .d = v});
}

static void add_int(GArray *cells, gboolean set, gint64 v)
{
    add(cells, set ? (JxCell){.type = JX_CELL_INT, .i = v} : (JxCell){.type = JX_CELL_NULL});
}

static void add_json(GArray *cells, GString *json)
{
    char *s = g_string_free(json, FALSE);
    if (g_str_equal(s, "null")) {
        g_free(s);
        add(cells, (JxCell){.type = JX_CELL_NULL});
    } else {
        add(cells, (JxCell){.type = JX_CELL_TEXT, .text = s, .owned = s});
    }
}

static void add_value(GArray *cells, const JxValue *v)
{
    if (v->kind == JX_KIND_EMPTY) {
        for (gsize k = 0; k < G_N_ELEMENTS(VALUE_PARTS); k++)
            add(cells, (JxCell){.type = JX_CELL_NULL});
        return;
    }
    add_text(cells, v->raw);
    add_text(cells, jx_kind_name(v->kind));
    add_text(cells, jx_op_name(v->op));
    if (v->kind == JX_KIND_DATE) {
        add_text(cells, v->text);
        add_text(cells, v->text_max);
    } else {
        add_number(cells, v->has_value, v->value);
        add_number(cells, v->has_max, v->max);
    }
    add_text(cells, v->unit);
    add(cells, (JxCell){.type = JX_CELL_BOOL, .i = v->approx != 0});
}

void jx_cells_append(GArray *cells, const JxRecordType *t, const void *rec, const JxDocInfo *doc)
{
    g_return_if_fail(cells != NULL && t != NULL && rec != NULL && doc != NULL);
    for (guint i = 0; i < t->nfields; i++) {
        const JxField *f = &t->fields[i];
        const char *p = (const char *)rec + f->offset;
        GString *json;
        switch (f->kind) {
        case JX_FIELD_DOC: add_text(cells, doc->sha256); break;
        case JX_FIELD_STR:
        case JX_FIELD_CSTR: add_text(cells, *(const char *const *)p); break;
        case JX_FIELD_INT: add_int(cells, TRUE, *(const int *)p); break;
        case JX_FIELD_INT0: add_int(cells, *(const int *)p > 0, *(const int *)p); break;
        case JX_FIELD_SIZE:
            add_int(cells, *(const gboolean *)((const char *)rec + f->has_offset), *(const gint64 *)p);
            break;
        case JX_FIELD_NUM: add_number(cells, ((const JxNum *)p)->set, ((const JxNum *)p)->v); break;
        case JX_FIELD_CONF: add_number(cells, TRUE, *(const double *)p); break;
        case JX_FIELD_VALUE: add_value(cells, (const JxValue *)p); break;
        case JX_FIELD_PAGES:
            json = g_string_new(NULL);
            jx_json_append_pages(json, *(const GArray *const *)p);
            add_json(cells, json);
            break;
        case JX_FIELD_FLAGS:
            json = g_string_new(NULL);
            jx_json_append_flags(json, *(const guint *)p);
            add_json(cells, json);
            break;
        }
    }
}

void jx_cells_clear(GArray *cells)
{
    g_return_if_fail(cells != NULL);
    for (guint i = 0; i < cells->len; i++)
        g_free(g_array_index(cells, JxCell, i).owned);
    g_array_set_size(cells, 0);
}
