#include "CProcessTuning.h"

#if defined(__linux__)
#include <malloc.h>
#endif

int iamstore_keep_freed_memory(int bytes) {
#if defined(M_TRIM_THRESHOLD)
    return mallopt(M_TRIM_THRESHOLD, bytes);
#else
    (void)bytes;
    return 0;
#endif
}
