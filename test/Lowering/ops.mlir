// fx-lower-to-runtime: each fx op's lowering, and the runtime calls it makes.
// RUN: fx-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(fx-lower-to-runtime)' | FileCheck %s

fx.schema "mylib::scale_" = "scale_(Tensor! out, Tensor x, float alpha, str tag) -> ()"

// Types become strided memrefs, !fx.sym becomes index.  Arguments take
// every dim as `?` and are cast to their declared static dims inside: the
// entry checks the caller's descriptor against them (each static dim, each
// dim that repeats a symbol) and every symbol value against 0.
// CHECK-LABEL: func.func @signature
// CHECK-SAME: (%[[X:.*]]: memref<?x?xf16, strided<[?, ?], offset: ?>>, %[[N:.*]]: index) -> memref<?x4096xf16, strided<[?, ?], offset: ?>>
// CHECK: %[[C:.*]] = memref.cast %[[X]] : memref<?x?xf16, strided<[?, ?], offset: ?>> to memref<?x4096xf16, strided<[?, ?], offset: ?>>
// CHECK: %[[C1:.*]] = arith.constant 1 : index
// CHECK: %[[D1:.*]] = memref.dim %[[X]], %[[C1]]
// CHECK: call @fxrt_at(
// CHECK: call @fxrt_check_size(
// CHECK: %[[S1:.*]] = arith.index_cast %[[N]] : index to i64
// CHECK-NEXT: call @fxrt_check_size(%[[S1]],
// CHECK: %[[G:.*]] = arith.index_cast %[[D1]] : index to i64
// CHECK: call @fxrt_check_eq(%[[G]],
// CHECK-NOT: fxrt_
// CHECK: return %[[C]]
func.func @signature(%x: !fx.tensor<["s0", 4096], f16>, %n: !fx.sym<"s1">) -> !fx.tensor<["s0", 4096], f16> {
  return %x : !fx.tensor<["s0", 4096], f16>
}

// A function without fx values is left alone (no check, no runtime call).
// CHECK-LABEL: func.func @plain
// CHECK-NOT: fxrt_
// CHECK: return
func.func @plain(%a: i32) -> i32 {
  return %a : i32
}

// A second argument with the same symbol is checked against the first.
// CHECK-LABEL: func.func @shared_symbol
// CHECK-SAME: (%[[X:.*]]: memref<?x?xf32, {{.*}}>, %[[Y:.*]]: memref<?x?xf32, {{.*}}>)
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[DX:.*]] = memref.dim %[[X]], %[[C0]]
// CHECK-DAG: %[[DY:.*]] = memref.dim %[[Y]], %[[C0]]
// CHECK: %[[GY:.*]] = arith.index_cast %[[DY]] : index to i64
// CHECK-NEXT: %[[GX:.*]] = arith.index_cast %[[DX]] : index to i64
// CHECK-NEXT: call @fxrt_check_eq(%[[GY]], %[[GX]],
func.func @shared_symbol(%x: !fx.tensor<["s0", 2], f32>, %y: !fx.tensor<["s0", 3], f32>) {
  return
}

// A slice is a subview: no copy, no allocation, and no run-time check when
// the types decide its length.
// CHECK-LABEL: func.func @slice
// CHECK: memref.subview
// CHECK-NOT: fxrt_
// CHECK: return
func.func @slice(%qkv: !fx.tensor<["s0", 6144], f16>) -> !fx.tensor<["s0", 4096], f16> {
  %q = fx.slice %qkv, dim = 1, start = 0, end = 4096, step = 1 : !fx.tensor<["s0", 6144], f16> -> !fx.tensor<["s0", 4096], f16>
  return %q : !fx.tensor<["s0", 4096], f16>
}

// Where the length depends on symbol values, fxrt_slice checks it under
// torch's rule and gives the clamped start.
// CHECK-LABEL: func.func @slice_symbolic_end
// CHECK: %[[START:.*]] = call @fxrt_slice(
// CHECK-NEXT: %[[OFF:.*]] = arith.index_cast %[[START]] : i64 to index
// CHECK-NEXT: memref.subview %{{.*}}[%[[OFF]], %{{.*}}]
func.func @slice_symbolic_end(%x: !fx.tensor<["s0", 4], f32>, %n: !fx.sym<"s1">) -> !fx.tensor<["s1", 4], f32> {
  %y = fx.slice %x, dim = 0, start = 0, end = "s1", step = 1 : !fx.tensor<["s0", 4], f32> -> !fx.tensor<["s1", 4], f32>
  return %y : !fx.tensor<["s1", 4], f32>
}

// A static slice of a symbolic dim too: [0:2] of s0 rows may hold fewer.
// CHECK-LABEL: func.func @slice_static_of_symbolic
// CHECK: %[[C2:.*]] = arith.constant 2 : i64
// CHECK: call @fxrt_slice(%{{.*}}, %{{.*}}, %[[C2]], %{{.*}}, %[[C2]],
// CHECK: memref.subview
func.func @slice_static_of_symbolic(%x: !fx.tensor<["s0", 8], f32>) -> !fx.tensor<[2, 8], f32> {
  %s = fx.slice %x, dim = 0, start = 0, end = 2, step = 1 : !fx.tensor<["s0", 8], f32> -> !fx.tensor<[2, 8], f32>
  return %s : !fx.tensor<[2, 8], f32>
}

// A view or reshape is one fxrt_reshape call: the input's descriptor goes
// into a scratch slot, the result's comes out of another; no control flow.
// CHECK-LABEL: func.func @view
// CHECK-DAG: %[[IN:.*]] = memref.view %{{.*}}[%{{.*}}][] : memref<?xi8> to memref<1xmemref<?x4096xf16, strided<[?, ?], offset: ?>>>
// CHECK-DAG: %[[OUT:.*]] = memref.view %{{.*}}[%{{.*}}][] : memref<?xi8> to memref<1xmemref<?x32x128xf16, strided<[?, ?, ?], offset: ?>>>
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0 : i64
// CHECK: memref.store %{{.*}}, %[[IN]]
// CHECK-NEXT: call @fxrt_at(
// CHECK-NEXT: call @fxrt_reshape(%{{[^,]*}}, %{{[^,]*}}, %{{[^,]*}}, %{{[^,]*}}, %{{[^,]*}}, %[[ZERO]],
// CHECK-NEXT: %[[R:.*]] = memref.load %[[OUT]]
// CHECK-NOT: scf.if
// CHECK: return %[[R]]
func.func @view(%x: !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 32, 128], f16> {
  %v = fx.view %x, shape = [-1, 32, 128] : !fx.tensor<["s0", 4096], f16> -> !fx.tensor<["s0", 32, 128], f16>
  return %v : !fx.tensor<["s0", 32, 128], f16>
}

// A reshape may copy (flags 1, FXRT_RESHAPE_MAY_COPY); the new sizes follow.
// CHECK-LABEL: func.func @reshape
// CHECK-DAG: %[[ONE:.*]] = arith.constant 1 : i64
// CHECK-DAG: %[[C8:.*]] = arith.constant 8 : i64
// CHECK-DAG: %[[C512:.*]] = arith.constant 512 : i64
// CHECK: call @fxrt_reshape(%{{[^,]*}}, %{{[^,]*}}, %{{[^,]*}}, %{{[^,]*}}, %{{[^,]*}}, %[[ONE]], %[[C8]], %[[C512]],
func.func @reshape(%x: !fx.tensor<[8, 32, 16], f32>) -> !fx.tensor<[8, 512], f32> {
  %v = fx.reshape %x, shape = [8, 512] : !fx.tensor<[8, 32, 16], f32> -> !fx.tensor<[8, 512], f32>
  return %v : !fx.tensor<[8, 512], f32>
}

// slice_scatter: new storage, a copy of the base, a copy of src into it.
// CHECK-LABEL: func.func @slice_scatter
// CHECK: call @fxrt_alloc
// CHECK: call @fxrt_copy
// CHECK-NOT: fxrt_slice
// CHECK: memref.subview
// CHECK: call @fxrt_copy
func.func @slice_scatter(%qkv: !fx.tensor<["s0", 6144], f16>, %q: !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 6144], f16> {
  %s = fx.slice_scatter %qkv, %q, dim = 1, start = 0, end = 4096, step = 1 : (!fx.tensor<["s0", 6144], f16>, !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 6144], f16>
  return %s : !fx.tensor<["s0", 6144], f16>
}

// A region whose length depends on symbols is checked against src before
// anything is copied into it.
// CHECK-LABEL: func.func @slice_scatter_symbolic
// CHECK: call @fxrt_alloc
// CHECK: call @fxrt_copy
// CHECK: call @fxrt_slice
// CHECK: memref.subview
// CHECK: call @fxrt_copy
func.func @slice_scatter_symbolic(%x: !fx.tensor<["s0", 8], f32>, %y: !fx.tensor<["s0", "s1"], f32>) -> !fx.tensor<["s0", 8], f32> {
  %s = fx.slice_scatter %x, %y, dim = 1, start = 0, end = 4, step = 1 : (!fx.tensor<["s0", 8], f32>, !fx.tensor<["s0", "s1"], f32>) -> !fx.tensor<["s0", 8], f32>
  return %s : !fx.tensor<["s0", 8], f32>
}

// Allocation sizes: static dims multiply at compile time, symbols at run
// time with an overflow check (-1 tells fxrt_alloc the size overflowed).
// CHECK-LABEL: func.func @alloc_size
// CHECK-DAG: %[[M1:.*]] = arith.constant -1 : i64
// CHECK-DAG: %[[B:.*]] = arith.constant 16384 : i64
// CHECK: %[[LO:.*]], %[[HI:.*]] = arith.mulsi_extended %[[B]], %{{.*}} : i64
// CHECK: %[[NEG:.*]] = arith.cmpi slt, %[[LO]]
// CHECK: %[[SEL:.*]] = arith.select %{{.*}}, %[[M1]], %[[LO]] : i64
// CHECK: call @fxrt_alloc(%[[SEL]])
func.func @alloc_size(%x: !fx.tensor<["s0", 4096], f32>) -> !fx.tensor<["s0", 4096], f32> {
  %c = fx.call "aten::clone"(self = %x)
      : (!fx.tensor<["s0", 4096], f32>) -> !fx.tensor<["s0", 4096], f32>
  return %c : !fx.tensor<["s0", 4096], f32>
}

// An in-place kernel call: tensor records and the epsilon.
// CHECK-LABEL: func.func @kernel
// CHECK: call @fxrt_alloc
// CHECK-NOT: fxrt_copy
// CHECK: call @fxrt__C__rms_norm({{.*}}) : (memref<?xi64>, memref<?xi64>, memref<?xi64>, f64) -> ()
func.func @kernel(%x: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>) -> !fx.tensor<["s0", 4096], f16> {
  %buf = fx.call "aten::empty_like"(self = %x)
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  fx.call "_C::rms_norm"(result = %buf, input = %x, weight = %w)
      {epsilon = 1.0e-06 : f64} : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>) -> ()
  return %buf : !fx.tensor<["s0", 4096], f16>
}

// The functional form copies what it mutates, then calls in place.
// CHECK-LABEL: func.func @auto_functionalized
// CHECK: call @fxrt_alloc
// CHECK: call @fxrt_copy
// CHECK: call @fxrt__C__rms_norm
func.func @auto_functionalized(%out: !fx.tensor<["s0", 4096], f16>, %x: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096], f16>) -> !fx.tensor<["s0", 4096], f16> {
  %0 = fx.auto_functionalized "_C::rms_norm"(result = %out, input = %x, weight = %w)
      {epsilon = 1.0e-06 : f64} : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  return %0 : !fx.tensor<["s0", 4096], f16>
}

// An absent optional tensor is an absent record (dtype -1).
// CHECK-LABEL: func.func @optional_absent
// CHECK: arith.constant -1 : i64
// CHECK: call @fxrt__C__rotary_embedding({{.*}}) : (memref<?xi64>, memref<?xi64>, memref<?xi64>, i64, memref<?xi64>, i64, i64, i64) -> ()
func.func @optional_absent(%pos: !fx.tensor<["s0"], i64>, %q: !fx.tensor<["s0", 4096], f16>, %cache: !fx.tensor<[4096, 128], f16>) {
  fx.call "_C::rotary_embedding"(positions = %pos, query = %q, cos_sin_cache = %cache)
      {head_size = 128, is_neox = true} : (!fx.tensor<["s0"], i64>, !fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096, 128], f16>) -> ()
  return
}

// aten storage ops: clone allocates and copies, copy_ copies.
// CHECK-LABEL: func.func @storage_ops
// CHECK: call @fxrt_alloc
// CHECK: call @fxrt_copy
// CHECK: call @fxrt_copy
func.func @storage_ops(%x: !fx.tensor<["s0", 4096], f16>, %y: !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16> {
  %c = fx.call "aten::clone"(self = %x)
      : (!fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  %d = fx.call "aten::copy_"(self = %y, src = %c)
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  return %d : !fx.tensor<["s0", 4096], f16>
}

// A tensor-returning kernel gets its out tensor first.
// CHECK-LABEL: func.func @mm
// CHECK: call @fxrt_alloc
// CHECK: call @fxrt_aten__mm({{.*}}) : (memref<?xi64>, memref<?xi64>, memref<?xi64>) -> ()
func.func @mm(%x: !fx.tensor<["s0", 4096], f16>, %w: !fx.tensor<[4096, 4096], f16>) -> !fx.tensor<["s0", 4096], f16> {
  %0 = fx.call "aten::mm"(self = %x, mat2 = %w)
      : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<[4096, 4096], f16>) -> !fx.tensor<["s0", 4096], f16>
  return %0 : !fx.tensor<["s0", 4096], f16>
}

// A user op: ranked memrefs, float as f64, str as the address of a
// constant; called only while no run error is pending (fxrt_at says);
// fxrt_user_op names its parameters' dtypes and ranks first: "1:2,1:2,-,-"
// (f16 is code 1; the float and the str are no tensors).
// CHECK-LABEL: func.func @user_op
// CHECK: memref.get_global @__fx_str
// CHECK-COUNT-3: call @fxrt_check_eq(
// CHECK: %[[OK:.*]] = call @fxrt_at(
// CHECK-NEXT: call @fxrt_user_op(%{{.*}}) : (i64) -> ()
// CHECK-NEXT: %[[GO:.*]] = arith.cmpi ne, %[[OK]], %{{.*}} : i64
// CHECK-NEXT: scf.if %[[GO]] {
// CHECK-NEXT: func.call @fxrt_mylib__scale_({{.*}}) : (memref<?x4096xf16, strided<[?, ?], offset: ?>>, memref<?x4096xf16, strided<[?, ?], offset: ?>>, f64, i64) -> ()
// CHECK-NEXT: }
func.func @user_op(%out: !fx.tensor<["s0", 4096], f16>, %x: !fx.tensor<["s0", 4096], f16>) {
  fx.call "mylib::scale_"(out = %out, x = %x)
      {alpha = 2.0 : f64, tag = "layer0"} : (!fx.tensor<["s0", 4096], f16>, !fx.tensor<["s0", 4096], f16>) -> ()
  return
}
// CHECK: func.func private @fxrt_mylib__scale_({{.*}}) attributes {llvm.emit_c_interface}
// CHECK: memref.global "private" constant @{{.*}} : memref<12xi8> = dense<[49, 58, 50, 44, 49, 58, 50, 44, 45, 44, 45, 0]>
// CHECK: func.func private @fxrt_user_op(i64) attributes {llvm.emit_c_interface}

// -----

// A left-out optional tensor reaches a user op as a null pointer (i64 0),
// and its dtype entry is "-": "1:2,-".
fx.schema "mylib::maybe_" = "maybe_(Tensor! out, Tensor? x) -> ()"
// CHECK-LABEL: func.func @user_op_optional_absent
// CHECK: %[[NULL:.*]] = arith.constant 0 : i64
// CHECK: call @fxrt_user_op(
// CHECK: func.call @fxrt_mylib__maybe_(%{{.*}}, %[[NULL]]) : (memref<?x4096xf16, strided<[?, ?], offset: ?>>, i64) -> ()
// CHECK: func.func private @fxrt_mylib__maybe_(memref<?x4096xf16, strided<[?, ?], offset: ?>>, i64) attributes {llvm.emit_c_interface}
// CHECK: memref.global "private" constant @{{.*}} : memref<6xi8> = dense<[49, 58, 50, 44, 45, 0]>
func.func @user_op_optional_absent(%out: !fx.tensor<["s0", 4096], f16>) {
  fx.call "mylib::maybe_"(out = %out)
      : (!fx.tensor<["s0", 4096], f16>) -> ()
  return
}

// -----

fx.schema "mylib::shaped_" = "shaped_(Tensor! out, int[] dims) -> ()"
func.func @negative_user_op_list(%out: !fx.tensor<["s0", 4096], f16>) {
  // expected-error @below {{cannot lower a call of user op mylib::shaped_: parameter 'dims' has a type user ops cannot receive (lists, ScalarType)}}
  fx.call "mylib::shaped_"(out = %out)
      {dims = [1, 2]} : (!fx.tensor<["s0", 4096], f16>) -> ()
  return
}

// -----

fx.schema "mylib::scale_" = "scale_(Tensor! out) -> ()"
func.func @negative_user_op_two_types(%a: !fx.tensor<["s0", 4096], f16>, %b: !fx.tensor<[4096], f16>) {
  fx.call "mylib::scale_"(out = %a)
      : (!fx.tensor<["s0", 4096], f16>) -> ()
  // expected-error @below {{cannot lower: @fxrt_mylib__scale_ is already declared with another type (a user op must be called with the same tensor types everywhere, and fxrt_* names are the runtime's)}}
  fx.call "mylib::scale_"(out = %b)
      : (!fx.tensor<[4096], f16>) -> ()
  return
}
