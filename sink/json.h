/* A minimal JSON writer into a GString: objects are written member by member
 * in the order given, numbers in their shortest round-trip form (105500, not
 * 105500.00000000001), strings escaped. It does not parse JSON. */
#ifndef JX_JSON_H
#define JX_JSON_H

#include <glib.h>

typedef struct {
    GString *s;
    gboolean first;
} JxJson;

void jx_json_begin(JxJson *j, GString *s);   /* writes "{" */
void jx_json_end(JxJson *j);                 /* writes "}" */

/* Members. A NULL string and an unset number write null. */
void jx_json_str(JxJson *j, const char *key, const char *val);
void jx_json_num(JxJson *j, const char *key, gboolean set, double v);
void jx_json_int(JxJson *j, const char *key, gboolean set, gint64 v);
void jx_json_bool(JxJson *j, const char *key, gboolean v);
/* Writes the key; the caller appends the value to j->s. */
void jx_json_key(JxJson *j, const char *key);

/* Values. A NULL string writes null (invalid UTF-8 is made valid first);
 * a number that is not finite writes null. */
void jx_json_append_string(GString *s, const char *val);
void jx_json_append_number(GString *s, double v);
/* TRUE when jx_json_append_number writes v as an integer ("105500"). */
gboolean jx_json_number_is_integer(double v);
/* A flags word as the list of its names, ["OCR","CROSS_PAGE"] (common/flags.h). */
void jx_json_append_flags(GString *s, guint flags);
/* A list of page numbers (int); [] when empty, null when pages is NULL. */
void jx_json_append_pages(GString *s, const GArray *pages);

#endif
