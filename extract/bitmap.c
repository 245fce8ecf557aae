#include "extract/bitmap.h"

#include <leptonica/allheaders.h>

struct Pix *jx_bitmap_from_gray(const guint8 *gray, int stride, int x0, int y0, int w, int h)
{
    static gsize quiet = 0; /* Leptonica's messages stay off stderr */
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
