/* Header fields of a form (项目名称, 项目编码 ... 自评总分), read from label
 * cells and from lines printed outside the table; checkbox options. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "common/error.h"
#include "normalize/text.h"
#include "rules/form.h"
#include "rules/form_reader.h"

/* U+FFFD REPLACEMENT CHARACTER: a reader puts it for a byte it could not decode;
 * a field holding it is flagged TEXT_GARBLED. */
#define REPLACEMENT "\xEF\xBF\xBD"

/* How a field's value is kept. */
typedef enum {
    FIELD_TEXT,    /* jx_text_clean */
    FIELD_CODE,    /* codes wrap mid-number: they lose their spaces */
    FIELD_OPTIONS, /* the checked options of a list of checkboxes */
    FIELD_NUMBER,  /* a JxNum */
    FIELD_YEAR     /* the year (int) */
} FieldHow;

/* Every field a `field` rule may name: its member of JxForm. */
static const struct {
    const char *name;
    size_t offset;
    FieldHow how;
} FIELDS[] = {
    {"project_name", offsetof(JxForm, project_name), FIELD_TEXT},
    {"project_code", offsetof(JxForm, project_code), FIELD_CODE},
    {"competent_dept", offsetof(JxForm, competent_dept), FIELD_TEXT},
    {"implementing_unit", offsetof(JxForm, implementing_unit), FIELD_TEXT},
    {"project_lead", offsetof(JxForm, project_lead), FIELD_TEXT},
    {"project_attribute", offsetof(JxForm, project_attribute), FIELD_OPTIONS},
    {"goal_expected", offsetof(JxForm, goal_expected), FIELD_TEXT},
    {"total_score", offsetof(JxForm, total_score), FIELD_NUMBER},
    {"year", offsetof(JxForm, year), FIELD_YEAR},
};

static int field_index(const char *name)
{
    for (gsize i = 0; i < G_N_ELEMENTS(FIELDS); i++)
        if (!strcmp(FIELDS[i].name, name))
            return (int)i;
    return -1;
}

gboolean jx_forms_check_rules(const JxRuleset *rs, GError **error)
{
    g_return_val_if_fail(rs != NULL, FALSE);
    const char *names[G_N_ELEMENTS(FIELDS) + 1];
    for (gsize i = 0; i < G_N_ELEMENTS(FIELDS); i++)
        names[i] = FIELDS[i].name;
    names[G_N_ELEMENTS(FIELDS)] = NULL;
    JxUnits *units = jx_units_new(rs, error); /* the unit rules parse */
    gboolean units_ok = units != NULL;
    jx_units_free(units);
    return units_ok && jx_ruleset_check_names(rs, "field", names, error);
}

void fr_set_field(const JxRuleset *rs, JxForm *f, const char *name, const char *value)
{
    int i = field_index(name);
    if (i < 0)
        return;
    void *member = (char *)f + FIELDS[i].offset;
    char **slot = member;
    JxNum *num = member;
    int *year = member;
    char *y = NULL;
    switch (FIELDS[i].how) {
    case FIELD_TEXT:
    case FIELD_OPTIONS:
        if (!*slot)
            *slot = jx_text_clean(value);
        break;
    case FIELD_CODE:
        if (!*slot)
            *slot = jx_text_compact(value);
        break;
    case FIELD_NUMBER:
        if (!num->set)
            fr_number_of(value, num);
        break;
    case FIELD_YEAR:
        if (!*year && jx_ruleset_match(rs, "year", value, &y) && y)
            *year = atoi(y);
        else if (!*year && strlen(value) == 4 && g_ascii_isdigit(value[0]))
            *year = atoi(value);
        g_free(y);
        break;
    }
}

/* "1、常年性☑ 2、延续性□ …" -> "常年性": the options whose box is checked,
 * whether boxes follow their options or precede them. Text without boxes
 * is returned as it is; NULL when no box is checked. */
static char *checked_options(const JxRuleset *rs, const char *text)
{
    GPtrArray *parts = g_ptr_array_new_with_free_func(g_free); /* text, mark, ... */
    GString *cur = g_string_new(NULL);
    gboolean boxes = FALSE;
    for (const char *p = text; *p; p = g_utf8_next_char(p)) {
        char ch[8] = {0};
        memcpy(ch, p, (size_t)(g_utf8_next_char(p) - p));
        const char *mark = jx_ruleset_match(rs, "checkbox", ch, NULL);
        if (!mark) {
            g_string_append(cur, ch);
            continue;
        }
        boxes = TRUE;
        g_ptr_array_add(parts, g_string_free(g_steal_pointer(&cur), FALSE));
        g_ptr_array_add(parts, g_strdup(mark));
        cur = g_string_new(NULL);
    }
    g_ptr_array_add(parts, g_string_free(cur, FALSE));
    if (!boxes) {
        g_ptr_array_free(parts, TRUE);
        return g_strdup(text);
    }
    /* parts: t0 m1 t2 m3 ... ; boxes precede their options when t0 is blank */
    char *lead = g_strstrip(g_strdup(g_ptr_array_index(parts, 0)));
    int shift = *lead ? -1 : 1;
    g_free(lead);
    GString *out = g_string_new(NULL);
    for (guint k = 1; k < parts->len; k += 2) {
        if (strcmp(g_ptr_array_index(parts, k), "checked") != 0)
            continue;
        char *opt = jx_text_compact(g_ptr_array_index(parts, k + shift));
        char *bare = jx_ruleset_strip(rs, "namestrip", opt);
        if (*bare)
            g_string_append_printf(out, "%s%s", out->len ? "、" : "", bare);
        g_free(bare);
        g_free(opt);
    }
    g_ptr_array_free(parts, TRUE);
    return g_string_free(out, out->len == 0);
}

/* The value of a field as the form keeps it, or NULL for none. */
static char *field_value(const JxRuleset *rs, const char *name, const char *raw)
{
    int i = field_index(name);
    return i >= 0 && FIELDS[i].how == FIELD_OPTIONS ? checked_options(rs, raw) : g_strdup(raw);
}

/* A field that starts a new form when the open one already has it: a
 * second project in one table, the next 年度目标. */
static gboolean starts_form(const JxForm *f, const char *name)
{
    return f && ((!strcmp(name, "project_name") && f->project_name) ||
                 (!strcmp(name, "goal_expected") && f->goal_expected));
}

const char *fr_match_field(const JxRuleset *rs, const char *text, const char *key, char **cap)
{
    const char *name = jx_ruleset_match(rs, "field", text, cap);
    if (!name) {
        g_free(*cap);
        name = jx_ruleset_match(rs, "field", key, cap);
    }
    return name;
}

void fr_read_fields(Reader *rd, const Grid *g, GArray *cells)
{
    for (guint k = 0; k < cells->len; k++) {
        int i = g_array_index(cells, int, k);
        if (!fr_label_match(rd->rs, g, i, MEMO_FIELD))
            continue;
        char *cap = NULL;
        const char *name = fr_match_field(rd->rs, g->text[i], g->key[i], &cap);
        char *value = fr_nonempty(cap ? g_strstrip(cap) : NULL);
        g_free(cap);
        int from = i;
        /* else: the next cell to the right that is not itself a label */
        for (guint j = k + 1; !value && j < cells->len; j++) {
            int v = g_array_index(cells, int, j);
            if (fr_label_match(rd->rs, g, v, MEMO_FIELD))
                break;
            value = fr_nonempty(g->text[v]);
            from = v;
        }
        if (!value)
            continue;
        if (starts_form(rd->form, name))
            fr_close_form(rd);
        JxForm *f = fr_open_form(rd);
        char *v = field_value(rd->rs, name, value);
        if (v)
            fr_set_field(rd->rs, f, name, v);
        /* a spreadsheet number that lost digits (an ID typed as a number),
         * a word OCR was unsure of */
        f->flags |= fr_cell(g, from)->flags & (JX_FLAG_BIT(JX_FLAG_DIGITS_LOST) | JX_DOUBT_READ);
        if (v && strstr(v, REPLACEMENT)) /* a byte the reader could not decode */
            f->flags |= JX_FLAG_BIT(JX_FLAG_TEXT_GARBLED);
        g_free(v);
        g_free(value);
    }
}

void fr_read_field_line(Reader *rd, const char *name, char *cap)
{
    char *v = field_value(rd->rs, name, g_strstrip(cap));
    if (starts_form(rd->form ? rd->form : rd->last, name)) {
        if (rd->form)
            fr_close_form(rd);
        rd->last = NULL;
    }
    if (v && strstr(v, REPLACEMENT) && (rd->form || rd->last))
        (rd->form ? rd->form : rd->last)->flags |= JX_FLAG_BIT(JX_FLAG_TEXT_GARBLED);
    if (v && rd->form)
        fr_set_field(rd->rs, rd->form, name, v);
    else if (v && rd->last)
        fr_set_field(rd->rs, rd->last, name, v);
    else if (v)
        g_hash_table_replace(rd->pending, g_strdup(name), g_strdup(v));
    if (v && (rd->form || rd->last))
        (rd->form ? rd->form : rd->last)->flags |= rd->doubt;
    else if (v)
        rd->pending_doubt |= rd->doubt;
    g_free(v);
}
