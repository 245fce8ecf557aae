/* Reading members of a ZIP archive held in memory, with the limits that keep
 * a hostile archive (a zip bomb, an encrypted part) from taking the machine:
 * every reader of a ZIP-based format (DOCX, XLSX, OFD) goes through here. */
#ifndef JX_ZIP_H
#define JX_ZIP_H

#include <glib.h>

/* Largest member we inflate (bytes); larger is JX_ERROR_TOO_LARGE. */
#define JX_ZIP_MAX_MEMBER (64u * 1024 * 1024)
/* ... and past JX_ZIP_RATIO_FROM bytes, a member may inflate to at most
 * JX_ZIP_MAX_RATIO times its compressed size (real ones: under 30). */
#define JX_ZIP_RATIO_FROM (4u * 1024 * 1024)
#define JX_ZIP_MAX_RATIO 100u
/* Most bytes all the members read from one archive may inflate to. */
#define JX_ZIP_MAX_TOTAL (256u * 1024 * 1024)

typedef struct JxZip JxZip;

/* Opens the archive in data[0..len) (data stays owned by the caller and
 * must outlive the JxZip). Returns a new JxZip (free with jx_zip_close) or
 * NULL with JX_ERROR_CORRUPT. */
JxZip *jx_zip_open(const guint8 *data, gsize len, GError **error);
/* Frees z; NULL is ignored. */
void jx_zip_close(JxZip *z);

/* TRUE when the archive has a member of exactly this name. */
gboolean jx_zip_has(JxZip *z, const char *name);

/* The member's bytes, NUL-terminated (not counted in *out_len); transfer
 * full (g_free). NULL with error: JX_ERROR_UNSUPPORTED when there is no such
 * member (`what` names the format in the message, e.g. "a DOCX"),
 * JX_ERROR_ENCRYPTED, JX_ERROR_TOO_LARGE (over a limit above, the total
 * included), JX_ERROR_CORRUPT. */
guint8 *jx_zip_read(JxZip *z, const char *name, const char *what, gsize *out_len,
                    GError **error);

#endif
