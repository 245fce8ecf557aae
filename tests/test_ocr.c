/* The OCR path: the lean of a scan (extract/ocr/deskew.h), the text box of
 * a cell (extract/ocr/ocr.h), a cell's lines laid out as one
 * (extract/ocr/unwrap.h), glyph shapes and word boxes (extract/ocr/glyph.h),
 * turning a page upright (extract/ocr/orient.h), and scans read whole
 * (extract/ocr/scan.h, through the PDF reader). */
#include <math.h>
#include <string.h>

#include "extract/ocr/deskew.h"
#include "extract/ocr/glyph.h"
#include "extract/ocr/ocr.h"
#include "extract/ocr/orient.h"
#include "extract/ocr/unwrap.h"
#include "normalize/text.h"
#include "tests/harness.h"

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

/* A cell of two lines, "1959300." over "00", laid out as one line; three
 * bars (三) are one line; a speck alone is no line. */
static void test_unwrap(void)
{
    int w = 300, h = 200;
    const double s = 250.0 / 72.0;
    guint8 *img = g_malloc((gsize)w * h);
    memset(img, 255, (gsize)w * h);
    jx_test_fill(img, w, 20, 10, 120, 40);  /* line 1 */
    jx_test_fill(img, w, 124, 36, 128, 40); /* ... and its point */
    jx_test_fill(img, w, 20, 55, 60, 75);   /* line 2, lower: digits */
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
        jx_test_fill(img, w, 20, 10 + 12 * k, 50, 14 + 12 * k);
    jx_test_fill(img, w, 200, 180, 203, 183); /* a speck far below */
    CU_ASSERT_FATAL(jx_unwrap_lines(img, w, 0, 0, w, h, s, &one));
    CU_ASSERT_EQUAL(one.lines, 1);
    CU_ASSERT_PTR_NULL(one.gray);
    g_free(one.gray);
    CU_ASSERT_EQUAL(one.high, 28);

    memset(img, 255, (gsize)w * h);
    CU_ASSERT_FALSE(jx_unwrap_lines(img, w, 0, 0, w, h, s, &one));
    g_free(img);
}

/* Draws a chevron of stroke 3 into a 24 x 24 box at (x, y): pointing right
 * (>) or left (<); with a bar under it, ≥ or ≤. */
static void draw_relation(guint8 *img, int w, int x, int y, gboolean right, gboolean bar)
{
    for (int k = 0; k <= 8; k++) { /* two arms meeting at the middle row */
        int ax = right ? x + 2 * k : x + 16 - 2 * k;
        jx_test_fill(img, w, ax, y + k, ax + 3, y + k + 1);
        jx_test_fill(img, w, ax, y + 16 - k, ax + 3, y + 17 - k);
    }
    if (bar)
        jx_test_fill(img, w, x, y + 21, x + 20, y + 24);
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
        jx_test_fill(img, w, 36, 8, 50, 32);
        CU_ASSERT_EQUAL(jx_glyph_relation(img, w, 5, 4, 55, 36), C[i].want);
    }
    memset(img, 255, (gsize)w * h); /* = : two bars */
    jx_test_fill(img, w, 10, 12, 30, 15);
    jx_test_fill(img, w, 10, 22, 30, 25);
    CU_ASSERT_EQUAL(jx_glyph_relation(img, w, 5, 4, 40, 36), 0);
    memset(img, 255, (gsize)w * h);
    for (int k = 0; k < 3; k++) /* 三 */
        jx_test_fill(img, w, 10 + 2 * (k == 1), 8 + 10 * k, 30 - 2 * (k == 1), 11 + 10 * k);
    CU_ASSERT_EQUAL(jx_glyph_relation(img, w, 5, 4, 40, 36), 0);
    g_free(img);
}

/* ÷ drawn at x: a dot over a bar over a dot, 20 px wide. */
static void draw_divide(guint8 *img, int w, int x, int y)
{
    jx_test_fill(img, w, x + 8, y, x + 13, y + 5);
    jx_test_fill(img, w, x, y + 9, x + 20, y + 12);
    jx_test_fill(img, w, x + 8, y + 16, x + 13, y + 21);
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
    jx_test_fill(img, w, 10, 6, 30, 30);
    int a[4] = {10, 6, 30, 30}, b[4] = {70, 6, 90, 30};
    CU_ASSERT_TRUE(jx_glyph_divide_between(img, w, a, b));
    /* taken into the box of 分: a box wider than a glyph */
    int wide[4] = {10, 6, 61, 30}, next[4] = {70, 6, 90, 30};
    CU_ASSERT_TRUE(jx_glyph_divide_between(img, w, wide, next));
    /* nothing between two glyphs side by side */
    int c[4] = {10, 6, 30, 30}, d[4] = {33, 6, 53, 30};
    CU_ASSERT_FALSE(jx_glyph_divide_between(img, w, c, d));

    memset(img, 255, (gsize)w * h); /* = : two bars */
    jx_test_fill(img, w, 10, 12, 30, 15);
    jx_test_fill(img, w, 10, 22, 30, 25);
    CU_ASSERT_FALSE(jx_glyph_divide(img, w, 5, 4, 40, 36));
    memset(img, 255, (gsize)w * h); /* + : one run of rows */
    jx_test_fill(img, w, 10, 18, 30, 21);
    jx_test_fill(img, w, 18, 8, 22, 30);
    CU_ASSERT_FALSE(jx_glyph_divide(img, w, 5, 4, 40, 36));
    memset(img, 255, (gsize)w * h); /* 三: three bars */
    for (int k = 0; k < 3; k++)
        jx_test_fill(img, w, 10, 8 + 10 * k, 30, 11 + 10 * k);
    CU_ASSERT_FALSE(jx_glyph_divide(img, w, 5, 4, 40, 36));
    memset(img, 255, (gsize)w * h); /* dots off to one side: not ÷ */
    jx_test_fill(img, w, 10, 8, 14, 12);
    jx_test_fill(img, w, 10, 17, 30, 20);
    jx_test_fill(img, w, 10, 25, 14, 29);
    CU_ASSERT_FALSE(jx_glyph_divide(img, w, 5, 4, 40, 36));
    g_free(img);
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

/* Word boxes of a scan: dirt goes, a flat dash stands as high as the line,
 * a word grows over the blank half of the full-width comma after it (left
 * out by the word finder as a speck), and every box from ink to a glyph's
 * height. */
static void test_glyph_words(void)
{
    enum { W = 200, H = 60 };
    guint8 *img = g_malloc(W * H);
    memset(img, 255, W * H);
    jx_test_fill(img, W, 10, 10, 80, 40);  /* 坚持标准 */
    jx_test_fill(img, W, 84, 32, 88, 42);  /* ， low and narrow, 4 px after */
    jx_test_fill(img, W, 100, 10, 140, 40); /* 严格 */
    jx_test_fill(img, W, 150, 24, 170, 26); /* — */
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

void jx_add_ocr_tests(void)
{
    CU_pSuite s = CU_add_suite("extract/ocr/deskew", NULL, NULL);
    CU_add_test(s, "the lean of a scanned page", test_deskew);
    s = CU_add_suite("extract/ocr/ocr", NULL, NULL);
    CU_add_test(s, "the text box of a cell, without dirt", test_text_box);
    s = CU_add_suite("extract/ocr/unwrap", NULL, NULL);
    CU_add_test(s, "a cell's lines laid out as one", test_unwrap);
    s = CU_add_suite("extract/ocr/glyph", NULL, NULL);
    CU_add_test(s, "≥ and ≤ from the ink OCR misread", test_glyph_relation);
    CU_add_test(s, "÷ from the ink OCR misread or left out", test_glyph_divide);
    CU_add_test(s, "which ink is text: the point after a digit", test_text_extent);
    CU_add_test(s, "word boxes of a scan: dirt, dashes, commas", test_glyph_words);
    s = CU_add_suite("extract/ocr/orient", NULL, NULL);
    CU_add_test(s, "a rectangle turned for a page fed in sideways", test_orient_turn);
    s = CU_add_suite("extract/ocr/scan", NULL, NULL);
    CU_add_test(s, "scans upside down, sideways, at 72 dpi", test_scans_turned_and_resized);
    CU_add_test(s, "scans without ruling lines, upright and sideways", test_scan_unruled);
}
