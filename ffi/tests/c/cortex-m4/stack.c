/* Peak stack of each C API call on the Cortex-M4, under QEMU: the stack
 * below the caller is painted, the call runs on every case of cases.h, and
 * the deepest byte that changed is the peak. Prints one line per entry
 * point and fails if one exceeds its budget. */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nhncloud_header.h"

#include "../cases.h"

#define PAINTED 4096
#define PAINT 0xCD

static nhncloud_header_stream stream;
static nhncloud_header header;
static nhncloud_header_error error;
static char message[256];
static const struct nh_case *current;

/* The stack pointer, from inside `measure`. */
static uintptr_t stack_pointer(void) {
    uintptr_t sp;
    __asm volatile("mov %0, sp" : "=r"(sp));
    return sp;
}

/* Peak bytes of stack that `call` uses below `measure`'s own frame, its
 * call of `call` included. Never inlined, so that its frame is fixed. */
static __attribute__((noinline)) size_t measure(void (*call)(void)) {
    uint8_t *top = (uint8_t *)(stack_pointer() - 16);
    uint8_t *bottom = top - PAINTED;
    for (volatile uint8_t *p = bottom; p < top; p++) {
        *p = PAINT;
    }
    call();
    uint8_t *p = bottom;
    while (p < top && *p == PAINT) {
        p++;
    }
    return (size_t)(top - p);
}

static void call_parse(void) {
    nhncloud_header_parse((const char *)current->body, current->len, &header, message, sizeof message, &error);
}

static void call_scan(void) {
    nhncloud_header_scan((const char *)current->body, current->len, &header, message, sizeof message, &error);
}

static void call_stream(void) {
    bool complete = false;
    nhncloud_header_stream_init(&stream, NHNCLOUD_HEADER_MODE_PARSE);
    for (size_t at = 0; at < current->len && !complete; at += 64) {
        size_t size = current->len - at < 64 ? current->len - at : 64;
        nhncloud_header_stream_feed(&stream, (const char *)current->body + at, size, &complete, &error);
    }
    nhncloud_header_stream_finish(&stream, &header, message, sizeof message, &error);
}

static void call_classify(void) {
    nhncloud_header_classify(current->parse.result_code);
    nhncloud_header_http_status(10404);
}

int main(void) {
    static const struct {
        const char *name;
        void (*call)(void);
        size_t budget;
    } entries[] = {
        /* About 5% above the figures measured when they were set (336,
           336, 224, 24 bytes, the calling function's frame included). */
        {"nhncloud_header_parse", call_parse, 352},
        {"nhncloud_header_scan", call_scan, 352},
        {"stream init + feed + finish", call_stream, 235},
        {"nhncloud_header_classify + http_status", call_classify, 25},
    };
    int failed = 0;
    for (size_t e = 0; e < sizeof entries / sizeof entries[0]; e++) {
        size_t peak = 0;
        for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
            current = &cases[i];
            size_t used = measure(entries[e].call);
            peak = used > peak ? used : peak;
        }
        bool over = peak > entries[e].budget || peak == 0 || peak >= PAINTED;
        printf("stack %s: %lu bytes (budget %lu)%s\n", entries[e].name, (unsigned long)peak,
               (unsigned long)entries[e].budget, over ? " FAILED" : "");
        failed |= over;
    }
    return failed;
}
