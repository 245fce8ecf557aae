/* The Chinese punctuation a document's text keeps as printed: ，；：（）！？
 * (NFKC would make them , ; : ( ) ! ?). Text fields quote them as the page
 * shows them; rule matching and value parsing see them folded to ASCII, so
 * one rule matches either. 、。“”《》 are not folded by NFKC at all. */
#ifndef JX_PRINTED_H
#define JX_PRINTED_H

#include <glib.h>

/* The ASCII a printed punctuation mark folds to, or 0 for any other c. */
char jx_printed_ascii(gunichar c);

/* The full-width mark that ASCII c prints as, or 0 when c is none of
 * , ; : ( ) ! ?. */
gunichar jx_printed_mark(char c);

/* s with every printed mark folded to its ASCII (the text keeps its
 * characters one for one). Returns NULL when s holds none (use s as it
 * is), else a new string (g_free). If map is non-NULL and the result is
 * not NULL, *map receives a new array (g_free) of strlen(result) + 1
 * entries: the byte offset in s of each byte offset of the result. */
char *jx_printed_fold(const char *s, gsize **map);

#endif
