/* The PDF path: ruling lines and grids on a synthetic raster, reading text
 * from glyph boxes, and the PDF reader on the corpus and on bad files. */
#include <math.h>
#include <string.h>

#include "common/error.h"
#include "extract/extract.h"
#include "extract/deskew.h"
#include "extract/layout.h"
#include "extract/ocr.h"
#include "extract/ruling.h"
#include "tests/harness.h"

/* A 3x3 grid on a white 200x120 image (1 px = 1 pt), the top-left two
 * cells merged (no line between them), with a text-like blob. */
static guint8 *draw_grid(int w, int h)
{
    guint8 *img = g_malloc((gsize)w * h);
    memset(img, 255, (gsize)w * h);
    int xs[] = {10, 70, 130, 190}, ys[] = {10, 40, 70, 100};
    for (int k = 0; k < 4; k++)
        for (int x = 10; x <= 190; x++)
            img[ys[k] * w + x] = 0;
    for (int k = 0; k < 4; k++)
        for (int y = 10; y <= 100; y++)
            if (!(k == 1 && y < 40)) /* the merge: no line in row 0 at x=70 */
                img[y * w + xs[k]] = 0;
    for (int y = 50; y < 58; y++) /* glyph-like ink: too short for a line */
        for (int x = 80; x < 88; x++)
            img[y * w + x] = 0;
    return img;
}

static void test_ruling(void)
{
    int w = 200, h = 120;
    guint8 *img = draw_grid(w, h);
    GArray *hs = g_array_new(FALSE, FALSE, sizeof(JxSeg)), *vs = g_array_new(FALSE, FALSE, sizeof(JxSeg));
    jx_ruling_find(img, w, h, w, 1, 0, JX_RULING_DARK, 1.0, hs, vs);
    CU_ASSERT_EQUAL(hs->len, 4);
    CU_ASSERT_EQUAL(vs->len, 4); /* x=70 runs from y=40 only */
    GPtrArray *grids = jx_ruling_grids(hs, vs);
    CU_ASSERT_EQUAL_FATAL(grids->len, 1);
    const JxGrid *g = g_ptr_array_index(grids, 0);
    CU_ASSERT_EQUAL(g->nrows, 3);
    CU_ASSERT_EQUAL(g->ncols, 3);
    CU_ASSERT_EQUAL(g->cells->len, 8); /* nine positions, two merged */
    int top_left = jx_grid_cell_at(g, 20, 20);
    CU_ASSERT_EQUAL(top_left, jx_grid_cell_at(g, 100, 20));
    const JxGridCell *c = &g_array_index(g->cells, JxGridCell, top_left);
    CU_ASSERT_EQUAL(c->colspan, 2);
    CU_ASSERT_EQUAL(c->rowspan, 1);
    CU_ASSERT_NOT_EQUAL(jx_grid_cell_at(g, 20, 50), jx_grid_cell_at(g, 100, 50));
    CU_ASSERT_EQUAL(jx_grid_cell_at(g, 5, 5), -1);
    g_ptr_array_free(grids, TRUE);
    g_array_free(hs, TRUE);
    g_array_free(vs, TRUE);
    g_free(img);
}

/* Ruled lines drawn leaning by `deg` (clockwise as shown, y down), and
 * text-like blocks between them: the angle that turns them back. */
static void test_deskew(void)
{
    int w = 1200, h = 900;
    guint8 *img = g_malloc((gsize)w * h);
    for (int sign = -1; sign <= 1; sign += 2) {
        double deg = 1.2 * sign, t = tan(deg * G_PI / 180);
        memset(img, 255, (gsize)w * h);
        for (int k = 0; k < 12; k++)
            for (int x = 100; x < 1100; x++) {
                int y = 100 + 60 * k + (int)lround((x - 600) * t);
                img[(gsize)y * w + x] = img[(gsize)(y + 1) * w + x] = 0;
                if (k < 11 && (x / 20) % 2) /* a row of "characters" */
                    for (int d = 20; d < 40; d += 3)
                        img[(gsize)(y + d) * w + x] = 0;
            }
        double got = jx_deskew_angle(img, w, h, w);
        if (fabs(got + deg) > 0.1) /* turning back is the opposite lean */
            JX_FAIL_MSG("lean %.2f: angle %.3f", deg, got);
    }
    memset(img, 255, (gsize)w * h);
    CU_ASSERT_EQUAL(jx_deskew_angle(img, w, h, w), 0); /* a blank page is level */
    g_free(img);
}

/* The box of a cell's text leaves dirt out and keeps a decimal point. */
static void test_text_box(void)
{
    int w = 300, h = 100;
    guint8 *img = g_malloc((gsize)w * h);
    memset(img, 255, (gsize)w * h);
    for (int y = 30; y < 60; y++) /* two "digits" with a point between */
        for (int x = 40; x < 60; x++)
            img[y * w + x] = img[y * w + x + 30] = 0;
    for (int y = 56; y < 60; y++)
        for (int x = 63; x < 67; x++)
            img[y * w + x] = 0;
    for (int y = 80; y < 83; y++) /* specks far off */
        for (int x = 250; x < 253; x++)
            img[y * w + x] = img[(y - 70) * w + x - 200] = 0;
    int box[4];
    CU_ASSERT_FATAL(jx_ocr_text_box(img, w, 0, 0, w, h, box));
    CU_ASSERT_EQUAL(box[0], 40);
    CU_ASSERT_EQUAL(box[1], 30);
    CU_ASSERT_EQUAL(box[2], 90);
    CU_ASSERT_EQUAL(box[3], 60);
    memset(img, 255, (gsize)w * h);
    img[50 * w + 50] = 0; /* dirt only: no text */
    CU_ASSERT_FALSE(jx_ocr_text_box(img, w, 0, 0, w, h, box));
    g_free(img);
}

static void add_word(GPtrArray *out, GArray *store, const char *text, double x, double y, double size)
{
    for (const char *p = text; *p; p = g_utf8_next_char(p)) {
        JxGlyph gl = {g_utf8_get_char(p), x, y, x + size, y + size};
        g_array_append_val(store, gl);
        x += size;
    }
    (void)out;
}

static GPtrArray *glyph_ptrs(GArray *store)
{
    GPtrArray *p = g_ptr_array_new();
    for (guint i = 0; i < store->len; i++)
        g_ptr_array_add(p, &g_array_index(store, JxGlyph, i));
    return p;
}

static void test_layout(void)
{
    GArray *store = g_array_new(FALSE, FALSE, sizeof(JxGlyph));
    /* a cell 60 pt wide: "2023.1" fills the first line, "2" wraps */
    add_word(NULL, store, "2023.1", 0, 0, 10);
    add_word(NULL, store, "2", 0, 12, 10);
    GPtrArray *gl = glyph_ptrs(store);
    gboolean edge = TRUE;
    char *t = jx_layout_cell_text(gl, 61, &edge);
    CU_ASSERT_STRING_EQUAL(t, "2023.12");
    CU_ASSERT_FALSE(edge);
    g_free(t);
    /* in a wider cell the same lines are a real line break */
    t = jx_layout_cell_text(gl, 200, &edge);
    CU_ASSERT_STRING_EQUAL(t, "2023.1\n2");
    g_free(t);
    g_ptr_array_free(gl, TRUE);
    g_array_set_size(store, 0);
    /* words: a gap wider than a third of the height is a space; glyphs
     * given in any order are read top to bottom, left to right */
    add_word(NULL, store, "PDF", 75, 0, 10);
    add_word(NULL, store, "A", 0, 20, 10);
    add_word(NULL, store, "tables", 0, 0, 10);
    gl = glyph_ptrs(store);
    t = jx_layout_glyph_text(gl);
    CU_ASSERT_STRING_EQUAL(t, "tables PDF\nA");
    g_free(t);
    g_ptr_array_free(gl, TRUE);
    g_array_free(store, TRUE);
}


static void test_pdf_reader(void)
{
    GError *err = NULL;
    JxDoc *doc = jx_test_read_doc("corpus/pdf/000-tongzhou-5forms.pdf", &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_STRING_EQUAL(doc->format, "pdf");
    CU_ASSERT_EQUAL(doc->pages, 5);
    CU_ASSERT_STRING_EQUAL(doc->text_source, "native");
    const JxTable *t = NULL;
    for (guint i = 0; i < doc->blocks->len && !t; i++) {
        const JxBlock *b = g_ptr_array_index(doc->blocks, i);
        if (b->kind == JX_BLOCK_TABLE)
            t = b->table;
    }
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    /* the same grid as the DOCX it was exported from */
    CU_ASSERT_EQUAL(t->nrows, 20);
    CU_ASSERT_EQUAL(t->ncols, 10);
    const JxCell *c = jx_table_cell_at(t, 6, 1);
    CU_ASSERT_EQUAL(c->row, 3);
    CU_ASSERT_EQUAL(c->rowspan, 5);
    CU_ASSERT_EQUAL(c->colspan, 2);
    CU_ASSERT_EQUAL(c->page, 1);
    CU_ASSERT(c->x1 > c->x0 && c->y1 > c->y0);
    jx_doc_free(doc);

    doc = jx_test_read_doc("tests/data/image-only.pdf", &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_STRING_EQUAL(doc->text_source, "ocr"); /* no text layer: read by OCR */
    CU_ASSERT_EQUAL(doc->pages_without_text->len, 1);
    jx_doc_free(doc);

    static const struct { const char *path; int code; } BAD[] = {
        {"tests/data/encrypted-password.pdf", JX_ERROR_ENCRYPTED},
        {"tests/data/truncated.pdf", JX_ERROR_CORRUPT},
        {"tests/data/corrupt.pdf", JX_ERROR_CORRUPT},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(BAD); i++) {
        doc = jx_test_read_doc(BAD[i].path, &err);
        CU_ASSERT_PTR_NULL(doc);
        if (!err || err->code != BAD[i].code)
            JX_FAIL_MSG("%s: %s, expected %s", BAD[i].path,
                        err ? jx_error_code_name(err->code) : "no error",
                        jx_error_code_name(BAD[i].code));
        g_clear_error(&err);
        jx_doc_free(doc);
    }
    /* an owner password alone does not stop reading */
    doc = jx_test_read_doc("tests/data/encrypted-no-password.pdf", &err);
    CU_ASSERT_PTR_NOT_NULL(doc);
    jx_doc_free(doc);
}

void jx_add_pdf_tests(void)
{
    CU_pSuite s = CU_add_suite("extract/pdf", NULL, NULL);
    CU_add_test(s, "ruling lines and merged cells", test_ruling);
    CU_add_test(s, "the lean of a scanned page", test_deskew);
    CU_add_test(s, "the text box of a cell, without dirt", test_text_box);
    CU_add_test(s, "text from glyph boxes, wraps", test_layout);
    CU_add_test(s, "reader: grid, image-only, encrypted, corrupt", test_pdf_reader);
}
