// Dispatch arguments (see dispatch_args.hxx).
#include "dispatch_args.hxx"

#include <ctime>
#include <string>
#include <string_view>

#include "kpi/args.h"
#include "objectives/objectives.h"
#include "objectives/texts.h"
#include "strings.hxx"

namespace qkpi::commands {

using css::uno::Any;
using css::uno::Sequence;
using objectives::UserError;

namespace {

const Any* findArg(const Sequence<css::beans::PropertyValue>& args, const char* name) {
  for (const css::beans::PropertyValue& p : args)
    if (p.Name.equalsIgnoreAsciiCaseAscii(name)) return &p.Value;
  return nullptr;
}

bool boolArg(const Any& a, const char* name, objectives::Lang lang) {
  bool b = false;
  double d = 0;
  if (a >>= b) return b;
  if (a >>= d) return d != 0;
  throw UserError(objectives::trf(lang, "{1}: expected true or false", {name}));
}

std::optional<long> dateArg(const Any& v, long nullDate, objectives::Lang lang) {
  OUString s;
  double d = 0;
  if (v >>= s) {
    Context ctx;
    ctx.nullDateOffset = nullDate;
    std::u16string_view view(reinterpret_cast<const char16_t*>(s.getStr()),
                             static_cast<std::size_t>(s.getLength()));
    std::optional<long> date = parseIsoDate(view, ctx);
    if (!date)
      throw UserError(objectives::trf(lang, "Date: \"{1}\" is not a date in the form 2026-11-25", {utf8(s)}));
    return date;
  }
  if (v >>= d) return wholeDay(d);
  if (v.hasValue()) throw UserError(objectives::tr(lang, "Date: expected a date in the form 2026-11-25"));
  return std::nullopt;
}

}  // namespace

DispatchArgs parseArgs(const Sequence<css::beans::PropertyValue>& in, long nullDate, objectives::Lang lang) {
  DispatchArgs a;
  if (const Any* v = findArg(in, "Date")) a.date = dateArg(*v, nullDate, lang);
  if (const Any* v = findArg(in, "Freeze")) a.freeze = boolArg(*v, "Freeze", lang);
  if (const Any* v = findArg(in, "FileName")) *v >>= a.fileName;
  if (const Any* v = findArg(in, "URL")) *v >>= a.url;
  return a;
}

bool silentArg(const Sequence<css::beans::PropertyValue>& in, objectives::Lang lang) {
  const Any* v = findArg(in, "Silent");
  return v ? boolArg(*v, "Silent", lang) : false;
}

long todaySerial(long nullDate) {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  return daysSince18991230(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday) - nullDate;
}

}  // namespace qkpi::commands
