/* The review page (sink/review.h) and `jixiao review`: the page opened in
 * headless Chromium, its DOM read back after the page's script ran. Every
 * record is on the page; the outline of each cell of a record that needs a
 * look sits, as the browser lays it out over the page image, on the cell's
 * box in the document model; the page image is drawn in the frame of those
 * boxes (the ruling lines of a scan run along the cells' edges); a DOCX's
 * grid is the model's cells with their spans; the filter hides what needs
 * no look. Where Chromium is not installed the browser tests say so on one
 * line and check nothing else. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>

#include "extract/pdf/render.h"
#include "normalize/text.h"
#include "pipeline/pipeline.h"
#include "sink/review.h"
#include "tests/harness.h"

static const char *bin(void)
{
    const char *b = g_getenv("JIXIAO_BIN");
    return b ? b : "build/jixiao";
}

/* The Chromium binary (transfer full), or NULL after saying why the
 * browser checks are skipped. */
static char *chromium(void)
{
    char *c = g_find_program_in_path("chromium");
    if (!c)
        c = g_find_program_in_path("chromium-browser");
    if (!c)
        fprintf(stderr, "\n    review: chromium is not installed (scripts/install-deps.sh installs it): "
                        "browser checks skipped\n");
    return c;
}

/* One document read as `jixiao review` reads it. */
typedef struct {
    const char *path;
    gchar *data;
    gsize len;
    JxRuleset *rs;
    JxDoc *doc;
    JxDocRecords *d;
    JxPdfRender *pdf;
} Read;

static gboolean read_doc(const char *path, Read *r)
{
    memset(r, 0, sizeof *r);
    r->path = path;
    if (!g_file_get_contents(path, &r->data, &r->len, NULL)) {
        JX_FAIL_MSG("cannot read %s", path);
        return FALSE;
    }
    r->rs = jx_pipeline_rules(NULL, NULL);
    r->d = jx_pipeline_data_doc(path, (const guint8 *)r->data, r->len, r->rs, &r->doc);
    if (!r->doc || !r->d->result) {
        JX_FAIL_MSG("%s was not read", path);
        return FALSE;
    }
    if (!strcmp(r->doc->format, "pdf"))
        r->pdf = jx_pdf_render_open((const guint8 *)r->data, r->len, NULL);
    return TRUE;
}

static void read_clear(Read *r)
{
    jx_pdf_render_close(r->pdf);
    jx_doc_free(r->doc);
    jx_doc_records_free(r->d);
    jx_ruleset_free(r->rs);
    g_free(r->data);
}

static GBytes *draw(int page, const JxPageView *view, double px, gboolean picture,
                    double *w, double *h, const char **mime, gpointer ctx)
{
    return jx_pdf_render_image(ctx, page, view, px, picture, w, h, mime, NULL);
}

/* The review page of r written to a new file in dir (transfer full). */
static char *write_review(Read *r, const char *dir, JxReviewCounts *n)
{
    GString *page = g_string_new(NULL);
    jx_review_html(page, r->path, r->doc, r->d->result, r->rs, r->pdf ? draw : NULL, r->pdf, n);
    char *base = g_path_get_basename(r->path);
    char *file = g_strdup_printf("%s/%s.html", dir, base);
    CU_ASSERT_TRUE(g_file_set_contents(file, page->str, (gssize)page->len, NULL));
    g_string_free(page, TRUE);
    g_free(base);
    return file;
}

/* Runs Chromium headless on file#hash with the extra argument arg
 * ("--dump-dom", "--screenshot=..."); its stdout (transfer full), or NULL. */
static char *run_chromium(const char *browser, const char *file, const char *hash, const char *arg)
{
    char *abs = g_canonicalize_filename(file, NULL);
    char *uri = g_filename_to_uri(abs, NULL, NULL);
    char *url = g_strconcat(uri, hash, NULL);
    const char *argv[] = {browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                          "--window-size=1400,900", "--virtual-time-budget=5000", arg, url, NULL};
    char *out = NULL, *err = NULL;
    int wait = 0;
    GError *e = NULL;
    if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &wait, &e) ||
        !g_spawn_check_wait_status(wait, NULL)) {
        JX_FAIL_MSG("chromium on %s: %s", url, e ? e->message : err);
        g_clear_error(&e);
        g_clear_pointer(&out, g_free);
    }
    g_free(err);
    g_free(url);
    g_free(uri);
    g_free(abs);
    return out;
}

/* The DOM of file#hash after its script ran (transfer full: xmlFreeDoc). */
static htmlDocPtr browser_dom(const char *browser, const char *file, const char *hash)
{
    char *dom = run_chromium(browser, file, hash, "--dump-dom");
    if (!dom)
        return NULL;
    htmlDocPtr h = htmlReadMemory(dom, (int)strlen(dom), NULL, "UTF-8",
                                  HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                      XML_PARSE_HUGE);
    g_free(dom);
    CU_ASSERT_PTR_NOT_NULL(h);
    return h;
}

/* The element with id, or NULL. */
static xmlNodePtr by_id(htmlDocPtr h, const char *id)
{
    char *q = g_strdup_printf("//*[@id='%s']", id);
    xmlXPathContextPtr ctx = xmlXPathNewContext(h);
    xmlXPathObjectPtr o = xmlXPathEvalExpression((const xmlChar *)q, ctx);
    xmlNodePtr n = o && o->nodesetval && o->nodesetval->nodeNr ? o->nodesetval->nodeTab[0] : NULL;
    xmlXPathFreeObject(o);
    xmlXPathFreeContext(ctx);
    g_free(q);
    return n;
}

static int count(htmlDocPtr h, const char *q)
{
    xmlXPathContextPtr ctx = xmlXPathNewContext(h);
    xmlXPathObjectPtr o = xmlXPathEvalExpression((const xmlChar *)q, ctx);
    int n = o && o->nodesetval ? o->nodesetval->nodeNr : 0;
    xmlXPathFreeObject(o);
    xmlXPathFreeContext(ctx);
    return n;
}

/* An attribute's value (transfer full), or NULL. */
static char *attr(xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    char *s = v ? g_strdup((const char *)v) : NULL;
    xmlFree(v);
    return s;
}

static gboolean has_class(xmlNodePtr n, const char *cls)
{
    char *c = attr(n, "class");
    char **parts = g_strsplit(c ? c : "", " ", -1);
    gboolean yes = g_strv_contains((const char *const *)parts, cls);
    g_strfreev(parts);
    g_free(c);
    return yes;
}

/* A record of the result as the page names it. */
typedef struct {
    char *id;
    const JxSource *src;
    const char *name; /* indicators: the name its cells hold; else NULL */
    double conf;
    guint flags;
} Rec;

static GArray *records_of(const JxResult *res)
{
    GArray *a = g_array_new(FALSE, FALSE, sizeof(Rec));
    for (guint i = 0; i < res->forms->len; i++) {
        const JxForm *f = g_ptr_array_index(res->forms, i);
        for (guint k = 0; k < f->funds->len; k++) {
            const JxFund *x = g_ptr_array_index(f->funds, k);
            Rec r = {g_strdup_printf("f%d-%u", f->index, k), &x->src, NULL, x->confidence, x->flags};
            g_array_append_val(a, r);
        }
        for (guint k = 0; k < f->indicators->len; k++) {
            const JxIndicator *x = g_ptr_array_index(f->indicators, k);
            Rec r = {g_strdup_printf("i%d-%u", f->index, k), &x->src, x->name, x->confidence,
                     x->flags};
            g_array_append_val(a, r);
        }
        if (f->total_weight.set || f->total_score.set) {
            Rec r = {g_strdup_printf("t%d", f->index), &f->src, NULL, f->confidence, f->flags};
            g_array_append_val(a, r);
        }
    }
    return a;
}

static void records_free(GArray *a)
{
    for (guint i = 0; i < a->len; i++)
        g_free(g_array_index(a, Rec, i).id);
    g_array_free(a, TRUE);
}

static const JxCell *model_cell(const JxDoc *doc, const char *id)
{
    int b = -1, i = -1;
    if (sscanf(id, "c%d-%d", &b, &i) != 2 || b < 0 || (guint)b >= doc->blocks->len)
        return NULL;
    const JxBlock *blk = g_ptr_array_index(doc->blocks, b);
    if (blk->kind != JX_BLOCK_TABLE || i < 0 || (guint)i >= blk->table->cells->len)
        return NULL;
    return g_ptr_array_index(blk->table->cells, i);
}

/* Whether some cell of ids holds name (compared without spaces). */
static gboolean cells_hold(const JxDoc *doc, char **ids, const char *name)
{
    char *want = jx_text_compact(name);
    gboolean found = FALSE;
    for (int k = 0; ids[k] && !found; k++) {
        const JxCell *c = model_cell(doc, ids[k]);
        char *have = c ? jx_text_compact(c->text) : NULL;
        found = have && strstr(have, want);
        g_free(have);
    }
    g_free(want);
    return found;
}

/* Of the ruling line along x = x px (from y0 to y1 px) of a page image: the
 * share of its rows with a dark pixel within 3 px of x. */
static double ink_along(cairo_surface_t *s, double x, double y0, double y1)
{
    const guint8 *data = cairo_image_surface_get_data(s);
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s), rows = 0, dark = 0;
    for (int y = (int)y0 + 3; y < (int)y1 - 3 && y < h; y++, rows++) {
        const guint32 *row = (const guint32 *)(const void *)(data + (gsize)y * (gsize)stride);
        for (int dx = -3; dx <= 3; dx++) {
            int xi = (int)(x + 0.5) + dx;
            if (xi >= 0 && xi < w && ((row[xi] >> 8) & 0xff) < 160) {
                dark++;
                break;
            }
        }
    }
    return rows ? (double)dark / rows : 1.0;
}

typedef struct {
    int records, flagged, cells, ruled; /* what was checked */
} Checked;

/* The page of path in the browser: every record there, with its name; each
 * cell of a record that needs a look outlined at its model box (pages) or
 * a grid cell with its spans (no pages); with ruled, each such cell's left
 * edge on a ruling line of the page image. */
static void check_page(const char *browser, const char *dir, const char *path, gboolean ruled,
                       Checked *ck)
{
    Read r;
    if (!read_doc(path, &r)) {
        read_clear(&r);
        return;
    }
    JxReviewCounts n;
    char *file = write_review(&r, dir, &n);
    htmlDocPtr h = browser_dom(browser, file, "#measure");
    GArray *recs = records_of(r.d->result);
    CU_ASSERT_EQUAL(n.records, recs->len);
    CU_ASSERT_EQUAL(count(h, "//tr[contains(concat(' ',@class,' '),' rec ')]"), (int)recs->len);
    for (guint k = 0; h && k < recs->len; k++) {
        const Rec *rec = &g_array_index(recs, Rec, k);
        xmlNodePtr row = by_id(h, rec->id);
        if (!row) {
            JX_FAIL_MSG("%s: record %s is not on the page", path, rec->id);
            continue;
        }
        ck->records++;
        xmlChar *text = xmlNodeGetContent(row);
        if (rec->name && !strstr((const char *)text, rec->name))
            JX_FAIL_MSG("%s: row %s does not show %s", path, rec->id, rec->name);
        xmlFree(text);
        gboolean need = jx_review_needs_look(rec->conf, rec->flags, r.rs);
        CU_ASSERT_EQUAL(has_class(row, "need"), need);
        if (!need || !rec->src->n)
            continue;
        ck->flagged++;
        char *cells = attr(row, "data-cells");
        char **ids = g_strsplit(cells ? cells : "", " ", -1);
        CU_ASSERT_EQUAL(g_strv_length(ids), rec->src->n);
        if (rec->name && !cells_hold(r.doc, ids, rec->name))
            JX_FAIL_MSG("%s: no cell of %s holds its name %s", path, rec->id, rec->name);
        for (int c = 0; ids[c]; c++) {
            const JxCell *mc = model_cell(r.doc, ids[c]);
            xmlNodePtr el = by_id(h, ids[c]);
            if (!mc || !el) {
                JX_FAIL_MSG("%s: cell %s of %s is not on the page", path, ids[c], rec->id);
                continue;
            }
            char *recs_of_cell = attr(el, "data-recs");
            char **back = g_strsplit(recs_of_cell ? recs_of_cell : "", " ", -1);
            CU_ASSERT_TRUE(g_strv_contains((const char *const *)back, rec->id));
            g_strfreev(back);
            g_free(recs_of_cell);
            ck->cells++;
            char *rendered = attr(el, "data-rendered");
            if (mc->page > 0 && r.pdf) { /* an outline on the page image */
                double b[4] = {-1, -1, -1, -1};
                if (!rendered || sscanf(rendered, "%lf %lf %lf %lf", b, b + 1, b + 2, b + 3) != 4) {
                    JX_FAIL_MSG("%s: cell %s has no outline laid out", path, ids[c]);
                } else if (fabs(b[0] - mc->x0) > 0.5 || fabs(b[1] - mc->y0) > 0.5 ||
                           fabs(b[2] - mc->x1) > 0.5 || fabs(b[3] - mc->y1) > 0.5) {
                    JX_FAIL_MSG("%s: cell %s outlined at %s, its box is %.2f %.2f %.2f %.2f", path,
                                ids[c], rendered, mc->x0, mc->y0, mc->x1, mc->y1);
                }
                char *pg = attr(el->parent->parent, "data-page");
                CU_ASSERT_EQUAL(pg ? atoi(pg) : -1, mc->page);
                g_free(pg);
            } else { /* a cell of the grid, with its spans */
                char *rs = attr(el, "rowspan"), *cs = attr(el, "colspan");
                CU_ASSERT_STRING_EQUAL((const char *)el->name, "td");
                CU_ASSERT_EQUAL(rs ? atoi(rs) : 1, mc->rowspan);
                CU_ASSERT_EQUAL(cs ? atoi(cs) : 1, mc->colspan);
                g_free(rs);
                g_free(cs);
            }
            g_free(rendered);
            if (ruled && mc->page > 0 && r.pdf) {
                /* drawn as the page image is, finer: a thin line of a
                 * scan fades to gray at screen resolution */
                const double px = 3 * JX_REVIEW_SCALE;
                JxPageView view = jx_doc_view(r.doc, mc->page);
                double w, hh;
                cairo_surface_t *s = jx_pdf_render_surface(r.pdf, mc->page, &view, px, &w, &hh, NULL);
                CU_ASSERT_PTR_NOT_NULL_FATAL(s);
                double ink = ink_along(s, mc->x0 * px, mc->y0 * px, mc->y1 * px);
                if (ink < 0.8)
                    JX_FAIL_MSG("%s: cell %s: its left edge is on a ruling line for %.0f%% of it",
                                path, ids[c], ink * 100);
                ck->ruled++;
                cairo_surface_destroy(s);
            }
        }
        g_strfreev(ids);
        g_free(cells);
    }
    records_free(recs);
    if (h)
        xmlFreeDoc(h);
    g_free(file);
    read_clear(&r);
}

static void test_review_pages(void)
{
    char *browser = chromium();
    if (!browser)
        return;
    char *dir = g_dir_make_tmp("jixiao-review-XXXXXX", NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
    Checked unruled = {0}, scan = {0}, turned = {0}, docx = {0};
    check_page(browser, dir, "corpus/gen-unruled/w-gen-0002.pdf", FALSE, &unruled);
    /* a scan declared at 72 dpi: its boxes are of the page read at its own scale */
    check_page(browser, dir, "corpus/scanned/003-guangshui-common-72dpi.pdf", TRUE, &scan);
    check_page(browser, dir, "corpus/scanned/2021-template-cost-sideways.pdf", TRUE, &turned);
    check_page(browser, dir, "corpus/docx/001-longgang-3forms.docx", FALSE, &docx);
    /* what the checks saw (they must have had something to check) */
    CU_ASSERT_EQUAL(unruled.records, 6);
    CU_ASSERT_EQUAL(unruled.flagged, 6);
    CU_ASSERT_TRUE(scan.flagged >= 2 && scan.ruled >= 10);
    CU_ASSERT_TRUE(turned.flagged >= 1 && turned.ruled >= 5);
    CU_ASSERT_TRUE(docx.records >= 30);
    fprintf(stderr, "\n    review: %d/%d/%d/%d records, %d/%d/%d/%d flagged with %d/%d/%d/%d cells "
                    "(%d/%d on ruling lines)\n",
            unruled.records, scan.records, turned.records, docx.records, unruled.flagged,
            scan.flagged, turned.flagged, docx.flagged, unruled.cells, scan.cells, turned.cells,
            docx.cells, scan.ruled, turned.ruled);
    g_free(browser);
    char *rm = g_strdup_printf("rm -rf '%s'", dir);
    CU_ASSERT_EQUAL(system(rm), 0);
    g_free(rm);
    g_free(dir);
}

/* The filter: with it on, the rows that need no look are hidden, the
 * others shown (as the browser lays them out). */
static void test_review_filter(void)
{
    char *browser = chromium();
    if (!browser)
        return;
    char *dir = g_dir_make_tmp("jixiao-review-XXXXXX", NULL);
    Read r;
    if (read_doc("corpus/pdf-rotated/000-tongzhou-5forms.pdf", &r)) {
        JxReviewCounts n;
        char *file = write_review(&r, dir, &n);
        CU_ASSERT_TRUE(n.need > 0 && n.need < n.records);
        htmlDocPtr h = browser_dom(browser, file, "#only,measure");
        CU_ASSERT_EQUAL(count(h, "//tr[@data-shown='1']"), (int)n.need);
        CU_ASSERT_EQUAL(count(h, "//tr[@data-shown='0']"), (int)(n.records - n.need));
        CU_ASSERT_EQUAL(count(h, "//tr[@data-shown='1' and not(contains(@class,'need'))]"), 0);
        if (h)
            xmlFreeDoc(h);
        /* the screenshot README shows is taken this way (docs/review.png) */
        char *shot = g_build_filename(dir, "shot.png", NULL);
        char *arg = g_strdup_printf("--screenshot=%s", shot);
        g_free(run_chromium(browser, file, "#rec=f0-0", arg));
        gchar *png = NULL;
        gsize len = 0;
        CU_ASSERT_TRUE(g_file_get_contents(shot, &png, &len, NULL));
        CU_ASSERT_TRUE(len > 24 && !memcmp(png, "\x89PNG\r\n\x1a\n", 8));
        if (len > 24) { /* IHDR: the window's size */
            const guint8 *p = (const guint8 *)png + 16;
            CU_ASSERT_EQUAL((p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3]), 1400);
            CU_ASSERT_EQUAL((p[4] << 24 | p[5] << 16 | p[6] << 8 | p[7]), 900);
        }
        g_free(png);
        g_free(arg);
        g_free(shot);
        g_free(file);
    }
    read_clear(&r);
    char *rm = g_strdup_printf("rm -rf '%s'", dir);
    CU_ASSERT_EQUAL(system(rm), 0);
    g_free(rm);
    g_free(dir);
    g_free(browser);
}

/* Page images stay small: a scanned page as JPEG, well under 0.5 MB at
 * screen resolution; a born-digital page as PNG (sharp text). Nothing is
 * fetched from elsewhere. */
static void page_sizes(const char *path, const char *mime, gsize most_per_page)
{
    Read r;
    if (read_doc(path, &r)) {
        GString *page = g_string_new(NULL);
        jx_review_html(page, r.path, r.doc, r.d->result, r.rs, draw, r.pdf, NULL);
        char *want = g_strdup_printf("src=\"data:%s;base64,", mime);
        int images = 0;
        for (const char *p = page->str; (p = strstr(p, "<img ")); p++, images++)
            if (strncmp(strstr(p, "src="), want, strlen(want)) != 0)
                JX_FAIL_MSG("%s: a page image is not %s", path, mime);
        CU_ASSERT_EQUAL(images, r.doc->pages);
        if (page->len > most_per_page * (gsize)r.doc->pages)
            JX_FAIL_MSG("%s: %d pages make %zu bytes", path, r.doc->pages, page->len);
        CU_ASSERT_PTR_NULL(strstr(page->str, "http://"));
        CU_ASSERT_PTR_NULL(strstr(page->str, "https://"));
        CU_ASSERT_PTR_NULL(strstr(page->str, "<link"));
        CU_ASSERT_PTR_NULL(strstr(page->str, "<script src"));
        CU_ASSERT_PTR_NULL(strstr(page->str, "url("));
        g_free(want);
        g_string_free(page, TRUE);
    }
    read_clear(&r);
}

static void test_review_size(void)
{
    page_sizes("corpus/scanned/001-longgang-3forms.pdf", "image/jpeg", 300 * 1024);
    page_sizes("corpus/pdf/001-longgang-3forms.pdf", "image/png", 300 * 1024);
}

/* Failed checks show their arithmetic: 得分 sum 43 ≠ 总分 95.7. */
static void test_review_checks(void)
{
    Read r;
    if (read_doc("corpus/gen-unruled/w-gen-0002.pdf", &r)) {
        GString *page = g_string_new(NULL);
        jx_review_html(page, r.path, r.doc, r.d->result, r.rs, NULL, NULL, NULL);
        CU_ASSERT_PTR_NOT_NULL(strstr(page->str, "<li>得分 sum 43 ≠ 总分 95.7</li>"));
        CU_ASSERT_PTR_NOT_NULL(strstr(page->str, "<li>权重 sum 44 ≠ 总分值 100</li>"));
        /* no page images: the tables are grids */
        CU_ASSERT_PTR_NULL(strstr(page->str, "<img"));
        CU_ASSERT_PTR_NOT_NULL(strstr(page->str, "<table class=grid>"));
        g_string_free(page, TRUE);
    }
    read_clear(&r);
}

static int run_bin(const char *const *args, char **err)
{
    GPtrArray *argv = g_ptr_array_new();
    g_ptr_array_add(argv, (gpointer)bin());
    for (int i = 0; args[i]; i++)
        g_ptr_array_add(argv, (gpointer)args[i]);
    g_ptr_array_add(argv, NULL);
    int wait = 0;
    gboolean ok = g_spawn_sync(NULL, (char **)argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                               NULL, NULL, err, &wait, NULL);
    g_ptr_array_free(argv, TRUE);
    CU_ASSERT_TRUE(ok);
    return ok && WIFEXITED(wait) ? WEXITSTATUS(wait) : -1;
}

/* `jixiao review`: one file to one page; several to a folder of pages and
 * an index.html that links them, counts them, and says why one is missing. */
static void test_review_cli(void)
{
    char *dir = g_dir_make_tmp("jixiao-review-XXXXXX", NULL);
    char *one = g_build_filename(dir, "one.html", NULL);
    const char *a1[] = {"review", "corpus/docx/001-longgang-3forms.docx", "-o", one, NULL};
    char *err = NULL;
    CU_ASSERT_EQUAL(run_bin(a1, &err), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(err ? err : "", "3 forms"));
    g_free(err);
    CU_ASSERT_TRUE(g_file_test(one, G_FILE_TEST_IS_REGULAR));

    char *batch = g_build_filename(dir, "batch", NULL);
    const char *a2[] = {"review", "corpus/docx/001-longgang-3forms.docx",
                        "corpus/pdf/001-longgang-3forms.pdf", "no/such.pdf", "-o", batch, NULL};
    err = NULL;
    CU_ASSERT_EQUAL(run_bin(a2, &err), 1);
    g_free(err);
    char *index = g_build_filename(batch, "index.html", NULL), *text = NULL;
    CU_ASSERT_TRUE(g_file_get_contents(index, &text, NULL, NULL));
    const char *t = text ? text : "";
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "data-documents=3 data-forms=6"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "<a href=\"001-longgang-3forms.html\">"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "<a href=\"001-longgang-3forms-2.html\">"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "no/such.pdf <span class=arith>"));
    char *second = g_build_filename(batch, "001-longgang-3forms-2.html", NULL);
    CU_ASSERT_TRUE(g_file_test(second, G_FILE_TEST_IS_REGULAR));
    g_free(second);
    g_free(text);
    g_free(index);

    const char *a3[] = {"review", NULL};
    err = NULL;
    CU_ASSERT_EQUAL(run_bin(a3, &err), 2);
    g_free(err);
    char *rm = g_strdup_printf("rm -rf '%s'", dir);
    CU_ASSERT_EQUAL(system(rm), 0);
    g_free(rm);
    g_free(batch);
    g_free(one);
    g_free(dir);
}

void jx_add_review_tests(void)
{
    CU_pSuite s = CU_add_suite("review (the review page in a browser)", NULL, NULL);
    CU_add_test(s, "every record on the page, flagged cells outlined on their model boxes",
                test_review_pages);
    CU_add_test(s, "the filter shows only what needs a look; a screenshot", test_review_filter);
    CU_add_test(s, "page images: scans as JPEG, others as PNG, small; nothing external",
                test_review_size);
    CU_add_test(s, "failed checks with their arithmetic; grids without page images",
                test_review_checks);
    CU_add_test(s, "jixiao review: a page, a batch with index.html", test_review_cli);
}
