#include "normalize/units.h"

#include <stdlib.h>
#include <string.h>

#include "common/error.h"
#include "normalize/text.h"

struct JxUnits {
    JxUnit *units;     /* sorted by first byte, then longest first */
    guint n;
    guint start[257];  /* units[start[b] .. start[b+1]) begin with byte b */
    GStringChunk *strings;
};

static int by_byte_then_length(const void *a, const void *b)
{
    const JxUnit *x = a, *y = b;
    int bx = (guchar)x->word[0], by = (guchar)y->word[0];
    if (bx != by)
        return bx - by;
    return x->len < y->len ? 1 : x->len > y->len ? -1 : strcmp(x->word, y->word);
}

/* One rule's PATTERN: "measure [PRINTED]", "classifier [PRINTED]", "money EXP". */
static gboolean parse_role(const char *pattern, JxUnit *u, char **printed)
{
    char **f = g_strsplit_set(pattern, " \t", -1);
    char *w[3] = {NULL, NULL, NULL};
    int n = 0;
    gboolean ok = TRUE;
    for (int i = 0; f[i]; i++)
        if (*f[i]) {
            if (n == 2) {
                ok = FALSE;
                break;
            }
            w[n++] = f[i];
        }
    *printed = NULL;
    if (!ok || n == 0) {
        ok = FALSE;
    } else if (strcmp(w[0], "money") == 0) {
        char *end = NULL;
        long e = w[1] ? strtol(w[1], &end, 10) : 0;
        ok = w[1] && *end == '\0' && end != w[1] && e >= -4 && e <= 12;
        u->role = JX_UNIT_MONEY;
        u->exp = (int)e;
        *printed = g_strdup("元");
    } else if (strcmp(w[0], "measure") == 0 || strcmp(w[0], "classifier") == 0) {
        u->role = w[0][0] == 'm' ? JX_UNIT_MEASURE : JX_UNIT_CLASSIFIER;
        u->exp = 0;
        if (w[1])
            *printed = jx_text_fold(w[1]);
    } else {
        ok = FALSE;
    }
    g_strfreev(f);
    if (!ok)
        g_clear_pointer(printed, g_free);
    return ok;
}

JxUnits *jx_units_new(const JxRuleset *rs, GError **error)
{
    g_return_val_if_fail(rs != NULL, NULL);
    JxUnits *us = g_new0(JxUnits, 1);
    us->strings = g_string_chunk_new(1024);
    GArray *a = g_array_new(FALSE, FALSE, sizeof(JxUnit));
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    const char *name, *pattern, *source;
    for (guint i = 0; jx_ruleset_nth(rs, "unit", i, &name, &pattern, &source); i++) {
        JxUnit u = {0};
        char *printed = NULL;
        char *word = jx_text_fold(name);
        if (!*word || strlen(word) > 48 || !parse_role(pattern, &u, &printed) ||
            (printed && (!*printed || strlen(printed) > 48))) {
            g_set_error(error, JX_ERROR, JX_ERROR_RULES,
                        "%s: unit '%s': expected 'measure [PRINTED]', "
                        "'classifier [PRINTED]' or 'money EXP'",
                        source, name);
            g_free(word);
            g_free(printed);
            g_array_free(a, TRUE);
            g_hash_table_destroy(seen);
            jx_units_free(us);
            return NULL;
        }
        if (g_hash_table_contains(seen, word)) { /* a later file redefined it */
            g_free(word);
            g_free(printed);
            continue;
        }
        u.word = g_string_chunk_insert(us->strings, word);
        u.len = strlen(word);
        u.printed = g_string_chunk_insert(us->strings, printed ? printed : word);
        g_hash_table_add(seen, word);
        g_free(printed);
        g_array_append_val(a, u);
    }
    g_hash_table_destroy(seen);
    us->n = a->len;
    us->units = (JxUnit *)(void *)g_array_free(a, FALSE);
    qsort(us->units, us->n, sizeof(JxUnit), by_byte_then_length);
    guint k = 0;
    for (guint b = 0; b <= 256; b++) {
        while (k < us->n && (guchar)us->units[k].word[0] < b)
            k++;
        us->start[b] = k;
    }
    return us;
}

void jx_units_free(JxUnits *u)
{
    if (!u)
        return;
    g_free(u->units);
    g_string_chunk_free(u->strings);
    g_free(u);
}

const JxUnits *jx_units_builtin(void)
{
    static gsize once = 0;
    static JxUnits *builtin = NULL;
    if (g_once_init_enter(&once)) {
        GError *err = NULL;
        JxRuleset *rs = jx_ruleset_new();
        JxUnits *u = NULL;
        if (!jx_ruleset_load_builtin(rs, &err) || !(u = jx_units_new(rs, &err)))
            g_error("built-in unit rules: %s", err->message); /* a build defect */
        jx_ruleset_free(rs);
        builtin = u;
        g_once_init_leave(&once, 1);
    }
    return builtin;
}

const JxUnit *jx_units_match(const JxUnits *u, const char *p)
{
    guchar b = (guchar)*p;
    for (guint i = u->start[b]; i < u->start[b + 1]; i++) {
        const JxUnit *x = &u->units[i];
        if (strncmp(p, x->word, x->len) == 0)
            return x;
    }
    return NULL;
}

int jx_units_money_exp(const JxUnits *u, const char *word)
{
    if (!word)
        return -1;
    const JxUnit *x = jx_units_match(u, word);
    /* longest first: the exact spelling, if any, is among those that match */
    guchar b = (guchar)*word;
    for (guint i = x ? (guint)(x - u->units) : u->start[b + 1]; i < u->start[b + 1]; i++) {
        x = &u->units[i];
        if (x->role == JX_UNIT_MONEY && strcmp(word, x->word) == 0)
            return x->exp;
    }
    return -1;
}
