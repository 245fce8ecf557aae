#include "extract/ocr/deskew.h"

#include <math.h>

#include "extract/ocr/ocr.h"

/* Leptonica's confidence under which its angle is a guess. */
#define MIN_CONFIDENCE 2.5
#define MAX_LEAN 5.0

double jx_deskew_angle(const guint8 *gray, int w, int h, int stride)
{
    if (w < 64 || h < 64)
        return 0;
    double angle = 0, conf = 0;
    if (!jx_ocr_find_skew(gray, w, h, stride, &angle, &conf) || conf < MIN_CONFIDENCE ||
        fabs(angle) > MAX_LEAN)
        return 0;
    return angle;
}
