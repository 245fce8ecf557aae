#include "normalize/prose.h"

#include <string.h>

#include "normalize/text.h"

/* A running header or footer opens or closes at least this many pages. */
#define CHROME_PAGES 3
/* ... and is no longer than this (characters). */
#define CHROME_CHARS 40
/* A line at least this share of the widest line is full: the text wraps
 * (widths are estimated: digits are narrower than ideographs). */
#define FULL_LINE 0.7

typedef struct {
    char *text; /* cleaned */
    int page;
    guint block;
    unsigned flags;
} Line;

static void line_clear(gpointer p)
{
    g_free(((Line *)p)->text);
}

/* Printed width: an ideograph or full-width sign counts two, else one. */
static glong width(const char *s)
{
    glong w = 0;
    for (const char *p = s; *p; p = g_utf8_next_char(p))
        w += jx_text_is_cjk(g_utf8_get_char(p)) ? 2 : 1;
    return w;
}

static gboolean ends_sentence(const char *s)
{
    static const char *const ENDS[] = {"。", "！", "？", "!", "?", "；", ";", "：", ":"};
    for (gsize i = 0; i < G_N_ELEMENTS(ENDS); i++)
        if (g_str_has_suffix(s, ENDS[i]))
            return TRUE;
    return FALSE;
}

/* Every non-empty line of the paragraph blocks, cleaned, with the lines a
 * `prosedrop` rule matches left out. */
static GArray *read_lines(const JxDoc *doc, const JxRuleset *rs)
{
    GArray *lines = g_array_new(FALSE, FALSE, sizeof(Line));
    g_array_set_clear_func(lines, line_clear);
    for (guint b = 0; b < doc->blocks->len; b++) {
        const JxBlock *blk = g_ptr_array_index(doc->blocks, b);
        if (blk->kind != JX_BLOCK_PARAGRAPH || !blk->text)
            continue;
        char **parts = g_strsplit(blk->text, "\n", -1);
        for (int i = 0; parts[i]; i++) {
            char *text = jx_text_clean(parts[i]);
            char *key = jx_text_compact(text);
            if (*text && !jx_ruleset_match(rs, "prosedrop", key, NULL)) {
                Line l = {g_steal_pointer(&text), blk->page, b, blk->flags};
                g_array_append_val(lines, l);
            }
            g_free(key);
            g_free(text);
        }
        g_strfreev(parts);
    }
    return lines;
}

/* Marks (in drop) the lines that open or close CHROME_PAGES pages or more
 * with the same short text: running headers and footers. */
static void mark_chrome(const GArray *lines, gboolean *drop)
{
    GHashTable *pages = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
                                              (GDestroyNotify)g_hash_table_unref);
    for (guint i = 0; i < lines->len; i++) {
        const Line *l = &g_array_index(lines, Line, i);
        gboolean first = i == 0 || g_array_index(lines, Line, i - 1).page != l->page;
        gboolean last = i + 1 == lines->len || g_array_index(lines, Line, i + 1).page != l->page;
        if (l->page <= 0 || !(first || last) || g_utf8_strlen(l->text, -1) > CHROME_CHARS)
            continue;
        GHashTable *on = g_hash_table_lookup(pages, l->text);
        if (!on) {
            on = g_hash_table_new(NULL, NULL);
            g_hash_table_insert(pages, l->text, on);
        }
        g_hash_table_add(on, GINT_TO_POINTER(l->page));
    }
    for (guint i = 0; i < lines->len; i++) {
        const Line *l = &g_array_index(lines, Line, i);
        GHashTable *on = g_hash_table_lookup(pages, l->text);
        drop[i] = on && g_hash_table_size(on) >= CHROME_PAGES &&
                  g_hash_table_contains(on, GINT_TO_POINTER(l->page));
    }
    g_hash_table_destroy(pages);
}

static void flush(GPtrArray *out, GString *text, int page, unsigned flags)
{
    if (text->len) {
        JxProse *p = g_new0(JxProse, 1);
        p->text = g_strdup(text->str);
        p->page = page;
        p->flags = flags;
        g_ptr_array_add(out, p);
    }
    g_string_truncate(text, 0);
}

static void prose_free(gpointer p)
{
    g_free(((JxProse *)p)->text);
    g_free(p);
}

GPtrArray *jx_prose_read(const JxDoc *doc, const JxRuleset *rs)
{
    GPtrArray *out = g_ptr_array_new_with_free_func(prose_free);
    GArray *lines = read_lines(doc, rs);
    gboolean *drop = g_new0(gboolean, lines->len + 1);
    mark_chrome(lines, drop);
    glong widest = 0;
    for (guint i = 0; i < lines->len; i++)
        if (!drop[i])
            widest = MAX(widest, width(g_array_index(lines, Line, i).text));
    GString *text = g_string_new(NULL);
    int page = 0;
    unsigned flags = 0;
    const Line *prev = NULL;
    gboolean prev_head = FALSE;
    for (guint i = 0; i < lines->len; i++) {
        if (drop[i])
            continue;
        const Line *l = &g_array_index(lines, Line, i);
        char *key = jx_text_compact(l->text);
        gboolean head = jx_ruleset_match(rs, "prosehead", key, NULL) != NULL;
        g_free(key);
        /* A line goes on the line before it when that one ends no
         * sentence and opens no list item, in the same block (a short
         * numbered line there is a heading unless it is full: wrapped), or
         * on the next page when it is full: cut by the page's edge. A
         * format without pages breaks lines where its writer did, and a
         * new block there is a new paragraph. */
        gboolean joined = FALSE;
        if (prev && !head && !ends_sentence(prev->text)) {
            gboolean full = width(prev->text) >= FULL_LINE * widest;
            if (l->block == prev->block)
                joined = doc->pages <= 0 || !prev_head || full;
            else if (doc->pages > 0 && l->page > prev->page)
                joined = full;
        }
        if (!joined) {
            flush(out, text, page, flags);
            page = l->page;
            flags = 0;
        }
        g_string_append(text, l->text);
        flags |= l->flags;
        prev = l;
        prev_head = head;
    }
    flush(out, text, page, flags);
    g_string_free(text, TRUE);
    g_free(drop);
    g_array_free(lines, TRUE);
    return out;
}

GPtrArray *jx_prose_sentences(const char *text)
{
    GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
    const char *start = text;
    for (const char *p = text; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (c != 0x3002 && c != 0xFF01 && c != 0xFF1F && c != '!' && c != '?')
            continue;
        const char *end = g_utf8_next_char(p);
        /* a closing quote or bracket after the mark belongs to the sentence */
        while (*end && (g_utf8_get_char(end) == 0x201D || g_utf8_get_char(end) == 0xFF09 ||
                        g_utf8_get_char(end) == ')'))
            end = g_utf8_next_char(end);
        char *s = g_strstrip(g_strndup(start, (gsize)(end - start)));
        if (*s)
            g_ptr_array_add(out, s);
        else
            g_free(s);
        start = end;
        p = end - 1; /* the loop steps over one byte at least: end is a char start */
        if (!*end)
            break;
    }
    char *rest = g_strstrip(g_strdup(start));
    if (*rest)
        g_ptr_array_add(out, rest);
    else
        g_free(rest);
    return out;
}
