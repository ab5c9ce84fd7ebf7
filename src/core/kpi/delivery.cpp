// Delivery performance: OTIF, ONTIME, INFULL, OTIFBY and the system of
// measures OTIFQTY, OTIFORDERS, OTIFREASONS, OTIFQTYBY, OTIFORDERSBY
// (kpi-rules.md, "Delivery performance").
//
// Every rule lives in classify(): one verdict per order line (eligible or
// why not, when it arrived, in full), shared by every function here; the
// reason of a line (OTIFREASONS) is reasonOf() of that verdict.
//
// Data decisions (also in the help):
//  - OrderedQty <= 0 (blank, or a credit/return line): not eligible, left out;
//  - DeliveredQty < 0 on a line with OrderedQty > 0: bad data (#VALUE!);
//  - a Delivered date without Due: not eligible (no due date to compare);
//  - on time is judged by the dates, in full by the quantities only (a
//    quantity without a Delivered date is still "not delivered" for ONTIME);
//  - bad data in any line of the table is reported, whatever the segment and
//    the period (as in returns.cpp): classify() checks a line before it
//    applies the period, and every line is classified before the segment
//    filter, so each OTIFBY row equals OTIF with that Segment and a wrong
//    line is never hidden by a filter. Lines that are only ineligible (Due
//    blank, OrderedQty <= 0) are not bad data.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "kpi/args.h"
#include "kpi/by_table.h"
#include "kpi/common_args.h"
#include "kpi/function_table.h"
#include "kpi/keys.h"
#include "kpi/segments.h"

namespace qkpi {
namespace {

struct DeliveryRules {
  Period period;
  std::optional<double> earlyDays;  // not given: early is always on time
  double lateDays = 0;
  double tolerance = 0;
};

// Column of each field inside the table; kNoColumn when the layout lacks it
// (ONTIME and INFULL on two columns).
struct DeliveryColumns {
  std::size_t due = kNoColumn, delivered = kNoColumn, orderedQty = kNoColumn, deliveredQty = kNoColumn;
  bool hasDates() const { return due != kNoColumn; }
  bool hasQuantities() const { return orderedQty != kNoColumn; }
};

// When the line arrived, judged against Due (kpi-rules.md: -EarlyDays <=
// Delivered - Due <= LateDays is on time).
enum class Timing : unsigned char { NoDates, OnTime, Late, Early, NotDelivered };

// Why a line is not eligible (the line is left out of every measure).
enum class LeftOut : unsigned char { No, NoDue, OutsidePeriod, NotOrdered, NotYetLate };

struct Verdict {
  bool eligible = false;
  bool onTime = false;
  bool inFull = false;
  Timing timing = Timing::NoDates;
  LeftOut leftOut = LeftOut::No;
  double ordered = 0, deliveredQty = 0;  // when the layout has quantities
  long daysLate = 0;                     // Delivered - Due, when both are set (Explain shows it)
};

// Exactly at the boundary is in full: DeliveredQty >= OrderedQty * (1 - tol),
// with a relative margin for the rounding of the product (150 * (1 - 0.18) is
// 123.00000000000001 in binary floating point).
bool inFull(double ordered, double delivered, double tolerance) {
  double need = ordered * (1 - tolerance);
  return delivered >= need - 1e-12 * ordered;
}

// Checks the line first (every line, whatever the period; the callers call
// it for every line, whatever the segment), then decides eligibility.
Verdict classify(const NumTable& t, const DeliveryColumns& c, const DeliveryRules& r, std::size_t row) {
  Verdict v;
  if (c.hasQuantities()) {
    v.ordered = t.at(row, c.orderedQty);
    v.deliveredQty = t.at(row, c.deliveredQty);
    if (v.ordered > 0 && v.deliveredQty < 0)
      throw DataError("DeliveredQty is negative in row " + std::to_string(row + 1) + " of Lines");
  }
  std::optional<long> due, delivered;
  if (c.hasDates()) {
    // Both dates are checked on every line (a date outside the years 1 to 9999 is bad data).
    const Context ctx{r.period.nullDateOffset};
    due = tableDay(t.at(row, c.due), ctx, "Due", row);
    delivered = tableDay(t.at(row, c.delivered), ctx, "Delivered", row);
    if (!due) {
      v.leftOut = LeftOut::NoDue;
      return v;
    }
    if (r.period.active() && !r.period.containsDay(*due)) {
      v.leftOut = LeftOut::OutsidePeriod;
      return v;
    }
  }
  if (c.hasQuantities() && !(v.ordered > 0)) {
    v.leftOut = LeftOut::NotOrdered;
    return v;
  }
  if (c.hasDates()) {
    if (!delivered) {
      // Not delivered yet: not late at the end of the period -> left out.
      if (r.period.to && static_cast<double>(*due) + r.lateDays >= static_cast<double>(*r.period.to)) {
        v.leftOut = LeftOut::NotYetLate;
        return v;
      }
      v.timing = Timing::NotDelivered;
    } else {
      v.daysLate = *delivered - *due;
      double days = static_cast<double>(v.daysLate);
      if (days > r.lateDays)
        v.timing = Timing::Late;
      else if (r.earlyDays && -days > *r.earlyDays)
        v.timing = Timing::Early;
      else
        v.timing = Timing::OnTime;
    }
    v.onTime = v.timing == Timing::OnTime;
  }
  if (c.hasQuantities()) v.inFull = inFull(v.ordered, v.deliveredQty, r.tolerance);
  v.eligible = true;
  return v;
}

enum class Measure { Otif, OnTime, InFull };

double success(const Verdict& v, Measure m) {
  switch (m) {
    case Measure::Otif:
      return v.onTime && v.inFull ? 1 : 0;
    case Measure::OnTime:
      return v.onTime ? 1 : 0;
    case Measure::InFull:
      return v.inFull ? 1 : 0;
  }
  return 0;
}

const NumTable& linesTable(const Arg& lines) {
  if (!lines.isTable()) throw ArgumentError("Lines: expects a range of cells");
  return lines.table();
}

double tolerance(const Arg& a) {
  return optionalFraction(a, "QtyTolerance").value_or(0);
}

DeliveryColumns fullLayout(const Arg& columns, std::size_t tableCols) {
  auto m = columnMap(columns, tableCols, 4, 4);
  return {m[0], m[1], m[2], m[3]};
}

// ONTIME and INFULL: the delivery layout (4 fields) or the 2-field one.
bool chooseFullLayout(const Arg& columns, std::size_t tableCols) {
  std::size_t listed = columnCount(columns);
  if (listed == 4) return true;
  if (listed == 2) return false;
  if (listed != 0)
    throw ArgumentError("Columns: list 4 positions (Due, Delivered, OrderedQty, DeliveredQty) or 2");
  if (tableCols >= 4) return true;
  if (tableCols == 2) return false;
  throw ArgumentError(
      "Lines: expects 4 or more columns (Due, Delivered, OrderedQty, DeliveredQty) or 2, or give Columns");
}

Value ratio(double numerator, double denominator) {
  if (denominator == 0) return NoValue{};
  return numerator / denominator;
}

// The arguments of one base call, read once (shared by the function and its
// explanation).
struct LinesCall {
  const NumTable* t;
  DeliveryColumns c;
  DeliveryRules r;
  SegmentFilter f;
};

// The lines one base call counts: every line is classified (and so checked)
// before the segment filter; `visit(row, verdict)` for each line in the
// segment that is eligible.
template <typename Visit>
void forEachCounted(const LinesCall& k, Visit visit) {
  for (std::size_t row = 0; row < k.t->rowCount(); ++row) {
    Verdict v = classify(*k.t, k.c, k.r, row);
    if (!k.f.keep(row) || !v.eligible) continue;
    visit(row, v);
  }
}

// OTIF, ONTIME, INFULL: the share of counted lines that succeed for `m`.
Value runBase(const LinesCall& k, Measure m) {
  double numerator = 0, denominator = 0;
  forEachCounted(k, [&](std::size_t, const Verdict& v) {
    numerator += success(v, m);
    denominator += 1;
  });
  return ratio(numerator, denominator);
}

DeliveryRules otifRules(const Context& ctx, const Arg& from, const Arg& to, const Arg& early, const Arg& late,
                        double tolerance) {
  return {readPeriod(from, to, ctx), optionalCount(early, "EarlyDays"),
          optionalCount(late, "LateDays").value_or(0), tolerance};
}

// --- OTIF ------------------------------------------------------------------

// OTIF(Lines; [Segments]; [Segment]; [From]; [To]; [EarlyDays]; [LateDays]; [QtyTolerance]; [Columns])
LinesCall otifCall(const Context& ctx, std::span<const Arg> a) {
  const NumTable& t = linesTable(a[0]);
  return {&t, fullLayout(a[8], t.cols), otifRules(ctx, a[3], a[4], a[5], a[6], tolerance(a[7])),
          SegmentFilter(a[1], a[2], t.rowCount())};
}

Value otif(const Context& ctx, std::span<const Arg> a) {
  LinesCall k = otifCall(ctx, a);
  return runBase(k, Measure::Otif);
}

LinesCall ontimeCall(const Context& ctx, std::span<const Arg> a) {
  const NumTable& t = linesTable(a[0]);
  DeliveryColumns c;
  if (chooseFullLayout(a[7], t.cols)) {
    c = fullLayout(a[7], t.cols);
  } else {
    auto m = columnMap(a[7], t.cols, 2, 2);
    c.due = m[0];
    c.delivered = m[1];
  }
  return {&t, c, otifRules(ctx, a[3], a[4], a[5], a[6], 0), SegmentFilter(a[1], a[2], t.rowCount())};
}

Value ontime(const Context& ctx, std::span<const Arg> a) {
  LinesCall k = ontimeCall(ctx, a);
  return runBase(k, Measure::OnTime);
}

LinesCall infullCall(const Context& ctx, std::span<const Arg> a) {
  const NumTable& t = linesTable(a[0]);
  DeliveryColumns c;
  DeliveryRules r{readPeriod(a[3], a[4], ctx), std::nullopt, 0, tolerance(a[5])};
  if (chooseFullLayout(a[6], t.cols)) {
    c = fullLayout(a[6], t.cols);
  } else {
    auto m = columnMap(a[6], t.cols, 2, 2);
    c.orderedQty = m[0];
    c.deliveredQty = m[1];
    if (r.period.active())
      throw ArgumentError("From/To: a 2-column INFULL range (OrderedQty, DeliveredQty) has no due date");
  }
  return {&t, c, r, SegmentFilter(a[1], a[2], t.rowCount())};
}

Value infull(const Context& ctx, std::span<const Arg> a) {
  LinesCall k = infullCall(ctx, a);
  return runBase(k, Measure::InFull);
}

Value otifBy(const Context& ctx, std::span<const Arg> a) {
  const NumTable& t = linesTable(a[0]);
  DeliveryColumns c = fullLayout(a[7], t.cols);
  DeliveryRules r{readPeriod(a[2], a[3], ctx), optionalCount(a[4], "EarlyDays"),
                  optionalCount(a[5], "LateDays").value_or(0), tolerance(a[6])};
  SegmentIndex index(a[1], t.rowCount(), "Segments");
  RatioByTable by(index);
  for (std::size_t row = 0; row < t.rowCount(); ++row) {
    by.countRow(row);
    Verdict v = classify(t, c, r, row);
    if (v.eligible) by.use(row, success(v, Measure::Otif), 1);
  }
  return by.result();
}

// --- OTIF as a system of measures (kpi-rules.md v4) -------------------------

// The one reason of an eligible line (OTIFREASONS' rows 1-7, in order).
enum class Reason : unsigned char {
  OnTimeInFull,
  Short,
  Late,
  LateAndShort,
  Early,
  EarlyAndShort,
  NotDelivered
};
constexpr std::size_t kReasonCount = 7;
constexpr std::u16string_view kReasonText[kReasonCount] = {
    u"on time in full", u"short", u"late", u"late and short", u"early", u"early and short", u"not delivered"};

Reason reasonOf(const Verdict& v) {
  switch (v.timing) {
    case Timing::OnTime:
    case Timing::NoDates:
      return v.inFull ? Reason::OnTimeInFull : Reason::Short;
    case Timing::Late:
      return v.inFull ? Reason::Late : Reason::LateAndShort;
    case Timing::Early:
      return v.inFull ? Reason::Early : Reason::EarlyAndShort;
    case Timing::NotDelivered:
      break;
  }
  return Reason::NotDelivered;
}

// OTIFQTY's share of a line: what arrived on time, up to the ordered
// quantity (no QtyTolerance: a short on-time line adds what was delivered).
double onTimeQuantity(const Verdict& v) {
  return v.onTime ? std::min(v.deliveredQty, v.ordered) : 0;
}

// OTIFQTY(Lines; [Segments]; [Segment]; [From]; [To]; [EarlyDays]; [LateDays]; [Columns])
LinesCall otifQtyCall(const Context& ctx, std::span<const Arg> a) {
  const NumTable& t = linesTable(a[0]);
  return {&t, fullLayout(a[7], t.cols), otifRules(ctx, a[3], a[4], a[5], a[6], 0),
          SegmentFilter(a[1], a[2], t.rowCount())};
}

Value otifQty(const Context& ctx, std::span<const Arg> a) {
  double numerator = 0, denominator = 0;
  forEachCounted(otifQtyCall(ctx, a), [&](std::size_t, const Verdict& v) {
    numerator += onTimeQuantity(v);
    denominator += v.ordered;
  });
  return ratio(numerator, denominator);
}

// OTIFQTYBY(Lines; Segments; [From]; [To]; [EarlyDays]; [LateDays]; [Columns])
Value otifQtyBy(const Context& ctx, std::span<const Arg> a) {
  const NumTable& t = linesTable(a[0]);
  DeliveryColumns c = fullLayout(a[6], t.cols);
  DeliveryRules r = otifRules(ctx, a[2], a[3], a[4], a[5], 0);
  SegmentIndex index(a[1], t.rowCount(), "Segments");
  RatioByTable by(index);
  for (std::size_t row = 0; row < t.rowCount(); ++row) {
    by.countRow(row);
    Verdict v = classify(t, c, r, row);
    if (v.eligible) by.use(row, onTimeQuantity(v), v.ordered);
  }
  return by.result();
}

// The orders of the eligible lines: an order is OTIF when every eligible line
// of it is. A line with a blank order key is an order of its own.
class OrderTally {
 public:
  explicit OrderTally(std::size_t orders) : state_(orders, kNone) {}
  void add(int order, bool otif) {
    if (order == RowKeys::kNone) {
      own_ += 1;
      ownOtif_ += otif ? 1 : 0;
    } else if (state_[static_cast<std::size_t>(order)] != kFailed) {
      state_[static_cast<std::size_t>(order)] = otif ? kAllOtif : kFailed;
    }
  }
  // Whether an order (not kNone) has an eligible line that is not OTIF.
  bool failed(int order) const { return state_[static_cast<std::size_t>(order)] == kFailed; }
  // (OTIF orders, orders), in one pass over the orders.
  std::pair<double, double> totals() const {
    double orders = own_, otif = ownOtif_;
    for (unsigned char s : state_) {
      orders += s != kNone ? 1 : 0;
      otif += s == kAllOtif ? 1 : 0;
    }
    return {otif, orders};
  }

 private:
  static constexpr unsigned char kNone = 0, kAllOtif = 1, kFailed = 2;
  std::vector<unsigned char> state_;
  double own_ = 0, ownOtif_ = 0;
};

// OTIFORDERS(Lines; Orders; [Segments]; [Segment]; [From]; [To]; [EarlyDays]; [LateDays]; [QtyTolerance];
// [Columns])
LinesCall otifOrdersCall(const Context& ctx, std::span<const Arg> a) {
  const NumTable& t = linesTable(a[0]);
  return {&t, fullLayout(a[9], t.cols), otifRules(ctx, a[4], a[5], a[6], a[7], tolerance(a[8])),
          SegmentFilter(a[2], a[3], t.rowCount())};
}

Value otifOrders(const Context& ctx, std::span<const Arg> a) {
  LinesCall k = otifOrdersCall(ctx, a);
  RowKeys orders(a[1], k.t->rowCount(), "Orders");
  OrderTally tally(orders.size());
  forEachCounted(
      k, [&](std::size_t row, const Verdict& v) { tally.add(orders.idOfRow(row), v.onTime && v.inFull); });
  auto [otif, count] = tally.totals();
  return ratio(otif, count);
}

// OTIFORDERSBY(Lines; Orders; Segments; [From]; [To]; [EarlyDays]; [LateDays]; [QtyTolerance]; [Columns]):
// an order of lines in several segments counts in each of them (as OTIFORDERS
// with that Segment) and once in (all).
Value otifOrdersBy(const Context& ctx, std::span<const Arg> a) {
  const NumTable& t = linesTable(a[0]);
  DeliveryColumns c = fullLayout(a[8], t.cols);
  DeliveryRules r = otifRules(ctx, a[3], a[4], a[5], a[6], tolerance(a[7]));
  RowKeys orders(a[1], t.rowCount(), "Orders");
  SegmentIndex index(a[2], t.rowCount(), "Segments");
  RatioByTable by(index);
  OrderTally all(orders.size());
  // Per (segment, order): the first line's row (to find the group) and the state.
  struct PerSegment {
    std::size_t row;
    bool otif;
  };
  std::unordered_map<std::uint64_t, PerSegment> perSegment;
  for (std::size_t row = 0; row < t.rowCount(); ++row) {
    by.countRow(row);
    Verdict v = classify(t, c, r, row);
    if (!v.eligible) continue;
    const bool otif = v.onTime && v.inFull;
    by.use(row, 0, 0);  // a line counted; the order totals follow below
    const int order = orders.idOfRow(row);
    all.add(order, otif);
    if (order == RowKeys::kNone) {
      by.addToGroupOf(row, otif ? 1 : 0, 1);
      continue;
    }
    const auto segment = static_cast<std::uint32_t>(index.idOfRow(row));  // kBlank -> its own group
    const std::uint64_t key = (static_cast<std::uint64_t>(segment) << 32) | static_cast<std::uint32_t>(order);
    auto [it, added] = perSegment.try_emplace(key, PerSegment{row, otif});
    if (!added) it->second.otif = it->second.otif && otif;
  }
  for (const auto& entry : perSegment) by.addToGroupOf(entry.second.row, entry.second.otif ? 1 : 0, 1);
  auto [otif, count] = all.totals();
  by.addToAll(otif, count);
  return by.result();
}

// OTIFREASONS(Lines; [Segments]; [Segment]; [From]; [To]; [EarlyDays]; [LateDays]; [QtyTolerance]; [Columns])
LinesCall otifReasonsCall(const Context& ctx, std::span<const Arg> a) {
  const NumTable& t = linesTable(a[0]);
  return {&t, fullLayout(a[8], t.cols), otifRules(ctx, a[3], a[4], a[5], a[6], tolerance(a[7])),
          SegmentFilter(a[1], a[2], t.rowCount())};
}

Value otifReasons(const Context& ctx, std::span<const Arg> a) {
  std::array<double, kReasonCount> lines{};
  double eligible = 0;
  forEachCounted(otifReasonsCall(ctx, a), [&](std::size_t, const Verdict& v) {
    lines[static_cast<std::size_t>(reasonOf(v))] += 1;
    eligible += 1;
  });
  Matrix m;
  m.cols = 3;
  auto add = [&](std::u16string_view reason, double count) {
    m.cells.emplace_back(std::u16string(reason));
    m.cells.emplace_back(count);
    if (eligible > 0)
      m.cells.emplace_back(count / eligible);
    else
      m.cells.emplace_back(std::u16string());
    ++m.rows;
  };
  for (std::size_t i = 0; i < kReasonCount; ++i) add(kReasonText[i], lines[i]);
  add(kAllSegment, eligible);
  return m;
}

// --- Explain (kpi/explain.h): every line judged by classify() ----------------

constexpr std::string_view leftOutText(LeftOut w) {
  switch (w) {
    case LeftOut::NoDue:
      return "blank Due";
    case LeftOut::OutsidePeriod:
      return kOutsidePeriod;
    case LeftOut::NotOrdered:
      return "nothing ordered";
    case LeftOut::NotYetLate:
      return "not late yet at To";
    case LeftOut::No:
      break;
  }
  return "";
}

// The reason of an eligible line: the OTIFREASONS text on the delivery
// layout; on the two-column layouts of ONTIME (dates) and INFULL (quantities)
// the half of it that the layout has.
std::string_view lineReason(const Verdict& v, const DeliveryColumns& c) {
  if (c.hasDates() && c.hasQuantities()) {
    // The OTIFREASONS texts (ASCII) as UTF-8.
    static const std::array<std::string, kReasonCount> texts = [] {
      std::array<std::string, kReasonCount> out;
      for (std::size_t i = 0; i < kReasonCount; ++i)
        out[i].assign(kReasonText[i].begin(), kReasonText[i].end());
      return out;
    }();
    return texts[static_cast<std::size_t>(reasonOf(v))];
  }
  if (!c.hasDates()) return v.inFull ? "in full" : "short";
  switch (v.timing) {
    case Timing::Late:
      return "late";
    case Timing::Early:
      return "early";
    case Timing::NotDelivered:
      return "not delivered";
    case Timing::OnTime:
    case Timing::NoDates:
      break;
  }
  return "on time";
}

// Every line judged as the functions judge it: classify() on every line
// (bad data whatever the segment), then the segment, then the verdict;
// `ok(v)` says whether an eligible line succeeds for the measure.
template <typename Ok>
RowJudgements judgeLines(const LinesCall& k, Ok ok) {
  const NumTable& t = *k.t;
  RowJudgements j(t.rowCount());
  const char* names[] = {"Due", "Delivered", "OrderedQty", "DeliveredQty"};
  const std::size_t cols[] = {k.c.due, k.c.delivered, k.c.orderedQty, k.c.deliveredQty};
  for (std::size_t i = 0; i < 4; ++i)
    if (cols[i] != kNoColumn) j.fields.emplace_back(names[i], cols[i]);
  if (k.c.hasDates()) j.withDetail("Days late");
  const std::uint16_t other = j.reasonId("other segment");
  std::array<int, 8> leftOutIds;
  leftOutIds.fill(-1);
  std::unordered_map<std::string_view, std::uint16_t> reasonIds;  // a handful of texts
  for (std::size_t row = 0; row < t.rowCount(); ++row) {
    Verdict v;
    try {
      v = classify(t, k.c, k.r, row);
    } catch (const DataError& e) {
      j.setBad(row, e.what());
      continue;
    }
    if (!k.f.keep(row)) {
      j.set(row, RowStatus::OtherSegment, other);
      continue;
    }
    if (!v.eligible) {
      int& id = leftOutIds[static_cast<std::size_t>(v.leftOut)];
      if (id < 0) id = j.reasonId(leftOutText(v.leftOut));
      j.set(row, RowStatus::LeftOut, static_cast<std::uint16_t>(id));
      continue;
    }
    std::string_view text = lineReason(v, k.c);
    auto it = reasonIds.find(text);
    if (it == reasonIds.end()) it = reasonIds.emplace(text, j.reasonId(text)).first;
    j.set(row, ok(v) ? RowStatus::Succeeded : RowStatus::Failed, it->second);
    if (k.c.hasDates() && v.timing != Timing::NotDelivered) j.detail[row] = static_cast<double>(v.daysLate);
  }
  return j;
}

RowJudgements explainOtif(const Context& ctx, std::span<const Arg> a) {
  return judgeLines(otifCall(ctx, a), [](const Verdict& v) { return success(v, Measure::Otif) > 0; });
}

RowJudgements explainOntime(const Context& ctx, std::span<const Arg> a) {
  return judgeLines(ontimeCall(ctx, a), [](const Verdict& v) { return success(v, Measure::OnTime) > 0; });
}

RowJudgements explainInfull(const Context& ctx, std::span<const Arg> a) {
  return judgeLines(infullCall(ctx, a), [](const Verdict& v) { return success(v, Measure::InFull) > 0; });
}

RowJudgements explainOtifReasons(const Context& ctx, std::span<const Arg> a) {
  return judgeLines(otifReasonsCall(ctx, a),
                    [](const Verdict& v) { return reasonOf(v) == Reason::OnTimeInFull; });
}

// OTIFQTY: a line succeeds when all of it came on time (OTIFQTY has no
// QtyTolerance); a short on-time line fails but still adds what came.
RowJudgements explainOtifQty(const Context& ctx, std::span<const Arg> a) {
  LinesCall k = otifQtyCall(ctx, a);
  double onTime = 0, ordered = 0;
  RowJudgements j = judgeLines(k, [&](const Verdict& v) {
    onTime += onTimeQuantity(v);
    ordered += v.ordered;
    return v.onTime && v.inFull;
  });
  j.totals = {{"Quantity on time", onTime}, {"Quantity ordered", ordered}};
  return j;
}

// OTIFORDERS: the lines as OTIF judges them; then every counted line of an
// order that is not OTIF fails, the OTIF lines of it with the reason
// "another line of the order failed".
RowJudgements explainOtifOrders(const Context& ctx, std::span<const Arg> a) {
  LinesCall k = otifOrdersCall(ctx, a);
  RowKeys orders(a[1], k.t->rowCount(), "Orders");
  RowJudgements j = judgeLines(k, [](const Verdict& v) { return v.onTime && v.inFull; });
  OrderTally tally(orders.size());
  for (std::size_t row = 0; row < j.rowCount(); ++row)
    if (j.status[row] == RowStatus::Succeeded || j.status[row] == RowStatus::Failed)
      tally.add(orders.idOfRow(row), j.status[row] == RowStatus::Succeeded);
  const std::uint16_t byOrder = j.reasonId("another line of the order failed");
  for (std::size_t row = 0; row < j.rowCount(); ++row) {
    const int order = orders.idOfRow(row);
    if (j.status[row] == RowStatus::Succeeded && order != RowKeys::kNone && tally.failed(order))
      j.set(row, RowStatus::Failed, byOrder);
  }
  auto [otif, count] = tally.totals();
  j.totals = {{"Orders on time in full", otif}, {"Orders", count}};
  return j;
}

// --- Help texts and register facts ----------------------------------------------

namespace ca = common_args;

constexpr LocalText kLines{
    "The order lines: a range with the columns Due, Delivered (date; empty = not yet delivered), OrderedQty, DeliveredQty in this order, or in any order with Columns. Text and empty cells count as blank; lines with OrderedQty ≤ 0 are left out.",
    "Die Auftragspositionen: ein Bereich mit den Spalten Liefertermin (Due), Lieferdatum (Delivered; leer = noch nicht geliefert), Bestellmenge (OrderedQty), Liefermenge (DeliveredQty) in dieser Reihenfolge oder beliebig mit Columns. Text und leere Zellen gelten als leer; Positionen mit Bestellmenge ≤ 0 bleiben außen vor."};

constexpr LocalText kLinesOntime{
    "The order lines: a range with the columns Due, Delivered, OrderedQty, DeliveredQty (as for OTIF), or only Due, Delivered (2 columns); other orders with Columns. Empty Delivered = not yet delivered.",
    "Die Auftragspositionen: ein Bereich mit den Spalten Liefertermin, Lieferdatum, Bestellmenge, Liefermenge (wie bei OTIF) oder nur Liefertermin, Lieferdatum (2 Spalten); andere Reihenfolge mit Columns. Leeres Lieferdatum = noch nicht geliefert."};

constexpr LocalText kLinesInfull{
    "The order lines: a range with the columns Due, Delivered, OrderedQty, DeliveredQty (as for OTIF), or only OrderedQty, DeliveredQty (2 columns, then without period); other orders with Columns.",
    "Die Auftragspositionen: ein Bereich mit den Spalten Liefertermin, Lieferdatum, Bestellmenge, Liefermenge (wie bei OTIF) oder nur Bestellmenge, Liefermenge (2 Spalten, dann ohne Zeitraum); andere Reihenfolge mit Columns."};

constexpr LocalText kByDue{"The period date is Due.", "Das Periodendatum ist der Liefertermin (Due)."};

constexpr LocalText kToLate{
    "A line not yet delivered is a failure, except when To is given and Due + LateDays ≥ To: it is not late yet and is left out.",
    "Eine noch nicht gelieferte Position gilt als verfehlt, außer To ist angegeben und Liefertermin + LateDays ≥ To: Dann ist sie noch nicht verspätet und bleibt außen vor."};

constexpr LocalText kToInfull{
    "Needs the 4-column layout. A line not yet delivered with Due ≥ To is not late yet and is left out (as OTIF with LateDays 0).",
    "Nur mit 4 Spalten. Eine noch nicht gelieferte Position mit Liefertermin ≥ To ist noch nicht verspätet und bleibt außen vor (wie OTIF mit LateDays 0)."};

constexpr ArgSpec kEarlyDays{
    "EarlyDays",
    ArgType::Any,
    ArgKind::Count,
    false,
    {},
    {"Calendar days a delivery may arrive before Due and still be on time (≥ 0). Omitted = any early delivery is on time; 0 = early deliveries are failures.",
     "Kalendertage, die eine Lieferung vor dem Liefertermin eintreffen darf und noch termingerecht ist (≥ 0). Weggelassen = jede Frühlieferung ist termingerecht; 0 = Frühlieferungen gelten als verfehlt."},
    {"Days a delivery may come before Due and still be on time; omitted = any.",
     "Tage, die eine Lieferung zu früh kommen darf; weggelassen = beliebig."}};

constexpr ArgSpec kLateDays{
    "LateDays",
    ArgType::Any,
    ArgKind::Count,
    false,
    {},
    {"Calendar days a delivery may arrive after Due and still be on time (≥ 0). Default 0: on or before the due date.",
     "Kalendertage, die eine Lieferung nach dem Liefertermin eintreffen darf und noch termingerecht ist (≥ 0). Standard 0: spätestens am Liefertermin."},
    {"Days a delivery may come after Due and still be on time; default 0.",
     "Tage, die eine Lieferung zu spät kommen darf; Standard 0."}};

constexpr ArgSpec kQtyTolerance{
    "QtyTolerance",
    ArgType::Any,
    ArgKind::Fraction,
    false,
    {},
    {"Allowed short delivery as a fraction 0…1: a line is in full when DeliveredQty ≥ OrderedQty × (1 − QtyTolerance); 0.02 accepts 49 of 50. Default 0. Over-delivery is in full.",
     "Zulässige Minderlieferung als Anteil 0…1: eine Position ist vollständig, wenn Liefermenge ≥ Bestellmenge × (1 − QtyTolerance); 0,02 akzeptiert 49 von 50. Standard 0. Überlieferung gilt als vollständig."},
    {"Allowed short delivery as a fraction 0…1, e.g. 0.02; default 0.",
     "Zulässige Minderlieferung als Anteil 0…1, z. B. 0,02; Standard 0."}};

constexpr LocalText kFields{
    "Fields: Due, Delivered, OrderedQty, DeliveredQty, e.g. {6;8;5;7} for an ERP export.",
    "Felder: Liefertermin, Lieferdatum, Bestellmenge, Liefermenge, z. B. {6;8;5;7} für einen ERP-Export."};

constexpr LocalText kFieldsOntime{
    "4 positions for Due, Delivered, OrderedQty, DeliveredQty, e.g. {6;8;5;7}, or 2 for Due, Delivered.",
    "4 Positionen für Liefertermin, Lieferdatum, Bestellmenge, Liefermenge, z. B. {6;8;5;7}, oder 2 für Liefertermin, Lieferdatum."};

constexpr LocalText kFieldsInfull{
    "4 positions for Due, Delivered, OrderedQty, DeliveredQty, e.g. {6;8;5;7}, or 2 for OrderedQty, DeliveredQty.",
    "4 Positionen für Liefertermin, Lieferdatum, Bestellmenge, Liefermenge, z. B. {6;8;5;7}, oder 2 für Bestellmenge, Liefermenge."};

constexpr LocalText kLinesSummary{"Order lines: columns Due, Delivered, OrderedQty, DeliveredQty.",
                                  "Positionen: Spalten Liefertermin, Lieferdatum, Bestell-, Liefermenge."};
constexpr LocalText kLinesOntimeSummary{
    "Order lines: the 4 columns as for OTIF, or only Due, Delivered.",
    "Positionen: die 4 Spalten wie bei OTIF oder nur Termin, Lieferdatum."};
constexpr LocalText kLinesInfullSummary{
    "Order lines: the 4 columns as for OTIF, or only OrderedQty, DeliveredQty.",
    "Positionen: die 4 Spalten wie bei OTIF oder nur Bestell-, Liefermenge."};

constexpr ArgSpec lines(LocalText text, LocalText summary = kLinesSummary) {
  return {"Lines", ArgType::Table, ArgKind::Table, true, {}, text, summary};
}

constexpr ArgSpec kOtifArgs[] = {
    lines(kLines), ca::segments(), ca::segment(), ca::from(kByDue),     ca::to(kToLate),
    kEarlyDays,    kLateDays,      kQtyTolerance, ca::columns(kFields),
};

constexpr ArgSpec kOntimeArgs[] = {
    lines(kLinesOntime, kLinesOntimeSummary),
    ca::segments(),
    ca::segment(),
    ca::from(kByDue),
    ca::to(kToLate),
    kEarlyDays,
    kLateDays,
    ca::columns(kFieldsOntime),
};

constexpr ArgSpec kInfullArgs[] = {
    lines(kLinesInfull, kLinesInfullSummary),
    ca::segments(),
    ca::segment(),
    ca::from(kByDue),
    ca::to(kToInfull),
    kQtyTolerance,
    ca::columns(kFieldsInfull),
};

constexpr ArgSpec kOtifByArgs[] = {
    lines(kLines), ca::segmentsBy(), ca::from(kByDue), ca::to(kToLate),
    kEarlyDays,    kLateDays,        kQtyTolerance,    ca::columns(kFields),
};

constexpr LocalText kAction{
    "Analyse the late and short order lines by customer and cause (Pareto); agree corrective actions with planning, production and logistics; check the effect on the KPI at the next review.",
    "Verspätete und unvollständige Auftragspositionen nach Kunde und Ursache analysieren (Pareto); Korrekturmaßnahmen mit Arbeitsvorbereitung, Produktion und Logistik vereinbaren; die Wirksamkeit an der Kennzahl bei der nächsten Bewertung prüfen."};

constexpr ArgSpec kOrders{
    "Orders",
    ArgType::Any,
    ArgKind::Keys,
    true,
    {},
    {"One column as long as Lines with each line's order number (text or number; 1001 equals \"1001\"). A blank order number makes the line an order of its own.",
     "Eine Spalte so lang wie Lines mit der Auftragsnummer jeder Position (Text oder Zahl; 1001 ist gleich \"1001\"). Eine leere Auftragsnummer macht die Position zu einem eigenen Auftrag."},
    {"Column with each line's order number, as long as Lines.",
     "Spalte mit der Auftragsnummer jeder Position, so lang wie Lines."}};

constexpr LocalText kToQty{
    "A line not yet delivered with Due + LateDays ≥ To is not late yet and is left out.",
    "Eine noch nicht gelieferte Position mit Liefertermin + LateDays ≥ To ist noch nicht verspätet und bleibt außen vor."};

constexpr ArgSpec kOtifQtyArgs[] = {
    lines(kLines),  ca::segments(), ca::segment(), ca::from(kByDue),
    ca::to(kToQty), kEarlyDays,     kLateDays,     ca::columns(kFields),
};

constexpr ArgSpec kOtifQtyByArgs[] = {
    lines(kLines), ca::segmentsBy(), ca::from(kByDue),     ca::to(kToQty),
    kEarlyDays,    kLateDays,        ca::columns(kFields),
};

constexpr ArgSpec kOtifOrdersArgs[] = {
    lines(kLines),   kOrders,    ca::segments(), ca::segment(), ca::from(kByDue),
    ca::to(kToLate), kEarlyDays, kLateDays,      kQtyTolerance, ca::columns(kFields),
};

constexpr ArgSpec kOtifOrdersByArgs[] = {
    lines(kLines), kOrders,   ca::segmentsBy(), ca::from(kByDue),     ca::to(kToLate),
    kEarlyDays,    kLateDays, kQtyTolerance,    ca::columns(kFields),
};

constexpr ArgSpec kOtifReasonsArgs[] = {
    lines(kLines), ca::segments(), ca::segment(), ca::from(kByDue),     ca::to(kToLate),
    kEarlyDays,    kLateDays,      kQtyTolerance, ca::columns(kFields),
};

constexpr LocalText kOtifQtyByColumns[] = {
    {"Segment", "Segment"},
    {"Lines", "Positionen"},
    {"Lines counted", "Positionen gezählt"},
    {"Quantity on time", "Menge termingerecht"},
    {"Quantity ordered", "Bestellmenge"},
    {"OTIF (quantity)", "Liefertreue (Menge)"},
};

constexpr LocalText kOtifOrdersByColumns[] = {
    {"Segment", "Segment"},
    {"Lines", "Positionen"},
    {"Lines counted", "Positionen gezählt"},
    {"Orders on time in full", "Aufträge termingerecht und vollständig"},
    {"Orders", "Aufträge"},
    {"OTIF (orders)", "Liefertreue (Aufträge)"},
};

// OTIFBY's result columns.
constexpr LocalText kOtifByColumns[] = {
    {"Segment", "Segment"},
    {"Lines", "Positionen"},
    {"Lines counted", "Positionen gezählt"},
    {"On time in full", "Termingerecht und vollständig"},
    {"Counted", "Gezählt"},
    {"OTIF", "OTIF"},
};

// As of: To (lines due after it, or not late by it, are left out).
constexpr KpiFacts kOtifFacts{MeasureKind::Ratio,
                              {"OTIF", "Liefertreue (OTIF)"},
                              "OTIFBY",
                              kOtifByColumns,
                              kAction,
                              false,
                              "To",
                              0,
                              true};
constexpr KpiFacts kOntimeFacts{
    MeasureKind::Ratio, {"ONTIME", "Termintreue"}, "", {}, kAction, false, "To", 0, true};
constexpr KpiFacts kInfullFacts{
    MeasureKind::Ratio, {"INFULL", "Mengentreue"}, "", {}, kAction, false, "To", 2, true};

constexpr KpiFacts kOtifQtyFacts{MeasureKind::Ratio,
                                 {"OTIF (quantity)", "Liefertreue (Menge)"},
                                 "OTIFQTYBY",
                                 kOtifQtyByColumns,
                                 kAction,
                                 false,
                                 "To",
                                 0,
                                 true};
constexpr KpiFacts kOtifOrdersFacts{MeasureKind::Ratio,
                                    {"OTIF (orders)", "Liefertreue (Aufträge)"},
                                    "OTIFORDERSBY",
                                    kOtifOrdersByColumns,
                                    kAction,
                                    false,
                                    "To",
                                    0,
                                    true};

constexpr FunctionSpec kFunctions[] =
    {
        {"OTIF",
         true,
         false,
         {"On time in full: share of order lines delivered on time and in full. Counted: lines with Due and OrderedQty > 0 in segment and period. On time: −EarlyDays ≤ Delivered − Due ≤ LateDays; in full: DeliveredQty ≥ OrderedQty × (1 − QtyTolerance). Errors: #N/A when no line counts; Err:502 for a bad argument; #VALUE! when DeliveredQty < 0 in any row.",
          "Liefertreue (OTIF): Anteil der Positionen, die termingerecht und vollständig geliefert wurden. Gezählt: Positionen mit Liefertermin und Bestellmenge > 0 im Segment und Zeitraum. Termingerecht: −EarlyDays ≤ Lieferdatum − Termin ≤ LateDays; vollständig: Liefermenge ≥ Bestellmenge × (1 − QtyTolerance). Fehler: #NV ohne zählbare Position; Fehler:502 bei falschem Argument; #WERT! bei Liefermenge < 0 in irgendeiner Zeile."},
         kOtifArgs,
         otif,
         &kOtifFacts,
         explainOtif,
         {"On time in full: share of order lines delivered on time and in full, optionally for one segment and period.",
          "Liefertreue (OTIF): Anteil der Positionen, die termingerecht und vollständig geliefert wurden, optional je Segment und Zeitraum."}},
        {"ONTIME",
         true,
         false,
         {"Share of order lines delivered on time: −EarlyDays ≤ Delivered − Due ≤ LateDays. On 4 or more columns it counts OTIF's lines; on 2 columns (Due, Delivered) every line with Due. Errors: #N/A when no line counts; Err:502 for a bad argument or another table width; #VALUE! when DeliveredQty < 0 in any row.",
          "Termintreue: Anteil der termingerecht gelieferten Positionen: −EarlyDays ≤ Lieferdatum − Termin ≤ LateDays. Mit 4 oder mehr Spalten zählen dieselben Positionen wie bei OTIF; mit 2 Spalten (Termin, Lieferdatum) jede Position mit Termin. Fehler: #NV ohne zählbare Position; Fehler:502 bei falschem Argument oder anderer Spaltenzahl; #WERT! bei Liefermenge < 0 in irgendeiner Zeile."},
         kOntimeArgs,
         ontime,
         &kOntimeFacts,
         explainOntime,
         {"Share of order lines delivered on time: from EarlyDays before to LateDays after Due.",
          "Termintreue: Anteil der termingerecht gelieferten Positionen, von EarlyDays vor bis LateDays nach dem Liefertermin."}},
        {"INFULL",
         true,
         false,
         {"Share of order lines delivered in full: DeliveredQty ≥ OrderedQty × (1 − QtyTolerance). On 4 or more columns it counts OTIF's lines; on 2 columns (OrderedQty, DeliveredQty) every line with OrderedQty > 0. Errors: #N/A when no line counts; Err:502 for a bad argument, another width, or From/To on 2 columns; #VALUE! when DeliveredQty < 0 in any row.",
          "Mengentreue: Anteil der vollständig gelieferten Positionen: Liefermenge ≥ Bestellmenge × (1 − QtyTolerance). Mit 4 oder mehr Spalten dieselben Positionen wie bei OTIF; mit 2 Spalten (Bestellmenge, Liefermenge) jede mit Bestellmenge > 0. Fehler: #NV ohne zählbare Position; Fehler:502 bei falschem Argument, anderer Spaltenzahl oder From/To bei 2 Spalten; #WERT! bei Liefermenge < 0 in irgendeiner Zeile."},
         kInfullArgs,
         infull,
         &kInfullFacts,
         explainInfull,
         {"Share of order lines delivered in full: DeliveredQty ≥ OrderedQty less QtyTolerance.",
          "Mengentreue: Anteil der vollständig gelieferten Positionen: Liefermenge ≥ Bestellmenge abzüglich QtyTolerance."}},
        {"OTIFBY",
         true,
         true,
         {"OTIF per segment in one call (array formula): a row per segment in SEGMENTS order, then (blank), then (all); columns segment, lines, lines counted, on time in full, counted, OTIF (\"\" if none). Each row equals OTIF with that Segment. Errors: Err:502 for a bad argument; #VALUE! when DeliveredQty < 0 in any row.",
          "Liefertreue je Segment in einem Aufruf (Matrixformel): eine Zeile je Segment in der Reihenfolge von SEGMENTS, dann (blank), dann (all); Spalten Segment, Positionen, gezählt, termingerecht und vollständig, gezählt, OTIF (\"\" wenn keine). Jede Zeile gleicht OTIF mit diesem Segment. Fehler: Fehler:502 bei falschem Argument; #WERT! bei Liefermenge < 0 in irgendeiner Zeile."},
         kOtifByArgs,
         otifBy,
         nullptr,
         nullptr,
         {"OTIF of every segment in one array formula: a row per segment, then (blank) and (all).",
          "Liefertreue jedes Segments in einer Matrixformel: eine Zeile je Segment, dann (blank) und (all)."}},
        {"OTIFQTY",
         true,
         false,
         {"Quantity on time in full: quantity delivered on time (up to the ordered quantity) ÷ quantity ordered, over OTIF's lines. Errors: #N/A when no line counts; Err:502 for a bad argument; #VALUE! for bad data in any row.",
          "Liefertreue nach Menge: termingerecht gelieferte Menge (höchstens die Bestellmenge) ÷ Bestellmenge, über die Positionen von OTIF. Fehler: #NV ohne zählbare Position; Fehler:502 bei falschem Argument; #WERT! bei falschen Daten in irgendeiner Zeile."},
         kOtifQtyArgs,
         otifQty,
         &kOtifQtyFacts,
         explainOtifQty,
         {"OTIF by quantity: quantity delivered on time (up to the ordered quantity) ÷ quantity ordered.",
          "Liefertreue nach Menge: termingerecht gelieferte Menge (höchstens die Bestellmenge) ÷ Bestellmenge."}},
        {"OTIFORDERS",
         true,
         false,
         {"Order OTIF: share of orders whose counted lines are all on time and in full (lines judged as by OTIF, grouped by Orders). Errors: #N/A when no line counts; Err:502 for a bad argument or no Orders; #VALUE! for bad data in any row.",
          "Liefertreue je Auftrag: Anteil der Aufträge, deren gezählte Positionen alle termingerecht und vollständig sind (Positionen wie bei OTIF, nach Orders gruppiert). Fehler: #NV ohne zählbare Position; Fehler:502 bei falschem Argument oder ohne Orders; #WERT! bei falschen Daten in irgendeiner Zeile."},
         kOtifOrdersArgs,
         otifOrders,
         &kOtifOrdersFacts,
         explainOtifOrders,
         {"Order OTIF: share of orders whose lines are all delivered on time and in full.",
          "Liefertreue je Auftrag: Anteil der Aufträge, deren Positionen alle termingerecht und vollständig geliefert wurden."}},
        {"OTIFREASONS",
         true,
         true,
         {"Why lines fail (array formula, 8 rows × 3 columns): on time in full, short, late, late and short, early, early and short, not delivered, (all), each with lines and share of OTIF's counted lines. Errors: Err:502 for a bad argument; #VALUE! for bad data in any row.", "Warum Positionen verfehlt werden (Matrixformel, 8 Zeilen × 3 Spalten): on time in full, short, late, late and short, early, early and short, not delivered, (all), je mit Positionen und Anteil an den gezählten Positionen von OTIF. Fehler: Fehler:502 bei falschem Argument; #WERT! bei falschen Daten in irgendeiner Zeile."},
         kOtifReasonsArgs,
         otifReasons,
         nullptr,
         explainOtifReasons,
         {"Why order lines fail OTIF (array formula, 8 rows × 3 columns): lines and share per reason (late, short …).",
          "Warum Positionen die Liefertreue verfehlen (Matrixformel, 8 Zeilen × 3 Spalten): Positionen und Anteil je Grund."}},
        {"OTIFQTYBY",
         true,
         true,
         {"OTIFQTY per segment in one call (array formula): a row per segment, then (blank), then (all); columns segment, lines, lines counted, quantity on time, quantity ordered, OTIF by quantity. Errors: Err:502 for a bad argument; #VALUE! for bad data in any row.",
          "OTIFQTY je Segment in einem Aufruf (Matrixformel): eine Zeile je Segment, dann (blank), dann (all); Spalten Segment, Positionen, gezählt, Menge termingerecht, Bestellmenge, Liefertreue nach Menge. Fehler: Fehler:502 bei falschem Argument; #WERT! bei falschen Daten in irgendeiner Zeile."},
         kOtifQtyByArgs,
         otifQtyBy,
         nullptr,
         nullptr,
         {"OTIFQTY of every segment in one array formula: a row per segment, then (blank) and (all).",
          "Liefertreue nach Menge jedes Segments in einer Matrixformel: eine Zeile je Segment, dann (blank) und (all)."}},
        {"OTIFORDERSBY",
         true,
         true,
         {"OTIFORDERS per segment in one call (array formula): a row per segment, then (blank), then (all); columns segment, lines, lines counted, OTIF orders, orders, order OTIF. Errors: Err:502 for a bad argument; #VALUE! for bad data in any row.",
          "OTIFORDERS je Segment in einem Aufruf (Matrixformel): eine Zeile je Segment, dann (blank), dann (all); Spalten Segment, Positionen, gezählt, Aufträge termingerecht und vollständig, Aufträge, Liefertreue je Auftrag. Fehler: Fehler:502 bei falschem Argument; #WERT! bei falschen Daten in irgendeiner Zeile."},
         kOtifOrdersByArgs,
         otifOrdersBy,
         nullptr,
         nullptr,
         {"OTIFORDERS of every segment in one array formula: a row per segment, then (blank) and (all).",
          "Liefertreue je Auftrag für jedes Segment in einer Matrixformel: eine Zeile je Segment, dann (blank) und (all)."}},
};

}  // namespace

std::span<const FunctionSpec> deliveryFunctions() {
  return kFunctions;
}

}  // namespace qkpi
