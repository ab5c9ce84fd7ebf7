// Helpers for unit tests: build Calc-shaped arguments from literals.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <deque>
#include <initializer_list>
#include <string>
#include <variant>
#include <vector>

#include "kpi/function_table.h"
#include "kpi/value.h"

namespace qkpi::test {

// Owns the storage behind Args (row pointers, texts) for one test.
class Args {
 public:
  // A numeric table, as sequence<sequence<double>> would hand it over.
  Arg table(std::vector<std::vector<double>> rows) {
    auto& data = tables_.emplace_back(std::move(rows));
    auto& ptrs = rowPtrs_.emplace_back();
    std::size_t cols = data.empty() ? 0 : data[0].size();
    for (auto& r : data) ptrs.push_back(r.data());
    return Arg::table(NumTable{ptrs, cols});
  }
  // A cell value: a number, a text (u"..."), or empty().
  using In = std::variant<std::monostate, double, std::u16string>;
  static In empty() { return std::monostate{}; }
  Cell cell(const In& v) {
    if (std::holds_alternative<double>(v)) return Cell::of(std::get<double>(v));
    if (std::holds_alternative<std::u16string>(v))
      return Cell::of(std::u16string_view(texts_.emplace_back(std::get<std::u16string>(v))));
    return Cell::empty();
  }
  Arg num(double v) { return Arg::scalar(Cell::of(v)); }
  Arg text(std::u16string t) { return Arg::scalar(cell(In(std::move(t)))); }
  // A one-column range.
  Arg column(std::vector<In> values) {
    std::vector<Cell> cells;
    for (auto& v : values) cells.push_back(cell(v));
    std::size_t n = cells.size();
    return Arg::cells(n, 1, std::move(cells));
  }
  // A one-row inline array, e.g. {6;8;5;7} as Calc hands it over as a row.
  Arg row(std::vector<In> values) {
    std::vector<Cell> cells;
    for (auto& v : values) cells.push_back(cell(v));
    std::size_t n = cells.size();
    return Arg::cells(1, n, std::move(cells));
  }
  // A block of cells, row-major.
  Arg block(std::vector<std::vector<In>> rows) {
    std::vector<Cell> cells;
    std::size_t cols = rows.empty() ? 0 : rows[0].size();
    for (auto& r : rows)
      for (auto& v : r) cells.push_back(cell(v));
    std::size_t n = rows.size();
    return Arg::cells(n, cols, std::move(cells));
  }

 private:
  std::deque<std::vector<std::vector<double>>> tables_;
  std::deque<std::vector<const double*>> rowPtrs_;
  std::deque<std::u16string> texts_;
};

// Calls a function from the table by name.
inline Value call(std::string_view name, std::vector<Arg> args, Context ctx = {}) {
  const FunctionSpec* f = findFunction(name);
  if (!f) throw std::logic_error("no function " + std::string(name));
  return evaluate(*f, ctx, args);
}

inline bool isNoValue(const Value& v) {
  return std::holds_alternative<NoValue>(v);
}
inline double number(const Value& v) {
  if (!std::holds_alternative<double>(v)) throw std::logic_error("result is not a number");
  return std::get<double>(v);
}
inline std::u16string text(const Value& v) {
  if (!std::holds_alternative<std::u16string>(v)) throw std::logic_error("result is not a text");
  return std::get<std::u16string>(v);
}

}  // namespace qkpi::test

// EXPECT_THROW for the two error kinds, and #N/A.
#define EXPECT_ARG_ERROR(expr) EXPECT_THROW((void)(expr), ::qkpi::ArgumentError)
#define EXPECT_DATA_ERROR(expr) EXPECT_THROW((void)(expr), ::qkpi::DataError)
#define EXPECT_NA(expr) EXPECT_TRUE(::qkpi::test::isNoValue(expr))
