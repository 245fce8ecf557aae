/* Spreadsheet number formats: the text a cell shows for the number it
 * stores (10.549999999999999 in "0.00" shows 10.55, 0.9836 in "0.00%"
 * shows 98.36%, a date serial in "yyyy年m月d日" a date). XLSX and XLS share
 * it. */
#ifndef JX_NUMFMT_H
#define JX_NUMFMT_H

#include <glib.h>

/* The format code of built-in number format id (0 "General", 2 "0.00",
 * 10 "0.00%", 14 a date ...), or NULL for an id without one. Static. */
const char *jx_numfmt_builtin(int id);

/* The text Excel shows for v in format `code` (NULL or "General" for the
 * General format); date1904 for a workbook in the 1904 date system.
 * Returns a new string (g_free). Never fails: a code it cannot read shows
 * v as General. */
char *jx_numfmt_render(double v, const char *code, gboolean date1904);

/* TRUE when the text v shows in `code` has lost digits of it: a number past
 * 15 significant digits (a double cannot hold them: an ID typed into a
 * cell as a number), or General showing 12 digits or more in scientific
 * notation (44030721070150000000 shows 4.40307E+19). Never fails. */
gboolean jx_numfmt_loses_digits(double v, const char *code);

#endif
