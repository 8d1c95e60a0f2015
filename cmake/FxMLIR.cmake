# Link recipe for Debian's LLVM/MLIR 22 (DESIGN §6): the C API archives
# (libMLIRCAPI*.a, as one group) plus the shared libMLIR.so and libLLVM.so.
# Never MLIR's CMake MLIRCAPI* targets: they copy MLIR statically into every
# binary (138 MB) and a plugin then registers into its own private registry.
set(FX_MLIR_INCLUDE ${FX_LLVM_ROOT}/include)
set(FX_LLVM_LIBDIR ${FX_LLVM_ROOT}/lib)
set(FX_LLVM_BINDIR ${FX_LLVM_ROOT}/bin)

foreach(lib MLIR LLVM)
  if(NOT EXISTS ${FX_LLVM_LIBDIR}/lib${lib}.so)
    message(FATAL_ERROR "lib${lib}.so not found in ${FX_LLVM_LIBDIR}: "
                        "run scripts/install-deps")
  endif()
endforeach()
file(GLOB FX_MLIR_CAPI_ARCHIVES ${FX_LLVM_LIBDIR}/libMLIRCAPI*.a)
if(NOT FX_MLIR_CAPI_ARCHIVES)
  message(FATAL_ERROR "no libMLIRCAPI*.a in ${FX_LLVM_LIBDIR}: run scripts/install-deps")
endif()

add_library(FxMLIR INTERFACE)
target_include_directories(FxMLIR SYSTEM INTERFACE ${FX_MLIR_INCLUDE})
target_link_libraries(FxMLIR INTERFACE
  "-Wl,--start-group" ${FX_MLIR_CAPI_ARCHIVES} "-Wl,--end-group"
  ${FX_LLVM_LIBDIR}/libMLIR.so ${FX_LLVM_LIBDIR}/libLLVM.so)
# Binaries find libMLIR.so/libLLVM.so without LD_LIBRARY_PATH.
set(CMAKE_BUILD_RPATH ${FX_LLVM_LIBDIR})

set(FX_CMAKE_DIR ${CMAKE_CURRENT_LIST_DIR})
get_filename_component(FX_SOURCE_ROOT ${FX_CMAKE_DIR} DIRECTORY)

# fx_embed_text(OUT VAR FILE): writes OUT, a C file defining
# `const char VAR[]` with FILE's bytes and a terminating NUL.
function(fx_embed_text out var file)
  add_custom_command(OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DIN=${file} -DOUT=${out} -DVAR=${var}
            -P ${FX_CMAKE_DIR}/EmbedText.cmake
    DEPENDS ${file} ${FX_CMAKE_DIR}/EmbedText.cmake
    COMMENT "Embedding ${file}")
endfunction()

# fx_dialect_irdl(DIR): writes DIR/fx.irdl.mlir (the dialect's IRDL, its
# dtypes from kernels/fx_dtypes.def; GenIRDL.cmake) and DIR/FxDialectIRDL.c
# (it embedded as `fxDialectIRDL`).
function(fx_dialect_irdl dir)
  add_custom_command(OUTPUT ${dir}/fx.irdl.mlir
    COMMAND ${CMAKE_COMMAND} -DIN=${FX_SOURCE_ROOT}/dialect/fx.irdl.mlir.in
            -DDEF=${FX_SOURCE_ROOT}/kernels/fx_dtypes.def
            -DOUT=${dir}/fx.irdl.mlir -P ${FX_CMAKE_DIR}/GenIRDL.cmake
    DEPENDS ${FX_SOURCE_ROOT}/dialect/fx.irdl.mlir.in
            ${FX_SOURCE_ROOT}/kernels/fx_dtypes.def ${FX_CMAKE_DIR}/GenIRDL.cmake
    COMMENT "Generating fx.irdl.mlir")
  fx_embed_text(${dir}/FxDialectIRDL.c fxDialectIRDL ${dir}/fx.irdl.mlir)
endfunction()
