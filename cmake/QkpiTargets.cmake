# Per-target build settings shared by every qkpi target: warnings (ours only;
# LibreOffice's SDK headers come in as SYSTEM includes) and the optional
# sanitizers (QKPI_SANITIZE).
function(qkpi_target_settings target)
  target_compile_features(${target} PUBLIC cxx_std_20)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                             -Wcast-align -Woverloaded-virtual -Wimplicit-fallthrough)
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
      # GCC 12 reports std::variant<double, std::u16string> moves as maybe-uninitialized (a known false
      # positive inside libstdc++ headers, not in our code).
      target_compile_options(${target} PRIVATE -Wno-maybe-uninitialized)
    endif()
    if(QKPI_WERROR)
      target_compile_options(${target} PRIVATE -Werror)
    endif()
  endif()
  if(QKPI_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-sanitize-recover=undefined
                                             -fno-omit-frame-pointer)
    target_link_options(${target} PUBLIC -fsanitize=address,undefined)
  endif()
endfunction()
