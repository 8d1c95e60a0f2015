// Legality of writing in place (DESIGN §3): each operand that fails is
// cloned, with a remark saying which and why; the others stay in place.
// RUN: fx-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(func.func(fx-fix-functionalization))' | FileCheck %s

"fx.schema"() {name = "mylib::scale_", signature = "scale_(Tensor! out, Tensor x) -> ()"} : () -> ()

// (a) The mutated buffer's old value is read after the call.
// CHECK-LABEL: func.func @negative_read_later
// CHECK: %[[IN:.*]] = "fx.call"{{.*}}target = "aten::cos"
// CHECK-NEXT: %[[CLONE:.*]] = "fx.call"(%[[IN]]) {{.*}}target = "aten::clone"
// CHECK-NEXT: "fx.call"(%[[CLONE]], {{.*}}target = "_C::fused_add_rms_norm"
// CHECK-NEXT: "fx.call"(%[[IN]]){{.*}}target = "aten::cos"
func.func @negative_read_later(%x: !fx.tensor<["s0", 4096], f16>, %r: !fx.tensor<["s0", 4096], f16> {fx.donated}, %w: !fx.tensor<[4096], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) {
  %in = "fx.call"(%x) {target = "aten::cos", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  // expected-remark @below {{cloned operand 'input': it is read after the call at loc("reader")}}
  %0:2 = "fx.auto_functionalized"(%in, %r, %w) {target = "_C::fused_add_rms_norm", arg_names = ["input", "residual", "weight"], args = {epsilon = 1.0e-06 : f64}, operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>)
  %old = "fx.call"(%in) {target = "aten::cos", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16> loc("reader")
  return %0#0, %0#1, %old : !fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>
}

// (a) A view of it is read after the call.
// CHECK-LABEL: func.func @negative_view_read_later
// CHECK: "fx.call"{{.*}}target = "aten::clone"
// CHECK: target = "_C::rms_norm"
func.func @negative_view_read_later(%x: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 128, 32], f16>) {
  %buf = "fx.call"(%x) {target = "aten::cos", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  %v = "fx.view"(%buf) {shape = [-1, 128, 32]} : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 128, 32], f16>
  // expected-remark @below {{cloned operand 'result': it is read after the call at loc("reader")}}
  %0 = "fx.auto_functionalized"(%buf, %x, %w) {target = "_C::rms_norm", arg_names = ["result", "input", "weight"], args = {epsilon = 1.0e-06 : f64}, operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  %old = "fx.call"(%v) {target = "aten::cos", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 128, 32], f16>) -> !fx.tensor<["s0", 128, 32], f16> loc("reader")
  return %0, %old : !fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 128, 32], f16>
}

// (a) The base of a mutated slice is read after the call.
// CHECK-LABEL: func.func @negative_base_read_later
// CHECK: %[[Q:.*]] = "fx.slice"
// CHECK: %[[CLONE:.*]] = "fx.call"(%[[Q]]) {{.*}}target = "aten::clone"
// CHECK: "fx.call"(%{{[^,]*}}, %[[CLONE]], {{.*}}target = "_C::rotary_embedding"
func.func @negative_base_read_later(%positions: !fx.tensor<["s0"], i64>, %h: !fx.tensor<["s0", 4096], f16>, %wqkv: !fx.tensor<[4096, 6144], f16>, %cache: !fx.tensor<[4096, 128], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 6144], f16>) {
  %qkv = "fx.call"(%h, %wqkv) {target = "aten::mm", arg_names = ["self", "mat2"], args = {}, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096, 6144], f16>) -> !fx.tensor<["s0", 6144], f16>
  %q = "fx.slice"(%qkv) {dim = 1 : i64, start = 0 : i64, end = 4096 : i64, step = 1 : i64} : (!fx.tensor<["s0", 6144], f16>) -> !fx.tensor<["s0", 4096], f16>
  // expected-remark @below {{cloned operand 'query': it is read after the call at loc("reader")}}
  %rot = "fx.auto_functionalized"(%positions, %q, %cache) {target = "_C::rotary_embedding", arg_names = ["positions", "query", "cos_sin_cache"], args = {head_size = 128, is_neox = true}, operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0"], i64>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096, 128], f16>) -> !fx.tensor<["s0", 4096], f16>
  %old = "fx.call"(%qkv) {target = "aten::cos", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 6144], f16>) -> !fx.tensor<["s0", 6144], f16> loc("reader")
  return %rot, %old : !fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 6144], f16>
}

// A disjoint slice of the same base read later is no conflict: v is read
// after rotary wrote q and k in place (the split_with_sizes pattern).
// CHECK-LABEL: func.func @disjoint_slice_read_later
// CHECK-NOT: aten::clone
// CHECK: target = "_C::rotary_embedding"
func.func @disjoint_slice_read_later(%positions: !fx.tensor<["s0"], i64>, %h: !fx.tensor<["s0", 4096], f16>, %wqkv: !fx.tensor<[4096, 6144], f16>, %cache: !fx.tensor<[4096, 128], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 1024], f16>, !fx.tensor<["s0", 1024], f16>) {
  %qkv = "fx.call"(%h, %wqkv) {target = "aten::mm", arg_names = ["self", "mat2"], args = {}, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096, 6144], f16>) -> !fx.tensor<["s0", 6144], f16>
  %q = "fx.slice"(%qkv) {dim = 1 : i64, start = 0 : i64, end = 4096 : i64, step = 1 : i64} : (!fx.tensor<["s0", 6144], f16>) -> !fx.tensor<["s0", 4096], f16>
  %k = "fx.slice"(%qkv) {dim = 1 : i64, start = 4096 : i64, end = 5120 : i64, step = 1 : i64} : (!fx.tensor<["s0", 6144], f16>) -> !fx.tensor<["s0", 1024], f16>
  %v = "fx.slice"(%qkv) {dim = 1 : i64, start = 5120 : i64, end = 6144 : i64, step = 1 : i64} : (!fx.tensor<["s0", 6144], f16>) -> !fx.tensor<["s0", 1024], f16>
  %rot:2 = "fx.auto_functionalized"(%positions, %q, %k, %cache) {target = "_C::rotary_embedding", arg_names = ["positions", "query", "key", "cos_sin_cache"], args = {head_size = 128, is_neox = true}, operandSegmentSizes = array<i32: 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0"], i64>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 1024], f16>, !fx.tensor<[4096, 128], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 1024], f16>)
  %v1 = "fx.call"(%v) {target = "aten::cos", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 1024], f16>) -> !fx.tensor<["s0", 1024], f16>
  return %rot#0, %rot#1, %v1 : !fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 1024], f16>, !fx.tensor<["s0", 1024], f16>
}

// (b) Two operands of the same call share storage (op(out=x, x=x)).
// CHECK-LABEL: func.func @negative_same_call_alias
// CHECK: %[[X:.*]] = "fx.call"{{.*}}target = "aten::cos"
// CHECK-NEXT: %[[CLONE:.*]] = "fx.call"(%[[X]]) {{.*}}target = "aten::clone"
// CHECK-NEXT: "fx.call"(%[[CLONE]], %[[X]]) {{.*}}target = "mylib::scale_"
func.func @negative_same_call_alias(%a: !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16> {
  %x = "fx.call"(%a) {target = "aten::cos", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  // expected-remark @below {{cloned operand 'out': operand 'x' of the same call shares its storage}}
  %0 = "fx.auto_functionalized"(%x, %x) {target = "mylib::scale_", arg_names = ["out", "x"], args = {}, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  return %0 : !fx.tensor<["s0", 4096], f16>
}

// (c) A function argument belongs to the caller ...
// CHECK-LABEL: func.func @negative_argument
// CHECK-SAME: (%[[R:[^:]*]]:
// CHECK: %[[CLONE:.*]] = "fx.call"(%[[R]]) {{.*}}target = "aten::clone"
// CHECK: return %{{.*}}, %[[CLONE]]
func.func @negative_argument(%residual: !fx.tensor<["s0", 4096], f16>, %x: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) {
  %in = "fx.call"(%x) {target = "aten::cos", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  // expected-remark @below {{cloned operand 'residual': it is function argument 0, which is neither donated (fx.donated) nor written back with aten::copy_}}
  %0:2 = "fx.auto_functionalized"(%in, %residual, %w) {target = "_C::fused_add_rms_norm", arg_names = ["input", "residual", "weight"], args = {epsilon = 1.0e-06 : f64}, operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>)
  return %0#0, %0#1 : !fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>
}

// ... unless donated ...
// CHECK-LABEL: func.func @donated_argument
// CHECK-SAME: (%[[R:[^:]*]]:
// CHECK-NOT: aten::clone
// CHECK: return %{{.*}}, %[[R]]
func.func @donated_argument(%residual: !fx.tensor<["s0", 4096], f16> {fx.donated}, %x: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) {
  %in = "fx.call"(%x) {target = "aten::cos", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  %0:2 = "fx.auto_functionalized"(%in, %residual, %w) {target = "_C::fused_add_rms_norm", arg_names = ["input", "residual", "weight"], args = {epsilon = 1.0e-06 : f64}, operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>)
  return %0#0, %0#1 : !fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>
}

// ... or written back with aten::copy_ at the end (Inductor's epilogue),
// which then disappears.
// CHECK-LABEL: func.func @copy_back_argument
// CHECK-SAME: (%[[R:[^:]*]]:
// CHECK-NOT: aten::clone
// CHECK: "fx.call"(%{{[^,]*}}, %[[R]], {{.*}}target = "_C::fused_add_rms_norm"
// CHECK-NOT: aten::copy_
// CHECK: return
func.func @copy_back_argument(%residual: !fx.tensor<["s0", 4096], f16>, %x: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>) -> !fx.tensor<["s0", 4096], f16> {
  %in = "fx.call"(%x) {target = "aten::cos", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  %0:2 = "fx.auto_functionalized"(%in, %residual, %w) {target = "_C::fused_add_rms_norm", arg_names = ["input", "residual", "weight"], args = {epsilon = 1.0e-06 : f64}, operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>)
  %c = "fx.call"(%residual, %0#1) {target = "aten::copy_", arg_names = ["self", "src"], args = {}, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  return %0#0 : !fx.tensor<["s0", 4096], f16>
}

// A chain of three in-place calls on one buffer: no clone.
// CHECK-LABEL: func.func @chain_of_three
// CHECK: %[[BUF:.*]] = "fx.call"{{.*}}target = "aten::cos"
// CHECK-NOT: aten::clone
// CHECK: "fx.call"(%[[BUF]], {{.*}}target = "mylib::scale_"
// CHECK-NEXT: "fx.call"(%[[BUF]], {{.*}}target = "mylib::scale_"
// CHECK-NEXT: "fx.call"(%[[BUF]], {{.*}}target = "mylib::scale_"
// CHECK-NEXT: return %[[BUF]]
func.func @chain_of_three(%a: !fx.tensor<["s0", 4096], f16>, %x: !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16> {
  %buf = "fx.call"(%a) {target = "aten::cos", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  %0 = "fx.auto_functionalized"(%buf, %x) {target = "mylib::scale_", arg_names = ["out", "x"], args = {}, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  %1 = "fx.auto_functionalized"(%0, %x) {target = "mylib::scale_", arg_names = ["out", "x"], args = {}, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  %2 = "fx.auto_functionalized"(%1, %x) {target = "mylib::scale_", arg_names = ["out", "x"], args = {}, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  return %2 : !fx.tensor<["s0", 4096], f16>
}

// Only the offending operand is cloned: input stays in place.
// CHECK-LABEL: func.func @only_offending_operand
// CHECK: %[[IN:.*]] = "fx.call"{{.*}}target = "aten::cos"
// CHECK: %[[RES:.*]] = "fx.call"{{.*}}target = "aten::cos"
// CHECK-NEXT: %[[CLONE:.*]] = "fx.call"(%[[RES]]) {{.*}}target = "aten::clone"
// CHECK-NEXT: "fx.call"(%[[IN]], %[[CLONE]], {{.*}}target = "_C::fused_add_rms_norm"
// CHECK-NEXT: "fx.call"(%[[RES]])
// CHECK-NEXT: return %[[IN]], %[[CLONE]]
func.func @only_offending_operand(%x: !fx.tensor<["s0", 4096], f16>, %r: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) {
  %in = "fx.call"(%x) {target = "aten::cos", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  %res = "fx.call"(%r) {target = "aten::cos", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  // expected-remark @below {{cloned operand 'residual': it is read after the call at loc("reader")}}
  %0:2 = "fx.auto_functionalized"(%in, %res, %w) {target = "_C::fused_add_rms_norm", arg_names = ["input", "residual", "weight"], args = {epsilon = 1.0e-06 : f64}, operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>) -> (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>)
  %old = "fx.call"(%res) {target = "aten::cos", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16> loc("reader")
  return %0#0, %0#1, %old : !fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>
}

// -----

// A scatter of a slice back into its own base, whose base is written in place
// after it, stays (its result is a snapshot), and says so.
"fx.schema"() {name = "mylib::scale_", signature = "scale_(Tensor! out, Tensor x) -> ()"} : () -> ()
// CHECK-LABEL: func.func @negative_scatter_back_base_written_later
// CHECK: fx.slice_scatter
func.func @negative_scatter_back_base_written_later(%a: !fx.tensor<["s0", 6144], f16>) -> !fx.tensor<["s0", 6144], f16> {
  %qkv = "fx.call"(%a) {target = "aten::cos", arg_names = ["self"], args = {}, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 6144], f16>) -> !fx.tensor<["s0", 6144], f16>
  %q = "fx.slice"(%qkv) {dim = 1 : i64, start = 0 : i64, end = 4096 : i64, step = 1 : i64} : (!fx.tensor<["s0", 6144], f16>) -> !fx.tensor<["s0", 4096], f16>
  // expected-remark @below {{kept: removing this scatter-back would share storage that the in-place call at loc("writer") writes}}
  %qkv1 = "fx.slice_scatter"(%qkv, %q) {dim = 1 : i64, start = 0 : i64, end = 4096 : i64, step = 1 : i64} : (!fx.tensor<["s0", 6144], f16>, !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 6144], f16>
  "fx.call"(%qkv, %a) {target = "mylib::scale_", arg_names = ["out", "x"], args = {}, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 0, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0", 6144], f16>, !fx.tensor<["s0", 6144], f16>) -> () loc("writer")
  return %qkv1 : !fx.tensor<["s0", 6144], f16>
}

// A scatter-back into a donated argument that is then returned stays: the
// result would be the argument itself.
// CHECK-LABEL: func.func @negative_scatter_back_into_returned_argument
// CHECK: fx.slice_scatter
func.func @negative_scatter_back_into_returned_argument(%positions: !fx.tensor<["s0"], i64>, %qkv: !fx.tensor<["s0", 6144], f16> {fx.donated}, %cache: !fx.tensor<[4096, 128], f16>) -> !fx.tensor<["s0", 6144], f16> {
  %q = "fx.slice"(%qkv) {dim = 1 : i64, start = 0 : i64, end = 4096 : i64, step = 1 : i64} : (!fx.tensor<["s0", 6144], f16>) -> !fx.tensor<["s0", 4096], f16>
  %rot = "fx.auto_functionalized"(%positions, %q, %cache) {target = "_C::rotary_embedding", arg_names = ["positions", "query", "cos_sin_cache"], args = {head_size = 128, is_neox = true}, operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>}
      : (!fx.tensor<["s0"], i64>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096, 128], f16>) -> !fx.tensor<["s0", 4096], f16>
  // expected-remark @below {{kept: removing this scatter-back would make a function result alias argument 1}}
  %qkv1 = "fx.slice_scatter"(%qkv, %rot) {dim = 1 : i64, start = 0 : i64, end = 4096 : i64, step = 1 : i64} : (!fx.tensor<["s0", 6144], f16>, !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 6144], f16>
  return %qkv1 : !fx.tensor<["s0", 6144], f16>
}
