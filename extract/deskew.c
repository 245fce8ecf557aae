#include "extract/deskew.h"

#include <leptonica/allheaders.h>
#include <math.h>

/* Leptonica's confidence under which its angle is a guess. */
#define MIN_CONFIDENCE 2.5
#define MAX_LEAN 5.0

double jx_deskew_angle(const guint8 *gray, int w, int h, int stride)
{
    static gsize quiet = 0;
    if (g_once_init_enter(&quiet))
        g_once_init_leave(&quiet, (setMsgSeverity(L_SEVERITY_NONE), 1));
    if (w < 64 || h < 64)
        return 0;
    PIX *bits = pixCreate(w, h, 1);
    if (!bits)
        return 0;
    l_uint32 *data = pixGetData(bits);
    int wpl = pixGetWpl(bits);
    for (int y = 0; y < h; y++) {
        const guint8 *row = gray + (gsize)y * (gsize)stride;
        l_uint32 *line = data + (gsize)y * (gsize)wpl;
        for (int x = 0; x < w; x++)
            if (row[x] < 128)
                line[x >> 5] |= 0x80000000u >> (x & 31);
    }
    l_float32 angle = 0, conf = 0;
    gboolean ok = pixFindSkew(bits, &angle, &conf) == 0;
    pixDestroy(&bits);
    if (!ok || conf < MIN_CONFIDENCE || fabs(angle) > MAX_LEAN)
        return 0;
    return angle;
}
