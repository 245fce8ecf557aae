#include "extract/office/ole2.h"

#include <string.h>

#include "common/error.h"

enum { ENDOFCHAIN = 0xFFFFFFFEu, MAXREGSECT = 0xFFFFFFFAu, NOSTREAM = 0xFFFFFFFFu };
enum { DIR_ENTRY = 128, MINI_SECTOR = 64, HEADER_DIFAT = 109 };
enum { TYPE_STORAGE = 1, TYPE_STREAM = 2, TYPE_ROOT = 5 };

typedef struct {
    const guint8 *data;
    gsize len;
    gsize ssz;            /* sector size: 512 (version 3) or 4096 (4) */
    guint32 nsect;        /* sectors the file holds, a partial last one too */
    guint32 *fat;         /* the sector chains */
    guint32 nfat;         /* entries of fat */
    guint8 *dir;          /* the directory stream */
    guint32 ndir;         /* entries of dir */
    guint32 mini_cutoff;  /* streams under it live in the mini stream */
    guint32 minifat_start, nminifat;
} Cfb;

static guint32 rd32(const guint8 *p)
{
    return (guint32)p[0] | (guint32)p[1] << 8 | (guint32)p[2] << 16 | (guint32)p[3] << 24;
}

static gboolean bad(GError **error, const char *what)
{
    g_set_error(error, JX_ERROR, JX_ERROR_CORRUPT, "the OLE2 container is broken: %s", what);
    return FALSE;
}

/* The bytes of sector s (fewer than ssz for a partial last one) in *n. */
static const guint8 *sector(const Cfb *c, guint32 s, gsize *n)
{
    if (s >= c->nsect)
        return NULL;
    gsize off = ((gsize)s + 1) * c->ssz;
    *n = MIN(c->ssz, c->len - off);
    return c->data + off;
}

/* The sectors of the chain from start, at most max_len of them (an empty
 * chain: start ENDOFCHAIN). A new GArray of guint32 (g_array_unref), or NULL
 * with error when it leaves the FAT, loops or runs on. */
static GArray *chain(const Cfb *c, guint32 start, guint32 max_len, GError **error)
{
    GArray *a = g_array_new(FALSE, FALSE, sizeof(guint32));
    for (guint32 s = start; s != ENDOFCHAIN; s = c->fat[s]) {
        if (s >= c->nfat || s > MAXREGSECT || a->len >= max_len || a->len >= c->nfat) {
            g_array_unref(a);
            bad(error, "a sector chain leaves the file or loops");
            return NULL;
        }
        g_array_append_val(a, s);
    }
    return a;
}

/* size bytes of the sectors of chain a (regular sectors), or NULL. */
static guint8 *read_chain(const Cfb *c, const GArray *a, gsize size, GError **error)
{
    if (size > (gsize)a->len * c->ssz) {
        bad(error, "a stream is longer than its sector chain");
        return NULL;
    }
    guint8 *out = g_malloc(size + 1);
    gsize done = 0;
    for (guint i = 0; done < size; i++) {
        gsize n = 0;
        const guint8 *p = sector(c, g_array_index(a, guint32, i), &n);
        gsize k = MIN(size - done, c->ssz);
        if (!p || n < k) {
            g_free(out);
            bad(error, "a stream runs past the end of the file (a file cut short?)");
            return NULL;
        }
        memcpy(out + done, p, k);
        done += k;
    }
    out[size] = 0;
    return out;
}

static gboolean load_fat(Cfb *c, const guint8 *h, GError **error)
{
    guint32 nfat_sect = rd32(h + 44), difat = rd32(h + 68), ndifat = rd32(h + 72);
    if (nfat_sect > c->nsect)
        return bad(error, "more FAT sectors than the file holds");
    guint32 per = (guint32)(c->ssz / 4);
    c->nfat = nfat_sect * per;
    c->fat = g_new(guint32, MAX(c->nfat, 1u));
    guint32 k = 0; /* FAT sectors read */
    for (; k < nfat_sect && k < HEADER_DIFAT; k++) {
        gsize n = 0;
        const guint8 *p = sector(c, rd32(h + 76 + 4 * k), &n);
        if (!p || n < c->ssz)
            return bad(error, "a FAT sector lies outside the file");
        for (guint32 i = 0; i < per; i++)
            c->fat[k * per + i] = rd32(p + 4 * i);
    }
    /* the rest are listed by the DIFAT sectors, per - 1 to a sector */
    for (guint32 d = 0; k < nfat_sect; d++) {
        gsize n = 0;
        const guint8 *p = d < ndifat && d < c->nsect ? sector(c, difat, &n) : NULL;
        if (!p || n < c->ssz)
            return bad(error, "the DIFAT leaves the file or ends early");
        for (guint32 i = 0; i + 1 < per && k < nfat_sect; i++, k++) {
            gsize m = 0;
            const guint8 *q = sector(c, rd32(p + 4 * i), &m);
            if (!q || m < c->ssz)
                return bad(error, "a FAT sector lies outside the file");
            for (guint32 j = 0; j < per; j++)
                c->fat[k * per + j] = rd32(q + 4 * j);
        }
        difat = rd32(p + 4 * (per - 1));
    }
    return TRUE;
}

static gboolean cfb_open(Cfb *c, const guint8 *data, gsize len, GError **error)
{
    static const guint8 SIG[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    memset(c, 0, sizeof *c);
    c->data = data;
    c->len = len;
    if (len < 512 || memcmp(data, SIG, 8) != 0)
        return bad(error, "no OLE2 header");
    const guint8 *h = data;
    guint shift = (guint)(h[30] | h[31] << 8);
    if ((shift != 9 && shift != 12) || (h[32] | h[33] << 8) != 6)
        return bad(error, "an unknown sector size");
    c->ssz = (gsize)1 << shift;
    if (len < c->ssz)
        return bad(error, "the file is shorter than its header");
    gsize n = (len - c->ssz + c->ssz - 1) / c->ssz;
    c->nsect = (guint32)MIN(n, (gsize)MAXREGSECT);
    if (!load_fat(c, h, error))
        return FALSE;
    c->mini_cutoff = rd32(h + 56);
    c->minifat_start = rd32(h + 60);
    c->nminifat = rd32(h + 64);
    GArray *d = chain(c, rd32(h + 48), c->nsect, error);
    if (!d)
        return FALSE;
    c->dir = read_chain(c, d, (gsize)d->len * c->ssz, error);
    c->ndir = (guint32)((gsize)d->len * c->ssz / DIR_ENTRY);
    g_array_unref(d);
    if (!c->dir)
        return FALSE;
    if (c->ndir == 0 || c->dir[66] != TYPE_ROOT)
        return bad(error, "the directory has no root entry");
    return TRUE;
}

static void cfb_close(Cfb *c)
{
    g_free(c->fat);
    g_free(c->dir);
}

static const guint8 *entry(const Cfb *c, guint32 i)
{
    return c->dir + (gsize)i * DIR_ENTRY;
}

/* The entry's name as UTF-8 (g_free); "" for a name that does not decode. */
static char *entry_name(const guint8 *e)
{
    guint nbytes = (guint)(e[64] | e[65] << 8);
    glong units = nbytes >= 2 && nbytes <= 64 ? (glong)(nbytes / 2 - 1) : 0;
    gunichar2 w[32];
    for (glong i = 0; i < units; i++)
        w[i] = (gunichar2)(e[2 * i] | e[2 * i + 1] << 8);
    char *s = g_utf16_to_utf8(w, units, NULL, NULL, NULL);
    return s ? s : g_strdup("");
}

/* The entries under the root, in directory order (the red-black tree
 * walked in order), as a new GArray of guint32 indexes. Each entry is
 * visited once, so a looping tree ends. */
static GArray *root_children(const Cfb *c)
{
    GArray *out = g_array_new(FALSE, FALSE, sizeof(guint32));
    GArray *stack = g_array_new(FALSE, FALSE, sizeof(guint32));
    guint8 *seen = g_malloc0(c->ndir);
    guint32 cur = rd32(entry(c, 0) + 76);
    while (TRUE) {
        while (cur < c->ndir && !seen[cur]) {
            seen[cur] = 1;
            g_array_append_val(stack, cur);
            cur = rd32(entry(c, cur) + 68); /* left */
        }
        if (stack->len == 0)
            break;
        guint32 top = g_array_index(stack, guint32, stack->len - 1);
        g_array_set_size(stack, stack->len - 1);
        guint8 type = entry(c, top)[66];
        if (type == TYPE_STREAM || type == TYPE_STORAGE)
            g_array_append_val(out, top);
        cur = rd32(entry(c, top) + 72); /* right */
    }
    g_free(seen);
    g_array_unref(stack);
    return out;
}

char **jx_ole2_names(const guint8 *data, gsize len)
{
    g_return_val_if_fail(data != NULL || len == 0, NULL);
    Cfb c;
    if (!cfb_open(&c, data, len, NULL)) {
        cfb_close(&c);
        return NULL;
    }
    GArray *kids = root_children(&c);
    char **names = g_new0(char *, kids->len + 1);
    for (guint i = 0; i < kids->len; i++)
        names[i] = entry_name(entry(&c, g_array_index(kids, guint32, i)));
    g_array_unref(kids);
    cfb_close(&c);
    return names;
}

/* The bytes of stream entry e, or NULL with error. */
static guint8 *read_stream(const Cfb *c, const guint8 *e, gsize *out_len, GError **error)
{
    guint32 start = rd32(e + 116);
    gsize size = rd32(e + 120); /* version 3 files may leave junk in the high half */
    if (c->ssz == 4096)
        size |= (gsize)rd32(e + 124) << 32;
    if (size > c->len) {
        bad(error, "a stream claims more bytes than the file holds");
        return NULL;
    }
    *out_len = size;
    if (size >= c->mini_cutoff) {
        GArray *a = chain(c, start, c->nsect, error);
        guint8 *out = a ? read_chain(c, a, size, error) : NULL;
        if (a)
            g_array_unref(a);
        return out;
    }
    /* a small stream: 64-byte sectors of the root's stream, chained by the mini FAT */
    const guint8 *root = entry(c, 0);
    gsize root_size = rd32(root + 120);
    GArray *ra = chain(c, rd32(root + 116), c->nsect, error);
    GArray *fa = ra ? chain(c, c->minifat_start, MIN(c->nminifat, c->nsect), error) : NULL;
    guint8 *ministream = fa ? read_chain(c, ra, MIN(root_size, (gsize)ra->len * c->ssz), error) : NULL;
    guint8 *minifat = ministream ? read_chain(c, fa, (gsize)fa->len * c->ssz, error) : NULL;
    guint8 *out = NULL;
    if (minifat) {
        gsize nmini = (gsize)fa->len * c->ssz / 4, have = MIN(root_size, (gsize)ra->len * c->ssz);
        out = g_malloc(size + 1);
        gsize done = 0, steps = 0;
        for (guint32 s = start; done < size; s = rd32(minifat + 4 * (gsize)s), steps++) {
            gsize off = (gsize)s * MINI_SECTOR, k = MIN(size - done, (gsize)MINI_SECTOR);
            if (s >= nmini || steps >= nmini || off + k > have) {
                g_clear_pointer(&out, g_free);
                bad(error, "a small stream's chain leaves the mini stream or loops");
                break;
            }
            memcpy(out + done, ministream + off, k);
            done += k;
        }
        if (out)
            out[size] = 0;
    }
    g_free(minifat);
    g_free(ministream);
    if (fa)
        g_array_unref(fa);
    if (ra)
        g_array_unref(ra);
    return out;
}

guint8 *jx_ole2_read(const guint8 *data, gsize len, const char *const *names,
                     const char **out_name, gsize *out_len, GError **error)
{
    g_return_val_if_fail(data != NULL || len == 0, NULL);
    g_return_val_if_fail(names && out_name && out_len, NULL);
    g_return_val_if_fail(error == NULL || *error == NULL, NULL);
    Cfb c;
    guint8 *out = NULL;
    if (!cfb_open(&c, data, len, error)) {
        cfb_close(&c);
        return NULL;
    }
    GArray *kids = root_children(&c);
    const guint8 *found = NULL;
    for (int k = 0; names[k] && !found; k++)
        for (guint i = 0; i < kids->len && !found; i++) {
            const guint8 *e = entry(&c, g_array_index(kids, guint32, i));
            char *name = entry_name(e);
            if (e[66] == TYPE_STREAM && g_ascii_strcasecmp(name, names[k]) == 0) {
                found = e;
                *out_name = names[k];
            }
            g_free(name);
        }
    if (found)
        out = read_stream(&c, found, out_len, error);
    else
        g_set_error(error, JX_ERROR, JX_ERROR_UNSUPPORTED, "the OLE2 file has no %s stream",
                    names[0]);
    g_array_unref(kids);
    cfb_close(&c);
    return out;
}
