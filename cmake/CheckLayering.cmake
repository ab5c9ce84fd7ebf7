# Fails when a part includes what it may not (docs/architecture.md):
#  - src/core/kpi includes nothing of the workflow, no UNO and no LibreOffice header;
#  - src/core/objectives includes no UNO and nothing of src/uno, src/commands;
#  - src/uno (the add-in) includes nothing of the workflow.
function(check dir pattern why)
  file(GLOB_RECURSE files ${SRC_DIR}/${dir}/*.h ${SRC_DIR}/${dir}/*.cpp ${SRC_DIR}/${dir}/*.hxx
       ${SRC_DIR}/${dir}/*.cxx)
  foreach(f ${files})
    file(STRINGS ${f} hits REGEX "^#include [<\"](${pattern})")
    if(hits)
      file(RELATIVE_PATH rel ${SRC_DIR} ${f})
      message(SEND_ERROR "${rel}: ${hits} (${why})")
    endif()
  endforeach()
endfunction()
check(src/core/kpi "objectives/|com/sun/star|cppu|rtl/|sal/|osl/" "the KPI library includes no workflow and no UNO")
check(src/core/objectives "com/sun/star|cppu|rtl/|sal/|osl/|writer|convert" "the objectives library includes no UNO")
check(src/uno "objectives/" "the add-in links the KPI library alone")
