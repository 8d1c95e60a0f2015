fx.schema "mylib::op" = "op(Tensor! out, Tensor x, float alpha=1.0) -> ()"
func.func @forward(%x: !fx.tensor<["s0", 8], f16>, %o: !fx.tensor<["s0", 8], f16>, %m: !fx.tensor<[3], i1>) -> (!fx.tensor<["s0", 2, 4], f16>, !fx.tensor<["s0", 4], f16>) {
  %v = fx.view %x, shape = ["s0", 2, 4] : !fx.tensor<["s0", 8], f16> -> !fx.tensor<["s0", 2, 4], f16>
  %s = fx.slice %x, dim = 1, start = 4, end = 9223372036854775807, step = 1 : !fx.tensor<["s0", 8], f16> -> !fx.tensor<["s0", 4], f16>
  fx.call "mylib::op"(out = %o, x = %x) {alpha = 0.1 : f64} : (!fx.tensor<["s0", 8], f16>, !fx.tensor<["s0", 8], f16>) -> ()
  fx.call "ext::thing"(arg0 = %x, "arg3[0]" = %o, "arg3[1]" = %x) {arg2 = 3 : i64, tag = "it's", scale = 1.0e-06 : f64, on = true} : (!fx.tensor<["s0", 8], f16>, !fx.tensor<["s0", 8], f16>, !fx.tensor<["s0", 8], f16>) -> ()
  return %v, %s : !fx.tensor<["s0", 2, 4], f16>, !fx.tensor<["s0", 4], f16>
}
