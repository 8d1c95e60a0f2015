// fx-run: inputs from .npy, outputs to .npy, and a one-line error with exit
// code 1 for bad input.
// RUN: rm -rf %t && mkdir -p %t/a %t/b
// A copy of seeded random input 0 is written as out0.npy; fed back as input
// 0 (instead of the default seed) it comes out the same, byte for byte.
// RUN: fx-run %s --entry=copy --sym=s0=3 --seed=1 --output-dir=%t/a | FileCheck %s --check-prefix=OUT
// RUN: fx-run %s --entry=copy --sym=s0=3 --input=0=%t/a/out0.npy --output-dir=%t/b | FileCheck %s --check-prefix=OUT
// RUN: cmp %t/a/out0.npy %t/b/out0.npy
// The JIT's optimization level changes nothing computed.
// RUN: mkdir -p %t/c && fx-run %s -O0 --entry=copy --sym=s0=3 --seed=1 --output-dir=%t/c | FileCheck %s --check-prefix=OUT
// RUN: cmp %t/a/out0.npy %t/c/out0.npy
// OUT: out0: {{.*}}out0.npy checksum

// RUN: not fx-run %s --entry=double 2>&1 | FileCheck %s --check-prefix=NOSYM
// NOSYM: fx-run: error: missing symbol binding for "s0" (add --sym=s0=VALUE)

// RUN: not fx-run %s --entry=nope --sym=s0=3 2>&1 | FileCheck %s --check-prefix=ENTRY
// ENTRY: fx-run: error: no function @nope in the module

// RUN: not fx-run %s --entry=double --sym=s0=4 --input=0=%t/a/out0.npy 2>&1 | FileCheck %s --check-prefix=SHAPE
// SHAPE: fx-run: error: {{.*}}out0.npy: shape [3, 8], but argument 0 has shape [4, 8] with the bound symbols

// RUN: not fx-run %s --entry=double_f32 --sym=s0=3 --input=0=%t/a/out0.npy 2>&1 | FileCheck %s --check-prefix=DTYPE
// DTYPE: fx-run: error: {{.*}}out0.npy: dtype <f2, but argument 0 needs <f4 (f32)

// RUN: not fx-run %s --entry=double --sym=s0=3 --input=0=%t/missing.npy 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: fx-run: error: --input=0={{.*}}missing.npy: No such file or directory

// An input the op verifiers accept but fx-verify rejects (the call checks)
// is reported as invalid input, before any pass order or the lowering runs.
// RUN: not fx-run %S/Inputs/calls-invalid.mlir --entry=main -O0 --check-passes 2>&1 | FileCheck %s --check-prefix=INVALID
// RUN: not fx-run %S/Inputs/calls-invalid.mlir --entry=main -O0 --no-fx-passes 2>&1 | FileCheck %s --check-prefix=INVALID
// INVALID-NOT: compile
// INVALID: calls-invalid.mlir":7:8{{.*}}error: 'func.call' op operands 0 and 1 share storage
// INVALID-NEXT: fx-run: error: {{.*}}calls-invalid.mlir is not valid fx IR: fx-verify failed (see above)
// INVALID-NOT: passes of order
// INVALID-NOT: lowering

// RUN: not fx-run %s --bogus 2>&1 | FileCheck %s --check-prefix=FLAG
// FLAG: fx-run: error: unknown argument '--bogus' (see --help)

// RUN: not fx-run %s -O4 2>&1 | FileCheck %s --check-prefix=OPT
// OPT: fx-run: error: -O4: the optimization level must be 0, 1, 2 or 3

func.func @copy(%x: !fx.tensor<["s0", 8], f16>) -> !fx.tensor<["s0", 8], f16> {
  %0 = fx.call "aten::clone"(self = %x)
      : (!fx.tensor<["s0", 8], f16>)
      -> !fx.tensor<["s0", 8], f16>

  return %0 : !fx.tensor<["s0", 8], f16>
}

func.func @double(%x: !fx.tensor<["s0", 8], f16>) -> !fx.tensor<["s0", 8], f16> {
  %0 = fx.call "aten::add.Tensor"(self = %x, other = %x)
      : (!fx.tensor<["s0", 8], f16>, !fx.tensor<["s0", 8], f16>)
      -> !fx.tensor<["s0", 8], f16>

  return %0 : !fx.tensor<["s0", 8], f16>
}

func.func @double_f32(%x: !fx.tensor<["s0", 8], f32>) -> !fx.tensor<["s0", 8], f32> {
  %0 = fx.call "aten::add.Tensor"(self = %x, other = %x)
      : (!fx.tensor<["s0", 8], f32>, !fx.tensor<["s0", 8], f32>)
      -> !fx.tensor<["s0", 8], f32>

  return %0 : !fx.tensor<["s0", 8], f32>
}
