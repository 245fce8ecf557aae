/* The OCR engine: everything that needs Tesseract and Leptonica, built as
 * a plugin (jixiao-ocr.so, beside the executable) that extract/ocr/ocr.c loads
 * on the first scanned page. Files with a text layer never load it; and
 * Tesseract's OpenMP can be told to use one thread before it loads, which
 * OpenMP only reads then (OMP_THREAD_LIMIT). Only extract/ocr/ocr.c and the
 * plugin include this header. */
#ifndef JX_OCR_ENGINE_H
#define JX_OCR_ENGINE_H

#include <glib.h>

/* Bumped whenever the table below changes: a stale plugin is refused. */
#define JX_OCR_ENGINE_VERSION 3
/* The one symbol the plugin exports, a const JxOcrEngine. */
#define JX_OCR_ENGINE_SYMBOL "jx_ocr_engine"

typedef struct {
    int version;
    /* Loads Tesseract and its language data. NULL when ready, else a
     * message saying what is missing. */
    const char *(*init)(void);
    /* As jx_ocr_rect (extract/ocr/ocr.h), on a rectangle already clamped to
     * the image; a g_malloc'd string. */
    char *(*read)(const guint8 *gray, int w, int h, int stride, int x0, int y0, int x1, int y1,
                  gboolean single_line, int *confidence, int *least);
    /* As jx_ocr_text_box (extract/ocr/ocr.h). */
    gboolean (*text_box)(const guint8 *gray, int stride, int x0, int y0, int x1, int y1,
                         int box[4]);
    /* Leptonica's skew search on a gray image (dark < 128): the angle in
     * degrees and Leptonica's confidence in it; FALSE when it fails. */
    gboolean (*find_skew)(const guint8 *gray, int w, int h, int stride, double *angle,
                          double *confidence);
    /* As jx_ocr_word_boxes (extract/ocr/ocr.h), on a rectangle already clamped
     * to the image. */
    void (*word_boxes)(const guint8 *gray, int stride, int x0, int y0, int x1, int y1,
                       GArray *boxes);
} JxOcrEngine;

#endif
