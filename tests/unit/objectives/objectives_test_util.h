// Helpers shared by the objectives_*_test.cpp files.
#pragma once

#include <functional>
#include <stdexcept>
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

// A sheet spec's cells as the commands read them back from the document: numbers
// as numbers, everything else (text, formulas) as its text. Row 0 = headers.
inline Table tableOf(const sheet::SheetSpec& s) {
  Table t;
  for (const sheet::Cell& c : s.cells) {
    if (static_cast<int>(t.size()) <= c.pos.row) t.resize(c.pos.row + 1);
    auto& row = t[c.pos.row];
    if (static_cast<int>(row.size()) <= c.pos.col) row.resize(c.pos.col + 1);
    if (c.kind == sheet::Cell::Kind::Number)
      row[c.pos.col] = c.number;
    else
      row[c.pos.col] = c.text;
  }
  return t;
}

// The sheet of the sample data with that name.
inline const sheet::SheetSpec& sheetNamed(const SampleData& d, const std::string& name) {
  for (const auto& s : d.sheets)
    if (s.name == name) return s;
  throw std::logic_error("no sheet " + name);
}

}  // namespace qkpi::objectives::test
