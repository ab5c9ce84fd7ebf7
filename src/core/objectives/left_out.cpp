// Why a review left rows out, as native COUNTIFS formulas on the objective's
// Data that mirror the documented rules of the KPI library (kpi-rules.md;
// delivery.cpp classify() and returns.cpp TURNAROUND). A formula cell can
// only call registered functions, so these counts are plain Calc formulas;
// the integration tests check them against the functions' own counts (rows
// minus rows used of the ...BY (all) row).
//
// OTIF (fields Due, Delivered, OrderedQty, DeliveredQty; period date Due):
//   blank           Due blank (or not a date), or in the period with OrderedQty blank or <= 0
//   outside period  Due outside [From, To]
//   not yet due     in the period, OrderedQty > 0, not delivered, Due + LateDays >= To
// TURNAROUND (fields Received, Closed; period date Received; as of AsOf):
//   blank           Received blank
//   outside period  Received outside [From, To] or after AsOf
//   open            received, not closed by AsOf and not late yet (working days,
//                   decided by the library): the rows left out minus the two above
// Open rows of a month (TURNAROUND, TURNAROUNDDAYS): received in the month and
// not closed by its last day (Closed blank or later).
#include <string>

#include "objectives/formula.h"
#include "objectives/internal.h"

namespace qkpi::objectives::detail {
namespace {

const std::string* option(const KpiCall& call, std::string_view name) {
  for (const auto& op : call.options)
    if (op.first == name) return &op.second;
  return nullptr;
}

// 1-based field positions inside Data: Columns as an inline array, or 1..n;
// nullopt when Columns is a reference (positions unknown here).
std::optional<std::vector<int>> fieldPositions(const KpiCall& call, int n) {
  std::vector<int> pos;
  const std::string* cols = option(call, "Columns");
  if (!cols) {
    for (int k = 1; k <= n; ++k) pos.push_back(k);
    return pos;
  }
  if (cols->size() < 2 || cols->front() != '{') return std::nullopt;
  std::string cur;
  for (char ch : cols->substr(1)) {
    if (ch == ';' || ch == '}') {
      pos.push_back(std::stoi(cur));
      cur.clear();
    } else {
      cur += ch;
    }
  }
  if (static_cast<int>(pos.size()) < n) return std::nullopt;
  return pos;
}

// A date option's expression as a serial: an ISO text through DATEVALUE.
std::string dateNumber(const std::string& expr, const std::string& today) {
  std::string e = replaceToday(expr, today);
  if (!e.empty() && e.front() == '"') return formula::call("DATEVALUE", {e});
  if (e.starts_with("DATE(") || e.starts_with("TODAY()") || e.starts_with(today)) return e;
  return formula::call("IF", {formula::call("ISNUMBER", {e}), e, formula::call("DATEVALUE", {e})});
}

// COUNTIFS over (range, criterion) pairs.
std::string countifs(const std::vector<std::pair<std::string, std::string>>& crit) {
  std::vector<std::string> args;
  for (const auto& [r, c] : crit) {
    args.push_back(r);
    args.push_back(c);
  }
  return formula::callList("COUNTIFS", args);
}

std::string ge(const std::string& x) {
  return formula::text(">=") + "&" + x;
}
std::string lt(const std::string& x) {
  return formula::text("<") + "&(" + x + ")";
}

bool isTurnaround(const KpiCall& call) {
  return call.fn->kpi->asOfArgument == "AsOf";
}

}  // namespace

std::optional<std::string> openRowsFormula(const KpiCall& call, const std::string& from,
                                           const std::string& to) {
  if (!isTurnaround(call)) return std::nullopt;
  auto pos = fieldPositions(call, 2);
  if (!pos) return std::nullopt;
  const std::string rec = formula::call("INDEX", {call.data, "0", std::to_string((*pos)[0])});
  const std::string clo = formula::call("INDEX", {call.data, "0", std::to_string((*pos)[1])});
  const std::string end = to + "+1";
  std::vector<std::pair<std::string, std::string>> month = {{rec, ge(from)}, {rec, lt(end)}};
  auto blankClosed = month, laterClosed = month;
  blankClosed.emplace_back(clo, formula::kEmpty);
  laterClosed.emplace_back(clo, ge(end));
  return countifs(blankClosed) + "+" + countifs(laterClosed);
}

std::vector<std::pair<std::string, std::string>> leftOutReasons(const KpiCall& call, const std::string& today,
                                                                const std::string& leftOut, Lang lang) {
  std::vector<std::pair<std::string, std::string>> r;
  if (call.reduction) return r;
  const std::string name(call.fn->name);
  const bool delivery = name == "OTIF", turnaround = name == "TURNAROUND";
  if (!delivery && !turnaround) return r;
  auto pos = fieldPositions(call, delivery ? 4 : 2);
  if (!pos) return r;
  auto field = [&](int k) { return formula::call("INDEX", {call.data, "0", std::to_string((*pos)[k])}); };
  const std::string date = field(0);
  const std::string* from = option(call, "From");
  const std::string* to = option(call, "To");
  const std::string* asOf = turnaround ? option(call, "AsOf") : nullptr;
  std::vector<std::pair<std::string, std::string>> period = {{date, formula::text(">0")}};
  if (from) period.emplace_back(date, ge(dateNumber(*from, today)));
  if (to) period.emplace_back(date, lt(dateNumber(*to, today) + "+1"));
  if (asOf) period.emplace_back(date, lt(dateNumber(*asOf, today) + "+1"));
  const std::string dated = countifs({{date, formula::text(">0")}});
  const std::string rows = formula::call("ROWS", {call.data});
  const std::string outside = dated + "-" + countifs(period);
  if (delivery) {
    auto ordered = period;
    ordered.emplace_back(field(2), formula::text(">0"));
    r.emplace_back(tr(lang, "blank"), rows + "-" + dated + "+" + countifs(period) + "-" + countifs(ordered));
    r.emplace_back(tr(lang, "outside period"), outside);
    if (to) {
      const std::string* late = option(call, "LateDays");
      const std::string lateDays = late ? formula::call("N", {*late}) : "0";
      auto due = ordered;
      due.emplace_back(field(1), formula::kEmpty);
      due.emplace_back(date, ge("(" + dateNumber(*to, today) + "-" + lateDays + ")"));
      r.emplace_back(tr(lang, "not yet due"), countifs(due));
    }
  } else {
    r.emplace_back(tr(lang, "blank"), rows + "-" + dated);
    r.emplace_back(tr(lang, "outside period"), outside);
    r.emplace_back(tr(lang, "open, within time"), leftOut + "-(" + rows + "-" + countifs(period) + ")");
  }
  return r;
}

}  // namespace qkpi::objectives::detail
