/* HTML reader: a web page (libxml2's HTML parser) to the neutral model
 * (extract/doc.h). <table>s become tables (rowspan/colspan by the HTML table
 * model; <thead> <tbody> <tfoot>, <th> and <td>; a <caption> is a paragraph
 * before its table); a nested table is a table block of its own right after
 * the table that holds it, except that a layout table (one whose cells hold
 * no text but site chrome, wrapping other tables) is unwrapped. A table that
 * follows another with nothing but chrome between and has as many columns
 * continues it (one form split over two <table>s): the two are one table.
 * Text outside tables is a paragraph per block element. <br> and block
 * elements are line breaks, inline ones are joined, entities decoded,
 * whitespace collapsed as a browser does; &nbsp; is a space.
 * Never read: <head> (but its <title>, a paragraph), <script> <style>
 * <noscript> <template>, comments, hidden elements (the hidden attribute,
 * style display:none or visibility:hidden), <nav> <header> <footer>, and
 * paragraphs and tables whose text is site chrome by the `chrome` rules
 * (备案号, 版权所有, breadcrumbs ...; rules/40-chrome.rules).
 * Encoding: a BOM, else <meta charset> / <meta http-equiv content=charset=>
 * / <?xml encoding?>, else UTF-8; GB2312 and GBK are read as GB18030 (a
 * superset). A page declared (or taken as) UTF-8 whose bytes are not UTF-8
 * is read as GB18030 when that decodes cleanly, else with the bad bytes
 * replaced by U+FFFD; either way the document gets a note (JxDoc.notes),
 * and a cell or paragraph holding a replaced byte is flagged TEXT_GARBLED.
 * The format is "html", pages 0; blocks have page 0. */
#ifndef JX_HTML_H
#define JX_HTML_H

#include "common/ruleset.h"
#include "extract/doc.h"

/* Largest page read (bytes, before decoding); larger is JX_ERROR_TOO_LARGE
 * (a parsed tree takes some 15 times the page's size). */
#define JX_HTML_MAX_BYTES (64u * 1024 * 1024)
/* Most grid positions (rows x columns, summed over its tables) a page may
 * have; past it (colspan="1000" cells on many rows) it is JX_ERROR_TOO_LARGE.
 * A colspan is at most 1000 and a rowspan at most 65534 (as in browsers),
 * and a rowspan ends with its row group; colspan="0" is 1, rowspan="0" runs
 * to the end of its row group. */
#define JX_HTML_MAX_POSITIONS (4u * 1024 * 1024)

/* Reads a HTML page held in memory (data stays owned by the caller), with
 * the built-in `chrome` rules (loaded once, kept for the life of the process).
 * Returns a new JxDoc (transfer full: free with jx_doc_free) or NULL with
 * error set: JX_ERROR_CORRUPT (libxml2 makes no tree of it),
 * JX_ERROR_TOO_LARGE. A page without tables or text is an empty JxDoc. */
JxDoc *jx_html_read(const guint8 *data, gsize len, GError **error);

/* As jx_html_read, with the `chrome` rules of rs (transfer none; NULL:
 * nothing is chrome but <nav> <header> <footer>). */
JxDoc *jx_html_read_rules(const guint8 *data, gsize len, const JxRuleset *rs,
                          GError **error);

#endif
