/* The floor of a run's reading and hashing: every file read once with pread into one buffer and hashed with
 * OpenSSL's sha256, as the tool's hashing reader does, and nothing else.
 *   cc -O2 -o /tmp/sha256-floor benchmarks/scripts/sha256-floor.c -lcrypto
 *   find /tmp/big/adcc -name '*.fcs' | sort | xargs /usr/bin/time -f '%U %S' /tmp/sha256-floor 262144
 * The first argument is the read size in bytes (the tool reads 256 KiB slices). */
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s READ_BYTES FILE...\n", argv[0]);
        return 1;
    }

    size_t size = strtoul(argv[1], NULL, 10);
    unsigned char *buffer = aligned_alloc(4096, (size + 4095) / 4096 * 4096);
    for (int i = 2; i < argc; i++) {
        int fd = open(argv[i], O_RDONLY);
        if (fd < 0) {
            perror(argv[i]);
            return 1;
        }

        EVP_MD_CTX *context = EVP_MD_CTX_new();
        EVP_DigestInit_ex(context, EVP_sha256(), NULL);
        off_t offset = 0;
        ssize_t n;
        while ((n = pread(fd, buffer, size, offset)) > 0) {
            EVP_DigestUpdate(context, buffer, (size_t)n);
            offset += n;
        }

        unsigned char digest[EVP_MAX_MD_SIZE];
        unsigned int length;
        EVP_DigestFinal_ex(context, digest, &length);
        EVP_MD_CTX_free(context);
        close(fd);
    }

    free(buffer);
    return 0;
}
