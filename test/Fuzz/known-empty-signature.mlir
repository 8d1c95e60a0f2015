// Regression test for what fuzz/run (fx-opt-fuzzer) found: an empty
// `signature` made fxSchemaParseDeclaration (dialect/FxDialect.c,
// strndupRef) call memcpy(dst, NULL, 0), which UBSan reports and the
// sanitized build aborts on.
// RUN: not fx-opt %s 2>&1 | FileCheck %s
// CHECK: error: 'fx.schema' op invalid schema for "mylib::foo"
// CHECK-NOT: runtime error

fx.schema "mylib::foo" = ""
