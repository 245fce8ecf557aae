/* The PDF path: ruling lines and grids on a synthetic raster, reading text
 * from glyph boxes, and the PDF reader on the corpus and on bad files. */
#include <math.h>
#include <string.h>

#include "common/error.h"
#include "extract/pdf/crosspage.h"
#include "extract/extract.h"
#include "extract/ocr/glyph.h"
#include "extract/ocr/deskew.h"
#include "extract/geom/layout.h"
#include "extract/ocr/ocr.h"
#include "extract/ocr/orient.h"
#include "extract/geom/ruling.h"
#include "extract/ocr/unwrap.h"
#include "normalize/text.h"
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

static void fill(guint8 *img, int w, int x0, int y0, int x1, int y1)
{
    for (int y = y0; y < y1; y++)
        memset(img + (gsize)y * w + x0, 0, (size_t)(x1 - x0));
}

/* A cell of two lines, "1959300." over "00", laid out as one line; three
 * bars (三) are one line; a speck alone is no line. */
static void test_unwrap(void)
{
    int w = 300, h = 200;
    const double s = 250.0 / 72.0;
    guint8 *img = g_malloc((gsize)w * h);
    memset(img, 255, (gsize)w * h);
    fill(img, w, 20, 10, 120, 40);  /* line 1 */
    fill(img, w, 124, 36, 128, 40); /* ... and its point */
    fill(img, w, 20, 55, 60, 75);   /* line 2, lower: digits */
    JxLineImage one;
    CU_ASSERT_FATAL(jx_unwrap_lines(img, w, 0, 0, w, h, s, &one));
    CU_ASSERT_EQUAL(one.lines, 2);
    CU_ASSERT_EQUAL(one.high, 30);
    CU_ASSERT_FATAL(one.gray != NULL);
    /* margins of 10 (a third of 30), lines cut to their ink plus 3 and 2,
     * a gap of 1 (30 / 16) */
    int pad1 = 30 / 8, pad2 = 20 / 8, margin = 10, gap = 1;
    CU_ASSERT_EQUAL(one.h, 30 + 2 * margin);
    CU_ASSERT_EQUAL(one.w, (108 + 2 * pad1) + gap + (40 + 2 * pad2) + 2 * margin);
    int x_point = margin + pad1 + 105; /* the point of line 1 came along */
    CU_ASSERT_EQUAL(one.gray[(margin + 28) * one.w + x_point], 0);
    int x2 = margin + 108 + 2 * pad1 + gap + pad2; /* line 2, bottoms aligned */
    CU_ASSERT_EQUAL(one.gray[(margin + 29) * one.w + x2], 0);
    CU_ASSERT_EQUAL(one.gray[(margin + 5) * one.w + x2], 255);
    CU_ASSERT_EQUAL(one.right, 60 + pad2);
    g_free(one.gray);

    memset(img, 255, (gsize)w * h);
    for (int k = 0; k < 3; k++) /* 三: bars with blank rows between */
        fill(img, w, 20, 10 + 12 * k, 50, 14 + 12 * k);
    fill(img, w, 200, 180, 203, 183); /* a speck far below */
    CU_ASSERT_FATAL(jx_unwrap_lines(img, w, 0, 0, w, h, s, &one));
    CU_ASSERT_EQUAL(one.lines, 1);
    CU_ASSERT_PTR_NULL(one.gray);
    g_free(one.gray);
    CU_ASSERT_EQUAL(one.high, 28);

    memset(img, 255, (gsize)w * h);
    CU_ASSERT_FALSE(jx_unwrap_lines(img, w, 0, 0, w, h, s, &one));
    g_free(img);
}

/* Lines missing in an L (as under a seal) do not make one cell of the L's
 * box: the L is cut into its runs along each row. */
static void test_ruling_not_rectangle(void)
{
    int w = 200, h = 120;
    guint8 *img = g_malloc((gsize)w * h);
    memset(img, 255, (gsize)w * h);
    int xs[] = {10, 70, 130, 190}, ys[] = {10, 40, 70, 100};
    for (int k = 0; k < 4; k++)
        for (int x = 10; x <= 190; x++)
            if (!(k == 1 && x > 130)) /* no line under row 0, column 2 */
                img[ys[k] * w + x] = 0;
    for (int k = 0; k < 4; k++)
        for (int y = 10; y <= 100; y++)
            if (!(k == 2 && y < 40)) /* no line between columns 1 and 2 in row 0 */
                img[y * w + xs[k]] = 0;
    GArray *hs = g_array_new(FALSE, FALSE, sizeof(JxSeg)), *vs = g_array_new(FALSE, FALSE, sizeof(JxSeg));
    jx_ruling_find(img, w, h, w, 1, 0, JX_RULING_DARK, 1.0, hs, vs);
    GPtrArray *grids = jx_ruling_grids(hs, vs);
    CU_ASSERT_EQUAL_FATAL(grids->len, 1);
    const JxGrid *g = g_ptr_array_index(grids, 0);
    CU_ASSERT_EQUAL(g->cells->len, 8);
    int top = jx_grid_cell_at(g, 100, 20), below = jx_grid_cell_at(g, 160, 50);
    CU_ASSERT_EQUAL(top, jx_grid_cell_at(g, 160, 20));
    CU_ASSERT_NOT_EQUAL(top, below);
    const JxGridCell *c = &g_array_index(g->cells, JxGridCell, top);
    CU_ASSERT_EQUAL(c->colspan, 2);
    CU_ASSERT_EQUAL(c->rowspan, 1);
    c = &g_array_index(g->cells, JxGridCell, below);
    CU_ASSERT_EQUAL(c->colspan, 1);
    CU_ASSERT_EQUAL(c->rowspan, 1);
    g_ptr_array_free(grids, TRUE);
    g_array_free(hs, TRUE);
    g_array_free(vs, TRUE);
    g_free(img);
}

/* Draws a chevron of stroke 3 into a 24 x 24 box at (x, y): pointing right
 * (>) or left (<); with a bar under it, ≥ or ≤. */
static void draw_relation(guint8 *img, int w, int x, int y, gboolean right, gboolean bar)
{
    for (int k = 0; k <= 8; k++) { /* two arms meeting at the middle row */
        int ax = right ? x + 2 * k : x + 16 - 2 * k;
        fill(img, w, ax, y + k, ax + 3, y + k + 1);
        fill(img, w, ax, y + 16 - k, ax + 3, y + 17 - k);
    }
    if (bar)
        fill(img, w, x, y + 21, x + 20, y + 24);
}

/* ≥ and ≤ told from the ink OCR took for > < = 三. */
static void test_glyph_relation(void)
{
    int w = 120, h = 40;
    guint8 *img = g_malloc((gsize)w * h);
    struct { gboolean right, bar; gunichar want; } C[] = {
        {TRUE, TRUE, 0x2265}, {FALSE, TRUE, 0x2264}, {TRUE, FALSE, 0}, {FALSE, FALSE, 0}};
    for (guint i = 0; i < G_N_ELEMENTS(C); i++) {
        memset(img, 255, (gsize)w * h);
        draw_relation(img, w, 10, 8, C[i].right, C[i].bar);
        CU_ASSERT_EQUAL(jx_glyph_relation(img, w, 5, 4, 40, 36), C[i].want);
        /* a box that reaches into the next glyph (a 2 drawn as a block) */
        fill(img, w, 36, 8, 50, 32);
        CU_ASSERT_EQUAL(jx_glyph_relation(img, w, 5, 4, 55, 36), C[i].want);
    }
    memset(img, 255, (gsize)w * h); /* = : two bars */
    fill(img, w, 10, 12, 30, 15);
    fill(img, w, 10, 22, 30, 25);
    CU_ASSERT_EQUAL(jx_glyph_relation(img, w, 5, 4, 40, 36), 0);
    memset(img, 255, (gsize)w * h);
    for (int k = 0; k < 3; k++) /* 三 */
        fill(img, w, 10 + 2 * (k == 1), 8 + 10 * k, 30 - 2 * (k == 1), 11 + 10 * k);
    CU_ASSERT_EQUAL(jx_glyph_relation(img, w, 5, 4, 40, 36), 0);
    g_free(img);
}

/* ÷ drawn at x: a dot over a bar over a dot, 20 px wide. */
static void draw_divide(guint8 *img, int w, int x, int y)
{
    fill(img, w, x + 8, y, x + 13, y + 5);
    fill(img, w, x, y + 9, x + 20, y + 12);
    fill(img, w, x + 8, y + 16, x + 13, y + 21);
}

/* ÷ is told from = 二 + by its ink, also where OCR left it out between two
 * symbols or took it into the box of the one before. */
static void test_glyph_divide(void)
{
    int w = 160, h = 40;
    guint8 *img = g_malloc((gsize)w * h);
    memset(img, 255, (gsize)w * h);
    draw_divide(img, w, 40, 8);
    CU_ASSERT_TRUE(jx_glyph_divide(img, w, 38, 6, 62, 31));
    CU_ASSERT_TRUE(jx_glyph_divide(img, w, 42, 6, 62, 31)); /* OCR's box starts in the bar */
    /* left out between 分 (a block at 10-30) and 三 (at 70-90) */
    fill(img, w, 10, 6, 30, 30);
    int a[4] = {10, 6, 30, 30}, b[4] = {70, 6, 90, 30};
    CU_ASSERT_TRUE(jx_glyph_divide_between(img, w, a, b));
    /* taken into the box of 分: a box wider than a glyph */
    int wide[4] = {10, 6, 61, 30}, next[4] = {70, 6, 90, 30};
    CU_ASSERT_TRUE(jx_glyph_divide_between(img, w, wide, next));
    /* nothing between two glyphs side by side */
    int c[4] = {10, 6, 30, 30}, d[4] = {33, 6, 53, 30};
    CU_ASSERT_FALSE(jx_glyph_divide_between(img, w, c, d));

    memset(img, 255, (gsize)w * h); /* = : two bars */
    fill(img, w, 10, 12, 30, 15);
    fill(img, w, 10, 22, 30, 25);
    CU_ASSERT_FALSE(jx_glyph_divide(img, w, 5, 4, 40, 36));
    memset(img, 255, (gsize)w * h); /* + : one run of rows */
    fill(img, w, 10, 18, 30, 21);
    fill(img, w, 18, 8, 22, 30);
    CU_ASSERT_FALSE(jx_glyph_divide(img, w, 5, 4, 40, 36));
    memset(img, 255, (gsize)w * h); /* 三: three bars */
    for (int k = 0; k < 3; k++)
        fill(img, w, 10, 8 + 10 * k, 30, 11 + 10 * k);
    CU_ASSERT_FALSE(jx_glyph_divide(img, w, 5, 4, 40, 36));
    memset(img, 255, (gsize)w * h); /* dots off to one side: not ÷ */
    fill(img, w, 10, 8, 14, 12);
    fill(img, w, 10, 17, 30, 20);
    fill(img, w, 10, 25, 14, 29);
    CU_ASSERT_FALSE(jx_glyph_divide(img, w, 5, 4, 40, 36));
    g_free(img);
}

/* A rectangle turned by 90, 180 and 270 degrees clockwise: the pixel at
 * its top left goes to the top right, bottom right, bottom left. */
static void test_orient_turn(void)
{
    int w = 10, h = 8;
    guint8 img[80];
    for (int i = 0; i < w * h; i++)
        img[i] = 255;
    img[2 * w + 3] = 0; /* the rectangle is [3, 7) x [2, 5): its top left */
    const struct { int turn, ow, oh, x, y; } C[] = {
        {0, 4, 3, 0, 0}, {90, 3, 4, 2, 0}, {180, 4, 3, 3, 2}, {270, 3, 4, 0, 3}};
    for (gsize i = 0; i < G_N_ELEMENTS(C); i++) {
        int ow = 0, oh = 0;
        guint8 *out = jx_orient_turn_rect(img, w, 3, 2, 7, 5, C[i].turn, &ow, &oh);
        CU_ASSERT_EQUAL(ow, C[i].ow);
        CU_ASSERT_EQUAL(oh, C[i].oh);
        int dark = 0;
        for (int k = 0; k < ow * oh; k++)
            dark += out[k] == 0;
        CU_ASSERT_EQUAL(dark, 1);
        CU_ASSERT_EQUAL(out[C[i].y * ow + C[i].x], 0);
        g_free(out);
    }
    /* no grid, no line of text to read: no turn, and OCR is not asked */
    GPtrArray *none = g_ptr_array_new();
    CU_ASSERT_EQUAL(jx_orient_page(img, w, h, none), 0);
    g_ptr_array_free(none, TRUE);
}

/* A cell's inside starts just past its ruling line, wherever within reach
 * the line really runs; with no line there, `bare` pixels in. */
static void test_inner_edge(void)
{
    int w = 100, h = 60;
    guint8 *img = g_malloc((gsize)w * h);
    memset(img, 255, (gsize)w * h);
    fill(img, w, 20, 0, 22, h);  /* a left line 2 px thick at x 20-21 */
    fill(img, w, 79, 0, 80, h);  /* a right line at x 79 */
    fill(img, w, 24, 20, 30, 28); /* text close to the left line */
    /* the grid puts the lines at 21 and 80; reach 6 */
    CU_ASSERT_EQUAL(jx_ruling_inner_edge(img, w, TRUE, 21, 1, 6, 6, 0, h, w), 23);
    CU_ASSERT_EQUAL(jx_ruling_inner_edge(img, w, TRUE, 80, -1, 6, 6, 0, h, w), 78);
    /* no line within reach: bare pixels in (a band of page text: none) */
    CU_ASSERT_EQUAL(jx_ruling_inner_edge(img, w, TRUE, 50, 1, 6, 6, 0, h, w), 56);
    CU_ASSERT_EQUAL(jx_ruling_inner_edge(img, w, TRUE, 50, 1, 6, 0, 0, h, w), 50);
    /* a line farther in than reach is not this cell's line */
    CU_ASSERT_EQUAL(jx_ruling_inner_edge(img, w, TRUE, 12, 1, 6, 6, 0, h, w), 18);
    /* rows: a top line at y 5 */
    fill(img, w, 0, 5, w, 6);
    CU_ASSERT_EQUAL(jx_ruling_inner_edge(img, w, FALSE, 4, 1, 6, 6, 30, 70, h), 7);
    g_free(img);
}

/* A two-column table on one page: a header row, then rows; the first
 * row's right cell runs to its edge when `cut`. */
static JxTable *page_table(int page, const char *h0, const char *h1, const char *const *rows,
                           int nrows, unsigned flags, gboolean cut)
{
    JxTable *t = jx_table_new();
    for (int r = 0; r <= nrows; r++)
        for (int c = 0; c < 2; c++) {
            const char *text = r == 0 ? (c ? h1 : h0) : rows[2 * (r - 1) + c];
            JxCell *cell = jx_table_add_cell(t, r, c, 1, 1, text);
            cell->page = page;
            cell->flags = flags;
            cell->x0 = c ? 100 : 50;
            cell->x1 = c ? 400 : 100;
            cell->y0 = 100 + 20 * r;
            cell->y1 = cell->y0 + 20;
            cell->runs_to_edge = cut && r == nrows && c == 1;
        }
    jx_table_finish(t);
    t->page_start = t->page_end = page;
    return t;
}

/* A table across a page break, read by OCR: the header repeated on page 2
 * reads a little differently and is still dropped; the row the break cut
 * is joined. Text-layer headers must match exactly. */
static void test_crosspage_ocr(void)
{
    const char *first[] = {"产出指标", "部门所设立的整体绩效目标依据是否充分,"};
    const char *second[] = {"", "用以反映和考核", "效益指标", "为企业排忧解难"};
    for (int ocr = 1; ocr >= 0; ocr--) {
        unsigned m = ocr ? JX_FLAG_BIT(JX_FLAG_OCR) : 0;
        JxDoc *doc = jx_doc_new("pdf");
        jx_doc_add_table(doc, page_table(1, "一级指标", "复核得分", first, 1, m, TRUE), 1);
        jx_doc_add_table(doc, page_table(2, "一级指 `标", "夏核得分", second, 2, m, FALSE), 2);
        jx_crosspage_join(doc);
        CU_ASSERT_EQUAL_FATAL(doc->blocks->len, 1);
        const JxTable *t = ((JxBlock *)g_ptr_array_index(doc->blocks, 0))->table;
        /* OCR: header, joined row, 效益指标; text layer: both headers, no join */
        CU_ASSERT_EQUAL(t->nrows, ocr ? 3 : 5);
        if (ocr) {
            const JxCell *c = jx_table_cell_at(t, 1, 1);
            CU_ASSERT_STRING_EQUAL(c->text, "部门所设立的整体绩效目标依据是否充分,用以反映和考核");
            CU_ASSERT(c->flags & JX_FLAG_BIT(JX_FLAG_CROSS_PAGE));
            CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t, 2, 0)->text, "效益指标");
        }
        jx_doc_free(doc);
    }
}

/* One row of n cells on a page, read by OCR, the ones in `edge` (if
 * given) running to their right edge. */
static JxTable *row_table(int page, const char *const *texts, const gboolean *edge, int n)
{
    JxTable *t = jx_table_new();
    for (int c = 0; c < n; c++) {
        JxCell *cell = jx_table_add_cell(t, 0, c, 1, 1, texts[c]);
        cell->page = page;
        cell->flags = JX_FLAG_BIT(JX_FLAG_OCR);
        cell->x0 = 50 + 100 * c;
        cell->x1 = cell->x0 + 100;
        cell->y0 = page == 1 ? 700 : 50;
        cell->y1 = cell->y0 + 40;
        cell->runs_to_edge = edge && edge[c];
    }
    jx_table_finish(t);
    t->page_start = t->page_end = page;
    return t;
}

/* A row cut by a page break is joined when its cells ran to their edges;
 * one cell may have stopped short (a line ending in ；) when two others
 * run on, not when only one does. */
static void test_crosspage_stopped_short(void)
{
    const char *top[] = {"可持续", "促进企业家“两个", "1、提供佐证资料;"};
    const char *rest[] = {"影响6分", "健康”发展", "2、三级指标分值"};
    const gboolean runs[][3] = {{TRUE, TRUE, FALSE}, {FALSE, TRUE, FALSE}};
    for (int k = 0; k < 2; k++) {
        const gboolean none[3] = {FALSE, FALSE, FALSE};
        JxDoc *doc = jx_doc_new("pdf");
        jx_doc_add_table(doc, row_table(1, top, runs[k], 3), 1);
        jx_doc_add_table(doc, row_table(2, rest, none, 3), 2);
        jx_crosspage_join(doc);
        CU_ASSERT_EQUAL_FATAL(doc->blocks->len, 1);
        const JxTable *t = ((JxBlock *)g_ptr_array_index(doc->blocks, 0))->table;
        CU_ASSERT_EQUAL(t->nrows, k == 0 ? 1 : 2);
        if (k == 0)
            CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t, 0, 1)->text, "促进企业家“两个健康”发展");
        jx_doc_free(doc);
    }
}

/* A header repeated on the next page by OCR: a cell a little off is the
 * same (复核得簿); one in four may read quite otherwise (分值得了) and the
 * row is still dropped; two in four, and it is a row of the table. */
static void test_crosspage_header_misread(void)
{
    const char *head[] = {"一级指标", "二级指标", "分值", "复核得分"};
    const char *once[] = {"一级指标", "二级指标", "分值得了", "复核得簿"};
    const char *twice[] = {"一级指标", "二级指标", "分值得了", "复核"};
    const char *const *again[] = {once, twice};
    for (int k = 0; k < 2; k++) {
        JxDoc *doc = jx_doc_new("pdf");
        JxTable *a = row_table(1, head, NULL, 4), *b = row_table(2, again[k], NULL, 4);
        const char *row[] = {"产出指标", "数量指标", "10", "10"};
        for (int c = 0; c < 4; c++) { /* a row under each header */
            jx_table_add_cell(a, 1, c, 1, 1, row[c])->flags = JX_FLAG_BIT(JX_FLAG_OCR);
            jx_table_add_cell(b, 1, c, 1, 1, row[c])->flags = JX_FLAG_BIT(JX_FLAG_OCR);
        }
        jx_table_finish(a);
        jx_table_finish(b);
        jx_doc_add_table(doc, a, 1);
        jx_doc_add_table(doc, b, 2);
        jx_crosspage_join(doc);
        CU_ASSERT_EQUAL_FATAL(doc->blocks->len, 1);
        const JxTable *t = ((JxBlock *)g_ptr_array_index(doc->blocks, 0))->table;
        CU_ASSERT_EQUAL(t->nrows, k == 0 ? 3 : 4);
        jx_doc_free(doc);
    }
}

/* Which ink of a cell is text: strokes, specks beside them, and the point
 * a wrapped number leaves on the baseline after its last digit (8 px off,
 * farther than a speck may stand); dirt farther away, or after an
 * ideograph, is left out. */
static void test_text_extent(void)
{
    /* 1959300. over 00: digits 12 x 20, the point 3 x 3 on the baseline */
    JxInk ink[] = {{0, 0, 12, 20}, {14, 0, 12, 20}, {34, 17, 3, 3}, {0, 26, 12, 20}};
    int box[4];
    CU_ASSERT_TRUE(jx_glyph_text_extent(ink, 4, box));
    CU_ASSERT_EQUAL(box[2], 37); /* the point is in */
    CU_ASSERT_EQUAL(box[3], 46);
    /* the same speck after an ideograph (as wide as high) is dirt */
    JxInk cjk[] = {{0, 0, 20, 20}, {30, 17, 3, 3}};
    CU_ASSERT_TRUE(jx_glyph_text_extent(cjk, 2, box));
    CU_ASSERT_EQUAL(box[2], 20);
    /* a speck within 6 px of the text is in; one above the baseline, or
     * farther than half a digit after it, is not */
    JxInk near[] = {{0, 0, 12, 20}, {16, 10, 3, 3}, {30, 5, 3, 3}, {50, 17, 3, 3}};
    CU_ASSERT_TRUE(jx_glyph_text_extent(near, 4, box));
    CU_ASSERT_EQUAL(box[2], 19);
    /* specks only: no text */
    JxInk dirt[] = {{5, 5, 3, 3}, {40, 9, 2, 2}};
    CU_ASSERT_FALSE(jx_glyph_text_extent(dirt, 2, box));
}

/* Scans of a real form fed in upside down and sideways are turned upright
 * before their cells are read; a scan whose JPEG says 72 dpi (its page
 * 1654 x 2339 pt) is read at the size of A4: the first cell of each table
 * reads as it should, and 表1 runs on across its three pages as one. */
static void test_scans_turned_and_resized(void)
{
    const struct { const char *path, *first; int rows; } C[] = {
        {"corpus/scanned/2021-template-cost-upside-down.pdf", "项目名称", 21},
        {"corpus/scanned/2021-template-cost-sideways.pdf", "项目名称", 21},
        {"corpus/scanned/003-guangshui-common-72dpi.pdf", "一级指标", 15}};
    for (gsize i = 0; i < G_N_ELEMENTS(C); i++) {
        GError *err = NULL;
        JxDoc *doc = jx_test_read_doc(C[i].path, &err);
        CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
        const JxTable *t = NULL;
        for (guint k = 0; !t && k < doc->blocks->len; k++)
            t = ((JxBlock *)g_ptr_array_index(doc->blocks, k))->table;
        CU_ASSERT_PTR_NOT_NULL_FATAL(t);
        char *first = jx_text_compact(jx_table_cell_at(t, 0, 0)->text);
        CU_ASSERT_STRING_EQUAL(first, C[i].first);
        CU_ASSERT_EQUAL(t->nrows, C[i].rows);
        g_free(first);
        jx_doc_free(doc);
    }
}

/* Word boxes of a scan: dirt goes, a flat dash stands as high as the line,
 * a word grows over the blank half of the full-width comma after it (left
 * out by the word finder as a speck), and every box from ink to a glyph's
 * height. */
static void test_glyph_words(void)
{
    enum { W = 200, H = 60 };
    guint8 *img = g_malloc(W * H);
    memset(img, 255, W * H);
    fill(img, W, 10, 10, 80, 40);  /* 坚持标准 */
    fill(img, W, 84, 32, 88, 42);  /* ， low and narrow, 4 px after */
    fill(img, W, 100, 10, 140, 40); /* 严格 */
    fill(img, W, 150, 24, 170, 26); /* — */
    JxInk words[] = {{10, 10, 70, 30}, {84, 32, 4, 10}, {100, 10, 40, 30}, {150, 24, 20, 2},
                     {60, 50, 3, 3}};
    guint n = jx_glyph_words(img, W, W, words, G_N_ELEMENTS(words));
    CU_ASSERT_EQUAL_FATAL(n, 3);
    /* the line is 30 px: the comma's run ends at 88, plus 15; 3 px more
     * above and below */
    CU_ASSERT_EQUAL(words[0].x, 10);
    CU_ASSERT_EQUAL(words[0].w, 93);
    CU_ASSERT_EQUAL(words[0].y, 7);
    CU_ASSERT_EQUAL(words[0].h, 36);
    /* a word followed by a dash (wide, not a mark) does not grow */
    CU_ASSERT_EQUAL(words[1].x, 100);
    CU_ASSERT_EQUAL(words[1].w, 40);
    /* the dash: 30 px about its middle (25), then 3 more each way */
    CU_ASSERT_EQUAL(words[2].y, 7);
    CU_ASSERT_EQUAL(words[2].h, 36);
    /* dirt only: no line, no words */
    JxInk dirt[] = {{5, 5, 3, 3}, {40, 9, 2, 2}};
    CU_ASSERT_EQUAL(jx_glyph_words(img, W, W, dirt, 2), 0);
    g_free(img);
}

/* A scan of forms printed without ruling lines, upright and fed in
 * sideways: the page is turned by its longest words, the table found from
 * where its words stand, and each cell read on its own. */
static void test_scan_unruled(void)
{
    const char *paths[] = {"corpus/scanned/001-longgang-3forms-unruled.pdf",
                           "corpus/scanned/001-longgang-3forms-unruled-sideways.pdf"};
    for (gsize k = 0; k < G_N_ELEMENTS(paths); k++) {
        GError *err = NULL;
        JxDoc *doc = jx_test_read_doc(paths[k], &err);
        CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
        const JxTable *t = NULL;
        for (guint i = 0; !t && i < doc->blocks->len; i++)
            t = ((JxBlock *)g_ptr_array_index(doc->blocks, i))->table;
        CU_ASSERT_PTR_NOT_NULL_FATAL(t);
        CU_ASSERT_EQUAL(t->nrows, 22);
        const JxCell *first = jx_table_cell_at(t, 0, 0);
        char *text = jx_text_compact(first->text);
        CU_ASSERT_STRING_EQUAL(text, "项目编码:");
        CU_ASSERT_EQUAL(first->flags & (JX_FLAG_BIT(JX_FLAG_OCR) | JX_FLAG_BIT(JX_FLAG_COLUMN_INFERRED)),
                        JX_FLAG_BIT(JX_FLAG_OCR) | JX_FLAG_BIT(JX_FLAG_COLUMN_INFERRED));
        g_free(text);
        int amounts = 0; /* 1959300.00 four times: 年初, 全年 of two fund lines */
        for (guint i = 0; i < t->cells->len; i++)
            amounts += !strcmp(((JxCell *)g_ptr_array_index(t->cells, i))->text, "1959300.00");
        CU_ASSERT_EQUAL(amounts, 4);
        jx_doc_free(doc);
    }
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
    CU_add_test(s, "a cell's lines laid out as one", test_unwrap);
    CU_add_test(s, "missing lines do not merge past a rectangle", test_ruling_not_rectangle);
    CU_add_test(s, "an OCR'd table across a page break", test_crosspage_ocr);
    CU_add_test(s, "≥ and ≤ from the ink OCR misread", test_glyph_relation);
    CU_add_test(s, "a row cut by a page break, one cell short", test_crosspage_stopped_short);
    CU_add_test(s, "a header repeated by OCR, one cell misread", test_crosspage_header_misread);
    CU_add_test(s, "which ink is text: the point after a digit", test_text_extent);
    CU_add_test(s, "scans upside down, sideways, at 72 dpi", test_scans_turned_and_resized);
    CU_add_test(s, "word boxes of a scan: dirt, dashes, commas", test_glyph_words);
    CU_add_test(s, "scans without ruling lines, upright and sideways", test_scan_unruled);
    CU_add_test(s, "a rectangle turned for a page fed in sideways", test_orient_turn);
    CU_add_test(s, "÷ from the ink OCR misread or left out", test_glyph_divide);
    CU_add_test(s, "a cell's inside starts just past its line", test_inner_edge);
    CU_add_test(s, "text from glyph boxes, wraps", test_layout);
    CU_add_test(s, "reader: grid, image-only, encrypted, corrupt", test_pdf_reader);
}
