#define _GNU_SOURCE /* memmem */
#include "extract/extract.h"

#include <string.h>

#include "common/error.h"
#include "extract/office/docx.h"
#include "extract/pdf/pdf.h"

static gboolean has(const guint8 *data, gsize len, const char *needle)
{
    return memmem(data, len, needle, strlen(needle)) != NULL;
}

const char *jx_sniff_format(const guint8 *data, gsize len)
{
    if (len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0) {
        if (has(data, len, "word/document.xml"))
            return "docx";
        if (has(data, len, "xl/workbook.xml"))
            return "xlsx";
        if (has(data, len, "OFD.xml"))
            return "ofd";
        return "zip";
    }
    gsize head = MIN(len, (gsize)1024);
    if (head >= 5 && has(data, head, "%PDF-"))
        return "pdf";
    if (len >= 8 && memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
        return NULL; /* OLE2: .doc/.xls, not read */
    gchar *lower = g_ascii_strdown((const char *)data, (gssize)head);
    gboolean html = strstr(lower, "<html") || strstr(lower, "<!doctype html");
    g_free(lower);
    if (html)
        return "html";
    if (g_utf8_validate((const char *)data, (gssize)MIN(len, (gsize)65536), NULL) &&
        !memchr(data, 0, MIN(len, (gsize)65536)))
        return "txt";
    return NULL;
}

JxDoc *jx_extract(const guint8 *data, gsize len, GError **error)
{
    g_return_val_if_fail(data != NULL || len == 0, NULL);
    g_return_val_if_fail(error == NULL || *error == NULL, NULL);
    if (len == 0) {
        g_set_error(error, JX_ERROR, JX_ERROR_EMPTY, "the file is empty");
        return NULL;
    }
    const char *format = jx_sniff_format(data, len);
    if (format && strcmp(format, "docx") == 0)
        return jx_docx_read(data, len, error);
    if (format && strcmp(format, "zip") == 0) /* maybe a DOCX with odd names */
        return jx_docx_read(data, len, error);
    if (format && strcmp(format, "pdf") == 0)
        return jx_pdf_read(data, len, error);
    g_set_error(error, JX_ERROR, JX_ERROR_UNSUPPORTED,
                "%s input is not supported yet (this build reads DOCX and PDF)",
                format ? format : "this kind of");
    return NULL;
}
