/* What the C API costs a Cortex-M4 firmware: built three times (PROGRAM 0
 * does everything but call the library, 1 calls scan and classify, 2 feeds
 * a static stream 64 bytes at a time and classifies), linked with
 * --gc-sections at -Os, and compared by .ci/run. Never run. */

#include <stddef.h>
#include <stdint.h>

#include "nhncloud_header.h"

static const char BODY[] =
    "{\"header\":{\"isSuccessful\":false,\"resultCode\":10404,"
    "\"resultMessage\":\"Not Found : instance\"},\"instances\":[]}";

/* The body, as if just read from a socket. */
static const char *volatile body = BODY;
/* The outcome, as if written to a register. */
static volatile uint32_t outcome;

#if PROGRAM == 2
static nhncloud_header_stream stream;
#endif

static void reset_handler(void) {
    size_t len = sizeof BODY - 1;
    const char *data = body;
#if PROGRAM == 0
    outcome = (uint32_t)len ^ (uint8_t)data[0];
#elif PROGRAM == 1
    nhncloud_header header;
    char message[32];
    outcome = nhncloud_header_scan(data, len, &header, message, sizeof message, NULL) == NHNCLOUD_HEADER_RESULT_OK
                  ? nhncloud_header_classify(header.result_code)
                  : 0x100;
#else
    nhncloud_header header;
    char message[32];
    bool complete = false;
    nhncloud_header_result result = nhncloud_header_stream_init(&stream, NHNCLOUD_HEADER_MODE_SCAN);
    for (size_t at = 0; at < len && result == NHNCLOUD_HEADER_RESULT_OK && !complete; at += 64) {
        size_t size = len - at < 64 ? len - at : 64;
        result = nhncloud_header_stream_feed(&stream, data + at, size, &complete, NULL);
    }
    result = nhncloud_header_stream_finish(&stream, &header, message, sizeof message, NULL);
    outcome = result == NHNCLOUD_HEADER_RESULT_OK ? nhncloud_header_classify(header.result_code) : 0x100 | result;
#endif
    for (;;) {
    }
}

/* After the initial stack pointer, which the linker script writes. */
__attribute__((section(".vectors"), used)) static void (*const vectors[1])(void) = {reset_handler};
