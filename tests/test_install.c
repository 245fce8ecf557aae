/* make install and what it puts in place: the installed binary run from
 * another folder finds its OCR plugin from its prefix; the man page renders
 * under `man -l` and names every command option and every flag; make
 * uninstall takes it all away. Installs the binary under test (JIXIAO_BIN)
 * with `make install-files`, so nothing is rebuilt. */
#include <string.h>
#include <sys/wait.h>

#include "common/flags.h"
#include "tests/harness.h"

/* Runs argv (searched in PATH) in cwd with env changes NAME=VALUE (a NAME
 * alone unsets it); returns the exit status, sets *out and *err (owned by
 * the caller; may be NULL to drop). */
static int spawn(const char *const *argv, const char *cwd, const char *const *env, char **out,
                 char **err)
{
    char **envp = g_get_environ();
    for (int i = 0; env && env[i]; i++) {
        char **kv = g_strsplit(env[i], "=", 2);
        envp = kv[1] ? g_environ_setenv(envp, kv[0], kv[1], TRUE) : g_environ_unsetenv(envp, kv[0]);
        g_strfreev(kv);
    }
    char *o = NULL, *e = NULL;
    int wait = 0;
    GError *error = NULL;
    gboolean ok = g_spawn_sync(cwd, (char **)argv, envp, G_SPAWN_SEARCH_PATH, NULL, NULL, &o, &e,
                               &wait, &error);
    g_strfreev(envp);
    if (!ok) {
        JX_FAIL_MSG("cannot run %s: %s", argv[0], error->message);
        g_error_free(error);
        return -1;
    }
    if (out)
        *out = o;
    else
        g_free(o);
    if (err)
        *err = e;
    else
        g_free(e);
    return WIFEXITED(wait) ? WEXITSTATUS(wait) : 128 + WTERMSIG(wait);
}

static const char *bin(void)
{
    const char *b = g_getenv("JIXIAO_BIN");
    return b ? b : "build/jixiao";
}

/* The long options a command's --help lists ("--db", ...), as a strv. */
static char **help_options(const char *installed, const char *command)
{
    const char *argv[] = {installed, command, "--help", NULL};
    char *out = NULL;
    spawn(argv, NULL, NULL, &out, NULL);
    GPtrArray *opts = g_ptr_array_new();
    for (const char *p = out ? out : ""; (p = strstr(p, "--")); p += 2) {
        gsize n = strspn(p + 2, "abcdefghijklmnopqrstuvwxyz-");
        if (n && strncmp(p + 2, "help", 4) != 0)
            g_ptr_array_add(opts, g_strndup(p, n + 2));
    }
    g_ptr_array_add(opts, NULL);
    g_free(out);
    return (char **)g_ptr_array_free(opts, FALSE);
}

static void test_install(void)
{
    char *prefix = g_dir_make_tmp("jixiao-prefix-XXXXXX", NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(prefix);
    char *plugin_dir = g_path_get_dirname(bin());
    char *plugin = g_build_filename(plugin_dir, "jixiao-ocr.so", NULL);
    char *pv = g_strdup_printf("PREFIX=%s", prefix), *bv = g_strdup_printf("INSTALL_BIN=%s", bin());
    char *lv = g_strdup_printf("INSTALL_PLUGIN=%s", plugin);
    const char *make[] = {"make", "-s", "--no-print-directory", "install-files", pv, bv, lv, NULL};
    CU_ASSERT_EQUAL(spawn(make, NULL, NULL, NULL, NULL), 0);
    char *installed = g_build_filename(prefix, "bin", "jixiao", NULL);
    CU_ASSERT_TRUE(g_file_test(installed, G_FILE_TEST_IS_EXECUTABLE));

    /* a scan read from another folder: the plugin is found from the prefix */
    char *cwd = g_get_current_dir();
    char *scan = g_build_filename(cwd, "tests", "data", "image-only.pdf", NULL);
    const char *extract[] = {installed, "extract", "-q", "-j1", scan, NULL};
    const char *env[] = {"JIXIAO_OCR_PLUGIN", NULL};
    char *out = NULL, *err = NULL;
    CU_ASSERT_EQUAL(spawn(extract, "/", env, &out, &err), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(out ? out : "", "\"text_source\":\"ocr\""));
    CU_ASSERT_PTR_NULL(strstr(err ? err : "", "OCR cannot be loaded"));
    g_free(out);
    g_free(err);

    /* the man page renders cleanly and names every option and flag */
    char *page = g_build_filename(prefix, "share", "man", "man1", "jixiao.1", NULL);
    const char *man[] = {"man", "-l", page, NULL};
    const char *wide[] = {"MANWIDTH=200", "MANPAGER=cat", "PAGER=cat", NULL};
    out = err = NULL;
    CU_ASSERT_EQUAL(spawn(man, NULL, wide, &out, &err), 0);
    CU_ASSERT_STRING_EQUAL(err ? err : "?", "");
    const char *text = out ? out : "";
    for (const char *sec = "NAME\0SYNOPSIS\0COMMANDS\0FLAGS\0EXIT STATUS\0EXAMPLES\0"; *sec;
         sec += strlen(sec) + 1)
        CU_ASSERT_PTR_NOT_NULL(strstr(text, sec));
    static const char *const COMMANDS[] = {"extract", "tables", "normalize", "merge", "eval", "review"};
    for (gsize c = 0; c < G_N_ELEMENTS(COMMANDS); c++) {
        char **opts = help_options(installed, COMMANDS[c]);
        for (int i = 0; opts[i]; i++)
            if (!strstr(text, opts[i]))
                JX_FAIL_MSG("jixiao %s %s is not in the man page", COMMANDS[c], opts[i]);
        g_strfreev(opts);
    }
    for (int f = 0; f < JX_FLAG_COUNT; f++)
        if (!strstr(text, jx_flag_name((JxFlag)f)))
            JX_FAIL_MSG("flag %s is not in the man page", jx_flag_name((JxFlag)f));
    g_free(out);
    g_free(err);
    char *rules = g_build_filename(prefix, "share", "jixiao", "rules", "10-common.rules", NULL);
    CU_ASSERT_TRUE(g_file_test(rules, G_FILE_TEST_EXISTS));

    /* the example program builds against the installed library through
     * pkg-config and prints a document's records */
    char *pcdir = g_build_filename(prefix, "lib", "pkgconfig", NULL);
    char *pcenv = g_strdup_printf("PKG_CONFIG_PATH=%s", pcdir);
    const char *pc[] = {"pkg-config", "--cflags", "--libs", "jixiao", NULL};
    const char *pcv[] = {pcenv, NULL};
    out = NULL;
    CU_ASSERT_EQUAL(spawn(pc, NULL, pcv, &out, NULL), 0);
    char *exdir = g_dir_make_tmp("jixiao-example-XXXXXX", NULL);
    char *example = g_build_filename(exdir ? exdir : ".", "records", NULL);
    char *cmd = g_strdup_printf("cc -std=c11 -Wall -Werror examples/records.c %s -o %s",
                                g_strstrip(out ? out : g_strdup("")), example);
    g_free(out);
    const char *cc[] = {"sh", "-c", cmd, NULL};
    err = NULL;
    CU_ASSERT_EQUAL(spawn(cc, NULL, NULL, NULL, &err), 0);
    if (err && *err)
        JX_FAIL_MSG("building the example: %s", err);
    g_free(err);
    char *libdir = g_build_filename(prefix, "lib", NULL);
    char *ldenv = g_strdup_printf("LD_LIBRARY_PATH=%s", libdir);
    /* not under ASan: the library is the release build */
    const char *exenv[] = {ldenv, "LD_PRELOAD", NULL};
    const char *ex[] = {example, "corpus/docx/000-form3-edited.docx", NULL};
    out = err = NULL;
    CU_ASSERT_EQUAL(spawn(ex, NULL, exenv, &out, &err), 0);
    CU_ASSERT_TRUE(g_str_has_prefix(out ? out : "", "{\"type\":\"document\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(out ? out : "", "{\"type\":\"indicator\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(err ? err : "", "1 forms, 9 indicators"));
    g_free(out);
    g_free(err);
    /* a program linked to the installed libjixiao.so, far from any jixiao
     * binary, finds the OCR plugin from where the library is (dladdr); the
     * library is the release build, so the plugin it loads is too */
    char *lib_plugin = g_build_filename(prefix, "lib", "jixiao", "jixiao-ocr.so", NULL);
    const char *swap[] = {"install", "-m", "644", "build/jixiao-ocr.so", lib_plugin, NULL};
    CU_ASSERT_EQUAL(spawn(swap, NULL, NULL, NULL, NULL), 0);
    g_free(lib_plugin);
    const char *ocrenv[] = {ldenv, "LD_PRELOAD", "JIXIAO_OCR_PLUGIN", NULL};
    const char *exscan[] = {example, scan, NULL};
    out = err = NULL;
    int rc = spawn(exscan, "/", ocrenv, &out, &err);
    CU_ASSERT_EQUAL(rc, 0);
    if (rc != 0)
        JX_FAIL_MSG("the example on a scan: %s", err ? err : "");
    CU_ASSERT_PTR_NOT_NULL(strstr(out ? out : "", "\"text_source\":\"ocr\""));
    CU_ASSERT_PTR_NULL(strstr(err ? err : "", "OCR cannot be loaded"));
    g_free(out);
    g_free(err);
    g_free(ldenv);
    g_free(libdir);
    g_free(cmd);
    const char *rmex[] = {"rm", "-rf", exdir, NULL};
    if (exdir)
        spawn(rmex, NULL, NULL, NULL, NULL);
    g_free(exdir);
    g_free(example);
    g_free(pcenv);
    g_free(pcdir);

    /* uninstall leaves nothing behind but the folders it did not make */
    const char *un[] = {"make", "-s", "--no-print-directory", "uninstall", pv, NULL};
    CU_ASSERT_EQUAL(spawn(un, NULL, NULL, NULL, NULL), 0);
    const char *find[] = {"find", prefix, "-type", "f", NULL};
    out = NULL;
    spawn(find, NULL, NULL, &out, NULL);
    CU_ASSERT_STRING_EQUAL(out ? out : "?", "");
    g_free(out);

    const char *rm[] = {"rm", "-rf", prefix, NULL};
    spawn(rm, NULL, NULL, NULL, NULL);
    g_free(rules);
    g_free(page);
    g_free(scan);
    g_free(cwd);
    g_free(installed);
    g_free(pv);
    g_free(bv);
    g_free(lv);
    g_free(plugin);
    g_free(plugin_dir);
    g_free(prefix);
}

void jx_add_install_tests(void)
{
    CU_pSuite s = CU_add_suite("install (make install, man page, uninstall)", NULL, NULL);
    CU_add_test(s, "installed from a prefix: plugin found, man page whole, uninstalled", test_install);
}
