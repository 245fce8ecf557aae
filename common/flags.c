#include "common/flags.h"

_Static_assert(JX_FLAG_COUNT <= 32, "a flags word holds every flag");

const char *jx_flag_name(JxFlag f)
{
    static const char *const NAMES[JX_FLAG_COUNT] = {
#define JX_FLAG_NAME(n) #n,
        JX_FLAG_LIST(JX_FLAG_NAME)
#undef JX_FLAG_NAME
    };
    return (unsigned)f < JX_FLAG_COUNT ? NAMES[f] : "?";
}
