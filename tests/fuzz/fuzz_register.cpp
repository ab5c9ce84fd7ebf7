// The workflow's readers and builders: a register sheet (headers in any
// order, rows built mostly from VALID field values so that the review and
// action-log paths are reached, sometimes from raw fuzzed text) goes through
// readRegister, the Actual/Status formulas, the review probes, the review and
// the action log. The only exception a user may see is UserError; a crash,
// undefined behaviour or any other exception is a finding.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "objectives/objectives.h"

namespace obj = qkpi::objectives;

namespace {

// Valid (and a few nearly valid) values for each register column, by header.
const std::vector<std::string>& choices(const std::string& header) {
  static const std::vector<std::string> none;
  static const std::vector<std::pair<std::string, std::vector<std::string>>> table = {
      {"ID", {"Q-01", "Q-02", "", "=1+1"}},
      {"Objective", {"RFT 99.8 % by customer", "", "=HYPERLINK(\"x\")"}},
      {"KPI",
       {"OTIF", "ONTIME", "INFULL", "RFT", "RFTJOBS", "RTY", "RETURNS", "TURNAROUND", "TURNAROUNDDAYS",
        "otif", "OTIFBY", "REDUCTION", "", "SUM"}},
      {"Data",
       {"$Deliveries.D2:G20001", "$Quality.B2:D500", "$Returns.C2:E50", "$'Action Log'.A1:B2", "Holidays", "",
        "A1", "$Deliveries.D2", "not a range", "$x.A1:B", "$'a''b'.A1:C9"}},
      {"Segment by", {"", "$Deliveries.A2:A20001", "$Returns.A2:A50", "$Deliveries.A2:B20001", "Customers"}},
      {"Options",
       {"", "From=2026-01-01", "From=2026-01-01; To=TODAY(); LateDays=2; QtyTolerance=0.02",
        "Columns={6;8;5;7}; EarlyDays=0", "From=2026-01-01; Days=20; Holidays=Holidays; AsOf=TODAY()",
        "Weekend=\"0000011\"", "Weekend=7", "Percentile=90%", "LateDays=-1", "From=2026-02-30",
        "To=TODAY()-30", "From=DATE(2026;1;1)", "Holidays={\"2026-12-24\";\"2026-12-25\"}", "Segment=ACME",
        "From=2026-01-01;From=2026-02-01", "QtyTolerance=2", "Columns=6,8,5,7", "AsOf=$Settings.B2", "junk"}},
      {"Target", {"0.95", "95%", "0.998", "0.5", "20", "", "abc"}},
      {"Direction", {"", "higher", "lower", "up"}},
      {"Amber", {"", "0.92", "0.9", "25", "x"}},
      {"Baseline", {"", "150000", "0.9", "-1", "y"}},
      {"Start", {"", "2026-01-01", "46023", "2026-13-01"}},
      {"Due", {"", "2026-12-31", "46387", "2025-01-01"}},
      {"Responsible", {"Jane Doe", ""}},
      {"Resources", {"Team", ""}},
      {"Evaluation", {"Monthly review", ""}},
      {"Review frequency", {"Monthly", ""}},
      {"Actual", {"", "0.9"}},
      {"Status", {"", "GREEN", "AMBER", "RED", "GREY"}},
      {"Complete", {""}},
  };
  for (const auto& [h, v] : table)
    if (h == header) return v;
  return none;
}

obj::Value value(FuzzedDataProvider& p, const std::string& header) {
  const auto& c = choices(header);
  switch (p.ConsumeIntegralInRange<int>(0, 9)) {
    case 0:
      return obj::Value(p.ConsumeRandomLengthString(60));
    case 1:
      return obj::Value(p.ConsumeFloatingPoint<double>());
    case 2:
      return obj::Value();
    default:
      break;
  }
  if (c.empty()) return obj::Value();
  const std::string& s = c[p.ConsumeIntegralInRange<std::size_t>(0, c.size() - 1)];
  // Numbers and dates are also read from the sheet as numbers.
  if ((header == "Target" || header == "Amber" || header == "Baseline" || header == "Start" ||
       header == "Due") &&
      !s.empty() && p.ConsumeBool()) {
    char* end = nullptr;
    double d = std::strtod(s.c_str(), &end);
    if (end && *end == 0) return obj::Value(d);
  }
  return obj::Value(s);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider p(data, size);
  std::vector<std::string> headers = obj::registerHeaders();
  // Columns in any order, sometimes one missing, sometimes an extra one.
  for (std::size_t i = headers.size(); i > 1; --i)
    if (p.ConsumeIntegralInRange<int>(0, 3) == 0)
      std::swap(headers[i - 1], headers[p.ConsumeIntegralInRange<std::size_t>(0, i - 1)]);
  if (p.ConsumeIntegralInRange<int>(0, 7) == 0)
    headers.erase(headers.begin() + p.ConsumeIntegralInRange<std::size_t>(0, headers.size() - 1));
  if (p.ConsumeIntegralInRange<int>(0, 7) == 0) headers.push_back("Notes");
  obj::Table t(1);
  for (const auto& h : headers) t[0].emplace_back(h);
  for (std::size_t r = p.ConsumeIntegralInRange<std::size_t>(0, 6); r > 0; --r) {
    std::vector<obj::Value> row;
    for (const auto& h : headers) row.push_back(value(p, h));
    t.push_back(std::move(row));
  }
  const long today = 46351 + p.ConsumeIntegralInRange<long>(-800, 800);
  const long off = p.ConsumeBool() ? 0 : 1462;
  try {
    std::vector<obj::Objective> reg = obj::readRegister(t);
    for (const auto& o : reg) {
      try {
        (void)obj::actualFormula(o);
        (void)obj::statusFormula(o);
      } catch (const obj::UserError&) {
      }
    }
    (void)obj::registerFormulas(reg);
    auto probes = obj::segmentTableProbes(reg);
    std::vector<int> rows;
    for (std::size_t i = 0; i < probes.size(); ++i) rows.push_back(p.ConsumeIntegralInRange<int>(0, 40));
    (void)obj::review(reg, rows, today, off, "Review");
    (void)obj::actionLog(nullptr, reg, today, off);
    obj::Table log(1);
    for (const auto& h : obj::actionLogHeaders()) log[0].emplace_back(h);
    for (std::size_t r = p.ConsumeIntegralInRange<std::size_t>(0, 3); r > 0; --r)
      log.push_back({obj::Value(p.ConsumeRandomLengthString(8)), obj::Value(p.ConsumeRandomLengthString(8))});
    (void)obj::actionLog(&log, reg, today, off);
  } catch (const obj::UserError&) {
  }
  return 0;
}
