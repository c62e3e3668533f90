/*
 * A budgetlint plugin written in C: the rule `c/todo` reports every "TODO" in the document.
 *
 * It shows the whole ABI (docs/PLUGIN_ABI.md) without a JSON library: the request is scanned
 * for the document text (the first field of "document"), JSON escapes are decoded just enough to
 * count byte offsets in the decoded text, and the response is printed with snprintf.
 * Build: cc -shared -fPIC -o libbudgetlint_plugin_c.so c_plugin.c
 * Define BL_ABI=<n> to build a plugin for another ABI version, and BL_IDENTITY=<n> to export a
 * foreign build identity with a `budgetlint_check_native` that must never be called, and
 * BL_MARKER="<path>" to create that file when the library is loaded (all used by the tests: the
 * marker shows whether loading ran the library's code at all), and BL_CRASH=<mode> to misbehave
 * on a document whose text contains "CRASH": 1 abort(), 2 a segmentation fault, 3 exit(0),
 * 4 loop forever, 5 print to stdout first and then answer normally (crash containment tests),
 * and BL_CONTRACT to break the contract of one severity per rule id: every TODO is reported as
 * an error although `c/todo` declares warning, and one finding comes under `c/undeclared`.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef BL_ABI
#define BL_ABI 2
#endif

#ifdef BL_CONTRACT
#define BL_TODO_SEVERITY "error"
#else
#define BL_TODO_SEVERITY "warning"
#endif

typedef struct {
    uint8_t *ptr;
    size_t len;
    size_t cap;
} BlBuffer;

#ifdef BL_MARKER
/* Runs when the library is loaded, before the host can look at any version. */
__attribute__((constructor)) static void bl_mark_loaded(void) {
    FILE *f = fopen(BL_MARKER, "w");
    if (f) fclose(f);
}
#endif

uint32_t budgetlint_abi_version(void) { return BL_ABI; }
uint32_t budgetlint_schema_version(void) { return 2; }

static BlBuffer copy_out(const char *s) {
    size_t n = strlen(s);
    BlBuffer b = {(uint8_t *)malloc(n ? n : 1), n, n};
    if (b.ptr) memcpy(b.ptr, s, n);
    else b.len = b.cap = 0;
    return b;
}

BlBuffer budgetlint_plugin_info(void) {
    return copy_out("{\"name\":\"c\",\"version\":\"0.1.0\",\"rules\":[{\"id\":\"c/todo\","
                    "\"default_severity\":\"warning\",\"summary\":\"A TODO placeholder is left in the text\","
                    "\"docs\":\"Reports TODO markers.\"}]}");
}

/* Bytes of the decoded character that the JSON escape at `p` stands for (\uXXXX → UTF-8). */
static size_t escape_len(const char *p, size_t *consumed) {
    if (p[1] != 'u') { *consumed = 2; return 1; }
    *consumed = 6;
    unsigned v = (unsigned)strtoul((char[]){p[2], p[3], p[4], p[5], 0}, NULL, 16);
    if (v >= 0xD800 && v < 0xDC00) { *consumed = 12; return 4; } /* surrogate pair */
    return v < 0x80 ? 1 : v < 0x800 ? 2 : 3;
}

#ifdef BL_CRASH
/* Misbehaves as BL_CRASH says when the request contains "CRASH". */
static void bl_misbehave(const char *req) {
    if (!strstr(req, "CRASH")) return;
    switch (BL_CRASH) {
    case 1: abort();
    case 2: *(volatile int *)(uintptr_t)8 = 1; break;
    case 3: exit(0);
    case 4: for (volatile int spin = 0;; spin++) {} break;
    case 5: printf("a plugin that prints to stdout\n"); fflush(stdout); break;
    }
}
#endif

BlBuffer budgetlint_check(const uint8_t *ptr, size_t len) {
    char *req = (char *)malloc(len + 1);
    if (!req) return copy_out("{\"diagnostics\":[],\"errors\":[{\"rule\":\"*\",\"message\":\"out of memory\"}]}");
    memcpy(req, ptr, len);
    req[len] = 0;
#ifdef BL_CRASH
    bl_misbehave(req);
#endif
    size_t cap = 4096, used = 0;
    char *out = (char *)malloc(cap);
    used += (size_t)snprintf(out, cap, "{\"diagnostics\":[");
    const char *text = strstr(req, "\"document\":{\"text\":\"");
    int wanted = strstr(req, "\"id\":\"c/todo\"") != NULL;
    if (text && wanted) {
        const char *p = text + strlen("\"document\":{\"text\":\"");
        size_t offset = 0; /* byte offset in the decoded text */
        int first = 1;
        while (*p && *p != '"') {
            if (strncmp(p, "TODO", 4) == 0 && used + 200 < cap) {
                used += (size_t)snprintf(out + used, cap - used,
                                         "%s{\"rule\":\"c/todo\",\"severity\":\"" BL_TODO_SEVERITY "\",\"message\":\"TODO left in the text\","
                                         "\"span\":{\"start\":%zu,\"end\":%zu}}",
                                         first ? "" : ",", offset, offset + 4);
                first = 0;
            }
            size_t step = 1, bytes = 1;
            if (*p == '\\') bytes = escape_len(p, &step);
            p += step;
            offset += bytes;
        }
#ifdef BL_CONTRACT
        used += (size_t)snprintf(out + used, cap - used,
                                 "%s{\"rule\":\"c/undeclared\",\"severity\":\"info\",\"message\":\"not declared\","
                                 "\"span\":{\"start\":0,\"end\":0}}",
                                 first ? "" : ",");
#endif
    }
    snprintf(out + used, cap - used, "],\"errors\":[]}");
    free(req);
    BlBuffer b = {(uint8_t *)out, strlen(out), cap};
    return b;
}

void budgetlint_free(BlBuffer b) { free(b.ptr); }

#ifdef BL_IDENTITY
/* Not the identity of any real build: the host must send this plugin the JSON request. */
uint64_t budgetlint_build_identity(void) { return BL_IDENTITY; }
void budgetlint_check_native(const uint8_t *header, size_t len, const void *document,
                             void (*sink)(void *, const void *), void *sink_context) {
    (void)header;
    (void)len;
    (void)document;
    (void)sink;
    (void)sink_context;
    abort();
}
#endif
