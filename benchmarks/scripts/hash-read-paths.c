/* sha256 of whole files read three ways, for `plan`'s hashing: pread into a 256 KiB buffer (what the tool does),
 * a read-only memory map (optionally populated at once), and O_DIRECT reads that bypass the page cache.
 *
 *   cc -O2 -o /tmp/hash-read-paths benchmarks/scripts/hash-read-paths.c -lcrypto
 *   /usr/bin/time -f '%U user %S sys %e wall' /tmp/hash-read-paths pread FILE... (e.g. the 40 files of /tmp/adcc-1m)
 *   ... mmap | populate | direct   (direct: DIRECT_KIB=4096 sets the read size, default 256)
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static void hash_reads(int fd, unsigned char *buffer, size_t size, EVP_MD_CTX *context)
{
    off_t offset = 0;
    ssize_t n;
    while ((n = pread(fd, buffer, size, offset)) > 0) {
        EVP_DigestUpdate(context, buffer, (size_t)n);
        offset += n;
    }
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s pread|mmap|populate|direct FILE...\n", argv[0]);
        return 2;
    }

    const char *mode = argv[1];
    int direct = strcmp(mode, "direct") == 0;
    size_t size = (size_t)(direct && getenv("DIRECT_KIB") ? atoi(getenv("DIRECT_KIB")) : 256) << 10;
    unsigned char *buffer = aligned_alloc(4096, size);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    unsigned check = 0;
    for (int i = 2; i < argc; i++) {
        int fd = open(argv[i], O_RDONLY | (direct ? O_DIRECT : 0));
        if (fd < 0) {
            perror(argv[i]);
            return 1;
        }

        EVP_MD_CTX *context = EVP_MD_CTX_new();
        EVP_DigestInit_ex(context, EVP_sha256(), NULL);
        if (strcmp(mode, "pread") == 0 || direct) {
            hash_reads(fd, buffer, size, context);
        } else {
            struct stat status;
            fstat(fd, &status);
            int flags = MAP_PRIVATE | (strcmp(mode, "populate") == 0 ? MAP_POPULATE : 0);
            unsigned char *mapped = mmap(NULL, (size_t)status.st_size, PROT_READ, flags, fd, 0);
            EVP_DigestUpdate(context, mapped, (size_t)status.st_size);
            munmap(mapped, (size_t)status.st_size);
        }

        EVP_DigestFinal_ex(context, digest, &length);
        EVP_MD_CTX_free(context);
        check ^= digest[0];
        close(fd);
    }

    printf("%u\n", check);
    return 0;
}
