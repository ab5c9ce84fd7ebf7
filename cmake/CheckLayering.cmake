# Fails when a part includes what it may not (docs/architecture.md):
#  - src/core/kpi includes nothing of the workflow, no UNO and no LibreOffice header;
#  - src/core/objectives includes no UNO and nothing of src/uno, src/commands;
#  - src/uno (the add-in) includes nothing of the workflow;
#  - src/commands/shared (the UNO helpers of the commands and the sidebar) includes
#    no command file (its headers are found by name; the command files are listed);
#  - src/sidebar includes no command file: only src/commands/shared (and never by a path into src/commands).
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

# The files of src/commands itself (not shared/): a header of one of them in shared/ or the sidebar is a
# dependency on the commands.
file(GLOB command_headers RELATIVE ${SRC_DIR}/src/commands ${SRC_DIR}/src/commands/*.hxx)
list(JOIN command_headers "|" command_pattern)
string(REPLACE "." "\\." command_pattern "${command_pattern}")
check(src/commands/shared "${command_pattern}|commands/" "the shared helpers know no command")
check(src/sidebar "${command_pattern}|commands/" "the sidebar uses src/commands/shared, not the commands")
