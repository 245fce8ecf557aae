#include "extract/office/docx.h"

#include <string.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "common/error.h"
#include "extract/zip.h"

static const char *const W_NS[] = {
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main", /* Strict OOXML */
};
static const char MC_NS[] =
    "http://schemas.openxmlformats.org/markup-compatibility/2006";

static gboolean is_w(const xmlNode *n, const char *local)
{
    if (n->type != XML_ELEMENT_NODE || !n->ns || !n->ns->href)
        return FALSE;
    if (strcmp((const char *)n->name, local) != 0)
        return FALSE;
    for (gsize i = 0; i < G_N_ELEMENTS(W_NS); i++)
        if (strcmp((const char *)n->ns->href, W_NS[i]) == 0)
            return TRUE;
    return FALSE;
}

static gboolean is_mc(const xmlNode *n, const char *local)
{
    return n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
           strcmp((const char *)n->ns->href, MC_NS) == 0 &&
           strcmp((const char *)n->name, local) == 0;
}

static xmlNode *w_child(const xmlNode *n, const char *local)
{
    for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (is_w(c, local))
            return c;
    return NULL;
}

/* The w:val attribute (any namespace prefix), or NULL. Caller frees. */
static char *w_val(const xmlNode *n)
{
    for (xmlAttr *a = n ? n->properties : NULL; a; a = a->next)
        if (strcmp((const char *)a->name, "val") == 0)
            return (char *)xmlNodeGetContent((xmlNode *)a);
    return NULL;
}

static int w_int_val(const xmlNode *n, int dflt)
{
    char *v = w_val(n);
    int r = dflt;
    if (v) {
        char *end;
        long l = strtol(v, &end, 10);
        if (end != v && l >= 0 && l < 1000)
            r = (int)l;
        xmlFree(v);
    }
    return r;
}

/* "on/off" properties: present and not val="0"/"false"/"off". */
static gboolean w_flag(const xmlNode *n)
{
    if (!n)
        return FALSE;
    char *v = w_val(n);
    gboolean on = !v || !(g_str_equal(v, "0") || g_str_equal(v, "false") ||
                          g_str_equal(v, "off"));
    if (v)
        xmlFree(v);
    return on;
}

/* ---------- text of runs and paragraphs ---------- */

typedef struct {
    GString *out;
    GArray *fields; /* gboolean per open complex field: TRUE = in instruction */
} TextCtx;

static gboolean in_field_instruction(const TextCtx *tc)
{
    for (guint i = 0; i < tc->fields->len; i++)
        if (g_array_index(tc->fields, gboolean, i))
            return TRUE;
    return FALSE;
}

static void field_char(TextCtx *tc, const xmlNode *n)
{
    char *type = NULL;
    for (xmlAttr *a = n->properties; a; a = a->next)
        if (strcmp((const char *)a->name, "fldCharType") == 0)
            type = (char *)xmlNodeGetContent((xmlNode *)a);
    if (!type)
        return;
    if (strcmp(type, "begin") == 0) {
        gboolean instr = TRUE;
        g_array_append_val(tc->fields, instr);
    } else if (strcmp(type, "separate") == 0 && tc->fields->len) {
        g_array_index(tc->fields, gboolean, tc->fields->len - 1) = FALSE;
    } else if (strcmp(type, "end") == 0 && tc->fields->len) {
        g_array_set_size(tc->fields, tc->fields->len - 1);
    }
    xmlFree(type);
}

static void collect_text(TextCtx *tc, const xmlNode *n);

static void collect_children(TextCtx *tc, const xmlNode *n)
{
    for (const xmlNode *c = n->children; c; c = c->next)
        collect_text(tc, c);
}

static void collect_text(TextCtx *tc, const xmlNode *n)
{
    if (n->type != XML_ELEMENT_NODE)
        return;
    if (is_mc(n, "AlternateContent")) {
        /* Take the first Choice; the Fallback repeats it for old readers. */
        for (const xmlNode *c = n->children; c; c = c->next)
            if (is_mc(c, "Choice")) {
                collect_children(tc, c);
                return;
            }
        for (const xmlNode *c = n->children; c; c = c->next)
            if (is_mc(c, "Fallback"))
                collect_children(tc, c);
        return;
    }
    if (is_w(n, "del") || is_w(n, "moveFrom") || is_w(n, "delText") ||
        is_w(n, "instrText") || is_w(n, "delInstrText") || is_w(n, "rPr") ||
        is_w(n, "pPr") || is_w(n, "fldData") || is_w(n, "footnoteReference") ||
        is_w(n, "endnoteReference") || is_w(n, "commentReference"))
        return;
    if (is_w(n, "fldChar")) {
        field_char(tc, n);
        return;
    }
    if (is_w(n, "r")) {
        const xmlNode *rpr = w_child(n, "rPr");
        if (rpr && w_flag(w_child(rpr, "vanish")))
            return; /* hidden text */
        collect_children(tc, n);
        return;
    }
    if (in_field_instruction(tc))
        return;
    if (is_w(n, "t")) {
        xmlChar *s = xmlNodeGetContent(n);
        if (s) {
            g_string_append(tc->out, (const char *)s);
            xmlFree(s);
        }
    } else if (is_w(n, "tab") || is_w(n, "ptab")) {
        g_string_append_c(tc->out, '\t');
    } else if (is_w(n, "br") || is_w(n, "cr")) {
        g_string_append_c(tc->out, '\n');
    } else if (is_w(n, "noBreakHyphen")) {
        g_string_append_c(tc->out, '-');
    } else if (is_w(n, "p")) {
        /* a paragraph inside a text box */
        if (tc->out->len)
            g_string_append_c(tc->out, '\n');
        collect_children(tc, n);
    } else {
        collect_children(tc, n); /* ins, hyperlink, smartTag, fldSimple, sdt ... */
    }
}

static char *paragraph_text(const xmlNode *p)
{
    TextCtx tc = {g_string_new(NULL), g_array_new(FALSE, FALSE, sizeof(gboolean))};
    collect_children(&tc, p);
    g_array_free(tc.fields, TRUE);
    return g_string_free(tc.out, FALSE);
}

/* ---------- tables ---------- */

typedef struct {
    JxDoc *doc;
    GPtrArray *pending; /* nested JxTable*, added after their parent */
    guint64 positions;  /* grid positions of the tables read (JX_DOCX_MAX_POSITIONS) */
    gboolean too_large; /* over it: reading stops */
} ReadCtx;

static void read_table(ReadCtx *rc, const xmlNode *tbl);

/* Text of a cell: its paragraphs joined by '\n'; nested tables go aside. */
static void cell_content(ReadCtx *rc, const xmlNode *n, GString *out)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (is_w(c, "p")) {
            char *t = paragraph_text(c);
            if (out->len)
                g_string_append_c(out, '\n');
            g_string_append(out, t);
            g_free(t);
        } else if (is_w(c, "tbl")) {
            read_table(rc, c);
        } else if (is_w(c, "sdt")) {
            const xmlNode *content = w_child(c, "sdtContent");
            if (content)
                cell_content(rc, content, out);
        } else if (is_w(c, "customXml") || is_w(c, "ins")) {
            cell_content(rc, c, out);
        }
    }
}

typedef struct {
    JxTable *t;
    int row, col;
    int ncols;        /* columns so far */
    GHashTable *open; /* start column -> JxCell* of a vertical merge */
} RowCtx;

/* Whether the table so far (rw) and those before keep within
 * JX_DOCX_MAX_POSITIONS; sets rc->too_large when not. */
static gboolean within_positions(ReadCtx *rc, const RowCtx *rw)
{
    if (rc->positions + (guint64)(rw->row + 1) * (guint64)rw->ncols > JX_DOCX_MAX_POSITIONS)
        rc->too_large = TRUE;
    return !rc->too_large;
}

static void read_cell(ReadCtx *rc, RowCtx *rw, const xmlNode *tc)
{
    if (rc->too_large)
        return;
    const xmlNode *pr = w_child(tc, "tcPr");
    int span = MAX(w_int_val(w_child(pr, "gridSpan"), 1), 1);
    const xmlNode *vm = w_child(pr, "vMerge");
    gboolean restart = FALSE, cont = FALSE;
    if (vm) {
        char *v = w_val(vm);
        restart = v && strcmp(v, "restart") == 0;
        cont = !restart;
        if (v)
            xmlFree(v);
    }
    GString *text = g_string_new(NULL);
    cell_content(rc, tc, text);

    JxCell *above = g_hash_table_lookup(rw->open, GINT_TO_POINTER(rw->col));
    if (cont && above && above->colspan == span) {
        above->rowspan = rw->row - above->row + 1;
        if (text->len) { /* text left in a continued cell is kept, not lost */
            char *joined = g_strconcat(above->text, "\n", text->str, NULL);
            g_free(above->text);
            above->text = joined;
        }
    } else {
        JxCell *c = jx_table_add_cell(rw->t, rw->row, rw->col, 1, span, text->str);
        for (int k = rw->col; k < rw->col + span; k++)
            g_hash_table_remove(rw->open, GINT_TO_POINTER(k));
        if (restart)
            g_hash_table_insert(rw->open, GINT_TO_POINTER(rw->col), c);
    }
    g_string_free(text, TRUE);
    rw->col += span;
    rw->ncols = MAX(rw->ncols, rw->col);
    within_positions(rc, rw);
}

static void read_cells(ReadCtx *rc, RowCtx *rw, const xmlNode *n)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (is_w(c, "tc"))
            read_cell(rc, rw, c);
        else if (is_w(c, "sdt") && w_child(c, "sdtContent"))
            read_cells(rc, rw, w_child(c, "sdtContent"));
        else if (is_w(c, "customXml"))
            read_cells(rc, rw, c);
    }
}

static void read_rows(ReadCtx *rc, RowCtx *rw, const xmlNode *n)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (is_w(c, "tr")) {
            const xmlNode *trpr = w_child(c, "trPr");
            if (trpr && w_child(trpr, "del"))
                continue; /* a deleted row */
            rw->col = w_int_val(w_child(trpr, "gridBefore"), 0);
            read_cells(rc, rw, c);
            if (!within_positions(rc, rw))
                return;
            rw->row++;
        } else if (is_w(c, "sdt") && w_child(c, "sdtContent")) {
            read_rows(rc, rw, w_child(c, "sdtContent"));
        } else if (is_w(c, "customXml")) {
            read_rows(rc, rw, c);
        }
    }
}

static void read_table(ReadCtx *rc, const xmlNode *tbl)
{
    GPtrArray *outer = rc->pending;
    rc->pending = g_ptr_array_new();
    RowCtx rw = {jx_table_new(), 0, 0, 0, g_hash_table_new(NULL, NULL)};
    read_rows(rc, &rw, tbl);
    g_hash_table_destroy(rw.open);
    if (!rc->too_large)
        jx_table_finish(rw.t); /* within JX_DOCX_MAX_POSITIONS: its grid is small */
    rc->positions += (guint64)rw.row * (guint64)rw.ncols;

    /* This table first, then the tables nested in it, in order. */
    GPtrArray *nested = rc->pending;
    rc->pending = outer;
    if (outer) {
        g_ptr_array_add(outer, rw.t);
        for (guint i = 0; i < nested->len; i++)
            g_ptr_array_add(outer, g_ptr_array_index(nested, i));
    } else {
        jx_doc_add_table(rc->doc, rw.t, 0);
        for (guint i = 0; i < nested->len; i++)
            jx_doc_add_table(rc->doc, g_ptr_array_index(nested, i), 0);
    }
    g_ptr_array_free(nested, TRUE);
}

static void read_body(ReadCtx *rc, const xmlNode *n)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (is_w(c, "p")) {
            char *t = paragraph_text(c);
            if (*g_strstrip(t))
                jx_doc_add_paragraph(rc->doc, t, 0);
            g_free(t);
        } else if (is_w(c, "tbl")) {
            read_table(rc, c);
        } else if (is_w(c, "sdt") && w_child(c, "sdtContent")) {
            read_body(rc, w_child(c, "sdtContent"));
        } else if (is_w(c, "customXml") || is_w(c, "ins")) {
            read_body(rc, c);
        }
    }
}

JxDoc *jx_docx_read(const guint8 *data, gsize len, GError **error)
{
    g_return_val_if_fail(data != NULL || len == 0, NULL);
    g_return_val_if_fail(error == NULL || *error == NULL, NULL);
    gsize xml_len = 0;
    JxZip *zip = jx_zip_open(data, len, error);
    guint8 *xml = zip ? jx_zip_read(zip, "word/document.xml", "a DOCX", &xml_len, error)
                      : NULL;
    jx_zip_close(zip);
    if (!xml)
        return NULL;
    xmlDoc *x = xmlReadMemory((const char *)xml, (int)MIN(xml_len, (gsize)G_MAXINT),
                              "document.xml", NULL,
                              XML_PARSE_NONET | XML_PARSE_NOERROR |
                                  XML_PARSE_NOWARNING);
    g_free(xml);
    if (!x) {
        const xmlError *e = xmlGetLastError();
        char *msg = g_strstrip(g_strdup(e && e->message ? e->message : "unknown error"));
        g_set_error(error, JX_ERROR, JX_ERROR_CORRUPT,
                    "word/document.xml does not parse: %s", msg);
        g_free(msg);
        return NULL;
    }
    const xmlNode *root = xmlDocGetRootElement(x);
    const xmlNode *body = root && is_w(root, "document") ? w_child(root, "body") : NULL;
    if (!body) {
        xmlFreeDoc(x);
        g_set_error(error, JX_ERROR, JX_ERROR_CORRUPT,
                    "word/document.xml has no w:document/w:body");
        return NULL;
    }
    ReadCtx rc = {jx_doc_new("docx"), NULL, 0, FALSE};
    read_body(&rc, body);
    xmlFreeDoc(x);
    if (rc.too_large) {
        jx_doc_free(rc.doc);
        g_set_error(error, JX_ERROR, JX_ERROR_TOO_LARGE,
                    "its tables have more than %u rows x columns", JX_DOCX_MAX_POSITIONS);
        return NULL;
    }
    return rc.doc;
}
