/* The OCR engine plugin (extract/ocr_engine.h): Tesseract reads, Leptonica
 * finds ink boxes and the lean of a page. Built alone as jixiao-ocr.so;
 * extract/ocr.c loads it. One Tesseract engine per language set per
 * process, made on first use (workers are processes, so no locking). */
#include "extract/ocr_engine.h"

#include <gmodule.h>
#include <string.h>
#include <leptonica/allheaders.h>
#include <tesseract/capi.h>

#include "extract/glyph.h"
#include "extract/ocr.h"

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

static gboolean starts_number(const char *sym)
{
    return g_ascii_isdigit(*sym) || (*sym && strstr("一二三四五六七八九十百两零", sym));
}

/* Puts back ≥ and ≤ that the last reading of api took for > < = or 三
 * before a number (≥200人次 read as "三200人次", ≤3万 as "<3万"), looking
 * at each such symbol's ink. Returns text or a new string (text freed). */
static char *mend_relations(TessBaseAPI *api, const guint8 *gray, int stride, char *text)
{
    if (!strpbrk(text, "<>=") && !strstr(text, "三"))
        return text;
    TessResultIterator *it = TessBaseAPIGetIterator(api);
    if (!it)
        return text;
    TessPageIterator *pit = TessResultIteratorGetPageIterator(it);
    GPtrArray *syms = g_ptr_array_new_with_free_func(g_free);
    GArray *signs = g_array_new(FALSE, TRUE, sizeof(gunichar)); /* per symbol: 0 keeps it */
    do {
        char *sym = TessResultIteratorGetUTF8Text(it, RIL_SYMBOL);
        int l = 0, t = 0, r = 0, b = 0;
        gunichar sign = 0;
        if (sym && relation_misread(sym) &&
            TessPageIteratorBoundingBox(pit, RIL_SYMBOL, &l, &t, &r, &b))
            sign = jx_glyph_relation(gray, stride, l, t, r, b);
        g_ptr_array_add(syms, g_strdup(sym ? sym : ""));
        g_array_append_val(signs, sign);
        TessDeleteText(sym);
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
        if (aligned && k < syms->len && !strcmp(g_ptr_array_index(syms, k), one)) {
            if (k + 1 < syms->len && starts_number(g_ptr_array_index(syms, k + 1)))
                sign = g_array_index(signs, gunichar, k);
            k++;
        } else {
            aligned = FALSE;
        }
        if (sign)
            g_string_append_unichar(out, sign);
        else
            g_string_append(out, one);
    }
    g_ptr_array_free(syms, TRUE);
    g_array_free(signs, TRUE);
    g_free(text);
    return g_string_free(out, FALSE);
}

static char *read_text(const guint8 *gray, int w, int h, int stride, int x0, int y0, int x1, int y1,
                       gboolean single_line, int *confidence)
{
    TessBaseAPI *api = engine(MIXED);
    *confidence = 0;
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
    return mend_relations(from, gray, stride, text);
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

/* A mark this many pixels across is a stroke of text, not a speck (at
 * JX_OCR_SCALE: 2.3 pt; dirt is smaller, characters larger). */
#define STROKE_PX 8
/* A speck this close to a stroke belongs to it (a decimal point). */
#define NEAR_PX 6

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
    int bx0 = w, by0 = h, bx1 = -1, by1 = -1;
    for (int pass = 0; pass < 2; pass++) /* strokes, then the specks beside them */
        for (int i = 0; i < n; i++) {
            l_int32 x, y, bw, bh;
            boxaGetBoxGeometry(boxes, i, &x, &y, &bw, &bh);
            gboolean stroke = MAX(bw, bh) >= STROKE_PX;
            if (pass == 0 && !stroke)
                continue;
            if (pass == 1 && (stroke || bx1 < 0 || x + bw < bx0 - NEAR_PX ||
                              x > bx1 + NEAR_PX || y + bh < by0 - NEAR_PX || y > by1 + NEAR_PX))
                continue;
            bx0 = MIN(bx0, x);
            by0 = MIN(by0, y);
            bx1 = MAX(bx1, x + bw);
            by1 = MAX(by1, y + bh);
        }
    boxaDestroy(&boxes);
    if (bx1 < 0)
        return FALSE;
    box[0] = x0 + bx0;
    box[1] = y0 + by0;
    box[2] = x0 + bx1;
    box[3] = y0 + by1;
    return TRUE;
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

G_MODULE_EXPORT extern const JxOcrEngine jx_ocr_engine;
const JxOcrEngine jx_ocr_engine = {JX_OCR_ENGINE_VERSION, init, read_text, text_box, find_skew};
