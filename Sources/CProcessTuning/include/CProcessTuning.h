#ifndef IAMSTORE_CPROCESSTUNING_H
#define IAMSTORE_CPROCESSTUNING_H

/// Asks the C library to keep up to `bytes` of freed memory for reuse instead of returning it to
/// the kernel at every free (glibc's M_TRIM_THRESHOLD). Returns 0 where the C library has no such
/// setting or refused it.
int iamstore_keep_freed_memory(int bytes);

#endif
