/* The review page of one document and the summary of a batch (sink/review.h).
 * Each cell of the model that a record was read from is an element with id
 * "c<block>-<cell>" and data-recs (the ids of its records); each record is a
 * table row with data-cells; the script at the end links them. */
#include "sink/review.h"

#include <math.h>
#include <string.h>

#include "rules/check.h"

/* What the flags of a record say, worst last: its colour. */
typedef enum { GROUP_NONE, GROUP_VALUE, GROUP_READ, GROUP_CHECK } Group;
static const char *const GROUP_CLASS[] = {"", "g-value", "g-read", "g-check"};

/* Failed arithmetic and wrong kinds are checks; doubts of how the text was
 * read are reading; the rest is about the value itself. */
static Group flag_group(int f)
{
    switch (f) {
    case JX_FLAG_SCORE_OVER_WEIGHT:
    case JX_FLAG_WEIGHT_SUM_MISMATCH:
    case JX_FLAG_SCORE_SUM_MISMATCH:
    case JX_FLAG_RATE_MISMATCH:
    case JX_FLAG_KIND_MISMATCH:
    case JX_FLAG_FACT_SUM_MISMATCH:
    case JX_FLAG_FACT_CHANGE_MISMATCH:
        return GROUP_CHECK;
    case JX_FLAG_COLUMN_INFERRED:
    case JX_FLAG_CROSS_PAGE:
    case JX_FLAG_HEADER_INFERRED:
    case JX_FLAG_OCR:
    case JX_FLAG_OCR_LOW_CONF:
    case JX_FLAG_TEXT_GARBLED:
    case JX_FLAG_RULE_LIMIT:
    case JX_FLAG_LAYOUT_ESTIMATED:
    case JX_FLAG_DIGITS_LOST:
    case JX_FLAG_ROWS_INFERRED:
        return GROUP_READ;
    default:
        return GROUP_VALUE;
    }
}

static Group flags_group(guint flags)
{
    Group g = GROUP_NONE;
    for (int f = 0; f < JX_FLAG_COUNT; f++)
        if ((flags & JX_FLAG_BIT(f)) && flag_group(f) > g)
            g = flag_group(f);
    return g;
}

gboolean jx_review_needs_look(double confidence, guint flags, const JxRuleset *rs)
{
    if (confidence < 0.9)
        return TRUE;
    for (int f = 0; f < JX_FLAG_COUNT; f++)
        if ((flags & JX_FLAG_BIT(f)) &&
            jx_ruleset_number(rs, "penalty", jx_flag_name(f), 0.1) >= 0.1 - 1e-9)
            return TRUE;
    return FALSE;
}

/* ---- writing ---- */

static void esc(GString *o, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '<': g_string_append(o, "&lt;"); break;
        case '>': g_string_append(o, "&gt;"); break;
        case '&': g_string_append(o, "&amp;"); break;
        case '"': g_string_append(o, "&quot;"); break;
        default: g_string_append_c(o, *s);
        }
    }
}

/* A number as printed in records: up to 10 significant digits, C locale. */
static void num(GString *o, double v)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    g_string_append(o, g_ascii_formatd(buf, sizeof buf, "%.10g", v));
}

static void td_num(GString *o, JxNum n)
{
    g_string_append(o, "<td class=n>");
    if (n.set)
        num(o, n.v);
    g_string_append(o, "</td>");
}

static void td_text(GString *o, const char *s)
{
    g_string_append(o, "<td>");
    esc(o, s);
    g_string_append(o, "</td>");
}

/* A value: its text as printed, and what it was read as. */
static void td_value(GString *o, const JxValue *v)
{
    g_string_append(o, "<td>");
    if (v->kind != JX_KIND_EMPTY) {
        esc(o, v->raw);
        g_string_append_printf(o, "<span class=parsed>%s", jx_kind_name(v->kind));
        if (v->op != JX_OP_NONE && jx_op_name(v->op))
            g_string_append_printf(o, " %s", jx_op_name(v->op));
        if (v->kind == JX_KIND_DATE && v->text) {
            g_string_append_c(o, ' ');
            esc(o, v->text);
        } else if (v->has_value) {
            g_string_append_c(o, ' ');
            num(o, v->value);
            if (v->has_max) {
                g_string_append(o, "–");
                num(o, v->max);
            }
        }
        if (v->unit) {
            g_string_append_c(o, ' ');
            esc(o, v->unit);
        }
        g_string_append(o, "</span>");
    }
    g_string_append(o, "</td>");
}

static void td_flags(GString *o, double confidence, guint flags)
{
    g_string_append_printf(o, "<td class=n>%.3f</td><td>", confidence);
    for (int f = 0; f < JX_FLAG_COUNT; f++)
        if (flags & JX_FLAG_BIT(f))
            g_string_append_printf(o, "<span class=\"flag %s\">%s</span> ",
                                   GROUP_CLASS[flag_group(f)], jx_flag_name(f));
    g_string_append(o, "</td>");
}

typedef struct {
    GString *o;
    const JxDoc *doc;
    const JxRuleset *rs;
    JxReviewPageFn page_fn;
    gpointer ctx;
    GHashTable *marks;      /* "b-i" -> CellMark */
    GHashTable *shown;      /* pages (GINT) or blocks (GINT, negated - 1) already drawn */
    JxReviewCounts n;
} Review;

static char *cell_key(JxCellRef c)
{
    return g_strdup_printf("%d-%d", c.block, c.cell);
}

/* The model's cell of ref, or NULL when ref does not point into doc. */
static const JxCell *ref_cell(const JxDoc *doc, JxCellRef c)
{
    if (c.block < 0 || (guint)c.block >= doc->blocks->len)
        return NULL;
    const JxBlock *b = g_ptr_array_index(doc->blocks, c.block);
    if (b->kind != JX_BLOCK_TABLE || c.cell < 0 || (guint)c.cell >= b->table->cells->len)
        return NULL;
    return g_ptr_array_index(b->table->cells, c.cell);
}

/* How the records read from a cell stand: a cell shared by several
 * records (a merged level cell) needs a look only when all of them do. */
typedef struct {
    GString *ids;  /* the records' ids, space-separated */
    guint n, need; /* records, of which need a look */
    Group group;   /* the worst group of those that need a look */
} CellMark;

static void mark_free(gpointer p)
{
    CellMark *m = p;
    g_string_free(m->ids, TRUE);
    g_free(m);
}

/* Notes a record (its id, how it stands) on the cells it was read from. */
static void note_record(Review *rv, const char *id, const JxSource *src, double conf, guint flags)
{
    gboolean need = jx_review_needs_look(conf, flags, rv->rs);
    rv->n.records++;
    rv->n.need += need;
    for (guint k = 0; k < src->n; k++) {
        if (!ref_cell(rv->doc, src->cell[k]))
            continue;
        char *key = cell_key(src->cell[k]);
        CellMark *m = g_hash_table_lookup(rv->marks, key);
        if (!m) {
            m = g_new0(CellMark, 1);
            m->ids = g_string_new(id);
            g_hash_table_insert(rv->marks, key, m);
        } else {
            g_string_append_printf(m->ids, " %s", id);
            g_free(key);
        }
        m->n++;
        if (need) {
            m->need++;
            m->group = MAX(m->group, flags_group(flags));
        }
    }
}

/* A record row's opening tag: id, classes, its cells. */
static void row_open(Review *rv, const char *id, const JxSource *src, double conf, guint flags)
{
    GString *o = rv->o;
    gboolean need = jx_review_needs_look(conf, flags, rv->rs);
    g_string_append_printf(o, "<tr id=\"%s\" class=\"rec%s %s\" data-conf=\"%.3f\" data-cells=\"",
                           id, need ? " need" : "", GROUP_CLASS[flags_group(flags)], conf);
    for (guint k = 0, first = 1; k < src->n; k++)
        if (ref_cell(rv->doc, src->cell[k])) {
            g_string_append_printf(o, "%sc%d-%d", first ? "" : " ", src->cell[k].block,
                                   src->cell[k].cell);
            first = 0;
        }
    g_string_append(o, "\">");
}

/* ---- failed checks, with their arithmetic ---- */

static void check_line(GString *o, const char *what, double got, const char *op, double want)
{
    g_string_append_printf(o, "<li>%s ", what);
    num(o, got);
    g_string_append_printf(o, " %s ", op);
    num(o, want);
    g_string_append(o, "</li>");
}

/* The weights (or scores) under each level cell that states a weight, where
 * they do not add up to it (scores: exceed it). */
static void level_checks(GString *o, const JxForm *form, int level, gboolean scores)
{
    GHashTable *sums = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
    GPtrArray *order = g_ptr_array_new();
    for (guint i = 0; i < form->indicators->len; i++) {
        const JxIndicator *ind = g_ptr_array_index(form->indicators, i);
        const char *raw = level == 1 ? ind->level1_raw : ind->level2_raw;
        JxNum w = level == 1 ? ind->level1_weight : ind->level2_weight;
        JxNum v = scores ? ind->score : ind->weight;
        if (!raw || !w.set)
            continue;
        double *s = g_hash_table_lookup(sums, raw);
        if (!s) {
            s = g_new0(double, 2);
            s[1] = w.v;
            g_hash_table_insert(sums, (gpointer)raw, s);
            g_ptr_array_add(order, (gpointer)raw);
        }
        s[0] += v.set ? v.v : 0;
    }
    for (guint i = 0; i < order->len; i++) {
        const char *raw = g_ptr_array_index(order, i);
        const double *s = g_hash_table_lookup(sums, raw);
        gboolean bad = scores ? s[0] > s[1] + JX_SUM_TOLERANCE
                              : fabs(s[0] - s[1]) > JX_SUM_TOLERANCE;
        if (!bad)
            continue;
        GString *what = g_string_new(NULL);
        esc(what, raw);
        g_string_append(what, scores ? ": 得分 sum" : ": 权重 sum");
        check_line(o, what->str, s[0], scores ? "&gt;" : "≠", s[1]);
        g_string_free(what, TRUE);
    }
    g_ptr_array_free(order, TRUE);
    g_hash_table_destroy(sums);
}

static void form_checks(GString *o, const JxForm *form)
{
    const guint SUMS = JX_FLAG_BIT(JX_FLAG_WEIGHT_SUM_MISMATCH) |
                       JX_FLAG_BIT(JX_FLAG_SCORE_SUM_MISMATCH) |
                       JX_FLAG_BIT(JX_FLAG_SCORE_OVER_WEIGHT);
    guint any = form->flags;
    for (guint i = 0; i < form->indicators->len; i++)
        any |= ((const JxIndicator *)g_ptr_array_index(form->indicators, i))->flags;
    if (!(any & SUMS))
        return;
    double wsum, ssum;
    int wn, sn;
    jx_check_form_sums(form, &wsum, &wn, &ssum, &sn);
    g_string_append(o, "<ul class=checks>");
    /* the sums check.c found to fail (a form of which no scored row was
     * read sums to 0) */
    if ((form->flags & JX_FLAG_BIT(JX_FLAG_SCORE_SUM_MISMATCH)) && form->total_score.set)
        check_line(o, "得分 sum", ssum, "≠ 总分", form->total_score.v);
    if ((form->flags & JX_FLAG_BIT(JX_FLAG_WEIGHT_SUM_MISMATCH)) && form->total_weight.set && wn &&
        fabs(wsum - form->total_weight.v) > JX_SUM_TOLERANCE)
        check_line(o, "权重 sum", wsum, "≠ 总分值", form->total_weight.v);
    if (form->total_score.set && form->total_weight.set &&
        form->total_score.v > form->total_weight.v + 1e-9)
        check_line(o, "总分", form->total_score.v, "&gt; 总分值", form->total_weight.v);
    for (int level = 1; level <= 2; level++) {
        level_checks(o, form, level, FALSE);
        level_checks(o, form, level, TRUE);
    }
    g_string_append(o, "</ul>");
}

/* The arithmetic of a record's own failed check, in its row. */
static void record_check(GString *o, JxNum score, JxNum weight, guint flags)
{
    if ((flags & JX_FLAG_BIT(JX_FLAG_SCORE_OVER_WEIGHT)) && score.set && weight.set &&
        score.v > weight.v + 1e-9) {
        g_string_append(o, "<span class=arith>得分 ");
        num(o, score.v);
        g_string_append(o, " &gt; 权重 ");
        num(o, weight.v);
        g_string_append(o, "</span>");
    }
}

/* ---- the records of a form ---- */

static void fund_rows(Review *rv, const JxForm *form)
{
    if (!form->funds->len)
        return;
    GString *o = rv->o;
    g_string_append(o, "<table class=recs><caption>资金 fund lines</caption><thead><tr><th>line"
                       "<th>budget initial<th>full year<th>executed<th>rate<th>weight<th>score"
                       "<th>conf<th>flags</thead><tbody>");
    for (guint k = 0; k < form->funds->len; k++) {
        const JxFund *f = g_ptr_array_index(form->funds, k);
        char *id = g_strdup_printf("f%d-%u", form->index, k);
        row_open(rv, id, &f->src, f->confidence, f->flags);
        td_text(o, f->line);
        td_num(o, f->budget_initial);
        td_num(o, f->budget_full_year);
        td_num(o, f->executed);
        td_num(o, f->rate);
        td_num(o, f->weight);
        td_num(o, f->score);
        td_flags(o, f->confidence, f->flags);
        if ((f->flags & JX_FLAG_BIT(JX_FLAG_RATE_MISMATCH)) && f->executed.set &&
            f->budget_full_year.set && f->budget_full_year.v > 0) {
            g_string_append(o, "<tr class=arithrow><td colspan=9><span class=arith>executed ");
            num(o, f->executed.v);
            g_string_append(o, " / full year ");
            num(o, f->budget_full_year.v);
            g_string_append(o, " = ");
            num(o, round(f->executed.v / f->budget_full_year.v * 10000) / 100);
            g_string_append(o, "% ≠ rate ");
            num(o, f->rate.v);
            g_string_append(o, "%</span></td></tr>");
        }
        g_free(id);
    }
    g_string_append(o, "</tbody></table>");
}

static void indicator_rows(Review *rv, const JxForm *form)
{
    GString *o = rv->o;
    g_string_append(o, "<table class=recs><caption>指标 indicators</caption><thead><tr><th>#"
                       "<th>level<th>name<th>target<th>actual<th>weight<th>score<th>conf"
                       "<th>flags</thead><tbody>");
    for (guint k = 0; k < form->indicators->len; k++) {
        const JxIndicator *ind = g_ptr_array_index(form->indicators, k);
        char *id = g_strdup_printf("i%d-%u", form->index, k);
        row_open(rv, id, &ind->src, ind->confidence, ind->flags);
        g_string_append_printf(o, "<td class=n>%d</td><td>", ind->seq);
        esc(o, ind->level1);
        if (ind->level2) {
            g_string_append(o, " › ");
            esc(o, ind->level2);
        }
        g_string_append(o, "</td><td class=name>");
        esc(o, ind->name);
        g_string_append(o, "</td>");
        td_value(o, &ind->target);
        td_value(o, &ind->actual);
        td_num(o, ind->weight);
        g_string_append(o, "<td class=n>");
        if (ind->score.set)
            num(o, ind->score.v);
        record_check(o, ind->score, ind->weight, ind->flags);
        g_string_append(o, "</td>");
        td_flags(o, ind->confidence, ind->flags);
        g_string_append(o, "</tr>");
        g_free(id);
    }
    if (form->total_weight.set || form->total_score.set) {
        char *id = g_strdup_printf("t%d", form->index);
        row_open(rv, id, &form->src, form->confidence, form->flags);
        g_string_append(o, "<td></td><td></td><td class=name>总分 total</td><td></td><td></td>");
        td_num(o, form->total_weight);
        td_num(o, form->total_score);
        td_flags(o, form->confidence, form->flags);
        g_string_append(o, "</tr>");
        g_free(id);
    }
    g_string_append(o, "</tbody></table>");
}

static void note_form(Review *rv, const JxForm *form)
{
    for (guint k = 0; k < form->funds->len; k++) {
        const JxFund *f = g_ptr_array_index(form->funds, k);
        char *id = g_strdup_printf("f%d-%u", form->index, k);
        note_record(rv, id, &f->src, f->confidence, f->flags);
        g_free(id);
    }
    for (guint k = 0; k < form->indicators->len; k++) {
        const JxIndicator *ind = g_ptr_array_index(form->indicators, k);
        char *id = g_strdup_printf("i%d-%u", form->index, k);
        note_record(rv, id, &ind->src, ind->confidence, ind->flags);
        g_free(id);
    }
    if (form->total_weight.set || form->total_score.set) {
        char *id = g_strdup_printf("t%d", form->index);
        note_record(rv, id, &form->src, form->confidence, form->flags);
        g_free(id);
    }
}

/* ---- where they were read: page images and grids ---- */

/* The attributes of the element of cell i of block b: id, classes, records. */
static void cell_attrs(Review *rv, int b, int i, const char *cls)
{
    char *key = g_strdup_printf("%d-%d", b, i);
    const CellMark *m = g_hash_table_lookup(rv->marks, key);
    gboolean need = m && m->need == m->n;
    g_string_append_printf(rv->o, " id=\"c%s\" class=\"%s%s%s %s\"", key, cls, m ? " src" : "",
                           need ? " need" : "", need ? GROUP_CLASS[m->group] : "");
    if (m)
        g_string_append_printf(rv->o, " data-recs=\"%s\"", m->ids->str);
    g_free(key);
}

static gboolean has_box(const JxCell *c)
{
    return c->x1 > c->x0 && c->y1 > c->y0;
}

/* Page p as an image with an outline over each cell on it; FALSE (nothing
 * written) when the page cannot be drawn. */
static gboolean page_image(Review *rv, int p)
{
    double w = 0, h = 0;
    const char *mime = "image/png";
    JxPageView view = jx_doc_view(rv->doc, p);
    gboolean picture = FALSE;
    for (guint i = 0; i < rv->doc->pages_without_text->len; i++)
        picture |= g_array_index(rv->doc->pages_without_text, int, i) == p;
    GBytes *png = rv->page_fn ? rv->page_fn(p, &view, JX_REVIEW_SCALE, picture, &w, &h, &mime,
                                            rv->ctx)
                              : NULL;
    if (!png)
        return FALSE;
    if (w <= 0 || h <= 0) {
        g_bytes_unref(png);
        return FALSE;
    }
    GString *o = rv->o;
    gsize len;
    const guchar *data = g_bytes_get_data(png, &len);
    char *b64 = g_base64_encode(data, len);
    g_string_append_printf(o, "<figure class=page id=\"p%d\" data-page=%d data-w=\"%.2f\" "
                              "data-h=\"%.2f\"><figcaption>page %d</figcaption><div class=sheet>"
                              "<img alt=\"page %d\" width=%d height=%d src=\"data:%s;base64,%s\">",
                           p, p, w, h, p, p, (int)ceil(w * JX_REVIEW_SCALE),
                           (int)ceil(h * JX_REVIEW_SCALE), mime, b64);
    g_free(b64);
    g_bytes_unref(png);
    for (guint b = 0; b < rv->doc->blocks->len; b++) {
        const JxBlock *blk = g_ptr_array_index(rv->doc->blocks, b);
        if (blk->kind != JX_BLOCK_TABLE || blk->table->page_start > p || blk->table->page_end < p)
            continue;
        for (guint i = 0; i < blk->table->cells->len; i++) {
            const JxCell *c = g_ptr_array_index(blk->table->cells, i);
            if (c->page != p || !has_box(c))
                continue;
            g_string_append(o, "<div");
            cell_attrs(rv, (int)b, (int)i, "cell");
            g_string_append_printf(o, " data-box=\"%.2f %.2f %.2f %.2f\" "
                                      "style=\"left:%.4f%%;top:%.4f%%;width:%.4f%%;height:%.4f%%\" title=\"",
                                   c->x0, c->y0, c->x1, c->y1, c->x0 / w * 100, c->y0 / h * 100,
                                   (c->x1 - c->x0) / w * 100, (c->y1 - c->y0) / h * 100);
            esc(o, c->text);
            g_string_append(o, "\"></div>");
        }
    }
    g_string_append(o, "</div></figure>");
    return TRUE;
}

/* Table block b as jixiao read it: its grid with spans. */
static void table_grid(Review *rv, int b)
{
    const JxTable *t = ((const JxBlock *)g_ptr_array_index(rv->doc->blocks, b))->table;
    GString *o = rv->o;
    g_string_append_printf(o, "<figure class=gridwrap id=\"b%d\"><figcaption>table %d", b, b);
    if (t->page_start > 0)
        g_string_append_printf(o, ", page %d", t->page_start);
    g_string_append(o, "</figcaption><table class=grid>");
    for (int r = 0; r < t->nrows; r++) {
        g_string_append(o, "<tr>");
        for (int c = 0; c < t->ncols; c++) {
            int i = t->grid[r * t->ncols + c];
            if (i < 0) {
                g_string_append(o, "<td class=hole></td>");
                continue;
            }
            const JxCell *cell = g_ptr_array_index(t->cells, i);
            if (cell->row != r || cell->col != c)
                continue; /* covered by a span */
            g_string_append(o, "<td");
            cell_attrs(rv, b, i, "cell");
            if (cell->rowspan > 1)
                g_string_append_printf(o, " rowspan=%d", cell->rowspan);
            if (cell->colspan > 1)
                g_string_append_printf(o, " colspan=%d", cell->colspan);
            g_string_append_c(o, '>');
            esc(o, cell->text);
            g_string_append(o, "</td>");
        }
        g_string_append(o, "</tr>");
    }
    g_string_append(o, "</table></figure>");
}

static int cmp_int(gconstpointer a, gconstpointer b)
{
    return *(const int *)a - *(const int *)b;
}

static void add_unique(GArray *a, int v)
{
    for (guint i = 0; i < a->len; i++)
        if (g_array_index(a, int, i) == v)
            return;
    g_array_append_val(a, v);
}

/* The cell references of all of a form's records. */
static void form_sources(const JxForm *form, void (*fn)(JxCellRef, gpointer), gpointer ctx)
{
    for (guint k = 0; k < form->funds->len; k++) {
        const JxSource *s = &((const JxFund *)g_ptr_array_index(form->funds, k))->src;
        for (guint j = 0; j < s->n; j++)
            fn(s->cell[j], ctx);
    }
    for (guint k = 0; k < form->indicators->len; k++) {
        const JxSource *s = &((const JxIndicator *)g_ptr_array_index(form->indicators, k))->src;
        for (guint j = 0; j < s->n; j++)
            fn(s->cell[j], ctx);
    }
    for (guint j = 0; j < form->src.n; j++)
        fn(form->src.cell[j], ctx);
}

typedef struct {
    const JxDoc *doc;
    GArray *pages, *blocks;
} Where;

static void add_where(JxCellRef ref, gpointer ctx)
{
    Where *w = ctx;
    const JxCell *c = ref_cell(w->doc, ref);
    if (!c)
        return;
    add_unique(w->blocks, ref.block);
    if (c->page > 0)
        add_unique(w->pages, c->page);
}

/* The pages (as images) or tables (as grids) a form was read from; each
 * is drawn once per document, and a later form links to it. */
static void form_places(Review *rv, const JxForm *form)
{
    Where w = {rv->doc, g_array_new(FALSE, FALSE, sizeof(int)),
               g_array_new(FALSE, FALSE, sizeof(int))};
    form_sources(form, add_where, &w);
    for (int p = form->page_start; p > 0 && p <= form->page_end; p++)
        add_unique(w.pages, p);
    g_array_sort(w.pages, cmp_int);
    g_array_sort(w.blocks, cmp_int);
    gboolean drawn_pages = FALSE;
    for (guint i = 0; i < w.pages->len; i++) {
        int p = g_array_index(w.pages, int, i);
        if (g_hash_table_contains(rv->shown, GINT_TO_POINTER(p))) {
            g_string_append_printf(rv->o, "<p class=seealso><a href=\"#p%d\">page %d</a> is shown above</p>", p, p);
            drawn_pages = TRUE;
        } else if (page_image(rv, p)) {
            g_hash_table_add(rv->shown, GINT_TO_POINTER(p));
            drawn_pages = TRUE;
        }
    }
    for (guint i = 0; !drawn_pages && i < w.blocks->len; i++) {
        int b = g_array_index(w.blocks, int, i);
        if (g_hash_table_contains(rv->shown, GINT_TO_POINTER(-b - 1))) {
            g_string_append_printf(rv->o, "<p class=seealso><a href=\"#b%d\">table %d</a> is shown above</p>", b, b);
        } else {
            table_grid(rv, b);
            g_hash_table_add(rv->shown, GINT_TO_POINTER(-b - 1));
        }
    }
    if (!w.pages->len && !w.blocks->len)
        g_string_append(rv->o, "<p class=seealso>no table cells known for this form</p>");
    g_array_free(w.pages, TRUE);
    g_array_free(w.blocks, TRUE);
}

/* ---- the page ---- */

static const char STYLE[] =
    "<style>\n"
    "body{font-family:system-ui,'Noto Sans CJK SC','Noto Sans SC','PingFang SC','Microsoft YaHei',sans-serif;"
    "margin:0;color:#222;background:#f4f4f2;font-size:14px}\n"
    "header{position:sticky;top:0;z-index:5;background:#fff;border-bottom:1px solid #ccc;padding:8px 16px}\n"
    "h1{font-size:18px;margin:0 0 4px}h2{font-size:16px;margin:0 0 8px}\n"
    ".legend span,.flag{display:inline-block;border-radius:3px;padding:0 4px;margin:1px;font-size:11px;"
    "color:#fff;background:#888}\n"
    ".g-check.flag,.legend .g-check{background:#c62828}.g-read.flag,.legend .g-read{background:#e07b00}"
    ".g-value.flag,.legend .g-value{background:#5a6fb0}\n"
    "section.form{background:#fff;margin:12px;padding:12px;border:1px solid #ddd}\n"
    ".split{display:flex;gap:16px;align-items:flex-start}.where{flex:0 1 auto;max-width:60%;overflow:auto}"
    ".records{flex:1 1 0;min-width:420px;position:sticky;top:70px;max-height:85vh;overflow:auto}\n"
    "figure{margin:0 0 12px}figcaption{font-size:12px;color:#666}\n"
    ".sheet{position:relative;display:inline-block;line-height:0;border:1px solid #bbb}"
    ".sheet img{display:block;max-width:none}\n"
    ".sheet .cell{position:absolute;box-sizing:border-box;border:1px solid rgba(0,120,215,.35);cursor:pointer}\n"
    ".sheet .cell.src{border-color:rgba(0,120,215,.7)}\n"
    ".cell.need.g-check{border:2px solid #c62828;background:rgba(198,40,40,.10)}"
    ".cell.need.g-read{border:2px solid #e07b00;background:rgba(224,123,0,.10)}"
    ".cell.need.g-value{border:2px solid #5a6fb0;background:rgba(90,111,176,.10)}\n"
    ".cell.hl{outline:3px solid #111;background:rgba(255,230,0,.45)!important}\n"
    "table.grid{border-collapse:collapse;font-size:12px}table.grid td{border:1px solid #999;padding:2px 4px;"
    "vertical-align:top;max-width:18em;cursor:pointer}table.grid td.hole{background:#eee}\n"
    "table.recs{border-collapse:collapse;width:100%;margin-bottom:12px;font-size:12px}"
    "table.recs caption{text-align:left;font-weight:bold;padding:4px 0}"
    "table.recs th{background:#eee;text-align:left;position:sticky;top:0}"
    "table.recs td,table.recs th{border:1px solid #ddd;padding:2px 4px;vertical-align:top}\n"
    "td.n{text-align:right;white-space:nowrap}.parsed{display:block;color:#777;font-size:10px}"
    ".arith{display:block;color:#c62828;font-size:11px;white-space:nowrap}\n"
    "tr.rec{cursor:pointer}tr.need.g-check{background:#fdecea}tr.need.g-read{background:#fff3e0}"
    "tr.need.g-value{background:#eef1fa}tr.rec.hl{outline:2px solid #111;background:#fff59d!important}\n"
    "ul.checks{margin:0 0 8px;padding-left:20px;color:#c62828;font-weight:bold}\n"
    "body.only-need tr.rec:not(.need),body.only-need tr.arithrow{display:none}"
    "body.only-need section.form.calm{display:none}\n"
    ".seealso{font-size:12px;color:#666}\n"
    "</style>\n";

/* Hover or click a record: its cells light up (a click scrolls to the
 * first); click a cell: its records light up and the first comes into
 * view. #rec=ID in the address lights record ID as a hover does. With #measure in the address, each outline gets data-rendered, its
 * box as laid out, in page points (for tests). */
static const char SCRIPT[] =
    "<script>\n"
    "(function(){\n"
    "var lit=[];function clear(){lit.forEach(function(e){e.classList.remove('hl')});lit=[]}\n"
    "function light(ids){ids.forEach(function(id){var e=document.getElementById(id);"
    "if(e){e.classList.add('hl');lit.push(e)}})}\n"
    "function ids(e,a){var v=e.getAttribute(a);return v?v.split(' '):[]}\n"
    "document.querySelectorAll('tr.rec').forEach(function(r){\n"
    " r.addEventListener('mouseenter',function(){clear();light([r.id]);light(ids(r,'data-cells'))});\n"
    " r.addEventListener('click',function(){clear();light([r.id]);var c=ids(r,'data-cells');light(c);"
    "var e=c.length&&document.getElementById(c[0]);if(e)e.scrollIntoView({block:'center',inline:'center'})})});\n"
    "document.querySelectorAll('.cell').forEach(function(c){c.addEventListener('click',function(){\n"
    " clear();light([c.id]);var r=ids(c,'data-recs');light(r);var e=r.length&&document.getElementById(r[0]);\n"
    " if(e)e.scrollIntoView({block:'center'})})});\n"
    "var only=document.getElementById('only'),h=location.hash;\n"
    "function filter(){document.body.classList.toggle('only-need',only.checked)}\n"
    "if(only){only.addEventListener('change',filter);if(h.indexOf('only')>=0){only.checked=true;filter()}}\n"
    "var m=/^#rec=(.+)$/.exec(h),r0=m&&document.getElementById(m[1]);\n"
    "if(r0)r0.dispatchEvent(new Event('mouseenter'));\n"
    "if(h.indexOf('measure')>=0){document.querySelectorAll('figure.page').forEach(function(f){\n"
    " var img=f.querySelector('img').getBoundingClientRect(),s=parseFloat(f.dataset.w)/img.width;\n"
    " f.querySelectorAll('.cell').forEach(function(c){var b=c.getBoundingClientRect();\n"
    "  c.dataset.rendered=[(b.left-img.left)*s,(b.top-img.top)*s,(b.right-img.left)*s,(b.bottom-img.top)*s]"
    ".map(function(x){return x.toFixed(2)}).join(' ')})});\n"
    " document.querySelectorAll('tr.rec').forEach(function(r){r.dataset.shown=r.getClientRects().length?1:0})}\n"
    "})();\n"
    "</script>\n";

static void head(GString *o, const char *title)
{
    g_string_append(o, "<!DOCTYPE html>\n<html lang=zh>\n<head>\n<meta charset=utf-8>\n"
                       "<meta name=viewport content=\"width=device-width\">\n<title>");
    esc(o, title);
    g_string_append(o, "</title>\n");
    g_string_append(o, STYLE);
    g_string_append(o, "</head>\n");
}

static const char LEGEND[] =
    "<span class=legend><span class=g-check>check failed</span><span class=g-read>how it was read"
    "</span><span class=g-value>the value</span></span>";

static gboolean form_needs_look(const Review *rv, const JxForm *form)
{
    if (jx_review_needs_look(form->confidence, form->flags, rv->rs))
        return TRUE;
    for (guint k = 0; k < form->funds->len; k++) {
        const JxFund *f = g_ptr_array_index(form->funds, k);
        if (jx_review_needs_look(f->confidence, f->flags, rv->rs))
            return TRUE;
    }
    for (guint k = 0; k < form->indicators->len; k++) {
        const JxIndicator *i = g_ptr_array_index(form->indicators, k);
        if (jx_review_needs_look(i->confidence, i->flags, rv->rs))
            return TRUE;
    }
    return FALSE;
}

void jx_review_html(GString *out, const char *source, const JxDoc *doc, const JxResult *res,
                    const JxRuleset *rs, JxReviewPageFn page_fn, gpointer ctx,
                    JxReviewCounts *counts)
{
    Review rv = {.o = g_string_new(NULL), .doc = doc, .rs = rs,
                 .page_fn = page_fn, .ctx = ctx,
                 .marks = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, mark_free),
                 .shown = g_hash_table_new(g_direct_hash, g_direct_equal)};
    rv.n.forms = res->forms->len;
    for (guint i = 0; i < res->forms->len; i++)
        note_form(&rv, g_ptr_array_index(res->forms, i));
    for (guint i = 0; i < res->forms->len; i++) {
        const JxForm *form = g_ptr_array_index(res->forms, i);
        GString *o = rv.o;
        g_string_append_printf(o, "<section class=\"form%s\" id=\"form%d\"><h2>form %d: ",
                               form_needs_look(&rv, form) ? "" : " calm", form->index,
                               form->index);
        esc(o, form->title ? form->title : form->project_name);
        if (form->page_start > 0)
            g_string_append_printf(o, " <small>(pages %d–%d)</small>", form->page_start,
                                   form->page_end);
        g_string_append(o, "</h2>");
        form_checks(o, form);
        g_string_append(o, "<div class=split><div class=where>");
        form_places(&rv, form);
        g_string_append(o, "</div><div class=records>");
        fund_rows(&rv, form);
        indicator_rows(&rv, form);
        g_string_append(o, "</div></div></section>\n");
    }
    char *base = g_path_get_basename(source);
    head(out, base);
    g_string_append(out, "<body>\n<header><h1>");
    esc(out, base);
    g_string_append(out, "</h1><div>");
    esc(out, source);
    g_string_append_printf(out, " · %s", doc->format);
    if (doc->pages > 0)
        g_string_append_printf(out, " · %d pages", doc->pages);
    g_string_append_printf(out, " · %s", res->kind);
    if (res->year > 0)
        g_string_append_printf(out, " %d", res->year);
    g_string_append_printf(out, " · <b id=counts data-forms=%u data-records=%u data-need=%u>%u "
                                "forms, %u records, %u need a look</b> · <label><input "
                                "type=checkbox id=only> only what needs a look</label> · ",
                           rv.n.forms, rv.n.records, rv.n.need, rv.n.forms, rv.n.records,
                           rv.n.need);
    g_string_append(out, LEGEND);
    g_string_append(out, "</div></header>\n");
    if (!res->forms->len)
        g_string_append(out, "<p class=seealso>no forms found in this document</p>");
    g_string_append_len(out, rv.o->str, (gssize)rv.o->len);
    g_string_append(out, SCRIPT);
    g_string_append(out, "</body>\n</html>\n");
    g_free(base);
    g_string_free(rv.o, TRUE);
    g_hash_table_destroy(rv.marks);
    g_hash_table_destroy(rv.shown);
    if (counts)
        *counts = rv.n;
}

void jx_review_index_html(GString *out, const JxReviewEntry *entries, guint n)
{
    JxReviewCounts all = {0};
    for (guint i = 0; i < n; i++) {
        all.forms += entries[i].counts.forms;
        all.records += entries[i].counts.records;
        all.need += entries[i].counts.need;
    }
    head(out, "jixiao review");
    g_string_append_printf(out, "<body>\n<header><h1>jixiao review</h1><div id=counts "
                                "data-documents=%u data-forms=%u data-records=%u data-need=%u>"
                                "%u documents, %u forms, %u records, %u need a look</div></header>\n"
                                "<section class=form><table class=recs><thead><tr><th>document"
                                "<th>forms<th>records<th>need a look</thead><tbody>\n",
                           n, all.forms, all.records, all.need, n, all.forms, all.records,
                           all.need);
    for (guint i = 0; i < n; i++) {
        const JxReviewEntry *e = &entries[i];
        g_string_append_printf(out, "<tr class=\"doc%s\"><td>", e->counts.need ? " need g-check" : "");
        if (e->href) {
            g_string_append(out, "<a href=\"");
            esc(out, e->href);
            g_string_append(out, "\">");
            esc(out, e->source);
            g_string_append(out, "</a>");
        } else {
            esc(out, e->source);
        }
        if (e->error) {
            g_string_append(out, " <span class=arith>");
            esc(out, e->error);
            g_string_append(out, "</span>");
        }
        g_string_append_printf(out, "</td><td class=n>%u</td><td class=n>%u</td><td class=n>%u</td></tr>\n",
                               e->counts.forms, e->counts.records, e->counts.need);
    }
    g_string_append(out, "</tbody></table></section>\n</body>\n</html>\n");
}
