#define _GNU_SOURCE /* dladdr: where libjixiao.so itself is */
#include "extract/ocr/ocr.h"

#include <dlfcn.h>

#include <gmodule.h>

#include "common/error.h"
#include "extract/ocr/ocr_engine.h"

#define PLUGIN_NAME "jixiao-ocr.so"

/* dir/rel/jixiao-ocr.so when it exists: a new string, else NULL. */
static char *plugin_in(const char *dir, const char *rel)
{
    char *path = g_build_filename(dir, rel, PLUGIN_NAME, NULL);
    if (g_file_test(path, G_FILE_TEST_EXISTS))
        return path;
    g_free(path);
    return NULL;
}

/* JIXIAO_OCR_PLUGIN; else jixiao-ocr.so beside the executable (the build
 * tree); else where `make install` puts it from the executable's prefix,
 * PREFIX/lib/jixiao/ for PREFIX/bin/jixiao, so an installed tree works
 * wherever it is moved; else, for a program linked with libjixiao.so,
 * LIBDIR/jixiao/ beside the library. */
static char *plugin_path(void)
{
    const char *set = g_getenv("JIXIAO_OCR_PLUGIN");
    if (set)
        return g_strdup(set);
    char *exe = g_file_read_link("/proc/self/exe", NULL);
    char *dir = exe ? g_path_get_dirname(exe) : g_strdup(".");
    char *path = plugin_in(dir, ".");
    if (!path)
        path = plugin_in(dir, "../lib/jixiao");
    Dl_info self;
    if (!path && dladdr((void *)plugin_in, &self) && self.dli_fname) {
        char *lib = g_path_get_dirname(self.dli_fname);
        path = plugin_in(lib, "jixiao");
        g_free(lib);
    }
    if (!path) /* the error names the build-tree place */
        path = g_build_filename(dir, PLUGIN_NAME, NULL);
    g_free(exe);
    g_free(dir);
    return path;
}

/* The engine, loaded on first use, kept for the life of the process; a
 * failure is remembered and told to every later caller. */
static const JxOcrEngine *engine(GError **error)
{
    static const JxOcrEngine *loaded;
    static char *failure;
    if (!loaded && !failure) {
        /* one OpenMP thread a worker: Tesseract's threads only spin on
         * small cells (five times slower), and OpenMP reads this once,
         * when it loads with Tesseract */
        g_setenv("OMP_THREAD_LIMIT", "1", FALSE);
        char *path = plugin_path();
        GModule *module = g_module_open(path, G_MODULE_BIND_LOCAL);
        gpointer symbol = NULL;
        const char *why = NULL;
        if (!module)
            failure = g_strdup_printf("OCR cannot be loaded: %s", g_module_error());
        else if (!g_module_symbol(module, JX_OCR_ENGINE_SYMBOL, &symbol) ||
                 ((const JxOcrEngine *)symbol)->version != JX_OCR_ENGINE_VERSION)
            failure = g_strdup_printf("%s is not the OCR plugin of this jixiao", path);
        else if ((why = ((const JxOcrEngine *)symbol)->init()))
            failure = g_strdup(why);
        else
            loaded = symbol;
        g_free(path);
    }
    if (!loaded)
        g_set_error_literal(error, JX_ERROR, JX_ERROR_UNSUPPORTED, failure);
    return loaded;
}

gboolean jx_ocr_available(GError **error)
{
    return engine(error) != NULL;
}

char *jx_ocr_rect(const guint8 *gray, int w, int h, int stride, int x0, int y0, int x1,
                  int y1, gboolean single_line, int *confidence, int *least, GError **error)
{
    const JxOcrEngine *ocr = engine(error);
    int ignored;
    least = least ? least : &ignored;
    *confidence = *least = 0;
    if (!ocr)
        return NULL;
    x0 = CLAMP(x0, 0, w);
    x1 = CLAMP(x1, 0, w);
    y0 = CLAMP(y0, 0, h);
    y1 = CLAMP(y1, 0, h);
    if (x1 - x0 < 4 || y1 - y0 < 4)
        return g_strdup("");
    return ocr->read(gray, w, h, stride, x0, y0, x1, y1, single_line, confidence, least);
}

gboolean jx_ocr_text_box(const guint8 *gray, int stride, int x0, int y0, int x1, int y1,
                         int box[4])
{
    const JxOcrEngine *ocr = engine(NULL);
    return ocr && ocr->text_box(gray, stride, x0, y0, x1, y1, box);
}

gboolean jx_ocr_find_skew(const guint8 *gray, int w, int h, int stride, double *angle,
                          double *confidence)
{
    const JxOcrEngine *ocr = engine(NULL);
    return ocr && ocr->find_skew(gray, w, h, stride, angle, confidence);
}

void jx_ocr_word_boxes(const guint8 *gray, int w, int h, int stride, int x0, int y0, int x1,
                       int y1, GArray *boxes)
{
    const JxOcrEngine *ocr = engine(NULL);
    x0 = CLAMP(x0, 0, w);
    x1 = CLAMP(x1, 0, w);
    y0 = CLAMP(y0, 0, h);
    y1 = CLAMP(y1, 0, h);
    if (ocr && x1 - x0 >= 8 && y1 - y0 >= 8)
        ocr->word_boxes(gray, stride, x0, y0, x1, y1, boxes);
}
