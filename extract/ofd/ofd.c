#include "extract/ofd/ofd.h"

#include "common/error.h"

JxDoc *jx_ofd_read(const guint8 *data, gsize len, GError **error)
{
    g_return_val_if_fail(data != NULL || len == 0, NULL);
    g_return_val_if_fail(error == NULL || *error == NULL, NULL);
    g_set_error(error, JX_ERROR, JX_ERROR_UNSUPPORTED,
                "OFD input is not supported yet");
    return NULL;
}
