#include "objectives/formula.h"

#include "kpi/by_table.h"
#include "objectives/internal.h"

namespace qkpi::objectives::formula {

std::string text(std::string_view plain) {
  return detail::quoted(plain);
}

namespace {

template <typename Args>
std::string callOf(std::string_view name, const Args& args) {
  std::string r(name);
  r += '(';
  bool first = true;
  for (std::string_view a : args) {
    if (!first) r += ';';
    r += a;
    first = false;
  }
  return r + ")";
}

}  // namespace

std::string call(std::string_view name, std::initializer_list<std::string_view> args) {
  return callOf(name, args);
}
std::string callList(std::string_view name, const std::vector<std::string>& args) {
  return callOf(name, args);
}

std::string blankAsEmpty(std::string_view ref) {
  return call("IF", {call("ISBLANK", {ref}), kEmpty, ref});
}

std::string ifna(std::string_view x, std::string_view otherwise) {
  return call("IFNA", {x, otherwise});
}

std::string kpiStatus(std::string_view actual, std::string_view target, std::string_view direction,
                      std::string_view amber) {
  return call("KPISTATUS", {ifna(actual), target, blankAsEmpty(direction), blankAsEmpty(amber)});
}

std::string kpiStatusOnceFilled(std::string_view actual, std::string_view target, std::string_view direction,
                                std::string_view amber) {
  return call("IF", {call("ISBLANK", {actual}), kEmpty, kpiStatus(actual, target, direction, amber)});
}

std::string blankSegmentText() {
  return text(kBlankSegmentUtf8);
}
std::string allSegmentText() {
  return text(kAllSegmentUtf8);
}

}  // namespace qkpi::objectives::formula
