// Conversion between UNO values and qkpi core values. No KPI rule here.
#pragma once

#include <com/sun/star/uno/Any.hxx>
#include <com/sun/star/uno/Sequence.hxx>
#include <rtl/ustring.hxx>
#include <string_view>
#include <vector>

#include "kpi/value.h"

namespace qkpi::uno {

using rtl::OString;
using rtl::OUString;

inline std::u16string_view view(const OUString& s) {
  return {reinterpret_cast<const char16_t*>(s.getStr()), static_cast<std::size_t>(s.getLength())};
}

inline OUString toOUString(std::u16string_view s) {
  return OUString(reinterpret_cast<const sal_Unicode*>(s.data()), static_cast<sal_Int32>(s.size()));
}

inline OUString fromUtf8(std::string_view s) {
  return OUString(s.data(), static_cast<sal_Int32>(s.size()), RTL_TEXTENCODING_UTF8);
}

// One argument of a generated forwarder: a numeric table or an any. Keeps
// pointers only; the values are owned by the UNO call.
struct InArg {
  const css::uno::Sequence<css::uno::Sequence<double>>* table = nullptr;
  const css::uno::Any* any = nullptr;
  InArg(const css::uno::Sequence<css::uno::Sequence<double>>& t) : table(&t) {}
  InArg(const css::uno::Any& a) : any(&a) {}
};

// Storage behind the NumTable views of one call.
struct CallStorage {
  std::vector<std::vector<const double*>> rowPointers;
};

// Converts one UNO argument. Throws qkpi::ArgumentError for shapes qkpi does
// not accept (ragged tables, nested types Calc never passes).
Arg toArg(const InArg& in, CallStorage& storage);

// Converts a result: NoValue -> void (Calc shows #N/A), number, text, array.
css::uno::Any toAny(const Value& v);

}  // namespace qkpi::uno
