// fx-run parses its options strictly and checks them against the function
// before it compiles or allocates anything: every mistake is one
// `fx-run: error:` line and exit code 1, never a silent default.
// RUN: rm -rf %t && mkdir -p %t
// RUN: fx-run %s --entry=copy --sym=s0=2 --output-dir=%t | FileCheck %s --check-prefix=OK
// OK: compile with fx passes: fx passes {{[0-9.]+}} ms
// OK-NEXT: compile: fx-to-llvm {{[0-9.]+}} ms, JIT {{[0-9.]+}} ms (1 distinct module)
// OK-NEXT: with fx passes: {{[0-9.]+}} ms, 1 allocations (32 bytes), 1 copies (32 bytes)
// OK-NEXT: out0: {{.*}}out0.npy checksum

// --help lists the options and the named pass orders.
// RUN: fx-run --help | FileCheck %s --check-prefix=HELP
// HELP: usage: fx-run FILE.mlir [options]
// HELP: --pass-order=NAME
// HELP: pass orders (--pass-order, --check-passes):
// HELP-NEXT: none {{ *}}(no fx pass)
// HELP-NEXT: noop-fix-dce {{ *}}func.func(fx-noop-elimination,fx-fix-functionalization,fx-dce)
// HELP-NEXT: fix-noop-dce {{ *}}func.func(fx-fix-functionalization,fx-noop-elimination,fx-dce)
// HELP-NEXT: fix {{ *}}func.func(fx-fix-functionalization)
// HELP-NEXT: noop {{ *}}func.func(fx-noop-elimination)
// HELP-NEXT: twice {{ *}}func.func(fx-noop-elimination,fx-fix-functionalization,fx-dce,fx-noop-elimination,fx-fix-functionalization,fx-dce)

// One order, by name, and the label it runs under.
// RUN: fx-run %s --entry=copy --sym=s0=2 --pass-order=fix --output-dir=%t | FileCheck %s --check-prefix=ORDER
// ORDER: with fx passes (fix): {{[0-9.]+}} ms,

// --sym: NAME=VALUE, a decimal value in [0, 2^63), each symbol once.
// RUN: not fx-run %s --entry=copy --sym=s0 2>&1 | FileCheck %s --check-prefix=SYM-FORM
// SYM-FORM: fx-run: error: --sym=s0: expected --sym=NAME=VALUE
// RUN: not fx-run %s --entry=copy --sym==2 2>&1 | FileCheck %s --check-prefix=SYM-NONAME
// SYM-NONAME: fx-run: error: --sym==2: expected --sym=NAME=VALUE
// RUN: not fx-run %s --entry=copy --sym=s0= 2>&1 | FileCheck %s --check-prefix=SYM-BLANK
// SYM-BLANK: fx-run: error: --sym=s0=: the value must be a non-negative decimal integer below 2^63, not ''
// RUN: not fx-run %s --entry=copy --sym=s0=-1 2>&1 | FileCheck %s --check-prefix=SYM-NEG
// SYM-NEG: fx-run: error: --sym=s0=-1: the value must be a non-negative decimal integer below 2^63, not '-1'
// RUN: not fx-run %s --entry=copy --sym=s0=9223372036854775808 2>&1 | FileCheck %s --check-prefix=SYM-BIG
// SYM-BIG: fx-run: error: --sym=s0=9223372036854775808: the value must be a non-negative decimal integer below 2^63
// RUN: not fx-run %s --entry=copy --sym=s0=2 --sym=s0=3 2>&1 | FileCheck %s --check-prefix=SYM-TWICE
// SYM-TWICE: fx-run: error: --sym=s0=3: symbol s0 is already bound by --sym=s0=2
// A symbol the function does not have is a warning (one file often holds
// functions with different symbols); a misspelt one still fails as unbound.
// RUN: fx-run %s --entry=copy --sym=s0=2 --sym=s9=4 --output-dir=%t 2>&1 | FileCheck %s --check-prefix=SYM-UNUSED
// SYM-UNUSED: fx-run: warning: --sym=s9=4: @copy has no symbol s9; ignored
// RUN: not fx-run %s --entry=copy --sym=S0=2 2>&1 | FileCheck %s --check-prefix=SYM-TYPO
// SYM-TYPO: fx-run: error: missing symbol binding for "s0" (add --sym=s0=VALUE)

// --input: I=PATH with I an argument of the function that is a tensor.
// RUN: not fx-run %s --entry=copy --sym=s0=2 --input=5=%t/out0.npy 2>&1 | FileCheck %s --check-prefix=IN-RANGE
// IN-RANGE: fx-run: error: --input=5={{.*}}out0.npy: @copy has 1 argument, numbered from 0
// RUN: not fx-run %s --entry=copy --sym=s0=2 --input=-1=%t/out0.npy 2>&1 | FileCheck %s --check-prefix=IN-NEG
// IN-NEG: fx-run: error: --input=-1={{.*}}out0.npy: the argument number must be a non-negative decimal integer, not '-1'
// RUN: not fx-run %s --entry=copy --sym=s0=2 --input=abc=%t/out0.npy 2>&1 | FileCheck %s --check-prefix=IN-ABC
// IN-ABC: fx-run: error: --input=abc={{.*}}out0.npy: the argument number must be a non-negative decimal integer, not 'abc'
// RUN: not fx-run %s --entry=copy --sym=s0=2 --input=%t/out0.npy 2>&1 | FileCheck %s --check-prefix=IN-FORM
// IN-FORM: fx-run: error: --input={{.*}}out0.npy: expected --input=I=PATH.npy (I: the argument number)
// RUN: not fx-run %s --entry=copy --sym=s0=2 --input=0 2>&1 | FileCheck %s --check-prefix=IN-NOEQ
// IN-NOEQ: fx-run: error: --input=0: expected --input=I=PATH.npy (I: the argument number)
// RUN: not fx-run %s --entry=copy --sym=s0=2 --input=0= 2>&1 | FileCheck %s --check-prefix=IN-NOPATH
// IN-NOPATH: fx-run: error: --input=0=: no path after the argument number
// RUN: not fx-run %s --entry=copy --sym=s0=2 --input=0=%t/out0.npy --input=0=%t/out0.npy 2>&1 | FileCheck %s --check-prefix=IN-TWICE
// IN-TWICE: fx-run: error: --input=0={{.*}}out0.npy: argument 0 is already given by --input=0={{.*}}out0.npy
// RUN: not fx-run %s --entry=sym_arg --sym=s0=2 --input=0=%t/out0.npy 2>&1 | FileCheck %s --check-prefix=IN-SYM
// IN-SYM: fx-run: error: --input=0={{.*}}out0.npy: argument 0 is an !fx.sym; bind it with --sym

// --seed, --repeat, -O: decimal numbers in range, nothing else.
// RUN: not fx-run %s --entry=copy --sym=s0=2 --seed=abc 2>&1 | FileCheck %s --check-prefix=SEED
// SEED: fx-run: error: --seed=abc: the seed must be a decimal integer in [0, 2^64)
// RUN: not fx-run %s --entry=copy --sym=s0=2 --seed=18446744073709551616 2>&1 | FileCheck %s --check-prefix=SEED-BIG
// SEED-BIG: fx-run: error: --seed=18446744073709551616: the seed must be a decimal integer in [0, 2^64)
// RUN: not fx-run %s --entry=copy --sym=s0=2 --repeat=x 2>&1 | FileCheck %s --check-prefix=REPEAT
// REPEAT: fx-run: error: --repeat=x: the count must be a decimal integer from 1 to 2147483647
// RUN: not fx-run %s --entry=copy --sym=s0=2 --repeat=0 2>&1 | FileCheck %s --check-prefix=REPEAT0
// REPEAT0: fx-run: error: --repeat=0: the count must be a decimal integer from 1 to 2147483647
// RUN: not fx-run %s --entry=copy --sym=s0=2 -O 2>&1 | FileCheck %s --check-prefix=OPT
// OPT: fx-run: error: -O: the optimization level must be 0, 1, 2 or 3
// RUN: not fx-run %s --entry=copy --sym=s0=2 --device=tpu 2>&1 | FileCheck %s --check-prefix=DEVICE
// DEVICE: fx-run: error: --device must be cpu or cuda, not 'tpu'

// Paths are checked before the run: an output directory that is not one,
// a library that is not there.
// RUN: not fx-run %s --entry=copy --sym=s0=2 --output-dir=%t/nonexistent 2>&1 | FileCheck %s --check-prefix=OUTDIR
// OUTDIR-NOT: compile
// OUTDIR: fx-run: error: --output-dir={{.*}}nonexistent: No such file or directory
// RUN: not fx-run %s --entry=copy --sym=s0=2 --output-dir=%s 2>&1 | FileCheck %s --check-prefix=OUTDIR-FILE
// OUTDIR-FILE: fx-run: error: --output-dir={{.*}}fx-run-options.mlir: not a directory
// RUN: not fx-run %s --entry=copy --sym=s0=2 --output-dir= 2>&1 | FileCheck %s --check-prefix=OUTDIR-BLANK
// OUTDIR-BLANK: fx-run: error: --output-dir=: empty path
// RUN: not fx-run %s --entry=copy --sym=s0=2 --shared-lib=%t/nonexistent.so 2>&1 | FileCheck %s --check-prefix=LIB
// LIB: fx-run: error: --shared-lib={{.*}}nonexistent.so: No such file or directory

// Spelling: values where they belong, each single option once, one file.
// RUN: not fx-run %s --entry 2>&1 | FileCheck %s --check-prefix=NOVALUE
// NOVALUE: fx-run: error: --entry needs a value (--entry=NAME)
// RUN: not fx-run %s --entry= 2>&1 | FileCheck %s --check-prefix=NOENTRY
// NOENTRY: fx-run: error: --entry needs a function name (--entry=NAME)
// RUN: not fx-run %s --check-passes=yes 2>&1 | FileCheck %s --check-prefix=FLAGVALUE
// FLAGVALUE: fx-run: error: --check-passes takes no value
// RUN: not fx-run %s --entry=copy --entry=copy 2>&1 | FileCheck %s --check-prefix=TWICE
// TWICE: fx-run: error: --entry given twice
// RUN: not fx-run %s %s 2>&1 | FileCheck %s --check-prefix=TWOFILES
// TWOFILES: fx-run: error: more than one input file ('{{.*}}fx-run-options.mlir' and '{{.*}}fx-run-options.mlir')
// RUN: not fx-run 2>&1 | FileCheck %s --check-prefix=NOFILE
// NOFILE: fx-run: error: no input file (see --help)

// The passes: one way to choose them.
// RUN: not fx-run %s --pass-order=fast 2>&1 | FileCheck %s --check-prefix=ORDER-BAD
// ORDER-BAD: fx-run: error: --pass-order=fast: unknown order (see --help for the names)
// RUN: not fx-run %s --pass-order=fix --pipeline='func.func(fx-dce)' 2>&1 | FileCheck %s --check-prefix=ORDER-PIPE
// ORDER-PIPE: fx-run: error: --pass-order and --pipeline both choose the passes; give one
// RUN: not fx-run %s --no-fx-passes --pass-order=fix 2>&1 | FileCheck %s --check-prefix=NOPASS-ORDER
// NOPASS-ORDER: fx-run: error: --no-fx-passes and --pass-order both choose the passes; give one
// RUN: not fx-run %s --no-fx-passes --pipeline='func.func(fx-dce)' 2>&1 | FileCheck %s --check-prefix=NOPASS-PIPE
// NOPASS-PIPE: fx-run: error: --no-fx-passes and --pipeline both choose the passes; give one
// RUN: not fx-run %s --no-fx-passes --check-passes 2>&1 | FileCheck %s --check-prefix=NOPASS-CHECK
// NOPASS-CHECK: fx-run: error: --no-fx-passes contradicts --check-passes (which runs without the passes as its reference)
// RUN: not fx-run %s --check-passes --pass-order=none 2>&1 | FileCheck %s --check-prefix=CHECK-NONE
// CHECK-NONE: fx-run: error: --check-passes --pass-order=none compares nothing
// RUN: not fx-run %s --pipeline= 2>&1 | FileCheck %s --check-prefix=PIPE-EMPTY
// PIPE-EMPTY: fx-run: error: --pipeline needs a pass pipeline (--pipeline='func.func(fx-dce)')
// RUN: not fx-run %s --entry=copy --sym=s0=2 --pipeline=no-such-pass 2>&1 | FileCheck %s --check-prefix=PIPE-BAD
// PIPE-BAD: fx-run: error: --pipeline: 'no-such-pass' is not a valid pass pipeline (see above)
// RUN: not fx-run %s --entry=negative_list_param --pipeline=fx-lower-to-runtime 2>&1 | FileCheck %s --check-prefix=PIPE-FAIL
// PIPE-FAIL: error: cannot lower a call of user op test::opt
// PIPE-FAIL: fx-run: error: the passes of order pipeline (fx-lower-to-runtime) failed (see above)

// The function: tensors and symbols only; sizes that fit in memory.
// RUN: not fx-run %s --entry=negative_not_fx_arg 2>&1 | FileCheck %s --check-prefix=ARG-TYPE
// ARG-TYPE: fx-run: error: argument 0 of @negative_not_fx_arg is neither an !fx.tensor nor an !fx.sym
// RUN: not fx-run %s --entry=negative_not_fx_result 2>&1 | FileCheck %s --check-prefix=RESULT-TYPE
// RESULT-TYPE: fx-run: error: result 0 of @negative_not_fx_result is not an !fx.tensor
// Rank 9 (in a file of its own: a verifier that rejects it would reject
// the whole module): an error naming the rank, never a write past the 8
// dims fx-run keeps (fx-run checks it itself too).
// RUN: echo 'func.func @negative_rank9(%%x: !fx.tensor<[1, 1, 1, 1, 1, 1, 1, 1, 1], f32>) { return }' > %t/rank9.mlir
// RUN: not fx-run %t/rank9.mlir 2>&1 | FileCheck %s --check-prefix=RANK
// RANK: error: {{.*}}rank 9
// RUN: not fx-run %s --entry=negative_huge --sym=s0=4294967296 --sym=s1=2147483648 2>&1 | FileCheck %s --check-prefix=OVERFLOW
// OVERFLOW-NOT: compile
// OVERFLOW: fx-run: error: argument 0 of shape [4294967296, 2147483648] (f32) has 2^63 bytes or more
// Bytes that fit in int64_t but not in any address space (2^62): a clear
// error, not a crash (ASan would abort on the request without the option).
// RUN: not env ASAN_OPTIONS=allocator_may_return_null=1 fx-run %s --entry=negative_huge --sym=s0=1073741824 --sym=s1=1073741824 2>&1 | FileCheck %s --check-prefix=ALLOC
// ALLOC: fx-run: error: cannot allocate 4611686018427387904 bytes for argument 0
// RUN: echo 'func.func private @declared()' > %t/declarations.mlir
// RUN: not fx-run %t/declarations.mlir 2>&1 | FileCheck %s --check-prefix=NOFUNC
// NOFUNC: fx-run: error: the module has no function to run
// A user op whose library was not given: the link fails, before the run.
// RUN: not fx-run %s --entry=negative_user_op 2>&1 | FileCheck %s --check-prefix=LINK
// LINK: fx-run: error: cannot link @negative_user_op: a symbol is missing (see above; a user op, or a built-in op that has a schema but no kernel in libfxrt, needs the library that defines its fxrt_<ns>__<op>, --shared-lib=PATH)
// A call the lowering rejects.
// RUN: not fx-run %s --entry=negative_list_param 2>&1 | FileCheck %s --check-prefix=LOWER
// LOWER: error: cannot lower a call of user op test::opt
// LOWER: fx-run: error: lowering to LLVM failed (see above)

fx.schema "test::opt" = "opt(Tensor x, int[] dims) -> Tensor"
fx.schema "test::bump" = "bump(Tensor x) -> Tensor"

func.func @copy(%x: !fx.tensor<["s0", 4], f32>) -> !fx.tensor<["s0", 4], f32> {
  %0 = fx.call "aten::clone"(self = %x)
      : (!fx.tensor<["s0", 4], f32>)
      -> !fx.tensor<["s0", 4], f32>
  return %0 : !fx.tensor<["s0", 4], f32>
}

func.func @sym_arg(%n: !fx.sym<"s0">, %x: !fx.tensor<["s0", 4], f32>) -> !fx.tensor<["s0", 4], f32> {
  return %x : !fx.tensor<["s0", 4], f32>
}

func.func @negative_not_fx_arg(%x: i32) {
  return
}

func.func @negative_not_fx_result(%x: !fx.tensor<[4], f32>) -> i32 {
  %c = arith.constant 0 : i32
  return %c : i32
}

func.func @negative_huge(%x: !fx.tensor<["s0", "s1"], f32>) -> !fx.tensor<["s0", "s1"], f32> {
  return %x : !fx.tensor<["s0", "s1"], f32>
}

func.func @negative_list_param(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  %0 = fx.call "test::opt"(x = %x) {dims = [1]}
      : (!fx.tensor<[4], f32>)
      -> !fx.tensor<[4], f32>
  return %0 : !fx.tensor<[4], f32>
}

func.func @negative_user_op(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  %0 = fx.call "test::bump"(x = %x)
      : (!fx.tensor<[4], f32>)
      -> !fx.tensor<[4], f32>
  return %0 : !fx.tensor<[4], f32>
}
