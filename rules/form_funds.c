/* The 项目资金 block of a form: its column header and money unit, one fund
 * line per labelled row (资金总额, 财政拨款 ...); and 项目资金来源 printed
 * across (one column per source, the amounts in the row below). */
#include <string.h>

#include "rules/form_reader.h"

static const char *const FUNDCOL[FC_N] = {
    "budget_initial", "budget_full_year", "executed", "weight", "rate", "score"};
static const char *const FUNDLINES[] = {"total", "fiscal", "carryover", "other"};

void fr_funds_reset(FundState *fs)
{
    for (int i = 0; i < FC_N; i++)
        fs->col[i] = -1;
    fs->inferred = 0;
    fs->nsource = 0;
    g_clear_pointer(&fs->unit, g_free);
}

/* The money unit anywhere in the table from row r on: a unit cell that
 * spans the fund lines may sit beside any of them. */
static void find_unit_below(Reader *rd, const Grid *g, int r)
{
    for (guint i = 0; !rd->fund.unit && i < g->t->cells->len; i++) {
        char *u = NULL;
        if (fr_cell(g, (int)i)->row + fr_cell(g, (int)i)->rowspan > r &&
            jx_ruleset_match(rd->rs, "fundunit", fr_short_key(g, (int)i, LABEL_MAX_CHARS), &u) &&
            u)
            rd->fund.unit = g_steal_pointer(&u);
        g_free(u);
    }
}

static void find_unit(Reader *rd, const Grid *g, GArray *cells)
{
    for (guint k = 0; !rd->fund.unit && k < cells->len; k++) {
        char *u = NULL;
        int i = g_array_index(cells, int, k);
        if (jx_ruleset_match(rd->rs, "fundunit", fr_short_key(g, i, LABEL_MAX_CHARS), &u) && u)
            rd->fund.unit = g_steal_pointer(&u);
        g_free(u);
    }
}

static void fund_money(JxFund *f, const char *text, JxNum *out)
{
    if (!text)
        return;
    JxValue v;
    jx_value_parse(text, f->unit_declared, &v);
    if (v.kind == JX_KIND_MONEY && v.op == JX_OP_EQ) {
        out->set = TRUE;
        out->v = v.value;
        if (v.flags & JX_VALUE_UNIT_FROM_HEADER)
            f->flags |= JX_FLAG_BIT(JX_FLAG_UNIT_FROM_HEADER);
    } else if (v.kind == JX_KIND_NUMBER && !v.unit && v.op == JX_OP_EQ) {
        out->set = TRUE; /* no unit anywhere: taken as 元, and said so */
        out->v = v.value;
        f->flags |= JX_FLAG_BIT(JX_FLAG_UNIT_MISSING);
    } else if (v.kind != JX_KIND_EMPTY) {
        f->flags |= JX_FLAG_BIT(JX_FLAG_KIND_MISMATCH);
    }
    jx_value_clear(&v);
}

static void fund_plain(JxFund *f, const char *text, JxNum *out, gboolean percent)
{
    if (!text)
        return;
    JxValue v;
    jx_value_parse(text, NULL, &v);
    double d;
    if (percent && v.kind == JX_KIND_PERCENT && v.op == JX_OP_EQ) {
        out->set = TRUE;
        out->v = v.value;
    } else if (jx_value_as_number(&v, &d)) {
        out->set = TRUE;
        out->v = d;
    } else if (v.kind != JX_KIND_EMPTY) {
        f->flags |= JX_FLAG_BIT(JX_FLAG_KIND_MISMATCH);
    }
    jx_value_clear(&v);
}

gboolean fr_read_fund_header(Reader *rd, const Grid *g, int r, GArray *cells)
{
    int fc[FC_N];
    guint fi = 0;
    if (fr_map_columns(rd, g, cells, MEMO_FUNDCOL, FUNDCOL, FC_N, fc, &fi) < 3)
        return FALSE;
    fr_open_form(rd);
    memcpy(rd->fund.col, fc, sizeof fc);
    rd->fund.inferred = fi;
    rd->mode = MODE_FUNDS;
    find_unit(rd, g, cells);
    find_unit_below(rd, g, r);
    if (!rd->fund.unit && rd->unit)
        rd->fund.unit = g_strdup(rd->unit);
    return TRUE;
}

static gboolean read_fund_line(Reader *rd, const Grid *g, int r, GArray *cells)
{
    const char *line = NULL;
    int label = -1;
    for (guint k = 0; !line && k < cells->len; k++) {
        int i = g_array_index(cells, int, k);
        if (fr_cell(g, i)->row != r)
            continue;
        const char *name = fr_label_match(rd->rs, g, i, MEMO_FUNDLINE);
        for (gsize n = 0; name && n < G_N_ELEMENTS(FUNDLINES); n++)
            if (!strcmp(name, FUNDLINES[n])) {
                line = FUNDLINES[n];
                label = i;
            }
    }
    if (!line)
        return FALSE;
    JxFund *f = jx_fund_new(rd->form->index, line);
    f->unit_declared = g_strdup(rd->fund.unit);
    f->flags |= fr_row_flags(g, r);
    f->page = fr_cell(g, label)->page;
    fr_source_add(&f->src, g, label);
    const char *t[FC_N];
    for (int c = 0; c < FC_N; c++) {
        t[c] = fr_text_for(g, r, rd->fund.col, FC_N, c);
        if (t[c] && fr_at(g, r, rd->fund.col[c]) == label)
            t[c] = NULL;
        if (t[c])
            fr_source_add(&f->src, g, fr_cell_for(g, r, rd->fund.col, FC_N, c));
    }
    f->flags |= fr_inferred_flag(rd->fund.inferred, t, FC_N);
    fund_money(f, t[FC_BUDGET_INITIAL], &f->budget_initial);
    fund_money(f, t[FC_BUDGET_FULL_YEAR], &f->budget_full_year);
    fund_money(f, t[FC_EXECUTED], &f->executed);
    fund_plain(f, t[FC_WEIGHT], &f->weight, FALSE);
    fund_plain(f, t[FC_RATE], &f->rate, TRUE);
    fund_plain(f, t[FC_SCORE], &f->score, FALSE);
    g_ptr_array_add(rd->form->funds, f);
    fr_note_page(rd, f->page);
    return TRUE;
}

void fr_read_fund_row(Reader *rd, const Grid *g, int r, GArray *cells)
{
    find_unit(rd, g, cells);
    read_fund_line(rd, g, r, cells);
}

/* 项目资金来源 printed across: a header row with one column per source
 * (中央 / 省、地 / 本级 / 其他 / 合计, each with its unit) and 执行数 / 执行率 of
 * the whole; the amounts are in the row below. */
gboolean fr_read_source_header(Reader *rd, const Grid *g, GArray *cells)
{
    int n = 0, fc[FC_N];
    for (int c = 0; c < FC_N; c++)
        fc[c] = -1;
    FundState *fs = &rd->fund;
    for (guint k = 0; k < cells->len && n < (int)G_N_ELEMENTS(fs->source); k++) {
        int i = g_array_index(cells, int, k);
        const char *line = fr_label_match(rd->rs, g, i, MEMO_FUNDSOURCE);
        const char *col = line ? NULL : fr_label_match(rd->rs, g, i, MEMO_FUNDCOL);
        if (line) {
            fs->source[n].col = fr_cell(g, i)->col;
            fs->source[n++].line = g_intern_string(line);
        }
        for (int c = 0; col && c < FC_N; c++)
            if (!strcmp(col, FUNDCOL[c]) && fc[c] < 0)
                fc[c] = fr_cell(g, i)->col;
    }
    if (n < 3)
        return FALSE;
    fr_open_form(rd);
    rd->mode = MODE_NONE;
    fs->nsource = n;
    memcpy(fs->col, fc, sizeof fc);
    g_clear_pointer(&fs->unit, g_free);
    find_unit(rd, g, cells);
    if (!fs->unit && rd->unit)
        fs->unit = g_strdup(rd->unit);
    return TRUE;
}

/* The amounts under the source columns, one fund line each; 执行数 and
 * 执行率 belong to the 合计 line. */
void fr_read_source_funds(Reader *rd, const Grid *g, int r)
{
    FundState *fs = &rd->fund;
    for (int k = 0; k < fs->nsource; k++) {
        int i = fr_at(g, r, fs->source[k].col);
        JxFund *f = jx_fund_new(rd->form->index, fs->source[k].line);
        f->unit_declared = g_strdup(fs->unit);
        f->flags |= fr_row_flags(g, r);
        f->page = i >= 0 ? fr_cell(g, i)->page : 0;
        if (i >= 0 && fr_cell(g, i)->row == r) {
            fund_money(f, g->text[i], &f->budget_full_year);
            fr_source_add(&f->src, g, i);
        }
        if (!strcmp(f->line, "total")) {
            if (fs->col[FC_EXECUTED] >= 0)
                fr_source_add(&f->src, g, fr_cell_for(g, r, fs->col, FC_N, FC_EXECUTED));
            if (fs->col[FC_RATE] >= 0)
                fr_source_add(&f->src, g, fr_cell_for(g, r, fs->col, FC_N, FC_RATE));
            fund_money(f, fr_text_for(g, r, fs->col, FC_N, FC_EXECUTED), &f->executed);
            fund_plain(f, fr_text_for(g, r, fs->col, FC_N, FC_RATE), &f->rate, TRUE);
        }
        g_ptr_array_add(rd->form->funds, f);
        fr_note_page(rd, f->page);
    }
    fs->nsource = 0;
}
