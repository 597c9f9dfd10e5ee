/* Preloaded (LD_PRELOAD) by the loader.without_memfd test: memfd_create fails as it does on a
 * kernel without it or under a seccomp filter that forbids it, so the registry takes its
 * fallback and loads a plugin through the descriptor its bytes were read from. */
#include <errno.h>

int memfd_create(const char *name, unsigned int flags);

int memfd_create(const char *name, unsigned int flags) {
    (void)name;
    (void)flags;
    errno = ENOSYS;
    return -1;
}
