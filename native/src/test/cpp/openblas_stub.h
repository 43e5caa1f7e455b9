// Stand-ins for OpenBLAS's thread control, only for the standalone kernels_check build (the
// library itself links libopenblas). Include from exactly one translation unit.
#pragma once
static int h4j_stub_blas_threads = 1;
extern "C" void openblas_set_num_threads(int num_threads) { h4j_stub_blas_threads = num_threads; }
extern "C" int openblas_get_num_threads(void) { return h4j_stub_blas_threads; }
