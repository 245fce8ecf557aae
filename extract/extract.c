#define _GNU_SOURCE /* memmem */
#include "extract/extract.h"

#include <string.h>

#include "common/error.h"
#include "extract/html/html.h"
#include "extract/ofd/ofd.h"
#include "extract/office/docx.h"
#include "extract/office/ole2.h"
#include "extract/office/xls.h"
#include "extract/office/xlsx.h"
#include "extract/pdf/pdf.h"

static gboolean has(const guint8 *data, gsize len, const char *needle)
{
    return memmem(data, len, needle, strlen(needle)) != NULL;
}

/* An OLE2 directory entry's name is UTF-16LE: "Workbook" (BIFF8, WPS .et)
 * or "Book" (BIFF5) in a workbook, "WordDocument" in a .doc or WPS .wps. */
static gboolean has_utf16(const guint8 *data, gsize len, const char *ascii)
{
    guint8 wide[64];
    gsize n = strlen(ascii);
    g_return_val_if_fail(2 * n <= sizeof wide, FALSE);
    for (gsize i = 0; i < n; i++) {
        wide[2 * i] = (guint8)ascii[i];
        wide[2 * i + 1] = 0;
    }
    return memmem(data, len, wide, 2 * n) != NULL;
}

/* By the names of the root's streams (a Word file may quote "Workbook" in
 * its text); by their bytes when the directory cannot be read, so that a
 * broken workbook reaches its reader and gets its error. */
static const char *sniff_ole2(const guint8 *data, gsize len)
{
    char **names = jx_ole2_names(data, len);
    if (names) {
        const char *kind = "ole2";
        for (int i = 0; names[i]; i++)
            if (!g_ascii_strcasecmp(names[i], "Workbook") || !g_ascii_strcasecmp(names[i], "Book"))
                kind = "xls";
            else if (!g_ascii_strcasecmp(names[i], "WordDocument") && strcmp(kind, "xls"))
                kind = "doc";
        g_strfreev(names);
        return kind;
    }
    if (has_utf16(data, len, "Workbook") || has_utf16(data, len, "Book"))
        return "xls";
    if (has_utf16(data, len, "WordDocument"))
        return "doc";
    return "ole2";
}

/* A page of HTML: after a BOM, blanks and comments it opens with a tag, and
 * its first 4 KiB hold <html, a doctype, <body or <table. */
static gboolean looks_html(const guint8 *data, gsize len)
{
    gsize head = MIN(len, (gsize)4096), i = 0;
    if (head >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < head && g_ascii_isspace(data[i]))
        i++;
    if (i >= head || data[i] != '<')
        return FALSE;
    gchar *lower = g_ascii_strdown((const char *)data + i, (gssize)(head - i));
    gboolean html = strstr(lower, "<html") || strstr(lower, "<!doctype html") ||
                    strstr(lower, "<body") || strstr(lower, "<table");
    g_free(lower);
    return html;
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
        return sniff_ole2(data, len);
    if (looks_html(data, len))
        return "html";
    if (g_utf8_validate((const char *)data, (gssize)MIN(len, (gsize)65536), NULL) &&
        !memchr(data, 0, MIN(len, (gsize)65536)))
        return "txt";
    return NULL;
}

typedef JxDoc *(*Reader)(const guint8 *data, gsize len, GError **error);
typedef JxDoc *(*RulesReader)(const guint8 *data, gsize len, const JxRuleset *rs, GError **error);

static const struct {
    const char *format;
    Reader read;
    RulesReader read_rules; /* NULL: the reader takes no rules */
} READERS[] = {
    {"docx", jx_docx_read, NULL},
    {"zip", jx_docx_read, NULL}, /* maybe a DOCX with odd names */
    {"pdf", jx_pdf_read, NULL},
    {"xlsx", jx_xlsx_read, NULL},
    {"xls", jx_xls_read, NULL},
    {"html", jx_html_read, jx_html_read_rules}, /* its `chrome` rules */
    {"ofd", jx_ofd_read, NULL},
};

JxDoc *jx_extract(const guint8 *data, gsize len, GError **error)
{
    return jx_extract_rules(data, len, NULL, error);
}

JxDoc *jx_extract_rules(const guint8 *data, gsize len, const JxRuleset *rs, GError **error)
{
    g_return_val_if_fail(data != NULL || len == 0, NULL);
    g_return_val_if_fail(error == NULL || *error == NULL, NULL);
    if (len == 0) {
        g_set_error(error, JX_ERROR, JX_ERROR_EMPTY, "the file is empty");
        return NULL;
    }
    const char *format = jx_sniff_format(data, len);
    for (gsize i = 0; format && i < G_N_ELEMENTS(READERS); i++)
        if (strcmp(format, READERS[i].format) == 0)
            return rs && READERS[i].read_rules ? READERS[i].read_rules(data, len, rs, error)
                                               : READERS[i].read(data, len, error);
    if (format && strcmp(format, "doc") == 0)
        g_set_error(error, JX_ERROR, JX_ERROR_UNSUPPORTED,
                    "legacy Word (.doc, WPS .wps) is not read: save it as DOCX or PDF");
    else if (format && strcmp(format, "ole2") == 0)
        g_set_error(error, JX_ERROR, JX_ERROR_UNSUPPORTED,
                    "an OLE2 file that is neither a workbook (XLS, WPS .et) nor a Word "
                    "document is not read");
    else
        g_set_error(error, JX_ERROR, JX_ERROR_UNSUPPORTED,
                    "%s input is not supported (jixiao reads DOCX, XLSX, XLS, PDF, "
                    "HTML and OFD)",
                    format ? format : "this kind of");
    return NULL;
}
