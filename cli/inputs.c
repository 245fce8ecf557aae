#include "cli/inputs.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "extract/extract.h"

/* Folders deeper than this under a walked one are not read (a guard against
 * bind-mount loops, which lstat cannot see). */
#define MAX_DEPTH 64

gboolean jx_inputs_named_document(const char *path)
{
    static const char *const exts[] = {".pdf", ".docx", ".xlsx", ".xls", ".ofd",
                                       ".html", ".htm", ".wps", ".et"};
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    if (!dot || dot == base)
        return FALSE;
    for (gsize i = 0; i < G_N_ELEMENTS(exts); i++)
        if (g_ascii_strcasecmp(dot, exts[i]) == 0)
            return TRUE;
    return FALSE;
}

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

static void note(GPtrArray *list, const char *path, const char *reason)
{
    g_ptr_array_add(list, g_strdup_printf("%s: %s", path, reason));
}

/* Takes path (transfer full) into in as a file met in a walk. */
static void take_file(JxInputs *in, char *path)
{
    struct stat lst, st;
    if (lstat(path, &lst) != 0) {
        note(in->skipped, path, g_strerror(errno)); /* gone since the listing */
    } else if (S_ISLNK(lst.st_mode) && stat(path, &st) != 0) {
        char *why = g_strdup_printf("a link that leads nowhere (%s)", g_strerror(errno));
        note(in->skipped, path, why);
        g_free(why);
    } else if (S_ISLNK(lst.st_mode) && S_ISDIR(st.st_mode)) {
        note(in->skipped, path, "a link to a folder (not followed)");
    } else if (!S_ISREG(S_ISLNK(lst.st_mode) ? st.st_mode : lst.st_mode)) {
        note(in->skipped, path, "not a regular file");
    } else if (jx_inputs_named_document(path) || looks_like_document(path)) {
        g_ptr_array_add(in->paths, path);
        return;
    } else {
        note(in->skipped, path, "not a document");
    }
    g_free(path);
}

static void walk(const char *dir, JxInputs *in, int depth)
{
    GError *err = NULL;
    GDir *d = depth < MAX_DEPTH ? g_dir_open(dir, 0, &err) : NULL;
    if (!d) {
        note(in->unread, dir, err ? err->message : "too deep (" G_STRINGIFY(MAX_DEPTH) " levels)");
        g_clear_error(&err);
        return;
    }
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    const char *n;
    while ((n = g_dir_read_name(d)))
        g_ptr_array_add(names, g_strdup(n));
    g_dir_close(d);
    g_ptr_array_sort(names, cmp_str);
    for (guint i = 0; i < names->len; i++) {
        char *path = g_build_filename(dir, g_ptr_array_index(names, i), NULL);
        struct stat st;
        if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            walk(path, in, depth + 1); /* links to folders are not followed */
            g_free(path);
        } else {
            take_file(in, path);
        }
    }
    g_ptr_array_free(names, TRUE);
}

JxInputs *jx_inputs_collect(char **args, int n)
{
    JxInputs *in = g_new0(JxInputs, 1);
    in->paths = g_ptr_array_new_with_free_func(g_free);
    in->skipped = g_ptr_array_new_with_free_func(g_free);
    in->unread = g_ptr_array_new_with_free_func(g_free);
    for (int i = 0; i < n; i++) {
        if (strcmp(args[i], "-") == 0) {
            char *line = NULL;
            size_t cap = 0;
            ssize_t len;
            while ((len = getline(&line, &cap, stdin)) > 0) {
                while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
                    line[--len] = '\0';
                if (len > 0)
                    g_ptr_array_add(in->paths, g_strdup(line));
            }
            free(line);
            continue;
        }
        struct stat st;
        if (stat(args[i], &st) == 0 && S_ISDIR(st.st_mode))
            walk(args[i], in, 0);
        else
            g_ptr_array_add(in->paths, g_strdup(args[i])); /* a file, or an error to report */
    }
    return in;
}

void jx_inputs_free(JxInputs *in)
{
    if (!in)
        return;
    g_ptr_array_free(in->paths, TRUE);
    g_ptr_array_free(in->skipped, TRUE);
    g_ptr_array_free(in->unread, TRUE);
    g_free(in);
}

gboolean jx_inputs_in_shard(const char *path, guint k, guint n)
{
    guint32 h = 2166136261u; /* FNV-1a: stable across machines and runs */
    for (const unsigned char *p = (const unsigned char *)path; *p; p++)
        h = (h ^ *p) * 16777619u;
    return n <= 1 || h % n == k;
}

char *jx_inputs_stem(GHashTable *used, const char *path)
{
    char *base = g_path_get_basename(path);
    char *dot = strrchr(base, '.');
    if (dot && dot != base)
        *dot = '\0';
    char *stem = g_strdup(base);
    for (int n = 2; g_hash_table_contains(used, stem); n++) {
        g_free(stem);
        stem = g_strdup_printf("%s-%d", base, n);
    }
    g_free(base);
    g_hash_table_add(used, g_strdup(stem));
    return stem;
}
