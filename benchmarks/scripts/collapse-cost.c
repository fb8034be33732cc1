/* What a fresh large array's first writes cost, as the run's pooled columns meet them: 64 MiB of anonymous memory
 * whose every 2 MiB page already holds one written 4 KiB page (the collector's object header), advised for huge
 * pages, then written whole. Without collapsing, each 2 MiB page takes 511 more faults of 4 KiB; with MADV_COLLAPSE
 * each becomes one huge page before the writes (HugePages.Advise in src/CytoViability.Core/Fcs/HugePages.cs).
 *
 *   cc -O2 -o /tmp/collapse-cost benchmarks/scripts/collapse-cost.c
 *   /tmp/collapse-cost 0    # advise only
 *   /tmp/collapse-cost 1    # advise and collapse
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#ifndef MADV_COLLAPSE
#define MADV_COLLAPSE 25
#endif

#define HUGE_PAGE (2UL << 20)

static double milliseconds(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec * 1e3 + now.tv_nsec * 1e-6;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s 0|1   (1: collapse before writing)\n", argv[0]);
        return 2;
    }

    int collapse = atoi(argv[1]);
    size_t size = 64UL << 20;
    char *mapped = mmap(NULL, size + HUGE_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mapped == MAP_FAILED) {
        perror("mmap");
        return 1;
    }

    char *memory = (char *)(((unsigned long)mapped + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1));
    double start = milliseconds();
    for (size_t offset = 0; offset < size; offset += HUGE_PAGE) {
        memory[offset] = 1;
    }

    double headers = milliseconds();
    madvise(memory, size, MADV_HUGEPAGE);
    int result = collapse ? madvise(memory, size, MADV_COLLAPSE) : 0;
    double advised = milliseconds();
    memset(memory, 3, size);
    double written = milliseconds();
    printf("%s (madvise %d): headers %.2f ms, advice %.2f ms, writing 64 MiB %.2f ms, in all %.2f ms\n",
           collapse ? "collapsed" : "advised only", result, headers - start, advised - headers, written - advised, written - start);
    return 0;
}
