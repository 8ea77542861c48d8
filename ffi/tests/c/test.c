/* The C API, from C: every case of cases.h (the rule rows, the corpus, the
 * nesting limit, string codes) through parse, scan and the stream (one byte
 * at a time and in random chunks), the message cut at every capacity, bad
 * and refused arguments, what codes mean in every service, and the names. The same file runs on the host (plain and with sanitizers) and
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
                  !header->message_truncated && header->message_len == 0 && !header->code_is_text &&
                  header->code_len == 0 && header->code_text[0] == 0,
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
    snprintf(label, sizeof label, "%s: a string code whole, NUL-terminated", what);
    check(header->code_is_text == want->code_is_text && header->code_len == want->code_len &&
              (want->code_len == 0 || memcmp(header->code_text, want->code, want->code_len) == 0) &&
              header->code_text[header->code_len] == 0,
          label, name);
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

typedef nhncloud_header_result (*extract_fn)(const char *, size_t, nhncloud_header *, char *,
                                             size_t, nhncloud_header_error *);

/* The body and the message buffer are heap copies of exactly their size
 * (plus the canaries after the buffer), so that valgrind sees any access
 * past them; a buffer is passed even with capacity 0. */
static void run_extract(const struct nh_case *c, extract_fn extract, const char *what,
                        const struct nh_expect *want, size_t cap) {
    nhncloud_header header;
    nhncloud_header_error error;
    char *body = malloc(c->len ? c->len : 1);
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
        got = nhncloud_header_stream_feed(&stream, (const char *)c->body + at, size, &complete, &error);
        at += size;
    }
    /* A code too long for the C header is found at finish, after the
     * stream read the header whole. */
    bool closed = mode == NHNCLOUD_HEADER_MODE_SCAN && (want->result == NHNCLOUD_HEADER_RESULT_OK ||
                                                        want->result == NHNCLOUD_HEADER_RESULT_CODE_TOO_LONG);
    char label[160];
    snprintf(label, sizeof label, "%s: complete is %s", what, closed ? "reported" : "never reported");
    check(complete == closed, label, c->name);
    if (got != NHNCLOUD_HEADER_RESULT_OK) {
        /* A failed stream keeps its error, and finish reports it too. */
        nhncloud_header_error again;
        bool more = true;
        check(nhncloud_header_stream_feed(&stream, "}", 1, &more, &again) == got &&
                  again.kind == error.kind && again.field == error.field && again.offset == error.offset &&
                  !more,
              "a failed stream repeats its error", c->name);
    }
    memset(buffer, CANARY, sizeof buffer);
    memset(&header, 0xFF, sizeof header);
    got = nhncloud_header_stream_finish(&stream, &header, buffer, cap, &error);
    /* A string code takes its bytes of the stream's room first. */
    check_outcome(c->name, what, got, &header, &error, buffer, cap,
                  NHNCLOUD_HEADER_STREAM_MESSAGE_CAP - want->code_len, want);
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

static const char GOOD[] =
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
    char in_place[sizeof GOOD];
    memcpy(in_place, GOOD, sizeof GOOD);
    check(nhncloud_header_parse(in_place, GOOD_LEN, &header, in_place, GOOD_LEN, &error) ==
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
    check(nhncloud_header_stream_feed(stream, (const char *)storage.bytes + 8, 16, NULL, &error) ==
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
        "invalid_result_code", "code_too_long"};
    for (uint32_t r = 0; r <= 17; r++) {
        check(same(nhncloud_header_result_name(r), results[r]), results[r], name);
    }
    check(same(nhncloud_header_result_name(NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT), "null_argument"),
          "null_argument", name);
    check(nhncloud_header_result_name(18) == NULL && nhncloud_header_result_name(254) == NULL,
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

/* A header as the library fills it in, from a body. */
static nhncloud_header read_header(const char *body, char *message, size_t cap) {
    nhncloud_header header;
    nhncloud_header_error error;
    if (nhncloud_header_parse(body, strlen(body), &header, message, cap, &error) != NHNCLOUD_HEADER_RESULT_OK) {
        check(false, body, "a body of the meaning tests");
    }
    return header;
}

/* What codes mean, in every service, through the one call: category,
 * advice, retryability, consistency and the table's texts. */
static void meanings(void) {
    const char *name = "meanings";
    static const char *const services[] = {
        "compute", "push", "sms", "email", "kakaotalk-bizmessage", "notification-hub", "cdn", "api-gateway",
        "role", "leaderboard", "document-recognizer", "gamebase", "face-recognition", "certificate-manager",
        "deploy"};
    for (uint32_t s = 0; s < sizeof services / sizeof services[0]; s++) {
        check(nhncloud_header_service_from_name(services[s]) == s && same(nhncloud_header_service_name(s), services[s]),
              services[s], name);
    }
    check(nhncloud_header_service_from_name("Push") == NHNCLOUD_HEADER_SERVICE_NONE &&
              nhncloud_header_service_from_name("") == NHNCLOUD_HEADER_SERVICE_NONE &&
              nhncloud_header_service_from_name(NULL) == NHNCLOUD_HEADER_SERVICE_NONE &&
              nhncloud_header_service_name(15) == NULL,
          "no other service", name);
    check(same(nhncloud_header_category_name(NHNCLOUD_HEADER_CATEGORY_LIMIT_EXCEEDED), "limit_exceeded") &&
              nhncloud_header_category_name(11) == NULL,
          "category names", name);
    check(same(nhncloud_header_advice_name(NHNCLOUD_HEADER_ADVICE_RETRY_LATER), "retry_later") &&
              nhncloud_header_advice_description(NHNCLOUD_HEADER_ADVICE_CONTACT_SUPPORT) != NULL &&
              nhncloud_header_advice_name(11) == NULL && nhncloud_header_advice_description(11) == NULL,
          "advice names", name);
    for (uint32_t a = 0; a <= 11; a++) {
        bool retryable = a == NHNCLOUD_HEADER_ADVICE_RETRY_LATER || a == NHNCLOUD_HEADER_ADVICE_RETRY;
        check(nhncloud_header_advice_retryable(a) == retryable, "advice retryable", name);
    }

    static const struct {
        const char *body;
        uint32_t service;
        bool known, retryable, consistent;
        uint32_t category, advice;
        const char *message, *description;
    } rows[] = {
        /* -2: a server error the seed says to report: not retried. */
        {"{\"header\":{\"isSuccessful\":false,\"resultCode\":-2,\"resultMessage\":\"UNKNOWN EXCEPTION\"}}",
         NHNCLOUD_HEADER_SERVICE_COMPUTE, true, false, true, NHNCLOUD_HEADER_CATEGORY_SERVER_ERROR,
         NHNCLOUD_HEADER_ADVICE_CONTACT_SUPPORT, "UNKNOWN EXCEPTION",
         "An unexpected error occurred. Contact the operator (support)."},
        /* Push's 40402, not Compute's volume API. */
        {"{\"header\":{\"isSuccessful\":false,\"resultCode\":40402,\"resultMessage\":\"x\"}}",
         NHNCLOUD_HEADER_SERVICE_PUSH, true, false, true, NHNCLOUD_HEADER_CATEGORY_NOT_FOUND,
         NHNCLOUD_HEADER_ADVICE_FIX_REQUEST, "Client Error. Not found certificate.", NULL},
        {"{\"header\":{\"isSuccessful\":false,\"resultCode\":40402,\"resultMessage\":\"x\"}}",
         NHNCLOUD_HEADER_SERVICE_COMPUTE, true, false, true, NHNCLOUD_HEADER_CATEGORY_INVALID_REQUEST,
         NHNCLOUD_HEADER_ADVICE_FIX_REQUEST, "Volume API error message", "Same rule."},
        /* CDN says to try again later. */
        {"{\"header\":{\"isSuccessful\":false,\"resultCode\":30001,\"resultMessage\":null}}",
         NHNCLOUD_HEADER_SERVICE_CDN, true, true, true, NHNCLOUD_HEADER_CATEGORY_LIMIT_EXCEEDED,
         NHNCLOUD_HEADER_ADVICE_RETRY_LATER, "Purge usage has exceeded. Please try again later.",
         "Purge volume has been exceeded."},
        /* One code, 68 messages: the header's picks the row. */
        {"{\"header\":{\"isSuccessful\":false,\"resultCode\":400001,\"resultMessage\":\"Invalid phone number "
         "pattern.\"}}",
         NHNCLOUD_HEADER_SERVICE_NOTIFICATION_HUB, true, false, true, NHNCLOUD_HEADER_CATEGORY_INVALID_REQUEST,
         NHNCLOUD_HEADER_ADVICE_FIX_REQUEST, "Invalid phone number pattern.", NULL},
        {"{\"header\":{\"isSuccessful\":false,\"resultCode\":400001,\"resultMessage\":\"another\"}}",
         NHNCLOUD_HEADER_SERVICE_NOTIFICATION_HUB, true, false, true, NHNCLOUD_HEADER_CATEGORY_INVALID_REQUEST,
         NHNCLOUD_HEADER_ADVICE_FIX_REQUEST, NULL, NULL},
        /* Deploy's string codes, escaped or not; an integer there, a string
         * elsewhere: unknown. */
        {"{\"header\":{\"isSuccessful\":false,\"resultCode\":\"NOT\\u005fFOUND_OS\",\"resultMessage\":\"x\"}}",
         NHNCLOUD_HEADER_SERVICE_DEPLOY, true, false, true, NHNCLOUD_HEADER_CATEGORY_NOT_FOUND,
         NHNCLOUD_HEADER_ADVICE_FIX_REQUEST, "The OS could not be found", NULL},
        {"{\"header\":{\"isSuccessful\":true,\"serverTime\":1,\"resultCode\":\"SUCCESS\",\"resultMessage\":"
         "\"success\"}}",
         NHNCLOUD_HEADER_SERVICE_DEPLOY, true, false, true, NHNCLOUD_HEADER_CATEGORY_SUCCESS,
         NHNCLOUD_HEADER_ADVICE_NONE, "success", NULL},
        {"{\"header\":{\"isSuccessful\":true,\"resultCode\":0,\"resultMessage\":null}}",
         NHNCLOUD_HEADER_SERVICE_DEPLOY, false, false, false, NHNCLOUD_HEADER_CATEGORY_UNSPECIFIED,
         NHNCLOUD_HEADER_ADVICE_READ_MESSAGE, NULL, NULL},
        {"{\"header\":{\"isSuccessful\":false,\"resultCode\":\"SUCCESS\",\"resultMessage\":null}}",
         NHNCLOUD_HEADER_SERVICE_COMPUTE, false, false, true, NHNCLOUD_HEADER_CATEGORY_UNSPECIFIED,
         NHNCLOUD_HEADER_ADVICE_READ_MESSAGE, NULL, NULL},
        /* isSuccessful against the table. */
        {"{\"header\":{\"isSuccessful\":true,\"resultCode\":1000,\"resultMessage\":null}}",
         NHNCLOUD_HEADER_SERVICE_EMAIL, true, false, true, NHNCLOUD_HEADER_CATEGORY_PARTIAL_SUCCESS,
         NHNCLOUD_HEADER_ADVICE_CHECK_RESULT, "Some of your requests are successful.", NULL},
        {"{\"header\":{\"isSuccessful\":true,\"resultCode\":10404,\"resultMessage\":null}}",
         NHNCLOUD_HEADER_SERVICE_COMPUTE, true, false, false, NHNCLOUD_HEADER_CATEGORY_NOT_FOUND,
         NHNCLOUD_HEADER_ADVICE_FIX_REQUEST, "Instance API error message",
         "The last three digits of resultCode are the HTTP status code. Retry is possible after acting on "
         "resultMessage."},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char message[128];
        nhncloud_header header = read_header(rows[i].body, message, sizeof message);
        nhncloud_header_meaning meaning;
        memset(&meaning, 0xFF, sizeof meaning);
        char label[96];
        snprintf(label, sizeof label, "row %lu in %s", (unsigned long)i, nhncloud_header_service_name(rows[i].service));
        check(nhncloud_header_meaning_of(rows[i].service, &header, message, &meaning) == NHNCLOUD_HEADER_RESULT_OK,
              label, name);
        check(meaning.known == rows[i].known && meaning.retryable == rows[i].retryable &&
                  meaning.consistent == rows[i].consistent && meaning.category == rows[i].category &&
                  meaning.advice == rows[i].advice,
              label, name);
        check(rows[i].message ? same(meaning.message, rows[i].message) : meaning.message == NULL, label, name);
        check(rows[i].description ? same(meaning.description, rows[i].description) : meaning.description == NULL,
              label, name);
    }
    char message[64];
    nhncloud_header header = read_header(rows[0].body, message, sizeof message);
    nhncloud_header_meaning meaning;
    check(nhncloud_header_meaning_of(15, &header, message, &meaning) == NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT &&
              nhncloud_header_meaning_of(NHNCLOUD_HEADER_SERVICE_COMPUTE, NULL, message, &meaning) ==
                  NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT &&
              nhncloud_header_meaning_of(NHNCLOUD_HEADER_SERVICE_COMPUTE, &header, message, NULL) ==
                  NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT &&
              nhncloud_header_meaning_of(NHNCLOUD_HEADER_SERVICE_COMPUTE, &header, NULL, &meaning) ==
                  NHNCLOUD_HEADER_RESULT_OK &&
              nhncloud_header_meaning_of(NHNCLOUD_HEADER_SERVICE_COMPUTE, &header, message,
                                         (nhncloud_header_meaning *)(void *)message) ==
                  NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT,
          "refused arguments, and no message", name);
    header.code_len = NHNCLOUD_HEADER_CODE_CAP;
    check(nhncloud_header_meaning_of(NHNCLOUD_HEADER_SERVICE_DEPLOY, &header, message, &meaning) ==
              NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT,
          "a code length no header has", name);
}

int main(void) {
    bool reached[18] = {false};
    for (size_t i = 0; i < CASE_COUNT; i++) {
        run_case(&cases[i]);
        if (cases[i].parse.result <= 17 && cases[i].scan.result <= 17) {
            reached[cases[i].parse.result] = true;
            reached[cases[i].scan.result] = true;
        } else {
            check(false, "an expected result out of range", cases[i].name);
        }
    }
    for (uint32_t kind = 0; kind <= 17; kind++) {
        check(reached[kind], nhncloud_header_result_name(kind), "a case for every result");
    }
    bad_arguments();
    refused_arguments();
    names();
    meanings();
    printf("%lu cases: %u passed, %u failed\n", (unsigned long)CASE_COUNT, passed, failed);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
