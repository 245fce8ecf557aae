#include "extract/zip.h"

#include <zip.h>

#include "common/error.h"

struct JxZip {
    zip_t *za;
    gsize len;           /* the archive's size: the bound of a member's packed size */
    guint64 inflated;    /* bytes read from all members so far */
};

JxZip *jx_zip_open(const guint8 *data, gsize len, GError **error)
{
    g_return_val_if_fail(error == NULL || *error == NULL, NULL);
    zip_error_t zerr;
    zip_error_init(&zerr);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &zerr);
    zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY, &zerr) : NULL;
    if (!za) {
        g_set_error(error, JX_ERROR, JX_ERROR_CORRUPT, "not a readable ZIP: %s",
                    zip_error_strerror(&zerr));
        if (src)
            zip_source_free(src);
        zip_error_fini(&zerr);
        return NULL;
    }
    zip_error_fini(&zerr);
    JxZip *z = g_new0(JxZip, 1);
    z->za = za;
    z->len = len;
    return z;
}

void jx_zip_close(JxZip *z)
{
    if (!z)
        return;
    zip_discard(z->za);
    g_free(z);
}

gboolean jx_zip_has(JxZip *z, const char *name)
{
    g_return_val_if_fail(z != NULL && name != NULL, FALSE);
    return zip_name_locate(z->za, name, 0) >= 0;
}

typedef enum { READ_OK, READ_MEMBER_LIMIT, READ_RATIO, READ_TOTAL, READ_FAILED } ReadEnd;

guint8 *jx_zip_read(JxZip *z, const char *name, const char *what, gsize *out_len,
                    GError **error)
{
    g_return_val_if_fail(z != NULL && name != NULL && out_len != NULL, NULL);
    g_return_val_if_fail(error == NULL || *error == NULL, NULL);
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(z->za, name, 0, &st) != 0) {
        g_set_error(error, JX_ERROR, JX_ERROR_UNSUPPORTED,
                    "ZIP archive has no %s (not %s)", name, what ? what : "a known format");
        return NULL;
    }
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
        g_set_error(error, JX_ERROR, JX_ERROR_ENCRYPTED, "%s is encrypted", name);
        return NULL;
    }
    if ((st.valid & ZIP_STAT_SIZE) && st.size > JX_ZIP_MAX_MEMBER) {
        g_set_error(error, JX_ERROR, JX_ERROR_TOO_LARGE,
                    "%s inflates to %" G_GUINT64_FORMAT " bytes (limit %u)", name,
                    (guint64)st.size, JX_ZIP_MAX_MEMBER);
        return NULL;
    }
    zip_file_t *zf = zip_fopen(z->za, name, 0);
    if (!zf) {
        g_set_error(error, JX_ERROR, JX_ERROR_CORRUPT, "cannot open %s: %s", name,
                    zip_strerror(z->za));
        return NULL;
    }
    /* Read in chunks: the size in the directory may lie (zip bombs). */
    guint64 packed = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : z->len;
    GByteArray *acc = g_byte_array_new();
    guint8 chunk[65536];
    zip_int64_t n;
    ReadEnd end = READ_OK;
    while ((n = zip_fread(zf, chunk, sizeof chunk)) > 0) {
        guint64 total = acc->len + (guint64)n;
        if (total > JX_ZIP_MAX_MEMBER)
            end = READ_MEMBER_LIMIT;
        else if (total > JX_ZIP_RATIO_FROM && total > packed * JX_ZIP_MAX_RATIO)
            end = READ_RATIO;
        else if (z->inflated + total > JX_ZIP_MAX_TOTAL)
            end = READ_TOTAL;
        if (end != READ_OK)
            break;
        g_byte_array_append(acc, chunk, (guint)n);
    }
    if (end == READ_OK && n < 0)
        end = READ_FAILED;
    guint8 *buf = NULL;
    switch (end) {
    case READ_MEMBER_LIMIT:
        g_set_error(error, JX_ERROR, JX_ERROR_TOO_LARGE,
                    "%s inflates to more than %u bytes", name, JX_ZIP_MAX_MEMBER);
        break;
    case READ_RATIO:
        g_set_error(error, JX_ERROR, JX_ERROR_TOO_LARGE,
                    "%s inflates to more than %u times its %" G_GUINT64_FORMAT
                    " compressed bytes", name, JX_ZIP_MAX_RATIO, packed);
        break;
    case READ_TOTAL:
        g_set_error(error, JX_ERROR, JX_ERROR_TOO_LARGE,
                    "the archive's parts inflate to more than %u bytes in all",
                    JX_ZIP_MAX_TOTAL);
        break;
    case READ_FAILED:
        g_set_error(error, JX_ERROR, JX_ERROR_CORRUPT, "cannot inflate %s: %s", name,
                    zip_file_strerror(zf));
        break;
    case READ_OK:
        z->inflated += acc->len;
        *out_len = acc->len;
        g_byte_array_append(acc, (const guint8 *)"", 1); /* NUL for safety */
        buf = g_byte_array_free(acc, FALSE);
        acc = NULL;
        break;
    }
    if (acc)
        g_byte_array_free(acc, TRUE);
    zip_fclose(zf);
    return buf;
}
