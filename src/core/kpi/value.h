// Values as Calc hands them to qkpi, the results qkpi hands back, and the
// three error kinds. Plain C++20: no UNO type appears in src/core.
//
// Argument shapes (see ../shared/kpi-rules.md and docs in README):
//  - a numeric table (`sequence<sequence<double>>`): text and empty cells
//    arrive as 0, so 0 means "blank" in every table field;
//  - any other argument is an `any`: omitted (void), one value (a single
//    cell or literal; an empty cell arrives as the number 0), or a 2-D block
//    of cells (a range or inline array; empty cells arrive as empty text).
//
// Errors (each cause is listed in the function's help):
//  - no eligible row: the function returns NoValue (Calc shows #N/A);
//  - ArgumentError: a bad argument (Calc shows Err:502);
//  - DataError: bad data in a row (Calc shows #VALUE!).
#pragma once

#include <cstddef>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace qkpi {

// A bad argument: wrong option, row counts that differ, bad Columns ...
// Shown by Calc as Err:502.
struct ArgumentError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Bad data in a row: Closed before Received, Good > Inspected ...
// Shown by Calc as #VALUE!.
struct DataError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// One cell of an `any` argument. Text is a view into the caller's storage and
// is valid for the duration of the call only.
struct Cell {
  enum class Kind : unsigned char { Empty, Number, Text };
  Kind kind = Kind::Empty;
  double number = 0;
  std::u16string_view text;

  static Cell empty() { return {}; }
  static Cell of(double v) { return {Kind::Number, v, {}}; }
  static Cell of(std::u16string_view t) { return {Kind::Text, 0, t}; }
  bool isEmpty() const { return kind == Kind::Empty; }
  bool isNumber() const { return kind == Kind::Number; }
  bool isText() const { return kind == Kind::Text; }
  // Empty, or text that is empty: the "not given" of the contract.
  bool isBlankText() const { return kind == Kind::Empty || (kind == Kind::Text && text.empty()); }
};

// A numeric table handed over as one block: rows[r][c], c < cols. Each row
// pointer stays owned by the caller.
struct NumTable {
  std::span<const double* const> rows;
  std::size_t cols = 0;

  std::size_t rowCount() const { return rows.size(); }
  double at(std::size_t r, std::size_t c) const { return rows[r][c]; }
};

// One argument of a call, as received from Calc.
class Arg {
 public:
  enum class Kind : unsigned char { Omitted, Scalar, Cells, Table };

  Arg() = default;  // omitted
  static Arg omitted() { return {}; }
  static Arg scalar(Cell c) {
    Arg a;
    a.kind_ = Kind::Scalar;
    a.rows_ = a.cols_ = 1;
    a.cells_.push_back(c);
    return a;
  }
  // A 2-D block of cells, row-major, cells.size() == rows * cols.
  static Arg cells(std::size_t rows, std::size_t cols, std::vector<Cell> cells) {
    if (cells.size() != rows * cols) throw std::logic_error("Arg::cells: size mismatch");
    Arg a;
    a.kind_ = Kind::Cells;
    a.rows_ = rows;
    a.cols_ = cols;
    a.cells_ = std::move(cells);
    return a;
  }
  static Arg table(NumTable t) {
    Arg a;
    a.kind_ = Kind::Table;
    a.rows_ = t.rowCount();
    a.cols_ = t.cols;
    a.table_ = t;
    return a;
  }

  Kind kind() const { return kind_; }
  bool isOmitted() const { return kind_ == Kind::Omitted; }
  bool isScalar() const { return kind_ == Kind::Scalar; }
  bool isCells() const { return kind_ == Kind::Cells; }
  bool isTable() const { return kind_ == Kind::Table; }
  // "Not given" in the contract: omitted, or a single "" (empty text).
  bool notGiven() const {
    return kind_ == Kind::Omitted || (kind_ == Kind::Scalar && cells_[0].isBlankText());
  }

  // Shape: a scalar is 1x1, omitted is 0x0.
  std::size_t rows() const { return rows_; }
  std::size_t cols() const { return cols_; }
  // Scalar or Cells only.
  const Cell& cell(std::size_t r, std::size_t c) const { return cells_[r * cols_ + c]; }
  const Cell& scalarCell() const { return cells_.at(0); }
  std::span<const Cell> allCells() const { return cells_; }
  // Table only.
  const NumTable& table() const { return table_; }

 private:
  Kind kind_ = Kind::Omitted;
  std::size_t rows_ = 0, cols_ = 0;
  std::vector<Cell> cells_;
  NumTable table_;
};

// No eligible row: Calc shows #N/A, so IFNA(x;"") works.
struct NoValue {
  bool operator==(const NoValue&) const = default;
};

// One cell of an array result: a number or a text ("" shows an empty-looking cell).
using OutCell = std::variant<double, std::u16string>;

// An array result (entered as an array formula), row-major.
struct Matrix {
  std::size_t rows = 0, cols = 0;
  std::vector<OutCell> cells;
  const OutCell& at(std::size_t r, std::size_t c) const { return cells[r * cols + c]; }
};

// What a function returns.
using Value = std::variant<NoValue, double, std::u16string, Matrix>;

// What a call knows about the calling document.
struct Context {
  // The document's NullDate as a day count from 1899-12-30 (Calc's default
  // NullDate, so 0 by default). A date serial s is day s + nullDateOffset
  // counted from 1899-12-30, which was a Saturday.
  long nullDateOffset = 0;
};

}  // namespace qkpi
