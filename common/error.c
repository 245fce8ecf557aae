#include "error.h"

G_DEFINE_QUARK(jx-error-quark, jx_error)

const char *jx_error_code_name(int code)
{
    static const char *const names[] = {
        [JX_ERROR_IO] = "IO",           [JX_ERROR_EMPTY] = "EMPTY",
        [JX_ERROR_UNSUPPORTED] = "UNSUPPORTED",
        [JX_ERROR_CORRUPT] = "CORRUPT", [JX_ERROR_ENCRYPTED] = "ENCRYPTED",
        [JX_ERROR_TOO_LARGE] = "TOO_LARGE",
        [JX_ERROR_TIMEOUT] = "TIMEOUT", [JX_ERROR_CRASH] = "CRASH",
        [JX_ERROR_RULES] = "RULES",
    };
    if (code < 0 || code >= (int)G_N_ELEMENTS(names) || !names[code])
        return "CRASH";
    return names[code];
}
