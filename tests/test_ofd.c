/* The OFD reader (extract/ofd/): glyph boxes from TextCode positions and
 * deltas, CTMs, paths into ruling segments, tables from vector lines and
 * from a template page, page order, and the bad inputs' errors. */
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <zip.h>

#include "common/error.h"
#include "extract/geom/layout.h"
#include "extract/geom/ruling.h"
#include "extract/ofd/ofd.h"
#include "extract/ofd/ofd_image.h"
#include "extract/ofd/ofd_page.h"
#include "extract/ofd/ofd_path.h"
#include "tests/harness.h"

#define K (72.0 / 25.4) /* mm to points */
#define NEAR(a, b) (fabs((a) - (b)) < 1e-6)
#define OFD_NS "xmlns:ofd=\"http://www.ofdspec.org/2016\""

static const char OFD_XML[] = "<ofd:OFD " OFD_NS "><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml"
                              "</ofd:DocRoot></ofd:DocBody></ofd:OFD>";

/* An OFD package of the members (name, text pairs, NULL-terminated), its
 * bytes in *len (g_free). */
static guint8 *make_ofd(const char *const *members, gsize *len)
{
    char *path = g_build_filename(g_get_tmp_dir(), "jx-ofd-XXXXXX.ofd", NULL);
    int fd = g_mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    close(fd);
    int zerr = 0;
    zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
    CU_ASSERT_PTR_NOT_NULL_FATAL(za);
    for (const char *const *m = members; *m; m += 2) {
        zip_source_t *src = zip_source_buffer(za, m[1], strlen(m[1]), 0);
        CU_ASSERT_FATAL(zip_file_add(za, m[0], src, ZIP_FL_OVERWRITE) >= 0);
    }
    CU_ASSERT_FATAL(zip_close(za) == 0);
    gchar *data = NULL;
    CU_ASSERT_FATAL(g_file_get_contents(path, &data, len, NULL));
    g_unlink(path);
    g_free(path);
    return (guint8 *)data;
}

/* A Document.xml of A4 pages at Doc_0/Pages/Page_<i>/Content.xml in the
 * order given, with `extra` in its CommonData. A new string. */
static char *document_xml(const int *order, int n, const char *extra)
{
    GString *s = g_string_new("<ofd:Document " OFD_NS "><ofd:CommonData><ofd:PageArea>"
                              "<ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>");
    g_string_append_printf(s, "%s</ofd:CommonData><ofd:Pages>", extra);
    for (int i = 0; i < n; i++)
        g_string_append_printf(s, "<ofd:Page ID=\"%d\" BaseLoc=\"Pages/Page_%d/Content.xml\"/>",
                               i + 1, order[i]);
    g_string_append(s, "</ofd:Pages></ofd:Document>");
    return g_string_free(s, FALSE);
}

/* A page of these objects (and template reference `tpl`, or ""). */
static char *page_xml(const char *tpl, const char *objects)
{
    return g_strdup_printf("<ofd:Page " OFD_NS ">%s<ofd:Content><ofd:Layer ID=\"9\">%s"
                           "</ofd:Layer></ofd:Content></ofd:Page>",
                           tpl, objects);
}

/* The glyphs of one page's objects. */
static GArray *glyphs_of(const char *objects, gsize *doc_glyphs)
{
    char *xml = page_xml("", objects);
    xmlDoc *x = xmlReadMemory(xml, (int)strlen(xml), "p.xml", NULL, XML_PARSE_NONET);
    CU_ASSERT_PTR_NOT_NULL_FATAL(x);
    JxOfdPage pg = {g_array_new(FALSE, FALSE, sizeof(JxGlyph)),
                    g_array_new(FALSE, FALSE, sizeof(JxSeg)),
                    g_array_new(FALSE, FALSE, sizeof(JxSeg)),
                    g_ptr_array_new_with_free_func(jx_ofd_image_free), 0, 0, doc_glyphs};
    JxOfdMatrix to_pt = jx_ofd_matrix_offset_scale(0, 0, K);
    GError *err = NULL;
    CU_ASSERT_TRUE(jx_ofd_page_add(&pg, xmlDocGetRootElement(x), &to_pt, "p.xml", &err));
    CU_ASSERT_PTR_NULL(err);
    g_array_free(pg.hsegs, TRUE);
    g_array_free(pg.vsegs, TRUE);
    g_ptr_array_free(pg.images, TRUE);
    xmlFreeDoc(x);
    g_free(xml);
    return pg.glyphs;
}

static void test_ofd_deltas(void)
{
    GArray *d = jx_ofd_deltas("1 g 3 2.5 4", 10);
    CU_ASSERT_EQUAL_FATAL(d->len, 5);
    double want[] = {1, 2.5, 2.5, 2.5, 4};
    for (int i = 0; i < 5; i++)
        CU_ASSERT_DOUBLE_EQUAL(g_array_index(d, double, i), want[i], 1e-9);
    g_array_free(d, TRUE);
    d = jx_ofd_deltas("g 1000000 1", 3); /* at most as many as the text needs */
    CU_ASSERT_EQUAL(d->len, 3);
    g_array_free(d, TRUE);
    d = jx_ofd_deltas(NULL, 3);
    CU_ASSERT_EQUAL(d->len, 0);
    g_array_free(d, TRUE);
}

/* X/DeltaX with the `g` repeat: 年 度 at 5 mm, A at 2.5 mm; the last
 * glyph's width is its own (half the size for a digit). A TextCode without
 * X/Y goes on after the one before. */
static void test_ofd_glyph_boxes(void)
{
    gsize n = 0;
    GArray *g = glyphs_of("<ofd:TextObject ID=\"1\" Boundary=\"10 20 100 10\" Size=\"5\">"
                          "<ofd:TextCode X=\"0\" Y=\"5\" DeltaX=\"g 2 5 2.5\">年度A1</ofd:TextCode>"
                          "<ofd:TextCode>元</ofd:TextCode></ofd:TextObject>",
                          &n);
    CU_ASSERT_EQUAL_FATAL(g->len, 5);
    CU_ASSERT_EQUAL(n, 5);
    const JxGlyph *a = &g_array_index(g, JxGlyph, 0), *b = &g_array_index(g, JxGlyph, 1);
    const JxGlyph *c = &g_array_index(g, JxGlyph, 2), *d = &g_array_index(g, JxGlyph, 3);
    const JxGlyph *e = &g_array_index(g, JxGlyph, 4);
    CU_ASSERT_EQUAL(a->c, 0x5E74);
    CU_ASSERT_TRUE(NEAR(a->x0, 10 * K) && NEAR(a->x1, 15 * K));
    CU_ASSERT_TRUE(NEAR(a->y0, (25 - 5 * JX_OFD_ASCENT) * K));
    CU_ASSERT_TRUE(NEAR(a->y1, (25 + 5 * JX_OFD_DESCENT) * K));
    CU_ASSERT_TRUE(NEAR(b->x0, 15 * K) && NEAR(b->x1, 20 * K));
    CU_ASSERT_TRUE(c->c == 'A' && NEAR(c->x0, 20 * K) && NEAR(c->x1, 22.5 * K));
    CU_ASSERT_TRUE(d->c == '1' && NEAR(d->x0, 22.5 * K) && NEAR(d->x1, 25 * K));
    CU_ASSERT_TRUE(e->c == 0x5143 && NEAR(e->x0, 25 * K) && NEAR(e->x1, 30 * K));
    CU_ASSERT_TRUE(NEAR(e->y0, a->y0));
    g_array_free(g, TRUE);
}

/* A text object scaled by its CTM: Size 10 and X 20 in object space are
 * 5 mm and 10 mm on the page. */
static void test_ofd_ctm_text(void)
{
    gsize n = 0;
    GArray *g = glyphs_of("<ofd:TextObject ID=\"1\" Boundary=\"30 40 50 20\" Size=\"10\" "
                          "CTM=\"0.5 0 0 0.5 0 0\"><ofd:TextCode X=\"20\" Y=\"10\" DeltaX=\"10\">"
                          "得分</ofd:TextCode></ofd:TextObject>",
                          &n);
    CU_ASSERT_EQUAL_FATAL(g->len, 2);
    const JxGlyph *a = &g_array_index(g, JxGlyph, 0), *b = &g_array_index(g, JxGlyph, 1);
    CU_ASSERT_TRUE(NEAR(a->x0, 40 * K) && NEAR(a->x1, 45 * K));
    CU_ASSERT_TRUE(NEAR(b->x0, 45 * K) && NEAR(b->x1, 50 * K));
    CU_ASSERT_TRUE(NEAR(a->y0, (45 - 5 * JX_OFD_ASCENT) * K));
    CU_ASSERT_TRUE(NEAR(a->y1 - a->y0, 5 * K));
    g_array_free(g, TRUE);
}

/* A rectangle's four sides; a diagonal and a curve add nothing; a thin
 * filled rectangle is the line along its middle; collinear pieces join. */
static void test_ofd_path_segments(void)
{
    GArray *hs = g_array_new(FALSE, FALSE, sizeof(JxSeg)), *vs = g_array_new(FALSE, FALSE, sizeof(JxSeg));
    JxOfdMatrix m = jx_ofd_matrix_identity();
    m.e = 10;
    m.f = 20; /* the Boundary's origin */
    gsize ops = jx_ofd_path_segments("M 0 0 L 100 0 L 100 50 L 0 50 C M 0 0 L 30 30 "
                                     "B 1 2 3 4 50 50",
                                     &m, TRUE, FALSE, 100, hs, vs);
    CU_ASSERT_EQUAL(ops, 8);
    CU_ASSERT_EQUAL_FATAL(hs->len, 2);
    CU_ASSERT_EQUAL_FATAL(vs->len, 2);
    const JxSeg *h0 = &g_array_index(hs, JxSeg, 0), *h1 = &g_array_index(hs, JxSeg, 1);
    CU_ASSERT_TRUE(NEAR(h0->x0, 10) && NEAR(h0->x1, 110) && NEAR(h0->y0, 20) && NEAR(h0->y1, 20));
    CU_ASSERT_TRUE(NEAR(h1->x0, 10) && NEAR(h1->x1, 110) && NEAR(h1->y0, 70));
    const JxSeg *v0 = &g_array_index(vs, JxSeg, 0), *v1 = &g_array_index(vs, JxSeg, 1);
    CU_ASSERT_TRUE(NEAR(v0->x0, 110) && NEAR(v0->y0, 20) && NEAR(v0->y1, 70));
    CU_ASSERT_TRUE(NEAR(v1->x0, 10) && NEAR(v1->y0, 20) && NEAR(v1->y1, 70));
    g_array_set_size(hs, 0);
    g_array_set_size(vs, 0);
    /* filled, not stroked: a 0.5-high bar is a line at its middle; a box is not */
    jx_ofd_path_segments("M 0 0 L 80 0 L 80 0.5 L 0 0.5 C S 0 10 L 80 10 L 80 40 L 0 40 C", &m,
                         FALSE, TRUE, 100, hs, vs);
    CU_ASSERT_EQUAL_FATAL(hs->len, 1);
    CU_ASSERT_EQUAL(vs->len, 0);
    CU_ASSERT_TRUE(NEAR(g_array_index(hs, JxSeg, 0).y0, 20.25));
    CU_ASSERT_TRUE(NEAR(g_array_index(hs, JxSeg, 0).x1, 90));
    /* one path per cell: the shared side once, joined with its neighbour */
    g_array_set_size(hs, 0);
    jx_ofd_path_segments("M 0 0 L 40 0 M 40 0 L 90 0 M 0 30 L 40 30", &m, TRUE, FALSE, 100, hs, vs);
    jx_ofd_segs_merge(hs, vs);
    CU_ASSERT_EQUAL_FATAL(hs->len, 2);
    CU_ASSERT_TRUE(fabs(g_array_index(hs, JxSeg, 0).x1 - 100) < 1e-6);
    /* the operator limit */
    ops = jx_ofd_path_segments("M 0 0 L 1 1 L 2 2 L 3 3", &m, TRUE, FALSE, 2, hs, vs);
    CU_ASSERT(ops > 2);
    g_array_free(hs, TRUE);
    g_array_free(vs, TRUE);
}

/* A line of the grid as a PathObject (mm). */
static void line(GString *s, double x0, double y0, double x1, double y1)
{
    g_string_append_printf(s,
                           "<ofd:PathObject ID=\"5\" Boundary=\"%g %g %g %g\" LineWidth=\"0.25\">"
                           "<ofd:AbbreviatedData>M 0 0 L %g %g</ofd:AbbreviatedData></ofd:PathObject>",
                           MIN(x0, x1), MIN(y0, y1), MAX(fabs(x1 - x0), 0.1),
                           MAX(fabs(y1 - y0), 0.1), x1 - x0, y1 - y0);
}

/* A 2 x 3 table at (20, 30) mm, 40 x 10 mm cells, the first two cells of
 * row 0 merged (no line between them there). */
static char *grid_lines(void)
{
    GString *s = g_string_new(NULL);
    for (int r = 0; r <= 2; r++)
        line(s, 20, 30 + 10 * r, 140, 30 + 10 * r);
    line(s, 20, 30, 20, 50);
    line(s, 60, 40, 60, 50); /* from row 1 down only */
    line(s, 100, 30, 100, 50);
    line(s, 140, 30, 140, 50);
    return g_string_free(s, FALSE);
}

static char *cell_text(double x, double y, const char *text)
{
    return g_strdup_printf("<ofd:TextObject ID=\"7\" Boundary=\"%g %g 40 10\" Size=\"4\">"
                           "<ofd:TextCode X=\"1\" Y=\"6\">%s</ofd:TextCode>"
                           "</ofd:TextObject>",
                           x, y, text);
}

static char *grid_texts(void)
{
    char *a = cell_text(20, 30, "项目名称党建"), *b = cell_text(100, 30, "分值");
    char *c = cell_text(20, 40, "预算"), *d = cell_text(60, 40, "10.55"),
         *e = cell_text(100, 40, "100%");
    char *all = g_strconcat(a, b, c, d, e, NULL);
    g_free(a);
    g_free(b);
    g_free(c);
    g_free(d);
    g_free(e);
    return all;
}

static JxDoc *read_ofd(const char *const *members, GError **err)
{
    gsize len = 0;
    guint8 *data = make_ofd(members, &len);
    JxDoc *doc = jx_ofd_read(data, len, err);
    g_free(data);
    return doc;
}

static const JxTable *first_table(const JxDoc *doc)
{
    for (guint i = 0; i < doc->blocks->len; i++) {
        const JxBlock *b = g_ptr_array_index(doc->blocks, i);
        if (b->kind == JX_BLOCK_TABLE)
            return b->table;
    }
    return NULL;
}

static void check_grid_table(const JxDoc *doc)
{
    const JxTable *t = first_table(doc);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL(t->nrows, 2);
    CU_ASSERT_EQUAL(t->ncols, 3);
    const JxCell *m = jx_table_cell_at(t, 0, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_EQUAL(m->colspan, 2);
    CU_ASSERT_STRING_EQUAL(m->text, "项目名称党建");
    CU_ASSERT_PTR_EQUAL(jx_table_cell_at(t, 0, 1), m);
    CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t, 0, 2)->text, "分值");
    CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t, 1, 1)->text, "10.55");
    CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t, 1, 2)->text, "100%");
    CU_ASSERT_EQUAL(m->page, 1);
    CU_ASSERT_TRUE(fabs(m->x0 - 20 * K) < 1 && fabs(m->y1 - 40 * K) < 1);
}

static void test_ofd_vector_table(void)
{
    int order[] = {0};
    char *doc_xml = document_xml(order, 1, "");
    char *lines = grid_lines(), *texts = grid_texts();
    char *objs = g_strconcat(texts, lines, NULL);
    char *page = page_xml("", objs);
    const char *members[] = {"OFD.xml", OFD_XML, "Doc_0/Document.xml", doc_xml,
                             "Doc_0/Pages/Page_0/Content.xml", page, NULL};
    GError *err = NULL;
    JxDoc *doc = read_ofd(members, &err);
    CU_ASSERT_PTR_NULL(err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_STRING_EQUAL(doc->format, "ofd");
    CU_ASSERT_EQUAL(doc->pages, 1);
    CU_ASSERT_STRING_EQUAL(doc->text_source, "native");
    check_grid_table(doc);
    jx_doc_free(doc);
    g_free(page);
    g_free(objs);
    g_free(lines);
    g_free(texts);
    g_free(doc_xml);
}

/* The ruling lines in a TemplatePage the page names (path relative to
 * Document.xml); without the reference, no table. */
static void test_ofd_template_lines(void)
{
    int order[] = {0};
    char *doc_xml = document_xml(order, 1, "<ofd:TemplatePage ID=\"3\" BaseLoc=\"Tpls/T/Content.xml\"/>");
    char *lines = grid_lines(), *texts = grid_texts();
    char *tpl = page_xml("", lines);
    char *page = page_xml("<ofd:Template TemplateID=\"3\" ZOrder=\"Background\"/>", texts);
    const char *members[] = {"OFD.xml", OFD_XML, "Doc_0/Document.xml", doc_xml,
                             "Doc_0/Tpls/T/Content.xml", tpl,
                             "Doc_0/Pages/Page_0/Content.xml", page, NULL};
    GError *err = NULL;
    JxDoc *doc = read_ofd(members, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    check_grid_table(doc);
    jx_doc_free(doc);
    g_free(page);
    page = page_xml("", texts);
    members[7] = page;
    doc = read_ofd(members, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_PTR_NULL(first_table(doc));
    jx_doc_free(doc);
    g_free(page);
    g_free(tpl);
    g_free(lines);
    g_free(texts);
    g_free(doc_xml);
}

/* Pages in the order Document.xml lists them, not their names; a page of
 * an image only whose picture cannot be had is listed without text, with
 * a note. */
static void test_ofd_page_order(void)
{
    int order[] = {1, 0, 2};
    char *doc_xml = document_xml(order, 3, "");
    char *t0 = cell_text(20, 30, "第一"), *t1 = cell_text(20, 30, "第二");
    char *p0 = page_xml("", t0), *p1 = page_xml("", t1);
    char *p2 = page_xml("", "<ofd:ImageObject ID=\"8\" Boundary=\"0 0 210 297\" ResourceID=\"4\"/>");
    const char *members[] = {"OFD.xml", OFD_XML, "Doc_0/Document.xml", doc_xml,
                             "Doc_0/Pages/Page_0/Content.xml", p0,
                             "Doc_0/Pages/Page_1/Content.xml", p1,
                             "Doc_0/Pages/Page_2/Content.xml", p2, NULL};
    GError *err = NULL;
    JxDoc *doc = read_ofd(members, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_EQUAL(doc->pages, 3);
    CU_ASSERT_EQUAL_FATAL(doc->blocks->len, 2);
    const JxBlock *a = g_ptr_array_index(doc->blocks, 0), *b = g_ptr_array_index(doc->blocks, 1);
    CU_ASSERT_TRUE(a->page == 1 && strcmp(a->text, "第二") == 0);
    CU_ASSERT_TRUE(b->page == 2 && strcmp(b->text, "第一") == 0);
    CU_ASSERT_EQUAL_FATAL(doc->pages_without_text->len, 1);
    CU_ASSERT_EQUAL(g_array_index(doc->pages_without_text, int, 0), 3);
    CU_ASSERT_EQUAL(doc->notes->len, 1);
    jx_doc_free(doc);
    g_free(p0);
    g_free(p1);
    g_free(p2);
    g_free(t0);
    g_free(t1);
    g_free(doc_xml);
}

static void expect_error(const char *path, int code, const char *in_message)
{
    GError *err = NULL;
    JxDoc *doc = jx_test_read_doc(path, &err);
    CU_ASSERT_PTR_NULL(doc);
    CU_ASSERT_PTR_NOT_NULL_FATAL(err);
    CU_ASSERT_TRUE(g_error_matches(err, JX_ERROR, code));
    if (!strstr(err->message, in_message))
        JX_FAIL_MSG("%s: \"%s\" does not say %s", path, err->message, in_message);
    g_error_free(err);
    jx_doc_free(doc);
}

static void test_ofd_bad_inputs(void)
{
    expect_error("tests/data/ofd-no-content.ofd", JX_ERROR_CORRUPT, "Page_0/Content.xml");
    expect_error("tests/data/ofd-bad-document.ofd", JX_ERROR_CORRUPT, "Document.xml does not parse");
    /* too many pages: refused before any is read */
    int *order = g_new0(int, JX_OFD_MAX_PAGES + 1);
    char *doc_xml = document_xml(order, JX_OFD_MAX_PAGES + 1, "");
    const char *members[] = {"OFD.xml", OFD_XML, "Doc_0/Document.xml", doc_xml, NULL};
    GError *err = NULL;
    JxDoc *doc = read_ofd(members, &err);
    CU_ASSERT_PTR_NULL(doc);
    CU_ASSERT_TRUE(g_error_matches(err, JX_ERROR, JX_ERROR_TOO_LARGE));
    g_clear_error(&err);
    /* a page of more distinct ruling lines than the grid builder pairs */
    int one[] = {0};
    char *doc1 = document_xml(one, 1, "");
    GString *d = g_string_new("<ofd:PathObject ID=\"5\" Boundary=\"0 0 10 10\"><ofd:AbbreviatedData>");
    for (int i = 0; i <= JX_OFD_MAX_SEGS; i++)
        g_string_append_printf(d, "M 0 %d L 10 %d ", i, i);
    g_string_append(d, "</ofd:AbbreviatedData></ofd:PathObject>");
    char *page = page_xml("", d->str);
    const char *many[] = {"OFD.xml", OFD_XML, "Doc_0/Document.xml", doc1,
                          "Doc_0/Pages/Page_0/Content.xml", page, NULL};
    doc = read_ofd(many, &err);
    CU_ASSERT_PTR_NULL(doc);
    CU_ASSERT_TRUE(g_error_matches(err, JX_ERROR, JX_ERROR_TOO_LARGE));
    g_clear_error(&err);
    g_free(page);
    g_string_free(d, TRUE);
    g_free(doc1);
    /* no DocRoot */
    const char *bare[] = {"OFD.xml", "<ofd:OFD " OFD_NS "><ofd:DocBody/></ofd:OFD>", NULL};
    doc = read_ofd(bare, &err);
    CU_ASSERT_PTR_NULL(doc);
    CU_ASSERT_TRUE(g_error_matches(err, JX_ERROR, JX_ERROR_CORRUPT));
    g_clear_error(&err);
    g_free(doc_xml);
    g_free(order);
}

/* Scans: a JPEG page (a DocumentRes resource) and a PNG one (PageRes),
 * read by OCR; bytes of neither format, and a PNG that says it is
 * 100000 x 100000 pixels, are not decoded. */
static void test_ofd_scans(void)
{
    GError *err = NULL;
    JxDoc *doc = jx_test_read_doc("tests/data/ofd-scan.ofd", &err);
    CU_ASSERT_PTR_NULL(err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_STRING_EQUAL(doc->text_source, "ocr");
    CU_ASSERT_EQUAL(doc->ocr_pages, 1);
    CU_ASSERT_EQUAL(doc->pages_without_text->len, 1);
    const JxTable *t = first_table(doc);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT(t->nrows >= 15 && t->ncols >= 8); /* the form's grid, 21 x 10 */
    jx_doc_free(doc);
    doc = jx_test_read_doc("tests/data/ofd-scan-png.ofd", &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_STRING_EQUAL(doc->text_source, "ocr");
    CU_ASSERT_EQUAL(doc->ocr_pages, 1);
    jx_doc_free(doc);

    CU_ASSERT_PTR_NULL(jx_ofd_image_decode((const guint8 *)"GIF89a", 6));
    static const guint8 huge[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13,
                                  'I', 'H', 'D', 'R', 0, 1, 0x86, 0xA0, 0, 1, 0x86, 0xA0,
                                  8, 0, 0, 0, 0};
    CU_ASSERT_PTR_NULL(jx_ofd_image_decode(huge, sizeof huge));
    static const guint8 cut_jpeg[] = {0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 'J', 'F', 'I', 'F'};
    CU_ASSERT_PTR_NULL(jx_ofd_image_decode(cut_jpeg, sizeof cut_jpeg));
}

/* The corpus renderings: five pages of forms, in the format asked. */
static void test_ofd_corpus(void)
{
    GError *err = NULL;
    JxDoc *doc = jx_test_read_doc("corpus/ofd/000-tongzhou-5forms.ofd", &err);
    CU_ASSERT_PTR_NULL(err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_STRING_EQUAL(doc->format, "ofd");
    CU_ASSERT_EQUAL(doc->pages, 5);
    int tables = 0;
    for (guint i = 0; i < doc->blocks->len; i++)
        tables += ((JxBlock *)g_ptr_array_index(doc->blocks, i))->kind == JX_BLOCK_TABLE;
    CU_ASSERT_EQUAL(tables, 5);
    jx_doc_free(doc);
}

void jx_add_ofd_tests(void)
{
    CU_pSuite s = CU_add_suite("ofd", NULL, NULL);
    CU_add_test(s, "DeltaX with the g repeat", test_ofd_deltas);
    CU_add_test(s, "glyph boxes from X and DeltaX", test_ofd_glyph_boxes);
    CU_add_test(s, "a CTM-scaled text object", test_ofd_ctm_text);
    CU_add_test(s, "paths into ruling segments", test_ofd_path_segments);
    CU_add_test(s, "a table from vector lines, a merged cell", test_ofd_vector_table);
    CU_add_test(s, "ruling lines of a template page", test_ofd_template_lines);
    CU_add_test(s, "page order; an image-only page", test_ofd_page_order);
    CU_add_test(s, "bad OFDs", test_ofd_bad_inputs);
    CU_add_test(s, "scans: JPEG and PNG pages by OCR", test_ofd_scans);
    CU_add_test(s, "a corpus OFD", test_ofd_corpus);
}
