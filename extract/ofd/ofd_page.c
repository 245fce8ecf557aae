#include "extract/ofd/ofd_page.h"

#include <math.h>
#include <string.h>

#include "common/error.h"
#include "extract/geom/layout.h"
#include "extract/geom/ruling.h"

typedef struct {
    JxOfdPage *pg;
    const char *part;
    GError **error;
    gboolean failed;
} Walk;

void jx_ofd_image_free(gpointer image)
{
    JxOfdImage *im = image;
    if (im) {
        g_free(im->resource);
        g_free(im);
    }
}

static gboolean named(const xmlNode *n, const char *local)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, local) == 0;
}

/* An attribute's value (a new string: xmlFree), or NULL. */
static char *attr(const xmlNode *n, const char *name)
{
    return (char *)xmlGetProp(n, (const xmlChar *)name);
}

static double attr_double(const xmlNode *n, const char *name, double dflt)
{
    char *v = attr(n, name);
    double r = dflt;
    if (v) {
        char *end;
        double d = g_ascii_strtod(v, &end);
        if (end != v && isfinite(d))
            r = d;
        xmlFree(v);
    }
    return r;
}

static gboolean attr_bool(const xmlNode *n, const char *name, gboolean dflt)
{
    char *v = attr(n, name);
    gboolean r = dflt;
    if (v) {
        r = strcmp(v, "true") == 0 || strcmp(v, "1") == 0;
        xmlFree(v);
    }
    return r;
}

/* The object's map into points: its CTM, then its Boundary's origin, then
 * the enclosing map. */
static JxOfdMatrix object_matrix(const xmlNode *n, const JxOfdMatrix *outer)
{
    JxOfdMatrix m = jx_ofd_matrix_identity();
    char *ctm = attr(n, "CTM");
    jx_ofd_matrix_parse(ctm, &m);
    if (ctm)
        xmlFree(ctm);
    char *b = attr(n, "Boundary");
    if (b) {
        char *end;
        double x = g_ascii_strtod(b, &end);
        double y = end != b ? g_ascii_strtod(end, NULL) : 0;
        if (isfinite(x) && isfinite(y)) {
            m.e += x;
            m.f += y;
        }
        xmlFree(b);
    }
    return jx_ofd_matrix_then(&m, outer);
}

GArray *jx_ofd_deltas(const char *s, guint max)
{
    GArray *out = g_array_new(FALSE, FALSE, sizeof(double));
    const char *p = s;
    while (p && *p && out->len < max) {
        while (g_ascii_isspace(*p) || *p == ',')
            p++;
        if (!*p)
            break;
        char *end;
        if (*p == 'g') {
            p++;
            double n = g_ascii_strtod(p, &end);
            if (end == p)
                break;
            p = end;
            double d = g_ascii_strtod(p, &end);
            if (end == p || !isfinite(d))
                break;
            p = end;
            for (double k = 0; k < n && out->len < max; k++)
                g_array_append_val(out, d);
            continue;
        }
        double d = g_ascii_strtod(p, &end);
        if (end == p || !isfinite(d))
            break;
        p = end;
        g_array_append_val(out, d);
    }
    return out;
}

/* A glyph's own width at font size `size`: full for CJK and full-width
 * forms, half for the rest. */
static double natural_width(gunichar c, double size)
{
    return (c >= 0x2E80 && c < 0xFFA0) || c >= 0x20000 || (c >= 0x2010 && c <= 0x2027)
               ? size
               : size / 2;
}

static void add_glyph(JxOfdPage *pg, gunichar c, double x, double y, double w, double size,
                      const JxOfdMatrix *m)
{
    double xs[2] = {x, x + w}, ys[2] = {y - size * JX_OFD_ASCENT, y + size * JX_OFD_DESCENT};
    JxGlyph g = {c, G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE, FALSE};
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++) {
            double u, v;
            jx_ofd_matrix_apply(m, xs[i], ys[j], &u, &v);
            g.x0 = MIN(g.x0, u);
            g.x1 = MAX(g.x1, u);
            g.y0 = MIN(g.y0, v);
            g.y1 = MAX(g.y1, v);
        }
    g_array_append_val(pg->glyphs, g);
}

static gboolean too_many_glyphs(Walk *w)
{
    if (*w->pg->doc_glyphs <= JX_OFD_MAX_GLYPHS)
        return FALSE;
    g_set_error(w->error, JX_ERROR, JX_ERROR_TOO_LARGE,
                "the OFD has more than %d glyphs (%s)", JX_OFD_MAX_GLYPHS, w->part);
    return w->failed = TRUE;
}

static void text_object(Walk *w, const xmlNode *obj, const JxOfdMatrix *outer)
{
    JxOfdMatrix m = object_matrix(obj, outer);
    double size = attr_double(obj, "Size", 3.5);
    if (!(size > 0) || size > 1e4)
        size = 3.5;
    double x = 0, y = 0; /* where the next glyph goes, object space */
    for (const xmlNode *tc = obj->children; tc && !w->failed; tc = tc->next) {
        if (!named(tc, "TextCode"))
            continue;
        x = attr_double(tc, "X", x);
        y = attr_double(tc, "Y", y);
        char *text = (char *)xmlNodeGetContent(tc);
        if (!text)
            continue;
        glong n = g_utf8_strlen(text, -1);
        char *dxs = attr(tc, "DeltaX"), *dys = attr(tc, "DeltaY");
        GArray *dx = jx_ofd_deltas(dxs, (guint)MAX(n - 1, 0));
        GArray *dy = jx_ofd_deltas(dys, (guint)MAX(n - 1, 0));
        glong i = 0;
        for (const char *p = text; *p; p = g_utf8_next_char(p), i++) {
            gunichar c = g_utf8_get_char(p);
            double nat = natural_width(c, size);
            gboolean has_dx = (guint)i < dx->len;
            double step = has_dx ? g_array_index(dx, double, i) : nat;
            double wid = has_dx && step > 0 && step < nat ? step : nat;
            if (!g_unichar_isspace(c) && c != 0xFEFF) {
                (*w->pg->doc_glyphs)++;
                if (too_many_glyphs(w))
                    break;
                add_glyph(w->pg, c, x, y, wid, size, &m);
            }
            x += step;
            if ((guint)i < dy->len)
                y += g_array_index(dy, double, i);
        }
        g_array_free(dx, TRUE);
        g_array_free(dy, TRUE);
        if (dxs)
            xmlFree(dxs);
        if (dys)
            xmlFree(dys);
        xmlFree(text);
    }
}

static void path_object(Walk *w, const xmlNode *obj, const JxOfdMatrix *outer)
{
    gboolean stroke = attr_bool(obj, "Stroke", TRUE), fill = attr_bool(obj, "Fill", FALSE);
    if (!stroke && !fill)
        return;
    JxOfdMatrix m = object_matrix(obj, outer);
    for (const xmlNode *c = obj->children; c; c = c->next) {
        if (!named(c, "AbbreviatedData"))
            continue;
        char *d = (char *)xmlNodeGetContent(c);
        gsize left = JX_OFD_MAX_PATH_OPS - MIN(w->pg->path_ops, (gsize)JX_OFD_MAX_PATH_OPS);
        w->pg->path_ops +=
            jx_ofd_path_segments(d, &m, stroke, fill, left, w->pg->hsegs, w->pg->vsegs);
        if (d)
            xmlFree(d);
        if (w->pg->path_ops > JX_OFD_MAX_PATH_OPS) {
            g_set_error(w->error, JX_ERROR, JX_ERROR_TOO_LARGE,
                        "an OFD page has more than %d path operators (%s)",
                        JX_OFD_MAX_PATH_OPS, w->part);
            w->failed = TRUE;
        }
        return;
    }
}

/* The objects under n (a Layer, a PageBlock, a CompositeObject's
 * content...), depth first. */
static void objects(Walk *w, const xmlNode *n, const JxOfdMatrix *m)
{
    for (const xmlNode *c = n->children; c && !w->failed; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (++w->pg->objects > JX_OFD_MAX_OBJECTS) {
            g_set_error(w->error, JX_ERROR, JX_ERROR_TOO_LARGE,
                        "an OFD page has more than %d objects (%s)", JX_OFD_MAX_OBJECTS,
                        w->part);
            w->failed = TRUE;
            return;
        }
        if (named(c, "TextObject")) {
            text_object(w, c, m);
        } else if (named(c, "PathObject")) {
            path_object(w, c, m);
        } else if (named(c, "ImageObject")) {
            char *res = attr(c, "ResourceID");
            if (res) {
                JxOfdImage *im = g_new(JxOfdImage, 1);
                im->resource = g_strstrip(g_strdup(res));
                im->m = object_matrix(c, m);
                g_ptr_array_add(w->pg->images, im);
                xmlFree(res);
            }
        } else if (named(c, "PageBlock") || named(c, "Layer") || named(c, "Content")) {
            JxOfdMatrix inner = *m;
            JxOfdMatrix ctm;
            char *s = attr(c, "CTM");
            if (jx_ofd_matrix_parse(s, &ctm))
                inner = jx_ofd_matrix_then(&ctm, m);
            if (s)
                xmlFree(s);
            objects(w, c, &inner);
        }
    }
}

gboolean jx_ofd_page_add(JxOfdPage *pg, const xmlNode *page_root, const JxOfdMatrix *to_pt,
                         const char *part, GError **error)
{
    Walk w = {pg, part, error, FALSE};
    if (named(page_root, "Page")) {
        for (const xmlNode *c = page_root->children; c && !w.failed; c = c->next)
            if (named(c, "Content"))
                objects(&w, c, to_pt);
    } else {
        objects(&w, page_root, to_pt);
    }
    return !w.failed;
}
