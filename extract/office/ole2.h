/* The OLE2 container (Compound File Binary, MS-CFB) of legacy Office files
 * (XLS, DOC, WPS .et/.wps): the names of its top-level streams, and one
 * stream's bytes. Every sector number, chain and directory link is checked
 * against the file: a lying container is an error, never a read past the
 * end or an endless chain. It knows nothing of what the streams hold
 * (extract/office/biff.h reads a workbook's records).
 * Not libgsf, though it reads OLE2: fuzzing its msole reader found it
 * leaking on a broken directory, and it warns on stderr about the broken
 * files it meets (a batch run's error records say that already). */
#ifndef JX_OLE2_H
#define JX_OLE2_H

#include <glib.h>

/* The names (UTF-8) of the entries under the root of the OLE2 file in
 * data[0..len) (data stays owned by the caller). Returns a new
 * NULL-terminated array (transfer full: g_strfreev), or NULL when data is
 * not a readable OLE2 file. */
char **jx_ole2_names(const guint8 *data, gsize len);

/* The bytes of the first stream under the root whose name is one of names
 * (NULL-terminated, in order of preference; matched without regard to
 * ASCII case, as OLE2 does), with *out_name set to the entry of names that
 * matched (one of names) and *out_len to the stream's size. Returns a new
 * buffer (transfer full: g_free), or NULL with error: JX_ERROR_CORRUPT
 * (not a readable OLE2 file, a broken sector chain, a stream that claims
 * more bytes than the file holds), JX_ERROR_UNSUPPORTED when none of names
 * is there. */
guint8 *jx_ole2_read(const guint8 *data, gsize len, const char *const *names,
                     const char **out_name, gsize *out_len, GError **error);

#endif
