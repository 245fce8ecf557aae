/* jixiao error domain: one GError domain for every stage.
 * The codes name what went wrong with an input, and map one to one to the
 * `code` of an `error` record (docs/SCHEMA.md); JX_ERROR_RULES is a bad rule file. */
#ifndef JX_ERROR_H
#define JX_ERROR_H

#include <glib.h>

/* The GError domain of every jixiao error; codes are JxErrorCode. */
#define JX_ERROR (jx_error_quark())
GQuark jx_error_quark(void);

typedef enum {
    JX_ERROR_IO,          /* cannot open or read the file */
    JX_ERROR_EMPTY,       /* zero bytes, or nothing inside */
    JX_ERROR_UNSUPPORTED, /* not a format jixiao reads */
    JX_ERROR_CORRUPT,     /* a known format, but broken */
    JX_ERROR_ENCRYPTED,   /* needs a password */
    JX_ERROR_TOO_LARGE,   /* over a size limit (zip bombs included) */
    JX_ERROR_TIMEOUT,
    JX_ERROR_CRASH,
    JX_ERROR_RULES        /* a rule file that does not parse */
} JxErrorCode;

/* The record code for an error ("IO", "CORRUPT" ...); never NULL. */
const char *jx_error_code_name(int code);

#endif
