#include "extract/office/numfmt.h"

/* Stub: the XLSX work replaces it. */
const char *jx_numfmt_builtin(int id)
{
    return id == 0 ? "General" : NULL;
}

char *jx_numfmt_render(double v, const char *code, gboolean date1904)
{
    (void)code;
    (void)date1904;
    return g_strdup_printf("%.15g", v);
}
