#ifndef CCPUID_H
#define CCPUID_H

/// 1 when the CPU and the operating system support AVX2 and FMA (the `haswell` kernels).
int cecore_cpu_has_avx2(void);

/// 1 when the CPU and the operating system support AVX-512 F, CD, BW, DQ and VL
/// (the `skylake-avx512` kernels).
int cecore_cpu_has_avx512(void);

#endif
