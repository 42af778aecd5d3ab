#ifndef PENATAAN_FUZZ_FUZZ_CHECK_H_
#define PENATAAN_FUZZ_FUZZ_CHECK_H_

// What the fuzz targets assert: a broken invariant prints what broke and aborts,
// which libFuzzer reports as a crash and saves the input of (the assert macro is
// compiled out of the RelWithDebInfo tree the fuzzers are built in).

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition)                                                      \
  do {                                                                             \
    if (!(condition)) {                                                            \
      std::fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__,    \
                   #condition);                                                    \
      std::abort();                                                                \
    }                                                                              \
  } while (0)

#endif  // PENATAAN_FUZZ_FUZZ_CHECK_H_
