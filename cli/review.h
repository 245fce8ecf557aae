/* `jixiao review`: the review page of each document (sink/review.h), with
 * its PDF pages drawn behind (extract/pdf/render.h), and for a batch a
 * summary page linking them. Runs in this process, one file at a time. */
#ifndef JX_CLI_REVIEW_H
#define JX_CLI_REVIEW_H

/* The command, with argv[0] "review". Returns the exit status: 0, 1 when
 * some file could not be read (its row in the summary says why), 2 on a
 * usage error, 3 when a page cannot be written. */
int jx_cli_review(int argc, char **argv);

#endif
