/* The walk of the form reader over a document's blocks: titles, opening and
 * closing forms, what each table row is (rules/form_reader.h says which
 * module reads which part), paragraphs line by line, the document's kind. */
#include "rules/form.h"

#include <stdlib.h>
#include <string.h>

#include "normalize/grid.h"
#include "normalize/text.h"
#include "rules/form_reader.h"

/* The document's year is looked for in its opening text only. */
#define YEAR_WITHIN_CHARS 600

void fr_note_page(Reader *rd, int page)
{
    if (!rd->form || page <= 0)
        return;
    if (!rd->form->page_start || page < rd->form->page_start)
        rd->form->page_start = page;
    rd->form->page_end = MAX(rd->form->page_end, page);
}

static void reset_tables(Reader *rd)
{
    rd->mode = MODE_NONE;
    fr_funds_reset(&rd->fund);
    fr_indicators_reset(&rd->ind);
}

void fr_close_form(Reader *rd)
{
    if (rd->form)
        g_ptr_array_add(rd->res->forms, rd->form);
    rd->last = rd->form;
    rd->form = NULL;
    reset_tables(rd);
}

static gboolean form_has_content(const JxForm *f)
{
    return f->project_name || f->goal_expected || f->funds->len || f->indicators->len;
}

JxForm *fr_open_form(Reader *rd)
{
    if (rd->form)
        return rd->form;
    rd->form = jx_form_new((int)rd->res->forms->len);
    rd->form->title = g_steal_pointer(&rd->title);
    rd->form->flags |= rd->pending_doubt;
    rd->pending_doubt = 0;
    rd->form->year = rd->year;
    rd->year = 0;
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, rd->pending);
    while (g_hash_table_iter_next(&it, &k, &v))
        fr_set_field(rd->rs, rd->form, k, v);
    g_hash_table_remove_all(rd->pending);
    rd->last = NULL;
    return rd->form;
}

static void on_title(Reader *rd, const char *text)
{
    if (rd->form && form_has_content(rd->form))
        fr_close_form(rd);
    rd->last = NULL; /* what follows belongs to the coming form */
    g_free(rd->title);
    rd->title = g_strdup(text);
    rd->pending_doubt |= rd->doubt;
    char *y = NULL;
    if (jx_ruleset_match(rd->rs, "year", text, &y) && y)
        rd->year = atoi(y);
    g_free(y);
}

/* A title or a total printed inside the table; TRUE when a total closed the
 * form (the row is read). */
static gboolean read_title_or_total(Reader *rd, const Grid *g, int r, GArray *cells)
{
    for (guint k = 0; k < cells->len; k++) {
        int i = g_array_index(cells, int, k);
        if (fr_cell(g, i)->row != r)
            continue;
        if (fr_label_match(rd->rs, g, i, MEMO_TITLE)) {
            rd->doubt = fr_cell(g, i)->flags & JX_DOUBT_READ;
            on_title(rd, g->text[i]);
            rd->doubt = 0;
        } else if (rd->mode == MODE_INDICATORS && rd->form &&
                   fr_label_match(rd->rs, g, i, MEMO_TOTAL)) {
            fr_read_total(rd, g, r, cells, i);
            fr_close_form(rd);
            return TRUE;
        }
    }
    return FALSE;
}

/* A row is a header (of sources, funds, indicators, goals), or fields and
 * the values of the block under the last header. */
static void read_row(Reader *rd, const Grid *g, int r)
{
    GArray *cells = jx_grid_row_cells(g->t, r);
    if (read_title_or_total(rd, g, r, cells) || fr_read_source_header(rd, g, cells) ||
        fr_read_fund_header(rd, g, r, cells) || fr_read_indicator_header(rd, g, cells) ||
        fr_read_goal_header(rd, g, cells)) {
        g_array_free(cells, TRUE);
        return;
    }
    fr_read_fields(rd, g, cells);
    if (rd->form && rd->fund.nsource) {
        fr_read_source_funds(rd, g, r);
    } else if (rd->form) {
        switch (rd->mode) {
        case MODE_FUNDS:
            fr_read_fund_row(rd, g, r, cells);
            break;
        case MODE_GOALS:
            fr_read_goal(rd, g, r);
            break;
        case MODE_INDICATORS:
            fr_read_indicator(rd, g, r);
            break;
        case MODE_NONE:
            break;
        }
    }
    g_array_free(cells, TRUE);
}

/* One line of a paragraph: a title, a year, a money unit, a field, or
 * nothing (FALSE). */
static gboolean read_line(Reader *rd, const char *raw)
{
    char *text = jx_text_clean(raw);
    char *key = jx_text_compact(raw);
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
               (name = fr_match_field(rd->rs, text, key, &cap)) && cap && *cap) {
        fr_read_field_line(rd, name, cap);
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
    char **lines = g_strsplit(blk->text, "\n", -1);
    gboolean any = FALSE;
    rd->doubt = blk->flags & JX_DOUBT_READ;
    for (int i = 0; lines[i]; i++)
        any |= read_line(rd, lines[i]);
    if (!any && lines[0] && lines[1])
        read_line(rd, blk->text);
    rd->doubt = 0;
    g_strfreev(lines);
}

/* Whether kind is one of a report in prose (its figures are facts). */
static gboolean is_prose_kind(const char *kind)
{
    return kind && (!strcmp(kind, "eval_report") || !strcmp(kind, "final_accounts"));
}

/* A form of a report in prose needs a title or indicators: a funds table
 * quoted in the text of a 自评报告 is no 自评表. Drops the others and
 * numbers the rest again. */
static void drop_quoted_tables(JxResult *res)
{
    for (guint i = res->forms->len; i > 0; i--) {
        const JxForm *f = g_ptr_array_index(res->forms, i - 1);
        if (!f->title && !f->indicators->len)
            g_ptr_array_remove_index(res->forms, i - 1);
    }
    for (guint i = 0; i < res->forms->len; i++) {
        JxForm *f = g_ptr_array_index(res->forms, i);
        f->index = (int)i;
        for (guint k = 0; k < f->funds->len; k++)
            ((JxFund *)g_ptr_array_index(f->funds, k))->form = (int)i;
        for (guint k = 0; k < f->indicators->len; k++)
            ((JxIndicator *)g_ptr_array_index(f->indicators, k))->form = (int)i;
    }
}

/* Kind and year of the document: a report in prose by its opening text
 * (a 自评表 attached to it stays a form), else by its first form's title,
 * else by the opening text. */
static void document_kind(JxResult *res, const JxDoc *doc, const JxRuleset *rs)
{
    const char *kind = NULL, *opening = NULL;
    /* The kind from the opening paragraphs, the year from the opening text
     * (counted in characters, so a PDF that joins lines into fewer
     * paragraphs reads as far as its DOCX). */
    guint seen = 0;
    glong chars = 0;
    int year = 0;
    int stated = 0; /* a bodyyear anywhere: "2021年整体绩效年度目标"; -1 when two differ */
    for (guint i = 0; i < doc->blocks->len; i++) {
        const JxBlock *b = g_ptr_array_index(doc->blocks, i);
        if (b->kind != JX_BLOCK_PARAGRAPH || (seen >= 40 && stated < 0))
            continue;
        char *key = jx_text_compact(b->text);
        char *y = NULL;
        if (seen < 40) {
            if (!opening)
                opening = jx_ruleset_match(rs, "kind", key, NULL);
            if (!year && chars < YEAR_WITHIN_CHARS && jx_ruleset_match(rs, "year", key, &y) && y)
                year = atoi(y);
            chars += g_utf8_strlen(key, -1);
            seen++;
            g_clear_pointer(&y, g_free);
        }
        if (stated >= 0 && jx_ruleset_match(rs, "bodyyear", key, &y) && y)
            stated = !stated || stated == atoi(y) ? atoi(y) : -1; /* two years: neither */
        g_free(y);
        g_free(key);
    }
    if (is_prose_kind(opening)) {
        kind = opening;
        drop_quoted_tables(res);
        res->year = year;
    }
    if (!kind && res->forms->len) {
        JxForm *f = g_ptr_array_index(res->forms, 0);
        char *key = f->title ? jx_text_compact(f->title) : NULL;
        kind = key ? jx_ruleset_match(rs, "kind", key, NULL) : NULL;
        g_free(key);
        if (!kind)
            kind = "project_self_eval";
    }
    for (guint i = 0; !res->year && i < res->forms->len; i++)
        res->year = ((JxForm *)g_ptr_array_index(res->forms, i))->year;
    if (!kind)
        kind = opening;
    if (!res->year)
        res->year = year ? year : MAX(stated, 0);
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

/* The reader's doubt about the whole document (JxDoc.flags) goes to every
 * record read from it. */
static void flag_document(JxResult *res, const JxDoc *doc)
{
    if (!doc->flags)
        return;
    res->flags |= doc->flags;
    for (guint i = 0; i < res->forms->len; i++) {
        JxForm *f = g_ptr_array_index(res->forms, i);
        f->flags |= doc->flags;
        for (guint k = 0; k < f->funds->len; k++)
            ((JxFund *)g_ptr_array_index(f->funds, k))->flags |= doc->flags;
        for (guint k = 0; k < f->indicators->len; k++)
            ((JxIndicator *)g_ptr_array_index(f->indicators, k))->flags |= doc->flags;
    }
}

/* A table whose layout was inferred (no ruling lines): its rows and
 * columns may be wrong, so the document's counts and the fields of every
 * form on its pages (or of no known page), read from its cells or from the
 * text around it, carry the doubt of its cells (COLUMN_INFERRED,
 * ROWS_INFERRED). */
static void flag_inferred(JxResult *res, const JxDoc *doc)
{
    const unsigned layout = JX_FLAG_BIT(JX_FLAG_COLUMN_INFERRED) | JX_FLAG_BIT(JX_FLAG_ROWS_INFERRED);
    for (guint b = 0; b < doc->blocks->len; b++) {
        const JxBlock *blk = g_ptr_array_index(doc->blocks, b);
        if (blk->kind != JX_BLOCK_TABLE)
            continue;
        unsigned fl = 0;
        for (guint c = 0; c < blk->table->cells->len; c++)
            fl |= ((const JxCell *)g_ptr_array_index(blk->table->cells, c))->flags & layout;
        if (!fl)
            continue;
        res->flags |= fl;
        for (guint i = 0; i < res->forms->len; i++) {
            JxForm *f = g_ptr_array_index(res->forms, i);
            /* a form read from paragraphs alone has no page: it may be any */
            if (!f->page_start ||
                (f->page_start <= blk->table->page_end && blk->table->page_start <= f->page_end))
                f->flags |= fl;
        }
    }
}

JxResult *jx_forms_read(const JxDoc *doc, const JxRuleset *rs)
{
    g_return_val_if_fail(doc != NULL && rs != NULL, NULL);
    Reader rd = {.rs = rs, .units = jx_units_new(rs, NULL), .res = jx_result_new(),
                 .pending = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free)};
    reset_tables(&rd);
    guint limit_hits = jx_ruleset_limit_hits();
    for (guint b = 0; b < doc->blocks->len; b++) {
        const JxBlock *blk = g_ptr_array_index(doc->blocks, b);
        if (blk->kind == JX_BLOCK_PARAGRAPH) {
            read_paragraph(&rd, blk);
            continue;
        }
        Grid g;
        fr_grid_init(&g, blk->table, (int)b);
        for (int r = 0; r < blk->table->nrows; r++)
            read_row(&rd, &g, r);
        fr_grid_clear(&g);
    }
    if (rd.form && form_has_content(rd.form))
        fr_close_form(&rd);
    g_clear_pointer(&rd.form, jx_form_free); /* a form that never got content */
    reset_tables(&rd);
    g_hash_table_destroy(rd.pending);
    g_free(rd.title);
    g_free(rd.unit);
    jx_units_free(rd.units);
    document_kind(rd.res, doc, rs);
    flag_ocr(rd.res, doc);
    flag_document(rd.res, doc);
    flag_inferred(rd.res, doc);
    if (jx_ruleset_limit_hits() != limit_hits) /* a rule gave up on some text */
        rd.res->flags |= JX_FLAG_BIT(JX_FLAG_RULE_LIMIT);
    return rd.res;
}
