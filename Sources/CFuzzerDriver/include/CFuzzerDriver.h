#ifndef CFUZZERDRIVER_H
#define CFUZZERDRIVER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver (compiler-rt, LLVM 12 and later). It exists only in binaries linked with
/// `-sanitize=fuzzer`; the fuzz targets call it only when built by scripts/fuzz
/// (`-D CLUNEAL_FUZZ`), so ordinary builds never reference it.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
