#include "common/printed.h"

#include <string.h>

static const struct {
    gunichar mark;
    char ascii;
} PRINTED[] = {
    {0xFF0C, ','}, {0xFF1B, ';'}, {0xFF1A, ':'}, {0xFF08, '('},
    {0xFF09, ')'}, {0xFF01, '!'}, {0xFF1F, '?'},
};

char jx_printed_ascii(gunichar c)
{
    if (c < 0xFF01 || c > 0xFF1F)
        return 0;
    for (gsize i = 0; i < G_N_ELEMENTS(PRINTED); i++)
        if (PRINTED[i].mark == c)
            return PRINTED[i].ascii;
    return 0;
}

gunichar jx_printed_mark(char c)
{
    for (gsize i = 0; i < G_N_ELEMENTS(PRINTED); i++)
        if (PRINTED[i].ascii == c)
            return PRINTED[i].mark;
    return 0;
}

char *jx_printed_fold(const char *s, gsize **map)
{
    if (map)
        *map = NULL;
    /* every mark is U+FF01..U+FF1F: EF BC 81..9F in UTF-8 */
    if (!s || !strstr(s, "\xEF\xBC"))
        return NULL;
    gsize n = strlen(s);
    char *out = g_malloc(n + 1);
    gsize *m = map ? g_new(gsize, n + 1) : NULL;
    gsize o = 0;
    for (gsize i = 0; i < n;) {
        if ((guchar)s[i] == 0xEF && i + 2 < n && (guchar)s[i + 1] == 0xBC) {
            char a = jx_printed_ascii(0xFF00 + ((guchar)s[i + 2] - 0x80));
            if (a) {
                if (m)
                    m[o] = i;
                out[o++] = a;
                i += 3;
                continue;
            }
        }
        if (m)
            m[o] = i;
        out[o++] = s[i++];
    }
    if (m)
        m[o] = n;
    out[o] = '\0';
    if (map)
        *map = m;
    return out;
}
