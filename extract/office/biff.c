#include "extract/office/biff.h"

#include <string.h>

#include "common/error.h"

void jx_biff_init(JxBiff *b, const guint8 *data, gsize len, gsize start)
{
    memset(b, 0, sizeof *b);
    b->data = data;
    b->len = len;
    b->next = start;
    b->at = start;
}

static gboolean corrupt(GError **error, const char *what, gsize at)
{
    g_set_error(error, JX_ERROR, JX_ERROR_CORRUPT,
                "the XLS workbook stream is broken: %s at byte %" G_GSIZE_FORMAT, what, at);
    return FALSE;
}

gboolean jx_biff_next(JxBiff *b, GError **error)
{
    if (b->next >= b->len)
        return FALSE;
    if (b->len - b->next < 4)
        return corrupt(error, "a record header is cut short", b->next);
    const guint8 *h = b->data + b->next;
    gsize size = (gsize)h[2] | (gsize)h[3] << 8;
    if (size > JX_BIFF_MAX_RECORD)
        return corrupt(error, "a record is larger than BIFF8 allows", b->next);
    if (b->len - b->next - 4 < size)
        return corrupt(error, "a record runs past the end of the stream", b->next);
    b->at = b->next;
    b->type = (guint16)(h[0] | h[1] << 8);
    b->size = size;
    b->body = h + 4;
    b->next += 4 + size;
    return TRUE;
}

guint16 jx_biff_u16(const JxBiff *b, gsize off)
{
    return (guint16)(b->body[off] | b->body[off + 1] << 8);
}

guint32 jx_biff_u32(const JxBiff *b, gsize off)
{
    return (guint32)jx_biff_u16(b, off) | (guint32)jx_biff_u16(b, off + 2) << 16;
}

double jx_biff_f64(const JxBiff *b, gsize off)
{
    guint64 u = (guint64)jx_biff_u32(b, off) | (guint64)jx_biff_u32(b, off + 4) << 32;
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

void jx_biff_reader_init(JxBiffReader *r, JxBiff *b, gsize off)
{
    r->b = b;
    r->pos = MIN(off, b->size);
}

/* Moves onto the CONTINUE record that must follow the current one. */
static gboolean next_continue(JxBiffReader *r, GError **error)
{
    JxBiff *b = r->b;
    gsize at = b->next;
    GError *err = NULL;
    if (!jx_biff_next(b, &err)) {
        if (err)
            g_propagate_error(error, err);
        else
            corrupt(error, "a string or table runs past the end of the stream", at);
        return FALSE;
    }
    if (b->type != JX_BIFF_CONTINUE)
        return corrupt(error, "a string or table runs past its record", b->at);
    r->pos = 0;
    return TRUE;
}

gboolean jx_biff_read(JxBiffReader *r, guint8 *out, gsize n, GError **error)
{
    while (n > 0) {
        if (r->pos == r->b->size && !next_continue(r, error))
            return FALSE;
        gsize k = MIN(n, r->b->size - r->pos);
        if (out) {
            memcpy(out, r->b->body + r->pos, k);
            out += k;
        }
        r->pos += k;
        n -= k;
    }
    return TRUE;
}

/* Appends code unit u, pairing surrogates (*high holds a pending lead). */
static void put_unit(GString *s, guint16 u, guint16 *high)
{
    if (*high) {
        if (u >= 0xDC00 && u <= 0xDFFF) {
            gunichar c = 0x10000 + (((gunichar)*high - 0xD800) << 10) + (u - 0xDC00);
            g_string_append_unichar(s, c);
            *high = 0;
            return;
        }
        g_string_append_unichar(s, 0xFFFD);
        *high = 0;
    }
    if (u >= 0xD800 && u <= 0xDBFF)
        *high = u;
    else if (u >= 0xDC00 && u <= 0xDFFF)
        g_string_append_unichar(s, 0xFFFD);
    else if (u != 0)
        g_string_append_unichar(s, u);
}

char *jx_biff_chars(JxBiffReader *r, guint cch, guint8 flags, GError **error)
{
    GString *s = g_string_sized_new(cch + 1);
    gboolean wide = flags & 1;
    guint16 high = 0;
    for (guint i = 0; i < cch;) {
        if (r->pos == r->b->size) {
            guint8 f;
            if (!next_continue(r, error) || !jx_biff_read(r, &f, 1, error)) {
                g_string_free(s, TRUE);
                return NULL;
            }
            wide = f & 1;
        }
        const guint8 *p = r->b->body + r->pos;
        gsize avail = r->b->size - r->pos;
        gsize w = wide ? 2 : 1;
        if (avail < w) {
            g_string_free(s, TRUE);
            corrupt(error, "a character is split between records", r->b->at);
            return NULL;
        }
        guint k = (guint)MIN((gsize)(cch - i), avail / w);
        for (guint j = 0; j < k; j++)
            put_unit(s, wide ? (guint16)(p[2 * j] | p[2 * j + 1] << 8) : p[j], &high);
        r->pos += k * w;
        i += k;
    }
    if (high)
        g_string_append_unichar(s, 0xFFFD);
    return g_string_free(s, FALSE);
}

char *jx_biff_string(JxBiffReader *r, gboolean short_count, GError **error)
{
    guint8 h[3];
    if (!jx_biff_read(r, h, short_count ? 2 : 3, error))
        return NULL;
    guint cch = short_count ? h[0] : (guint)(h[0] | h[1] << 8);
    guint8 flags = short_count ? h[1] : h[2];
    guint32 runs = 0, ext = 0;
    guint8 n[4];
    if (flags & 0x08) { /* fRichSt: the count of formatting runs */
        if (!jx_biff_read(r, n, 2, error))
            return NULL;
        runs = (guint32)(n[0] | n[1] << 8);
    }
    if (flags & 0x04) { /* fExtSt: the size of the phonetic extension */
        if (!jx_biff_read(r, n, 4, error))
            return NULL;
        ext = (guint32)n[0] | (guint32)n[1] << 8 | (guint32)n[2] << 16 | (guint32)n[3] << 24;
    }
    char *text = jx_biff_chars(r, cch, flags, error);
    if (text && !jx_biff_read(r, NULL, 4 * (gsize)runs + ext, error))
        g_clear_pointer(&text, g_free);
    return text;
}
