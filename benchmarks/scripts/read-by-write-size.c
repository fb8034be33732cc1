/* What reading a file from the page cache costs, by the size of the writes that put it there. Copies every .fcs file
 * of FOLDER into OUT (created; must not exist) in writes of WRITE_BYTES each, syncs them, then reads the copies three
 * times with 1 MiB positioned reads and prints each pass's CPU time. The cache keeps a file in pieces (folios) no
 * larger than the writes that made them, so small or unaligned writes leave 4 KB pages that cost more to read than
 * the large folios of a file read from disk or copied with cp (docs/performance.md, session 12).
 *
 *   cc -O2 -o /tmp/read-by-write-size benchmarks/scripts/read-by-write-size.c
 *   for size in 4096 65532 65536 1048576; do /tmp/read-by-write-size /tmp/big/adcc $size /tmp/copy-$size; done
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static double cpu_ms(void)
{
    struct timespec now;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

static void copy(const char *from, const char *to, size_t piece)
{
    int in = open(from, O_RDONLY), out = open(to, O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (in < 0 || out < 0) {
        perror(to);
        exit(1);
    }

    char *buffer = malloc(piece);
    ssize_t got;
    while ((got = read(in, buffer, piece)) > 0) {
        if (write(out, buffer, (size_t)got) != got) {
            perror(to);
            exit(1);
        }
    }

    fsync(out);
    free(buffer);
    close(in);
    close(out);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: %s FOLDER WRITE_BYTES OUT\n", argv[0]);
        return 2;
    }

    size_t piece = (size_t)atol(argv[2]);
    if (mkdir(argv[3], 0755) != 0) {
        perror(argv[3]);
        return 1;
    }

    char from[4096], to[4096];
    DIR *folder = opendir(argv[1]);
    struct dirent *entry;
    while (folder && (entry = readdir(folder))) {
        if (strstr(entry->d_name, ".fcs")) {
            snprintf(from, sizeof from, "%s/%s", argv[1], entry->d_name);
            snprintf(to, sizeof to, "%s/%s", argv[3], entry->d_name);
            copy(from, to, piece);
        }
    }

    static char slice[1 << 20];
    for (int pass = 0; pass < 3; pass++) {
        double start = cpu_ms();
        long long bytes = 0;
        DIR *copies = opendir(argv[3]);
        while ((entry = readdir(copies))) {
            if (!strstr(entry->d_name, ".fcs")) {
                continue;
            }

            snprintf(to, sizeof to, "%s/%s", argv[3], entry->d_name);
            int file = open(to, O_RDONLY);
            ssize_t got;
            for (off_t offset = 0; (got = pread(file, slice, sizeof slice, offset)) > 0; offset += got) {
                bytes += got;
            }

            close(file);
        }

        closedir(copies);
        printf("writes of %zu bytes: read %.0f MB in %.1f ms CPU\n", piece, bytes / 1e6, cpu_ms() - start);
    }

    return 0;
}
