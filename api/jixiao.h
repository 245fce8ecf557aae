/* libjixiao: read a budget-performance disclosure (PDF, scan, DOCX, XLSX,
 * XLS, HTML, OFD) into its records, as `jixiao extract` does, from a
 * program. Plain C; link with `pkg-config --libs jixiao`.
 *
 *     char *err = NULL;
 *     jixiao_reader *r = jixiao_reader_new(NULL, &err);
 *     jixiao_document *d = jixiao_read_file(r, "report.pdf");
 *     fputs(jixiao_document_jsonl(d), stdout);
 *     jixiao_document_free(d);
 *     jixiao_reader_free(r);
 *
 * The records are those of README "Output" / docs/SCHEMA.md, one JSON
 * object a line: the document record first, then its forms, fund lines,
 * indicators and facts, or an error record. A file that cannot be read is
 * no failure of the call: its document holds an error record. Nothing is
 * printed. A reader may be used by one thread at a time; make one a thread.
 * The OCR plugin is looked for as the jixiao binary does (jixiao(1)). */
#ifndef JIXIAO_H
#define JIXIAO_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define JIXIAO_API __attribute__((visibility("default")))
#else
#define JIXIAO_API
#endif

typedef struct jixiao_reader jixiao_reader;
typedef struct jixiao_document jixiao_document;

/* The library's version, "0.1.0"; a static string. */
JIXIAO_API const char *jixiao_version(void);

/* A reader with the built-in rules, and the *.rules files of rules_dir
 * over them (NULL: none). Returns NULL and sets *error (when error is not
 * NULL; free it with jixiao_free) to a message such as "x.rules:3: ..."
 * when a rule file is bad or the folder cannot be read. */
JIXIAO_API jixiao_reader *jixiao_reader_new(const char *rules_dir, char **error);
JIXIAO_API void jixiao_reader_free(jixiao_reader *reader);

/* The records of the file at path, or of len bytes at data (not kept; the
 * records name it `source`). Never NULL but for NULL arguments. Free with
 * jixiao_document_free. */
JIXIAO_API jixiao_document *jixiao_read_file(jixiao_reader *reader, const char *path);
JIXIAO_API jixiao_document *jixiao_read_data(jixiao_reader *reader, const char *source,
                                             const void *data, size_t len);
JIXIAO_API void jixiao_document_free(jixiao_document *doc);

/* Every record of doc as JSON Lines (UTF-8, each line ending "\n"). The
 * string belongs to doc. */
JIXIAO_API const char *jixiao_document_jsonl(jixiao_document *doc);

/* How many records of a type doc has: "form", "fund", "indicator",
 * "fact", "error"; 0 for another type. */
JIXIAO_API int jixiao_document_count(const jixiao_document *doc, const char *type);

/* The error code ("IO" "EMPTY" "UNSUPPORTED" "ENCRYPTED" "CORRUPT"
 * "TOO_LARGE" ...) when the file could not be read, else NULL; the message
 * with it. Strings belong to doc. */
JIXIAO_API const char *jixiao_document_error(const jixiao_document *doc);
JIXIAO_API const char *jixiao_document_error_message(const jixiao_document *doc);

/* What a user should be told about doc (the OCR plugin cannot be loaded
 * ...): n sentences, the i-th for 0 <= i < n, else NULL. Belong to doc. */
JIXIAO_API size_t jixiao_document_note_count(const jixiao_document *doc);
JIXIAO_API const char *jixiao_document_note(const jixiao_document *doc, size_t i);

/* Frees what the library handed over to free (an error message). */
JIXIAO_API void jixiao_free(void *p);

#ifdef __cplusplus
}
#endif

#endif
