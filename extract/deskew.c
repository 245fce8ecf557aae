#include "extract/deskew.h"

#include <leptonica/allheaders.h>
#include <math.h>

#include "extract/bitmap.h"

/* Leptonica's confidence under which its angle is a guess. */
#define MIN_CONFIDENCE 2.5
#define MAX_LEAN 5.0

double jx_deskew_angle(const guint8 *gray, int w, int h, int stride)
{
    if (w < 64 || h < 64)
        return 0;
    PIX *bits = jx_bitmap_from_gray(gray, stride, 0, 0, w, h);
    if (!bits)
        return 0;
    l_float32 angle = 0, conf = 0;
    gboolean ok = pixFindSkew(bits, &angle, &conf) == 0;
    pixDestroy(&bits);
    if (!ok || conf < MIN_CONFIDENCE || fabs(angle) > MAX_LEAN)
        return 0;
    return angle;
}
