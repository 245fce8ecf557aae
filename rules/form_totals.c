/* The row that closes a form's indicator table (总分 / 合计): the total
 * weight and score, from the mapped columns or from the numbers after the
 * label. */
#include <math.h>

#include "rules/check.h"
#include "rules/form_reader.h"

/* The text of a mapped indicator column in row r, unless it is the label. */
static const char *total_text(const Reader *rd, const Grid *g, int r, int which, int label)
{
    if (rd->ind.col[which] < 0 || fr_at(g, r, rd->ind.col[which]) == label)
        return NULL;
    return fr_text_for(g, r, rd->ind.col, IC_N, which);
}

/* The n-th number (0-based) after the label in the cells of the total row;
 * with values_too FALSE, cells under mapped value columns are passed over. */
static gboolean nth_number_after(const Reader *rd, const Grid *g, GArray *cells, int label,
                                 int n, gboolean values_too, JxNum *out)
{
    static const int VALUES[] = {IC_TARGET, IC_ACTUAL, IC_SCORE, IC_REVIEW};
    gboolean after = FALSE;
    for (guint k = 0; k < cells->len; k++) {
        int i = g_array_index(cells, int, k);
        after |= i == label;
        if (!after || i == label)
            continue;
        gboolean value_col = FALSE;
        for (gsize v = 0; v < G_N_ELEMENTS(VALUES); v++)
            value_col |= rd->ind.col[VALUES[v]] >= 0 &&
                         fr_at(g, fr_cell(g, i)->row, rd->ind.col[VALUES[v]]) == i;
        JxNum x = {0};
        if ((values_too || !value_col) && fr_number_of(g->text[i], &x) && n-- == 0) {
            *out = x;
            return TRUE;
        }
    }
    return FALSE;
}

void fr_read_total(Reader *rd, const Grid *g, int r, GArray *cells, int label)
{
    JxForm *f = rd->form;
    f->flags |= fr_row_flags(g, r);
    JxNum w = {0}, s = {0};
    const char *wt = total_text(rd, g, r, IC_WEIGHT, label);
    const char *st = total_text(rd, g, r, IC_SCORE, label);
    if (wt)
        fr_number_of(wt, &w);
    if (st)
        fr_number_of(st, &s);
    if (rd->ind.col[IC_WEIGHT] < 0) {
        /* weights stated in the level cells (数量指标 10分): the total weight
         * stands in a level column */
        nth_number_after(rd, g, cells, label, 0, FALSE, &w);
    } else if (!w.set && !s.set) {
        /* columns do not line up: the first two numbers after the label */
        nth_number_after(rd, g, cells, label, 0, TRUE, &w);
        nth_number_after(rd, g, cells, label, 1, TRUE, &s);
    }
    /* A 合计 under one part of a form (项目绩效 after 项目决策/管理 rows)
     * disagrees with the 自评总分 printed for the whole: the form keeps its
     * own totals, and the sum check compares the indicators with them. */
    gboolean part = f->total_score.set && s.set && fabs(f->total_score.v - s.v) > JX_SUM_TOLERANCE;
    if (!part) {
        const char *t[IC_N] = {NULL};
        if (w.set)
            f->total_weight = w;
        if (s.set)
            f->total_score = s;
        t[IC_WEIGHT] = w.set ? wt : NULL;
        t[IC_SCORE] = s.set ? st : NULL;
        f->flags |= fr_inferred_flag(rd->ind.inferred, t, IC_N);
        f->src.n = 0;
        for (guint k = 0; k < cells->len; k++)
            fr_source_add(&f->src, g, g_array_index(cells, int, k));
    }
    fr_note_page(rd, fr_cell(g, label)->page);
}
