/* Reads a response body from a file (or standard input) and prints its
 * header and what the result code means: the C API's README example as a
 * program. Exit status as the command-line tool's: 2 malformed or
 * unreadable, 1 isSuccessful false, 0 otherwise.
 *
 *   cc -std=c11 -Iffi/include ffi/examples/scan_file.c \
 *      ffi/target/release/libnhncloud_header.a -o scan_file
 *   ./scan_file tests/data/compute-v1.0_flavors__TOAST-DOCS-Compute-Instance_en-old-api-guide.json
 */

#include <stdio.h>

#include "nhncloud_header.h"

static uint8_t body[1 << 20];

int main(int argc, char **argv) {
    FILE *file = argc > 1 ? fopen(argv[1], "rb") : stdin;
    if (file == NULL) {
        perror(argv[1]);
        return 2;
    }
    size_t body_len = fread(body, 1, sizeof body, file);
    if (ferror(file) || !feof(file)) {
        fprintf(stderr, "unreadable, or larger than %zu bytes\n", sizeof body);
        return 2;
    }

    nhncloud_header header;
    nhncloud_header_error error;
    char message[128];
    nhncloud_header_result r = nhncloud_header_scan(body, body_len, &header, message, sizeof message, &error);
    if (r != NHNCLOUD_HEADER_RESULT_OK) {
        printf("malformed: %s at byte %zu\n", nhncloud_header_result_name(r), error.offset);
        return 2;
    }
    int32_t code = header.result_code;
    const char *api = nhncloud_header_api_name(code);
    printf("%ld %s", (long)code, nhncloud_header_class_name(nhncloud_header_classify(code)));
    if (api != NULL) {
        printf(" (%s, HTTP %u)", api, (unsigned)nhncloud_header_http_status(code));
    }
    printf(" %s", nhncloud_header_remedy_name(nhncloud_header_remedy(code)));
    if (header.has_message) {
        printf(" \"%s%s\"", message, header.message_truncated ? "..." : "");
    }
    printf("\n");
    return header.is_successful ? 0 : 1;
}
