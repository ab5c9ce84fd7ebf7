#include "kpi/args.h"

#include <cmath>
#include <string>

namespace qkpi {
namespace {

std::string msg(std::string_view what, std::string_view problem) {
  std::string s(what);
  s += ": ";
  s += problem;
  return s;
}

// The single cell of an argument given as a value or as a 1x1 block.
const Cell* single(const Arg& a, std::string_view what) {
  if (a.isOmitted()) return nullptr;
  if (a.isTable()) throw ArgumentError(msg(what, "expects a single value, not a table"));
  if (a.rows() != 1 || a.cols() != 1) throw ArgumentError(msg(what, "expects a single value, not a range"));
  return &a.cell(0, 0);
}

}  // namespace

std::optional<long> parseIsoDate(std::u16string_view text, const Context& ctx) {
  auto ymd = dates::parseIso(text);
  if (!ymd) return std::nullopt;
  return dates::serial(*ymd, ctx.nullDateOffset);
}

std::optional<double> optionalNumber(const Arg& a, std::string_view what) {
  if (a.notGiven()) return std::nullopt;
  const Cell* c = single(a, what);
  if (c->isBlankText()) return std::nullopt;
  if (!c->isNumber()) throw ArgumentError(msg(what, "expects a number"));
  if (!std::isfinite(c->number)) throw ArgumentError(msg(what, "is not a finite number"));
  return c->number;
}

double requiredNumber(const Arg& a, std::string_view what) {
  auto v = optionalNumber(a, what);
  if (!v) throw ArgumentError(msg(what, "is required"));
  return *v;
}

std::optional<long> optionalDate(const Arg& a, const Context& ctx, std::string_view what) {
  if (a.notGiven()) return std::nullopt;
  const Cell* c = single(a, what);
  if (c->isBlankText()) return std::nullopt;
  if (c->isText()) {
    auto d = parseIsoDate(c->text, ctx);
    if (!d) throw ArgumentError(msg(what, "expects a date (a date serial or ISO text such as 2026-03-31)"));
    return d;
  }
  if (!std::isfinite(c->number)) throw ArgumentError(msg(what, "is not a finite number"));
  if (c->number == 0) return std::nullopt;  // an empty cell: no date
  auto d = dates::validDay(c->number, ctx.nullDateOffset);
  if (!d) throw ArgumentError(msg(what, "is not a date in the years 1 to 9999"));
  return d;
}

std::optional<long> tableDay(double raw, const Context& ctx, std::string_view field, std::size_t row) {
  if (raw == 0) return std::nullopt;
  auto d = dates::validDay(raw, ctx.nullDateOffset);
  if (!d)
    throw DataError(std::string(field) + " in row " + std::to_string(row + 1) +
                    " is not a date in the years 1 to 9999");
  return d;
}

long requiredDate(const Arg& a, const Context& ctx, std::string_view what) {
  auto v = optionalDate(a, ctx, what);
  if (!v) throw ArgumentError(msg(what, "is required (a date)"));
  return *v;
}

std::optional<std::u16string_view> optionalText(const Arg& a, std::string_view what) {
  if (a.notGiven()) return std::nullopt;
  const Cell* c = single(a, what);
  if (c->isBlankText()) return std::nullopt;
  if (!c->isText()) throw ArgumentError(msg(what, "expects a text"));
  return c->text;
}

std::optional<double> optionalCount(const Arg& a, std::string_view what) {
  auto v = optionalNumber(a, what);
  if (v && *v < 0) throw ArgumentError(msg(what, "must not be negative"));
  return v;
}

std::optional<double> optionalFraction(const Arg& a, std::string_view what) {
  auto v = optionalNumber(a, what);
  if (v && !(*v >= 0 && *v <= 1)) throw ArgumentError(msg(what, "must be from 0 to 1"));
  return v;
}

std::optional<double> optionalPercentile(const Arg& a, std::string_view what) {
  auto v = optionalNumber(a, what);
  if (v && !(*v > 0 && *v <= 1)) throw ArgumentError(msg(what, "must be greater than 0 and at most 1"));
  return v;
}

namespace {

// The numbers a Columns argument lists, in order (row or column array).
std::vector<double> columnNumbers(const Arg& columns) {
  std::vector<double> out;
  if (columns.notGiven()) return out;
  if (columns.isTable())
    throw ArgumentError("Columns: expects an array of column positions such as {6;8;5;7}");
  if (columns.rows() != 1 && columns.cols() != 1)
    throw ArgumentError("Columns: expects one row or one column of positions");
  for (const Cell& c : columns.allCells()) {
    if (!c.isNumber()) throw ArgumentError("Columns: every entry must be a column number");
    out.push_back(c.number);
  }
  return out;
}

}  // namespace

void checkColumnPositions(const Arg& columns) {
  std::vector<double> seen;
  for (double p : columnNumbers(columns)) {
    if (p != std::floor(p) || p < 1) throw ArgumentError("Columns: a position must be a whole number from 1");
    for (double q : seen)
      if (q == p) throw ArgumentError("Columns: a column is listed twice");
    seen.push_back(p);
  }
}

std::size_t columnCount(const Arg& columns) {
  return columnNumbers(columns).size();
}

std::vector<std::size_t> columnMap(const Arg& columns, std::size_t tableCols, std::size_t fieldCount,
                                   std::size_t requiredFields) {
  std::vector<std::size_t> map(fieldCount, kNoColumn);
  auto positions = columnNumbers(columns);
  if (positions.empty()) {
    if (tableCols < requiredFields)
      throw ArgumentError("the table has " + std::to_string(tableCols) + " column(s); " +
                          std::to_string(requiredFields) + " are needed (or give Columns)");
    for (std::size_t i = 0; i < fieldCount && i < tableCols; ++i) map[i] = i;
    return map;
  }
  if (positions.size() < requiredFields || positions.size() > fieldCount)
    throw ArgumentError("Columns: lists " + std::to_string(positions.size()) + " position(s); expected " +
                        (requiredFields == fieldCount
                             ? std::to_string(fieldCount)
                             : std::to_string(requiredFields) + " to " + std::to_string(fieldCount)));
  std::vector<bool> used(tableCols, false);
  for (std::size_t i = 0; i < positions.size(); ++i) {
    double p = positions[i];
    if (p != std::floor(p) || p < 1 || p > static_cast<double>(tableCols))
      throw ArgumentError("Columns: position must be a whole number from 1 to the table's width (" +
                          std::to_string(tableCols) + ")");
    auto idx = static_cast<std::size_t>(p) - 1;
    if (used[idx]) throw ArgumentError("Columns: a column is listed twice");
    used[idx] = true;
    map[i] = idx;
  }
  return map;
}

Period readPeriod(const Arg& from, const Arg& to, const Context& ctx) {
  Period p{optionalDate(from, ctx, "From"), optionalDate(to, ctx, "To"), ctx.nullDateOffset};
  if (p.from && p.to && *p.from > *p.to) throw ArgumentError("From is after To");
  return p;
}

}  // namespace qkpi
