/* make bench: how many cell texts per second jx_value_parse turns into
 * value objects, over the inputs of tests/normalize.cases, on one core. */
#include <stdio.h>
#include <string.h>

#include "normalize/value.h"

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "tests/normalize.cases";
    char *text = NULL;
    if (!g_file_get_contents(path, &text, NULL, NULL)) {
        fprintf(stderr, "bench: cannot read %s\n", path);
        return 1;
    }
    GPtrArray *inputs = g_ptr_array_new_with_free_func(g_free);
    char **lines = g_strsplit(text, "\n", -1);
    for (int i = 0; lines[i]; i++) {
        if (!lines[i][0] || lines[i][0] == '#')
            continue;
        char **f = g_strsplit(lines[i], "\t", -1);
        guint n = g_strv_length(f);
        if (n >= 2)
            g_ptr_array_add(inputs, g_strdup(f[n - 2]));
        g_strfreev(f);
    }
    g_strfreev(lines);
    g_free(text);

    guint64 values = 0;
    gint64 start = g_get_monotonic_time(), now = start;
    while (now - start < 2 * G_USEC_PER_SEC) {
        for (guint i = 0; i < inputs->len; i++) {
            JxValue v;
            jx_value_parse(g_ptr_array_index(inputs, i), NULL, &v);
            jx_value_clear(&v);
        }
        values += inputs->len;
        now = g_get_monotonic_time();
    }
    double secs = (double)(now - start) / G_USEC_PER_SEC;
    printf("normalize: %u distinct inputs, %" G_GUINT64_FORMAT " values in %.2f s: %.0f values/s on one core\n",
           inputs->len, values, secs, values / secs);
    g_ptr_array_free(inputs, TRUE);
    return 0;
}
