#include "kpi/function_table.h"

#include <cmath>
#include <string>
#include <vector>

namespace qkpi {

std::span<const FunctionSpec> functionTable() {
  static const std::vector<FunctionSpec> table = [] {
    std::vector<FunctionSpec> all;
    for (auto part : {deliveryFunctions(), qualityFunctions(), returnsFunctions(), targetFunctions()})
      all.insert(all.end(), part.begin(), part.end());
    return all;
  }();
  return table;
}

const FunctionSpec* findFunction(std::string_view name) {
  for (const FunctionSpec& f : functionTable())
    if (f.name == name) return &f;
  return nullptr;
}

bool isGiven(const ArgSpec& spec, const Arg& a) {
  return spec.kind == ArgKind::Actual ? !a.isOmitted() : !a.notGiven();
}

namespace {

// Range of values (kpi-rules.md v4): a result that is not a finite number (a
// sum overflowing to infinity, inf/inf) is bad data (#VALUE!), never a cell
// value. Checked once here, for every function and every cell of an array.
Value finite(Value v) {
  auto bad = [](double d) { return !std::isfinite(d); };
  if (const double* d = std::get_if<double>(&v); d && bad(*d))
    throw DataError("the result is not a finite number");
  if (const Matrix* m = std::get_if<Matrix>(&v))
    for (const OutCell& c : m->cells)
      if (const double* d = std::get_if<double>(&c); d && bad(*d))
        throw DataError("a result cell is not a finite number");
  return v;
}

}  // namespace

Value evaluate(const FunctionSpec& spec, const Context& ctx, std::span<const Arg> args) {
  if (args.size() > spec.args.size()) throw ArgumentError(std::string(spec.name) + ": too many arguments");
  std::vector<Arg> padded;  // only when trailing arguments are missing (tests); Calc passes all
  if (args.size() < spec.args.size()) {
    padded.assign(args.begin(), args.end());
    padded.resize(spec.args.size());
    args = padded;
  }
  for (std::size_t i = 0; i < spec.args.size(); ++i)
    if (spec.args[i].required && !isGiven(spec.args[i], args[i]))
      throw ArgumentError(std::string(spec.name) + ": " + std::string(spec.args[i].name) + " is required");
  return finite(spec.eval(ctx, args));
}

std::string argumentDescription(const FunctionSpec& f, std::size_t arg, std::string_view language) {
  const ArgSpec& a = f.args[arg];
  std::string text;
  for (const LocalText& part : {a.common, a.description}) {
    std::string_view t = part.in(language);
    if (t.empty()) continue;
    if (!text.empty()) text += ' ';
    text += t;
  }
  constexpr LocalText kRequired{"Required.", "Erforderlich."};
  constexpr LocalText kOptional{"Optional.", "Optional."};
  if (!text.empty()) text += ' ';
  text += (a.required ? kRequired : kOptional).in(language);
  return text;
}

}  // namespace qkpi
