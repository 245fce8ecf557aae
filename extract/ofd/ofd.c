#include "extract/ofd/ofd.h"

#include <math.h>
#include <string.h>

#include <libxml/parser.h>

#include "common/error.h"
#include "extract/geom/blocks.h"
#include "extract/geom/layout.h"
#include "extract/geom/ruling.h"
#include "extract/ocr/scan.h"
#include "extract/ofd/ofd_image.h"
#include "extract/ofd/ofd_page.h"
#include "extract/pdf/crosspage.h"
#include "extract/zip.h"

#define MM_TO_PT (72.0 / 25.4)

static gboolean named(const xmlNode *n, const char *local)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, local) == 0;
}

static const xmlNode *child(const xmlNode *n, const char *local)
{
    for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (named(c, local))
            return c;
    return NULL;
}

/* Text of an element, trimmed (a new string: g_free), or NULL. */
static char *text_of(const xmlNode *n)
{
    if (!n)
        return NULL;
    xmlChar *t = xmlNodeGetContent(n);
    char *r = t ? g_strstrip(g_strdup((const char *)t)) : NULL;
    if (t)
        xmlFree(t);
    return r;
}

static char *attr_of(const xmlNode *n, const char *name)
{
    xmlChar *t = n ? xmlGetProp(n, (const xmlChar *)name) : NULL;
    char *r = t ? g_strstrip(g_strdup((const char *)t)) : NULL;
    if (t)
        xmlFree(t);
    return r;
}

/* The package path `loc` names in the file at `from` (a package path):
 * absolute from the root when it starts with '/', else relative to from's
 * folder; "." and ".." resolved. A new string (g_free). */
static char *resolve(const char *from, const char *loc)
{
    GString *path = g_string_new(NULL);
    if (loc[0] != '/' && from) {
        const char *slash = strrchr(from, '/');
        if (slash)
            g_string_append_len(path, from, slash - from + 1);
    }
    g_string_append(path, loc);
    char **parts = g_strsplit(path->str, "/", -1);
    GPtrArray *keep = g_ptr_array_new();
    for (char **p = parts; *p; p++) {
        if (!**p || strcmp(*p, ".") == 0)
            continue;
        if (strcmp(*p, "..") == 0) {
            if (keep->len)
                g_ptr_array_remove_index(keep, keep->len - 1);
            continue;
        }
        g_ptr_array_add(keep, *p);
    }
    g_ptr_array_add(keep, NULL);
    char *r = g_strjoinv("/", (char **)keep->pdata);
    g_ptr_array_free(keep, TRUE);
    g_strfreev(parts);
    g_string_free(path, TRUE);
    return r;
}

typedef struct {
    JxZip *zip;
    JxDoc *doc;
    GHashTable *templates; /* template ID -> xmlDoc* of its content (owned) */
    gsize glyphs;
    const char *docpath;      /* Document.xml's name */
    const xmlNode *common;    /* its CommonData (or NULL) */
    GHashTable *media;        /* resource ID -> member name, both owned; NULL until a scan */
} Ctx;

/* The member `loc` names in `from`, parsed: relative to from, or, when no
 * such member is there, from the root (some producers write root paths
 * without the '/'). Sets *part to the member's name (transfer full). NULL
 * with JX_ERROR_CORRUPT for a missing member or XML that does not parse
 * (the message names the part), or a zip.h error. */
static xmlDoc *read_part(Ctx *cx, const char *from, const char *loc, char **part,
                         GError **error)
{
    char *name = resolve(from, loc);
    if (!jx_zip_has(cx->zip, name)) {
        char *root = resolve(NULL, loc);
        if (jx_zip_has(cx->zip, root)) {
            g_free(name);
            name = root;
        } else {
            g_free(root);
        }
    }
    *part = name;
    if (!jx_zip_has(cx->zip, name)) {
        g_set_error(error, JX_ERROR, JX_ERROR_CORRUPT, "the OFD has no %s", name);
        return NULL;
    }
    gsize len = 0;
    guint8 *xml = jx_zip_read(cx->zip, name, "an OFD", &len, error);
    if (!xml)
        return NULL;
    xmlDoc *x = xmlReadMemory((const char *)xml, (int)MIN(len, (gsize)G_MAXINT), name, NULL,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    g_free(xml);
    if (!x || !xmlDocGetRootElement(x)) {
        const xmlError *e = xmlGetLastError();
        char *msg = g_strstrip(g_strdup(e && e->message ? e->message : "unknown error"));
        g_set_error(error, JX_ERROR, JX_ERROR_CORRUPT, "the OFD's %s does not parse: %s", name,
                    msg);
        g_free(msg);
        if (x)
            xmlFreeDoc(x);
        return NULL;
    }
    return x;
}

/* Reads the document's TemplatePages into cx->templates. */
static gboolean read_templates(Ctx *cx, const xmlNode *common, const char *docpath,
                               GError **error)
{
    for (const xmlNode *t = common ? common->children : NULL; t; t = t->next) {
        if (!named(t, "TemplatePage"))
            continue;
        char *id = attr_of(t, "ID"), *loc = attr_of(t, "BaseLoc");
        gboolean ok = TRUE;
        if (id && loc && *loc) {
            char *part = NULL;
            xmlDoc *x = read_part(cx, docpath, loc, &part, error);
            g_free(part);
            if (x)
                g_hash_table_replace(cx->templates, g_strdup(id), x);
            else
                ok = FALSE;
        }
        g_free(id);
        g_free(loc);
        if (!ok)
            return FALSE;
    }
    return TRUE;
}

static void add_note(JxDoc *doc, const char *note)
{
    for (guint i = 0; i < doc->notes->len; i++)
        if (strcmp(g_ptr_array_index(doc->notes, i), note) == 0)
            return;
    g_ptr_array_add(doc->notes, g_strdup(note));
}

/* Adds the objects of the page's templates (those its Template elements
 * name, in their order). */
static gboolean add_templates(Ctx *cx, JxOfdPage *pg, const xmlNode *page,
                              const JxOfdMatrix *to_pt, GError **error)
{
    for (const xmlNode *t = page->children; t; t = t->next) {
        if (!named(t, "Template"))
            continue;
        char *id = attr_of(t, "TemplateID");
        xmlDoc *x = id ? g_hash_table_lookup(cx->templates, id) : NULL;
        g_free(id);
        if (x && !jx_ofd_page_add(pg, xmlDocGetRootElement(x), to_pt, "a template page", error))
            return FALSE;
    }
    return TRUE;
}

/* Width and height (mm) of an Area or PageArea's PhysicalBox into *w, *h;
 * FALSE (untouched) when it has none that makes sense. */
static gboolean area_size(const xmlNode *area, double *w, double *h)
{
    char *box = text_of(child(area, "PhysicalBox"));
    double v[4];
    int i = 0;
    for (const char *p = box; p && i < 4; i++) {
        char *end;
        v[i] = g_ascii_strtod(p, &end);
        if (end == p || !isfinite(v[i]))
            break;
        p = end;
    }
    g_free(box);
    if (i < 4 || !(v[2] > 0 && v[3] > 0 && v[2] < 1e5 && v[3] < 1e5))
        return FALSE;
    *w = v[2];
    *h = v[3];
    return TRUE;
}

/* Adds the MultiMedia of the resource file `loc` (named in `from`) to
 * cx->media: each ID's MediaFile, relative to the file's BaseLoc folder.
 * A resource file that is missing or does not parse adds nothing. */
static void add_resources(Ctx *cx, const char *from, const char *loc)
{
    char *part = NULL;
    GError *err = NULL;
    xmlDoc *x = read_part(cx, from, loc, &part, &err);
    g_clear_error(&err);
    if (!x) {
        g_free(part);
        return;
    }
    const xmlNode *res = xmlDocGetRootElement(x);
    char *base = attr_of(res, "BaseLoc");
    char *dir = NULL;
    if (base && *base) {
        char *folder = resolve(part, base);
        dir = g_strconcat(folder, "/", NULL);
        g_free(folder);
    }
    for (const xmlNode *mm = child(res, "MultiMedias") ? child(res, "MultiMedias")->children
                                                        : NULL;
         mm; mm = mm->next) {
        char *id = named(mm, "MultiMedia") ? attr_of(mm, "ID") : NULL;
        char *file = id ? text_of(child(mm, "MediaFile")) : NULL;
        if (id && file && *file)
            g_hash_table_replace(cx->media, g_strdup(id), resolve(dir ? dir : part, file));
        g_free(id);
        g_free(file);
    }
    g_free(dir);
    g_free(base);
    g_free(part);
    xmlFreeDoc(x);
}

/* Adds the resource files that the children `what` of n name (relative to `from`). */
static void add_resource_files(Ctx *cx, const xmlNode *n, const char *what, const char *from)
{
    for (const xmlNode *c = n ? n->children : NULL; c; c = c->next) {
        char *loc = named(c, what) ? text_of(c) : NULL;
        if (loc && *loc)
            add_resources(cx, from, loc);
        g_free(loc);
    }
}

/* A decoded picture of a scan page and where it goes (points). */
typedef struct {
    GPtrArray *surfaces; /* cairo_surface_t* */
    GArray *where;       /* JxOfdMatrix of each: its unit square on the page */
} Pictures;

/* Draws the pictures of a page for the scan module (a JxScanDraw). */
static void draw_pictures(cairo_t *cr, gpointer data)
{
    const Pictures *pics = data;
    for (guint i = 0; i < pics->surfaces->len; i++) {
        cairo_surface_t *s = g_ptr_array_index(pics->surfaces, i);
        const JxOfdMatrix *m = &g_array_index(pics->where, JxOfdMatrix, i);
        cairo_matrix_t cm = {m->a, m->b, m->c, m->d, m->e, m->f};
        if (cairo_matrix_invert(&(cairo_matrix_t){m->a, m->b, m->c, m->d, 0, 0}) !=
            CAIRO_STATUS_SUCCESS)
            continue; /* a picture squeezed to nothing */
        cairo_save(cr);
        cairo_transform(cr, &cm);
        cairo_scale(cr, 1.0 / cairo_image_surface_get_width(s),
                    1.0 / cairo_image_surface_get_height(s));
        cairo_set_source_surface(cr, s, 0, 0);
        cairo_paint(cr);
        cairo_restore(cr);
    }
}

/* A page of pictures and no text (a scan): its PNG and JPEG images drawn
 * and read by OCR (extract/ocr/scan.h), the page listed without text
 * unless they show nothing. When none decodes, or OCR cannot be had, the
 * document carries a note that says so. */
static void scan_page(Ctx *cx, const JxOfdPage *pg, const xmlNode *page, const char *part,
                      int pageno)
{
    if (!cx->media) {
        cx->media = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
        add_resource_files(cx, cx->common, "PublicRes", cx->docpath);
        add_resource_files(cx, cx->common, "DocumentRes", cx->docpath);
    }
    add_resource_files(cx, page, "PageRes", part);
    Pictures pics = {g_ptr_array_new_with_free_func((GDestroyNotify)cairo_surface_destroy),
                     g_array_new(FALSE, FALSE, sizeof(JxOfdMatrix))};
    for (guint i = 0; i < pg->images->len; i++) {
        const JxOfdImage *im = g_ptr_array_index(pg->images, i);
        const char *name = g_hash_table_lookup(cx->media, im->resource);
        GError *err = NULL;
        gsize len = 0;
        guint8 *bytes = name && jx_zip_has(cx->zip, name)
                            ? jx_zip_read(cx->zip, name, "an OFD", &len, &err)
                            : NULL;
        g_clear_error(&err);
        cairo_surface_t *s = jx_ofd_image_decode(bytes, len);
        g_free(bytes);
        if (s) {
            g_ptr_array_add(pics.surfaces, s);
            g_array_append_val(pics.where, im->m);
        }
    }
    double w = 210, h = 297;
    area_size(child(cx->common, "PageArea"), &w, &h);
    area_size(child(page, "Area"), &w, &h);
    GError *err = NULL;
    gboolean blank = FALSE;
    if (pics.surfaces->len == 0)
        add_note(cx->doc, "OFD pages of images jixiao does not decode (it reads PNG and JPEG) "
                          "stay unread");
    else if (jx_scan_page(cx->doc, pageno, w * MM_TO_PT, h * MM_TO_PT, draw_pictures, &pics,
                          &blank, &err))
        cx->doc->ocr_pages += !blank;
    else if (g_error_matches(err, JX_ERROR, JX_ERROR_UNSUPPORTED))
        add_note(cx->doc, err->message);
    if (!blank) /* pictures of nothing (blank paper) are no page without text */
        g_array_append_val(cx->doc->pages_without_text, pageno);
    g_clear_error(&err); /* too large: the page is listed without text anyway */
    g_ptr_array_free(pics.surfaces, TRUE);
    g_array_free(pics.where, TRUE);
}

/* Reads page number `pageno` (its Page element in Document.xml) into cx->doc. */
static gboolean read_page(Ctx *cx, const xmlNode *page_el, const char *docpath, int pageno,
                          GError **error)
{
    char *loc = attr_of(page_el, "BaseLoc");
    if (!loc || !*loc) {
        g_set_error(error, JX_ERROR, JX_ERROR_CORRUPT, "page %d of the OFD has no BaseLoc",
                    pageno);
        g_free(loc);
        return FALSE;
    }
    char *part = NULL;
    xmlDoc *x = read_part(cx, docpath, loc, &part, error);
    g_free(loc);
    if (!x) {
        g_free(part);
        return FALSE;
    }
    const xmlNode *root = xmlDocGetRootElement(x);
    JxOfdMatrix to_pt = jx_ofd_matrix_offset_scale(0, 0, MM_TO_PT);
    JxOfdPage pg = {g_array_new(FALSE, FALSE, sizeof(JxGlyph)),
                    g_array_new(FALSE, FALSE, sizeof(JxSeg)),
                    g_array_new(FALSE, FALSE, sizeof(JxSeg)),
                    g_ptr_array_new_with_free_func(jx_ofd_image_free), 0, 0, &cx->glyphs};
    gboolean ok = add_templates(cx, &pg, root, &to_pt, error) &&
                  jx_ofd_page_add(&pg, root, &to_pt, part, error);
    if (ok) {
        jx_ofd_segs_merge(pg.hsegs, pg.vsegs);
        if (pg.hsegs->len > JX_OFD_MAX_SEGS || pg.vsegs->len > JX_OFD_MAX_SEGS) {
            g_set_error(error, JX_ERROR, JX_ERROR_TOO_LARGE,
                        "an OFD page draws more than %d ruling lines (%s)", JX_OFD_MAX_SEGS,
                        part);
            ok = FALSE;
        }
    }
    if (ok && pg.glyphs->len == 0 && pg.images->len) {
        scan_page(cx, &pg, root, part, pageno);
    } else if (ok && pg.glyphs->len == 0 && pg.path_ops) { /* drawn, no text: unread */
        g_array_append_val(cx->doc->pages_without_text, pageno);
    } else if (ok && pg.glyphs->len) {
        GPtrArray *grids = jx_ruling_grids(pg.hsegs, pg.vsegs);
        jx_blocks_add_page(cx->doc, pg.glyphs, grids, pageno, 0);
        g_ptr_array_free(grids, TRUE);
    }
    g_array_free(pg.glyphs, TRUE);
    g_array_free(pg.hsegs, TRUE);
    g_array_free(pg.vsegs, TRUE);
    g_ptr_array_free(pg.images, TRUE);
    xmlFreeDoc(x);
    g_free(part);
    return ok;
}

/* The Document.xml named by OFD.xml's first DocBody, parsed; sets *docpath. */
static xmlDoc *document_root(Ctx *cx, char **docpath, GError **error)
{
    char *part = NULL;
    xmlDoc *ofd = read_part(cx, NULL, "OFD.xml", &part, error);
    g_free(part);
    if (!ofd)
        return NULL;
    const xmlNode *body = child(xmlDocGetRootElement(ofd), "DocBody");
    char *loc = text_of(child(body, "DocRoot"));
    xmlDoc *doc = NULL;
    if (!loc || !*loc)
        g_set_error(error, JX_ERROR, JX_ERROR_CORRUPT, "the OFD's OFD.xml names no DocRoot");
    else
        doc = read_part(cx, "OFD.xml", loc, docpath, error);
    g_free(loc);
    xmlFreeDoc(ofd);
    return doc;
}

static gboolean read_document(Ctx *cx, GError **error)
{
    char *docpath = NULL;
    xmlDoc *x = document_root(cx, &docpath, error);
    if (!x) {
        g_free(docpath);
        return FALSE;
    }
    const xmlNode *root = xmlDocGetRootElement(x);
    const xmlNode *common = child(root, "CommonData");
    cx->docpath = docpath;
    cx->common = common;
    gboolean ok = read_templates(cx, common, docpath, error);
    const xmlNode *pages = child(root, "Pages");
    int n = 0;
    for (const xmlNode *p = pages ? pages->children : NULL; p; p = p->next)
        if (named(p, "Page"))
            n++;
    if (ok && n == 0) {
        g_set_error(error, JX_ERROR, JX_ERROR_CORRUPT, "the OFD's %s has no pages", docpath);
        ok = FALSE;
    } else if (ok && n > JX_OFD_MAX_PAGES) {
        g_set_error(error, JX_ERROR, JX_ERROR_TOO_LARGE, "the OFD has more than %d pages",
                    JX_OFD_MAX_PAGES);
        ok = FALSE;
    }
    cx->doc->pages = n;
    int pageno = 0;
    for (const xmlNode *p = pages ? pages->children : NULL; ok && p; p = p->next)
        if (named(p, "Page"))
            ok = read_page(cx, p, docpath, ++pageno, error);
    xmlFreeDoc(x);
    g_free(docpath);
    return ok;
}

JxDoc *jx_ofd_read(const guint8 *data, gsize len, GError **error)
{
    g_return_val_if_fail(data != NULL || len == 0, NULL);
    g_return_val_if_fail(error == NULL || *error == NULL, NULL);
    Ctx cx = {jx_zip_open(data, len, error), NULL,
              g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)xmlFreeDoc),
              0, NULL, NULL, NULL};
    if (!cx.zip) {
        g_hash_table_destroy(cx.templates);
        return NULL;
    }
    cx.doc = jx_doc_new("ofd");
    gboolean ok = read_document(&cx, error);
    jx_zip_close(cx.zip);
    g_hash_table_destroy(cx.templates);
    if (cx.media)
        g_hash_table_destroy(cx.media);
    if (!ok) {
        jx_doc_free(cx.doc);
        return NULL;
    }
    if (cx.doc->ocr_pages == (guint)cx.doc->pages)
        cx.doc->text_source = "ocr";
    else if (cx.doc->ocr_pages > 0)
        cx.doc->text_source = "mixed";
    else if (cx.doc->pages_without_text->len == (guint)cx.doc->pages || cx.doc->blocks->len == 0)
        cx.doc->text_source = "none"; /* or blank */
    /* the glyph boxes come from widths guessed without the fonts' metrics
     * (a CJK letter as wide as the font size, others half): a space or a
     * column may be off, so no value read from the text is sure */
    if (cx.doc->ocr_pages < (guint)cx.doc->pages &&
        cx.doc->pages_without_text->len < (guint)cx.doc->pages)
        cx.doc->flags |= JX_FLAG_BIT(JX_FLAG_LAYOUT_ESTIMATED);
    jx_crosspage_join(cx.doc);
    return cx.doc;
}
