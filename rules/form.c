#include "rules/form.h"

#include <math.h>
#include <string.h>

#include "normalize/text.h"
#include "rules/check.h"

enum { FC_BUDGET_INITIAL, FC_BUDGET_FULL_YEAR, FC_EXECUTED, FC_WEIGHT, FC_RATE,
       FC_SCORE, FC_N };
static const char *const FUNDCOL[FC_N] = {
    "budget_initial", "budget_full_year", "executed", "weight", "rate", "score"};

enum { IC_LEVEL1, IC_LEVEL2, IC_NAME, IC_TARGET, IC_ACTUAL, IC_WEIGHT, IC_SCORE,
       IC_REVIEW, IC_DEVIATION, IC_DETAIL, IC_CRITERIA, IC_N };
static const char *const INDCOL[IC_N] = {
    "level1", "level2", "name", "target", "actual", "weight", "score",
    "review_score", "deviation", "detail", "criteria"};

static const char *const FUNDLINES[] = {"total", "fiscal", "carryover", "other"};

/* Labels (titles, column headers) are short: longer cells are not
 * matched against label rules at all. Field rules are anchored and may
 * capture a value printed after the label ("年度目标1：…"). */
#define LABEL_MAX_CHARS 40
#define FIELD_MAX_CHARS 200
/* The document's year is looked for in its opening text only. */
#define YEAR_WITHIN_CHARS 600

/* One table with each cell's text cleaned once. */
/* Label kinds whose matches are remembered per cell: a merged cell is
 * seen again on every row it covers. */
enum { MEMO_TITLE, MEMO_TOTAL, MEMO_FUNDCOL, MEMO_INDCOL, MEMO_GOALCOL, MEMO_FUNDLINE,
       MEMO_FUNDSOURCE, MEMO_FIELD, MEMO_N };
static const char *const MEMO_KIND[MEMO_N] = {"title", "total", "fundcol", "indcol",
                                             "goalcol", "fundline", "fundsource", "field"};
static const char NOT_YET[] = "";

typedef struct {
    const JxTable *t;
    char **text;  /* jx_text_clean, per cell index */
    char **key;   /* same without spaces, for label rules */
    const char **memo; /* ncells * MEMO_N: rule NAME, NULL, or NOT_YET */
} Grid;

typedef struct {
    const JxRuleset *rs;
    JxResult *res;
    JxForm *form;        /* the open form, or NULL */
    char *title;         /* pending title and year from paragraphs */
    int year;
    char *unit;          /* pending money unit ("单位：万元") */
    gboolean in_fund, in_ind, want_goal, in_source;
    int fundcol[FC_N], indcol[IC_N], goalcol[2];
    guint fund_inferred, ind_inferred; /* columns placed by gap rules (1 << c) */
    struct { int col; const char *line; } source[8]; /* 项目资金来源 columns */
    int nsource;
    char *fund_unit;
    char *l1, *l2;       /* inherited level texts */
    int seq;
    GHashTable *pending; /* field -> value printed before its form opened */
    JxForm *last;        /* the form closed last (lines after it belong to it) */
} Reader;

/* ---------- grid helpers ---------- */

/* Cell texts cleaned once; OCR'd cells lose the specks of dirt, have the
 * signs OCR takes for others put back (ocrfix rules), and one that is
 * nearly a known label (ocrword rules) becomes that label. */
static void grid_init(Grid *g, const JxTable *t, const JxRuleset *rs)
{
    g->t = t;
    g->text = g_new0(char *, t->cells->len + 1);
    g->key = g_new0(char *, t->cells->len + 1);
    for (guint i = 0; i < t->cells->len; i++) {
        const JxCell *c = g_ptr_array_index(t->cells, i);
        if (c->flags & JX_FLAG_BIT(JX_FLAG_OCR)) {
            char *clean = jx_text_clean_ocr(c->text);
            g->text[i] = jx_ruleset_replace(rs, "ocrfix", clean);
            g->key[i] = jx_text_compact(g->text[i]);
            g_free(clean);
            const char *word = jx_ruleset_nearest(rs, "ocrword", g->key[i]);
            if (word) {
                g_free(g->text[i]);
                g_free(g->key[i]);
                g->text[i] = g_strdup(word);
                g->key[i] = g_strdup(word);
            }
        } else {
            g->text[i] = jx_text_clean(c->text);
            g->key[i] = jx_text_compact(c->text);
        }
    }
    g->memo = g_new(const char *, (gsize)MAX(t->cells->len, 1) * MEMO_N);
    for (guint i = 0; i < t->cells->len * MEMO_N; i++)
        g->memo[i] = NOT_YET;
}

/* The key of cell i if it is at most max characters long, else NULL
 * (jx_ruleset_match matches nothing). */
static const char *short_key(const Grid *g, int i, int max)
{
    const char *k = g->key[i];
    return g_utf8_strlen(k, max * 4) <= max ? k : NULL;
}

static const char *label_key(const Grid *g, int i)
{
    return short_key(g, i, LABEL_MAX_CHARS);
}

/* jx_ruleset_match of a label kind on cell i, remembered. */
static const char *label_match(const JxRuleset *rs, const Grid *g, int i, int memo)
{
    const char **slot = &g->memo[(gsize)i * MEMO_N + memo];
    if (*slot == NOT_YET)
        *slot = jx_ruleset_match(rs, MEMO_KIND[memo],
                                 short_key(g, i, memo == MEMO_FIELD ? FIELD_MAX_CHARS
                                                                    : LABEL_MAX_CHARS),
                                 NULL);
    return *slot;
}

static void grid_clear(Grid *g)
{
    g_strfreev(g->text);
    g_strfreev(g->key);
    g_free(g->memo);
}

/* Cell index at (r, c), or -1. */
static int at(const Grid *g, int r, int c)
{
    if (c < 0 || r < 0 || r >= g->t->nrows || c >= g->t->ncols)
        return -1;
    return g->t->grid[r * g->t->ncols + c];
}

static const JxCell *cell(const Grid *g, int i)
{
    return g_ptr_array_index(g->t->cells, i);
}

/* Distinct cell indexes of row r, left to right. */
static GArray *row_cells(const Grid *g, int r)
{
    GArray *a = g_array_new(FALSE, FALSE, sizeof(int));
    int last = -1;
    for (int c = 0; c < g->t->ncols; c++) {
        int i = at(g, r, c);
        if (i >= 0 && i != last) {
            gboolean seen = FALSE;
            for (guint k = 0; k < a->len; k++)
                seen |= g_array_index(a, int, k) == i;
            if (!seen)
                g_array_append_val(a, i);
        }
        last = i;
    }
    return a;
}

/* The cell under a mapped column in row r: a merged cell that also covers a
 * mapped column further left belongs to that column, not to this one. */
static int cell_for(const Grid *g, int r, const int *cols, int n, int which)
{
    int col = cols[which];
    int i = at(g, r, col);
    if (i < 0)
        return -1;
    for (int k = 0; k < n; k++)
        if (k != which && cols[k] >= 0 && cols[k] < col && at(g, r, cols[k]) == i)
            return -1;
    return i;
}

static const char *text_for(const Grid *g, int r, const int *cols, int n, int which)
{
    if (cols[which] < 0)
        return NULL;
    int i = cell_for(g, r, cols, n, which);
    return i < 0 ? NULL : g->text[i];
}

/* The flags the extract stage set on the cells of row r (how they were read). */
static guint row_flags(const Grid *g, int r)
{
    guint f = 0;
    for (int c = 0; c < g->t->ncols; c++) {
        int i = at(g, r, c);
        if (i >= 0)
            f |= cell(g, i)->flags;
    }
    return f;
}

static char *nonempty(const char *s)
{
    return s && *s ? g_strdup(s) : NULL;
}

static gboolean number_of(const char *text, JxNum *out)
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

/* ---------- forms ---------- */

static void note_page(Reader *rd, int page)
{
    if (!rd->form || page <= 0)
        return;
    if (!rd->form->page_start || page < rd->form->page_start)
        rd->form->page_start = page;
    rd->form->page_end = MAX(rd->form->page_end, page);
}

static void reset_tables(Reader *rd)
{
    rd->in_fund = rd->in_ind = rd->want_goal = rd->in_source = FALSE;
    rd->nsource = 0;
    for (int i = 0; i < FC_N; i++)
        rd->fundcol[i] = -1;
    for (int i = 0; i < IC_N; i++)
        rd->indcol[i] = -1;
    rd->goalcol[0] = rd->goalcol[1] = -1;
    g_clear_pointer(&rd->fund_unit, g_free);
    g_clear_pointer(&rd->l1, g_free);
    g_clear_pointer(&rd->l2, g_free);
    rd->seq = 0;
}

static void close_form(Reader *rd)
{
    if (rd->form)
        g_ptr_array_add(rd->res->forms, rd->form);
    rd->last = rd->form;
    rd->form = NULL;
    reset_tables(rd);
}

static void set_field(JxForm *f, const char *name, const char *value);

static gboolean form_has_content(const JxForm *f)
{
    return f->project_name || f->goal_expected || f->funds->len || f->indicators->len;
}

static JxForm *open_form(Reader *rd)
{
    if (rd->form)
        return rd->form;
    rd->form = jx_form_new((int)rd->res->forms->len);
    rd->form->title = g_steal_pointer(&rd->title);
    rd->form->year = rd->year;
    rd->year = 0;
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, rd->pending);
    while (g_hash_table_iter_next(&it, &k, &v))
        set_field(rd->form, k, v);
    g_hash_table_remove_all(rd->pending);
    rd->last = NULL;
    return rd->form;
}

static void on_title(Reader *rd, const char *text)
{
    if (rd->form && form_has_content(rd->form))
        close_form(rd);
    rd->last = NULL; /* what follows belongs to the coming form */
    g_free(rd->title);
    rd->title = g_strdup(text);
    char *y = NULL;
    if (jx_ruleset_match(rd->rs, "year", text, &y) && y)
        rd->year = atoi(y);
    g_free(y);
}

/* ---------- header fields ---------- */

static char **field_slot(JxForm *f, const char *name)
{
    if (!strcmp(name, "project_name")) return &f->project_name;
    if (!strcmp(name, "project_code")) return &f->project_code;
    if (!strcmp(name, "competent_dept")) return &f->competent_dept;
    if (!strcmp(name, "implementing_unit")) return &f->implementing_unit;
    if (!strcmp(name, "project_lead")) return &f->project_lead;
    if (!strcmp(name, "project_attribute")) return &f->project_attribute;
    if (!strcmp(name, "goal_expected")) return &f->goal_expected;
    return NULL;
}

/* Sets a header field of a form unless it already has one. */
static void set_field(JxForm *f, const char *name, const char *value)
{
    if (!strcmp(name, "total_score")) {
        if (!f->total_score.set)
            number_of(value, &f->total_score);
        return;
    }
    char **slot = field_slot(f, name);
    if (!slot || *slot)
        return;
    /* codes wrap mid-number: they lose their spaces */
    *slot = !strcmp(name, "project_code") ? jx_text_compact(value) : jx_text_clean(value);
}

/* "1、常年性☑ 2、延续性□ …" -> "常年性": the options whose box is checked,
 * whether boxes follow their options or precede them. Text without boxes
 * is returned as it is. */
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

/* The value of a field as the form keeps it. */
static char *field_value(const Reader *rd, const char *name, const char *raw)
{
    return !strcmp(name, "project_attribute") ? checked_options(rd->rs, raw) : g_strdup(raw);
}

/* A field that starts a new form when the open one already has it: a
 * second project in one table, the next 年度目标. */
static gboolean starts_form(const JxForm *f, const char *name)
{
    return f && ((!strcmp(name, "project_name") && f->project_name) ||
                 (!strcmp(name, "goal_expected") && f->goal_expected));
}

static void read_fields(Reader *rd, const Grid *g, GArray *cells)
{
    for (guint k = 0; k < cells->len; k++) {
        int i = g_array_index(cells, int, k);
        if (!label_match(rd->rs, g, i, MEMO_FIELD))
            continue;
        char *cap = NULL;
        const char *name = jx_ruleset_match(rd->rs, "field", g->key[i], &cap);
        char *value = nonempty(cap ? g_strstrip(cap) : NULL);
        g_free(cap);
        /* else: the next cell to the right that is not itself a label */
        for (guint j = k + 1; !value && j < cells->len; j++) {
            int v = g_array_index(cells, int, j);
            if (label_match(rd->rs, g, v, MEMO_FIELD))
                break;
            value = nonempty(g->text[v]);
        }
        if (!value)
            continue;
        if (starts_form(rd->form, name))
            close_form(rd);
        JxForm *f = open_form(rd);
        if (!strcmp(name, "year")) {
            char *y = NULL;
            if (!f->year && jx_ruleset_match(rd->rs, "year", value, &y) && y)
                f->year = atoi(y);
            else if (!f->year && strlen(value) == 4 && g_ascii_isdigit(value[0]))
                f->year = atoi(value);
            g_free(y);
        } else {
            char *v = field_value(rd, name, value);
            if (v)
                set_field(f, name, v);
            g_free(v);
        }
        g_free(value);
    }
}

/* ---------- column headers ---------- */

/* The column of a header cell OCR could not read, from its neighbours:
 * the `gap` rule (indgap, fundgap) matching "LEFT,RIGHT", the column
 * names of the cells beside it ("" at the table's edge). *糙得|从恒
 * between 分值 and 偏差原因 is 得分. NULL when no rule says. */
static const char *gap_column(const Reader *rd, const Grid *g, GArray *cells, guint k,
                              int memo, const char *gap)
{
    int i = g_array_index(cells, int, k);
    if (!(cell(g, i)->flags & JX_FLAG_BIT(JX_FLAG_OCR)) || !*g->key[i] || label_match(rd->rs, g, i, memo))
        return NULL;
    const char *left = k > 0 ? label_match(rd->rs, g, g_array_index(cells, int, k - 1), memo)
                             : NULL;
    const char *right =
        k + 1 < cells->len ? label_match(rd->rs, g, g_array_index(cells, int, k + 1), memo)
                           : NULL;
    char *pair = g_strdup_printf("%s,%s", left ? left : "", right ? right : "");
    const char *name = jx_ruleset_match(rd->rs, gap, pair, NULL);
    g_free(pair);
    return name;
}

/* The columns of a header row: cols[c] is the column of names[c], or -1.
 * With 3 found or more the row is a header; then cells OCR could not read
 * are placed by the gap rules, and *inferred gets a bit (1 << c) for each. */
static int map_columns(const Reader *rd, const Grid *g, GArray *cells, int memo,
                       const char *gap, const char *const *names, int n, int *cols,
                       guint *inferred)
{
    int found = 0;
    int tmp[IC_N];
    for (int k = 0; k < n; k++)
        tmp[k] = -1;
    for (guint k = 0; k < cells->len; k++) {
        int i = g_array_index(cells, int, k);
        const char *name = label_match(rd->rs, g, i, memo);
        for (int c = 0; name && c < n; c++)
            if (!strcmp(name, names[c]) && tmp[c] < 0) {
                tmp[c] = cell(g, i)->col;
                found++;
            }
    }
    if (found < 3)
        return found;
    *inferred = 0;
    for (guint k = 0; k < cells->len; k++) {
        const char *name = gap_column(rd, g, cells, k, memo, gap);
        for (int c = 0; name && c < n; c++)
            if (!strcmp(name, names[c]) && tmp[c] < 0) {
                tmp[c] = cell(g, g_array_index(cells, int, k))->col;
                *inferred |= 1u << c;
            }
    }
    memcpy(cols, tmp, sizeof(int) * (gsize)n);
    return found;
}

/* The money unit anywhere in the table from row r on: a unit cell that
 * spans the fund lines may sit beside any of them. */
static void find_fund_unit_below(Reader *rd, const Grid *g, int r)
{
    for (guint i = 0; !rd->fund_unit && i < g->t->cells->len; i++) {
        char *u = NULL;
        if (cell(g, (int)i)->row + cell(g, (int)i)->rowspan > r &&
            jx_ruleset_match(rd->rs, "fundunit", label_key(g, (int)i), &u) && u)
            rd->fund_unit = g_steal_pointer(&u);
        g_free(u);
    }
}

static void find_fund_unit(Reader *rd, const Grid *g, GArray *cells)
{
    for (guint k = 0; !rd->fund_unit && k < cells->len; k++) {
        char *u = NULL;
        int i = g_array_index(cells, int, k);
        if (jx_ruleset_match(rd->rs, "fundunit", label_key(g, i), &u) && u)
            rd->fund_unit = g_steal_pointer(&u);
        g_free(u);
    }
}

/* ---------- fund lines ---------- */

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

/* HEADER_INFERRED when a value was taken from a column placed by a gap
 * rule (bit c of inferred for t[c]). */
static guint inferred_flag(guint inferred, const char *const *t, int n)
{
    for (int c = 0; c < n; c++)
        if (t[c] && (inferred & (1u << c)))
            return JX_FLAG_BIT(JX_FLAG_HEADER_INFERRED);
    return 0;
}

static gboolean read_fund_line(Reader *rd, const Grid *g, int r, GArray *cells)
{
    const char *line = NULL;
    int label = -1;
    for (guint k = 0; !line && k < cells->len; k++) {
        int i = g_array_index(cells, int, k);
        if (cell(g, i)->row != r)
            continue;
        const char *name = label_match(rd->rs, g, i, MEMO_FUNDLINE);
        for (gsize n = 0; name && n < G_N_ELEMENTS(FUNDLINES); n++)
            if (!strcmp(name, FUNDLINES[n])) {
                line = FUNDLINES[n];
                label = i;
            }
    }
    if (!line)
        return FALSE;
    JxFund *f = jx_fund_new(rd->form->index, line);
    f->unit_declared = g_strdup(rd->fund_unit);
    f->flags |= row_flags(g, r);
    f->page = cell(g, label)->page;
    const char *t[FC_N];
    for (int c = 0; c < FC_N; c++) {
        t[c] = text_for(g, r, rd->fundcol, FC_N, c);
        if (t[c] && at(g, r, rd->fundcol[c]) == label)
            t[c] = NULL;
    }
    f->flags |= inferred_flag(rd->fund_inferred, t, FC_N);
    fund_money(f, t[FC_BUDGET_INITIAL], &f->budget_initial);
    fund_money(f, t[FC_BUDGET_FULL_YEAR], &f->budget_full_year);
    fund_money(f, t[FC_EXECUTED], &f->executed);
    fund_plain(f, t[FC_WEIGHT], &f->weight, FALSE);
    fund_plain(f, t[FC_RATE], &f->rate, TRUE);
    fund_plain(f, t[FC_SCORE], &f->score, FALSE);
    g_ptr_array_add(rd->form->funds, f);
    note_page(rd, f->page);
    return TRUE;
}

/* 项目资金来源 printed across: a header row with one column per source
 * (中央 / 省、地 / 本级 / 其他 / 合计, each with its unit) and 执行数 / 执行率 of
 * the whole; the amounts are in the row below. */
static gboolean read_source_header(Reader *rd, const Grid *g, GArray *cells)
{
    int n = 0, fc[FC_N];
    for (int c = 0; c < FC_N; c++)
        fc[c] = -1;
    for (guint k = 0; k < cells->len && n < (int)G_N_ELEMENTS(rd->source); k++) {
        int i = g_array_index(cells, int, k);
        const char *line = label_match(rd->rs, g, i, MEMO_FUNDSOURCE);
        const char *col = line ? NULL : label_match(rd->rs, g, i, MEMO_FUNDCOL);
        if (line) {
            rd->source[n].col = cell(g, i)->col;
            rd->source[n++].line = g_intern_string(line);
        }
        for (int c = 0; col && c < FC_N; c++)
            if (!strcmp(col, FUNDCOL[c]) && fc[c] < 0)
                fc[c] = cell(g, i)->col;
    }
    if (n < 3)
        return FALSE;
    open_form(rd);
    rd->in_fund = rd->in_ind = rd->want_goal = FALSE;
    rd->in_source = TRUE;
    rd->nsource = n;
    memcpy(rd->fundcol, fc, sizeof fc);
    g_clear_pointer(&rd->fund_unit, g_free);
    find_fund_unit(rd, g, cells);
    if (!rd->fund_unit && rd->unit)
        rd->fund_unit = g_strdup(rd->unit);
    return TRUE;
}

/* The amounts under the source columns, one fund line each; 执行数 and
 * 执行率 belong to the 合计 line. */
static void read_source_funds(Reader *rd, const Grid *g, int r)
{
    for (int k = 0; k < rd->nsource; k++) {
        int i = at(g, r, rd->source[k].col);
        JxFund *f = jx_fund_new(rd->form->index, rd->source[k].line);
        f->unit_declared = g_strdup(rd->fund_unit);
        f->flags |= row_flags(g, r);
        f->page = i >= 0 ? cell(g, i)->page : 0;
        if (i >= 0 && cell(g, i)->row == r)
            fund_money(f, g->text[i], &f->budget_full_year);
        if (!strcmp(f->line, "total")) {
            fund_money(f, text_for(g, r, rd->fundcol, FC_N, FC_EXECUTED), &f->executed);
            fund_plain(f, text_for(g, r, rd->fundcol, FC_N, FC_RATE), &f->rate, TRUE);
        }
        g_ptr_array_add(rd->form->funds, f);
        note_page(rd, f->page);
    }
    rd->in_source = FALSE;
}

/* ---------- indicators ---------- */

/* Canonical level name of a printed level cell, and the weight it states. */
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

/* rd->l1 := the level-1 text of the table whose canonical name is the
 * parent (level2parent rule) of the current level-2 name. */
static void adopt_parent_level(Reader *rd, const Grid *g)
{
    JxNum w = {0};
    gboolean canon;
    char *l2 = canonical_level(rd->rs, "level2", rd->l2, &w, &canon);
    const char *parent = jx_ruleset_match(rd->rs, "level2parent", l2, NULL);
    g_free(l2);
    if (!parent || rd->indcol[IC_LEVEL1] < 0)
        return;
    const char *raw = NULL;
    for (int row = 0; row < g->t->nrows && !raw; row++) {
        int i = at(g, row, rd->indcol[IC_LEVEL1]);
        if (i < 0 || !*g->text[i])
            continue;
        char *c = canonical_level(rd->rs, "level1", g->text[i], &w, &canon);
        if (canon && !strcmp(c, parent))
            raw = g->text[i];
        g_free(c);
    }
    if (g_strcmp0(rd->l1, raw ? raw : parent) != 0)
        set_level(&rd->l1, raw ? raw : parent);
}

/* The text of a mapped indicator column in row r, unless it is the label. */
static const char *total_text(const Reader *rd, const Grid *g, int r, int which, int label)
{
    if (rd->indcol[which] < 0 || at(g, r, rd->indcol[which]) == label)
        return NULL;
    return text_for(g, r, rd->indcol, IC_N, which);
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
            value_col |= rd->indcol[VALUES[v]] >= 0 &&
                         at(g, cell(g, i)->row, rd->indcol[VALUES[v]]) == i;
        JxNum x = {0};
        if ((values_too || !value_col) && number_of(g->text[i], &x) && n-- == 0) {
            *out = x;
            return TRUE;
        }
    }
    return FALSE;
}

static void read_total(Reader *rd, const Grid *g, int r, GArray *cells, int label)
{
    JxForm *f = rd->form;
    f->flags |= row_flags(g, r);
    JxNum w = {0}, s = {0};
    const char *wt = total_text(rd, g, r, IC_WEIGHT, label);
    const char *st = total_text(rd, g, r, IC_SCORE, label);
    if (wt)
        number_of(wt, &w);
    if (st)
        number_of(st, &s);
    if (rd->indcol[IC_WEIGHT] < 0) {
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
        f->flags |= inferred_flag(rd->ind_inferred, t, IC_N);
    }
    note_page(rd, cell(g, label)->page);
}

static void read_indicator(Reader *rd, const Grid *g, int r)
{
    const char *t[IC_N];
    gboolean any_data = FALSE;
    for (int c = 0; c < IC_N; c++) {
        t[c] = text_for(g, r, rd->indcol, IC_N, c);
        if (t[c] && !*t[c])
            t[c] = NULL;
        if (t[c] && c >= IC_NAME)
            any_data = TRUE;
    }
    /* levels: a new level-1 text starts a new level-2 run */
    if (t[IC_LEVEL1] && g_strcmp0(t[IC_LEVEL1], rd->l1) != 0) {
        set_level(&rd->l1, t[IC_LEVEL1]);
        g_clear_pointer(&rd->l2, g_free);
    }
    if (t[IC_LEVEL2])
        set_level(&rd->l2, t[IC_LEVEL2]);
    if (!any_data || !(t[IC_NAME] || t[IC_TARGET] || t[IC_ACTUAL] || t[IC_WEIGHT] ||
                       t[IC_SCORE] || t[IC_REVIEW] || t[IC_DETAIL]))
        return; /* only notes or criteria: not an indicator */
    /* Without ruling lines a merged level cell shows its text mid-span
     * only; rows with none take the level the level-2 name belongs to. */
    gboolean inferred = row_flags(g, r) & JX_FLAG_BIT(JX_FLAG_COLUMN_INFERRED);
    if (inferred && !t[IC_LEVEL1] && rd->l2)
        adopt_parent_level(rd, g);

    JxIndicator *ind = jx_indicator_new(rd->form->index, rd->seq++);
    ind->flags |= row_flags(g, r) | inferred_flag(rd->ind_inferred, t, IC_N);
    gboolean canon;
    if (rd->l1) {
        ind->level1_raw = g_strdup(rd->l1);
        ind->level1 = canonical_level(rd->rs, "level1", rd->l1, &ind->level1_weight, &canon);
        if (!canon)
            ind->flags |= JX_FLAG_BIT(JX_FLAG_LEVEL_UNCANONICAL);
    }
    if (rd->l2) {
        ind->level2_raw = g_strdup(rd->l2);
        ind->level2 = canonical_level(rd->rs, "level2", rd->l2, &ind->level2_weight, &canon);
        if (!canon)
            ind->flags |= JX_FLAG_BIT(JX_FLAG_LEVEL_UNCANONICAL);
    }
    if (t[IC_NAME]) {
        char *n = jx_ruleset_strip(rd->rs, "namestrip", t[IC_NAME]);
        ind->name = nonempty(g_strstrip(n));
        g_free(n);
    }
    jx_value_parse(t[IC_TARGET], NULL, &ind->target);
    jx_value_parse(t[IC_ACTUAL], NULL, &ind->actual);
    if (t[IC_WEIGHT])
        number_of(t[IC_WEIGHT], &ind->weight);
    if (t[IC_SCORE])
        number_of(t[IC_SCORE], &ind->score);
    if (t[IC_REVIEW])
        number_of(t[IC_REVIEW], &ind->review_score);
    ind->deviation = nonempty(t[IC_DEVIATION]);
    ind->detail = nonempty(t[IC_DETAIL]);
    ind->criteria = nonempty(t[IC_CRITERIA]);
    int ni = rd->indcol[IC_NAME] >= 0 ? at(g, r, rd->indcol[IC_NAME]) : -1;
    ind->page = ni >= 0 ? cell(g, ni)->page : 0;
    g_ptr_array_add(rd->form->indicators, ind);
    note_page(rd, ind->page);
}

/* ---------- rows and blocks ---------- */

static void read_goal(Reader *rd, const Grid *g, int r)
{
    char **slots[2] = {&rd->form->goal_expected, &rd->form->goal_actual};
    gboolean took = FALSE;
    for (int k = 0; k < 2; k++) {
        int i = rd->goalcol[k] >= 0 ? cell_for(g, r, rd->goalcol, 2, k) : -1;
        if (i >= 0 && cell(g, i)->row == r && *g->text[i] && !*slots[k]) {
            *slots[k] = g_strdup(g->text[i]);
            took = TRUE;
        }
    }
    if (took)
        rd->want_goal = FALSE;
}

/* Is cell i the label of a total OCR could not read (合计 as "ait")? It
 * opens the last row of an indicator table, holds a few characters and
 * no ideograph, and the rest of the row is numbers only. The sum checks
 * then compare the totals with the indicators. */
static gboolean unread_total(const Reader *rd, const Grid *g, int r, GArray *cells, int i)
{
    const char *key = g->key[i];
    if (!rd->in_ind || !rd->form || r != g->t->nrows - 1 || !(cell(g, i)->flags & JX_FLAG_BIT(JX_FLAG_OCR)) ||
        !*key || g_utf8_strlen(key, -1) > 4 || g_array_index(cells, int, 0) != i)
        return FALSE;
    for (const char *p = key; *p; p = g_utf8_next_char(p))
        if (jx_text_is_cjk(g_utf8_get_char(p)))
            return FALSE;
    int numbers = 0;
    for (guint k = 1; k < cells->len; k++) {
        int j = g_array_index(cells, int, k);
        JxNum n = {0};
        if (*g->key[j] && !number_of(g->key[j], &n))
            return FALSE;
        numbers += n.set;
    }
    return numbers > 0;
}

static void read_row(Reader *rd, const Grid *g, int r)
{
    GArray *cells = row_cells(g, r);
    /* a title or a total printed inside the table */
    for (guint k = 0; k < cells->len; k++) {
        int i = g_array_index(cells, int, k);
        if (cell(g, i)->row != r)
            continue;
        if (label_match(rd->rs, g, i, MEMO_TITLE)) {
            on_title(rd, g->text[i]);
        } else if ((rd->in_ind && rd->form && label_match(rd->rs, g, i, MEMO_TOTAL)) ||
                   unread_total(rd, g, r, cells, i)) {
            read_total(rd, g, r, cells, i);
            close_form(rd);
            g_array_free(cells, TRUE);
            return;
        }
    }
    int fc[FC_N], ic[IC_N], gc[2] = {-1, -1};
    guint fi = 0, ii = 0;
    if (read_source_header(rd, g, cells)) {
        /* amounts follow in the next row */
    } else if (map_columns(rd, g, cells, MEMO_FUNDCOL, "fundgap", FUNDCOL, FC_N, fc,
                           &fi) >= 3) {
        open_form(rd);
        memcpy(rd->fundcol, fc, sizeof fc);
        rd->fund_inferred = fi;
        rd->in_fund = TRUE;
        rd->in_ind = FALSE;
        find_fund_unit(rd, g, cells);
        find_fund_unit_below(rd, g, r);
        if (!rd->fund_unit && rd->unit)
            rd->fund_unit = g_strdup(rd->unit);
    } else if (map_columns(rd, g, cells, MEMO_INDCOL, "indgap", INDCOL, IC_N, ic,
                           &ii) >= 3) {
        open_form(rd);
        gboolean repeated = rd->in_ind && !memcmp(rd->indcol, ic, sizeof ic);
        memcpy(rd->indcol, ic, sizeof ic);
        rd->ind_inferred = ii;
        rd->in_ind = TRUE;
        rd->in_fund = rd->want_goal = FALSE;
        if (!repeated) { /* a header repeated on a new page keeps the levels */
            g_clear_pointer(&rd->l1, g_free);
            g_clear_pointer(&rd->l2, g_free);
        }
    } else {
        static const char *const GOAL[] = {"expected", "actual"};
        for (guint k = 0; k < cells->len; k++) {
            int i = g_array_index(cells, int, k);
            const char *n = label_match(rd->rs, g, i, MEMO_GOALCOL);
            for (int j = 0; n && j < 2; j++)
                if (!strcmp(n, GOAL[j]) && gc[j] < 0)
                    gc[j] = cell(g, i)->col;
        }
        if (gc[0] >= 0 && gc[1] >= 0) {
            open_form(rd);
            memcpy(rd->goalcol, gc, sizeof gc);
            rd->want_goal = TRUE;
            rd->in_fund = rd->in_ind = FALSE;
        } else {
            read_fields(rd, g, cells);
            if (rd->form && rd->in_source) {
                read_source_funds(rd, g, r);
            } else if (rd->form && rd->in_fund) {
                find_fund_unit(rd, g, cells);
                read_fund_line(rd, g, r, cells);
            } else if (rd->form && rd->want_goal) {
                read_goal(rd, g, r);
            } else if (rd->form && rd->in_ind) {
                read_indicator(rd, g, r);
            }
        }
    }
    g_array_free(cells, TRUE);
}

/* One line of a paragraph: a title, a year, a money unit, or nothing. */
static gboolean read_line(Reader *rd, const char *raw, gboolean ocr)
{
    char *text = ocr ? jx_text_clean_ocr(raw) : jx_text_clean(raw);
    char *key = jx_text_compact(ocr ? text : raw);
    char *cap = NULL;
    const char *name;
    gboolean used = TRUE;
    if (jx_ruleset_match(rd->rs, "title", key, NULL)) {
        on_title(rd, text);
    } else if (g_utf8_strlen(key, -1) <= 24 &&
               jx_ruleset_match(rd->rs, "year", key, &cap) && cap) {
        if (rd->form && !rd->form->year && !form_has_content(rd->form))
            rd->form->year = atoi(cap);
        else
            rd->year = atoi(cap);
    } else if (g_utf8_strlen(key, -1) <= 24 &&
               jx_ruleset_match(rd->rs, "fundunit", key, &cap) && cap) {
        g_free(rd->unit);
        rd->unit = g_steal_pointer(&cap);
    } else if (g_utf8_strlen(key, -1) <= FIELD_MAX_CHARS &&
               (name = jx_ruleset_match(rd->rs, "field", key, &cap)) && cap && *cap) {
        /* a field printed as a line: for the open form, the one just
         * closed, or the one to come */
        char *v = field_value(rd, name, g_strstrip(cap));
        if (starts_form(rd->form ? rd->form : rd->last, name)) {
            if (rd->form)
                close_form(rd);
            rd->last = NULL;
        }
        if (v && rd->form)
            set_field(rd->form, name, v);
        else if (v && rd->last)
            set_field(rd->last, name, v);
        else if (v)
            g_hash_table_replace(rd->pending, g_strdup(name), g_strdup(v));
        g_free(v);
    } else {
        used = FALSE;
    }
    g_free(cap);
    g_free(text);
    g_free(key);
    return used;
}

/* A paragraph is read line by line (a PDF paragraph may hold the title,
 * the year and a note); a title wrapped over two lines is read whole. */
static void read_paragraph(Reader *rd, const JxBlock *blk)
{
    gboolean ocr = (blk->flags & JX_FLAG_BIT(JX_FLAG_OCR)) != 0;
    char **lines = g_strsplit(blk->text, "\n", -1);
    gboolean any = FALSE;
    for (int i = 0; lines[i]; i++)
        any |= read_line(rd, lines[i], ocr);
    if (!any && lines[0] && lines[1])
        read_line(rd, blk->text, ocr);
    g_strfreev(lines);
}

/* Kind and year of the document when no form says them. */
static void document_kind(JxResult *res, const JxDoc *doc, const JxRuleset *rs)
{
    const char *kind = NULL;
    if (res->forms->len) {
        JxForm *f = g_ptr_array_index(res->forms, 0);
        char *key = f->title ? jx_text_compact(f->title) : NULL;
        kind = key ? jx_ruleset_match(rs, "kind", key, NULL) : NULL;
        g_free(key);
        if (!kind)
            kind = "project_self_eval";
        for (guint i = 0; !res->year && i < res->forms->len; i++)
            res->year = ((JxForm *)g_ptr_array_index(res->forms, i))->year;
    }
    /* The kind from the opening paragraphs, the year from the opening text
     * (counted in characters, so a PDF that joins lines into fewer
     * paragraphs reads as far as its DOCX). */
    guint seen = 0;
    glong chars = 0;
    for (guint i = 0; i < doc->blocks->len && seen < 40; i++) {
        const JxBlock *b = g_ptr_array_index(doc->blocks, i);
        if (b->kind != JX_BLOCK_PARAGRAPH)
            continue;
        seen++;
        char *key = jx_text_compact(b->text);
        char *y = NULL;
        if (!kind)
            kind = jx_ruleset_match(rs, "kind", key, NULL);
        if (!res->year && chars < YEAR_WITHIN_CHARS &&
            jx_ruleset_match(rs, "year", key, &y) && y)
            res->year = atoi(y);
        chars += g_utf8_strlen(key, -1);
        g_free(y);
        g_free(key);
    }
    res->kind = kind ? g_intern_string(kind) : "unknown";
}

static gboolean page_in(const GArray *pages, int first, int last)
{
    for (guint i = 0; pages && i < pages->len; i++) {
        int p = g_array_index(pages, int, i);
        if (first <= 0 || (p >= first && p <= last))
            return TRUE;
    }
    return FALSE;
}

/* A document read by OCR says so, and so does every form on a page that
 * was read by OCR (its title, fields and totals came from there). */
static void flag_ocr(JxResult *res, const JxDoc *doc)
{
    if (!doc->ocr_pages)
        return;
    res->flags |= JX_FLAG_BIT(JX_FLAG_OCR);
    for (guint i = 0; i < res->forms->len; i++) {
        JxForm *f = g_ptr_array_index(res->forms, i);
        if (page_in(doc->pages_without_text, f->page_start, f->page_end) ||
            page_in(doc->pages_garbled, f->page_start, f->page_end))
            f->flags |= JX_FLAG_BIT(JX_FLAG_OCR);
    }
}

JxResult *jx_forms_read(const JxDoc *doc, const JxRuleset *rs)
{
    Reader rd = {.rs = rs, .res = jx_result_new(),
                 .pending = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free)};
    reset_tables(&rd);
    for (guint b = 0; b < doc->blocks->len; b++) {
        const JxBlock *blk = g_ptr_array_index(doc->blocks, b);
        if (blk->kind == JX_BLOCK_PARAGRAPH) {
            read_paragraph(&rd, blk);
            continue;
        }
        Grid g;
        grid_init(&g, blk->table, rd.rs);
        for (int r = 0; r < blk->table->nrows; r++)
            read_row(&rd, &g, r);
        grid_clear(&g);
    }
    if (rd.form && form_has_content(rd.form))
        close_form(&rd);
    g_clear_pointer(&rd.form, jx_form_free); /* a form that never got content */
    reset_tables(&rd);
    g_hash_table_destroy(rd.pending);
    g_free(rd.title);
    g_free(rd.unit);
    document_kind(rd.res, doc, rs);
    flag_ocr(rd.res, doc);
    return rd.res;
}
