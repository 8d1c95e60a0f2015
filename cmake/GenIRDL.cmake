# cmake -DIN=fx.irdl.mlir.in -DDEF=fx_dtypes.def -DOUT=fx.irdl.mlir -P GenIRDL.cmake
# Writes the fx dialect's IRDL: IN with its @FX_DTYPES@ line replaced by one
# `%<mlir> = irdl.is <type>` per FX_DTYPE row of DEF (its third column, an
# identifier, and its fourth, the MLIR type as a string) and
# `%dtype = irdl.any_of(...)` over them.  A row this cannot read, or no row
# at all, stops the build.
file(STRINGS ${DEF} rows REGEX "^FX_DTYPE\\(")
set(lines "")
set(vars "")
foreach(row IN LISTS rows)
  if(NOT row MATCHES "^FX_DTYPE\\( *[A-Z0-9_]+, *[0-9]+, *([A-Za-z0-9_]+), *\"([^\"]+)\",")
    message(FATAL_ERROR "GenIRDL: cannot read the row: ${row}")
  endif()
  string(APPEND lines "    %${CMAKE_MATCH_1} = irdl.is ${CMAKE_MATCH_2}\n")
  list(APPEND vars "%${CMAKE_MATCH_1}")
endforeach()
if(NOT vars)
  message(FATAL_ERROR "GenIRDL: no FX_DTYPE row in ${DEF}")
endif()
list(JOIN vars ", " joined)
string(APPEND lines "    %dtype = irdl.any_of(${joined})")
file(READ ${IN} text)
string(FIND "${text}" "    @FX_DTYPES@" at)
if(at EQUAL -1)
  message(FATAL_ERROR "GenIRDL: no @FX_DTYPES@ line in ${IN}")
endif()
string(REPLACE "    @FX_DTYPES@" "${lines}" text "${text}")
file(WRITE ${OUT}.tmp "${text}")
# Rewrite only on change, so the embedding step does not rerun needlessly.
configure_file(${OUT}.tmp ${OUT} COPYONLY)
