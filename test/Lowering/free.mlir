// fx-lower-to-runtime frees what it allocates after the last use of the
// tensors that share the storage (lowering/Liveness.c; docs/runtime.md,
// "Memory"): fxrt_free of the storage's aligned pointer.  Storage an
// argument or a returned value shares is never freed.
// RUN: fx-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(fx-lower-to-runtime)' | FileCheck %s

// %a dies at the add that reads it last; %b and its reshape %c die at the
// second clone; %e (returned) is never freed.
// CHECK-LABEL: func.func @free_after_last_use
// CHECK: %[[A:.*]] = call @fxrt_alloc
// CHECK-NEXT: %[[AV:.*]] = memref.view %[[A]]
// CHECK-NEXT: %[[AC:.*]] = memref.cast %[[AV]]
// CHECK: call @fxrt_copy
// CHECK-NOT: call @fxrt_free
// CHECK: %[[B:.*]] = call @fxrt_alloc
// CHECK-NEXT: %[[BV:.*]] = memref.view %[[B]]
// CHECK-NEXT: %[[BC:.*]] = memref.cast %[[BV]]
// CHECK-NOT: call @fxrt_free
// CHECK: call @fxrt_aten__add_Tensor
// CHECK-NEXT: %[[P:.*]] = memref.extract_aligned_pointer_as_index %[[AC]]
// CHECK-NEXT: %[[I:.*]] = arith.index_cast %[[P]]
// CHECK-NEXT: call @fxrt_free(%[[I]])
// CHECK-NOT: call @fxrt_free
// CHECK: call @fxrt_copy
// CHECK-NEXT: %[[P2:.*]] = memref.extract_aligned_pointer_as_index %[[BC]]
// CHECK-NEXT: %[[I2:.*]] = arith.index_cast %[[P2]]
// CHECK-NEXT: call @fxrt_free(%[[I2]])
// CHECK-NEXT: memref.extract_aligned_pointer_as_index
// CHECK-NEXT: arith.index_cast
// CHECK-NEXT: call @fxrt_free
// CHECK-NOT: call @fxrt_free
// CHECK: return
func.func @free_after_last_use(%x: !fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 8], f32> {
  %a = fx.call "aten::clone"(self = %x) : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 8], f32>
  %b = fx.call "aten::add.Tensor"(self = %a, other = %x) : (!fx.tensor<[4, 8], f32>, !fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 8], f32>
  %c = fx.reshape %b, shape = [32] : !fx.tensor<[4, 8], f32> -> !fx.tensor<[32], f32>
  %d = fx.call "aten::clone"(self = %c) : (!fx.tensor<[32], f32>) -> !fx.tensor<[32], f32>
  %e = fx.reshape %d, shape = [4, 8] : !fx.tensor<[32], f32> -> !fx.tensor<[4, 8], f32>
  return %e : !fx.tensor<[4, 8], f32>
}

// -----

// A view keeps its base alive: %a is freed after the last read of its
// slice %s (the second add), not after the first add, its own last use.
// CHECK-LABEL: func.func @view_keeps_base_alive
// CHECK: call @fxrt_aten__add_Tensor
// CHECK-NOT: call @fxrt_free
// CHECK: call @fxrt_aten__add_Tensor
// CHECK-NEXT: memref.extract_aligned_pointer_as_index
// CHECK-NEXT: arith.index_cast
// CHECK-NEXT: call @fxrt_free
// CHECK-NOT: call @fxrt_free
// CHECK: return
func.func @view_keeps_base_alive(%x: !fx.tensor<[4, 8], f32>, %y: !fx.tensor<[2, 8], f32>) -> (!fx.tensor<[4, 8], f32>, !fx.tensor<[2, 8], f32>) {
  %a = fx.call "aten::clone"(self = %x) : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 8], f32>
  %s = fx.slice %a, dim = 0, start = 0, end = 2, step = 1 : !fx.tensor<[4, 8], f32> -> !fx.tensor<[2, 8], f32>
  %b = fx.call "aten::add.Tensor"(self = %a, other = %x) : (!fx.tensor<[4, 8], f32>, !fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 8], f32>
  %c = fx.call "aten::add.Tensor"(self = %s, other = %y) : (!fx.tensor<[2, 8], f32>, !fx.tensor<[2, 8], f32>) -> !fx.tensor<[2, 8], f32>
  return %b, %c : !fx.tensor<[4, 8], f32>, !fx.tensor<[2, 8], f32>
}

// -----

// torch's view ops (aten::t: `-> Tensor(a)`) join their operand's storage:
// %a is returned through its transpose, so nothing is freed.
// CHECK-LABEL: func.func @negative_returned_through_aten_view
// CHECK-NOT: call @fxrt_free
// CHECK: return
func.func @negative_returned_through_aten_view(%x: !fx.tensor<[4, 8], f32>) -> !fx.tensor<[8, 4], f32> {
  %a = fx.call "aten::clone"(self = %x) : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[4, 8], f32>
  %t = fx.call "aten::t"(self = %a) : (!fx.tensor<[4, 8], f32>) -> !fx.tensor<[8, 4], f32>
  return %t : !fx.tensor<[8, 4], f32>
}

// -----

// A call without a schema may return its operand: %a shares %r's storage,
// which is returned.
// CHECK-LABEL: func.func @negative_unknown_call_may_return_operand
// CHECK-NOT: call @fxrt_free
// CHECK: return
func.func @negative_unknown_call_may_return_operand(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  %a = fx.call "aten::clone"(self = %x) : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  %r = fx.call "mylib::unknown"(x = %a) : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return %r : !fx.tensor<[4], f32>
}

// -----

// aten::copy_ returns its `self` (`Tensor(a!)`): the copy into an argument
// joins %a to the argument's storage, which is the caller's (conservative:
// %a itself could go, but the group is never freed).
// CHECK-LABEL: func.func @negative_joined_to_argument
// CHECK-NOT: call @fxrt_free
// CHECK: return
func.func @negative_joined_to_argument(%x: !fx.tensor<[4], f32>, %y: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  %a = fx.call "aten::clone"(self = %y) : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  %c = fx.call "aten::copy_"(self = %x, src = %a) : (!fx.tensor<[4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  %d = fx.call "aten::clone"(self = %y) : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return %d : !fx.tensor<[4], f32>
}

// -----

// An unused new tensor dies where it is made.
// CHECK-LABEL: func.func @dead_result_freed_at_once
// CHECK: call @fxrt_alloc
// CHECK: call @fxrt_copy
// CHECK-NEXT: memref.extract_aligned_pointer_as_index
// CHECK-NEXT: arith.index_cast
// CHECK-NEXT: call @fxrt_free
// CHECK: call @fxrt_alloc
// CHECK-NOT: call @fxrt_free
// CHECK: return
func.func @dead_result_freed_at_once(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  %a = fx.call "aten::clone"(self = %x) : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  %b = fx.call "aten::clone"(self = %x) : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return %b : !fx.tensor<[4], f32>
}

// -----

// A tensor used inside a nested region has no last use in the body's list
// of ops: nothing is freed early, and a remark says so (so for a body of
// several blocks, @several_blocks).
fx.schema "t::w" = "w(Tensor! out) -> ()"
// CHECK-LABEL: func.func @nested_use_frees_nothing
// CHECK-NOT: call @fxrt_free
// CHECK: return
// expected-remark @below {{no tensor is freed before the function returns: the body has several blocks or uses a tensor inside a nested region}}
func.func @nested_use_frees_nothing(%x: !fx.tensor<[4], f32>, %p: i1) -> !fx.tensor<[4], f32> {
  %a = fx.call "aten::clone"(self = %x) : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  scf.if %p {
    fx.call "t::w"(out = %a) : (!fx.tensor<[4], f32>) -> ()
  }
  %b = fx.call "aten::clone"(self = %x) : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return %b : !fx.tensor<[4], f32>
}

// -----

// A callee may return one tensor twice: its results are one storage even
// without tensor operands, freed after the last use of either.
// CHECK-LABEL: func.func @results_share_storage
// CHECK: call @make
// CHECK: call @fxrt_aten__add_Tensor
// CHECK-NOT: call @fxrt_free
// CHECK: call @fxrt_aten__add_Tensor
// CHECK-NEXT: memref.extract_aligned_pointer_as_index
// CHECK-NEXT: arith.index_cast
// CHECK-NEXT: call @fxrt_free
func.func private @make() -> (!fx.tensor<[4], f32>, !fx.tensor<[4], f32>) {
  %a = fx.call "aten::full"() {size = [4], fill_value = 2.0 : f64} : () -> !fx.tensor<[4], f32>
  return %a, %a : !fx.tensor<[4], f32>, !fx.tensor<[4], f32>
}
func.func @results_share_storage(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  %p:2 = func.call @make() : () -> (!fx.tensor<[4], f32>, !fx.tensor<[4], f32>)
  %b = fx.call "aten::add.Tensor"(self = %p#0, other = %x) : (!fx.tensor<[4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  %c = fx.call "aten::add.Tensor"(self = %p#1, other = %b) : (!fx.tensor<[4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return %c : !fx.tensor<[4], f32>
}

// -----

// CHECK-LABEL: func.func @several_blocks
// CHECK-NOT: call @fxrt_free
// CHECK: return
// expected-remark @below {{no tensor is freed before the function returns: the body has several blocks}}
func.func @several_blocks(%x: !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32> {
  %a = fx.call "aten::clone"(self = %x) : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  %b = fx.call "aten::add.Tensor"(self = %a, other = %x) : (!fx.tensor<[4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  cf.br ^bb1
^bb1:
  %c = fx.call "aten::add.Tensor"(self = %b, other = %x) : (!fx.tensor<[4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return %c : !fx.tensor<[4], f32>
}

// -----

// A tensor made (and used) inside a nested region only is not tracked: it
// is freed when the run ends, a remark says so; the body's own tensors are
// freed as usual (%a, after the add).
fx.schema "t::w" = "w(Tensor! out) -> ()"
// CHECK-LABEL: func.func @nested_tensor_made
// CHECK: scf.if
// CHECK: call @fxrt_aten__add_Tensor
// CHECK-NEXT: memref.extract_aligned_pointer_as_index
// CHECK-NEXT: arith.index_cast
// CHECK-NEXT: call @fxrt_free
// expected-remark @below {{the tensors made inside a nested region are freed only when the run ends}}
func.func @nested_tensor_made(%x: !fx.tensor<[4], f32>, %p: i1) -> !fx.tensor<[4], f32> {
  scf.if %p {
    %t = fx.call "aten::full"() {size = [4], fill_value = 1.0 : f64} : () -> !fx.tensor<[4], f32>
    fx.call "t::w"(out = %t) : (!fx.tensor<[4], f32>) -> ()
  }
  %a = fx.call "aten::clone"(self = %x) : (!fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  %b = fx.call "aten::add.Tensor"(self = %a, other = %x) : (!fx.tensor<[4], f32>, !fx.tensor<[4], f32>) -> !fx.tensor<[4], f32>
  return %b : !fx.tensor<[4], f32>
}
