#include "cli/inputs.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "extract/extract.h"

/* Do the first bytes of the file look like a document jixiao reads? */
static gboolean looks_like_document(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return TRUE; /* let the run report why it cannot be read */
    guint8 head[4096];
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    const char *fmt = jx_sniff_format(head, n);
    return fmt && strcmp(fmt, "txt") != 0;
}

static int cmp_str(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk(const char *dir, GPtrArray *out, int depth)
{
    GDir *d = depth < 64 ? g_dir_open(dir, 0, NULL) : NULL;
    if (!d)
        return;
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    const char *n;
    while ((n = g_dir_read_name(d)))
        g_ptr_array_add(names, g_strdup(n));
    g_dir_close(d);
    g_ptr_array_sort(names, cmp_str);
    for (guint i = 0; i < names->len; i++) {
        char *path = g_build_filename(dir, g_ptr_array_index(names, i), NULL);
        struct stat st;
        if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
            walk(path, out, depth + 1); /* links to folders are not followed */
        else if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) && looks_like_document(path)) {
            g_ptr_array_add(out, path);
            path = NULL;
        }
        g_free(path);
    }
    g_ptr_array_free(names, TRUE);
}

GPtrArray *jx_inputs_collect(char **args, int n)
{
    GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
    for (int i = 0; i < n; i++) {
        if (strcmp(args[i], "-") == 0) {
            char *line = NULL;
            size_t cap = 0;
            ssize_t len;
            while ((len = getline(&line, &cap, stdin)) > 0) {
                while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
                    line[--len] = '\0';
                if (len > 0)
                    g_ptr_array_add(out, g_strdup(line));
            }
            free(line);
            continue;
        }
        struct stat st;
        if (stat(args[i], &st) == 0 && S_ISDIR(st.st_mode))
            walk(args[i], out, 0);
        else
            g_ptr_array_add(out, g_strdup(args[i])); /* a file, or an error to report */
    }
    return out;
}

gboolean jx_inputs_in_shard(const char *path, guint k, guint n)
{
    guint32 h = 2166136261u; /* FNV-1a: stable across machines and runs */
    for (const unsigned char *p = (const unsigned char *)path; *p; p++)
        h = (h ^ *p) * 16777619u;
    return n <= 1 || h % n == k;
}
