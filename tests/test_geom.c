/* The geometry of positioned pages: ruling lines and grids on synthetic
 * rasters (extract/geom/ruling.h), text from glyph boxes
 * (extract/geom/layout.h), a page's blocks (extract/geom/blocks.h). */
#include <string.h>

#include "extract/geom/blocks.h"
#include "extract/geom/layout.h"
#include "extract/geom/ruling.h"
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

/* A cell's inside starts just past its ruling line, wherever within reach
 * the line really runs; with no line there, `bare` pixels in. */
static void test_inner_edge(void)
{
    int w = 100, h = 60;
    guint8 *img = g_malloc((gsize)w * h);
    memset(img, 255, (gsize)w * h);
    jx_test_fill(img, w, 20, 0, 22, h);  /* a left line 2 px thick at x 20-21 */
    jx_test_fill(img, w, 79, 0, 80, h);  /* a right line at x 79 */
    jx_test_fill(img, w, 24, 20, 30, 28); /* text close to the left line */
    /* the grid puts the lines at 21 and 80; reach 6 */
    CU_ASSERT_EQUAL(jx_ruling_inner_edge(img, w, TRUE, 21, 1, 6, 6, 0, h, w), 23);
    CU_ASSERT_EQUAL(jx_ruling_inner_edge(img, w, TRUE, 80, -1, 6, 6, 0, h, w), 78);
    /* no line within reach: bare pixels in (a band of page text: none) */
    CU_ASSERT_EQUAL(jx_ruling_inner_edge(img, w, TRUE, 50, 1, 6, 6, 0, h, w), 56);
    CU_ASSERT_EQUAL(jx_ruling_inner_edge(img, w, TRUE, 50, 1, 6, 0, 0, h, w), 50);
    /* a line farther in than reach is not this cell's line */
    CU_ASSERT_EQUAL(jx_ruling_inner_edge(img, w, TRUE, 12, 1, 6, 6, 0, h, w), 18);
    /* rows: a top line at y 5 */
    jx_test_fill(img, w, 0, 5, w, 6);
    CU_ASSERT_EQUAL(jx_ruling_inner_edge(img, w, FALSE, 4, 1, 6, 6, 30, 70, h), 7);
    g_free(img);
}

static void add_word(GPtrArray *out, GArray *store, const char *text, double x, double y, double size)
{
    for (const char *p = text; *p; p = g_utf8_next_char(p)) {
        JxGlyph gl = {g_utf8_get_char(p), x, y, x + size, y + size, FALSE};
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

/* Glyphs of words 6 pt wide a letter, 10 pt high, `gap` apart, each after
 * the first marked as the producer's word start. */
static void add_words(GArray *store, const char *const *words, double x, double y, double gap)
{
    for (int w = 0; words[w]; w++) {
        for (const char *p = words[w]; *p; p = g_utf8_next_char(p)) {
            JxGlyph gl = {g_utf8_get_char(p), x, y, x + 6, y + 10, w > 0 && p == words[w]};
            g_array_append_val(store, gl);
            x += 6;
        }
        x += gap;
    }
}

/* The text of words laid out on one line `gap` apart (add_words). */
static char *line_text(const char *const *words, double gap)
{
    GArray *store = g_array_new(FALSE, FALSE, sizeof(JxGlyph));
    add_words(store, words, 0, 0, gap);
    GPtrArray *gl = glyph_ptrs(store);
    char *t = jx_layout_glyph_text(gl);
    g_ptr_array_free(gl, TRUE);
    g_array_free(store, TRUE);
    return t;
}

/* The text of a cell whose first line (a word) fills it, to 1 pt of its
 * right edge, and wraps to a second (another word). */
static char *wrapped_text(const char *first, const char *second)
{
    GArray *store = g_array_new(FALSE, FALSE, sizeof(JxGlyph));
    const char *a[] = {first, NULL}, *b[] = {second, NULL};
    add_words(store, a, 0, 0, 0);
    double right = g_array_index(store, JxGlyph, store->len - 1).x1 + 1;
    add_words(store, b, 0, 12, 0);
    GPtrArray *gl = glyph_ptrs(store);
    gboolean edge;
    char *t = jx_layout_cell_text(gl, right, &edge);
    g_ptr_array_free(gl, TRUE);
    g_array_free(store, TRUE);
    return t;
}

static void test_latin_spaces(void)
{
    /* a 2 pt space (0.2 of the height) between words the PDF spaced */
    const char *latin[] = {"Carbon", "dioxide", "(CO2)", NULL};
    char *t = line_text(latin, 2);
    CU_ASSERT_STRING_EQUAL(t, "Carbon dioxide (CO2)");
    g_free(t);
    /* the same narrow gap between Han letters is letter spacing, not a space */
    const char *han[] = {"项目", "支出", NULL};
    t = line_text(han, 2);
    CU_ASSERT_STRING_EQUAL(t, "项目支出");
    g_free(t);
    /* a gap under a twelfth of the height is kerning even where the PDF spaced */
    const char *tight[] = {"Total", "EU", NULL};
    t = line_text(tight, 0.5);
    CU_ASSERT_STRING_EQUAL(t, "TotalEU");
    g_free(t);
    /* Latin words wrapped in a cell were broken at a space; a number is not */
    t = wrapped_text("population", "1995");
    CU_ASSERT_STRING_EQUAL(t, "population 1995");
    g_free(t);
    t = wrapped_text("2023.1", "2");
    CU_ASSERT_STRING_EQUAL(t, "2023.12");
    g_free(t);
    /* in a cell of Han text lines break anywhere: "2+" wrapped before "1"
     * (组织“2+1”联合党日活动, an OFD corpus form) joins without a space */
    t = wrapped_text("活动“2+", "1”联合");
    CU_ASSERT_STRING_EQUAL(t, "活动“2+1”联合");
    g_free(t);
}

/* Glyph boxes of `text` set from x (or ending at x when right-aligned) on
 * the line at y: CJK characters `size` wide, ASCII half that. */
static void set_text(GArray *store, const char *text, double x, double y, double size,
                     gboolean right)
{
    double w = 0;
    for (const char *p = text; *p; p = g_utf8_next_char(p))
        w += g_utf8_get_char(p) < 128 ? size / 2 : size;
    if (right)
        x -= w;
    for (const char *p = text; *p; p = g_utf8_next_char(p)) {
        double gw = g_utf8_get_char(p) < 128 ? size / 2 : size;
        JxGlyph gl = {g_utf8_get_char(p), x, y, x + gw, y + size, FALSE};
        g_array_append_val(store, gl);
        x += gw;
    }
}

/* The same, centred on x. */
static void centre_text(GArray *store, const char *text, double x, double y, double size)
{
    double w = 0;
    for (const char *p = text; *p; p = g_utf8_next_char(p))
        w += g_utf8_get_char(p) < 128 ? size / 2 : size;
    set_text(store, text, x - w / 2, y, size, FALSE);
}

static const JxTextCell *text_cell_at(GArray *cells, int r, int c)
{
    for (guint i = 0; i < cells->len; i++) {
        const JxTextCell *t = &g_array_index(cells, JxTextCell, i);
        if (t->row == r && t->col == c)
            return t;
    }
    return NULL;
}

/* A table without lines whose rows touch (10 pt text, 12 pt apart, as a
 * Word table with its borders off) under a header row two lines tall:
 * labels and names centred, scores right-aligned. Every text starts at
 * a different x, yet three columns come out, each row's cells in it. */
static void test_unruled_centred(void)
{
    GArray *store = g_array_new(FALSE, FALSE, sizeof(JxGlyph));
    const char *a[] = {"一级指标", "产出", "效益", "满意度"};
    const char *b[] = {"名称", "丁", "戊", "甲乙丙"};
    const char *c[] = {"分值", "5", "9", "8"};
    for (int r = 0; r < 4; r++) {
        double y = r == 0 ? 7 : 12 + 12 * r; /* the header centred in 24 pt */
        centre_text(store, a[r], 30, y, 10);
        centre_text(store, b[r], 110, y, 10);
        if (c[r])
            set_text(store, c[r], 200, y, 10, TRUE);
    }
    GPtrArray *gl = glyph_ptrs(store);
    GPtrArray *lines = jx_layout_lines(gl);
    CU_ASSERT_EQUAL_FATAL(lines->len, 4);
    GPtrArray *bands = jx_layout_bands(lines, 0.3);
    CU_ASSERT_EQUAL(bands->len, 2); /* the header, and the rows that touch */
    GPtrArray *tts = jx_layout_text_tables(bands, lines, 3);
    CU_ASSERT_EQUAL_FATAL(tts->len, 1);
    const JxTextTable *tt = g_ptr_array_index(tts, 0);
    CU_ASSERT_EQUAL(tt->first, 0);
    CU_ASSERT_EQUAL(tt->last, 3);
    int nr = 0, nc = 0;
    gboolean touch = FALSE;
    GArray *cells = jx_layout_text_cells(lines, 0, 3, &nr, &nc, &touch);
    CU_ASSERT_EQUAL(nr, 4);
    CU_ASSERT_EQUAL(nc, 3);
    CU_ASSERT_TRUE(touch);
    CU_ASSERT_EQUAL(cells->len, 12);
    for (int r = 0; r < 4; r++) {
        const JxTextCell *ta = text_cell_at(cells, r, 0), *tb = text_cell_at(cells, r, 1),
                         *tc = text_cell_at(cells, r, 2);
        CU_ASSERT_PTR_NOT_NULL_FATAL(ta);
        CU_ASSERT_PTR_NOT_NULL_FATAL(tb);
        CU_ASSERT_STRING_EQUAL(ta->text, a[r]);
        CU_ASSERT_STRING_EQUAL(tb->text, b[r]);
        if (c[r]) {
            CU_ASSERT_PTR_NOT_NULL_FATAL(tc);
            CU_ASSERT_STRING_EQUAL(tc->text, c[r]);
            CU_ASSERT_EQUAL(tc->colspan, 1);
        }
    }
    jx_layout_text_cells_free(cells);
    g_ptr_array_free(tts, TRUE);
    g_ptr_array_free(bands, TRUE);
    g_ptr_array_free(lines, TRUE);
    g_ptr_array_free(gl, TRUE);
    g_array_free(store, TRUE);
}

/* Rows that touch: a label wrapped over three lines (each but the last
 * filling its column) is one cell spanning the three rows beside it; a
 * line spanning two columns (a goal text) keeps its span in a row of
 * its own. Rows padded apart: a line a line's spacing under another
 * is its wrapped tail. */
static void test_unruled_wrap_span(void)
{
    GArray *store = g_array_new(FALSE, FALSE, sizeof(JxGlyph));
    set_text(store, "服务对象", 0, 0, 10, FALSE);
    set_text(store, "满意度指", 0, 12, 10, FALSE);
    centre_text(store, "标", 20, 24, 10);
    const char *b[] = {"甲", "乙", "丙丙丙"}, *c[] = {"10", "20", "30"};
    for (int r = 0; r < 3; r++) {
        centre_text(store, b[r], 90, 12 * r, 10);
        set_text(store, c[r], 154, 12 * r, 10, TRUE);
    }
    centre_text(store, "目标", 20, 36, 10);
    set_text(store, "甲乙丙丁戊己庚辛壬癸", 60, 36, 10, FALSE);
    GPtrArray *gl = glyph_ptrs(store);
    GPtrArray *lines = jx_layout_lines(gl);
    CU_ASSERT_EQUAL_FATAL(lines->len, 4);
    int nr = 0, nc = 0;
    gboolean touch = FALSE;
    GArray *cells = jx_layout_text_cells(lines, 0, 3, &nr, &nc, &touch);
    CU_ASSERT_EQUAL(nr, 4);
    CU_ASSERT_EQUAL(nc, 3);
    CU_ASSERT_TRUE(touch);
    const JxTextCell *label = text_cell_at(cells, 0, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(label);
    CU_ASSERT_STRING_EQUAL(label->text, "服务对象满意度指标");
    CU_ASSERT_EQUAL(label->rowspan, 3);
    for (int r = 0; r < 3; r++) {
        const JxTextCell *tb = text_cell_at(cells, r, 1), *tc = text_cell_at(cells, r, 2);
        CU_ASSERT_PTR_NOT_NULL_FATAL(tb);
        CU_ASSERT_STRING_EQUAL(tb->text, b[r]);
        CU_ASSERT_PTR_NOT_NULL_FATAL(tc);
        CU_ASSERT_STRING_EQUAL(tc->text, c[r]);
    }
    const JxTextCell *goal = text_cell_at(cells, 3, 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(goal);
    CU_ASSERT_STRING_EQUAL(goal->text, "甲乙丙丁戊己庚辛壬癸");
    CU_ASSERT_EQUAL(goal->colspan, 2);
    CU_ASSERT_STRING_EQUAL(text_cell_at(cells, 3, 0)->text, "目标");
    jx_layout_text_cells_free(cells);
    g_ptr_array_free(lines, TRUE);
    g_ptr_array_free(gl, TRUE);

    /* rows padded 14 pt apart: a line 2 pt under another (row 1's name
     * wrapped) joins it though it leaves room, rows do not touch; so does
     * one that starts 8 pt (0.8 of a character) right of the line above,
     * as an OCR word box that starts at a bracket's ink */
    for (int shift = 0; shift <= 8; shift += 8) {
        g_array_set_size(store, 0);
        const double ys[] = {0, 24, 58, 82};
        for (int r = 0; r < 4; r++) {
            set_text(store, r == 1 ? "乙乙" : "甲甲", 0, ys[r], 10, FALSE);
            set_text(store, "名称", 60, ys[r], 10, FALSE);
            set_text(store, "5", 130, ys[r], 10, TRUE);
        }
        set_text(store, "续", 60 + shift, 36, 10, FALSE);
        gl = glyph_ptrs(store);
        lines = jx_layout_lines(gl);
        cells = jx_layout_text_cells(lines, 0, lines->len - 1, &nr, &nc, &touch);
        CU_ASSERT_EQUAL(nr, 4);
        CU_ASSERT_EQUAL(nc, 3);
        CU_ASSERT_FALSE(touch);
        CU_ASSERT_PTR_NOT_NULL_FATAL(text_cell_at(cells, 1, 1));
        CU_ASSERT_STRING_EQUAL(text_cell_at(cells, 1, 1)->text, "名称续"); /* wrapped: no break */
        CU_ASSERT_STRING_EQUAL(text_cell_at(cells, 1, 0)->text, "乙乙");
        jx_layout_text_cells_free(cells);
        g_ptr_array_free(lines, TRUE);
        g_ptr_array_free(gl, TRUE);
    }
    g_array_free(store, TRUE);
}

/* Two columns 30 pt apart in four rows; in the fifth, a cell filled to its
 * padding leaves its neighbour only 7 pt (0.7 of a character, under a
 * column gap, over a word space): the text is cut where the other rows
 * part the columns. */
static void test_unruled_cut_at_column(void)
{
    GArray *store = g_array_new(FALSE, FALSE, sizeof(JxGlyph));
    for (int r = 0; r < 5; r++) {
        set_text(store, r == 1 ? "丙丙丙丙丙" : "甲甲甲甲", 0, 24 * r, 10, FALSE);
        set_text(store, r == 1 ? "丁丁" : "乙乙", r == 1 ? 57 : 70, 24 * r, 10, FALSE);
    }
    GPtrArray *gl = glyph_ptrs(store);
    GPtrArray *lines = jx_layout_lines(gl);
    CU_ASSERT_EQUAL_FATAL(lines->len, 5);
    int nr = 0, nc = 0;
    gboolean touch = TRUE;
    GArray *cells = jx_layout_text_cells(lines, 0, 4, &nr, &nc, &touch);
    CU_ASSERT_EQUAL(nr, 5);
    CU_ASSERT_EQUAL(nc, 2);
    CU_ASSERT_FALSE(touch);
    const JxTextCell *a = text_cell_at(cells, 1, 0), *b = text_cell_at(cells, 1, 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    CU_ASSERT_STRING_EQUAL(a->text, "丙丙丙丙丙");
    CU_ASSERT_STRING_EQUAL(b->text, "丁丁");
    CU_ASSERT_STRING_EQUAL(text_cell_at(cells, 2, 1)->text, "乙乙");
    jx_layout_text_cells_free(cells);
    g_ptr_array_free(lines, TRUE);
    g_ptr_array_free(gl, TRUE);
    g_array_free(store, TRUE);
}

/* Reads a grid cell as its index, flagged OCR; the last runs to its edge. */
static char *index_cell(const JxGridCell *gc, guint i, unsigned *flags, gboolean *runs_to_edge,
                        gpointer ctx)
{
    const JxGrid *grid = ctx;
    (void)gc;
    *flags |= JX_FLAG_BIT(JX_FLAG_OCR);
    *runs_to_edge = i + 1 == grid->cells->len;
    return g_strdup_printf("c%u", i);
}

/* A box reader that counts its calls. */
static char *count_box(double x0, double y0, double x1, double y1, unsigned *flags, gboolean cell,
                       gpointer ctx)
{
    (void)x0, (void)y0, (void)x1, (void)y1, (void)flags, (void)cell;
    (*(int *)ctx)++;
    return g_strdup("read");
}

/* A page's blocks: a table on a ruled grid read cell by cell, a paragraph
 * above it from glyphs, then both into the document top to bottom with
 * the page's flags; a box reader with glyphs that make no table adds
 * nothing. */
static void test_blocks(void)
{
    int w = 200, h = 120;
    guint8 *img = draw_grid(w, h);
    GArray *hs = g_array_new(FALSE, FALSE, sizeof(JxSeg)), *vs = g_array_new(FALSE, FALSE, sizeof(JxSeg));
    jx_ruling_find(img, w, h, w, 1, 0, JX_RULING_DARK, 1.0, hs, vs);
    GPtrArray *grids = jx_ruling_grids(hs, vs);
    CU_ASSERT_EQUAL_FATAL(grids->len, 1);
    const JxGrid *grid = g_ptr_array_index(grids, 0);

    GArray *blocks = jx_blocks_new();
    JxPageBlock ruled = {grid->ys[0], NULL, jx_blocks_grid_table(grid, 2, index_cell, (gpointer)grid), 0};
    g_array_append_val(blocks, ruled);
    GArray *store = g_array_new(FALSE, FALSE, sizeof(JxGlyph));
    add_word(NULL, store, "Title", 0, 0, 5); /* above the grid (top at 10) */
    GPtrArray *gl = glyph_ptrs(store);
    CU_ASSERT_EQUAL(jx_blocks_from_layout(blocks, gl, 2, NULL, NULL), 0);
    CU_ASSERT_EQUAL(blocks->len, 2);
    g_ptr_array_free(gl, TRUE);
    gl = glyph_ptrs(store); /* word boxes that make no table: nothing read */
    int calls = 0;
    CU_ASSERT_EQUAL(jx_blocks_from_layout(blocks, gl, 2, count_box, &calls), 0);
    CU_ASSERT_EQUAL(calls, 0);
    CU_ASSERT_EQUAL(blocks->len, 2);
    g_ptr_array_free(gl, TRUE);

    JxDoc *doc = jx_doc_new("pdf");
    jx_blocks_add_to_doc(doc, blocks, 2, JX_FLAG_BIT(JX_FLAG_TEXT_GARBLED));
    CU_ASSERT_EQUAL_FATAL(doc->blocks->len, 2);
    const JxBlock *para = g_ptr_array_index(doc->blocks, 0);
    const JxBlock *table = g_ptr_array_index(doc->blocks, 1);
    CU_ASSERT_EQUAL_FATAL(para->kind, JX_BLOCK_PARAGRAPH);
    CU_ASSERT_STRING_EQUAL(para->text, "Title");
    CU_ASSERT_EQUAL(para->flags, JX_FLAG_BIT(JX_FLAG_TEXT_GARBLED));
    CU_ASSERT_EQUAL_FATAL(table->kind, JX_BLOCK_TABLE);
    const JxTable *t = table->table;
    CU_ASSERT_EQUAL(t->cells->len, 8);
    CU_ASSERT_EQUAL(t->page_start, 2);
    const JxCell *merged = jx_table_cell_at(t, 0, 1); /* the top-left two cells are one */
    CU_ASSERT_STRING_EQUAL(merged->text, "c0");
    CU_ASSERT_EQUAL(merged->colspan, 2);
    CU_ASSERT_EQUAL(merged->flags, JX_FLAG_BIT(JX_FLAG_OCR) | JX_FLAG_BIT(JX_FLAG_TEXT_GARBLED));
    CU_ASSERT_EQUAL(merged->x0, grid->xs[0]);
    CU_ASSERT_EQUAL(merged->x1, grid->xs[2]);
    CU_ASSERT_FALSE(merged->runs_to_edge);
    CU_ASSERT_TRUE(jx_table_cell_at(t, 2, 2)->runs_to_edge);
    jx_doc_free(doc);
    g_array_free(store, TRUE);
    g_ptr_array_free(grids, TRUE);
    g_array_free(hs, TRUE);
    g_array_free(vs, TRUE);
    g_free(img);
}

void jx_add_geom_tests(void)
{
    CU_pSuite s = CU_add_suite("extract/geom/ruling", NULL, NULL);
    CU_add_test(s, "ruling lines and merged cells", test_ruling);
    CU_add_test(s, "missing lines do not merge past a rectangle", test_ruling_not_rectangle);
    CU_add_test(s, "a cell's inside starts just past its line", test_inner_edge);
    s = CU_add_suite("extract/geom/layout", NULL, NULL);
    CU_add_test(s, "text from glyph boxes, wraps", test_layout);
    CU_add_test(s, "Latin words keep the spaces the PDF gave them", test_latin_spaces);
    CU_add_test(s, "unruled: centred and right-aligned columns, rows that touch",
                test_unruled_centred);
    CU_add_test(s, "unruled: a wrapped label spans rows, a goal line spans columns, padding",
                test_unruled_wrap_span);
    CU_add_test(s, "unruled: text of two columns set closer than a column gap is cut",
                test_unruled_cut_at_column);
    s = CU_add_suite("extract/geom/blocks", NULL, NULL);
    CU_add_test(s, "a page's blocks: grid cells read, unruled text, top to bottom", test_blocks);
}
