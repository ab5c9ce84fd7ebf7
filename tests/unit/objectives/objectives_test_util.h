// Helpers shared by the objectives_*_test.cpp files.
#pragma once

#include <functional>
#include <string>

#include "objectives/objectives.h"

namespace qkpi::objectives::test {

// The UserError message of `f`, or "" when it does not throw one.
inline std::string userError(const std::function<void()>& f) {
  try {
    f();
  } catch (const UserError& e) {
    return e.what();
  }
  return "";
}

// A text cell value as read from the document.
inline Value t(const char* s) {
  return std::string(s);
}

}  // namespace qkpi::objectives::test
