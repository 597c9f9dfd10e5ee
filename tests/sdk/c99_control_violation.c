/* Control for the C99 header check: the same command line must reject this file (a zero-length
 * array is a GNU extension, an error under -pedantic -Werror), which shows the check can fail. */
#include <eqroi/plugin.h>

struct not_c99 {
    eqroi_status status;
    double tail[0];
};

int use(const struct not_c99 *p) { return (int)p->status; }
