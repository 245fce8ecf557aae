#include "extract/office/sheet.h"

#include <stdlib.h>
#include <string.h>

#include "common/error.h"

typedef struct {
    guint64 key; /* row << 32 | col: the hash key (first, for g_int64_hash) */
    guint32 row, col;
    char *text;
    gboolean boxed;
    unsigned flags;  /* JX_FLAG_BIT()s for its JxCell */
} SheetCell;

typedef struct {
    guint32 r0, c0, r1, c1;
} Merge;

struct JxSheet {
    char *name;
    gboolean hidden;
    GHashTable *cells;   /* &SheetCell.key -> SheetCell* (owned) */
    GArray *merges;      /* Merge */
    GHashTable *hidden_rows, *hidden_cols; /* GUINT_TO_POINTER(n + 1) set */
    guint64 positions;   /* set cells + positions merges cover */
    gboolean any_boxed;  /* jx_sheet_box was called */
};

static guint64 cell_key(guint32 row, guint32 col)
{
    return (guint64)row << 32 | col;
}

/* g_int64_hash folds row into col (row ^ col): a grid collides at once. */
static guint key_hash(gconstpointer p)
{
    guint64 k = *(const guint64 *)p;
    k ^= k >> 33;
    k *= G_GUINT64_CONSTANT(0xff51afd7ed558ccd);
    k ^= k >> 33;
    return (guint)k;
}

static void free_cell(gpointer p)
{
    SheetCell *c = p;
    g_free(c->text);
    g_free(c);
}

JxSheet *jx_sheet_new(const char *name, gboolean hidden)
{
    JxSheet *s = g_new0(JxSheet, 1);
    s->name = g_strdup(name ? name : "");
    s->hidden = hidden;
    s->cells = g_hash_table_new_full(key_hash, g_int64_equal, NULL, free_cell);
    s->merges = g_array_new(FALSE, FALSE, sizeof(Merge));
    s->hidden_rows = g_hash_table_new(NULL, NULL);
    s->hidden_cols = g_hash_table_new(NULL, NULL);
    return s;
}

void jx_sheet_free(JxSheet *s)
{
    if (!s)
        return;
    g_hash_table_destroy(s->cells);
    g_array_free(s->merges, TRUE);
    g_hash_table_destroy(s->hidden_rows);
    g_hash_table_destroy(s->hidden_cols);
    g_free(s->name);
    g_free(s);
}

gboolean jx_sheet_set(JxSheet *s, guint32 row, guint32 col, const char *text)
{
    g_return_val_if_fail(s != NULL, FALSE);
    if (row >= JX_SHEET_MAX_ROWS || col >= JX_SHEET_MAX_COLS)
        return FALSE;
    guint64 key = cell_key(row, col);
    SheetCell *c = g_hash_table_lookup(s->cells, &key);
    if (c) {
        g_free(c->text);
        c->text = g_strdup(text ? text : "");
        return TRUE;
    }
    if (s->positions >= JX_SHEET_MAX_CELLS)
        return FALSE;
    c = g_new(SheetCell, 1);
    c->key = key;
    c->row = row;
    c->col = col;
    c->text = g_strdup(text ? text : "");
    c->boxed = FALSE;
    c->flags = 0;
    g_hash_table_insert(s->cells, &c->key, c);
    s->positions++;
    return TRUE;
}

void jx_sheet_box(JxSheet *s, guint32 row, guint32 col)
{
    g_return_if_fail(s != NULL);
    guint64 key = cell_key(row, col);
    SheetCell *c = g_hash_table_lookup(s->cells, &key);
    if (c) {
        c->boxed = TRUE;
        s->any_boxed = TRUE;
    }
}

void jx_sheet_flag(JxSheet *s, guint32 row, guint32 col, unsigned flags)
{
    g_return_if_fail(s != NULL);
    guint64 key = cell_key(row, col);
    SheetCell *c = g_hash_table_lookup(s->cells, &key);
    if (c)
        c->flags |= flags;
}

gboolean jx_sheet_merge(JxSheet *s, guint32 r0, guint32 c0, guint32 r1, guint32 c1)
{
    g_return_val_if_fail(s != NULL, FALSE);
    if (r0 > r1 || c0 > c1 || r1 >= JX_SHEET_MAX_ROWS || c1 >= JX_SHEET_MAX_COLS)
        return FALSE;
    guint64 area = (guint64)(r1 - r0 + 1) * (c1 - c0 + 1);
    if (s->positions + area > JX_SHEET_MAX_CELLS)
        return FALSE;
    Merge m = {r0, c0, r1, c1};
    g_array_append_val(s->merges, m);
    s->positions += area;
    return TRUE;
}

void jx_sheet_hide_row(JxSheet *s, guint32 row)
{
    g_return_if_fail(s != NULL);
    if (row < JX_SHEET_MAX_ROWS)
        g_hash_table_add(s->hidden_rows, GUINT_TO_POINTER(row + 1));
}

void jx_sheet_hide_col(JxSheet *s, guint32 col)
{
    g_return_if_fail(s != NULL);
    if (col < JX_SHEET_MAX_COLS)
        g_hash_table_add(s->hidden_cols, GUINT_TO_POINTER(col + 1));
}

/* ---------- the sheet as blocks ---------- */

static gboolean row_hidden(const JxSheet *s, guint32 r)
{
    return g_hash_table_contains(s->hidden_rows, GUINT_TO_POINTER(r + 1));
}

static gboolean col_hidden(const JxSheet *s, guint32 c)
{
    return g_hash_table_contains(s->hidden_cols, GUINT_TO_POINTER(c + 1));
}

static gboolean blank(const char *t)
{
    for (; *t; t++)
        if (!g_ascii_isspace(*t))
            return FALSE;
    return TRUE;
}

/* What one grid position of the sheet shows: a cell, or a merge anchored at
 * its first visible row and column. Rows and columns are the sheet's. */
typedef struct {
    guint32 row, col;    /* anchor (visible) */
    guint32 r1, c1;      /* last row/column it covers (inclusive) */
    const char *text;    /* borrowed from the sheet */
    gboolean boxed;      /* drawn with borders (a merge: its top-left cell) */
    unsigned flags;      /* its cell's JX_FLAG_BIT()s */
} Entry;

static int cmp_u32(const void *a, const void *b)
{
    guint32 x = *(const guint32 *)a, y = *(const guint32 *)b;
    return x < y ? -1 : x > y;
}

static int cmp_entry(const void *a, const void *b)
{
    const Entry *x = a, *y = b;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    return x->col < y->col ? -1 : x->col > y->col;
}

/* Sorts and dedups a guint32 array. */
static void sort_unique(GArray *a)
{
    if (a->len == 0)
        return;
    if (a->len > 1) /* an empty array's data may be NULL */
        qsort(a->data, a->len, sizeof(guint32), cmp_u32);
    guint n = 1;
    for (guint i = 1; i < a->len; i++)
        if (g_array_index(a, guint32, i) != g_array_index(a, guint32, n - 1))
            g_array_index(a, guint32, n++) = g_array_index(a, guint32, i);
    g_array_set_size(a, n);
}

/* The index of v in the sorted array a, or -1. */
static int find_u32(const GArray *a, guint32 v)
{
    if (a->len == 0)
        return -1;
    const guint32 *p = bsearch(&v, a->data, a->len, sizeof(guint32), cmp_u32);
    return p ? (int)(p - (const guint32 *)a->data) : -1;
}

/* The index of the first value of sorted a that is >= v (a->len if none). */
static guint lower_bound(const GArray *a, guint32 v)
{
    guint lo = 0, hi = a->len;
    while (lo < hi) {
        guint mid = lo + (hi - lo) / 2;
        if (g_array_index(a, guint32, mid) < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The number of values of sorted a in [lo, hi]. */
static int count_in(const GArray *a, guint32 lo, guint32 hi)
{
    guint end = hi == G_MAXUINT32 ? a->len : lower_bound(a, hi + 1);
    return (int)(end - lower_bound(a, lo));
}

/* The merges (indexes into s->merges) that cover row r, or NULL. */
static GArray *merges_at(GHashTable *by_row, guint32 r)
{
    return g_hash_table_lookup(by_row, GUINT_TO_POINTER(r + 1));
}

/* The merge that covers (r, c) in by_row, or NULL. */
static const Merge *covering(const JxSheet *s, GHashTable *by_row, guint32 r, guint32 c0,
                             guint32 c1)
{
    GArray *at = merges_at(by_row, r);
    for (guint i = 0; at && i < at->len; i++) {
        const Merge *m = &g_array_index(s->merges, Merge, g_array_index(at, guint, i));
        if (m->c0 <= c1 && c0 <= m->c1)
            return m;
    }
    return NULL;
}

static void free_array(gpointer p)
{
    g_array_free(p, TRUE);
}

/* The entries of the sheet: merges anchored at their first visible
 * position, the visible cells no merge covers. Also fills `joined` with the
 * rows that a vertical merge ties to the next one. */
static GArray *sheet_entries(const JxSheet *s, GArray *joined)
{
    GArray *entries = g_array_new(FALSE, FALSE, sizeof(Entry));
    /* row -> the merges kept that cover it (a later one over an earlier is
     * dropped: the first wins) */
    GHashTable *by_row = g_hash_table_new_full(NULL, NULL, NULL, free_array);
    for (guint i = 0; i < s->merges->len; i++) {
        const Merge *m = &g_array_index(s->merges, Merge, i);
        guint32 ar = m->r0, ac = m->c0;
        while (ar <= m->r1 && row_hidden(s, ar))
            ar++;
        while (ac <= m->c1 && col_hidden(s, ac))
            ac++;
        if (ar > m->r1 || ac > m->c1)
            continue; /* wholly hidden */
        gboolean overlaps = FALSE;
        for (guint32 r = m->r0; r <= m->r1 && !overlaps; r++)
            overlaps = covering(s, by_row, r, m->c0, m->c1) != NULL;
        if (overlaps)
            continue;
        for (guint32 r = m->r0; r <= m->r1; r++) {
            GArray *at = merges_at(by_row, r);
            if (!at) {
                at = g_array_new(FALSE, FALSE, sizeof(guint));
                g_hash_table_insert(by_row, GUINT_TO_POINTER(r + 1), at);
            }
            g_array_append_val(at, i);
            if (r < m->r1)
                g_array_append_val(joined, r);
        }
        guint64 k0 = cell_key(m->r0, m->c0);
        const SheetCell *tl = g_hash_table_lookup(s->cells, &k0);
        Entry e = {ar, ac, m->r1, m->c1, tl ? tl->text : "", tl && tl->boxed, tl ? tl->flags : 0};
        g_array_append_val(entries, e);
    }
    GHashTableIter it;
    gpointer v;
    g_hash_table_iter_init(&it, s->cells);
    while (g_hash_table_iter_next(&it, NULL, &v)) {
        const SheetCell *c = v;
        if (row_hidden(s, c->row) || col_hidden(s, c->col) ||
            covering(s, by_row, c->row, c->col, c->col))
            continue;
        Entry e = {c->row, c->col, c->row, c->col, c->text, c->boxed, c->flags};
        g_array_append_val(entries, e);
    }
    g_hash_table_destroy(by_row);
    if (entries->len > 1) /* every cell hidden: no data to sort (NULL) */
        qsort(entries->data, entries->len, sizeof(Entry), cmp_entry);
    sort_unique(joined);
    return entries;
}

/* Whether a visible row lies strictly between rows a < b. */
static gboolean visible_between(const JxSheet *s, guint32 a, guint32 b)
{
    for (guint32 r = a + 1; r < b; r++)
        if (!row_hidden(s, r))
            return TRUE;
    return FALSE;
}

/* Rows [first, last) of entries e (sorted by row): the entries of one row. */
typedef struct {
    guint32 row;
    guint first, last;
    gboolean text;   /* some entry has non-blank text */
    guint ntext;     /* entries with non-blank text */
    guint text_at;   /* the first of them */
} Row;

/* A row that is a paragraph: one cell of text alone in it (a title merged
 * across the width, a unit line), tied to no other row. When the sheet
 * draws its tables in boxes, the cell is not boxed and the row's other
 * cells are blank and not boxed either; otherwise it has no other cells. */
static gboolean paragraph_row(const JxSheet *s, const Row *r, const Entry *e,
                              const GArray *joined)
{
    if (r->ntext != 1 || e[r->text_at].r1 != r->row || find_u32(joined, r->row) >= 0 ||
        (r->row > 0 && find_u32(joined, r->row - 1) >= 0))
        return FALSE;
    if (!s->any_boxed)
        return r->last - r->first == 1;
    for (guint k = r->first; k < r->last; k++)
        if (e[k].boxed)
            return FALSE;
    return TRUE;
}

/* Adds rows [a, b) of `rows` as one table. */
static void add_table(const JxSheet *s, JxDoc *doc, const Row *rows, guint a, guint b,
                      const Entry *e)
{
    GArray *rnums = g_array_new(FALSE, FALSE, sizeof(guint32));
    GArray *cnums = g_array_new(FALSE, FALSE, sizeof(guint32));
    guint32 lo = G_MAXUINT32, hi = 0; /* the columns with text: blank edges go */
    for (guint i = a; i < b; i++) {
        g_array_append_val(rnums, rows[i].row);
        for (guint k = rows[i].first; k < rows[i].last; k++)
            if (!blank(e[k].text)) {
                lo = MIN(lo, e[k].col);
                hi = MAX(hi, e[k].c1);
            }
    }
    for (guint i = a; i < b; i++)
        for (guint k = rows[i].first; k < rows[i].last; k++)
            for (guint32 c = MAX(e[k].col, lo); c <= MIN(e[k].c1, hi); c++)
                if (!col_hidden(s, c))
                    g_array_append_val(cnums, c);
    sort_unique(cnums);
    if (cnums->len == 0) { /* only blank cells a merge ties together */
        g_array_free(rnums, TRUE);
        g_array_free(cnums, TRUE);
        return;
    }
    JxTable *t = jx_table_new();
    for (guint i = a; i < b; i++)
        for (guint k = rows[i].first; k < rows[i].last; k++) {
            const Entry *x = &e[k];
            int row = (int)(i - a), col = find_u32(cnums, x->col);
            if (col < 0)
                continue; /* a blank cell past the table's text */
            int rowspan = MAX(count_in(rnums, x->row, x->r1), 1);
            int colspan = MAX(count_in(cnums, x->col, x->c1), 1);
            jx_table_add_cell(t, row, col, rowspan, colspan, x->text)->flags |= x->flags;
        }
    jx_table_finish(t);
    jx_doc_add_table(doc, t, 0);
    g_array_free(rnums, TRUE);
    g_array_free(cnums, TRUE);
}

gboolean jx_sheet_to_doc(const JxSheet *s, JxDoc *doc, GError **error)
{
    g_return_val_if_fail(s != NULL && doc != NULL, FALSE);
    if (s->hidden)
        return TRUE;
    if (s->positions > JX_SHEET_MAX_CELLS) {
        g_set_error(error, JX_ERROR, JX_ERROR_TOO_LARGE,
                    "sheet %s has more than %u cells", s->name, JX_SHEET_MAX_CELLS);
        return FALSE;
    }
    GArray *joined = g_array_new(FALSE, FALSE, sizeof(guint32));
    GArray *entries = sheet_entries(s, joined);
    const Entry *e = (const Entry *)entries->data;

    /* rows with something in them, and the rows a vertical merge runs
     * through; blank ones (no text, no merge through) are the gaps
     * between tables */
    GArray *rnums = g_array_new(FALSE, FALSE, sizeof(guint32));
    for (guint i = 0; i < entries->len; i++)
        g_array_append_val(rnums, e[i].row);
    for (guint i = 0; i < joined->len; i++) {
        guint32 r = g_array_index(joined, guint32, i), next = r + 1;
        if (!row_hidden(s, r))
            g_array_append_val(rnums, r);
        if (!row_hidden(s, next))
            g_array_append_val(rnums, next);
    }
    sort_unique(rnums);
    GArray *rows = g_array_new(FALSE, FALSE, sizeof(Row));
    guint at = 0;
    for (guint i = 0; i < rnums->len; i++) {
        guint32 rn = g_array_index(rnums, guint32, i);
        while (at < entries->len && e[at].row < rn)
            at++;
        Row r = {rn, at, at, FALSE, 0, at};
        while (at < entries->len && e[at].row == rn) {
            if (!blank(e[at].text) && r.ntext++ == 0)
                r.text_at = at;
            at++;
        }
        r.text = r.ntext > 0;
        r.last = at;
        if (r.text || find_u32(joined, rn) >= 0 || (rn > 0 && find_u32(joined, rn - 1) >= 0))
            g_array_append_val(rows, r);
    }
    g_array_free(rnums, TRUE);
    const Row *rw = (const Row *)rows->data;
    for (guint i = 0; i < rows->len;) {
        /* a band: rows with no blank visible row between them */
        guint j = i + 1;
        while (j < rows->len && !(visible_between(s, rw[j - 1].row, rw[j].row) &&
                                  find_u32(joined, rw[j - 1].row) < 0))
            j++;
        guint a = i, b = j;
        while (a < b && paragraph_row(s, &rw[a], e, joined))
            a++;
        while (b > a && paragraph_row(s, &rw[b - 1], e, joined))
            b--;
        for (guint k = i; k < a; k++)
            jx_doc_add_paragraph(doc, e[rw[k].text_at].text, 0);
        if (a < b)
            add_table(s, doc, rw, a, b, e);
        for (guint k = b; k < j; k++)
            jx_doc_add_paragraph(doc, e[rw[k].text_at].text, 0);
        i = j;
    }
    g_array_free(rows, TRUE);
    g_array_free(entries, TRUE);
    g_array_free(joined, TRUE);
    return TRUE;
}
