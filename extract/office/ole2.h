/* The OLE2 (Compound File Binary) container of legacy Office files (XLS,
 * DOC, WPS .et/.wps), read through libgsf: the names of its top-level
 * streams, and one stream's bytes. It knows nothing of what the streams
 * hold (extract/office/biff.h reads a workbook's records). */
#ifndef JX_OLE2_H
#define JX_OLE2_H

#include <glib.h>

/* The names of the top-level entries of the OLE2 file in data[0..len) (data
 * stays owned by the caller), in directory order. Returns a new
 * NULL-terminated array (transfer full: g_strfreev), or NULL when data is
 * not a readable OLE2 file. */
char **jx_ole2_names(const guint8 *data, gsize len);

/* The bytes of the first top-level stream whose name is one of names
 * (NULL-terminated, in order of preference; matched without regard to
 * case, as OLE2 does), with *out_name set to the entry of names that
 * matched (static: one of names) and *out_len to the stream's size.
 * Returns a new buffer (transfer full: g_free), or NULL with error:
 * JX_ERROR_CORRUPT (not a readable OLE2 file, a stream that cannot be
 * read whole or claims more bytes than the file holds),
 * JX_ERROR_UNSUPPORTED when none of names is there. */
guint8 *jx_ole2_read(const guint8 *data, gsize len, const char *const *names,
                     const char **out_name, gsize *out_len, GError **error);

#endif
