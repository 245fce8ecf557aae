#include "normalize/ocr_cells.h"

#include <string.h>

#include "normalize/grid.h"
#include "normalize/text.h"
#include "normalize/value.h"

/* Header labels are short: longer cells are not matched as labels (as in
 * the rules stage). */
#define LABEL_MAX_CHARS 40
/* An unread total label: at most this many characters. */
#define TOTAL_MAX_CHARS 4

/* The column kinds whose headers gap rules place, in the order a header row
 * is tried: a row that is a fund header is not an indicator header. */
static const char *const GAP_KINDS[][2] = {{"fundcol", "fundgap"}, {"indcol", "indgap"}};

static gboolean is_ocr(unsigned flags)
{
    return (flags & JX_FLAG_BIT(JX_FLAG_OCR)) != 0;
}

static JxCell *cell_of(const JxTable *t, GArray *cells, guint k)
{
    return g_ptr_array_index(t->cells, g_array_index(cells, int, k));
}

static void set_text(char **slot, char *text)
{
    g_free(*slot);
    *slot = text;
}

/* Each line cleaned of what OCR makes of specks and ruling lines. */
static char *repair_paragraph(const char *raw)
{
    char **lines = g_strsplit(raw, "\n", -1);
    for (int i = 0; lines[i]; i++)
        set_text(&lines[i], jx_text_clean_ocr(lines[i]));
    char *text = g_strjoinv("\n", lines);
    g_strfreev(lines);
    return text;
}

/* Specks gone, the signs OCR takes for others put back, and a text that is
 * nearly a known label made that label. */
static char *repair_cell(const JxRuleset *rs, const char *raw)
{
    char *clean = jx_text_clean_ocr(raw);
    char *text = jx_ruleset_replace(rs, "ocrfix", clean);
    g_free(clean);
    char *key = jx_text_compact(text);
    const char *word = jx_ruleset_nearest(rs, "ocrword", key);
    g_free(key);
    if (word)
        set_text(&text, g_strdup(word));
    return text;
}

/* The label to write for what a cell stands for ("indcol:score"), if the
 * rules give one that reads back as it (kind `what` matches it as name). */
static const char *label_for(const JxRuleset *rs, const char *what, const char *name)
{
    char *slot = g_strdup_printf("%s:%s", what, name);
    const char *label = jx_ruleset_match(rs, "ocrlabel", slot, NULL);
    g_free(slot);
    return label && g_strcmp0(jx_ruleset_match(rs, what, label, NULL), name) == 0 ? label
                                                                                 : NULL;
}

/* The column name a label rule of `kind` gives a cell's text, or NULL. */
static const char *column_of(const JxRuleset *rs, const char *kind, const JxCell *c)
{
    char *key = jx_text_compact(c->text);
    const char *name =
        g_utf8_strlen(key, -1) <= LABEL_MAX_CHARS ? jx_ruleset_match(rs, kind, key, NULL) : NULL;
    g_free(key);
    return name;
}

static gboolean holds(GPtrArray *names, const char *name)
{
    for (guint i = 0; i < names->len; i++)
        if (!strcmp(g_ptr_array_index(names, i), name))
            return TRUE;
    return FALSE;
}

/* In a header row of kind gap[0] (3 distinct column labels or more), every
 * OCR cell that is not a label is placed by the gap[1] rule matching
 * "LEFT,RIGHT", the columns of the cells beside it ("" for none). Returns
 * whether the row was such a header. */
static gboolean place_gaps(const JxRuleset *rs, const JxTable *t, GArray *cells,
                           const char *const gap[2])
{
    const char **names = g_new0(const char *, cells->len + 1);
    GPtrArray *found = g_ptr_array_new(); /* distinct names, static strings */
    for (guint k = 0; k < cells->len; k++) {
        names[k] = column_of(rs, gap[0], cell_of(t, cells, k));
        if (names[k] && !holds(found, names[k]))
            g_ptr_array_add(found, (gpointer)names[k]);
    }
    gboolean header = found->len >= 3;
    for (guint k = 0; header && k < cells->len; k++) {
        JxCell *c = cell_of(t, cells, k);
        char *key = jx_text_compact(c->text);
        gboolean unread = is_ocr(c->flags) && *key && !names[k];
        g_free(key);
        if (!unread)
            continue;
        const char *left = k > 0 ? names[k - 1] : NULL;
        const char *right = k + 1 < cells->len ? names[k + 1] : NULL;
        char *pair = g_strdup_printf("%s,%s", left ? left : "", right ? right : "");
        const char *name = jx_ruleset_match(rs, gap[1], pair, NULL);
        g_free(pair);
        const char *label = name && !holds(found, name) ? label_for(rs, gap[0], name) : NULL;
        if (!label)
            continue;
        g_ptr_array_add(found, (gpointer)name);
        set_text(&c->text, g_strdup(label));
        c->flags |= JX_FLAG_BIT(JX_FLAG_HEADER_INFERRED);
    }
    g_ptr_array_free(found, TRUE);
    g_free(names);
    return header;
}

static gboolean is_number(const char *text)
{
    JxValue v;
    jx_value_parse(text, NULL, &v);
    double d;
    gboolean ok = jx_value_as_number(&v, &d);
    jx_value_clear(&v);
    return ok;
}

/* The label of a total OCR could not read: the first cell of the table's
 * last row, a few characters and no ideograph, the rest of the row numbers
 * (one at least) or blank. */
static void place_total(const JxRuleset *rs, const JxTable *t)
{
    int r = t->nrows - 1;
    GArray *cells = jx_grid_row_cells(t, r);
    JxCell *first = cells->len ? cell_of(t, cells, 0) : NULL;
    char *key = first ? jx_text_compact(first->text) : NULL;
    gboolean unread = first && first->row == r && is_ocr(first->flags) && *key &&
                      g_utf8_strlen(key, -1) <= TOTAL_MAX_CHARS;
    for (const char *p = key; unread && *p; p = g_utf8_next_char(p))
        unread = !jx_text_is_cjk(g_utf8_get_char(p));
    int numbers = 0;
    for (guint k = 1; unread && k < cells->len; k++) {
        char *v = jx_text_compact(cell_of(t, cells, k)->text);
        if (*v && !is_number(v))
            unread = FALSE;
        numbers += *v && unread;
        g_free(v);
    }
    const char *label = unread && numbers ? label_for(rs, "total", "total") : NULL;
    if (label)
        set_text(&first->text, g_strdup(label));
    g_free(key);
    g_array_free(cells, TRUE);
}

static void repair_table(const JxRuleset *rs, JxTable *t)
{
    gboolean any = FALSE;
    for (guint i = 0; i < t->cells->len; i++) {
        JxCell *c = g_ptr_array_index(t->cells, i);
        if (is_ocr(c->flags)) {
            set_text(&c->text, repair_cell(rs, c->text));
            any = TRUE;
        }
    }
    if (!any)
        return;
    for (int r = 0; r < t->nrows; r++) {
        GArray *cells = jx_grid_row_cells(t, r);
        for (gsize g = 0; g < G_N_ELEMENTS(GAP_KINDS); g++)
            if (place_gaps(rs, t, cells, GAP_KINDS[g]))
                break;
        g_array_free(cells, TRUE);
    }
    place_total(rs, t);
}

void jx_normalize_ocr(JxDoc *doc, const JxRuleset *rs)
{
    g_return_if_fail(doc != NULL && rs != NULL);
    for (guint b = 0; b < doc->blocks->len; b++) {
        JxBlock *blk = g_ptr_array_index(doc->blocks, b);
        if (blk->kind == JX_BLOCK_PARAGRAPH && is_ocr(blk->flags))
            set_text(&blk->text, repair_paragraph(blk->text));
        else if (blk->kind == JX_BLOCK_TABLE)
            repair_table(rs, blk->table);
    }
}
