/* The libjixiao example: prints the records of each file named on the
 * command line as JSON Lines, and a count of them on stderr.
 *
 *     cc records.c $(pkg-config --cflags --libs jixiao) -o records
 *     ./records report.pdf > records.jsonl
 */
#include <stdio.h>

#include <jixiao.h>

int main(int argc, char **argv)
{
    char *error = NULL;
    jixiao_reader *reader = jixiao_reader_new(NULL, &error);
    if (!reader) {
        fprintf(stderr, "records: %s\n", error);
        jixiao_free(error);
        return 2;
    }
    int status = 0;
    for (int i = 1; i < argc; i++) {
        jixiao_document *doc = jixiao_read_file(reader, argv[i]);
        fputs(jixiao_document_jsonl(doc), stdout);
        if (jixiao_document_error(doc)) {
            fprintf(stderr, "records: %s: %s\n", argv[i], jixiao_document_error_message(doc));
            status = 1;
        } else {
            fprintf(stderr, "records: %s: %d forms, %d indicators (jixiao %s)\n", argv[i],
                    jixiao_document_count(doc, "form"), jixiao_document_count(doc, "indicator"),
                    jixiao_version());
        }
        jixiao_document_free(doc);
    }
    jixiao_reader_free(reader);
    return status;
}
