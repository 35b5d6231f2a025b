/* Touches one int every 256 bytes of a 16 KiB array, reads it back with a
 * read-modify-write, then exits; no C library, so the whole trace is short. */
static int a[4096];

void _start(void) {
    for (int i = 0; i < 4096; i += 64) a[i] = i;
    for (int i = 0; i < 4096; i += 1024) a[i] += 1;
    __asm__ volatile("mov $60, %eax\n xor %edi, %edi\n syscall");
    for (;;) {}
}
