// Pieces of Calc formula text (API grammar: English names, ';' separators),
// so that each shape the workflow writes is spelt once. Every function returns
// an expression without the leading '='; arguments are expressions too
// (references, numbers, other calls), except where a function says it takes
// plain text. No parsing, no expression tree: plain string building.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace qkpi::objectives::formula {

// The empty text literal "".
inline constexpr char kEmpty[] = "\"\"";

// A Calc text literal of plain text: text("a\"b") -> "a""b" (with the quotes).
std::string text(std::string_view plain);

// NAME(a;b;c). call("IF", {cond, a, b}) -> IF(cond;a;b).
std::string call(std::string_view name, std::initializer_list<std::string_view> args);
// The same with a list built at run time: callList("AND", conditions).
std::string callList(std::string_view name, const std::vector<std::string>& args);

// IF(ISBLANK(ref);"";ref): an empty cell as "" instead of 0 (KPISTATUS reads
// a Direction or Amber cell that way).
std::string blankAsEmpty(std::string_view ref);

// IFNA(x;otherwise): #N/A (a KPI with no data) as `otherwise`.
std::string ifna(std::string_view x, std::string_view otherwise = kEmpty);

// KPISTATUS(IFNA(actual;"");target;IF(ISBLANK(direction);"";direction);
// IF(ISBLANK(amber);"";amber)): the status of a KPI value against the cells of
// its Target, Direction and Amber (references, possibly empty cells).
std::string kpiStatus(std::string_view actual, std::string_view target, std::string_view direction,
                      std::string_view amber);

// IF(ISBLANK(actual);"";kpiStatus(...)): the Status a new register row is
// pre-filled with, empty until its Actual has a value.
std::string kpiStatusOnceFilled(std::string_view actual, std::string_view target, std::string_view direction,
                                std::string_view amber);

// The labels of the blank-segment and all-rows rows of a ...BY table, as text
// literals: "(blank)", "(all)".
std::string blankSegmentText();
std::string allSegmentText();

}  // namespace qkpi::objectives::formula
