// REQUIRES: cuda
// RUN: fx-kernels-common_nvcc-test | FileCheck %s

/* common_nvcc.cu - the nvcc-compiled copy of kernels/common/ (the FX_HD
 * functions the CUDA kernels use) against the C compiler's copy that the
 * CPU kernels use, bit for bit (DESIGN §7).
 *
 * Both copies evaluate the same numbered cases (Inputs/common_cases.h): the
 * C one is Inputs/common_cases.c built with libfxrt's C flags, this file
 * compiles them with nvcc for the host.  Inputs: every fp16, bf16 and fp8
 * bit pattern for the decoders and loads; for everything else a sample of
 * every 16-bit format's values, their neighbours, the rounding midpoints
 * between them and their neighbours, the integer rounding boundaries, and
 * random bit patterns and random moderate floats.  Float results compare
 * by bits, except that all NaNs are one NaN (payloads are the FPU's).
 *
 * With --device (test/Kernels/cuda_device.c runs that where a GPU is
 * usable) the GPU copy is checked the same way; only the functions built on
 * rsqrtf and expf may differ there, and their differing count is printed. */
#include "Inputs/common_cases.h"

#include <cuda_runtime.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vector>

extern "C" void fxcEvalC(int c, int64_t n, const uint32_t *w0,
                         const uint32_t *w1, const uint32_t *w2,
                         const uint32_t *w3, uint64_t *out);

static const char *const kNames[FXC_COUNT] = {
    "fxF16ToF32",        "fxBF16ToF32",          "fxF8E4M3FNToF32",
    "fxLoadF32/1-byte",  "fxLoadF32/2-byte",     "fxLoadF32/4-byte",
    "fxLoadF32/int64",   "fxF32ToF16",           "fxF32ToBF16",
    "fxF32ToF8E4M3FN",   "fxQuantF8E4M3FN",      "fxQuantI8",
    "fxRoundTo",         "fxStoreF32",           "fxRneSat",
    "fxShiftRne",        "fxElemSize",           "fxF32Bits",
    "fxSilu",            "fxSiluAndMul",         "fxRmsInv",
    "fxRmsNormElem",     "fxRmsNormElemRoundFirst", "fxFp8TokenScale",
    "fxInt8TokenScale",  "fxRotaryPairIndex",    "fxRotatePair"};

// CHECK: fxF16ToF32 65536 values: identical
// CHECK: fxBF16ToF32 65536 values: identical
// CHECK: fxF8E4M3FNToF32 256 values: identical
// CHECK: fxLoadF32/1-byte 768 values: identical
// CHECK: fxLoadF32/2-byte 131072 values: identical
// CHECK: fxLoadF32/4-byte {{[0-9]+}} values: identical
// CHECK: fxLoadF32/int64 {{[0-9]+}} values: identical
// CHECK: fxF32ToF16 {{[0-9]+}} values: identical
// CHECK: fxF32ToBF16 {{[0-9]+}} values: identical
// CHECK: fxF32ToF8E4M3FN {{[0-9]+}} values: identical
// CHECK: fxQuantF8E4M3FN {{[0-9]+}} values: identical
// CHECK: fxQuantI8 {{[0-9]+}} values: identical
// CHECK: fxRoundTo {{[0-9]+}} values: identical
// CHECK: fxStoreF32 {{[0-9]+}} values: identical
// CHECK: fxRneSat {{[0-9]+}} values: identical
// CHECK: fxShiftRne {{[0-9]+}} values: identical
// CHECK: fxElemSize 12 values: identical
// CHECK: fxF32Bits {{[0-9]+}} values: identical
// CHECK: fxSilu {{[0-9]+}} values: identical
// CHECK: fxSiluAndMul {{[0-9]+}} values: identical
// CHECK: fxRmsInv {{[0-9]+}} values: identical
// CHECK: fxRmsNormElem {{[0-9]+}} values: identical
// CHECK: fxRmsNormElemRoundFirst {{[0-9]+}} values: identical
// CHECK: fxFp8TokenScale {{[0-9]+}} values: identical
// CHECK: fxInt8TokenScale {{[0-9]+}} values: identical
// CHECK: fxRotaryPairIndex {{[0-9]+}} values: identical
// CHECK: fxRotatePair {{[0-9]+}} values: identical
// CHECK: common_nvcc: 27 functions, {{[0-9]+}} values, all identical

/*===-- The sample ---------------------------------------------------------===*/

static uint64_t gRng = 0x243F6A8885A308D3ull;
static uint32_t rnd32(void) { /* splitmix64 */
  uint64_t z = (gRng += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return (uint32_t)((z ^ (z >> 31)) >> 11);
}

static uint32_t bitsOf(float f) {
  uint32_t u;
  memcpy(&u, &f, sizeof u);
  return u;
}

/* A moderate float in (-8, 8), or a random bit pattern (NaN, Inf,
 * subnormals, huge values), half and half. */
static uint32_t rndWord(void) {
  if (rnd32() & 1)
    return rnd32();
  return bitsOf(((float)(rnd32() & 0xFFFFFF) / 16777216.0f - 0.5f) * 16.0f);
}

/* v, its two neighbours, and the midpoint towards `next` with its two
 * neighbours (the ties of every rounding to the narrower format). */
static void pushAround(std::vector<uint32_t> &w, float v, float next) {
  if (v != v)
    return;
  w.push_back(bitsOf(v));
  w.push_back(bitsOf(nextafterf(v, INFINITY)));
  w.push_back(bitsOf(nextafterf(v, -INFINITY)));
  if (next != next || isinf(next) || isinf(v))
    return;
  float mid = (float)(((double)v + (double)next) / 2.0);
  w.push_back(bitsOf(mid));
  w.push_back(bitsOf(nextafterf(mid, INFINITY)));
  w.push_back(bitsOf(nextafterf(mid, -INFINITY)));
}

static void makeSample(std::vector<uint32_t> w[4]) {
  std::vector<uint32_t> &s = w[0];
  for (uint32_t p = 0; p < 65536; p++) {
    uint32_t mag = p & 0x7FFFu, sign = p & 0x8000u;
    if (mag < 0x7FFFu) { /* next away from zero in each format */
      pushAround(s, fxF16ToF32((uint16_t)p), fxF16ToF32((uint16_t)(sign | (mag + 1))));
      pushAround(s, fxBF16ToF32((uint16_t)p), fxBF16ToF32((uint16_t)(sign | (mag + 1))));
    }
  }
  for (uint32_t p = 0; p < 256; p++)
    if ((p & 0x7Fu) < 0x7Eu)
      pushAround(s, fxF8E4M3FNToF32((uint8_t)p),
                 fxF8E4M3FNToF32((uint8_t)((p & 0x80u) | ((p & 0x7Fu) + 1))));
  for (int k = -300; k <= 300; k++) /* int8 rounding and saturation */
    pushAround(s, (float)k, (float)k + 1.0f);
  const float special[] = {0.0f, -0.0f, INFINITY, -INFINITY, NAN, -NAN,
                           448.0f, 464.0f, 65504.0f, 65520.0f, 3.4028235e38f,
                           1.17549435e-38f, 1.4e-45f, 2147483648.0f,
                           9.2233720e18f, -9.2233720e18f};
  for (float f : special)
    pushAround(s, f, nextafterf(f, INFINITY));
  s.push_back(0x7F800001u); /* signalling and payload NaNs */
  s.push_back(0xFFC12345u);
  while (s.size() < (3u << 20))
    s.push_back(rndWord());
  for (int k = 1; k < 4; k++)
    for (size_t i = 0; i < s.size(); i++)
      w[k].push_back(rndWord());
}

/*===-- Comparison ---------------------------------------------------------===*/

static int64_t compare(const char *what, int c, int64_t count,
                       const uint64_t *ref, const uint64_t *got,
                       std::vector<uint32_t> *w) {
  int64_t bad = 0;
  for (int64_t i = 0; i < count; i++) {
    if (ref[i] == got[i])
      continue;
    if (bad++ < 5)
      printf("  %s %s [%lld] inputs %08x %08x %08x %08x: C %016llx, nvcc "
             "%016llx\n",
             what, kNames[c], (long long)i, w[0][i], w[1][i], w[2][i], w[3][i],
             (unsigned long long)ref[i], (unsigned long long)got[i]);
  }
  return bad;
}

__global__ void evalKernel(int c, int64_t count, const uint32_t *w0,
                           const uint32_t *w1, const uint32_t *w2,
                           const uint32_t *w3, uint64_t *out) {
  for (int64_t i = blockIdx.x * (int64_t)blockDim.x + threadIdx.x; i < count;
       i += (int64_t)gridDim.x * blockDim.x)
    out[i] = fxcCase(c, i, w0[i], w1[i], w2[i], w3[i]);
}

static int check(cudaError_t e, const char *what) {
  if (e == cudaSuccess)
    return 1;
  printf("FAILED: %s: %s\n", what, cudaGetErrorString(e));
  return 0;
}

/* The GPU copy of the cases, one at a time. */
struct Device {
  uint32_t *w[4];
  uint64_t *out;
  std::vector<uint64_t> got;
};

static int deviceInit(Device *d, std::vector<uint32_t> w[4], int64_t n) {
  for (int k = 0; k < 4; k++)
    if (!check(cudaMalloc(&d->w[k], (size_t)n * 4), "cudaMalloc") ||
        !check(cudaMemcpy(d->w[k], w[k].data(), (size_t)n * 4,
                          cudaMemcpyHostToDevice),
               "cudaMemcpy"))
      return 0;
  d->got.resize((size_t)n);
  return check(cudaMalloc(&d->out, (size_t)n * 8), "cudaMalloc");
}

/* Returns 1 on a failure. */
static int deviceCase(Device *d, int c, int64_t count, const uint64_t *ref,
                      std::vector<uint32_t> *w) {
  evalKernel<<<1024, 256>>>(c, count, d->w[0], d->w[1], d->w[2], d->w[3],
                            d->out);
  if (!check(cudaGetLastError(), "launch") ||
      !check(cudaMemcpy(d->got.data(), d->out, (size_t)count * 8,
                        cudaMemcpyDeviceToHost),
             "cudaMemcpy"))
    return 1;
  if (!fxcExactOnDevice(c)) {
    int64_t differ = 0;
    for (int64_t i = 0; i < count; i++)
      differ += ref[i] != d->got[i];
    printf("device %-26s %9lld values: %lld differ (rsqrtf/expf)\n", kNames[c],
           (long long)count, (long long)differ);
    return 0;
  }
  int64_t bad = compare("device", c, count, ref, d->got.data(), w);
  printf("device %-26s %9lld values: %s\n", kNames[c], (long long)count,
         bad ? "DIFFERENT" : "identical");
  return bad != 0;
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  std::vector<uint32_t> w[4];
  makeSample(w);
  int64_t n = (int64_t)w[0].size(); /* >= 2 * 65536: the largest pattern case */
  bool device = argc > 1 && strcmp(argv[1], "--device") == 0;
  Device d;
  if (device && !deviceInit(&d, w, n))
    return 1;
  std::vector<uint64_t> ref((size_t)n), host((size_t)n);
  int failures = 0;
  int64_t values = 0;
  for (int c = 0; c < FXC_COUNT; c++) {
    int64_t count = fxcCount(c, n);
    fxcEvalC(c, n, w[0].data(), w[1].data(), w[2].data(), w[3].data(),
             ref.data());
    for (int64_t i = 0; i < count; i++)
      host[i] = fxcCase(c, i, w[0][i], w[1][i], w[2][i], w[3][i]);
    int64_t bad = compare("host", c, count, ref.data(), host.data(), w);
    printf("%-26s %9lld values: %s\n", kNames[c], (long long)count,
           bad ? "DIFFERENT" : "identical");
    failures += bad != 0;
    if (device)
      failures += deviceCase(&d, c, count, ref.data(), w);
    values += count;
  }
  if (failures) {
    printf("common_nvcc: %d comparisons differ\n", failures);
    return 1;
  }
  printf("common_nvcc: %d functions, %lld values, all identical\n", FXC_COUNT,
         (long long)values);
  return 0;
}
