#include "extract/html/html.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "common/error.h"

#define MAX_COLSPAN 1000
#define MAX_ROWSPAN 65534
/* A block's text is looked at as chrome up to this many characters. */
#define CHROME_MAX_CHARS 400
/* The head of a page searched for its declared encoding. */
#define CHARSET_HEAD 8192

/* ---------- encoding ---------- */

/* The iconv name jixiao reads a declared charset as, or NULL when iconv
 * does not know it. GB2312 and GBK are subsets of GB18030; a page in
 * ASCII bytes cannot be UTF-16, whatever it says (as in browsers). */
static const char *charset_name(const char *declared)
{
    static const char *const GB[] = {"gb2312", "gbk", "x-gbk", "cp936", "ms936", "windows-936",
                                     "gb_2312-80", "x-gb2312", "euc-cn", "csgb2312",
                                     "gb18030", "chinese", "iso-ir-58"};
    static const char *const UTF8[] = {"utf-8", "utf8", "unicode-1-1-utf-8", "utf-16",
                                       "utf-16le", "utf-16be", "unicode"};
    for (gsize i = 0; i < G_N_ELEMENTS(GB); i++)
        if (g_ascii_strcasecmp(declared, GB[i]) == 0)
            return "GB18030";
    for (gsize i = 0; i < G_N_ELEMENTS(UTF8); i++)
        if (g_ascii_strcasecmp(declared, UTF8[i]) == 0)
            return "UTF-8";
    GIConv cd = g_iconv_open("UTF-8", declared);
    if (cd == (GIConv)-1)
        return NULL;
    g_iconv_close(cd);
    return g_intern_string(declared);
}

/* The charset value after `key` (charset or encoding) at p: key, blanks,
 * '=', blanks, an optional quote, then the name. New string or NULL. */
static char *value_after(const char *p, const char *end, gsize keylen)
{
    p += keylen;
    while (p < end && g_ascii_isspace(*p))
        p++;
    if (p >= end || *p != '=')
        return NULL;
    p++;
    while (p < end && (g_ascii_isspace(*p) || *p == '"' || *p == '\''))
        p++;
    const char *s = p;
    while (p < end && (g_ascii_isalnum(*p) || strchr("-_.:", *p)))
        p++;
    return p > s ? g_strndup(s, (gsize)(p - s)) : NULL;
}

/* The charset the page declares in its first CHARSET_HEAD bytes: an
 * <?xml encoding=?> it opens with, or the first <meta> with a charset
 * (<meta charset=X>, <meta http-equiv content="text/html; charset=X">).
 * New string, or NULL. */
static char *declared_charset(const guint8 *data, gsize len)
{
    gsize head = MIN(len, (gsize)CHARSET_HEAD);
    char *low = g_ascii_strdown((const char *)data, (gssize)head);
    const char *end = low + strlen(low); /* a NUL byte ends the search */
    char *found = NULL;
    const char *x = strstr(low, "<?xml");
    if (x && x < low + 16) {
        const char *close = strstr(x, "?>");
        const char *enc = strstr(x, "encoding");
        if (close && enc && enc < close)
            found = value_after(enc, close, strlen("encoding"));
    }
    for (const char *m = low; !found && (m = strstr(m, "<meta")) != NULL; m += 5) {
        const char *close = strchr(m, '>');
        const char *stop = close ? close : end;
        for (const char *c = m; !found && (c = strstr(c, "charset")) != NULL && c < stop; c += 7)
            found = value_after(c, stop, strlen("charset"));
    }
    g_free(low);
    return found;
}

/* data in charset (an iconv name) as UTF-8, every byte that does not decode
 * replaced by U+FFFD and counted in *bad. New string (its length in *out_len),
 * or NULL when iconv cannot convert from charset. */
static char *decode(const guint8 *data, gsize len, const char *charset, gsize *out_len,
                    gsize *bad)
{
    *bad = 0;
    GIConv cd = g_iconv_open("UTF-8", charset);
    if (cd == (GIConv)-1)
        return NULL;
    gsize cap = 3 * len + 16; /* 2 bytes give 3 at most; a bad byte gives 3 */
    char *out = g_malloc(cap), *op = out;
    gchar *ip = (gchar *)data;
    gsize inleft = len, outleft = cap - 1;
    while (inleft > 0) {
        if (g_iconv(cd, &ip, &inleft, &op, &outleft) != (gsize)-1)
            break;
        if (errno == E2BIG || outleft < 3)
            break; /* cannot happen: cap holds the worst case */
        memcpy(op, "\xEF\xBF\xBD", 3); /* EILSEQ, or EINVAL at a cut end */
        op += 3;
        outleft -= 3;
        ip++;
        inleft--;
        (*bad)++;
        g_iconv(cd, NULL, NULL, NULL, NULL);
    }
    g_iconv_close(cd);
    *op = '\0';
    *out_len = (gsize)(op - out);
    return out;
}

static gboolean has_non_ascii(const guint8 *data, gsize len)
{
    for (gsize i = 0; i < len; i++)
        if (data[i] & 0x80)
            return TRUE;
    return FALSE;
}

/* The page as UTF-8 (new string, its length in *out_len), by its BOM, its
 * declared charset or UTF-8; what was guessed or replaced goes to notes. */
static char *page_utf8(const guint8 *data, gsize len, GPtrArray *notes, gsize *out_len)
{
    const char *cs = NULL;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3, len -= 3, cs = "UTF-8";
    } else if (len >= 2 && memcmp(data, "\xFF\xFE", 2) == 0) {
        data += 2, len -= 2, cs = "UTF-16LE";
    } else if (len >= 2 && memcmp(data, "\xFE\xFF", 2) == 0) {
        data += 2, len -= 2, cs = "UTF-16BE";
    } else {
        char *declared = declared_charset(data, len);
        if (declared && !(cs = charset_name(declared)))
            g_ptr_array_add(notes, g_strdup_printf("the page declares the unknown charset "
                                                   "'%s': it is read as UTF-8",
                                                   declared));
        g_free(declared);
    }
    gboolean utf8 = g_utf8_validate((const char *)data, (gssize)len, NULL);
    if (cs && strcmp(cs, "GB18030") == 0 && utf8 && has_non_ascii(data, len)) {
        g_ptr_array_add(notes, g_strdup("a page declared GB2312/GBK/GB18030 is UTF-8 "
                                        "(its bytes are valid UTF-8): it is read as UTF-8"));
        cs = "UTF-8";
    }
    if (!cs)
        cs = "UTF-8";
    gsize bad = 0;
    char *out = NULL;
    if (strcmp(cs, "UTF-8") == 0) {
        if (utf8) {
            *out_len = len;
            return g_strndup((const char *)data, len);
        }
        out = decode(data, len, "GB18030", out_len, &bad);
        if (out && bad == 0) {
            g_ptr_array_add(notes, g_strdup("a page declared (or taken as) UTF-8 is not "
                                            "UTF-8; it decodes as GB18030 and is read so"));
            return out;
        }
        g_free(out);
        out = g_utf8_make_valid((const char *)data, (gssize)len);
        *out_len = strlen(out); /* a NUL byte ends the page */
        g_ptr_array_add(notes, g_strdup("a page declared (or taken as) UTF-8 has bytes that "
                                        "are not UTF-8 (nor GB18030): they are read as "
                                        "U+FFFD and their text is flagged TEXT_GARBLED"));
        return out;
    }
    out = decode(data, len, cs, out_len, &bad);
    if (bad)
        g_ptr_array_add(notes, g_strdup_printf("a page in %s has bytes that do not decode: "
                                               "they are read as U+FFFD and their text is "
                                               "flagged TEXT_GARBLED",
                                               cs));
    return out;
}

/* Whether a page that opens <html> lacks its </html> near the end: it may
 * have been cut short (a page lacking both is only sloppy). */
static gboolean cut_short(const char *page, gsize len)
{
    gsize head = MIN(len, (gsize)4096), tail = MIN(len, (gsize)4096);
    char *start = g_ascii_strdown(page, (gssize)head);
    char *end = g_ascii_strdown(page + len - tail, (gssize)tail);
    gboolean cut = strstr(start, "<html") && !strstr(end, "</html");
    g_free(start);
    g_free(end);
    return cut;
}

/* ---------- text ---------- */

/* Text collected as a browser lays it out: runs of blanks are one space,
 * none at the start or end of a line, none where the run holds a line break
 * between two wide (CJK) characters (CSS Text 3, segment breaks); a block
 * boundary is one line break. */
typedef struct {
    GString *s;
    gboolean space; /* a collapsed blank is pending */
    gboolean seg;   /* ... and it holds a line break of the source */
    gboolean brk;   /* a block boundary is pending */
} Text;

static void text_init(Text *t)
{
    t->s = g_string_new(NULL);
    t->space = t->seg = t->brk = FALSE;
}

/* The last character of t, or 0. */
static gunichar last_char(const Text *t)
{
    if (!t->s->len)
        return 0;
    const char *p = g_utf8_find_prev_char(t->s->str, t->s->str + t->s->len);
    return p ? g_utf8_get_char(p) : 0;
}

static gboolean ends_line(const Text *t)
{
    return t->s->len == 0 || t->s->str[t->s->len - 1] == '\n';
}

static void text_add(Text *t, const char *str, gboolean pre)
{
    for (const char *p = str; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (!pre && (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f')) {
            t->space = TRUE;
            t->seg |= c == '\n' || c == '\r';
            continue;
        }
        if (t->brk && !ends_line(t))
            g_string_append_c(t->s, '\n');
        else if (t->space && !t->brk && !ends_line(t) &&
                 !(t->seg && g_unichar_iswide(c) && g_unichar_iswide(last_char(t))))
            g_string_append_c(t->s, ' ');
        t->brk = t->space = t->seg = FALSE;
        if (c == 0xA0)
            g_string_append_c(t->s, ' ');
        else if (pre && c == '\r')
            continue;
        else
            g_string_append_unichar(t->s, c);
    }
}

/* A <br>: a line break, after the block boundary pending before it (so
 * <p><br></p> is an empty line, as in a browser). */
static void text_br(Text *t)
{
    if (t->brk && !ends_line(t))
        g_string_append_c(t->s, '\n');
    g_string_append_c(t->s, '\n');
    t->brk = t->space = t->seg = FALSE;
}

static void text_break(Text *t)
{
    t->brk = TRUE;
}

/* The text collected, blanks and breaks at both ends cut (new string);
 * t is emptied. */
static char *text_take(Text *t)
{
    char *s = g_strdup(t->s->str);
    g_string_truncate(t->s, 0);
    t->space = t->seg = t->brk = FALSE;
    return g_strstrip(s);
}

/* ---------- elements ---------- */

static gboolean is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && g_ascii_strcasecmp((const char *)n->name, name) == 0;
}

static gboolean in_list(const xmlNode *n, const char *const *names, gsize count)
{
    if (n->type != XML_ELEMENT_NODE)
        return FALSE;
    for (gsize i = 0; i < count; i++)
        if (g_ascii_strcasecmp((const char *)n->name, names[i]) == 0)
            return TRUE;
    return FALSE;
}

/* Elements that break lines before and after them. */
static gboolean is_block(const xmlNode *n)
{
    static const char *const BLOCK[] = {
        "address", "article", "aside", "blockquote", "body", "center", "dd", "details",
        "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "form",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "html", "legend", "li", "main", "menu",
        "ol", "p", "pre", "section", "summary", "tr", "ul", "caption", "table", "tbody",
        "thead", "tfoot", "td", "th", "option", "listing", "xmp", "plaintext"};
    return in_list(n, BLOCK, G_N_ELEMENTS(BLOCK));
}

/* Elements never read: code, styles, controls, media, site navigation. */
static gboolean is_skipped(const xmlNode *n)
{
    static const char *const SKIP[] = {
        "head", "script", "style", "noscript", "template", "nav", "header", "footer",
        "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "canvas",
        "audio", "video", "select", "button", "input", "textarea", "map", "colgroup", "col"};
    return in_list(n, SKIP, G_N_ELEMENTS(SKIP));
}

/* The hidden attribute, or a style with display:none or visibility:hidden. */
static gboolean is_hidden(const xmlNode *n)
{
    if (xmlHasProp(n, (const xmlChar *)"hidden"))
        return TRUE;
    xmlChar *style = xmlGetProp(n, (const xmlChar *)"style");
    if (!style)
        return FALSE;
    GString *s = g_string_new(NULL);
    for (const xmlChar *p = style; *p; p++)
        if (!g_ascii_isspace(*p))
            g_string_append_c(s, g_ascii_tolower((char)*p));
    xmlFree(style);
    gboolean hidden = strstr(s->str, "display:none") || strstr(s->str, "visibility:hidden");
    g_string_free(s, TRUE);
    return hidden;
}

/* ---------- the reader ---------- */

/* What a table's cells hold besides their text, in order: tables nested in
 * them and their captions, given to the document after the table. */
typedef struct {
    JxTable *table; /* a nested table, or NULL */
    char *caption;  /* else a caption's text (a paragraph) */
} Item;

typedef struct {
    JxDoc *doc;
    const JxRuleset *rs;
    Text para;          /* the paragraph being read outside tables */
    GPtrArray *pending; /* Item* of the table being read; NULL outside tables */
    JxTable *last_top;  /* the last table given to the document, until a paragraph */
    guint64 positions;  /* grid positions of the tables read (JX_HTML_MAX_POSITIONS) */
    gboolean too_large; /* over it: reading stops */
    gboolean title_seen;
} Reader;

/* Whether text is site chrome by the `chrome` rules: NFKC, spaces out. */
static gboolean is_chrome(const Reader *rd, const char *text)
{
    if (!rd->rs || !*text || g_utf8_strlen(text, -1) > CHROME_MAX_CHARS)
        return FALSE;
    char *nfkc = g_utf8_normalize(text, -1, G_NORMALIZE_NFKC);
    if (!nfkc)
        return FALSE;
    GString *key = g_string_new(NULL);
    for (const char *p = nfkc; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (!g_unichar_isspace(c))
            g_string_append_unichar(key, c);
    }
    g_free(nfkc);
    gboolean chrome = jx_ruleset_match(rd->rs, "chrome", key->str, NULL) != NULL;
    g_string_free(key, TRUE);
    return chrome;
}

static gboolean has_garbled(const char *text)
{
    return strstr(text, "\xEF\xBF\xBD") != NULL;
}

static void add_paragraph(Reader *rd, const char *text)
{
    JxBlock *b = jx_doc_add_paragraph(rd->doc, text, 0);
    if (has_garbled(text))
        b->flags |= JX_FLAG_BIT(JX_FLAG_TEXT_GARBLED);
    rd->last_top = NULL;
}

/* The paragraph read so far goes to the document (unless empty or chrome). */
static void flush_paragraph(Reader *rd)
{
    char *text = text_take(&rd->para);
    if (*text && !is_chrome(rd, text))
        add_paragraph(rd, text);
    g_free(text);
}

static void read_table(Reader *rd, const xmlNode *tbl);

/* The text of n's subtree into t; tables go to read_table. At top level
 * (t is rd->para) a block boundary ends a paragraph. */
static void walk(Reader *rd, const xmlNode *n, Text *t, gboolean pre);

static void boundary(Reader *rd, Text *t)
{
    if (t == &rd->para)
        flush_paragraph(rd);
    else
        text_break(t);
}

static void walk_children(Reader *rd, const xmlNode *n, Text *t, gboolean pre)
{
    for (const xmlNode *c = n->children; c && !rd->too_large; c = c->next)
        walk(rd, c, t, pre);
}

static void walk(Reader *rd, const xmlNode *n, Text *t, gboolean pre)
{
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        if (n->content)
            text_add(t, (const char *)n->content, pre);
        return;
    }
    if (n->type != XML_ELEMENT_NODE)
        return; /* comments, processing instructions */
    if (is(n, "title")) {
        if (!rd->title_seen && t == &rd->para) {
            rd->title_seen = TRUE;
            flush_paragraph(rd);
            walk_children(rd, n, t, FALSE);
            flush_paragraph(rd);
        }
        return;
    }
    if (is(n, "head")) {
        for (const xmlNode *c = n->children; c; c = c->next)
            if (is(c, "title"))
                walk(rd, c, t, pre);
        return;
    }
    if (is_skipped(n) || is_hidden(n))
        return;
    if (is(n, "br")) {
        text_br(t);
        return;
    }
    if (is(n, "table")) {
        if (t == &rd->para)
            flush_paragraph(rd);
        else
            text_break(t);
        read_table(rd, n);
        return;
    }
    gboolean block = is_block(n);
    if (block)
        boundary(rd, t);
    walk_children(rd, n, t, pre || is(n, "pre") || is(n, "xmp") || is(n, "listing"));
    if (block)
        boundary(rd, t);
}

/* ---------- tables ---------- */

/* A span attribute: its leading digits (as browsers read "3px"), 1 when
 * absent or not a number; 0 stays 0; at most max. */
static int span_attr(const xmlNode *n, const char *name, int max)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    if (!v)
        return 1;
    const char *p = (const char *)v;
    while (g_ascii_isspace(*p))
        p++;
    int r = 1;
    if (g_ascii_isdigit(*p)) {
        long long l = 0;
        while (g_ascii_isdigit(*p) && l <= max)
            l = l * 10 + (*p++ - '0');
        r = (int)MIN(l, (long long)max);
    }
    xmlFree(v);
    return r;
}

typedef struct {
    GPtrArray *rows;  /* const xmlNode* <tr>, in the order they show */
    GArray *group_end; /* int per row: the row after its row group */
} Rows;

/* The <tr>s of a row group (or of the table's own rows), found through
 * wrappers (<form>) but not inside cells or nested tables. */
static void find_rows(const xmlNode *n, GPtrArray *out)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || is_hidden(c))
            continue;
        if (is(c, "tr"))
            g_ptr_array_add(out, (gpointer)c);
        else if (!is(c, "table") && !is(c, "td") && !is(c, "th") && !is(c, "caption") &&
                 !is(c, "thead") && !is(c, "tbody") && !is(c, "tfoot") && !is_skipped(c))
            find_rows(c, out);
    }
}

static void add_group(Rows *rows, const xmlNode *section)
{
    guint before = rows->rows->len;
    find_rows(section, rows->rows);
    int end = (int)rows->rows->len;
    for (guint i = before; i < rows->rows->len; i++)
        g_array_append_val(rows->group_end, end);
}

/* The rows as they show: <thead>s, then the body (<tbody>s and the table's
 * own <tr>s, in order, each run of own rows a group), then <tfoot>s. */
static void table_rows(const xmlNode *tbl, Rows *rows)
{
    rows->rows = g_ptr_array_new();
    rows->group_end = g_array_new(FALSE, FALSE, sizeof(int));
    for (const xmlNode *c = tbl->children; c; c = c->next)
        if (is(c, "thead") && !is_hidden(c))
            add_group(rows, c);
    guint before = rows->rows->len;
    for (const xmlNode *c = tbl->children; c; c = c->next) {
        if (is(c, "tbody") && !is_hidden(c)) {
            add_group(rows, c);
            continue;
        }
        if (c->type != XML_ELEMENT_NODE || is(c, "thead") || is(c, "tfoot") ||
            is(c, "caption") || is(c, "table") || is_skipped(c) || is_hidden(c))
            continue;
        guint b = rows->rows->len;
        if (is(c, "tr"))
            g_ptr_array_add(rows->rows, (gpointer)c);
        else
            find_rows(c, rows->rows); /* through a wrapper (<form>) */
        int own = -1; /* set below */
        for (guint i = b; i < rows->rows->len; i++)
            g_array_append_val(rows->group_end, own);
    }
    /* own rows (-1) run to the next section or the end of the body */
    for (guint i = before; i < rows->rows->len;) {
        if (g_array_index(rows->group_end, int, i) != -1) {
            i++;
            continue;
        }
        guint j = i;
        while (j < rows->rows->len && g_array_index(rows->group_end, int, j) == -1)
            j++;
        for (guint k = i; k < j; k++)
            g_array_index(rows->group_end, int, k) = (int)j;
        i = j;
    }
    for (const xmlNode *c = tbl->children; c; c = c->next)
        if (is(c, "tfoot") && !is_hidden(c))
            add_group(rows, c);
}

/* The <td>/<th> of a row, through wrappers. */
static void find_cells(const xmlNode *n, GPtrArray *out)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || is_hidden(c))
            continue;
        if (is(c, "td") || is(c, "th"))
            g_ptr_array_add(out, (gpointer)c);
        else if (!is(c, "table") && !is(c, "tr") && !is_skipped(c))
            find_cells(c, out);
    }
}

typedef struct {
    JxTable *t;
    GArray *busy;   /* int per column: the first row a rowspan above leaves free */
    int ncols;
    int cursor;      /* the column after the row's last cell */
    gboolean nested; /* some cell held a table */
} Grid;

/* The text of a cell; the tables in it go to rd->pending. */
static char *cell_text(Reader *rd, const xmlNode *cell)
{
    Text t;
    text_init(&t);
    walk_children(rd, cell, &t, FALSE);
    char *s = text_take(&t);
    g_string_free(t.s, TRUE);
    return s;
}

static void place_cell(Reader *rd, Grid *g, const xmlNode *cell, int row, int group_end)
{
    int colspan = MAX(span_attr(cell, "colspan", MAX_COLSPAN), 1);
    int rowspan = span_attr(cell, "rowspan", MAX_ROWSPAN);
    if (rowspan == 0 || row + rowspan > group_end)
        rowspan = group_end - row;
    rowspan = MAX(rowspan, 1);
    /* the first column from the cursor that no rowspan above takes */
    int col = g->cursor;
    while (col < (int)g->busy->len && g_array_index(g->busy, int, col) > row)
        col++;
    g->cursor = col + colspan;
    guint npend = rd->pending->len;
    char *text = cell_text(rd, cell);
    if (rd->pending->len > npend)
        g->nested = TRUE;
    JxCell *c = jx_table_add_cell(g->t, row, col, rowspan, colspan, text);
    if (has_garbled(text))
        c->flags |= JX_FLAG_BIT(JX_FLAG_TEXT_GARBLED);
    g_free(text);
    if ((int)g->busy->len < col + colspan) {
        int zero = 0;
        while ((int)g->busy->len < col + colspan)
            g_array_append_val(g->busy, zero);
    }
    for (int k = col; k < col + colspan; k++)
        g_array_index(g->busy, int, k) = row + rowspan;
    g->ncols = MAX(g->ncols, col + colspan);
}

static void item_free(gpointer p)
{
    Item *it = p;
    jx_table_free(it->table);
    g_free(it->caption);
    g_free(it);
}

/* Whether every cell of t holds no text but chrome. */
static gboolean only_chrome(const Reader *rd, const JxTable *t)
{
    for (guint i = 0; i < t->cells->len; i++) {
        const JxCell *c = g_ptr_array_index(t->cells, i);
        if (*c->text && !is_chrome(rd, c->text))
            return FALSE;
    }
    return TRUE;
}

/* Whether t holds any text. */
static gboolean has_text(const JxTable *t)
{
    for (guint i = 0; i < t->cells->len; i++)
        if (*((const JxCell *)g_ptr_array_index(t->cells, i))->text)
            return TRUE;
    return FALSE;
}

/* The rows of b go under those of a (b is freed). */
static void join_tables(JxTable *a, JxTable *b)
{
    int offset = a->nrows;
    for (guint i = 0; i < b->cells->len; i++) {
        JxCell *c = g_ptr_array_index(b->cells, i);
        c->row += offset;
        g_ptr_array_add(a->cells, c);
    }
    g_ptr_array_set_free_func(b->cells, NULL);
    jx_table_free(b);
    jx_table_finish(a);
}

/* A table given to the document at top level: it continues the table
 * before it when nothing but chrome came between and it has as many
 * columns; else it is a block of its own. */
static void emit_top(Reader *rd, JxTable *t)
{
    if (rd->last_top && rd->last_top->ncols == t->ncols) {
        join_tables(rd->last_top, t);
        return;
    }
    jx_doc_add_table(rd->doc, t, 0);
    rd->last_top = t;
}

/* Items (tables nested in a table's cells, captions) after their table: at
 * top level into the document; inside another table into its pending list.
 * `joinable`: the tables of an unwrapped layout table, which stand as if at
 * top level. Takes the items. */
static void emit_items(Reader *rd, GPtrArray *items, gboolean joinable)
{
    for (guint i = 0; i < items->len; i++) {
        Item *it = g_ptr_array_index(items, i);
        if (rd->pending) {
            g_ptr_array_add(rd->pending, it);
            continue;
        }
        if (it->caption) {
            add_paragraph(rd, it->caption);
        } else if (joinable) {
            emit_top(rd, it->table);
        } else {
            jx_doc_add_table(rd->doc, it->table, 0);
            rd->last_top = NULL;
        }
        it->table = NULL; /* the document has it now; the caption was copied */
        item_free(it);
    }
    g_ptr_array_set_free_func(items, NULL);
    g_ptr_array_free(items, TRUE);
}

static void read_table(Reader *rd, const xmlNode *tbl)
{
    if (rd->too_large)
        return;
    GPtrArray *outer = rd->pending;
    rd->pending = g_ptr_array_new_with_free_func(item_free);
    char *caption = NULL;
    for (const xmlNode *c = tbl->children; c; c = c->next)
        if (is(c, "caption") && !is_hidden(c) && !caption) {
            caption = cell_text(rd, c);
            if (!*caption || is_chrome(rd, caption))
                g_clear_pointer(&caption, g_free);
        }
    Rows rows;
    table_rows(tbl, &rows);
    Grid g = {jx_table_new(), g_array_new(FALSE, FALSE, sizeof(int)), 0, 0, FALSE};
    for (guint r = 0; r < rows.rows->len && !rd->too_large; r++) {
        GPtrArray *cells = g_ptr_array_new();
        find_cells(g_ptr_array_index(rows.rows, r), cells);
        int end = g_array_index(rows.group_end, int, r);
        g.cursor = 0;
        for (guint k = 0; k < cells->len && !rd->too_large; k++) {
            place_cell(rd, &g, g_ptr_array_index(cells, k), (int)r, end);
            if (rd->positions + (guint64)(r + 1) * (guint64)g.ncols > JX_HTML_MAX_POSITIONS)
                rd->too_large = TRUE;
        }
        g_ptr_array_free(cells, TRUE);
    }
    g_ptr_array_free(rows.rows, TRUE);
    g_array_free(rows.group_end, TRUE);
    g_array_free(g.busy, TRUE);
    GPtrArray *nested = rd->pending;
    rd->pending = outer;
    if (rd->too_large) {
        jx_table_free(g.t);
        g_free(caption);
        g_ptr_array_free(nested, TRUE);
        return;
    }
    jx_table_finish(g.t); /* within JX_HTML_MAX_POSITIONS: its grid is small */
    rd->positions += (guint64)g.t->nrows * (guint64)g.t->ncols;

    if (g.nested && only_chrome(rd, g.t)) {
        /* a layout table: what it wraps stands in its place */
        jx_table_free(g.t);
        g_free(caption);
        emit_items(rd, nested, TRUE);
        return;
    }
    if (!has_text(g.t) || (!g.nested && only_chrome(rd, g.t))) {
        jx_table_free(g.t); /* spacers, footers laid out as tables */
        g_free(caption);
        emit_items(rd, nested, FALSE);
        return;
    }
    /* the caption, the table, then what its cells held */
    GPtrArray *items = g_ptr_array_new_with_free_func(item_free);
    if (caption) {
        Item *cap = g_new0(Item, 1);
        cap->caption = caption;
        g_ptr_array_add(items, cap);
    }
    if (rd->pending) {
        Item *self = g_new0(Item, 1);
        self->table = g.t;
        g_ptr_array_add(items, self);
        emit_items(rd, items, FALSE);
    } else {
        emit_items(rd, items, FALSE);
        emit_top(rd, g.t);
    }
    emit_items(rd, nested, FALSE);
}

/* ---------- the page ---------- */

static const JxRuleset *builtin_rules(void)
{
    static gsize once;
    static JxRuleset *rs;
    if (g_once_init_enter(&once)) {
        JxRuleset *r = jx_ruleset_new();
        if (!jx_ruleset_load_builtin(r, NULL))
            g_clear_pointer(&r, jx_ruleset_free); /* the built-in rules always load */
        rs = r;
        g_once_init_leave(&once, 1);
    }
    return rs;
}

JxDoc *jx_html_read(const guint8 *data, gsize len, GError **error)
{
    return jx_html_read_rules(data, len, builtin_rules(), error);
}

JxDoc *jx_html_read_rules(const guint8 *data, gsize len, const JxRuleset *rs,
                          GError **error)
{
    g_return_val_if_fail(data != NULL || len == 0, NULL);
    g_return_val_if_fail(error == NULL || *error == NULL, NULL);
    if (len > JX_HTML_MAX_BYTES) {
        g_set_error(error, JX_ERROR, JX_ERROR_TOO_LARGE, "the page is larger than %u MiB",
                    JX_HTML_MAX_BYTES / (1024 * 1024));
        return NULL;
    }
    JxDoc *doc = jx_doc_new("html");
    gsize ulen = 0;
    char *utf8 = page_utf8(data ? data : (const guint8 *)"", len, doc->notes, &ulen);
    if (cut_short(utf8, ulen))
        g_ptr_array_add(doc->notes, g_strdup("a page ends before its </html>: it may be cut "
                                             "short, and what it held after the cut is not read"));
    htmlDocPtr x = htmlReadMemory(utf8, (int)ulen, "page.html", "UTF-8",
                                  HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                      HTML_PARSE_RECOVER | HTML_PARSE_IGNORE_ENC |
                                      HTML_PARSE_COMPACT);
    g_free(utf8);
    const xmlNode *root = x ? xmlDocGetRootElement(x) : NULL;
    if (!root) {
        if (x)
            xmlFreeDoc(x);
        jx_doc_free(doc);
        g_set_error(error, JX_ERROR, JX_ERROR_CORRUPT, "the page does not parse as HTML");
        return NULL;
    }
    Reader rd = {.doc = doc, .rs = rs};
    text_init(&rd.para);
    walk(&rd, root, &rd.para, FALSE);
    flush_paragraph(&rd);
    g_string_free(rd.para.s, TRUE);
    xmlFreeDoc(x);
    if (rd.too_large) {
        jx_doc_free(doc);
        g_set_error(error, JX_ERROR, JX_ERROR_TOO_LARGE,
                    "its tables have more than %u rows x columns", JX_HTML_MAX_POSITIONS);
        return NULL;
    }
    return doc;
}
