// Known bug, found by fuzz/run (fx-opt-fuzzer): an empty `signature` makes
// fxSchemaParseDeclaration (dialect/FxDialect.c, strndupRef) call
// memcpy(dst, NULL, 0), which UBSan reports ("null pointer passed as
// argument 2") and -fno-sanitize-recover turns into an abort.  The plain
// build reports the invalid schema; the sanitized build (feature
// `sanitize`) is XFAIL until strndupRef skips the copy of 0 bytes.
// RUN: not fx-opt %s 2>&1 | FileCheck %s
// CHECK: error: 'fx.schema' op invalid schema for "mylib::foo"
// CHECK-NOT: runtime error

"fx.schema"() {name = "mylib::foo", signature = ""} : () -> ()
