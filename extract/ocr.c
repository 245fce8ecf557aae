#include "extract/ocr.h"

#include <tesseract/capi.h>

#include "common/error.h"

static TessBaseAPI *engine(GError **error)
{
    static TessBaseAPI *api = NULL;
    static gboolean failed = FALSE;
    if (api || failed) {
        if (!api)
            g_set_error(error, JX_ERROR, JX_ERROR_UNSUPPORTED, "Tesseract (chi_sim+eng) cannot be loaded");
        return api;
    }
    api = TessBaseAPICreate();
    if (TessBaseAPIInit3(api, NULL, "chi_sim+eng") != 0) {
        TessBaseAPIDelete(api);
        api = NULL;
        failed = TRUE;
        g_set_error(error, JX_ERROR, JX_ERROR_UNSUPPORTED,
                    "Tesseract cannot load chi_sim+eng (install tesseract-ocr-chi-sim)");
        return NULL;
    }
    TessBaseAPISetVariable(api, "debug_file", "/dev/null"); /* no chatter on stderr */
    TessBaseAPISetVariable(api, "preserve_interword_spaces", "1");
    return api;
}

gboolean jx_ocr_available(GError **error)
{
    return engine(error) != NULL;
}

char *jx_ocr_rect(const guint8 *gray, int w, int h, int stride, int x0, int y0, int x1,
                  int y1, gboolean single_line, int *confidence, GError **error)
{
    TessBaseAPI *api = engine(error);
    *confidence = 0;
    if (!api)
        return NULL;
    x0 = CLAMP(x0, 0, w);
    x1 = CLAMP(x1, 0, w);
    y0 = CLAMP(y0, 0, h);
    y1 = CLAMP(y1, 0, h);
    if (x1 - x0 < 4 || y1 - y0 < 4)
        return g_strdup("");
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
