#include "common/edits.h"

#include <glib.h>

/* The characters of s but white space, as UCS-4; *n gets their number. */
static gunichar *visible(const char *s, int *n)
{
    glong len = 0;
    gunichar *u = g_utf8_to_ucs4_fast(s, -1, &len);
    int k = 0;
    for (glong i = 0; i < len; i++)
        if (!g_unichar_isspace(u[i]))
            u[k++] = u[i];
    *n = k;
    return u;
}

int jx_edits(const char *a, const char *b, int *longer)
{
    int n = 0, m = 0;
    gunichar *x = visible(a, &n), *y = visible(b, &m);
    int *row = g_new(int, (gsize)m + 1); /* distances, one row at a time */
    for (int j = 0; j <= m; j++)
        row[j] = j;
    for (int i = 1; i <= n; i++) {
        int diag = row[0];
        row[0] = i;
        for (int j = 1; j <= m; j++) {
            int up = row[j];
            row[j] = MIN(MIN(up + 1, row[j - 1] + 1), diag + (x[i - 1] != y[j - 1]));
            diag = up;
        }
    }
    int d = row[m];
    g_free(row);
    g_free(x);
    g_free(y);
    if (longer)
        *longer = MAX(n, m);
    return d;
}
