#include "convert.hxx"

#include <com/sun/star/uno/TypeClass.hpp>
#include <cppu/unotype.hxx>
#include <string>
#include <variant>

namespace qkpi::uno {
namespace {

using css::uno::Any;
using css::uno::Sequence;
using css::uno::TypeClass;

// A scalar any as a cell: numbers (and booleans) and text.
Cell toCell(const Any& a) {
  switch (a.getValueTypeClass()) {
    case TypeClass::TypeClass_VOID:
      return Cell::empty();
    case TypeClass::TypeClass_STRING:
      return Cell::of(view(*static_cast<const OUString*>(a.getValue())));
    case TypeClass::TypeClass_BOOLEAN:
      return Cell::of(*static_cast<const sal_Bool*>(a.getValue()) ? 1.0 : 0.0);
    case TypeClass::TypeClass_DOUBLE:
    case TypeClass::TypeClass_FLOAT:
    case TypeClass::TypeClass_BYTE:
    case TypeClass::TypeClass_SHORT:
    case TypeClass::TypeClass_UNSIGNED_SHORT:
    case TypeClass::TypeClass_LONG:
    case TypeClass::TypeClass_UNSIGNED_LONG:
    case TypeClass::TypeClass_HYPER:
    case TypeClass::TypeClass_UNSIGNED_HYPER: {
      double d = 0;
      a >>= d;
      return Cell::of(d);
    }
    default:
      throw ArgumentError("an argument has a type Calc does not pass to add-ins");
  }
}

template <typename Inner>
Arg blockOf(const Sequence<Sequence<Inner>>& rows) {
  const sal_Int32 n = rows.getLength();
  const sal_Int32 cols = n ? rows[0].getLength() : 0;
  std::vector<Cell> cells;
  cells.reserve(static_cast<std::size_t>(n) * static_cast<std::size_t>(cols));
  for (const auto& row : rows) {
    if (row.getLength() != cols) throw ArgumentError("a range argument has rows of different lengths");
    for (const auto& v : row) {
      if constexpr (std::is_same_v<Inner, Any>)
        cells.push_back(toCell(v));
      else
        cells.push_back(Cell::of(static_cast<double>(v)));
    }
  }
  return Arg::cells(static_cast<std::size_t>(n), static_cast<std::size_t>(cols), std::move(cells));
}

}  // namespace

Arg toArg(const InArg& in, CallStorage& storage) {
  if (in.table) {
    const auto& rows = *in.table;
    auto& ptrs = storage.rowPointers.emplace_back();
    ptrs.reserve(static_cast<std::size_t>(rows.getLength()));
    const sal_Int32 cols = rows.getLength() ? rows[0].getLength() : 0;
    for (const auto& row : rows) {
      if (row.getLength() != cols) throw ArgumentError("the table has rows of different lengths");
      ptrs.push_back(row.getConstArray());
    }
    return Arg::table(NumTable{ptrs, static_cast<std::size_t>(cols)});
  }
  const Any& a = *in.any;
  if (!a.hasValue()) return Arg::omitted();
  if (a.getValueTypeClass() == TypeClass::TypeClass_SEQUENCE) {
    // Calc passes ranges and inline arrays as sequence<sequence<any>>; read in place.
    if (a.getValueType() == cppu::UnoType<Sequence<Sequence<Any>>>::get())
      return blockOf(*static_cast<const Sequence<Sequence<Any>>*>(a.getValue()));
    if (a.getValueType() == cppu::UnoType<Sequence<Sequence<double>>>::get())
      return blockOf(*static_cast<const Sequence<Sequence<double>>*>(a.getValue()));
    throw ArgumentError("an array argument has a shape Calc does not pass to add-ins");
  }
  return Arg::scalar(toCell(a));
}

css::uno::Any toAny(const Value& v) {
  struct Visitor {
    Any operator()(const NoValue&) const { return Any(); }
    Any operator()(double d) const { return Any(d); }
    Any operator()(const std::u16string& s) const { return Any(toOUString(s)); }
    Any operator()(const Matrix& m) const {
      Sequence<Sequence<Any>> rows(static_cast<sal_Int32>(m.rows));
      Sequence<Any>* pRows = rows.getArray();
      for (std::size_t r = 0; r < m.rows; ++r) {
        Sequence<Any> row(static_cast<sal_Int32>(m.cols));
        Any* p = row.getArray();
        for (std::size_t c = 0; c < m.cols; ++c) {
          const OutCell& cell = m.at(r, c);
          if (const double* d = std::get_if<double>(&cell))
            p[c] <<= *d;
          else
            p[c] <<= toOUString(std::get<std::u16string>(cell));
        }
        pRows[r] = row;
      }
      return Any(rows);
    }
  };
  return std::visit(Visitor{}, v);
}

}  // namespace qkpi::uno
