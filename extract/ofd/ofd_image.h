/* The pictures of an OFD page (ImageObject resources: PNG, JPEG) decoded
 * for OCR: a page of images and no text is a scan, drawn by these into
 * the gray image extract/ocr/scan.h reads. Other image formats (JBIG2,
 * BMP, TIFF) are not decoded. */
#ifndef JX_OFD_IMAGE_H
#define JX_OFD_IMAGE_H

#include <cairo.h>
#include <glib.h>

/* Most pixels an image may have to be decoded (an A3 page at 300 dpi is
 * 17.4 million): a larger one is skipped. */
#define JX_OFD_MAX_IMAGE_PIXELS (40.0 * 1000 * 1000)

/* The image in data[0..len) (PNG or JPEG, told by its bytes) as a new
 * cairo image surface (transfer full: cairo_surface_destroy), or NULL when
 * it is neither, does not decode, or is over JX_OFD_MAX_IMAGE_PIXELS.
 * Never fails otherwise; data stays the caller's. */
cairo_surface_t *jx_ofd_image_decode(const guint8 *data, gsize len);

#endif
