/* fxrt_pp.h - preprocessor helpers for the parameter lists of
 * fx_builtins.def: FXRT_MAP applies a macro to each (kind, name) pair. */
#ifndef FXRT_PP_H
#define FXRT_PP_H

/* FXRT_MAP(M, SEP, (k, n), ...) expands M(k, n) for up to 8 parameters,
 * separated by SEP() (FXRT_COMMA or FXRT_NOTHING). */
#define FXRT_COMMA() ,
#define FXRT_NOTHING()
#define FXRT_NARGS(...) FXRT_NARGS_(__VA_ARGS__, 8, 7, 6, 5, 4, 3, 2, 1, 0)
#define FXRT_NARGS_(a1, a2, a3, a4, a5, a6, a7, a8, n, ...) n
#define FXRT_CAT(a, b) FXRT_CAT_(a, b)
#define FXRT_CAT_(a, b) a##b
#define FXRT_MAP(M, S, ...) FXRT_CAT(FXRT_MAP_, FXRT_NARGS(__VA_ARGS__))(M, S, __VA_ARGS__)
#define FXRT_MAP_1(M, S, a) M a
#define FXRT_MAP_2(M, S, a, ...) M a S() FXRT_MAP_1(M, S, __VA_ARGS__)
#define FXRT_MAP_3(M, S, a, ...) M a S() FXRT_MAP_2(M, S, __VA_ARGS__)
#define FXRT_MAP_4(M, S, a, ...) M a S() FXRT_MAP_3(M, S, __VA_ARGS__)
#define FXRT_MAP_5(M, S, a, ...) M a S() FXRT_MAP_4(M, S, __VA_ARGS__)
#define FXRT_MAP_6(M, S, a, ...) M a S() FXRT_MAP_5(M, S, __VA_ARGS__)
#define FXRT_MAP_7(M, S, a, ...) M a S() FXRT_MAP_6(M, S, __VA_ARGS__)
#define FXRT_MAP_8(M, S, a, ...) M a S() FXRT_MAP_7(M, S, __VA_ARGS__)

#endif /* FXRT_PP_H */
