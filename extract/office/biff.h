/* The record layer of a BIFF8 stream (the Workbook stream of an XLS):
 * a cursor over its records, each bounds-checked against the stream, and
 * the BIFF8 strings, which may run on from a record into the CONTINUE
 * records after it. It knows record framing and string encoding only; what
 * the records mean is extract/office/xls.c's.
 * Ownership: a JxBiff borrows the stream's bytes (they must outlive it);
 * strings it returns are new UTF-8 (g_free). */
#ifndef JX_BIFF_H
#define JX_BIFF_H

#include <glib.h>

#define JX_BIFF_CONTINUE 0x003C
/* The largest record body BIFF8 allows. */
#define JX_BIFF_MAX_RECORD 8224u

typedef struct {
    const guint8 *data; /* the stream (borrowed) */
    gsize len;
    gsize next;         /* offset of the next record's header */
    gsize at;           /* offset of the current record's header */
    guint16 type;       /* the current record */
    gsize size;
    const guint8 *body; /* its size bytes, inside data */
} JxBiff;

/* A cursor before the record at offset start of data[0..len). Never fails
 * (a start past the end gives no records). */
void jx_biff_init(JxBiff *b, const guint8 *data, gsize len, gsize start);

/* Moves to the next record. Returns TRUE on a record; FALSE at the end of
 * the stream with error untouched, or FALSE with JX_ERROR_CORRUPT when a
 * record's header or body runs past the end or is larger than BIFF8
 * allows. */
gboolean jx_biff_next(JxBiff *b, GError **error);

/* Little-endian fields of the current record's body at offset off; the
 * caller has checked off + width <= b->size. */
guint16 jx_biff_u16(const JxBiff *b, gsize off);
guint32 jx_biff_u32(const JxBiff *b, gsize off);
double jx_biff_f64(const JxBiff *b, gsize off);

/* A reader of the current record's body from offset off that runs on into
 * the CONTINUE records after it (moving the cursor onto them). */
typedef struct {
    JxBiff *b;
    gsize pos; /* offset in b->body */
} JxBiffReader;

void jx_biff_reader_init(JxBiffReader *r, JxBiff *b, gsize off);

/* Reads n bytes into out (NULL: skips them). FALSE with JX_ERROR_CORRUPT
 * when the record and its CONTINUE records hold fewer. */
gboolean jx_biff_read(JxBiffReader *r, guint8 *out, gsize n, GError **error);

/* Reads a BIFF8 string whose character count and flags byte the caller
 * has read (the XLUnicodeString family): cch characters, one byte each
 * (Latin-1) or UTF-16LE by bit 0 of flags, where a CONTINUE record that
 * splits the characters opens with a new flags byte. Returns new UTF-8
 * (g_free; a lone surrogate shows U+FFFD, U+0000 is dropped), or NULL with
 * JX_ERROR_CORRUPT when the bytes run out. */
char *jx_biff_chars(JxBiffReader *r, guint cch, guint8 flags, GError **error);

/* Reads a whole XLUnicodeRichExtendedString (an SST entry, a LABEL, a
 * STRING): character count (16 bits, or 8 when short), flags, the
 * characters, with rich-text runs and the phonetic extension skipped.
 * Returns new UTF-8 (g_free), or NULL with JX_ERROR_CORRUPT. */
char *jx_biff_string(JxBiffReader *r, gboolean short_count, GError **error);

#endif
