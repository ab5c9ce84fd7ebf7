// Customer returns value and returns turnaround (kpi-rules.md, "Customer
// returns value" and "Returns turnaround"):
//
// RETURNS(Returns; [Segments]; [Segment]; [From]; [To]; [Columns])
//   Table fields Date, Value (period date: Date); a one-column range, or
//   Columns with one position, is Value only and then From/To are an
//   ArgumentError. Result: the sum of Value over the rows in the segment and
//   the period; 0 when no row matches (no returns is the best result). A row
//   whose fields are all blank is not a return (it adds nothing either way;
//   RETURNSBY does not count it as used).
// REDUCTION(Baseline; Current) = (Baseline - Current) / Baseline;
//   Baseline <= 0 is an ArgumentError.
// TARGETPATH(Baseline; Target; Start; End; AsOf): the straight line from
//   Baseline at Start to Target at End, read at AsOf clamped to [Start, End];
//   End <= Start is an ArgumentError.
// WORKDAYSELAPSED(Start; End; [Weekend]; [Holidays]): working days d with
//   Start < d <= End (calendar.h); End < Start is an ArgumentError.
// TURNAROUND(Returns; [Segments]; [Segment]; [From]; [To]; [Days]; [Weekend];
//            [Holidays]; [AsOf]; [Columns])
//   Table fields Received, Closed (period date: Received). Every row of the
//   table is checked: Closed filled but Received blank, or Closed before
//   Received (whole days), is a DataError. A row is eligible when Received
//   is not blank, it is in the segment and the period, and (with AsOf)
//   Received <= AsOf. With AsOf, a row closed after AsOf counts as open.
//   Eligible closed row: in time iff WORKDAYSELAPSED(Received; Closed) <= Days,
//   else late. Eligible open row: without AsOf left out; with AsOf late once
//   WORKDAYSELAPSED(Received; AsOf) > Days, otherwise left out (still within
//   time). Result: in-time rows / (in-time + late rows); NoValue when no row
//   is decided. Days: default 20; negative is an ArgumentError.
// TURNAROUNDDAYS(Returns; [Segments]; [Segment]; [From]; [To]; [Percentile];
//                [Weekend]; [Holidays]; [AsOf]; [Columns])
//   Over the eligible closed rows (closed on or before AsOf when given; open
//   rows are not included): the nearest-rank percentile of the working days
//   elapsed, the value of rank ceil(P * n) in ascending order, P read as the
//   decimal the user typed (nearestRank in returns.h). Percentile: default
//   0.9, must be in (0, 1]. NoValue when no row is closed.
// RETURNSBY / TURNAROUNDBY: the base arguments with Segments required and no
//   Segment. One row per segment in SEGMENTS order, then "(blank)" when some
//   rows have a blank segment, then "(all)". RETURNSBY columns: segment, rows
//   in the segment, rows used, sum. TURNAROUNDBY columns: segment, rows in
//   the segment, rows used (= decided rows), in time, decided rows, share
//   ("" when no row is decided). Each row is computed by the same per-row
//   classification as the base function, in table row order, so it equals
//   the base function called with that Segment; "(all)" equals the base
//   function without Segment.
#include "kpi/returns.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "kpi/args.h"
#include "kpi/by_table.h"
#include "kpi/calendar.h"
#include "kpi/common_args.h"
#include "kpi/function_table.h"
#include "kpi/segments.h"

namespace qkpi {

// ---- nearest rank ---------------------------------------------------------

std::size_t nearestRank(double p, std::size_t n) {
  if (n == 0) return 0;
  // Shortest round-trip decimal of p in the form d[.ddd]e(+|-)xx: p = mant / 10^scale.
  char buf[48];
  auto res = std::to_chars(buf, buf + sizeof buf, p, std::chars_format::scientific);
  unsigned long long mant = 0;
  int fracDigits = 0;
  bool afterPoint = false;
  const char* q = buf;
  for (; q < res.ptr && *q != 'e'; ++q) {
    if (*q == '.') {
      afterPoint = true;
      continue;
    }
    mant = mant * 10 + static_cast<unsigned>(*q - '0');
    if (afterPoint) ++fracDigits;
  }
  int exp10 = 0;
  if (q < res.ptr) {
    ++q;  // 'e'
    bool negative = *q == '-';
    if (*q == '+' || *q == '-') ++q;
    std::from_chars(q, res.ptr, exp10);
    if (negative) exp10 = -exp10;
  }
  int scale = fracDigits - exp10;
  if (scale <= 0) return n;  // p >= 1
  // mant < 10^17 and n < 2^64 < 2 * 10^19, so mant * n < 10^37.
  if (scale >= 38) return 1;
  __extension__ using U128 = unsigned __int128;  // GCC and Clang; mant * n needs 128 bits
  U128 pow10 = 1;
  for (int i = 0; i < scale; ++i) pow10 *= 10;
  U128 product = static_cast<U128>(mant) * n;
  U128 rank = (product + pow10 - 1) / pow10;
  if (rank < 1) return 1;
  if (rank > n) return n;
  return static_cast<std::size_t>(rank);
}

namespace {

const NumTable& tableOf(const Arg& a) {
  if (!a.isTable()) throw ArgumentError("Returns: expects a range of adjacent columns");
  return a.table();
}

SegmentIndex segmentIndexOf(const Arg& segments, std::size_t rows) {
  if (segments.notGiven()) throw ArgumentError("Segments is required");
  return SegmentIndex(segments, rows, "Segments");
}

std::string rowText(std::size_t r) {
  return "Returns row " + std::to_string(r + 1);
}

// ---- RETURNS: one row's contribution ---------------------------------------

class ReturnsRules {
 public:
  ReturnsRules(const Context& ctx, const Arg& table, const Arg& from, const Arg& to, const Arg& columns)
      : t_(tableOf(table)) {
    // Date, Value; or Value only (a one-column range, or Columns with one position).
    std::size_t given = columnCount(columns);
    if (given == 1 || (given == 0 && t_.cols == 1)) {
      value_ = columnMap(columns, t_.cols, 1, 1)[0];
    } else {
      auto m = columnMap(columns, t_.cols, 2, 2);
      date_ = m[0];
      value_ = m[1];
    }
    period_ = readPeriod(from, to, ctx);
    if (period_.active() && date_ == kNoColumn)
      throw ArgumentError("From/To: a Value-only range has no Date to filter by");
  }

  std::size_t rows() const { return t_.rowCount(); }

  enum class LeftOut : unsigned char { No, Blank, NoDate, OutsidePeriod };
  struct Row {
    std::optional<double> value;
    LeftOut leftOut = LeftOut::No;
  };
  // Row r: its Value when the row counts (in the period, not all blank), or why not.
  Row judge(std::size_t r) const {
    double date = date_ == kNoColumn ? 0 : t_.at(r, date_);
    double v = t_.at(r, value_);
    if (date == 0 && v == 0) return {std::nullopt, LeftOut::Blank};
    if (!period_.contains(date)) return {std::nullopt, date == 0 ? LeftOut::NoDate : LeftOut::OutsidePeriod};
    return {v, LeftOut::No};
  }
  std::optional<double> value(std::size_t r) const { return judge(r).value; }
  std::size_t dateColumn() const { return date_; }
  std::size_t valueColumn() const { return value_; }

 private:
  const NumTable& t_;
  std::size_t date_ = kNoColumn, value_ = kNoColumn;
  Period period_;
};

Value returnsEval(const Context& ctx, std::span<const Arg> a) {
  ReturnsRules rules(ctx, a[0], a[3], a[4], a[5]);
  SegmentFilter filter(a[1], a[2], rules.rows());
  double sum = 0;
  for (std::size_t r = 0; r < rules.rows(); ++r) {
    if (!filter.keep(r)) continue;
    if (auto v = rules.value(r)) sum += *v;
  }
  return sum;
}

Value returnsByEval(const Context& ctx, std::span<const Arg> a) {
  ReturnsRules rules(ctx, a[0], a[2], a[3], a[4]);
  SegmentIndex index = segmentIndexOf(a[1], rules.rows());
  RatioByTable table(index);
  for (std::size_t r = 0; r < rules.rows(); ++r) {
    table.countRow(r);
    if (auto v = rules.value(r)) table.use(r, *v, 0);
  }
  return table.sums();
}

// ---- REDUCTION, TARGETPATH, WORKDAYSELAPSED --------------------------------

Value reductionEval(const Context&, std::span<const Arg> a) {
  double baseline = requiredNumber(a[0], "Baseline");
  double current = requiredNumber(a[1], "Current");
  if (!(baseline > 0)) throw ArgumentError("Baseline must be greater than 0");
  return (baseline - current) / baseline;
}

Value targetPathEval(const Context& ctx, std::span<const Arg> a) {
  double baseline = requiredNumber(a[0], "Baseline");
  double target = requiredNumber(a[1], "Target");
  long start = requiredDate(a[2], ctx, "Start");
  long end = requiredDate(a[3], ctx, "End");
  long asOf = requiredDate(a[4], ctx, "AsOf");
  if (end <= start) throw ArgumentError("End must be after Start");
  long t = std::clamp(asOf, start, end);
  double share = static_cast<double>(t - start) / static_cast<double>(end - start);
  return std::lerp(baseline, target, share);  // exactly Baseline at Start, Target at End
}

Value workdaysElapsedEval(const Context& ctx, std::span<const Arg> a) {
  long start = requiredDate(a[0], ctx, "Start");
  long end = requiredDate(a[1], ctx, "End");
  WorkCalendar cal(a[2], a[3], ctx);
  if (end < start) throw ArgumentError("End is before Start");
  return static_cast<double>(cal.workdaysElapsed(start, end));
}

// ---- TURNAROUND: one row's classification ----------------------------------

// The arguments a turnaround function shares, wherever they sit in its list.
struct TurnaroundArgs {
  const Arg& table;
  const Arg& from;
  const Arg& to;
  const Arg& weekend;
  const Arg& holidays;
  const Arg& asOf;
  const Arg& columns;
};

enum class Outcome : unsigned char { LeftOut, InTime, Late };

// Why a row is decided as it is (Explain names it).
enum class Cause : unsigned char {
  NoReceived,     // Received blank
  OutsidePeriod,  // Received outside [From, To]
  AfterAsOf,      // received after AsOf
  Open,           // open, no AsOf (TURNAROUND) / open at AsOf (TURNAROUNDDAYS)
  OpenNotLate,    // open at AsOf, still within Days
  InTime,         // closed within Days
  Late,           // closed after more than Days
  OpenLate,       // open at AsOf, already more than Days
};

struct Decision {
  Outcome outcome;
  Cause cause;
};

class TurnaroundRules {
 public:
  TurnaroundRules(const Context& ctx, const TurnaroundArgs& a)
      : t_(tableOf(a.table)),
        cols_(columnMap(a.columns, t_.cols, 2, 2)),
        period_(readPeriod(a.from, a.to, ctx)),
        cal_(a.weekend, a.holidays, ctx),
        asOf_(optionalDate(a.asOf, ctx, "AsOf")) {}

  std::size_t rows() const { return t_.rowCount(); }
  bool hasAsOf() const { return asOf_.has_value(); }

  struct Row {
    Cause cause = Cause::NoReceived;  // when not eligible: why (NoReceived, OutsidePeriod, AfterAsOf)
    bool eligible = false;            // Received set, in the period, received on or before AsOf
    bool closed = false;              // closed (on or before AsOf)
    long received = 0;
    long end = 0;  // Closed when closed; AsOf when open and AsOf is given
  };

  // Reads and checks row r (every row is checked, in or out of the segment
  // and the period): DataError on bad data.
  Row read(std::size_t r) const {
    const Context ctx{period_.nullDateOffset};
    std::optional<long> received = tableDay(t_.at(r, cols_[0]), ctx, "Received", r);
    std::optional<long> closed = tableDay(t_.at(r, cols_[1]), ctx, "Closed", r);
    Row row;
    if (!received) {
      if (closed) throw DataError(rowText(r) + ": Closed is filled but Received is blank");
      return row;
    }
    row.received = *received;
    if (closed && *closed < row.received) throw DataError(rowText(r) + ": Closed is before Received");
    const bool inPeriod = !period_.active() || period_.containsDay(row.received);
    const bool byAsOf = !asOf_ || row.received <= *asOf_;
    row.eligible = inPeriod && byAsOf;
    row.cause = !inPeriod ? Cause::OutsidePeriod : !byAsOf ? Cause::AfterAsOf : Cause::Open;
    row.closed = closed && (!asOf_ || *closed <= *asOf_);
    row.end = row.closed ? *closed : (asOf_ ? *asOf_ : row.received);
    return row;
  }

  long elapsed(const Row& row) const { return cal_.workdaysElapsed(row.received, row.end); }

  Decision decide(const Row& row, double days) const {
    if (!row.eligible) return {Outcome::LeftOut, row.cause};
    if (row.closed)
      return static_cast<double>(elapsed(row)) <= days ? Decision{Outcome::InTime, Cause::InTime}
                                                       : Decision{Outcome::Late, Cause::Late};
    if (!asOf_) return {Outcome::LeftOut, Cause::Open};  // open, no review date
    return static_cast<double>(elapsed(row)) > days ? Decision{Outcome::Late, Cause::OpenLate}
                                                    : Decision{Outcome::LeftOut, Cause::OpenNotLate};
  }
  Outcome classify(const Row& row, double days) const { return decide(row, days).outcome; }
  std::size_t receivedColumn() const { return cols_[0]; }
  std::size_t closedColumn() const { return cols_[1]; }

 private:
  const NumTable& t_;
  std::vector<std::size_t> cols_;
  Period period_;
  WorkCalendar cal_;
  std::optional<long> asOf_;
};

double readDays(const Arg& a) {
  return optionalCount(a, "Days").value_or(20);
}

double readPercentile(const Arg& a) {
  return optionalPercentile(a, "Percentile").value_or(0.9);
}

// TURNAROUND and TURNAROUNDDAYS: Returns, Segments, Segment, From, To, option,
// Weekend, Holidays, AsOf, Columns.
TurnaroundArgs baseArgs(std::span<const Arg> a) {
  return {a[0], a[3], a[4], a[6], a[7], a[8], a[9]};
}

Value turnaroundEval(const Context& ctx, std::span<const Arg> a) {
  TurnaroundRules rules(ctx, baseArgs(a));
  double days = readDays(a[5]);
  SegmentFilter filter(a[1], a[2], rules.rows());
  std::size_t inTime = 0, decided = 0;
  for (std::size_t r = 0; r < rules.rows(); ++r) {
    auto row = rules.read(r);
    if (!filter.keep(r)) continue;
    Outcome o = rules.classify(row, days);
    if (o == Outcome::LeftOut) continue;
    ++decided;
    if (o == Outcome::InTime) ++inTime;
  }
  if (decided == 0) return NoValue{};
  return static_cast<double>(inTime) / static_cast<double>(decided);
}

// The nearest-rank percentile p of `elapsed` (not empty; reordered).
long percentileOf(std::vector<long>& elapsed, double p) {
  auto k = elapsed.begin() + static_cast<std::ptrdiff_t>(nearestRank(p, elapsed.size()) - 1);
  std::nth_element(elapsed.begin(), k, elapsed.end());
  return *k;
}

Value turnaroundDaysEval(const Context& ctx, std::span<const Arg> a) {
  TurnaroundRules rules(ctx, baseArgs(a));
  double p = readPercentile(a[5]);
  SegmentFilter filter(a[1], a[2], rules.rows());
  std::vector<long> elapsed;
  for (std::size_t r = 0; r < rules.rows(); ++r) {
    auto row = rules.read(r);
    if (!filter.keep(r) || !row.eligible || !row.closed) continue;
    elapsed.push_back(rules.elapsed(row));
  }
  if (elapsed.empty()) return NoValue{};
  return static_cast<double>(percentileOf(elapsed, p));
}

// TURNAROUNDBY: Returns, Segments, From, To, Days, Weekend, Holidays, AsOf, Columns.
Value turnaroundByEval(const Context& ctx, std::span<const Arg> a) {
  TurnaroundRules rules(ctx, {a[0], a[2], a[3], a[5], a[6], a[7], a[8]});
  double days = readDays(a[4]);
  SegmentIndex index = segmentIndexOf(a[1], rules.rows());
  RatioByTable by(index);
  for (std::size_t r = 0; r < rules.rows(); ++r) {
    auto row = rules.read(r);
    by.countRow(r);
    Outcome o = rules.classify(row, days);
    if (o != Outcome::LeftOut) by.use(r, o == Outcome::InTime ? 1 : 0, 1);
  }
  return by.result();
}

// ---- Explain (kpi/explain.h): every row judged by the rules above -----------

RowJudgements explainReturns(const Context& ctx, std::span<const Arg> a) {
  ReturnsRules rules(ctx, a[0], a[3], a[4], a[5]);
  SegmentFilter filter(a[1], a[2], rules.rows());
  RowJudgements j(rules.rows());
  if (rules.dateColumn() != kNoColumn) j.fields.emplace_back("Date", rules.dateColumn());
  j.fields.emplace_back("Value", rules.valueColumn());
  using L = ReturnsRules::LeftOut;
  const std::uint16_t other = j.reasonId("other segment"), counted = j.reasonId("return counted"),
                      blank = j.reasonId("blank row"), noDate = j.reasonId("blank Date"),
                      outside = j.reasonId(kOutsidePeriod);
  double sum = 0;
  for (std::size_t r = 0; r < rules.rows(); ++r) {
    if (!filter.keep(r)) {  // as RETURNS: a row of another segment is not read
      j.set(r, RowStatus::OtherSegment, other);
      continue;
    }
    ReturnsRules::Row row;
    try {
      row = rules.judge(r);
    } catch (const DataError& e) {
      j.setBad(r, e.what());
      continue;
    }
    if (row.value) {
      j.set(r, RowStatus::Counted, counted);
      sum += *row.value;
    } else {
      j.set(r, RowStatus::LeftOut,
            row.leftOut == L::Blank    ? blank
            : row.leftOut == L::NoDate ? noDate
                                       : outside);
    }
  }
  j.totals = {{"Sum of Value", sum}};
  return j;
}

std::string workingDays(double days) {
  std::string n = std::to_string(static_cast<long long>(days));
  if (static_cast<double>(static_cast<long long>(days)) != days) n = std::to_string(days);
  return n + (days == 1 ? " working day" : " working days");
}

// The judgements of a turnaround table: fields, detail and the texts of the
// causes that do not depend on Days.
struct TurnaroundTexts {
  std::uint16_t other, noReceived, outside, afterAsOf, open, openNotLate;
};
TurnaroundTexts turnaroundTexts(RowJudgements& j, const TurnaroundRules& rules) {
  j.fields = {{"Received", rules.receivedColumn()}, {"Closed", rules.closedColumn()}};
  j.withDetail("Working days");
  return {j.reasonId("other segment"),       j.reasonId("blank Received"), j.reasonId(kOutsidePeriod),
          j.reasonId("received after AsOf"), j.reasonId("still open"),     j.reasonId("open, not late yet")};
}

std::uint16_t leftOutId(const TurnaroundTexts& t, Cause c) {
  switch (c) {
    case Cause::NoReceived:
      return t.noReceived;
    case Cause::OutsidePeriod:
      return t.outside;
    case Cause::AfterAsOf:
      return t.afterAsOf;
    case Cause::OpenNotLate:
      return t.openNotLate;
    default:
      return t.open;
  }
}

RowJudgements explainTurnaround(const Context& ctx, std::span<const Arg> a) {
  TurnaroundRules rules(ctx, baseArgs(a));
  double days = readDays(a[5]);
  SegmentFilter filter(a[1], a[2], rules.rows());
  RowJudgements j(rules.rows());
  const TurnaroundTexts texts = turnaroundTexts(j, rules);
  const std::uint16_t within = j.reasonId("within " + workingDays(days)),
                      over = j.reasonId("over " + workingDays(days)),
                      openLate = j.reasonId("still open and late");
  for (std::size_t r = 0; r < rules.rows(); ++r) {
    TurnaroundRules::Row row;
    try {
      row = rules.read(r);
    } catch (const DataError& e) {
      j.setBad(r, e.what());
      continue;
    }
    if (!filter.keep(r)) {
      j.set(r, RowStatus::OtherSegment, texts.other);
      continue;
    }
    Decision d = rules.decide(row, days);
    if (row.eligible && (row.closed || rules.hasAsOf()))
      j.detail[r] = static_cast<double>(rules.elapsed(row));
    if (d.outcome == Outcome::InTime)
      j.set(r, RowStatus::Succeeded, within);
    else if (d.outcome == Outcome::Late)
      j.set(r, RowStatus::Failed, d.cause == Cause::OpenLate ? openLate : over);
    else
      j.set(r, RowStatus::LeftOut, leftOutId(texts, d.cause));
  }
  return j;
}

// TURNAROUNDDAYS: the closed rows are counted; those that took longer than
// the percentile itself are listed as failed ("over N working days").
RowJudgements explainTurnaroundDays(const Context& ctx, std::span<const Arg> a) {
  TurnaroundRules rules(ctx, baseArgs(a));
  double p = readPercentile(a[5]);
  SegmentFilter filter(a[1], a[2], rules.rows());
  RowJudgements j(rules.rows());
  const TurnaroundTexts texts = turnaroundTexts(j, rules);
  std::vector<long> elapsed;
  for (std::size_t r = 0; r < rules.rows(); ++r) {
    TurnaroundRules::Row row;
    try {
      row = rules.read(r);
    } catch (const DataError& e) {
      j.setBad(r, e.what());
      continue;
    }
    if (!filter.keep(r)) {
      j.set(r, RowStatus::OtherSegment, texts.other);
    } else if (!row.eligible) {
      j.set(r, RowStatus::LeftOut, leftOutId(texts, row.cause));
    } else if (!row.closed) {
      j.set(r, RowStatus::LeftOut, texts.open);
    } else {
      j.set(r, RowStatus::Succeeded, 0);  // decided below, once the percentile is known
      j.detail[r] = static_cast<double>(rules.elapsed(row));
      elapsed.push_back(rules.elapsed(row));
    }
  }
  if (elapsed.empty()) return j;
  const long value = percentileOf(elapsed, p);
  const std::uint16_t within = j.reasonId("within " + workingDays(static_cast<double>(value))),
                      over = j.reasonId("over " + workingDays(static_cast<double>(value)));
  for (std::size_t r = 0; r < rules.rows(); ++r) {
    if (j.status[r] != RowStatus::Succeeded) continue;
    if (j.detail[r] > static_cast<double>(value))
      j.set(r, RowStatus::Failed, over);
    else
      j.set(r, RowStatus::Succeeded, within);
  }
  j.totals = {{"Closed returns", static_cast<double>(elapsed.size())},
              {"Rank", static_cast<double>(nearestRank(p, elapsed.size()))},
              {"Percentile (working days)", static_cast<double>(value)}};
  return j;
}

// ---- the function table ----------------------------------------------------

namespace ca = common_args;

constexpr ArgSpec kRetReturns{
    "Returns",
    ArgType::Table,
    ArgKind::Table,
    true,
    {},
    {"The returns table, one row per return, adjacent columns Date, Value (e.g. A2:B5000); a one-column range is Value only. Text and empty cells count as blank.",
     "Die Tabelle der Rücksendungen, eine Zeile je Rücksendung, nebeneinanderliegende Spalten Date (Datum), Value (Wert), z. B. A2:B5000; ein einspaltiger Bereich enthält nur Value. Text und leere Zellen gelten als leer."},
    {"Returns table: columns Date, Value; one column = Value only.",
     "Rücksendungen: Spalten Date (Datum), Value (Wert) oder nur Value."}};
constexpr ArgSpec kTurnReturns{
    "Returns",
    ArgType::Table,
    ArgKind::Table,
    true,
    {},
    {"The turnaround table, one row per return, adjacent columns Received, Closed (dates; Closed blank = still open), e.g. A2:B5000.",
     "Die Tabelle der Rücksendungen, eine Zeile je Rücksendung, nebeneinanderliegende Spalten Received (Eingang), Closed (Abschluss; leer = noch offen), z. B. A2:B5000."},
    {"Returns table: columns Received, Closed (blank = still open).",
     "Rücksendungen: Received (Eingang), Closed (Abschluss; leer = offen)."}};
constexpr LocalText kByDate{"The period date is Date.", "Das Periodendatum ist Date (Datum)."};
constexpr LocalText kByReceived{"The period date is Received.",
                                "Das Periodendatum ist der Eingang (Received)."};
constexpr LocalText kRetFields{"Fields: Date, Value, e.g. {3;8}; one position = Value only.",
                               "Felder: Date, Value, z. B. {3;8}; eine Position = nur Value."};
constexpr LocalText kTurnFields{"Fields: Received, Closed, e.g. {4;9}.",
                                "Felder: Received, Closed, z. B. {4;9}."};
constexpr ArgSpec kDays{
    "Days",
    ArgType::Any,
    ArgKind::Count,
    false,
    {},
    {"Working days allowed from Received to Closed; must not be negative. Default 20.",
     "Erlaubte Arbeitstage von Eingang bis Abschluss; darf nicht negativ sein. Standard 20."},
    {"Working days allowed from Received to Closed; default 20.",
     "Erlaubte Arbeitstage von Eingang bis Abschluss; Standard 20."}};
constexpr ArgSpec kPercentile{
    "Percentile",
    ArgType::Any,
    ArgKind::Percentile,
    false,
    {},
    {"Share of closed rows, greater than 0 and at most 1 (0.9 = 90 %). Default 0.9.",
     "Anteil der abgeschlossenen Zeilen, größer als 0 und höchstens 1 (0,9 = 90 %). Standard 0,9."},
    {"Share of closed rows, above 0 and at most 1; default 0.9 (90 %).",
     "Anteil der abgeschlossenen Zeilen, über 0 bis 1; Standard 0,9 (90 %)."}};
constexpr ArgSpec kWeekend{
    "Weekend",
    ArgType::Any,
    ArgKind::Weekend,
    false,
    {},
    {"Non-working weekdays: a 7-character mask, Monday first, 1 = non-working, or a NETWORKDAYS.INTL weekend number (1–7, 11–17). Default \"0000011\" (Sat+Sun).",
     "Arbeitsfreie Wochentage: Maske aus 7 Zeichen, Montag zuerst, 1 = arbeitsfrei, oder eine Wochenendnummer wie bei NETTOARBEITSTAGE.INTL (1–7, 11–17). Standard \"0000011\" (Sa+So)."},
    {"Non-working weekdays: mask like \"0000011\" (Sat+Sun, default) or number.",
     "Arbeitsfreie Wochentage: Maske wie \"0000011\" (Sa+So, Standard) oder Nummer."}};
constexpr ArgSpec kHolidays{
    "Holidays",
    ArgType::Any,
    ArgKind::Holidays,
    false,
    {},
    {"Holidays: a range, a cell or an inline array of dates or ISO text dates (\"2026-12-25\"); blank cells are ignored. Default none.",
     "Feiertage: Bereich, Zelle oder Matrix mit Datumswerten oder ISO-Datumstexten (\"2026-12-25\"); leere Zellen werden ignoriert. Standard: keine."},
    {"Holidays: dates or ISO text dates in a range or an array; default none.",
     "Feiertage: Datumswerte oder ISO-Texte (Bereich, Matrix); Standard keine."}};
constexpr ArgSpec kTurnAsOf{
    "AsOf",
    ArgType::Any,
    ArgKind::Date,
    false,
    {},
    {"Review date: rows received later are left out, rows closed later count as open, and open rows already late at AsOf count as not in time. Default none.",
     "Stichtag: später eingegangene Zeilen fallen heraus, später abgeschlossene gelten als offen, und am Stichtag schon überfällige offene Zeilen zählen als nicht rechtzeitig. Standard: keiner."},
    {"Review date: later receipts left out, later closures count as open.",
     "Stichtag: spätere Eingänge fallen weg, spätere Abschlüsse gelten als offen."}};
constexpr ArgSpec kDaysAsOf{
    "AsOf",
    ArgType::Any,
    ArgKind::Date,
    false,
    {},
    {"Review date: rows received later are left out, rows closed later count as open (and are not in the percentile). Default none.",
     "Stichtag: später eingegangene Zeilen fallen heraus, später abgeschlossene gelten als offen (und zählen nicht zum Perzentil). Standard: keiner."},
    {"Review date: later receipts left out, later closures count as open.",
     "Stichtag: spätere Eingänge fallen weg, spätere Abschlüsse gelten als offen."}};

constexpr ArgSpec kReturnsArgs[] = {kRetReturns,       ca::segments(), ca::segment(),
                                    ca::from(kByDate), ca::to(),       ca::columns(kRetFields)};
constexpr ArgSpec kReturnsByArgs[] = {kRetReturns, ca::segmentsBy(), ca::from(kByDate), ca::to(),
                                      ca::columns(kRetFields)};

constexpr ArgSpec required(std::string_view name, ArgKind kind, LocalText text, LocalText summary) {
  return {name, ArgType::Any, kind, true, {}, text, summary};
}

constexpr ArgSpec kReductionArgs[] = {
    required("Baseline", ArgKind::Number,
             {"The reference value, e.g. last year's returns value; must be greater than 0.",
              "Der Ausgangswert, z. B. der Rücksendewert des Vorjahres; muss größer als 0 sein."},
             {"The reference value, e.g. last year's returns value; > 0.",
              "Der Ausgangswert, z. B. der Rücksendewert des Vorjahres; > 0."}),
    required("Current", ArgKind::Number,
             {"The current value for the same span, e.g. this year's RETURNS.",
              "Der aktuelle Wert für denselben Zeitraum, z. B. RETURNS des laufenden Jahres."},
             {"The current value for the same span, e.g. this year's RETURNS.",
              "Der aktuelle Wert für denselben Zeitraum, z. B. RETURNS dieses Jahres."}),
};

constexpr ArgSpec kTargetPathArgs[] = {
    required("Baseline", ArgKind::Number, {"The KPI value at Start.", "Der Kennzahlwert zum Beginn (Start)."},
             {"The KPI value at Start.", "Der Kennzahlwert zum Beginn (Start)."}),
    required("Target", ArgKind::Number,
             {"The KPI value to reach at End.", "Der bis zum Ende (End) zu erreichende Wert."},
             {"The KPI value to reach at End.", "Der bis zum Ende (End) zu erreichende Wert."}),
    required("Start", ArgKind::Date,
             {"The date of the baseline (a date or ISO text date).",
              "Das Datum des Ausgangswerts (Datum oder ISO-Datumstext)."},
             {"The date of the baseline (a date or ISO text date).",
              "Das Datum des Ausgangswerts (Datum oder ISO-Datumstext)."}),
    required("End", ArgKind::Date,
             {"The date the target is due; must be after Start.",
              "Das Datum, zu dem das Ziel erreicht sein soll; muss nach Start liegen."},
             {"The date the target is due; after Start.",
              "Das Datum, zu dem das Ziel erreicht sein soll; nach Start."}),
    required("AsOf", ArgKind::Date,
             {"The review date; before Start it counts as Start, after End as End.",
              "Der Stichtag; vor Start gilt Start, nach End gilt End."},
             {"The review date.", "Der Stichtag."}),
};

constexpr ArgSpec kWorkdaysArgs[] = {
    required("Start", ArgKind::Date,
             {"The first date, e.g. received; the day itself is not counted.",
              "Das Anfangsdatum, z. B. der Eingang; der Tag selbst zählt nicht."},
             {"The first date, e.g. received; the day itself is not counted.",
              "Das Anfangsdatum, z. B. der Eingang; der Tag selbst zählt nicht."}),
    required("End", ArgKind::Date,
             {"The last date, e.g. closed; counted when it is a working day. Not before Start.",
              "Das Enddatum, z. B. der Abschluss; zählt, wenn es ein Arbeitstag ist. Nicht vor Start."},
             {"The last date, e.g. closed; counted when a working day.",
              "Das Enddatum, z. B. der Abschluss; zählt, wenn ein Arbeitstag."}),
    kWeekend,
    kHolidays,
};

constexpr ArgSpec kTurnaroundArgs[] = {
    kTurnReturns, ca::segments(), ca::segment(), ca::from(kByReceived),   ca::to(), kDays,
    kWeekend,     kHolidays,      kTurnAsOf,     ca::columns(kTurnFields)};
constexpr ArgSpec kTurnaroundDaysArgs[] = {
    kTurnReturns, ca::segments(), ca::segment(), ca::from(kByReceived),   ca::to(), kPercentile,
    kWeekend,     kHolidays,      kDaysAsOf,     ca::columns(kTurnFields)};
constexpr ArgSpec kTurnaroundByArgs[] = {
    kTurnReturns, ca::segmentsBy(), ca::from(kByReceived),   ca::to(), kDays, kWeekend,
    kHolidays,    kTurnAsOf,        ca::columns(kTurnFields)};

// RETURNSBY's and TURNAROUNDBY's result columns.
constexpr LocalText kReturnsByColumns[] = {
    {"Segment", "Segment"},
    {"Returns", "Rücksendungen"},
    {"Returns counted", "Rücksendungen gezählt"},
    {"Returns value", "Rücksendewert"},
};
constexpr LocalText kTurnaroundByColumns[] = {
    {"Segment", "Segment"},     {"Returns", "Rücksendungen"}, {"Returns decided", "Rücksendungen bewertet"},
    {"In time", "Rechtzeitig"}, {"Decided", "Bewertet"},      {"Turnaround", "Rechtzeitige Bearbeitung"},
};

constexpr LocalText kReturnsAction{
    "Pareto of the returns value by site, customer and cause; 8D on the largest causes; follow progress against the target path every month.",
    "Pareto-Analyse des Rücksendewerts nach Werk, Kunde und Ursache; 8D-Report zu den größten Ursachen; den Fortschritt jeden Monat am Zielpfad verfolgen."};
constexpr LocalText kTurnaroundAction{
    "Review the open and late returns every week and clear the backlog; find and fix the causes of slow handling.",
    "Offene und überfällige Rücksendungen wöchentlich prüfen und den Rückstand abbauen; die Ursachen der langsamen Bearbeitung ermitteln und abstellen."};

constexpr KpiFacts kReturnsFacts{MeasureKind::Amount, {"Returns value", "Rücksendewert"},
                                 "RETURNSBY",         kReturnsByColumns,
                                 kReturnsAction,      true};
// As of: AsOf (rows received later are left out, rows closed later are open).
constexpr KpiFacts kTurnaroundFacts{MeasureKind::Ratio,
                                    {"Turnaround", "Rechtzeitige Bearbeitung"},
                                    "TURNAROUNDBY",
                                    kTurnaroundByColumns,
                                    kTurnaroundAction,
                                    false,
                                    "AsOf"};
constexpr KpiFacts kTurnaroundDaysFacts{
    MeasureKind::Days, {"Turnaround days", "Bearbeitungstage"}, "", {}, kTurnaroundAction, false, "AsOf"};

const FunctionSpec
    kFunctions[] =
        {
            {"RETURNS",
             true,
             false,
             {"Customer returns value: the sum of Value over the rows in the segment whose Date is in [From, To]; 0 when no row matches. Errors: Err:502 when Segments has another number of rows, Segment is given without Segments, From is after To, Columns is bad, or From/To is given for a Value-only range.",
              "Rücksendewert: Summe von Value über die Zeilen des Segments, deren Date in [From, To] liegt; 0, wenn keine Zeile passt. Fehler: Fehler:502, wenn Segments eine andere Zeilenzahl hat, Segment ohne Segments angegeben ist, From nach To liegt, Columns ungültig ist oder From/To bei nur Value angegeben ist."},
             kReturnsArgs,
             returnsEval,
             &kReturnsFacts,
             explainReturns,
             {"Customer returns value: the sum of Value over the rows, optionally for one segment and period.",
              "Rücksendewert: die Summe von Value über die Zeilen, optional je Segment und Zeitraum."}},
            {"REDUCTION",
             false,
             false,
             {"Reduction against a baseline: (Baseline − Current) ÷ Baseline; 0.5 = halved, negative = increased. Compare like with like: a year-to-date Current needs a year-to-date Baseline (see TARGETPATH). Errors: Err:502 when Baseline or Current is missing or not a number, or Baseline ≤ 0.",
              "Reduzierung gegenüber einem Ausgangswert: (Baseline − Current) ÷ Baseline; 0,5 = halbiert, negativ = gestiegen. Gleiches mit Gleichem vergleichen: ein Jahreswert bis heute braucht einen ebensolchen Ausgangswert (siehe TARGETPATH). Fehler: Fehler:502, wenn Baseline oder Current fehlt oder keine Zahl ist oder Baseline ≤ 0."},
             kReductionArgs,
             reductionEval,
             nullptr,
             nullptr,
             {"Reduction against a baseline: (Baseline − Current) ÷ Baseline; 0.5 = halved.",
              "Verringerung gegenüber dem Ausgangswert: (Baseline − Current) ÷ Baseline; 0,5 = halbiert."}},
            {"TARGETPATH",
             true,
             false,
             {"Where the KPI should be at AsOf on the straight line from Baseline at Start to Target at End; AsOf before Start gives Baseline, after End gives Target. Errors: Err:502 when an argument is missing, not a number or not a date, or End ≤ Start.",
              "Sollwert zum Stichtag AsOf auf der Geraden vom Ausgangswert Baseline bei Start zum Ziel Target bei End; vor Start ergibt Baseline, nach End ergibt Target. Fehler: Fehler:502, wenn ein Argument fehlt, keine Zahl oder kein Datum ist oder End ≤ Start."},
             kTargetPathArgs,
             targetPathEval,
             nullptr,
             nullptr,
             {"Where the KPI should be at AsOf on the straight line from Baseline at Start to Target at End.",
              "Sollwert der Kennzahl am Stichtag AsOf auf der Geraden von Baseline bei Start bis Target bei End."}},
            {"WORKDAYSELAPSED",
             true,
             false,
             {"Number of working days d with Start < d ≤ End: same day 0, Friday to Monday 1, Saturday to Monday 1; equals NETWORKDAYS.INTL(Start+1; End; Weekend; Holidays) for End > Start. Errors: Err:502 when Start or End is missing, End is before Start, or Weekend or Holidays is invalid.",
              "Anzahl der Arbeitstage d mit Start < d ≤ End: gleicher Tag 0, Freitag bis Montag 1, Samstag bis Montag 1; gleich NETTOARBEITSTAGE.INTL(Start+1; End; Weekend; Holidays) für End > Start. Fehler: Fehler:502, wenn Start oder End fehlt, End vor Start liegt oder Weekend oder Holidays ungültig ist."},
             kWorkdaysArgs,
             workdaysElapsedEval,
             nullptr,
             nullptr,
             {"Working days after Start up to and including End (0 on the same day).",
              "Arbeitstage nach Start bis einschließlich End (0 am selben Tag)."}},
            {"TURNAROUND",
             true,
             false,
             {"Share of returns closed within Days working days of Received: closed rows in time ÷ closed rows plus open rows already late at AsOf. Period by Received. Errors: #N/A when no row is decided; Err:502 for a bad argument (Days < 0, Weekend, Holidays, Columns, Segments); #VALUE! when Closed is before Received or filled without Received in any row.",
              "Anteil der Rücksendungen, die binnen Days Arbeitstagen nach Eingang abgeschlossen wurden: rechtzeitig abgeschlossene ÷ abgeschlossene plus am Stichtag AsOf überfällige offene Zeilen. Zeitraum nach Eingang. Fehler: #NV ohne bewertbare Zeile; Fehler:502 bei ungültigem Argument; #WERT!, wenn Closed in irgendeiner Zeile vor Received liegt oder Received fehlt."},
             kTurnaroundArgs,
             turnaroundEval,
             &kTurnaroundFacts,
             explainTurnaround,
             {"Share of returns closed within Days working days of Received; open late ones count as missed.",
              "Anteil der Rücksendungen, die binnen Days Arbeitstagen ab Eingang abgeschlossen sind; offene überfällige zählen als verfehlt."}},
            {"TURNAROUNDDAYS",
             true,
             false,
             {"Processing time percentile: the smallest d such that at least Percentile of the closed rows took ≤ d working days (nearest rank ⌈P·n⌉). Open rows are not included. Errors: #N/A when no row is closed; Err:502 for a bad argument (Percentile not in (0, 1], Weekend, Holidays, Columns, Segments); #VALUE! when Closed is before Received or filled without Received in any row.",
              "Perzentil der Bearbeitungszeit: das kleinste d, sodass mindestens der Anteil Percentile der abgeschlossenen Zeilen ≤ d Arbeitstage brauchte (Rang ⌈P·n⌉). Offene Zeilen zählen nicht. Fehler: #NV ohne abgeschlossene Zeile; Fehler:502 bei ungültigem Argument (Percentile nicht in (0, 1] …); #WERT!, wenn Closed in irgendeiner Zeile vor Received liegt oder Received fehlt."},
             kTurnaroundDaysArgs,
             turnaroundDaysEval,
             &kTurnaroundDaysFacts,
             explainTurnaroundDays,
             {"Processing time percentile: working days within which Percentile of the closed returns were closed.",
              "Perzentil der Bearbeitungszeit: Arbeitstage, binnen derer der Anteil Percentile der Rücksendungen abgeschlossen wurde."}},
            {"RETURNSBY",
             true,
             true,
             {"RETURNS per segment (array formula): one row per segment in SEGMENTS order, then \"(blank)\" if any, then \"(all)\"; columns: segment, rows in the segment, rows used, sum of Value. Errors: Err:502 when Segments is missing or has another number of rows, From is after To, Columns is bad, or From/To is given for a Value-only range.",
              "RETURNS je Segment (Matrixformel): eine Zeile je Segment in SEGMENTS-Reihenfolge, dann \"(blank)\" falls vorhanden, dann \"(all)\"; Spalten: Segment, Zeilen im Segment, verwendete Zeilen, Summe von Value. Fehler: Fehler:502, wenn Segments fehlt oder eine andere Zeilenzahl hat, From nach To liegt, Columns ungültig ist oder From/To bei nur Value angegeben ist."},
             kReturnsByArgs,
             returnsByEval,
             nullptr,
             nullptr,
             {"RETURNS of every segment in one array formula: a row per segment, then (blank) and (all).",
              "Rücksendewert jedes Segments in einer Matrixformel: eine Zeile je Segment, dann (blank) und (all)."}},
            {"TURNAROUNDBY",
             true,
             true,
             {"TURNAROUND per segment (array formula): one row per segment in SEGMENTS order, then \"(blank)\" if any, then \"(all)\"; columns: segment, rows in the segment, rows used, in time, decided rows, share (\"\" when none). Errors: Err:502 for a bad argument (Segments missing or of another size, Days < 0, Weekend, Holidays, Columns); #VALUE! when Closed is before Received or filled without Received in any row.",
              "TURNAROUND je Segment (Matrixformel): eine Zeile je Segment in SEGMENTS-Reihenfolge, dann \"(blank)\" falls vorhanden, dann \"(all)\"; Spalten: Segment, Zeilen im Segment, verwendete Zeilen, rechtzeitig, bewertete Zeilen, Anteil (\"\" wenn keine). Fehler: Fehler:502 bei ungültigem Argument; #WERT!, wenn Closed in irgendeiner Zeile vor Received liegt oder Received fehlt."},
             kTurnaroundByArgs,
             turnaroundByEval,
             nullptr,
             nullptr,
             {"TURNAROUND of every segment in one array formula: a row per segment, then (blank) and (all).",
              "TURNAROUND jedes Segments in einer Matrixformel: eine Zeile je Segment, dann (blank) und (all)."}},
};

}  // namespace

std::span<const FunctionSpec> returnsFunctions() {
  return kFunctions;
}

}  // namespace qkpi
