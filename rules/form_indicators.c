/* The goals and the indicator table of a form: the 年度总体目标 row, the
 * indicator column header, one indicator per row with the level cells it
 * inherits (merged 一级/二级指标 cells), canonical level names and weights. */
#include <string.h>

#include "normalize/text.h"
#include "rules/form_reader.h"

static const char *const INDCOL[IC_N] = {
    "level1", "level2", "name", "target", "actual", "weight", "score",
    "review_score", "deviation", "detail", "criteria"};

void fr_indicators_reset(IndState *is)
{
    for (int i = 0; i < IC_N; i++)
        is->col[i] = -1;
    is->inferred = 0;
    is->goalcol[0] = is->goalcol[1] = -1;
    g_clear_pointer(&is->l1, g_free);
    g_clear_pointer(&is->l2, g_free);
    is->l1_page = is->l2_page = 0;
    is->seq = 0;
}

gboolean fr_read_indicator_header(Reader *rd, const Grid *g, GArray *cells)
{
    int ic[IC_N];
    guint ii = 0;
    if (fr_map_columns(rd, g, cells, MEMO_INDCOL, INDCOL, IC_N, ic, &ii) < 3)
        return FALSE;
    fr_open_form(rd);
    IndState *is = &rd->ind;
    gboolean repeated = rd->mode == MODE_INDICATORS && !memcmp(is->col, ic, sizeof ic);
    memcpy(is->col, ic, sizeof ic);
    is->inferred = ii;
    rd->mode = MODE_INDICATORS;
    if (!repeated) { /* a header repeated on a new page keeps the levels */
        g_clear_pointer(&is->l1, g_free);
        g_clear_pointer(&is->l2, g_free);
    }
    return TRUE;
}

gboolean fr_read_goal_header(Reader *rd, const Grid *g, GArray *cells)
{
    static const char *const GOAL[] = {"expected", "actual"};
    int gc[2] = {-1, -1};
    for (guint k = 0; k < cells->len; k++) {
        int i = g_array_index(cells, int, k);
        const char *n = fr_label_match(rd->rs, g, i, MEMO_GOALCOL);
        for (int j = 0; n && j < 2; j++)
            if (!strcmp(n, GOAL[j]) && gc[j] < 0)
                gc[j] = fr_cell(g, i)->col;
    }
    if (gc[0] < 0 || gc[1] < 0)
        return FALSE;
    fr_open_form(rd);
    memcpy(rd->ind.goalcol, gc, sizeof gc);
    rd->mode = MODE_GOALS;
    return TRUE;
}

void fr_read_goal(Reader *rd, const Grid *g, int r)
{
    char **slots[2] = {&rd->form->goal_expected, &rd->form->goal_actual};
    gboolean took = FALSE;
    for (int k = 0; k < 2; k++) {
        int i = rd->ind.goalcol[k] >= 0 ? fr_cell_for(g, r, rd->ind.goalcol, 2, k) : -1;
        if (i >= 0 && fr_cell(g, i)->row == r && *g->text[i] && !*slots[k]) {
            *slots[k] = g_strdup(g->text[i]);
            rd->form->flags |= fr_cell(g, i)->flags & JX_DOUBT_READ;
            took = TRUE;
        }
    }
    if (took)
        rd->mode = MODE_NONE;
}

/* Canonical level name of a printed level cell (transfer full), and the
 * weight it states. */
static char *canonical_level(const JxRuleset *rs, const char *kind, const char *raw,
                             JxNum *weight, gboolean *canonical)
{
    char *key = jx_text_compact(raw);
    char *w = NULL;
    if (jx_ruleset_match(rs, "levelweight", key, &w) && w) {
        weight->set = TRUE;
        weight->v = g_ascii_strtod(w, NULL);
    }
    g_free(w);
    char *bare = jx_ruleset_strip(rs, "levelweight", key);
    g_free(key);
    const char *name = jx_ruleset_match(rs, kind, bare, NULL);
    *canonical = name != NULL;
    if (name) {
        g_free(bare);
        return g_strdup(name);
    }
    return bare;
}

static void set_level(char **slot, const char *text)
{
    g_free(*slot);
    *slot = g_strdup(text);
}

/* l1 := the level-1 text of the table whose canonical name is the parent
 * (level2parent rule) of the current level-2 name, or what the level1
 * rules read the parent as (a 部门整体 产出 is printed 产出指标). */
static void adopt_parent_level(Reader *rd, const Grid *g)
{
    IndState *is = &rd->ind;
    JxNum w = {0};
    gboolean canon;
    char *l2 = canonical_level(rd->rs, "level2", is->l2, &w, &canon);
    const char *parent = jx_ruleset_match(rd->rs, "level2parent", l2, NULL);
    g_free(l2);
    if (!parent || is->col[IC_LEVEL1] < 0)
        return;
    const char *raw = NULL, *read = jx_ruleset_match(rd->rs, "level1", parent, NULL);
    for (int row = 0; row < g->t->nrows && !raw; row++) {
        int i = fr_at(g, row, is->col[IC_LEVEL1]);
        if (i < 0 || !*g->text[i])
            continue;
        char *c = canonical_level(rd->rs, "level1", g->text[i], &w, &canon);
        if (canon && (!strcmp(c, parent) || (read && !strcmp(c, read))))
            raw = g->text[i];
        g_free(c);
    }
    if (g_strcmp0(is->l1, raw ? raw : parent) != 0)
        set_level(&is->l1, raw ? raw : parent);
}

/* The canonical name of an inherited level (level1/level2 kind), its raw
 * text and weight, LEVEL_UNCANONICAL when no rule names it. */
static void put_level(const Reader *rd, JxIndicator *ind, const char *kind, const char *raw,
                      char **name, char **raw_out, JxNum *weight)
{
    gboolean canon;
    *raw_out = g_strdup(raw);
    *name = canonical_level(rd->rs, kind, raw, weight, &canon);
    if (!canon)
        ind->flags |= JX_FLAG_BIT(JX_FLAG_LEVEL_UNCANONICAL);
}

/* A level-1 name as the family of its level 2 spells it: where the
 * level2parent rules name the level 1 of ind's level 2 otherwise than the
 * cell reads, and the level1 rules read that name as the cell's level
 * (部门整体: 产出 and the printed 产出指标 are both 产出指标 to them), the
 * parent's name is taken (职责履行 -> 产出). */
static void family_level1(const JxRuleset *rs, JxIndicator *ind)
{
    const char *parent = ind->level1 && ind->level2 ? jx_ruleset_match(rs, "level2parent", ind->level2, NULL) : NULL;
    if (!parent || !strcmp(parent, ind->level1))
        return;
    const char *read = jx_ruleset_match(rs, "level1", parent, NULL);
    if (read && !strcmp(read, ind->level1))
        set_level(&ind->level1, parent);
}

/* ind's level names from these raw texts (NULL: none), afresh. */
static void put_levels(const Reader *rd, JxIndicator *ind, const char *l1, const char *l2)
{
    ind->flags &= ~JX_FLAG_BIT(JX_FLAG_LEVEL_UNCANONICAL);
    g_clear_pointer(&ind->level1, g_free);
    g_clear_pointer(&ind->level1_raw, g_free);
    g_clear_pointer(&ind->level2, g_free);
    g_clear_pointer(&ind->level2_raw, g_free);
    ind->level1_weight = ind->level2_weight = (JxNum){0};
    if (l1)
        put_level(rd, ind, "level1", l1, &ind->level1, &ind->level1_raw, &ind->level1_weight);
    if (l2)
        put_level(rd, ind, "level2", l2, &ind->level2, &ind->level2_raw, &ind->level2_weight);
    family_level1(rd->rs, ind);
}

/* A level cell merged over rows that a page break cut prints the rest of
 * its text on the new page (满意度 | 指标): where the new text was read on
 * a later page than the level text held so far (*held, read on
 * held_page), one of the two names no level, and the two together name
 * one, *held becomes the whole, the form's indicators that took the part
 * take the whole, and TRUE. */
static gboolean level_rest(Reader *rd, int level, char **held, int held_page, const char *text,
                           int page)
{
    const char *kind = level == 1 ? "level1" : "level2";
    JxNum w = {0};
    gboolean held_canon = FALSE, canon = FALSE;
    if (!*held || !held_page || page <= held_page)
        return FALSE;
    g_free(canonical_level(rd->rs, kind, *held, &w, &held_canon));
    g_free(canonical_level(rd->rs, kind, text, &w, &canon));
    if (held_canon && canon)
        return FALSE;
    char *whole = g_strconcat(*held, text, NULL);
    g_free(canonical_level(rd->rs, kind, whole, &w, &canon));
    if (!canon) {
        g_free(whole);
        return FALSE;
    }
    GPtrArray *inds = rd->form->indicators;
    for (guint i = inds->len; i > 0; i--) {
        JxIndicator *ind = g_ptr_array_index(inds, i - 1);
        const char *raw = level == 1 ? ind->level1_raw : ind->level2_raw;
        if (g_strcmp0(raw, *held) != 0)
            break;
        char *l1 = g_strdup(level == 1 ? whole : ind->level1_raw);
        char *l2 = g_strdup(level == 2 ? whole : ind->level2_raw);
        put_levels(rd, ind, l1, l2);
        ind->flags |= JX_FLAG_BIT(JX_FLAG_CROSS_PAGE);
        g_free(l1);
        g_free(l2);
    }
    g_free(*held);
    *held = whole;
    return TRUE;
}

/* The page of row r's cell in column col (0: none or no pages). */
static int page_at(const Grid *g, int r, int col)
{
    int i = col >= 0 ? fr_at(g, r, col) : -1;
    return i >= 0 ? fr_cell(g, i)->page : 0;
}

void fr_read_indicator(Reader *rd, const Grid *g, int r)
{
    IndState *is = &rd->ind;
    const char *t[IC_N];
    gboolean any_data = FALSE;
    for (int c = 0; c < IC_N; c++) {
        t[c] = fr_text_for(g, r, is->col, IC_N, c);
        if (t[c] && !*t[c])
            t[c] = NULL;
        if (t[c] && c >= IC_NAME)
            any_data = TRUE;
    }
    /* levels: a new level-1 text starts a new level-2 run, unless it is
     * the rest of a level cell cut by a page break */
    int p1 = page_at(g, r, is->col[IC_LEVEL1]), p2 = page_at(g, r, is->col[IC_LEVEL2]);
    gboolean rest1 = t[IC_LEVEL1] && level_rest(rd, 1, &is->l1, is->l1_page, t[IC_LEVEL1], p1);
    if (rest1)
        is->l1_page = p1;
    if (t[IC_LEVEL1] && !rest1 && g_strcmp0(t[IC_LEVEL1], is->l1) != 0) {
        set_level(&is->l1, t[IC_LEVEL1]);
        is->l1_page = p1;
        g_clear_pointer(&is->l2, g_free);
    }
    if (t[IC_LEVEL2] && level_rest(rd, 2, &is->l2, is->l2_page, t[IC_LEVEL2], p2))
        is->l2_page = p2;
    else if (t[IC_LEVEL2]) {
        set_level(&is->l2, t[IC_LEVEL2]);
        is->l2_page = p2;
    }
    if (!any_data || !(t[IC_NAME] || t[IC_TARGET] || t[IC_ACTUAL] || t[IC_WEIGHT] ||
                       t[IC_SCORE] || t[IC_REVIEW] || t[IC_DETAIL]))
        return; /* only notes or criteria: not an indicator */
    /* Without ruling lines a merged level cell shows its text mid-span
     * only; rows with none take the level the level-2 name belongs to. */
    gboolean inferred = fr_row_flags(g, r) & JX_FLAG_BIT(JX_FLAG_COLUMN_INFERRED);
    if (inferred && !t[IC_LEVEL1] && is->l2)
        adopt_parent_level(rd, g);

    JxIndicator *ind = jx_indicator_new(rd->form->index, is->seq++);
    ind->flags |= fr_row_flags(g, r) | fr_inferred_flag(is->inferred, t, IC_N);
    put_levels(rd, ind, is->l1, is->l2);
    if (t[IC_NAME]) {
        char *n = jx_ruleset_strip(rd->rs, "namestrip", t[IC_NAME]);
        ind->name = fr_nonempty(g_strstrip(n));
        g_free(n);
    }
    jx_value_parse_units(t[IC_TARGET], NULL, rd->units, &ind->target);
    jx_value_parse_units(t[IC_ACTUAL], NULL, rd->units, &ind->actual);
    if (t[IC_WEIGHT])
        fr_number_of(t[IC_WEIGHT], &ind->weight);
    if (t[IC_SCORE])
        fr_number_of(t[IC_SCORE], &ind->score);
    if (t[IC_REVIEW])
        fr_number_of(t[IC_REVIEW], &ind->review_score);
    ind->deviation = fr_nonempty(t[IC_DEVIATION]);
    ind->detail = fr_nonempty(t[IC_DETAIL]);
    ind->criteria = fr_nonempty(t[IC_CRITERIA]);
    for (int c = 0; c < IC_N; c++)
        if (t[c])
            fr_source_add(&ind->src, g, fr_cell_for(g, r, is->col, IC_N, c));
    int ni = is->col[IC_NAME] >= 0 ? fr_at(g, r, is->col[IC_NAME]) : -1;
    ind->page = ni >= 0 ? fr_cell(g, ni)->page : 0;
    g_ptr_array_add(rd->form->indicators, ind);
    fr_note_page(rd, ind->page);
}
