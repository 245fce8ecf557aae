/* The OCR engine plugin (extract/ocr/ocr_engine.h): Tesseract reads, Leptonica
 * finds ink boxes and the lean of a page. Built alone as jixiao-ocr.so;
 * extract/ocr/ocr.c loads it. One Tesseract engine per language set per
 * process, made on first use (workers are processes, so no locking). */
#include "extract/ocr/ocr_engine.h"

#include <gmodule.h>
#include <string.h>
#include <leptonica/allheaders.h>
#include <tesseract/capi.h>

#include "extract/ocr/glyph.h"
#include "extract/ocr/ocr.h"

/* The engines, made on first use: chi_sim+eng reads everything; chi_sim
 * alone reads again what the first took for Latin (刘敏 as "Wile"). */
enum { MIXED, CJK, ENGINES };
static const char *const LANGS[ENGINES] = {"chi_sim+eng", "chi_sim"};

static TessBaseAPI *engine(int which)
{
    static TessBaseAPI *api[ENGINES];
    static gboolean failed[ENGINES];
    if (api[which] || failed[which])
        return api[which];
    api[which] = TessBaseAPICreate();
    if (TessBaseAPIInit3(api[which], NULL, LANGS[which]) != 0) {
        TessBaseAPIDelete(api[which]);
        api[which] = NULL;
        failed[which] = TRUE;
        return NULL;
    }
    TessBaseAPISetVariable(api[which], "debug_file", "/dev/null"); /* no chatter on stderr */
    TessBaseAPISetVariable(api[which], "preserve_interword_spaces", "1");
    return api[which];
}

static const char *init(void)
{
    if (engine(MIXED))
        return NULL;
    return "Tesseract cannot load chi_sim+eng (install tesseract-ocr-chi-sim and -eng)";
}

static char *read_rect(TessBaseAPI *api, const guint8 *gray, int w, int h, int stride,
                       int x0, int y0, int x1, int y1, gboolean single_line, int *confidence)
{
    TessBaseAPISetPageSegMode(api, single_line ? PSM_SINGLE_LINE : PSM_SINGLE_BLOCK);
    TessBaseAPISetImage(api, gray, w, h, 1, stride);
    TessBaseAPISetSourceResolution(api, (int)(JX_OCR_SCALE * 72));
    TessBaseAPISetRectangle(api, x0, y0, x1 - x0, y1 - y0);
    char *t = TessBaseAPIGetUTF8Text(api);
    *confidence = TessBaseAPIMeanTextConf(api);
    char *text = g_strdup(t ? t : "");
    TessDeleteText(t);
    return g_strstrip(text);
}

/* Tesseract is surest of Latin letters where there are none: a reading
 * with fewer of them wins unless its confidence is under this (1人 read as
 * "1A" at 93, as "1人" at 39). */
#define CJK_FLOOR 30

static int latin_letters(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += g_ascii_isalpha(*s);
    return n;
}

/* Signs OCR reads ≥ and ≤ as (> < = 三) when a number follows them. */
static gboolean relation_misread(const char *sym)
{
    return !strcmp(sym, ">") || !strcmp(sym, "<") || !strcmp(sym, "=") || !strcmp(sym, "三");
}

/* Signs OCR reads ÷ as: (10分÷三级指标个数) read as "10分=三级…", "10分二三级…". */
static gboolean divide_misread(const char *sym)
{
    return !strcmp(sym, "=") || !strcmp(sym, "二") || !strcmp(sym, "+") || !strcmp(sym, "<") ||
           !strcmp(sym, ">") || !strcmp(sym, "-");
}

static gboolean starts_number(const char *sym)
{
    return g_ascii_isdigit(*sym) || (*sym && strstr("一二三四五六七八九十百两零", sym));
}

typedef struct {
    char *text;
    int box[4]; /* l, t, r, b */
    gunichar relation; /* the ≥ or ≤ its ink shows (used before a number) */
    gunichar divide;   /* ÷ when its ink shows one */
} Symbol;

static void symbol_clear(gpointer p)
{
    g_free(((Symbol *)p)->text);
}

/* Puts back the signs that the last reading of api took for others,
 * looking at the ink: ≥ and ≤ read as > < = or 三 before a number (≥200人次
 * as "三200人次", ≤3万 as "<3万"); ÷ read as = 二 + < > or -, or left out.
 * Returns text or a new string (text freed). */
static char *mend_signs(TessBaseAPI *api, const guint8 *gray, int stride, char *text)
{
    TessResultIterator *it = TessBaseAPIGetIterator(api);
    if (!it)
        return text;
    TessPageIterator *pit = TessResultIteratorGetPageIterator(it);
    GArray *syms = g_array_new(FALSE, TRUE, sizeof(Symbol));
    g_array_set_clear_func(syms, symbol_clear);
    do {
        char *sym = TessResultIteratorGetUTF8Text(it, RIL_SYMBOL);
        Symbol one = {g_strdup(sym ? sym : ""), {0}, 0, 0};
        int *bx = one.box;
        TessDeleteText(sym);
        if (TessPageIteratorBoundingBox(pit, RIL_SYMBOL, &bx[0], &bx[1], &bx[2], &bx[3])) {
            if (relation_misread(one.text))
                one.relation = jx_glyph_relation(gray, stride, bx[0], bx[1], bx[2], bx[3]);
            if (divide_misread(one.text) &&
                jx_glyph_divide(gray, stride, bx[0], bx[1], bx[2], bx[3]))
                one.divide = 0xF7;
        }
        g_array_append_val(syms, one);
    } while (TessResultIteratorNext(it, RIL_SYMBOL));
    TessResultIteratorDelete(it);

    /* the text holds the same symbols in the same order, with white space
     * between; where it does not, nothing more is mended */
    GString *out = g_string_sized_new(strlen(text) + 8);
    guint k = 0;
    gboolean aligned = TRUE;
    for (const char *p = text; *p; p = g_utf8_next_char(p)) {
        char one[8] = {0};
        memcpy(one, p, (size_t)(g_utf8_next_char(p) - p));
        gunichar sign = 0;
        if (g_unichar_isspace(g_utf8_get_char(one))) {
            g_string_append(out, one);
            continue;
        }
        if (aligned && k < syms->len && !strcmp(g_array_index(syms, Symbol, k).text, one)) {
            const Symbol *s = &g_array_index(syms, Symbol, k);
            if (k > 0 && jx_glyph_divide_between(gray, stride, (s - 1)->box, s->box))
                g_string_append_unichar(out, 0xF7);
            if (k + 1 < syms->len && starts_number((s + 1)->text))
                sign = s->relation;
            if (!sign)
                sign = s->divide;
            k++;
        } else {
            aligned = FALSE;
        }
        if (sign)
            g_string_append_unichar(out, sign);
        else
            g_string_append(out, one);
    }
    g_array_free(syms, TRUE);
    g_free(text);
    return g_string_free(out, FALSE);
}

/* The confidence of the word api was least sure of in its last reading;
 * fallback when it read no word. */
static int least_sure(TessBaseAPI *api, int fallback)
{
    int *all = TessBaseAPIAllWordConfidences(api);
    int least = all && all[0] >= 0 ? 100 : fallback;
    for (int i = 0; all && all[i] >= 0; i++)
        least = MIN(least, all[i]);
    TessDeleteIntArray(all);
    return least;
}

static char *read_text(const guint8 *gray, int w, int h, int stride, int x0, int y0, int x1, int y1,
                       gboolean single_line, int *confidence, int *least)
{
    TessBaseAPI *api = engine(MIXED);
    *confidence = *least = 0;
    if (!api)
        return g_strdup("");
    char *text = read_rect(api, gray, w, h, stride, x0, y0, x1, y1, single_line, confidence);
    TessBaseAPI *from = api;
    TessBaseAPI *cjk = latin_letters(text) >= 1 ? engine(CJK) : NULL;
    if (cjk) {
        int conf = 0;
        char *again = read_rect(cjk, gray, w, h, stride, x0, y0, x1, y1, single_line, &conf);
        gboolean fewer_latin = latin_letters(again) < latin_letters(text);
        if (conf > *confidence || (conf >= CJK_FLOOR && fewer_latin)) {
            g_free(text);
            text = again;
            *confidence = conf;
            from = cjk;
        } else {
            g_free(again);
        }
    }
    *least = least_sure(from, *confidence);
    return mend_signs(from, gray, stride, text);
}

/* A rectangle of an 8-bit gray image as a 1-bit image, ink (gray < 128)
 * set: what Leptonica's skew search and connected components work on.
 * Leptonica's own messages are turned off on first use. */
static PIX *bitmap(const guint8 *gray, int stride, int x0, int y0, int w, int h)
{
    static gsize quiet = 0;
    if (g_once_init_enter(&quiet))
        g_once_init_leave(&quiet, (setMsgSeverity(L_SEVERITY_NONE), 1));
    PIX *bits = pixCreate(w, h, 1);
    if (!bits)
        return NULL;
    l_uint32 *data = pixGetData(bits);
    int wpl = pixGetWpl(bits);
    for (int y = 0; y < h; y++) {
        const guint8 *row = gray + (gsize)(y0 + y) * (gsize)stride + x0;
        l_uint32 *line = data + (gsize)y * (gsize)wpl;
        for (int x = 0; x < w; x++)
            if (row[x] < 128)
                line[x >> 5] |= 0x80000000u >> (x & 31);
    }
    return bits;
}

static gboolean text_box(const guint8 *gray, int stride, int x0, int y0, int x1, int y1,
                         int box[4])
{
    int w = x1 - x0, h = y1 - y0;
    if (w < 4 || h < 4)
        return FALSE;
    PIX *bits = bitmap(gray, stride, x0, y0, w, h);
    if (!bits)
        return FALSE;
    BOXA *boxes = pixConnCompBB(bits, 8);
    pixDestroy(&bits);
    int n = boxes ? boxaGetCount(boxes) : 0;
    JxInk *ink = g_new(JxInk, MAX(n, 1));
    for (int i = 0; i < n; i++) {
        l_int32 x, y, bw, bh;
        boxaGetBoxGeometry(boxes, i, &x, &y, &bw, &bh);
        ink[i] = (JxInk){x, y, bw, bh};
    }
    boxaDestroy(&boxes);
    gboolean found = jx_glyph_text_extent(ink, n, box);
    g_free(ink);
    if (found) {
        box[0] += x0;
        box[1] += y0;
        box[2] += x0;
        box[3] += y0;
    }
    return found;
}

static gboolean find_skew(const guint8 *gray, int w, int h, int stride, double *angle,
                          double *confidence)
{
    PIX *bits = bitmap(gray, stride, 0, 0, w, h);
    if (!bits)
        return FALSE;
    l_float32 a = 0, c = 0;
    gboolean ok = pixFindSkew(bits, &a, &c) == 0;
    pixDestroy(&bits);
    *angle = a;
    *confidence = c;
    return ok;
}

/* Leptonica's word finder works at 75 to 150 ppi: the image is halved
 * (250 dpi to 125) and the boxes doubled back. A word is at most this
 * many halved pixels high; as wide as the page (a line of Chinese is one
 * word). */
#define WORD_MAX_H 120

static void word_boxes(const guint8 *gray, int stride, int x0, int y0, int x1, int y1,
                       GArray *out)
{
    PIX *bits = bitmap(gray, stride, x0, y0, x1 - x0, y1 - y0);
    PIX *half = bits ? pixReduceRankBinaryCascade(bits, 1, 0, 0, 0) : NULL;
    BOXA *boxes = NULL;
    NUMA *lines = NULL;
    if (half && pixGetWordBoxesInTextlines(half, 1, 1, pixGetWidth(half), WORD_MAX_H, &boxes, &lines) == 0) {
        int n = boxaGetCount(boxes);
        for (int i = 0; i < n; i++) {
            l_int32 x, y, bw, bh;
            boxaGetBoxGeometry(boxes, i, &x, &y, &bw, &bh);
            JxInk word = {x0 + 2 * x, y0 + 2 * y, 2 * bw, 2 * bh};
            g_array_append_val(out, word);
        }
    }
    boxaDestroy(&boxes);
    numaDestroy(&lines);
    pixDestroy(&half);
    pixDestroy(&bits);
}

G_MODULE_EXPORT extern const JxOcrEngine jx_ocr_engine;
const JxOcrEngine jx_ocr_engine = {JX_OCR_ENGINE_VERSION, init, read_text, text_box, find_skew,
                                     word_boxes};
