/* The C API, from C: every case of cases.h (the rule rows, the corpus, the
 * nesting limit) through parse, scan and the stream (one byte at a time and
 * in random chunks), the message cut at every capacity, bad and refused
 * arguments, and the names. The same file runs on the host (plain and with sanitizers) and
 * on a Cortex-M4 under QEMU (printf and exit through semihosting). Prints
 * "N passed, N failed"; the exit status is 0 only if none failed. */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nhncloud_header.h"

#include "cases.h"

#define CASE_COUNT (sizeof cases / sizeof cases[0])
#define MESSAGE_ROOM 1024
#define CANARY 0xA5

_Static_assert(sizeof(nhncloud_header_stream) == 256, "the stream is 256 bytes");
_Static_assert(sizeof(nhncloud_header_result) == 4, "results are 32-bit");

static unsigned passed;
static unsigned failed;

static void check(bool ok, const char *what, const char *name) {
    if (ok) {
        passed++;
    } else {
        failed++;
        printf("FAILED: %s: %s\n", name, what);
    }
}

/* The length of the longest prefix of `text` (of `len` bytes, valid UTF-8)
 * that ends on a character boundary and is at most `room` bytes. */
static size_t boundary_prefix(const uint8_t *text, size_t len, size_t room) {
    if (room >= len) {
        return len;
    }
    while (room > 0 && (text[room] & 0xC0) == 0x80) {
        room--;
    }
    return room;
}

/* Checks a call's outcome against `want`, with the message as it fits in
 * `cap` bytes (the NUL included) and `also_cut` bytes of the message kept
 * by a stream. `buffer` holds `cap` bytes and canaries after them. */
static void check_outcome(const char *name, const char *what, nhncloud_header_result got,
                          const nhncloud_header *header, const nhncloud_header_error *error,
                          const char *buffer, size_t cap, size_t stream_cap,
                          const struct nh_expect *want) {
    char label[160];
    snprintf(label, sizeof label, "%s: result %s, expected %s", what,
             nhncloud_header_result_name(got), nhncloud_header_result_name(want->result));
    check(got == want->result && error->kind == want->result, label, name);
    if (want->result != NHNCLOUD_HEADER_RESULT_OK) {
        snprintf(label, sizeof label, "%s: field %u at %lu, expected %u at %lu", what,
                 (unsigned)error->field, (unsigned long)error->offset, (unsigned)want->field,
                 (unsigned long)want->offset);
        check(error->field == want->field && error->offset == want->offset, label, name);
        check(!header->is_successful && header->result_code == 0 && !header->has_message &&
                  !header->message_truncated && header->message_len == 0,
              "a failed call clears the header", name);
        check(cap == 0 || buffer[0] == 0, "a failed call leaves an empty message", name);
        return;
    }
    snprintf(label, sizeof label, "%s: a success clears the error", what);
    check(error->field == 0 && error->offset == 0, label, name);
    snprintf(label, sizeof label, "%s: isSuccessful and resultCode", what);
    check(header->is_successful == want->is_successful && header->result_code == want->result_code,
          label, name);
    snprintf(label, sizeof label, "%s: has_message", what);
    check(header->has_message == want->has_message, label, name);
    size_t kept = want->message_len;
    bool cut = false;
    if (want->has_message) {
        kept = boundary_prefix(want->message, want->message_len, stream_cap);
        cut = kept < want->message_len;
        size_t fits = boundary_prefix(want->message, kept, cap == 0 ? 0 : cap - 1);
        cut = cut || fits < kept;
        kept = fits;
    }
    snprintf(label, sizeof label, "%s: message_len %lu, expected %lu (cap %lu)", what,
             (unsigned long)header->message_len, (unsigned long)kept, (unsigned long)cap);
    check(header->message_len == kept, label, name);
    snprintf(label, sizeof label, "%s: message_truncated (cap %lu)", what, (unsigned long)cap);
    check(header->message_truncated == cut, label, name);
    if (cap > 0) {
        snprintf(label, sizeof label, "%s: message text and NUL (cap %lu)", what, (unsigned long)cap);
        check((kept == 0 || memcmp(buffer, want->message, kept) == 0) && buffer[kept] == 0, label,
              name);
    }
    bool intact = true;
    for (size_t i = cap; i < cap + 8; i++) {
        intact = intact && (uint8_t)buffer[i] == CANARY;
    }
    snprintf(label, sizeof label, "%s: nothing written past cap %lu", what, (unsigned long)cap);
    check(intact, label, name);
}

typedef nhncloud_header_result (*extract_fn)(const uint8_t *, size_t, nhncloud_header *, char *,
                                             size_t, nhncloud_header_error *);

/* The body and the message buffer are heap copies of exactly their size
 * (plus the canaries after the buffer), so that valgrind sees any access
 * past them; a buffer is passed even with capacity 0. */
static void run_extract(const struct nh_case *c, extract_fn extract, const char *what,
                        const struct nh_expect *want, size_t cap) {
    nhncloud_header header;
    nhncloud_header_error error;
    uint8_t *body = malloc(c->len ? c->len : 1);
    char *buffer = malloc(cap + 8);
    if (body == NULL || buffer == NULL) {
        check(false, "out of memory", c->name);
        free(body);
        free(buffer);
        return;
    }
    memcpy(body, c->body, c->len);
    memset(&header, 0xFF, sizeof header);
    memset(&error, 0xFF, sizeof error);
    memset(buffer, CANARY, cap + 8);
    nhncloud_header_result got = extract(body, c->len, &header, buffer, cap, &error);
    check_outcome(c->name, what, got, &header, &error, buffer, cap, SIZE_MAX, want);
    free(body);
    free(buffer);
}

static uint32_t random_state = 0x2545F491u;

static uint32_t next_random(void) {
    random_state ^= random_state << 13;
    random_state ^= random_state >> 17;
    random_state ^= random_state << 5;
    return random_state;
}

static char buffer[MESSAGE_ROOM + 8];

/* Feeds the body in chunks of `chunk` bytes (0: random sizes from 1 to 64),
 * stopping at `complete`, finishes into `cap` bytes, and checks the result:
 * in scan mode a header that closes reports `complete`, in parse mode
 * nothing does. */
static void run_stream(const struct nh_case *c, uint32_t mode, size_t chunk, const char *what,
                       const struct nh_expect *want, size_t cap) {
    nhncloud_header_stream stream;
    nhncloud_header header;
    nhncloud_header_error error;
    nhncloud_header_result got = nhncloud_header_stream_init(&stream, mode);
    check(got == NHNCLOUD_HEADER_RESULT_OK, "stream_init", c->name);
    size_t at = 0;
    bool complete = false;
    while (at < c->len && got == NHNCLOUD_HEADER_RESULT_OK && !complete) {
        size_t size = chunk ? chunk : 1 + next_random() % 64;
        if (size > c->len - at) {
            size = c->len - at;
        }
        got = nhncloud_header_stream_feed(&stream, c->body + at, size, &complete, &error);
        at += size;
    }
    bool closed = mode == NHNCLOUD_HEADER_MODE_SCAN && want->result == NHNCLOUD_HEADER_RESULT_OK;
    char label[160];
    snprintf(label, sizeof label, "%s: complete is %s", what, closed ? "reported" : "never reported");
    check(complete == closed, label, c->name);
    if (got != NHNCLOUD_HEADER_RESULT_OK) {
        /* A failed stream keeps its error, and finish reports it too. */
        nhncloud_header_error again;
        bool more = true;
        check(nhncloud_header_stream_feed(&stream, (const uint8_t *)"}", 1, &more, &again) == got &&
                  again.kind == error.kind && again.field == error.field && again.offset == error.offset &&
                  !more,
              "a failed stream repeats its error", c->name);
    }
    memset(buffer, CANARY, sizeof buffer);
    memset(&header, 0xFF, sizeof header);
    got = nhncloud_header_stream_finish(&stream, &header, buffer, cap, &error);
    check_outcome(c->name, what, got, &header, &error, buffer, cap, NHNCLOUD_HEADER_STREAM_MESSAGE_CAP, want);
    check(nhncloud_header_stream_feed(&stream, NULL, 0, NULL, NULL) == NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT,
          "a finished stream refuses feed", c->name);
}

static void run_case(const struct nh_case *c) {
    run_extract(c, nhncloud_header_parse, "parse", &c->parse, MESSAGE_ROOM);
    run_extract(c, nhncloud_header_scan, "scan", &c->scan, MESSAGE_ROOM);
    run_stream(c, NHNCLOUD_HEADER_MODE_PARSE, 1, "stream parse, 1 byte", &c->parse, MESSAGE_ROOM);
    run_stream(c, NHNCLOUD_HEADER_MODE_SCAN, 1, "stream scan, 1 byte", &c->scan, MESSAGE_ROOM);
    for (int round = 0; round < 3; round++) {
        run_stream(c, NHNCLOUD_HEADER_MODE_PARSE, 0, "stream parse, random chunks", &c->parse, MESSAGE_ROOM);
        run_stream(c, NHNCLOUD_HEADER_MODE_SCAN, 0, "stream scan, random chunks", &c->scan, MESSAGE_ROOM);
    }
    run_stream(c, NHNCLOUD_HEADER_MODE_PARSE, c->len ? c->len : 1, "stream parse, one chunk", &c->parse,
               MESSAGE_ROOM);
    /* Every capacity from 0 to one past the message and its NUL. */
    if (c->parse.result == NHNCLOUD_HEADER_RESULT_OK && c->parse.has_message) {
        for (size_t cap = 0; cap <= c->parse.message_len + 2 && cap <= MESSAGE_ROOM; cap++) {
            run_extract(c, nhncloud_header_parse, "parse, small buffer", &c->parse, cap);
            run_extract(c, nhncloud_header_scan, "scan, small buffer", &c->scan, cap);
            run_stream(c, NHNCLOUD_HEADER_MODE_SCAN, 0, "stream scan, small buffer", &c->scan, cap);
        }
    }
}

static const uint8_t GOOD[] =
    "{\"header\":{\"isSuccessful\":false,\"resultCode\":22404,\"resultMessage\":\"Not Found\"}}";
#define GOOD_LEN (sizeof GOOD - 1)

static void bad_arguments(void) {
    const char *name = "bad arguments";
    nhncloud_header header;
    nhncloud_header_error error;
    char message[16];
    memset(&error, 0, sizeof error);
    check(nhncloud_header_parse(NULL, 5, &header, message, sizeof message, &error) ==
                  NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT &&
              error.kind == NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT && error.offset == 0,
          "NULL body with a length", name);
    check(nhncloud_header_scan(NULL, 0, &header, message, sizeof message, &error) ==
                  NHNCLOUD_HEADER_RESULT_EMPTY && error.offset == 0,
          "NULL body of length 0 is empty", name);
    check(nhncloud_header_parse(GOOD, GOOD_LEN, NULL, message, sizeof message, &error) ==
              NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT,
          "NULL out", name);
    check(nhncloud_header_parse(GOOD, GOOD_LEN, &header, NULL, 4, &error) ==
              NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT,
          "NULL message with a capacity", name);
    check(nhncloud_header_parse(GOOD, GOOD_LEN, &header, NULL, 0, NULL) == NHNCLOUD_HEADER_RESULT_OK &&
              header.result_code == 22404 && header.has_message && header.message_truncated &&
              header.message_len == 0,
          "NULL message of capacity 0, NULL error", name);
    check(nhncloud_header_parse(GOOD, SIZE_MAX, &header, message, sizeof message, &error) ==
              NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT,
          "a length no object can have", name);

    nhncloud_header_stream stream;
    static nhncloud_header_stream zeroed;
    bool complete = true;
    check(nhncloud_header_stream_init(NULL, NHNCLOUD_HEADER_MODE_SCAN) ==
              NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT,
          "init NULL", name);
    check(nhncloud_header_stream_feed(&zeroed, GOOD, GOOD_LEN, &complete, &error) ==
                  NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT && !complete,
          "a zero-filled stream is refused", name);
    check(nhncloud_header_stream_finish(&zeroed, &header, message, sizeof message, &error) ==
              NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT,
          "finish of a zero-filled stream is refused", name);
    check(nhncloud_header_stream_init(&stream, 2) == NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT,
          "an unknown mode", name);
    check(nhncloud_header_stream_feed(&stream, GOOD, 1, NULL, NULL) == NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT,
          "a stream after an unknown mode is refused", name);
    check(nhncloud_header_stream_feed(NULL, GOOD, 1, NULL, &error) == NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT,
          "feed NULL", name);
    check(nhncloud_header_stream_init(&stream, NHNCLOUD_HEADER_MODE_SCAN) == NHNCLOUD_HEADER_RESULT_OK,
          "init", name);
    check(nhncloud_header_stream_feed(&stream, NULL, 3, NULL, &error) == NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT,
          "NULL chunk with a length", name);
    check(nhncloud_header_stream_feed(&stream, NULL, 0, &complete, &error) == NHNCLOUD_HEADER_RESULT_OK &&
              !complete,
          "NULL chunk of length 0", name);
    check(nhncloud_header_stream_feed(&stream, GOOD, GOOD_LEN, &complete, NULL) == NHNCLOUD_HEADER_RESULT_OK &&
              complete,
          "complete in scan mode", name);
    check(nhncloud_header_stream_finish(&stream, NULL, message, sizeof message, &error) ==
              NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT,
          "finish with NULL out", name);
    check(nhncloud_header_stream_finish(&stream, &header, NULL, 1, &error) ==
              NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT,
          "finish with a NULL message and a capacity", name);
    check(nhncloud_header_stream_finish(&stream, &header, message, sizeof message, &error) ==
                  NHNCLOUD_HEADER_RESULT_OK &&
              header.result_code == 22404 && strcmp(message, "Not Found") == 0,
          "finish after refused finishes", name);
    check(nhncloud_header_stream_finish(&stream, &header, message, sizeof message, &error) ==
              NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT,
          "a second finish is refused", name);
    check(nhncloud_header_stream_init(&stream, NHNCLOUD_HEADER_MODE_PARSE) == NHNCLOUD_HEADER_RESULT_OK &&
              nhncloud_header_stream_feed(&stream, GOOD, 20, &complete, &error) == NHNCLOUD_HEADER_RESULT_OK &&
              nhncloud_header_stream_finish(&stream, &header, message, sizeof message, &error) ==
                  NHNCLOUD_HEADER_RESULT_UNEXPECTED_END &&
              error.offset == 20,
          "init again after finish; parse mode finds the end", name);
}

/* Arguments the header's documentation refuses without undefined
 * behaviour: overlapping, misaligned, or impossibly large. */
static void refused_arguments(void) {
    const char *name = "refused arguments";
    static union {
        uint64_t align;
        uint8_t bytes[512];
    } storage;
    nhncloud_header header;
    nhncloud_header_error error;
    char message[32];
    uint8_t in_place[sizeof GOOD];
    memcpy(in_place, GOOD, sizeof GOOD);
    check(nhncloud_header_parse(in_place, GOOD_LEN, &header, (char *)in_place, GOOD_LEN, &error) ==
                  NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT &&
              memcmp(in_place, GOOD, sizeof GOOD) == 0,
          "a message buffer over the body, nothing written", name);
    check(nhncloud_header_scan(GOOD, GOOD_LEN, &header, (char *)&header, sizeof header, &error) ==
              NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT,
          "a message buffer over the header", name);
    check(nhncloud_header_scan(GOOD, GOOD_LEN, &header, message, sizeof message,
                               (nhncloud_header_error *)(void *)message) == NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT,
          "an error over the message buffer", name);
    check(nhncloud_header_parse(GOOD, GOOD_LEN, &header, message, SIZE_MAX, &error) ==
              NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT,
          "a capacity no buffer can have", name);

    nhncloud_header_stream *stream = (nhncloud_header_stream *)(void *)storage.bytes;
    nhncloud_header_stream *misaligned = (nhncloud_header_stream *)(void *)(storage.bytes + 1);
    check(nhncloud_header_stream_init(misaligned, NHNCLOUD_HEADER_MODE_SCAN) == NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT,
          "a misaligned stream", name);
    check(nhncloud_header_stream_init(stream, NHNCLOUD_HEADER_MODE_SCAN) == NHNCLOUD_HEADER_RESULT_OK, "init", name);
    check(nhncloud_header_stream_feed(stream, storage.bytes + 8, 16, NULL, &error) ==
              NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT,
          "a chunk inside the stream", name);
    check(nhncloud_header_stream_feed(stream, GOOD, 10, NULL, &error) == NHNCLOUD_HEADER_RESULT_OK,
          "half a body", name);
    check(nhncloud_header_stream_init(stream, NHNCLOUD_HEADER_MODE_PARSE) == NHNCLOUD_HEADER_RESULT_OK &&
              nhncloud_header_stream_feed(stream, GOOD, GOOD_LEN, NULL, &error) == NHNCLOUD_HEADER_RESULT_OK,
          "init in the middle of a body starts again", name);
    check(nhncloud_header_stream_finish(stream, &header, (char *)storage.bytes + 64, 8, &error) ==
              NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT,
          "a message buffer inside the stream", name);
    check(nhncloud_header_stream_finish(stream, &header, message, sizeof message, &error) ==
                  NHNCLOUD_HEADER_RESULT_OK &&
              header.result_code == 22404 && strcmp(message, "Not Found") == 0,
          "finish after the refusals", name);
}

static bool same(const char *got, const char *want) {
    return got != NULL && want != NULL && strcmp(got, want) == 0;
}

static void names(void) {
    const char *name = "names";
    static const char *const results[] = {
        "ok", "empty", "not_an_object", "unexpected_byte", "unexpected_end", "invalid_number",
        "invalid_escape", "lone_surrogate", "control_character", "invalid_utf8", "depth_limit",
        "trailing_characters", "missing_header", "missing_field", "duplicate_key", "wrong_type",
        "invalid_result_code"};
    for (uint32_t r = 0; r <= 16; r++) {
        check(same(nhncloud_header_result_name(r), results[r]), results[r], name);
    }
    check(same(nhncloud_header_result_name(NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT), "null_argument"),
          "null_argument", name);
    check(nhncloud_header_result_name(17) == NULL && nhncloud_header_result_name(254) == NULL,
          "no name for other results", name);
    check(same(nhncloud_header_field_name(NHNCLOUD_HEADER_FIELD_RESULT_CODE), "resultCode") &&
              same(nhncloud_header_field_name(NHNCLOUD_HEADER_FIELD_NONE), "") &&
              nhncloud_header_field_name(4) == NULL,
          "field names", name);

    static const struct {
        int32_t code;
        uint32_t class_;
        const char *class_name;
        uint16_t http;
        const char *api;
        uint32_t remedy;
        const char *remedy_name;
    } codes[] = {
        {0, NHNCLOUD_HEADER_CLASS_SUCCESS, "success", 0, NULL, NHNCLOUD_HEADER_REMEDY_NONE, "none"},
        {-1, NHNCLOUD_HEADER_CLASS_FAIL, "fail", 0, NULL, NHNCLOUD_HEADER_REMEDY_RETRY_AFTER_FIX,
         "retry_after_fix"},
        {-2, NHNCLOUD_HEADER_CLASS_UNKNOWN_EXCEPTION, "unknown_exception", 0, NULL,
         NHNCLOUD_HEADER_REMEDY_CONTACT_SUPPORT, "contact_support"},
        {-3, NHNCLOUD_HEADER_CLASS_PERMISSION_DENIED, "permission_denied", 0, NULL,
         NHNCLOUD_HEADER_REMEDY_SEE_DETAIL, "see_detail"},
        {-4, NHNCLOUD_HEADER_CLASS_INVALID_PARAMETERS, "invalid_parameters", 0, NULL,
         NHNCLOUD_HEADER_REMEDY_RETRY_AFTER_FIX, "retry_after_fix"},
        {-8, NHNCLOUD_HEADER_CLASS_JSON_PARSING_ERROR, "json_parsing_error", 0, NULL,
         NHNCLOUD_HEADER_REMEDY_CHECK_REQUEST_BODY, "check_request_body"},
        {20001, NHNCLOUD_HEADER_CLASS_NO_AVAILABLE_IP, "no_available_ip", 0, NULL,
         NHNCLOUD_HEADER_REMEDY_CONTACT_SUPPORT, "contact_support"},
        {20004, NHNCLOUD_HEADER_CLASS_NO_ACCESSIBLE_NETWORK, "no_accessible_network", 0, NULL,
         NHNCLOUD_HEADER_REMEDY_CHECK_NETWORK_ID, "check_network_id"},
        {10404, NHNCLOUD_HEADER_CLASS_API_ERROR, "api_error", 404, "instance",
         NHNCLOUD_HEADER_REMEDY_RETRY_AFTER_FIX, "retry_after_fix"},
        {22404, NHNCLOUD_HEADER_CLASS_API_ERROR, "api_error", 404, "floating_ip",
         NHNCLOUD_HEADER_REMEDY_RETRY_AFTER_FIX, "retry_after_fix"},
        {40409, NHNCLOUD_HEADER_CLASS_API_ERROR, "api_error", 409, "volume",
         NHNCLOUD_HEADER_REMEDY_RETRY_AFTER_FIX, "retry_after_fix"},
        {50499, NHNCLOUD_HEADER_CLASS_API_ERROR, "api_error", 499, "token",
         NHNCLOUD_HEADER_REMEDY_RETRY_AFTER_FIX, "retry_after_fix"},
        {10500, NHNCLOUD_HEADER_CLASS_UNKNOWN, "unknown", 0, NULL, NHNCLOUD_HEADER_REMEDY_UNKNOWN,
         "unknown"},
        {20002, NHNCLOUD_HEADER_CLASS_UNKNOWN, "unknown", 0, NULL, NHNCLOUD_HEADER_REMEDY_UNKNOWN,
         "unknown"},
        {INT32_MIN, NHNCLOUD_HEADER_CLASS_UNKNOWN, "unknown", 0, NULL, NHNCLOUD_HEADER_REMEDY_UNKNOWN,
         "unknown"},
    };
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        char label[64];
        snprintf(label, sizeof label, "resultCode %ld", (long)codes[i].code);
        uint32_t class_ = nhncloud_header_classify(codes[i].code);
        check(class_ == codes[i].class_ && same(nhncloud_header_class_name(class_), codes[i].class_name),
              label, name);
        check(nhncloud_header_http_status(codes[i].code) == codes[i].http, label, name);
        const char *api = nhncloud_header_api_name(codes[i].code);
        check(codes[i].api ? same(api, codes[i].api) : api == NULL, label, name);
        check((nhncloud_header_api(codes[i].code) == NHNCLOUD_HEADER_API_NONE) == (codes[i].api == NULL),
              label, name);
        uint32_t remedy = nhncloud_header_remedy(codes[i].code);
        check(remedy == codes[i].remedy && same(nhncloud_header_remedy_name(remedy), codes[i].remedy_name) &&
                  nhncloud_header_remedy_description(remedy) != NULL,
              label, name);
    }
    check(nhncloud_header_api(22404) == NHNCLOUD_HEADER_API_FLOATING_IP, "API value", name);
    check(nhncloud_header_class_name(13) == NULL && nhncloud_header_remedy_name(7) == NULL &&
              nhncloud_header_remedy_description(7) == NULL,
          "no name for other values", name);
    check(same(nhncloud_header_version(), "0.1.0"), "version", name);
}

int main(void) {
    bool reached[17] = {false};
    for (size_t i = 0; i < CASE_COUNT; i++) {
        run_case(&cases[i]);
        if (cases[i].parse.result <= 16 && cases[i].scan.result <= 16) {
            reached[cases[i].parse.result] = true;
            reached[cases[i].scan.result] = true;
        } else {
            check(false, "an expected result out of range", cases[i].name);
        }
    }
    for (uint32_t kind = 0; kind <= 16; kind++) {
        check(reached[kind], nhncloud_header_result_name(kind), "a case for every result");
    }
    bad_arguments();
    refused_arguments();
    names();
    printf("%lu cases: %u passed, %u failed\n", (unsigned long)CASE_COUNT, passed, failed);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
