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

# fx_embed_text(OUT VAR FILE): writes OUT, a C file defining
# `const char VAR[]` with FILE's bytes and a terminating NUL.
function(fx_embed_text out var file)
  add_custom_command(OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DIN=${file} -DOUT=${out} -DVAR=${var}
            -P ${PROJECT_SOURCE_DIR}/cmake/EmbedText.cmake
    DEPENDS ${file} ${PROJECT_SOURCE_DIR}/cmake/EmbedText.cmake
    COMMENT "Embedding ${file}")
endfunction()
