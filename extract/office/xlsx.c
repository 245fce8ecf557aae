#include "extract/office/xlsx.h"

#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "common/error.h"
#include "extract/office/numfmt.h"
#include "extract/office/sheet.h"
#include "extract/zip.h"

static const char *const S_NS[] = {
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "http://purl.oclc.org/ooxml/spreadsheetml/main", /* Strict OOXML */
};

/* Most <col> hiding one sheet may ask for (a column range is 16384 at most). */
#define MAX_HIDDEN_COLS (4u * JX_SHEET_MAX_COLS)

static gboolean is_s(const xmlNode *n, const char *local)
{
    if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, local) != 0)
        return FALSE;
    if (!n->ns || !n->ns->href)
        return FALSE;
    for (gsize i = 0; i < G_N_ELEMENTS(S_NS); i++)
        if (strcmp((const char *)n->ns->href, S_NS[i]) == 0)
            return TRUE;
    return FALSE;
}

static xmlNode *s_child(const xmlNode *n, const char *local)
{
    for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (is_s(c, local))
            return c;
    return NULL;
}

/* The attribute of that local name in no namespace, or with any namespace
 * when ns_any (r:id). Caller g_frees; NULL when absent. */
static char *attr(const xmlNode *n, const char *local, gboolean ns_any)
{
    for (xmlAttr *a = n ? n->properties : NULL; a; a = a->next)
        if (strcmp((const char *)a->name, local) == 0 && (ns_any ? a->ns != NULL : a->ns == NULL)) {
            xmlChar *v = xmlNodeGetContent((xmlNode *)a);
            char *r = g_strdup(v ? (const char *)v : "");
            xmlFree(v);
            return r;
        }
    return NULL;
}

static gboolean attr_true(const xmlNode *n, const char *local)
{
    char *v = attr(n, local, FALSE);
    gboolean on = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
    g_free(v);
    return on;
}

/* A non-negative integer attribute, or dflt. */
static gint64 attr_int(const xmlNode *n, const char *local, gint64 dflt)
{
    char *v = attr(n, local, FALSE);
    gint64 r = dflt;
    if (v) {
        char *end;
        gint64 l = g_ascii_strtoll(v, &end, 10);
        if (end != v && l >= 0)
            r = l;
        g_free(v);
    }
    return r;
}

/* ---------- parts ---------- */

typedef struct {
    JxZip *zip;
    GPtrArray *sst;      /* char*: the shared strings */
    GHashTable *fmts;    /* numFmtId -> char* code (custom ones) */
    GArray *xf_fmt;      /* int: cellXfs index -> numFmtId */
    GArray *xf_box;      /* gboolean: cellXfs index -> drawn with borders */
    gboolean date1904;
} Book;

/* Parses part `name`: NULL with JX_ERROR_CORRUPT naming it when it does not
 * parse, or the zip's error when it cannot be read. */
static xmlDoc *read_part(Book *b, const char *name, GError **error)
{
    gsize len = 0;
    guint8 *data = jx_zip_read(b->zip, name, "an XLSX", &len, error);
    if (!data)
        return NULL;
    xmlDoc *x = xmlReadMemory((const char *)data, (int)MIN(len, (gsize)G_MAXINT), name, NULL,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    g_free(data);
    if (!x) {
        const xmlError *e = xmlGetLastError();
        char *msg = g_strstrip(g_strdup(e && e->message ? e->message : "unknown error"));
        g_set_error(error, JX_ERROR, JX_ERROR_CORRUPT, "%s does not parse: %s", name, msg);
        g_free(msg);
    }
    return x;
}

/* The part a relationship target names, from the part `from` (a target is
 * relative to from's folder, or absolute from the package root). */
static char *resolve(const char *from, const char *target)
{
    if (target[0] == '/')
        return g_strdup(target + 1);
    char *dir = from[0] ? g_path_get_dirname(from) : g_strdup(".");
    GPtrArray *parts = g_ptr_array_new_with_free_func(g_free);
    if (strcmp(dir, ".") != 0) {
        char **d = g_strsplit(dir, "/", -1);
        for (int i = 0; d[i]; i++)
            if (d[i][0])
                g_ptr_array_add(parts, g_strdup(d[i]));
        g_strfreev(d);
    }
    char **t = g_strsplit(target, "/", -1);
    for (int i = 0; t[i]; i++) {
        if (strcmp(t[i], "..") == 0) {
            if (parts->len)
                g_ptr_array_remove_index(parts, parts->len - 1);
        } else if (t[i][0] && strcmp(t[i], ".") != 0) {
            g_ptr_array_add(parts, g_strdup(t[i]));
        }
    }
    g_strfreev(t);
    g_ptr_array_add(parts, NULL);
    char *r = g_strjoinv("/", (char **)parts->pdata);
    g_ptr_array_free(parts, TRUE);
    g_free(dir);
    return r;
}

/* The relationships of part `from` (its _rels/X.rels): Id -> part name, and
 * type suffix ("/styles") -> part name for the first of each type. Missing
 * or broken .rels give empty tables. */
static void read_rels(Book *b, const char *from, GHashTable *by_id, GHashTable *by_type)
{
    char *rels;
    if (!from[0]) {
        rels = g_strdup("_rels/.rels"); /* the package's own */
    } else {
        char *dir = g_path_get_dirname(from), *base = g_path_get_basename(from);
        rels = strcmp(dir, ".") == 0 ? g_strdup_printf("_rels/%s.rels", base)
                                     : g_strdup_printf("%s/_rels/%s.rels", dir, base);
        g_free(dir);
        g_free(base);
    }
    xmlDoc *x = NULL;
    if (jx_zip_has(b->zip, rels))
        x = read_part(b, rels, NULL);
    g_free(rels);
    const xmlNode *root = x ? xmlDocGetRootElement(x) : NULL;
    for (const xmlNode *n = root ? root->children : NULL; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "Relationship") != 0)
            continue;
        char *id = attr(n, "Id", FALSE), *target = attr(n, "Target", FALSE);
        char *type = attr(n, "Type", FALSE), *mode = attr(n, "TargetMode", FALSE);
        if (id && target && target[0] && !(mode && strcmp(mode, "External") == 0)) {
            char *part = resolve(from, target);
            const char *slash = type ? strrchr(type, '/') : NULL;
            if (by_type && slash && !g_hash_table_contains(by_type, slash))
                g_hash_table_insert(by_type, g_strdup(slash), g_strdup(part));
            g_hash_table_insert(by_id, g_strdup(id), part);
        }
        g_free(id);
        g_free(target);
        g_free(type);
        g_free(mode);
    }
    if (x)
        xmlFreeDoc(x);
}

/* Text of a <si> or <is>: its <t> and the <t> of its runs, phonetic runs
 * (<rPh>) left out. */
static void string_item(const xmlNode *si, GString *out)
{
    for (const xmlNode *c = si->children; c; c = c->next) {
        if (is_s(c, "t")) {
            xmlChar *t = xmlNodeGetContent(c);
            if (t)
                g_string_append(out, (const char *)t);
            xmlFree(t);
        } else if (is_s(c, "r")) {
            string_item(c, out);
        }
    }
}

static char *item_text(const xmlNode *si)
{
    GString *out = g_string_new(NULL);
    string_item(si, out);
    /* Excel writes a line break in a cell as "\n"; older files "\r\n" */
    char *s = g_string_free(out, FALSE), *w = s;
    for (const char *r = s; *r; r++)
        if (!(*r == '\r' && r[1] == '\n'))
            *w++ = *r == '\r' ? '\n' : *r;
    *w = '\0';
    return s;
}

static gboolean read_shared_strings(Book *b, const char *part, GError **error)
{
    xmlDoc *x = read_part(b, part, error);
    if (!x)
        return FALSE;
    const xmlNode *root = xmlDocGetRootElement(x);
    for (const xmlNode *c = root ? root->children : NULL; c; c = c->next)
        if (is_s(c, "si"))
            g_ptr_array_add(b->sst, item_text(c));
    xmlFreeDoc(x);
    return TRUE;
}

static gboolean read_styles(Book *b, const char *part, GError **error)
{
    xmlDoc *x = read_part(b, part, error);
    if (!x)
        return FALSE;
    const xmlNode *root = xmlDocGetRootElement(x);
    for (const xmlNode *c = s_child(s_child(root, "numFmts"), "numFmt"); c; c = c->next) {
        if (!is_s(c, "numFmt"))
            continue;
        gint64 id = attr_int(c, "numFmtId", -1);
        char *code = attr(c, "formatCode", FALSE);
        if (id >= 0 && id < G_MAXINT && code)
            g_hash_table_insert(b->fmts, GINT_TO_POINTER((int)id), code);
        else
            g_free(code);
    }
    GArray *drawn = g_array_new(FALSE, FALSE, sizeof(gboolean)); /* per <border> */
    for (const xmlNode *c = s_child(s_child(root, "borders"), "border"); c; c = c->next) {
        if (!is_s(c, "border"))
            continue;
        gboolean any = FALSE;
        for (const xmlNode *side = c->children; side; side = side->next) {
            if (!(is_s(side, "left") || is_s(side, "right") || is_s(side, "top") ||
                  is_s(side, "bottom") || is_s(side, "start") || is_s(side, "end")))
                continue;
            char *style = attr(side, "style", FALSE);
            any |= style && strcmp(style, "none") != 0;
            g_free(style);
        }
        g_array_append_val(drawn, any);
    }
    for (const xmlNode *c = s_child(s_child(root, "cellXfs"), "xf"); c; c = c->next) {
        if (!is_s(c, "xf"))
            continue;
        int id = (int)MIN(attr_int(c, "numFmtId", 0), (gint64)G_MAXINT);
        gint64 bid = attr_int(c, "borderId", 0);
        gboolean box = bid < (gint64)drawn->len && g_array_index(drawn, gboolean, (guint)bid);
        g_array_append_val(b->xf_fmt, id);
        g_array_append_val(b->xf_box, box);
    }
    g_array_free(drawn, TRUE);
    xmlFreeDoc(x);
    return TRUE;
}

/* The format code of cell style index s (NULL: General). */
static const char *style_code(const Book *b, gint64 s)
{
    if (s < 0 || s >= (gint64)b->xf_fmt->len)
        return NULL;
    int id = g_array_index(b->xf_fmt, int, (guint)s);
    const char *custom = g_hash_table_lookup(b->fmts, GINT_TO_POINTER(id));
    return custom ? custom : jx_numfmt_builtin(id);
}

/* Whether cell style index s draws borders. */
static gboolean style_boxed(const Book *b, gint64 s)
{
    return s >= 0 && s < (gint64)b->xf_box->len && g_array_index(b->xf_box, gboolean, (guint)s);
}

/* ---------- cells ---------- */

/* Parses "B3" (col 1, row 2; either part may be missing: "B" or "3").
 * FALSE on anything else or past the limits. */
static gboolean parse_ref(const char *ref, gint64 *row, gint64 *col)
{
    const char *p = ref;
    gint64 c = 0, r = 0;
    while (*p == '$')
        p++;
    while (g_ascii_isalpha(*p) && c <= JX_SHEET_MAX_COLS)
        c = c * 26 + (g_ascii_toupper(*p++) - 'A' + 1);
    while (*p == '$')
        p++;
    while (g_ascii_isdigit(*p) && r <= JX_SHEET_MAX_ROWS)
        r = r * 10 + (*p++ - '0');
    if (*p || c > JX_SHEET_MAX_COLS || r > JX_SHEET_MAX_ROWS || (c == 0 && r == 0))
        return FALSE;
    *col = c - 1;
    *row = r - 1;
    return TRUE;
}

/* A serial date from an ISO 8601 <v> of a t="d" cell, or -1. */
static double iso_serial(const char *v, gboolean date1904)
{
    int y, mo, d, h = 0, mi = 0;
    double sec = 0;
    if (sscanf(v, "%d-%d-%d", &y, &mo, &d) != 3 || !g_date_valid_dmy(d, mo, y))
        return -1;
    const char *t = strchr(v, 'T');
    if (t)
        sscanf(t + 1, "%d:%d:%lf", &h, &mi, &sec);
    GDate *g = g_date_new_dmy(d, mo, y);
    GDate *base = date1904 ? g_date_new_dmy(1, 1, 1904) : g_date_new_dmy(30, 12, 1899);
    double days = g_date_days_between(base, g);
    g_date_free(g);
    g_date_free(base);
    if (!date1904 && days < 61)
        days -= 1; /* before Excel's 1900-02-29 */
    return days + (h * 3600 + mi * 60 + sec) / 86400.0;
}

/* The text cell c shows. */
static char *cell_text(const Book *b, const xmlNode *c)
{
    char *t = attr(c, "t", FALSE);
    const xmlNode *v = s_child(c, "v");
    xmlChar *raw = v ? xmlNodeGetContent(v) : NULL;
    const char *val = raw ? (const char *)raw : NULL;
    char *out = NULL;
    if (t && strcmp(t, "inlineStr") == 0) {
        const xmlNode *is = s_child(c, "is");
        out = is ? item_text(is) : g_strdup(val ? val : "");
    } else if (!val) {
        out = g_strdup(""); /* a formula without its cached value, or a styled blank */
    } else if (t && strcmp(t, "s") == 0) {
        char *end;
        gint64 i = g_ascii_strtoll(val, &end, 10);
        out = g_strdup(end != val && i >= 0 && i < (gint64)b->sst->len
                           ? (const char *)g_ptr_array_index(b->sst, (guint)i)
                           : "");
    } else if (t && strcmp(t, "b") == 0) {
        out = g_strdup(strcmp(g_strstrip((char *)raw), "0") == 0 ? "FALSE" : "TRUE");
    } else if (t && (strcmp(t, "str") == 0 || strcmp(t, "e") == 0)) {
        out = g_strdup(val);
    } else {
        char *end;
        char *trimmed = g_strstrip(g_strdup(val));
        double d = g_ascii_strtod(trimmed, &end);
        gboolean number = end != trimmed && *end == '\0';
        if (t && strcmp(t, "d") == 0) {
            d = iso_serial(trimmed, b->date1904);
            number = d >= 0;
        }
        const char *code = style_code(b, attr_int(c, "s", 0));
        out = number ? jx_numfmt_render(d, code, b->date1904) : g_strdup(val);
        g_free(trimmed);
    }
    if (raw)
        xmlFree(raw);
    g_free(t);
    return out;
}

typedef struct {
    guint64 hidden_cols; /* <col hidden> positions asked for so far */
    gboolean full;       /* a limit of the sheet was hit */
} SheetRead;

static void read_cols(JxSheet *sh, const xmlNode *cols, SheetRead *sr)
{
    for (const xmlNode *c = cols ? cols->children : NULL; c; c = c->next) {
        if (!is_s(c, "col") || !attr_true(c, "hidden"))
            continue;
        gint64 lo = attr_int(c, "min", 1), hi = attr_int(c, "max", lo);
        lo = MAX(lo, 1);
        hi = MIN(hi, (gint64)JX_SHEET_MAX_COLS);
        for (gint64 k = lo; k <= hi && sr->hidden_cols < MAX_HIDDEN_COLS; k++, sr->hidden_cols++)
            jx_sheet_hide_col(sh, (guint32)(k - 1));
    }
}

static void read_rows(const Book *b, JxSheet *sh, const xmlNode *data, SheetRead *sr)
{
    gint64 row = -1;
    for (const xmlNode *rn = data ? data->children : NULL; rn && !sr->full; rn = rn->next) {
        if (!is_s(rn, "row"))
            continue;
        gint64 r = attr_int(rn, "r", 0);
        row = r >= 1 ? r - 1 : row + 1;
        if (row >= JX_SHEET_MAX_ROWS) {
            sr->full = TRUE;
            break;
        }
        if (attr_true(rn, "hidden"))
            jx_sheet_hide_row(sh, (guint32)row);
        gint64 col = -1;
        for (const xmlNode *c = rn->children; c && !sr->full; c = c->next) {
            if (!is_s(c, "c"))
                continue;
            char *ref = attr(c, "r", FALSE);
            gint64 rr = row, cc = col + 1;
            if (ref && parse_ref(ref, &rr, &cc)) {
                if (rr < 0)
                    rr = row; /* "B" */
                if (cc < 0)
                    cc = col + 1;
            } else {
                rr = row;
                cc = col + 1;
            }
            g_free(ref);
            col = cc;
            char *text = cell_text(b, c);
            if (!jx_sheet_set(sh, (guint32)rr, (guint32)cc, text))
                sr->full = TRUE;
            else if (style_boxed(b, attr_int(c, "s", 0)))
                jx_sheet_box(sh, (guint32)rr, (guint32)cc);
            g_free(text);
        }
    }
}

static void read_merges(JxSheet *sh, const xmlNode *merges, SheetRead *sr)
{
    for (const xmlNode *m = merges ? merges->children : NULL; m && !sr->full; m = m->next) {
        if (!is_s(m, "mergeCell"))
            continue;
        char *ref = attr(m, "ref", FALSE);
        char **ends = ref ? g_strsplit(ref, ":", 3) : NULL;
        gint64 r0, c0, r1, c1;
        if (ends && ends[0] && ends[1] && !ends[2] && parse_ref(ends[0], &r0, &c0) &&
            parse_ref(ends[1], &r1, &c1) && r0 >= 0 && c0 >= 0 && r1 >= 0 && c1 >= 0 &&
            r0 <= r1 && c0 <= c1 && !jx_sheet_merge(sh, (guint32)r0, (guint32)c0,
                                                     (guint32)r1, (guint32)c1))
            sr->full = TRUE;
        g_strfreev(ends);
        g_free(ref);
    }
}

/* Reads sheet part `part` into the document. */
static gboolean read_sheet(Book *b, const char *name, const char *part, JxDoc *doc,
                           GError **error)
{
    if (!jx_zip_has(b->zip, part)) {
        g_set_error(error, JX_ERROR, JX_ERROR_CORRUPT,
                    "the workbook's sheet \"%s\" (%s) is missing", name, part);
        return FALSE;
    }
    xmlDoc *x = read_part(b, part, error);
    if (!x)
        return FALSE;
    const xmlNode *root = xmlDocGetRootElement(x);
    if (!root || !is_s(root, "worksheet")) {
        xmlFreeDoc(x);
        g_set_error(error, JX_ERROR, JX_ERROR_CORRUPT, "%s is not a worksheet", part);
        return FALSE;
    }
    JxSheet *sh = jx_sheet_new(name, FALSE);
    SheetRead sr = {0, FALSE};
    read_cols(sh, s_child(root, "cols"), &sr);
    read_rows(b, sh, s_child(root, "sheetData"), &sr);
    read_merges(sh, s_child(root, "mergeCells"), &sr);
    xmlFreeDoc(x);
    gboolean ok = !sr.full;
    if (!ok)
        g_set_error(error, JX_ERROR, JX_ERROR_TOO_LARGE,
                    "sheet \"%s\" has more than %u cells or rows past %u", name,
                    JX_SHEET_MAX_CELLS, JX_SHEET_MAX_ROWS);
    else
        ok = jx_sheet_to_doc(sh, doc, error);
    jx_sheet_free(sh);
    return ok;
}

/* The workbook part: the officeDocument of _rels/.rels, or xl/workbook.xml. */
static char *workbook_part(Book *b)
{
    GHashTable *by_id = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    GHashTable *by_type = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    read_rels(b, "", by_id, by_type);
    const char *wb = g_hash_table_lookup(by_type, "/officeDocument");
    char *part = g_strdup(wb && jx_zip_has(b->zip, wb) ? wb : "xl/workbook.xml");
    g_hash_table_destroy(by_id);
    g_hash_table_destroy(by_type);
    return part;
}

static gboolean read_book(Book *b, JxDoc *doc, GError **error)
{
    char *wb_part = workbook_part(b);
    xmlDoc *wb = read_part(b, wb_part, error);
    if (!wb) {
        g_free(wb_part);
        return FALSE;
    }
    const xmlNode *root = xmlDocGetRootElement(wb);
    if (!root || !is_s(root, "workbook")) {
        g_set_error(error, JX_ERROR, JX_ERROR_CORRUPT, "%s is not a workbook", wb_part);
        xmlFreeDoc(wb);
        g_free(wb_part);
        return FALSE;
    }
    b->date1904 = attr_true(s_child(root, "workbookPr"), "date1904");
    GHashTable *by_id = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    GHashTable *by_type = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    read_rels(b, wb_part, by_id, by_type);
    const char *sst = g_hash_table_lookup(by_type, "/sharedStrings");
    const char *styles = g_hash_table_lookup(by_type, "/styles");
    gboolean ok = TRUE;
    if (sst && jx_zip_has(b->zip, sst))
        ok = read_shared_strings(b, sst, error);
    else if (!sst && jx_zip_has(b->zip, "xl/sharedStrings.xml"))
        ok = read_shared_strings(b, "xl/sharedStrings.xml", error);
    if (ok && styles && jx_zip_has(b->zip, styles))
        ok = read_styles(b, styles, error);
    else if (ok && !styles && jx_zip_has(b->zip, "xl/styles.xml"))
        ok = read_styles(b, "xl/styles.xml", error);

    for (const xmlNode *s = s_child(s_child(root, "sheets"), "sheet"); ok && s; s = s->next) {
        if (!is_s(s, "sheet"))
            continue;
        char *state = attr(s, "state", FALSE);
        gboolean hidden = state && (strcmp(state, "hidden") == 0 ||
                                    strcmp(state, "veryHidden") == 0);
        g_free(state);
        if (hidden)
            continue;
        char *name = attr(s, "name", FALSE), *rid = attr(s, "id", TRUE);
        const char *part = rid ? g_hash_table_lookup(by_id, rid) : NULL;
        if (!part) {
            g_set_error(error, JX_ERROR, JX_ERROR_CORRUPT,
                        "the workbook's sheet \"%s\" has no part", name ? name : "");
            ok = FALSE;
        } else {
            ok = read_sheet(b, name ? name : "", part, doc, error);
        }
        g_free(name);
        g_free(rid);
    }
    g_hash_table_destroy(by_id);
    g_hash_table_destroy(by_type);
    xmlFreeDoc(wb);
    g_free(wb_part);
    return ok;
}

JxDoc *jx_xlsx_read(const guint8 *data, gsize len, GError **error)
{
    g_return_val_if_fail(data != NULL || len == 0, NULL);
    g_return_val_if_fail(error == NULL || *error == NULL, NULL);
    JxZip *zip = jx_zip_open(data, len, error);
    if (!zip)
        return NULL;
    Book b = {zip, g_ptr_array_new_with_free_func(g_free),
              g_hash_table_new_full(NULL, NULL, NULL, g_free),
              g_array_new(FALSE, FALSE, sizeof(int)),
              g_array_new(FALSE, FALSE, sizeof(gboolean)), FALSE};
    JxDoc *doc = jx_doc_new("xlsx");
    if (!read_book(&b, doc, error)) {
        jx_doc_free(doc);
        doc = NULL;
    }
    g_ptr_array_free(b.sst, TRUE);
    g_hash_table_destroy(b.fmts);
    g_array_free(b.xf_fmt, TRUE);
    g_array_free(b.xf_box, TRUE);
    jx_zip_close(zip);
    return doc;
}
