/* What fresh memory costs a process: N MiB of anonymous memory advised for huge pages, then one byte written in
 * each 4 KiB page, timed. Run it twice in a row and again after some seconds of quiet: on a virtual machine whose
 * balloon reports free memory to its host (virtio-balloon free page reporting), the first run after a pause waits
 * for the host to back and zero the memory again (docs/performance.md, session 11).
 *
 *   cc -O2 -o /tmp/fresh-memory benchmarks/scripts/fresh-memory.c
 *   /tmp/fresh-memory 256; /tmp/fresh-memory 256; sleep 10; /tmp/fresh-memory 256
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>

int main(int argc, char **argv)
{
    size_t huge = 2u << 20;
    size_t bytes = (size_t)(argc > 1 ? atoi(argv[1]) : 256) << 20;
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    char *mapped = mmap(NULL, bytes + huge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mapped == MAP_FAILED) {
        perror("mmap");
        return 1;
    }

    /* Aligned to 2 MiB, so every huge page the advice allows lies wholly inside. */
    char *memory = (char *)(((size_t)mapped + huge - 1) & ~(huge - 1));
    madvise(memory, bytes, MADV_HUGEPAGE);
    for (size_t i = 0; i < bytes; i += 4096) {
        memory[i] = 1;
    }

    clock_gettime(CLOCK_MONOTONIC, &end);
    double ms = ((end.tv_sec - start.tv_sec) * 1e3) + ((end.tv_nsec - start.tv_nsec) / 1e6);
    printf("%zu MiB written in %.1f ms (%.2f ms per MiB)\n", bytes >> 20, ms, ms / (double)(bytes >> 20));
    return 0;
}
