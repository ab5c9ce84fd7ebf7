# Fails when a checked-in generated file differs from what the function table generates now.
foreach(pair "XQualityKpi.idl:idl/XQualityKpi.idl" "functions.md:docs/functions.md")
  string(REPLACE ":" ";" parts "${pair}")
  list(GET parts 0 generated)
  list(GET parts 1 checked_in)
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files "${GEN_DIR}/${generated}" "${SRC_DIR}/${checked_in}"
                  RESULT_VARIABLE differs)
  if(differs)
    message(FATAL_ERROR "${checked_in} is out of date: copy ${GEN_DIR}/${generated} over it "
                        "(run scripts/update-generated.sh) and review the API change")
  endif()
endforeach()
