#include "extract/office/ole2.h"

#include <gsf/gsf-infile-msole.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-input-memory.h>

#include "common/error.h"

/* The container over data (not copied), or NULL with error set. */
static GsfInfile *open_ole2(const guint8 *data, gsize len, GError **error)
{
    GsfInput *in = gsf_input_memory_new(data, (gsf_off_t)len, FALSE);
    GError *gerr = NULL;
    GsfInfile *ole = gsf_infile_msole_new(in, &gerr);
    g_object_unref(in); /* the infile keeps its own reference */
    if (!ole) {
        g_set_error(error, JX_ERROR, JX_ERROR_CORRUPT, "not a readable OLE2 file: %s",
                    gerr ? gerr->message : "unknown error");
        g_clear_error(&gerr);
    }
    return ole;
}

char **jx_ole2_names(const guint8 *data, gsize len)
{
    g_return_val_if_fail(data != NULL || len == 0, NULL);
    GsfInfile *ole = open_ole2(data, len, NULL);
    if (!ole)
        return NULL;
    int n = gsf_infile_num_children(ole);
    GPtrArray *names = g_ptr_array_new();
    for (int i = 0; i < n; i++) {
        const char *name = gsf_infile_name_by_index(ole, i);
        if (name)
            g_ptr_array_add(names, g_strdup(name));
    }
    g_ptr_array_add(names, NULL);
    g_object_unref(ole);
    return (char **)g_ptr_array_free(names, FALSE);
}

/* The index of the first entry of names the container has, or -1; its
 * child index in *child. */
static int find_stream(GsfInfile *ole, const char *const *names, int *child)
{
    int n = gsf_infile_num_children(ole);
    for (int k = 0; names[k]; k++)
        for (int i = 0; i < n; i++) {
            const char *name = gsf_infile_name_by_index(ole, i);
            if (name && g_ascii_strcasecmp(name, names[k]) == 0) {
                *child = i;
                return k;
            }
        }
    return -1;
}

guint8 *jx_ole2_read(const guint8 *data, gsize len, const char *const *names,
                     const char **out_name, gsize *out_len, GError **error)
{
    g_return_val_if_fail(data != NULL || len == 0, NULL);
    g_return_val_if_fail(names && out_name && out_len, NULL);
    g_return_val_if_fail(error == NULL || *error == NULL, NULL);
    GsfInfile *ole = open_ole2(data, len, error);
    if (!ole)
        return NULL;
    int child = -1, k = find_stream(ole, names, &child);
    if (k < 0) {
        g_set_error(error, JX_ERROR, JX_ERROR_UNSUPPORTED, "the OLE2 file has no %s stream",
                    names[0]);
        g_object_unref(ole);
        return NULL;
    }
    GsfInput *s = gsf_infile_child_by_index(ole, child);
    gsf_off_t size = s ? gsf_input_size(s) : -1;
    guint8 *buf = NULL;
    /* a stream cannot hold more than the file it is in */
    if (!s || size < 0 || (guint64)size > len) {
        g_set_error(error, JX_ERROR, JX_ERROR_CORRUPT,
                    "the %s stream of the OLE2 file cannot be read%s", names[k],
                    s ? ": it claims more bytes than the file holds" : "");
    } else {
        buf = g_malloc((gsize)size + 1);
        if (size > 0 && !gsf_input_read(s, (size_t)size, buf)) {
            g_set_error(error, JX_ERROR, JX_ERROR_CORRUPT,
                        "the %s stream of the OLE2 file is cut short", names[k]);
            g_clear_pointer(&buf, g_free);
        } else {
            buf[size] = 0;
            *out_len = (gsize)size;
            *out_name = names[k];
        }
    }
    if (s)
        g_object_unref(s);
    g_object_unref(ole);
    return buf;
}
