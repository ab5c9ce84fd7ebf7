// Quality: RFT, RFTJOBS, RTY, RFTBY, RFTJOBSBY (kpi-rules.md, "Quality").
//
// One row rule per function (rftRow, jobRow), shared by the base function and
// its ...BY twin. Bad data in any row of the table is reported, whatever the
// segment and the period (as in returns.cpp): the row rule checks a row
// before it applies the period, and every row is read before the segment
// filter, so each ...BY row equals the base function with that Segment and a
// data error is never hidden by a filter. Rows that are only blank (Inspected
// blank or 0; a blank outcome with a blank or valid Date) are left out, not
// bad data.
#include <cmath>
#include <optional>
#include <string>

#include "kpi/args.h"
#include "kpi/by_table.h"
#include "kpi/common_args.h"
#include "kpi/function_table.h"
#include "kpi/segments.h"

namespace qkpi {
namespace {

std::string rowText(std::size_t row) {
  return " in row " + std::to_string(row + 1);
}

Value ratio(double numerator, double denominator, std::size_t used) {
  if (used == 0) return NoValue{};
  return numerator / denominator;
}

// --- RFT: Good, Inspected, [Date] -------------------------------------------

struct RftInput {
  const NumTable* t = nullptr;
  std::size_t good = 0, inspected = 0, date = kNoColumn;
  Period period;
};

RftInput readRft(const Arg& counts, const Arg& from, const Arg& to, const Arg& columns, const Context& ctx) {
  if (!counts.isTable()) throw ArgumentError("Counts: expects a range of cells");
  RftInput in;
  in.t = &counts.table();
  auto m = columnMap(columns, in.t->cols, 3, 2);
  in.good = m[0];
  in.inspected = m[1];
  in.date = m[2];
  in.period = readPeriod(from, to, ctx);
  if (in.period.active() && in.date == kNoColumn)
    throw ArgumentError("From/To: Counts has no Date column (give a third column or list it in Columns)");
  return in;
}

// Why a row is not used (Explain names it).
enum class RftLeftOut : unsigned char { No, NotInspected, NoDate, OutsidePeriod };

struct Counted {
  bool used = false;
  double good = 0, inspected = 0;
  RftLeftOut leftOut = RftLeftOut::No;
};

// Checks row r (every row, whatever the segment and the period), then keeps
// it when it is in the period.
Counted rftRow(const RftInput& in, std::size_t row) {
  Counted c;
  double inspected = in.t->at(row, in.inspected);
  if (inspected == 0) {
    c.leftOut = RftLeftOut::NotInspected;
    return c;
  }
  double good = in.t->at(row, in.good);
  if (good < 0) throw DataError("Good is negative" + rowText(row));
  if (good > inspected) throw DataError("Good is greater than Inspected" + rowText(row));
  if (in.period.active() && !in.period.contains(in.t->at(row, in.date))) {
    c.leftOut = in.t->at(row, in.date) == 0 ? RftLeftOut::NoDate : RftLeftOut::OutsidePeriod;
    return c;
  }
  return {true, good, inspected, RftLeftOut::No};
}

Value rft(const Context& ctx, std::span<const Arg> a) {
  RftInput in = readRft(a[0], a[3], a[4], a[5], ctx);
  SegmentFilter f(a[1], a[2], in.t->rowCount());
  double good = 0, inspected = 0;
  std::size_t used = 0;
  for (std::size_t row = 0; row < in.t->rowCount(); ++row) {
    Counted c = rftRow(in, row);
    if (!f.keep(row) || !c.used) continue;
    good += c.good;
    inspected += c.inspected;
    ++used;
  }
  return ratio(good, inspected, used);
}

Value rftBy(const Context& ctx, std::span<const Arg> a) {
  RftInput in = readRft(a[0], a[2], a[3], a[4], ctx);
  SegmentIndex index(a[1], in.t->rowCount(), "Segments");
  RatioByTable by(index);
  for (std::size_t row = 0; row < in.t->rowCount(); ++row) {
    by.countRow(row);
    Counted c = rftRow(in, row);
    if (c.used) by.use(row, c.good, c.inspected);
  }
  return by.result();
}

// --- RFTJOBS: Outcome, [Date] as a block of cells ----------------------------

struct JobsInput {
  const Arg* jobs = nullptr;
  std::size_t outcome = 0, date = kNoColumn;
  Period period;
  const Context* ctx = nullptr;
};

JobsInput readJobs(const Arg& jobs, const Arg& from, const Arg& to, const Arg& columns, const Context& ctx) {
  if (jobs.isOmitted()) throw ArgumentError("Jobs: is required");
  if (jobs.isTable()) throw ArgumentError("Jobs: expects a range of cells");
  JobsInput in;
  in.jobs = &jobs;
  in.ctx = &ctx;
  auto m = columnMap(columns, jobs.cols(), 2, 1);
  in.outcome = m[0];
  in.date = m[1];
  in.period = readPeriod(from, to, ctx);
  if (in.period.active() && in.date == kNoColumn)
    throw ArgumentError("From/To: Jobs has no Date column (give a second column or list it in Columns)");
  return in;
}

// A Date cell of Jobs: a serial, blank (0; white space only is blank, as for
// Outcome), or ISO text; other text is bad data.
double jobDate(const JobsInput& in, std::size_t row) {
  const Cell& c = in.jobs->cell(row, in.date);
  if (c.isNumber()) return c.number;
  if (c.isBlankText() || segmentKey(c).empty()) return 0;
  auto d = parseIsoDate(c.text, *in.ctx);
  if (!d) throw DataError("Date is not a date" + rowText(row) + " of Jobs");
  return static_cast<double>(*d);
}

// Why a job is left out (Explain names it).
enum class JobLeftOut : unsigned char { No, NoOutcome, NoDate, OutsidePeriod };

struct Job {
  std::optional<double> outcome;  // 1 right first time, 0 not; nullopt = left out
  JobLeftOut leftOut = JobLeftOut::No;
};

// A job's outcome: 1 right first time, 0 not, nullopt blank or outside the
// period (left out). Every row is checked, whatever the segment and the
// period: each non-blank field must be valid (Outcome a known code; Date,
// when the layout has one, a date), else bad data.
Job jobRow(const JobsInput& in, std::size_t row) {
  double date = in.date == kNoColumn ? 0 : jobDate(in, row);
  // The segment key: trimmed, case-folded, a number as its shortest text.
  std::u16string key = segmentKey(in.jobs->cell(row, in.outcome));
  if (key.empty()) return {std::nullopt, JobLeftOut::NoOutcome};
  double outcome;
  if (key == u"1" || key == u"true" || key == u"y" || key == u"yes")
    outcome = 1.0;
  else if (key == u"0" || key == u"false" || key == u"n" || key == u"no")
    outcome = 0.0;
  else
    throw DataError("Outcome is not 1/0, TRUE/FALSE, Y/N or yes/no" + rowText(row) + " of Jobs");
  if (in.period.active() && !in.period.contains(date))
    return {std::nullopt, date == 0 ? JobLeftOut::NoDate : JobLeftOut::OutsidePeriod};
  return {outcome, JobLeftOut::No};
}

Value rftJobs(const Context& ctx, std::span<const Arg> a) {
  JobsInput in = readJobs(a[0], a[3], a[4], a[5], ctx);
  std::size_t rows = a[0].rows();
  SegmentFilter f(a[1], a[2], rows);
  double right = 0, jobs = 0;
  std::size_t used = 0;
  for (std::size_t row = 0; row < rows; ++row) {
    auto v = jobRow(in, row).outcome;
    if (!f.keep(row) || !v) continue;
    right += *v;
    jobs += 1;
    ++used;
  }
  return ratio(right, jobs, used);
}

Value rftJobsBy(const Context& ctx, std::span<const Arg> a) {
  JobsInput in = readJobs(a[0], a[2], a[3], a[4], ctx);
  std::size_t rows = a[0].rows();
  SegmentIndex index(a[1], rows, "Segments");
  RatioByTable by(index);
  for (std::size_t row = 0; row < rows; ++row) {
    by.countRow(row);
    if (auto v = jobRow(in, row).outcome) by.use(row, *v, 1);
  }
  return by.result();
}

// --- RTY ----------------------------------------------------------------------

Value rty(const Context&, std::span<const Arg> a) {
  const Arg& yields = a[0];
  if (yields.isOmitted()) throw ArgumentError("Yields: is required");
  if (yields.isTable()) throw ArgumentError("Yields: expects cells");
  double product = 1;
  bool any = false;
  for (const Cell& c : yields.allCells()) {
    if (c.isBlankText()) continue;
    if (c.isText()) {
      if (segmentKey(c).empty()) continue;  // white space only: blank
      throw DataError("Yields: a text is not a yield");
    }
    if (!(c.number >= 0 && c.number <= 1)) throw DataError("Yields: a yield is outside 0…1");
    product *= c.number;
    any = true;
  }
  if (!any) return NoValue{};
  return product;
}

// --- Explain (kpi/explain.h): every row judged by rftRow / jobRow ------------

// RFT: a used row succeeds when every inspected part was good.
RowJudgements explainRft(const Context& ctx, std::span<const Arg> a) {
  RftInput in = readRft(a[0], a[3], a[4], a[5], ctx);
  SegmentFilter f(a[1], a[2], in.t->rowCount());
  RowJudgements j(in.t->rowCount());
  j.fields = {{"Good", in.good}, {"Inspected", in.inspected}};
  if (in.date != kNoColumn) j.fields.emplace_back("Date", in.date);
  j.withDetail("Not good");
  const std::uint16_t other = j.reasonId("other segment"), allGood = j.reasonId("all good"),
                      notAllGood = j.reasonId("not all good"),
                      notInspected = j.reasonId("inspected blank or 0"), noDate = j.reasonId("blank Date"),
                      outside = j.reasonId(kOutsidePeriod);
  double good = 0, inspected = 0;
  for (std::size_t row = 0; row < in.t->rowCount(); ++row) {
    Counted c;
    try {
      c = rftRow(in, row);
    } catch (const DataError& e) {
      j.setBad(row, e.what());
      continue;
    }
    if (!f.keep(row)) {
      j.set(row, RowStatus::OtherSegment, other);
    } else if (!c.used) {
      j.set(row, RowStatus::LeftOut,
            c.leftOut == RftLeftOut::NotInspected ? notInspected
            : c.leftOut == RftLeftOut::NoDate     ? noDate
                                                  : outside);
    } else {
      j.set(row, c.good < c.inspected ? RowStatus::Failed : RowStatus::Succeeded,
            c.good < c.inspected ? notAllGood : allGood);
      j.detail[row] = c.inspected - c.good;
      good += c.good;
      inspected += c.inspected;
    }
  }
  j.totals = {{"Good", good}, {"Inspected", inspected}};
  return j;
}

RowJudgements explainRftJobs(const Context& ctx, std::span<const Arg> a) {
  JobsInput in = readJobs(a[0], a[3], a[4], a[5], ctx);
  const std::size_t rows = a[0].rows();
  SegmentFilter f(a[1], a[2], rows);
  RowJudgements j(rows);
  j.fields = {{"Outcome", in.outcome}};
  if (in.date != kNoColumn) j.fields.emplace_back("Date", in.date);
  const std::uint16_t other = j.reasonId("other segment"), right = j.reasonId("right first time"),
                      notRight = j.reasonId("not right first time"), blank = j.reasonId("blank Outcome"),
                      noDate = j.reasonId("blank Date"), outside = j.reasonId(kOutsidePeriod);
  for (std::size_t row = 0; row < rows; ++row) {
    Job job;
    try {
      job = jobRow(in, row);
    } catch (const DataError& e) {
      j.setBad(row, e.what());
      continue;
    }
    if (!f.keep(row))
      j.set(row, RowStatus::OtherSegment, other);
    else if (!job.outcome)
      j.set(row, RowStatus::LeftOut,
            job.leftOut == JobLeftOut::NoOutcome ? blank
            : job.leftOut == JobLeftOut::NoDate  ? noDate
                                                 : outside);
    else if (*job.outcome > 0)
      j.set(row, RowStatus::Succeeded, right);
    else
      j.set(row, RowStatus::Failed, notRight);
  }
  return j;
}

// --- Help texts and register facts ----------------------------------------------

namespace ca = common_args;

constexpr ArgSpec kCounts{
    "Counts",
    ArgType::Table,
    ArgKind::Table,
    true,
    {},
    {"The inspection results: a range with the columns Good, Inspected and (for a period) Date, in this order, or in any order with Columns. Text and empty cells count as blank.",
     "Die Prüfergebnisse: ein Bereich mit den Spalten Gutteile, Prüfmenge und (für einen Zeitraum) Datum in dieser Reihenfolge oder beliebig mit Columns. Text und leere Zellen gelten als leer."},
    {"Inspection results: columns Good, Inspected and (optional) Date.",
     "Prüfergebnisse: Spalten Gutteile, Prüfmenge und (optional) Datum."}};

constexpr ArgSpec kJobs{
    "Jobs",
    ArgType::Any,
    ArgKind::Cells,
    true,
    {},
    {"The jobs: a range with the columns Outcome and (for a period) Date, or in any order with Columns. Outcome 1, TRUE, Y, yes = right first time; 0, FALSE, N, no = not; empty = left out. Date: a date or empty.",
     "Die Aufträge: ein Bereich mit den Spalten Ergebnis und (für einen Zeitraum) Datum oder beliebig mit Columns. Ergebnis 1, TRUE, Y, yes = beim ersten Mal richtig; 0, FALSE, N, no = nicht; leer = bleibt außen vor. Datum: ein Datum oder leer."},
    {"Jobs: columns Outcome (1/0, TRUE/FALSE, Y/N) and (optional) Date.",
     "Aufträge: Spalten Ergebnis (1/0, TRUE/FALSE, Y/N) und (optional) Datum."}};

constexpr ArgSpec kYields{
    "Yields",
    ArgType::Any,
    ArgKind::Cells,
    true,
    {},
    {"The yields of the process steps, each a fraction 0…1 (e.g. 0.98): a range, a cell or an array such as {0.98;0.95}. Empty cells are left out.",
     "Die Ausbeuten der Prozessschritte, je ein Anteil 0…1 (z. B. 0,98): ein Bereich, eine Zelle oder eine Matrix wie {0,98;0,95}. Leere Zellen bleiben außen vor."},
    {"Yields of the process steps, each 0…1, e.g. {0.98;0.95}.",
     "Ausbeuten der Prozessschritte, je 0…1, z. B. {0,98;0,95}."}};

constexpr LocalText kByDate{"The period date is the Date column.", "Das Periodendatum ist die Datumsspalte."};

constexpr LocalText kFieldsRft{"Fields: Good, Inspected and (optional) Date, e.g. {5;4;1}.",
                               "Felder: Gutteile, Prüfmenge und (optional) Datum, z. B. {5;4;1}."};

constexpr LocalText kFieldsJobs{"Fields: Outcome and (optional) Date, e.g. {3;1}.",
                                "Felder: Ergebnis und (optional) Datum, z. B. {3;1}."};

constexpr ArgSpec kRftArgs[] = {
    kCounts, ca::segments(), ca::segment(), ca::from(kByDate), ca::to(), ca::columns(kFieldsRft),
};

constexpr ArgSpec kRftJobsArgs[] = {
    kJobs, ca::segments(), ca::segment(), ca::from(kByDate), ca::to(), ca::columns(kFieldsJobs),
};

constexpr ArgSpec kRtyArgs[] = {kYields};

constexpr ArgSpec kRftByArgs[] = {
    kCounts, ca::segmentsBy(), ca::from(kByDate), ca::to(), ca::columns(kFieldsRft),
};

constexpr ArgSpec kRftJobsByArgs[] = {
    kJobs, ca::segmentsBy(), ca::from(kByDate), ca::to(), ca::columns(kFieldsJobs),
};

constexpr LocalText kAction{
    "Pareto of the defects by customer and cause; 8D on the top causes; verify the fix with the next inspection results.",
    "Pareto-Analyse der Fehler nach Kunde und Ursache; 8D-Report zu den Hauptursachen; die Wirksamkeit der Abstellmaßnahmen mit den nächsten Prüfergebnissen nachweisen."};

// RFTBY's and RFTJOBSBY's result columns.
constexpr LocalText kRftByColumns[] = {
    {"Segment", "Segment"}, {"Rows", "Zeilen"},         {"Rows counted", "Zeilen gezählt"},
    {"Good", "Gutteile"},   {"Inspected", "Prüfmenge"}, {"RFT", "RFT"},
};
constexpr LocalText kRftJobsByColumns[] = {
    {"Segment", "Segment"},
    {"Jobs", "Aufträge"},
    {"Jobs counted", "Aufträge gezählt"},
    {"Right first time", "Beim ersten Mal richtig"},
    {"Counted", "Gezählt"},
    {"RFT", "RFT"},
};

constexpr KpiFacts kRftFacts{
    MeasureKind::Ratio, {"RFT", "RFT (Erstausbeute)"}, "RFTBY", kRftByColumns, kAction, false};
constexpr KpiFacts kRftJobsFacts{
    MeasureKind::Ratio, {"RFT (jobs)", "RFT (Aufträge)"}, "RFTJOBSBY", kRftJobsByColumns, kAction, false};
constexpr KpiFacts kRtyFacts{MeasureKind::Ratio, {"RTY", "Durchlaufausbeute (RTY)"}, "", {}, kAction, false};

constexpr FunctionSpec kFunctions[] = {
    {"RFT",
     true,
     false,
     {"Right first time: Σ Good ÷ Σ Inspected over the rows in segment and period; rows with Inspected empty or 0 are left out. Errors: #N/A when no row counts; Err:502 for a bad argument (Segments size, Columns, a period without a Date column); #VALUE! when Good < 0 or Good > Inspected in any row.",
      "Right First Time (Erstausbeute): Σ Gutteile ÷ Σ Prüfmenge über die Zeilen im Segment und Zeitraum; Zeilen mit leerer oder 0 Prüfmenge bleiben außen vor. Fehler: #NV ohne zählbare Zeile; Fehler:502 bei falschem Argument (Größe von Segments, Columns, Zeitraum ohne Datumsspalte); #WERT! bei Gutteile < 0 oder Gutteile > Prüfmenge in irgendeiner Zeile."},
     kRftArgs,
     rft,
     &kRftFacts,
     explainRft,
     {"Right first time: Σ Good ÷ Σ Inspected over the rows, optionally for one segment and period.",
      "Gut beim ersten Mal (RFT): Σ Gutteile ÷ Σ Prüfmenge über die Zeilen, optional je Segment und Zeitraum."}},
    {"RFTJOBS",
     true,
     false,
     {"Right first time per job: jobs right first time ÷ jobs. Outcome 1, TRUE, Y or yes = right first time; 0, FALSE, N or no = not (any case); empty outcomes are left out. Errors: #N/A when no job counts; Err:502 for a bad argument; #VALUE! for another outcome or a Date that is not a date in any row.",
      "Right First Time je Auftrag: beim ersten Mal richtige Aufträge ÷ Aufträge. Ergebnis 1, TRUE, Y oder yes = richtig; 0, FALSE, N oder no = nicht (Groß-/Kleinschreibung egal); leere Ergebnisse bleiben außen vor. Fehler: #NV ohne zählbaren Auftrag; Fehler:502 bei falschem Argument; #WERT! bei anderem Ergebnis oder ungültigem Datum in irgendeiner Zeile."},
     kRftJobsArgs,
     rftJobs,
     &kRftJobsFacts,
     explainRftJobs,
     {"Right first time per job: share of jobs whose outcome is right first time.",
      "Beim ersten Mal richtig je Auftrag: Anteil der Aufträge mit Ergebnis beim ersten Mal richtig."}},
    {"RTY",
     false,
     false,
     {"Rolled throughput yield: the product of the step yields, each a fraction 0…1; empty cells are left out. Errors: #N/A when no yield is given; Err:502 when Yields is missing; #VALUE! for a yield outside 0…1 or a text.",
      "Durchlaufausbeute (Rolled Throughput Yield): Produkt der Ausbeuten der Prozessschritte, je ein Anteil 0…1; leere Zellen bleiben außen vor. Fehler: #NV ohne Ausbeute; Fehler:502 ohne Yields; #WERT! bei einer Ausbeute außerhalb 0…1 oder einem Text."},
     kRtyArgs,
     rty,
     &kRtyFacts,
     nullptr,
     {"Rolled throughput yield: the product of the step yields, each 0…1.",
      "Durchlaufausbeute (RTY): das Produkt der Ausbeuten der Prozessschritte, je 0…1."}},
    {"RFTBY",
     true,
     true,
     {"RFT per segment in one call (array formula): a row per segment in SEGMENTS order, then (blank), then (all); columns segment, rows, rows counted, Σ Good, Σ Inspected, RFT (\"\" if none). Each row equals RFT with that Segment. Errors: Err:502 for a bad argument; #VALUE! when Good < 0 or Good > Inspected in any row.", "RFT je Segment in einem Aufruf (Matrixformel): eine Zeile je Segment in der Reihenfolge von SEGMENTS, dann (blank), dann (all); Spalten Segment, Zeilen, gezählt, Σ Gutteile, Σ Prüfmenge, RFT (\"\" wenn keine). Jede Zeile gleicht RFT mit diesem Segment. Fehler: Fehler:502 bei falschem Argument; #WERT! bei Gutteile < 0 oder Gutteile > Prüfmenge in irgendeiner Zeile."},
     kRftByArgs,
     rftBy,
     nullptr,
     nullptr,
     {"RFT of every segment in one array formula: a row per segment, then (blank) and (all).",
      "RFT jedes Segments in einer Matrixformel: eine Zeile je Segment, dann (blank) und (all)."}},
    {"RFTJOBSBY",
     true,
     true,
     {"RFTJOBS per segment in one call (array formula): a row per segment in SEGMENTS order, then (blank), then (all); columns segment, rows, jobs counted, right first time, jobs, RFT (\"\" if none). Each row equals RFTJOBS with that Segment. Errors: Err:502 for a bad argument; #VALUE! for an unknown outcome or a bad Date in any row.",
      "RFTJOBS je Segment in einem Aufruf (Matrixformel): eine Zeile je Segment in der Reihenfolge von SEGMENTS, dann (blank), dann (all); Spalten Segment, Zeilen, gezählt, beim ersten Mal richtig, Aufträge, RFT (\"\" wenn keine). Jede Zeile gleicht RFTJOBS mit diesem Segment. Fehler: Fehler:502 bei falschem Argument; #WERT! bei unbekanntem Ergebnis oder ungültigem Datum in irgendeiner Zeile."},
     kRftJobsByArgs,
     rftJobsBy,
     nullptr,
     nullptr,
     {"RFTJOBS of every segment in one array formula: a row per segment, then (blank) and (all).",
      "RFTJOBS jedes Segments in einer Matrixformel: eine Zeile je Segment, dann (blank) und (all)."}},
};

}  // namespace

std::span<const FunctionSpec> qualityFunctions() {
  return kFunctions;
}

}  // namespace qkpi
