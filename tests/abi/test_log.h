/* A log the ABI test plugins write for the test to read: one line appended per call to the
 * file named by the environment variable EQROI_ABI_TEST_LOG (nothing when it is unset).
 *
 * Why a file and not exported globals: the host loads a private, sealed copy of the plugin's
 * bytes (trust before load: dlopen of /proc/self/fd/N), which the dynamic linker does not match
 * with a copy the test opens itself, so the host's instance and the test's never share a
 * global. And a refused plugin is unloaded before the test could look.
 *
 * Header-only, C99 and system headers only.
 */
#ifndef EQROI_TEST_LOG_H
#define EQROI_TEST_LOG_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static inline void test_log(const char *format, ...) {
    const char *path = getenv("EQROI_ABI_TEST_LOG");
    FILE *log;
    va_list args;
    if (!path || !*path) return;
    log = fopen(path, "a");
    if (!log) return;
    va_start(args, format);
    vfprintf(log, format, args);
    va_end(args);
    fclose(log);
}

#endif
