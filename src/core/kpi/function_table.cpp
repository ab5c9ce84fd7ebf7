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

// `args` padded to spec.args (missing trailing arguments omitted) and checked
// for the required ones; `padded` holds the copy when one is needed.
std::span<const Arg> checkedArgs(const FunctionSpec& spec, std::span<const Arg> args,
                                 std::vector<Arg>& padded) {
  if (args.size() > spec.args.size()) throw ArgumentError(std::string(spec.name) + ": too many arguments");
  if (args.size() < spec.args.size()) {  // only when trailing arguments are missing (tests); Calc passes all
    padded.assign(args.begin(), args.end());
    padded.resize(spec.args.size());
    args = padded;
  }
  for (std::size_t i = 0; i < spec.args.size(); ++i)
    if (spec.args[i].required && !isGiven(spec.args[i], args[i]))
      throw ArgumentError(std::string(spec.name) + ": " + std::string(spec.args[i].name) + " is required");
  return args;
}

Value evaluate(const FunctionSpec& spec, const Context& ctx, std::span<const Arg> args) {
  std::vector<Arg> padded;
  return finite(spec.eval(ctx, checkedArgs(spec, args, padded)));
}

RowJudgements explain(const FunctionSpec& spec, const Context& ctx, std::span<const Arg> args) {
  if (!spec.explain) throw ArgumentError(std::string(spec.name) + " cannot be explained row by row");
  std::vector<Arg> padded;
  return spec.explain(ctx, checkedArgs(spec, args, padded));
}

std::uint16_t RowJudgements::reasonId(std::string_view text) {
  for (std::size_t i = 0; i < reasons.size(); ++i)
    if (reasons[i] == text) return static_cast<std::uint16_t>(i);
  reasons.emplace_back(text);
  return static_cast<std::uint16_t>(reasons.size() - 1);
}

void RowJudgements::setBad(std::size_t row, std::string text) {
  set(row, RowStatus::BadData, reasonId("bad data"));
  badData.emplace_back(row, std::move(text));
}

JudgementCounts countJudgements(const RowJudgements& j) {
  JudgementCounts c;
  c.rows = j.rowCount();
  std::vector<std::size_t> left(j.reasons.size(), 0), failed(j.reasons.size(), 0);
  for (std::size_t row = 0; row < j.rowCount(); ++row) {
    switch (j.status[row]) {
      case RowStatus::Succeeded:
        ++c.succeeded;
        break;
      case RowStatus::Failed:
        ++c.failed;
        ++failed[j.reason[row]];
        break;
      case RowStatus::Counted:
        ++c.counted;
        break;
      case RowStatus::LeftOut:
        ++left[j.reason[row]];
        break;
      case RowStatus::OtherSegment:
        ++c.otherSegment;
        break;
      case RowStatus::BadData:
        ++c.badData;
        break;
    }
  }
  c.eligible = c.succeeded + c.failed + c.counted;
  for (std::size_t i = 0; i < j.reasons.size(); ++i) {
    if (left[i] > 0) c.leftOut.emplace_back(j.reasons[i], left[i]);
    if (failed[i] > 0) c.failedBy.emplace_back(j.reasons[i], failed[i]);
  }
  return c;
}

namespace {

std::string withRequiredWord(std::string text, bool required, std::string_view language) {
  constexpr LocalText kRequired{"Required.", "Erforderlich."};
  constexpr LocalText kOptional{"Optional.", "Optional."};
  if (!text.empty()) text += ' ';
  text += (required ? kRequired : kOptional).in(language);
  return text;
}

}  // namespace

std::string argumentDescription(const FunctionSpec& f, std::size_t arg, std::string_view language) {
  const ArgSpec& a = f.args[arg];
  return withRequiredWord(std::string(a.summary.in(language)), a.required, language);
}

std::string argumentHelp(const FunctionSpec& f, std::size_t arg, std::string_view language) {
  const ArgSpec& a = f.args[arg];
  std::string text;
  for (const LocalText& part : {a.common, a.description}) {
    std::string_view t = part.in(language);
    if (t.empty()) continue;
    if (!text.empty()) text += ' ';
    text += t;
  }
  return withRequiredWord(std::move(text), a.required, language);
}

std::string_view functionSummary(const FunctionSpec& f, std::string_view language) {
  return f.summary.in(language);
}

}  // namespace qkpi
