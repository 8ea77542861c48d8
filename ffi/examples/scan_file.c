/* Reads a response body from a file (or standard input) and prints its
 * header and what the result code means in a service's table (Compute's
 * by default): the C API's README example as a program. Exit status as
 * the command-line tool's: 2 malformed or unreadable, 1 isSuccessful
 * false, 0 otherwise.
 *
 *   cc -std=c11 -Iffi/include ffi/examples/scan_file.c \
 *      ffi/target/release/libnhncloud_header.a -o scan_file
 *   ./scan_file tests/data/services/deploy__upload-binary.json deploy
 */

#include <stdio.h>
#include <string.h>

#include "nhncloud_header.h"

static char body[1 << 20];

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : "-";
    uint32_t service = nhncloud_header_service_from_name(argc > 2 ? argv[2] : "compute");
    if (service == NHNCLOUD_HEADER_SERVICE_NONE) {
        fprintf(stderr, "no service %s\n", argv[2]);
        return 2;
    }
    FILE *file = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (file == NULL) {
        perror(path);
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
    nhncloud_header_meaning meaning;
    nhncloud_header_meaning_of(service, &header, message, &meaning);
    if (header.code_is_text) {
        printf("\"%s\"", header.code_text);
    } else {
        printf("%ld", (long)header.result_code);
    }
    printf(" %s %s%s", nhncloud_header_category_name(meaning.category), nhncloud_header_advice_name(meaning.advice),
           meaning.retryable ? " retryable" : "");
    if (header.has_message) {
        printf(" \"%s%s\"", message, header.message_truncated ? "..." : "");
    }
    printf("\n");
    return header.is_successful ? 0 : 1;
}
