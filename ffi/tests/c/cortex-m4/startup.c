/* Reset for the MPS2-AN386 under QEMU: turn the FPU on (the library is
 * built for the hard-float ABI), clear .bss, open newlib's semihosting
 * streams, run main, and exit through semihosting with its status. A fault
 * exits with status 3. */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

extern uint32_t __bss_start__[], __bss_end__[];
extern void initialise_monitor_handles(void);
extern int main(void);

void reset_handler(void) {
    volatile uint32_t *const cpacr = (volatile uint32_t *)0xE000ED88;
    *cpacr |= 0xFu << 20; /* CP10 and CP11: full access */
    __asm volatile("dsb\n isb" ::: "memory");
    for (uint32_t *word = __bss_start__; word < __bss_end__; word++) {
        *word = 0;
    }
    initialise_monitor_handles();
    exit(main());
}

static void fault_handler(void) {
    puts("FAILED: fault");
    exit(3);
}

/* After the initial stack pointer, which the linker script writes. */
__attribute__((section(".vectors"), used)) static void (*const vectors[15])(void) = {
    reset_handler,
    fault_handler, /* NMI */
    fault_handler, /* HardFault */
    fault_handler, /* MemManage */
    fault_handler, /* BusFault */
    fault_handler, /* UsageFault */
};
