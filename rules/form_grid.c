/* The cells of one table as the form reader sees them: texts cleaned once,
 * label matches remembered, mapped columns. */
#include <string.h>

#include "normalize/grid.h"
#include "normalize/text.h"
#include "rules/form_reader.h"

static const char *const MEMO_KIND[MEMO_N] = {"title", "total", "fundcol", "indcol",
                                             "goalcol", "fundline", "fundsource", "field"};
static const char NOT_YET[] = "";

void fr_grid_init(Grid *g, const JxTable *t, int block)
{
    g->t = t;
    g->block = block;
    g->text = g_new0(char *, t->cells->len + 1);
    g->key = g_new0(char *, t->cells->len + 1);
    for (guint i = 0; i < t->cells->len; i++) {
        const JxCell *c = g_ptr_array_index(t->cells, i);
        g->text[i] = jx_text_clean(c->text);
        g->key[i] = jx_text_compact(c->text);
    }
    g->memo = g_new(const char *, (gsize)MAX(t->cells->len, 1) * MEMO_N);
    g->flags = g_new0(unsigned, t->cells->len + 1);
    for (guint i = 0; i < t->cells->len * MEMO_N; i++)
        g->memo[i] = NOT_YET;
}

void fr_grid_clear(Grid *g)
{
    g_strfreev(g->text);
    g_strfreev(g->key);
    g_free(g->memo);
    g_free(g->flags);
}

const char *fr_short_key(const Grid *g, int i, int max)
{
    const char *k = g->key[i];
    return g_utf8_strlen(k, max * 4) <= max ? k : NULL;
}

const char *fr_label_match(const JxRuleset *rs, const Grid *g, int i, Memo memo)
{
    const char **slot = &g->memo[(gsize)i * MEMO_N + memo];
    if (*slot == NOT_YET) {
        guint hits = jx_ruleset_limit_hits();
        *slot = jx_ruleset_match(rs, MEMO_KIND[memo],
                                 fr_short_key(g, i, memo == MEMO_FIELD ? FIELD_MAX_CHARS
                                                                       : LABEL_MAX_CHARS),
                                 NULL);
        if (jx_ruleset_limit_hits() != hits)
            g->flags[i] |= JX_FLAG_BIT(JX_FLAG_RULE_LIMIT);
    }
    return *slot;
}

int fr_at(const Grid *g, int r, int c)
{
    return jx_grid_at(g->t, r, c);
}

const JxCell *fr_cell(const Grid *g, int i)
{
    return g_ptr_array_index(g->t->cells, i);
}

int fr_cell_for(const Grid *g, int r, const int *cols, int n, int which)
{
    int col = cols[which];
    int i = fr_at(g, r, col);
    if (i < 0)
        return -1;
    for (int k = 0; k < n; k++)
        if (k != which && cols[k] >= 0 && cols[k] < col && fr_at(g, r, cols[k]) == i)
            return -1;
    return i;
}

const char *fr_text_for(const Grid *g, int r, const int *cols, int n, int which)
{
    if (cols[which] < 0)
        return NULL;
    int i = fr_cell_for(g, r, cols, n, which);
    return i < 0 ? NULL : g->text[i];
}

void fr_source_add(JxSource *src, const Grid *g, int i)
{
    if (i < 0 || src->n >= JX_SOURCE_CELLS)
        return;
    for (guint k = 0; k < src->n; k++)
        if (src->cell[k].block == g->block && src->cell[k].cell == i)
            return;
    src->cell[src->n++] = (JxCellRef){g->block, i};
}

guint fr_row_flags(const Grid *g, int r)
{
    guint f = 0;
    for (int c = 0; c < g->t->ncols; c++) {
        int i = fr_at(g, r, c);
        if (i >= 0)
            f |= fr_cell(g, i)->flags | g->flags[i];
    }
    return f;
}

int fr_map_columns(const Reader *rd, const Grid *g, GArray *cells, Memo memo,
                   const char *const *names, int n, int *cols, guint *inferred)
{
    int found = 0;
    int tmp[IC_N];
    guint placed = 0;
    g_return_val_if_fail(n <= IC_N, 0);
    for (int k = 0; k < n; k++)
        tmp[k] = -1;
    for (guint k = 0; k < cells->len; k++) {
        int i = g_array_index(cells, int, k);
        const char *name = fr_label_match(rd->rs, g, i, memo);
        for (int c = 0; name && c < n; c++)
            if (!strcmp(name, names[c]) && tmp[c] < 0) {
                tmp[c] = fr_cell(g, i)->col;
                found++;
                if (fr_cell(g, i)->flags & JX_FLAG_BIT(JX_FLAG_HEADER_INFERRED))
                    placed |= 1u << c;
            }
    }
    if (found < 3)
        return found;
    *inferred = placed;
    memcpy(cols, tmp, sizeof(int) * (gsize)n);
    return found;
}

guint fr_inferred_flag(guint inferred, const char *const *t, int n)
{
    for (int c = 0; c < n; c++)
        if (t[c] && (inferred & (1u << c)))
            return JX_FLAG_BIT(JX_FLAG_HEADER_INFERRED);
    return 0;
}

char *fr_nonempty(const char *s)
{
    return s && *s ? g_strdup(s) : NULL;
}

gboolean fr_number_of(const char *text, JxNum *out)
{
    JxValue v;
    jx_value_parse(text, NULL, &v);
    double d;
    gboolean ok = jx_value_as_number(&v, &d);
    if (ok) {
        out->set = TRUE;
        out->v = d;
    }
    jx_value_clear(&v);
    return ok;
}
