#include "cli/process.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/error.h"
#include "extract/extract.h"
#include "normalize/ocr_cells.h"
#include "rules/check.h"
#include "rules/form.h"
#include "sink/jsonl.h"

/* Reads a regular file whole; FIFOs, devices and folders are refused
 * before anything blocks on them. */
static gboolean read_input(const char *path, gchar **data, gsize *len, GError **error)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        g_set_error(error, JX_ERROR, JX_ERROR_IO, "cannot open: %s", g_strerror(errno));
        return FALSE;
    }
    struct stat st;
    gboolean ok = FALSE;
    if (fstat(fd, &st) != 0) {
        g_set_error(error, JX_ERROR, JX_ERROR_IO, "cannot stat: %s", g_strerror(errno));
    } else if (!S_ISREG(st.st_mode)) {
        g_set_error(error, JX_ERROR, JX_ERROR_IO, "not a regular file");
    } else if ((guint64)st.st_size > JX_MAX_INPUT) {
        g_set_error(error, JX_ERROR, JX_ERROR_TOO_LARGE, "%" G_GUINT64_FORMAT " bytes (limit %u)",
                    (guint64)st.st_size, JX_MAX_INPUT);
    } else {
        close(fd);
        fd = -1;
        GError *e = NULL;
        ok = g_file_get_contents(path, data, len, &e);
        if (!ok) {
            g_set_error(error, JX_ERROR, JX_ERROR_IO, "%s", e->message);
            g_error_free(e);
        }
    }
    if (fd >= 0)
        close(fd);
    return ok;
}

JxProcessed jx_process_file(const char *path, const JxRuleset *rs, GHashTable *known,
                            GString *out)
{
    JxProcessed p = {0};
    JxDocInfo info = {.source = path, .text_source = "none"};
    GError *err = NULL;
    gchar *data = NULL;
    gsize len = 0;
    char *sha = NULL;
    JxDoc *doc = NULL;

    if (!read_input(path, &data, &len, &err))
        goto fail;
    sha = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)data, len);
    if (known && g_hash_table_contains(known, sha)) {
        p.skipped = TRUE;
        goto done;
    }
    info.sha256 = sha;
    info.has_bytes = TRUE;
    info.bytes = (gint64)len;
    info.format = jx_sniff_format((const guint8 *)data, len);
    doc = jx_extract((const guint8 *)data, len, &err);
    if (!doc)
        goto fail;
    info.format = doc->format;
    info.pages = doc->pages;
    info.text_source = doc->text_source;
    info.pages_without_text = doc->pages_without_text;
    info.pages_garbled = doc->pages_garbled;
    jx_normalize_ocr(doc, rs);
    JxResult *res = jx_forms_read(doc, rs);
    jx_check_result(res, rs);
    jx_jsonl_document(out, &info, res);
    jx_jsonl_records(out, &info, res);
    p.forms = res->forms->len;
    p.indicators = jx_result_indicator_count(res);
    for (guint i = 0; i < res->forms->len; i++)
        p.funds += ((JxForm *)g_ptr_array_index(res->forms, i))->funds->len;
    jx_result_free(res);
    goto done;
fail:
    p.failed = TRUE;
    jx_jsonl_document(out, &info, NULL);
    jx_jsonl_error(out, &info, err->domain == JX_ERROR ? jx_error_code_name(err->code) : "IO",
                   err->message);
    g_error_free(err);
done:
    jx_doc_free(doc);
    g_free(sha);
    g_free(data);
    return p;
}

void jx_process_failure(const char *path, const char *code, const char *message, GString *out)
{
    JxDocInfo info = {.source = path, .text_source = "none"};
    char *sha = NULL;
    struct stat st;
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) { /* hash it in pieces */
        FILE *f = fopen(path, "rb");
        if (f) {
            GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);
            guchar buf[1 << 16];
            size_t n;
            while ((n = fread(buf, 1, sizeof buf, f)) > 0)
                g_checksum_update(c, buf, n);
            fclose(f);
            sha = g_strdup(g_checksum_get_string(c));
            g_checksum_free(c);
            info.has_bytes = TRUE;
            info.bytes = (gint64)st.st_size;
        }
    }
    info.sha256 = sha;
    jx_jsonl_document(out, &info, NULL);
    jx_jsonl_error(out, &info, code, message);
    g_free(sha);
}
