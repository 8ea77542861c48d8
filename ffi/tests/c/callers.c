/* A caller as C and C++ programs write one: `char` buffers, no casts,
 * compiled with -Wall -Wextra -pedantic -Werror as C11 and as C++11 (CI
 * builds and runs both). A Deploy body with a string code, read whole and
 * in chunks, and what it means; a Push code; every service by name.
 * Prints "N passed, N failed". */

#include <stdio.h>
#include <string.h>

#include "nhncloud_header.h"

static unsigned passed, failed;

static void check(bool ok, const char *what) {
    if (ok) {
        passed++;
    } else {
        failed++;
        printf("FAILED: %s\n", what);
    }
}

static const char deploy[] = "{\"header\":{\"isSuccessful\":false,\"serverTime\":1533526167415,"
                             "\"resultCode\":\"NOT_FOUND_OS\",\"resultMessage\":\"The OS could not be found\"},"
                             "\"body\":{}}";

int main(void) {
    char body[sizeof deploy];
    memcpy(body, deploy, sizeof deploy);
    size_t len = strlen(body);

    nhncloud_header header;
    nhncloud_header_error error;
    char message[64];
    check(nhncloud_header_parse(body, len, &header, message, sizeof message, &error) == NHNCLOUD_HEADER_RESULT_OK,
          "parse a char buffer");
    check(header.code_is_text && strcmp(header.code_text, "NOT_FOUND_OS") == 0 && header.code_len == 12,
          "the string code");
    check(strcmp(message, "The OS could not be found") == 0, "the message");

    nhncloud_header_meaning meaning;
    uint32_t service = nhncloud_header_service_from_name("deploy");
    check(nhncloud_header_meaning_of(service, &header, message, &meaning) == NHNCLOUD_HEADER_RESULT_OK &&
              meaning.known && meaning.category == NHNCLOUD_HEADER_CATEGORY_NOT_FOUND &&
              meaning.advice == NHNCLOUD_HEADER_ADVICE_FIX_REQUEST && !meaning.retryable && meaning.consistent,
          "what it means to Deploy");
    check(meaning.message != NULL && strcmp(meaning.message, "The OS could not be found") == 0, "Deploy's text");

    nhncloud_header_stream stream;
    bool complete = false;
    nhncloud_header_result r = nhncloud_header_stream_init(&stream, NHNCLOUD_HEADER_MODE_SCAN);
    for (size_t at = 0; at < len && r == NHNCLOUD_HEADER_RESULT_OK && !complete; at += 7) {
        size_t size = len - at < 7 ? len - at : 7;
        r = nhncloud_header_stream_feed(&stream, body + at, size, &complete, &error);
    }
    nhncloud_header streamed;
    char streamed_message[64];
    check(complete && nhncloud_header_stream_finish(&stream, &streamed, streamed_message, sizeof streamed_message,
                                                    &error) == NHNCLOUD_HEADER_RESULT_OK,
          "the stream, 7 bytes at a time");
    check(streamed.code_is_text && strcmp(streamed.code_text, header.code_text) == 0 &&
              strcmp(streamed_message, message) == 0,
          "the stream reads what parse reads");

    const char push[] = "{\"header\":{\"isSuccessful\":false,\"resultCode\":50250,\"resultMessage\":\"Internal Error.\"}}";
    check(nhncloud_header_scan(push, strlen(push), &header, message, sizeof message, &error) ==
                  NHNCLOUD_HEADER_RESULT_OK &&
              nhncloud_header_meaning_of(NHNCLOUD_HEADER_SERVICE_PUSH, &header, message, &meaning) ==
                  NHNCLOUD_HEADER_RESULT_OK &&
              meaning.category == NHNCLOUD_HEADER_CATEGORY_SERVER_ERROR &&
              meaning.advice == NHNCLOUD_HEADER_ADVICE_CONTACT_SUPPORT,
          "Push's internal error: report it");

    for (uint32_t s = 0; nhncloud_header_service_name(s) != NULL; s++) {
        check(nhncloud_header_service_from_name(nhncloud_header_service_name(s)) == s, "a service by its name");
    }
    printf("callers: %u passed, %u failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
