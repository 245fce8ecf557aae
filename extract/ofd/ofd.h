/* OFD reader: OFD fixed-layout document (GB/T 33190-2016) to the neutral model (extract/doc.h). */
#ifndef JX_OFD_H
#define JX_OFD_H

#include "extract/doc.h"

/* Reads a OFD file held in memory (data stays owned by the caller).
 * Returns a new JxDoc (transfer full: free with jx_doc_free) or NULL with
 * error set: JX_ERROR_CORRUPT, JX_ERROR_UNSUPPORTED, JX_ERROR_TOO_LARGE. */
JxDoc *jx_ofd_read(const guint8 *data, gsize len, GError **error);

#endif
