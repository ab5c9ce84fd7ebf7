// The review sheet ("Review YYYY-MM-DD"): a summary table of every objective,
// then one section per objective with its facts, the per-segment table (a
// ...BY array formula of exactly the probed size), and a 12-month trend with
// XmR limits and a chart. Every value is a live formula on the data sheets;
// the review date replaces TODAY() in every formula, so a review keeps
// measuring "as of" its date.
//
// Layout (0-based rows; columns A..N):
//   0  title                      1  Review date | date      2  legend
//   4  summary header: ID, Objective, KPI, Actual, Target, Status, Gap to target,
//      Worst segment, Worst value, On-track line, On track, Rows left out,
//      Responsible, Due
//   5.. one summary row per objective
//   then per objective a section starting at row s:
//   s     ID | objective (section band A..N)
//   s+1   KPI | Target | Direction | Amber (label, value pairs in A..H)
//   s+2   Data | Start | Baseline | Segment by | Options (from I, running on)
//   s+3   Responsible | Due | Review frequency | Complete
//   s+4   Evaluation                          s+5  Resources
//   s+6   "Per segment" (+ elapsed share for a reduction objective)
//   s+7   table header; s+8 .. s+7+N the array (N = probed rows); s+8+N cut-off flag
//   t     "12-month trend" (t = s+10+N, or s+9 without a table)
//   t+1   Month | value | Moving range | Centre line | Lower limit | Upper limit
//   t+2 .. t+13 the 12 months up to the review date; chart at H(t+1):N(t+16)
//   then for a delivery objective the OTIF system block at t+18
//   (addDeliverySystem: why lines failed, its Pareto, line/quantity/order
//   figures; 15 rows); the next section after it
// Printed: every section but the first starts a page (a manual break); rows
// that stay together on a page (SheetSpec::keepTogether): the title with the
// summary (0 .. 4+n), each section's title and facts (s .. s+5), "Per segment"
// with its table, cut-off flag and Rows left out, the trend with its chart
// (t .. t+16), the OTIF system block with its chart (t+18 .. t+31).
#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include "kpi/dates.h"
#include "objectives/formula.h"
#include "objectives/internal.h"
#include "objectives/objectives.h"
#include "objectives/report.h"

namespace qkpi::objectives {

using namespace detail;

namespace {

constexpr int kCols = 14;  // A..N
constexpr int kSummaryHeaderRow = 4;
constexpr int kFirstSummaryRow = kSummaryHeaderRow + 1;
constexpr int kMonths = 12;
constexpr int kChartRows = 16;  // a trend chart's height, from the trend's header row
const char* const kCutOff =
    "Cut off: the data now has more segments than this table shows. Create a new review to see them all.";

struct Prepared {
  const Objective* o = nullptr;
  KpiCall call;
  double target = 0;
  std::optional<double> amber, baseline;
  std::optional<long> start, due;
  bool lower = false;
};

Prepared prepare(const Objective& o, long off, Lang lang) {
  Prepared p;
  p.o = &o;
  const std::string where = rowLabel(o, lang);
  p.call = parseKpi(o, lang);
  auto t = valueNumber(o.target);
  if (!t)
    throw UserError(
        isEmpty(o.target)
            ? trf(lang, "{1}: Target is empty. Give the value to reach, e.g. 95% or 0.95 for a ratio.",
                  {where})
            : trf(lang,
                  "{1}: Target \"{2}\" is not a number. Give the value to reach, e.g. 95% or 0.95 for a ratio.",
                  {where, valueText(o.target)}));
  p.target = *t;
  // Direction and Amber by KPISTATUS's own rules (kpi/targets.h), as the Status formula reads them.
  const std::string dir = trim(o.direction);
  const std::u16string dirText = utf16(dir);
  Direction direction = Direction::Higher;
  try {
    direction =
        readDirection(dir.empty() ? Arg::omitted() : Arg::scalar(Cell::of(std::u16string_view(dirText))));
  } catch (const ArgumentError&) {
    throw UserError(
        trf(lang, "{1}: Direction \"{2}\" must be higher or lower (or empty for higher).", {where, dir}));
  }
  p.lower = direction == Direction::Lower;
  if (!isEmpty(o.amber)) {
    p.amber = valueNumber(o.amber);
    if (!p.amber)
      throw UserError(trf(lang, "{1}: Amber \"{2}\" is not a number.", {where, valueText(o.amber)}));
    try {
      checkAmberSide(*p.amber, p.target, direction);
    } catch (const ArgumentError&) {
      throw UserError(
          trf(lang,
              p.lower ? "{1}: Amber must lie on the worse side of Target (above it, as Direction is lower)."
                      : "{1}: Amber must lie on the worse side of Target (below it, as Direction is higher).",
              {where}));
    }
  }
  if (!isEmpty(o.baseline)) {
    p.baseline = valueNumber(o.baseline);
    if (!p.baseline)
      throw UserError(trf(lang, "{1}: Baseline \"{2}\" is not a number.", {where, valueText(o.baseline)}));
  }
  if (!isEmpty(o.start)) {
    p.start = valueDate(o.start, off);
    if (!p.start)
      throw UserError(trf(lang, "{1}: Start \"{2}\" is not a date.", {where, valueText(o.start)}));
  }
  if (!isEmpty(o.due)) {
    p.due = valueDate(o.due, off);
    if (!p.due) throw UserError(trf(lang, "{1}: Due \"{2}\" is not a date.", {where, valueText(o.due)}));
  }
  if (p.start && p.due && *p.due <= *p.start)
    throw UserError(trf(lang, "{1}: Due must be after Start.", {where}));
  return p;
}

std::string byProbeCall(const KpiCall& call) {
  std::vector<std::pair<std::string, std::string>> ov = {{"Segments", call.segmentBy}};
  // Only Data, Segments and Columns: the size does not depend on the rest.
  KpiCall bare = call;
  bare.options.clear();
  for (const auto& op : call.options)
    if (op.first == "Columns") bare.options.push_back(op);
  return renderCall(*call.byFn, bare, "TODAY()", ov);
}

std::string monthName(int m, Lang lang) {
  static const char* const k[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  return tr(lang, k[m - 1]);
}

// Columns of the summary table.
enum SummaryCol {
  kSumId,
  kSumObjective,
  kSumKpi,
  kSumActual,
  kSumTarget,
  kSumStatus,
  kSumGap,
  kSumWorstSegment,
  kSumWorstValue,
  kSumLine,
  kSumOnTrack,
  kSumLeftOut,
  kSumResponsible,
  kSumDue,
};
// Where a section's facts are: the row below the section's top and the value
// column (each label is in the column before). All within A..H, so that they
// are in view at 100 % on a 1366-pixel-wide screen (A..H are 287 mm; a
// maximised Calc window there shows about 315 mm: A..I, measured under Xvfb).
struct Fact {
  int row, col;
};
constexpr Fact kFactKpi{1, 1}, kFactTarget{1, 3}, kFactDirection{1, 5}, kFactAmber{1, 7}, kFactBaseline{2, 5},
    kFactStart{2, 3}, kFactDue{3, 3};

// The sheet being built and the review date its formulas measure at.
struct ReviewDraft {
  sheet::SheetSpec& spec;
  long today = 0, off = 0;
  std::string todayLit;  // "DATE(2026;11;25)", replacing TODAY()
  Lang lang = Lang::En;

  void add(sheet::Cell c) { spec.cells.push_back(std::move(c)); }
  // Rows first..last stay together on one printed page (added in row order).
  void keep(int first, int last) { spec.keepTogether.push_back({first, last}); }
  std::string t(std::string_view en) const { return tr(lang, en); }
  // A fixed text (a catalogue key) in the review's language.
  void text(int r, int c, std::string_view en, const char* style = "") { add(textCell(r, c, t(en), style)); }
  void label(int r, int c, const char* text) { add(textCell(r, c, t(text), kLabel)); }
  // Text from the register: a Text cell, none when empty.
  void userText(int r, int c, const std::string& text, const char* style = "") {
    if (!text.empty()) add(textCell(r, c, text, style));
  }
};

// Where one objective is on the sheet: its summary row and its section. The
// section's facts row holds the cells its formulas refer to (Target,
// Direction, Amber, Baseline, Start, Due).
struct Section {
  int index = 0;       // 0-based, in register order
  int summaryRow = 0;  // its row in the summary table
  int top = 0;         // the section band; facts rows top+1 .. top+5

  std::string fact(Fact f) const { return cellName(top + f.row, f.col); }
  std::string absFact(Fact f) const { return absCellName(top + f.row, f.col); }
  std::string summary(int col) const { return cellName(summaryRow, col); }
  CallRefs refs(const std::string& todayLit) const {
    return {todayLit, fact(kFactBaseline), fact(kFactStart), fact(kFactDue)};
  }
};

// A per-segment table: header row, the array's rows first..last, the column
// of the KPI value and of its status.
struct SegmentTable {
  int header = 0, first = 0, last = 0;
  int valueCol = 0, statusCol = 0;
  std::vector<std::string> headers;

  // The segment label of the last row, compared as text: in LibreOffice 7.4 the texts of an add-in's
  // array result do not compare equal to anything (=, EXACT, MATCH, VLOOKUP all fail) until they pass
  // through a text operation.
  std::string lastSegmentText() const { return cellName(last, 0) + "&" + formula::kEmpty; }
};

// ---- title and summary ------------------------------------------------------------

void addTitle(ReviewDraft& rv) {
  rv.text(0, 0, "Quality objectives review", kTitle);
  rv.label(1, 0, "Review date");
  rv.add(numberCell(1, 1, static_cast<double>(rv.today), kDate));
  rv.text(
      1, 3,
      "ISO 9001 clause 6.2 - from the Objectives register. Every value is a live formula on the data, as of the review date.",
      kNote);
  rv.text(
      2, 0,
      "Status: GREEN = target met, AMBER = between Amber and Target, RED = below Amber, GREY = no value. Gap to target: + = better than target. On track: against the straight line from Baseline at Start to Target at Due.",
      kNote);
}

// The summary table's header (with comments) and the formats of its n rows.
void addSummaryHeader(ReviewDraft& rv, int n) {
  const char* const summaryHeaders[kCols] = {
      "ID",       "Objective",     "KPI",           "Actual",      "Target",
      "Status",   "Gap to target", "Worst segment", "Worst value", "On-track line",
      "On track", "Rows left out", "Responsible",   "Due"};
  const char* const summaryComments[kCols] = {
      "The objective's ID in the register.",
      "What will be achieved.",
      "The qkpi function that measures it.",
      "The KPI over all data (all segments), as of the review date.",
      "The value to reach.",
      "KPISTATUS of Actual against Target, Direction and Amber.",
      "Actual minus Target in the better direction: + = better than target, - = short of it.",
      "The segment with the worst value in the per-segment table below (ignoring (blank) and (all)).",
      "The worst segment's value.",
      "TARGETPATH: where the KPI should be at the review date on the straight line from Baseline at Start to Target at Due (a reduction objective starts at 0 % reduction).",
      "Whether Actual is on or better than the on-track line.",
      "Data rows the KPI did not count: outside the period, blank or not eligible, not yet due or still open (rows minus rows used, from the (all) row of the per-segment table). For OTIF and TURNAROUND the section beside the per-segment table says why.",
      "Who is responsible.",
      "When the objective is due."};
  for (int j = 0; j < kCols; ++j) {
    rv.text(kSummaryHeaderRow, j, summaryHeaders[j], kHeader);
    rv.spec.comments.push_back({{kSummaryHeaderRow, j}, rv.t(summaryComments[j])});
  }
  const int first = kFirstSummaryRow, last = kFirstSummaryRow + n - 1;
  addRagFormats(rv.spec, range(first, kSumStatus, last, kSumStatus));
  const std::string k = "$" + cellName(first, kSumOnTrack);
  const sheet::Range onTrack = range(first, kSumOnTrack, last, kSumOnTrack);
  rv.spec.conditionalFormats.push_back({onTrack, k + "=" + formula::text(rv.t("on track")), kGreen});
  rv.spec.conditionalFormats.push_back({onTrack, k + "=" + formula::text(rv.t("behind")), kRed});
}

// The objective's summary row, except Worst segment / value and Rows left out
// (from its per-segment table).
void addSummaryRow(ReviewDraft& rv, const Prepared& p, const Section& sec) {
  using formula::call, formula::kEmpty, formula::text;
  const Objective& o = *p.o;
  const int sr = sec.summaryRow;
  const char* valueStyle = measureStyle(p.call.measure);
  const std::string actual = sec.summary(kSumActual), target = sec.summary(kSumTarget);
  if (actualDiffers(o)) {
    // The register shows another formula than the one this review measures.
    rv.add(textCell(sr, kSumId, o.id.empty() ? rv.t("(no ID)") : o.id, kStale));
    rv.spec.comments.push_back(
        {{sr, kSumId},
         rv.t(
             "The register's Actual differs from its Options, so the register shows another value than this review (which measures KPI, Data, Segment by and Options). Run Update Actuals or edit the Options.")});
  } else {
    rv.userText(sr, kSumId, o.id);
  }
  rv.userText(sr, kSumObjective, o.objective, kText);
  rv.userText(sr, kSumKpi, o.kpi);
  rv.add(formulaCell(sr, kSumActual, "=" + actualExpression(p.call, sec.refs(rv.todayLit)), valueStyle));
  rv.add(formulaCell(sr, kSumTarget, "=" + sec.fact(kFactTarget), valueStyle));
  rv.add(
      formulaCell(sr, kSumStatus,
                  "=" + formula::kpiStatus(actual, target, sec.fact(kFactDirection), sec.fact(kFactAmber))));
  const std::string gap = p.lower ? target + "-" + actual : actual + "-" + target;
  rv.add(formulaCell(sr, kSumGap, "=" + call("IF", {call("ISNUMBER", {actual}), gap, kEmpty}), valueStyle));
  if ((p.baseline || p.call.reduction) && p.start && p.due) {
    const std::string base = p.call.reduction ? "0" : sec.fact(kFactBaseline);
    rv.add(formulaCell(
        sr, kSumLine,
        "=" + call("TARGETPATH", {base, target, sec.fact(kFactStart), sec.fact(kFactDue), rv.todayLit}),
        valueStyle));
    const std::string line = sec.summary(kSumLine);
    const std::string onTrack = actual + (p.lower ? "<=" : ">=") + line;
    rv.add(formulaCell(
        sr, kSumOnTrack,
        "=" + call("IF", {call("AND", {call("ISNUMBER", {actual}), call("ISNUMBER", {line})}),
                          call("IF", {onTrack, text(rv.t("on track")), text(rv.t("behind"))}), kEmpty})));
  } else {
    rv.text(sr, kSumOnTrack, p.baseline ? "no Start/Due" : "no baseline", kNote);
  }
  rv.userText(sr, kSumResponsible, o.responsible, kText);
  if (p.due) rv.add(numberCell(sr, kSumDue, static_cast<double>(*p.due), kDate));
}

// ---- section header and facts -------------------------------------------------------

void addFacts(ReviewDraft& rv, const Prepared& p, const Section& sec) {
  const Objective& o = *p.o;
  const int s = sec.top;
  const char* valueStyle = measureStyle(p.call.measure);
  auto label = [&](Fact f, const char* text) { rv.label(s + f.row, f.col - 1, text); };
  auto number = [&](Fact f, double v, const char* style) { rv.add(numberCell(s + f.row, f.col, v, style)); };
  rv.spec.rangeStyles.push_back({range(s, 0, s, kCols - 1), kSection});
  rv.userText(s, 0, o.id, kSection);
  rv.userText(s, 1, o.objective, kSection);
  label(kFactKpi, "KPI");
  rv.userText(s + kFactKpi.row, kFactKpi.col, o.kpi);
  label(kFactTarget, "Target");
  number(kFactTarget, p.target, valueStyle);
  label(kFactDirection, "Direction");
  rv.userText(s + kFactDirection.row, kFactDirection.col, trim(o.direction));
  label(kFactAmber, "Amber");
  if (p.amber) number(kFactAmber, *p.amber, valueStyle);
  label(kFactBaseline, "Baseline");
  if (p.baseline) number(kFactBaseline, *p.baseline, p.call.reduction ? kNumber : valueStyle);
  label(kFactStart, "Start");
  if (p.start) number(kFactStart, static_cast<double>(*p.start), kDate);
  label(kFactDue, "Due");
  if (p.due) number(kFactDue, static_cast<double>(*p.due), kDate);
  rv.label(s + 2, 0, "Data");
  rv.userText(s + 2, 1, o.data);
  rv.label(s + 2, 6, "Segment by");
  rv.userText(s + 2, 7, o.segmentBy);
  rv.label(s + 2, 8, "Options");
  rv.userText(s + 2, 9, o.options);
  rv.label(s + 3, 0, "Responsible");
  rv.userText(s + 3, 1, o.responsible);
  rv.label(s + 3, 4, "Review frequency");
  rv.userText(s + 3, 5, o.reviewFrequency);
  rv.label(s + 3, 6, "Complete");
  auto missing = missingFields(o, rv.lang);
  std::string text = "OK";
  if (!missing.empty()) {
    text = rv.t("Missing:") + " ";
    for (std::size_t k = 0; k < missing.size(); ++k) text += (k ? ", " : "") + missing[k];
  }
  rv.add(textCell(s + 3, 7, text, missing.empty() ? kComplete : kMissing));
  // Evaluation and Resources are sentences: each on its own row, with B..N to run into.
  rv.label(s + 4, 0, "Evaluation");
  rv.userText(s + 4, 1, o.evaluation);
  rv.label(s + 5, 0, "Resources");
  rv.userText(s + 5, 1, o.resources);
  rv.keep(s, s + 5);
}

// ---- per-segment table ------------------------------------------------------------------

// A reduction objective: RETURNSBY now and one year earlier, each segment
// against its own baseline pro rata.
void addReductionTable(ReviewDraft& rv, const Prepared& p, const Section& sec, SegmentTable& tab) {
  using formula::call, formula::kEmpty;
  const KpiCall& kpi = p.call;
  const int s = sec.top, a = tab.first, b = tab.last, rows = b - a + 1;
  const std::string& segs = kpi.segmentBy;
  const std::string& todayLit = rv.todayLit;
  // Share of Start..Due elapsed, for the pro-rata baselines.
  rv.text(s + 6, 3, "Elapsed share of Start to Due", kLabel);
  const std::string share = absCellName(s + 6, 5);
  rv.add(formulaCell(s + 6, 5, "=" + elapsedShareExpression(sec.refs(todayLit)), kPercent));
  const std::string st = sec.fact(kFactStart), du = sec.fact(kFactDue);
  auto yearEarlier = [](const std::string& d) {
    return call("DATE", {call("YEAR", {d}) + "-1", call("MONTH", {d}), call("DAY", {d})});
  };
  std::string now = renderCall(*kpi.byFn, kpi, todayLit,
                               {{"Segments", segs}, {"From", st}, {"To", call("MIN", {todayLit, du})}});
  std::string lastYear = renderCall(*kpi.byFn, kpi, todayLit,
                                    {{"Segments", segs}, {"From", yearEarlier(st)}, {"To", yearEarlier(du)}});
  rv.add(arrayCell(a, 0, rows, 4, "=" + now));
  rv.add(arrayCell(a, 4, rows, 1, "=" + call("INDEX", {lastYear, "0", "4"})));
  for (int r = a; r <= b; ++r) {
    const std::string last = cellName(r, 4), pro = cellName(r, 5), so = cellName(r, 3);
    rv.add(
        formulaCell(r, 5, "=" + call("IF", {call("ISNUMBER", {last}), last + "*" + share, kEmpty}), kNumber));
    rv.add(formulaCell(
        r, 6,
        "=" + call("IF", {call("AND", {call("ISNUMBER", {pro}), call("ISNUMBER", {so})}),
                          call("IF", {pro + ">0", call("REDUCTION", {pro, so}), kEmpty}), kEmpty}),
        kPercent));
  }
  for (const char* h : {"Segment", "Returns", "Returns so far", "Value so far", "Value last year",
                        "Baseline pro rata", "Reduction", "Status"})
    tab.headers.push_back(rv.t(h));
  rv.spec.rangeStyles.push_back({range(a, 1, b, 2), kInteger});
  rv.spec.rangeStyles.push_back({range(a, 3, b, 4), kNumber});
  tab.valueCol = 6;
  tab.statusCol = 7;
}

// A KPI with a ...BY function: its array as is.
void addByTable(ReviewDraft& rv, const Prepared& p, SegmentTable& tab) {
  const KpiCall& call = p.call;
  const int a = tab.first, b = tab.last, rows = b - a + 1;
  const char* valueStyle = measureStyle(call.measure);
  std::string by = renderCall(*call.byFn, call, rv.todayLit, {{"Segments", call.segmentBy}});
  const bool isReturns = call.measure == Measure::Value;
  const int w = isReturns ? 4 : 6;
  rv.add(arrayCell(a, 0, rows, w, "=" + by));
  tab.headers = segmentTableHeaders(call, rv.lang);  // from the function table
  rv.spec.rangeStyles.push_back({range(a, 1, b, 2), kInteger});
  if (isReturns) {
    rv.spec.rangeStyles.push_back({range(a, 3, b, 3), kNumber});
  } else {
    rv.spec.rangeStyles.push_back({range(a, 3, b, 4), kInteger});
    rv.spec.rangeStyles.push_back({range(a, 5, b, 5), valueStyle});
  }
  tab.valueCol = w - 1;
  tab.statusCol = w;
}

// A KPI without a ...BY function: SEGMENTS, and the KPI called per segment.
void addSegmentsTable(ReviewDraft& rv, const Prepared& p, SegmentTable& tab) {
  const KpiCall& call = p.call;
  const int a = tab.first, b = tab.last, rows = b - a + 1;
  const std::string& segs = call.segmentBy;
  rv.add(arrayCell(a, 0, rows, 1, "=" + formula::call("SEGMENTS", {segs})));
  for (int r = a; r <= b; ++r)
    rv.add(formulaCell(r, 1,
                       "=" + formula::ifna(renderCall(*call.fn, call, rv.todayLit,
                                                      {{"Segments", segs}, {"Segment", cellName(r, 0)}})),
                       measureStyle(call.measure)));
  tab.headers = segmentTableHeaders(call, rv.lang);
  tab.valueCol = 1;
  tab.statusCol = 2;
}

// The table's header and its Status column (KPISTATUS of each row's value).
void addHeaderAndStatus(ReviewDraft& rv, const Section& sec, const SegmentTable& tab) {
  for (int j = 0; j < static_cast<int>(tab.headers.size()); ++j)
    rv.add(textCell(tab.header, j, tab.headers[j], kHeader));
  for (int r = tab.first; r <= tab.last; ++r)
    rv.add(formulaCell(r, tab.statusCol,
                       "=" + formula::kpiStatus(cellName(r, tab.valueCol), sec.absFact(kFactTarget),
                                                sec.absFact(kFactDirection), sec.absFact(kFactAmber))));
  addRagFormats(rv.spec, range(tab.first, tab.statusCol, tab.last, tab.statusCol));
}

// Below the table: a warning when the data now has more segments than the
// table was sized for (a ...BY array then ends before its "(all)" row).
void addCutOffFlag(ReviewDraft& rv, const KpiCall& call, const SegmentTable& tab) {
  using formula::kEmpty, formula::text;
  const int rows = tab.last - tab.first + 1;
  const std::string flag =
      call.byFn ? formula::call("IF", {tab.lastSegmentText() + "=" + formula::allSegmentText(), kEmpty,
                                       text(rv.t(kCutOff))})
                : formula::call("IF", {formula::call("ROWS", {formula::call("SEGMENTS", {call.segmentBy})}) +
                                           ">" + std::to_string(rows),
                                       text(rv.t(kCutOff)), kEmpty});
  rv.add(formulaCell(tab.last + 1, 0, "=" + flag, kWarning));
}

// The summary's Worst segment and Worst value: the worst value of the table
// ignoring "(all)" and "(blank)", and the first segment with it.
void addWorstSegment(ReviewDraft& rv, const Prepared& p, const Section& sec, const SegmentTable& tab) {
  using formula::call, formula::kEmpty;
  const std::string segR = rangeName(range(tab.first, 0, tab.last, 0));
  const std::string valR = rangeName(range(tab.first, tab.valueCol, tab.last, tab.valueCol));
  const std::string seg = segR + "&" + kEmpty;
  const std::string named =
      "(" + seg + "<>" + formula::allSegmentText() + ")*(" + seg + "<>" + formula::blankSegmentText() + ")";
  const std::string cond = call("ISNUMBER", {valR}) + "*" + call("IFERROR", {named, "0"});
  const std::string worstValue = sec.summary(kSumWorstValue);
  rv.add(arrayCell(sec.summaryRow, kSumWorstValue, 1, 1,
                   "=" + call("IF", {call("SUMPRODUCT", {cond}) + "=0", kEmpty,
                                     call(p.lower ? "MAX" : "MIN", {call("IF", {cond, valR, kEmpty})})}),
                   measureStyle(p.call.measure)));
  const std::string match =
      call("MATCH", {"1", cond + "*" + call("IFERROR", {valR + "=" + worstValue, "0"}), "0"});
  rv.add(arrayCell(sec.summaryRow, kSumWorstSegment, 1, 1,
                   "=" + call("IF", {call("ISNUMBER", {worstValue}), call("INDEX", {segR, match}), kEmpty})));
}

// Beside the table: why rows were left out (OTIF, TURNAROUND), by native
// counts that mirror the KPI's rules (left_out.cpp), the total from the summary.
// Returns the last row it wrote (the table's header row when none).
int addLeftOutReasons(ReviewDraft& rv, const Prepared& p, const Section& sec, const SegmentTable& tab) {
  const std::string total = sec.summary(kSumLeftOut);
  const auto reasons = leftOutReasons(p.call, rv.todayLit, total, rv.lang);
  if (reasons.empty()) return tab.header;
  constexpr int kLabelCol = 8, kValueCol = 10;
  rv.text(tab.header, kLabelCol, "Rows left out", kHeader);
  rv.spec.rangeStyles.push_back({range(tab.header, kLabelCol, tab.header, kValueCol), kHeader});
  rv.text(tab.header, kValueCol, "Rows", kHeader);
  int r = tab.header + 1;
  for (const auto& [label, expr] : reasons) {
    rv.add(textCell(r, kLabelCol, label));
    rv.add(formulaCell(r, kValueCol, "=" + formula::call("IFERROR", {expr, formula::kEmpty}), kInteger));
    ++r;
  }
  rv.text(r, kLabelCol, "total", kLabel);
  rv.add(formulaCell(r, kValueCol, "=" + total, kInteger));
  return r;
}

// The "Per segment" block of a section; returns the row of the trend title.
int addSegmentTable(ReviewDraft& rv, const Prepared& p, const Section& sec, int rows) {
  const KpiCall& call = p.call;
  const int s = sec.top;
  rv.text(s + 6, 0, "Per segment", kSubheader);
  if (call.segmentBy.empty() || rows <= 0) {
    rv.text(
        s + 7, 0,
        call.segmentBy.empty()
            ? "No Segment by: the KPI is measured over all data only."
            : "The per-segment table could not be sized (its probe formula gave no result): check Data, Segment by and Options.",
        kNote);
    rv.keep(s + 6, s + 7);
    return s + 9;
  }
  SegmentTable tab;
  tab.header = s + 7;
  tab.first = s + 8;
  tab.last = s + 7 + rows;
  if (call.reduction)
    addReductionTable(rv, p, sec, tab);
  else if (call.byFn)
    addByTable(rv, p, tab);
  else
    addSegmentsTable(rv, p, tab);
  addHeaderAndStatus(rv, sec, tab);
  addCutOffFlag(rv, call, tab);
  addWorstSegment(rv, p, sec, tab);
  // A ...BY array ends with its (all) row: its rows minus rows used are the rows left out.
  if (call.byFn)
    rv.add(formulaCell(
        sec.summaryRow, kSumLeftOut,
        "=" + formula::call("IF", {tab.lastSegmentText() + "=" + formula::allSegmentText(),
                                   cellName(tab.last, 1) + "-" + cellName(tab.last, 2), formula::kEmpty}),
        kInteger));
  const int reasonsEnd = addLeftOutReasons(rv, p, sec, tab);
  // The title, the header row, the rows, the cut-off flag and the reasons beside them: one page.
  rv.keep(s + 6, std::max(tab.last + 1, reasonsEnd));
  return std::max(tab.last + 3, reasonsEnd + 2);
}

// ---- OTIF as a system (delivery objectives) ---------------------------------------------

// The line, quantity and order figures, why lines failed (OTIFREASONS) and
// its Pareto, for a delivery objective (KpiCall::deliverySystem), at row t:
//   t     "Why lines failed" (A)                t+1 header: Reason | Lines | Share (A..C),
//   t+2 .. t+9 the OTIFREASONS array            Pareto of failures | Lines | Cumulative (E..G)
//   t+2 .. t+7 the six failure reasons, most lines first (E..G)
//   t+9   Measure | Value (E..G), t+10 .. t+12 lines, quantity, orders
//   chart I(t+1):N(t+13). Returns the first row of the next section.
int addDeliverySystem(ReviewDraft& rv, const Prepared& p, const Section& sec, int t) {
  using formula::call, formula::kEmpty;
  const KpiCall& kpi = p.call;
  if (!kpi.deliverySystem) return t;
  auto fn = [](std::string_view name) {
    const FunctionSpec* f = findFunction(name);
    if (!f) throw std::logic_error("objectives: no function " + std::string(name));
    return f;
  };
  rv.text(t, 0, "Why lines failed", kSubheader);
  rv.text(
      t, 2,
      "Every counted order line in exactly one reason (OTIFREASONS), over the objective's period and all segments, as of the review date.",
      kNote);
  const int h = t + 1, a = t + 2;
  const char* const reasonHeaders[] = {"Reason", "Lines", "Share"};
  for (int j = 0; j < 3; ++j) rv.text(h, j, reasonHeaders[j], kHeader);
  rv.add(arrayCell(a, 0, 8, 3, "=" + renderCall(*fn(kReasonsFunction), kpi, rv.todayLit)));
  rv.spec.rangeStyles.push_back({range(a, 1, a + 7, 1), kInteger});
  rv.spec.rangeStyles.push_back({range(a, 2, a + 7, 2), kPercent});

  // Pareto: the failure reasons (rows 2-7 of the array) by lines, most first;
  // ties keep the array's order (key = lines - position/100).
  const std::string lines = absRangeName(range(a + 1, 1, a + 6, 1));
  const std::string texts = absRangeName(range(a + 1, 0, a + 6, 0));
  const std::string key =
      lines + "-(" + call("ROW", {lines}) + "-" + call("ROW", {absCellName(a + 1, 1)}) + ")/100";
  const std::string none = call("SUM", {lines}) + "=0";
  const char* const paretoHeaders[] = {"Pareto of failures", "Lines", "Cumulative"};
  for (int j = 0; j < 3; ++j) rv.text(h, 4 + j, paretoHeaders[j], kHeader);
  for (int k = 1; k <= 6; ++k) {
    const int r = a + k - 1;
    const std::string large = call("LARGE", {key, std::to_string(k)});
    rv.add(arrayCell(
        r, 4, 1, 1,
        "=" + call("IF", {none, kEmpty, call("INDEX", {texts, call("MATCH", {large, key, "0"})})})));
    rv.add(arrayCell(r, 5, 1, 1, "=" + call("IF", {none, kEmpty, call("ROUND", {large, "0"})}), kInteger));
    rv.add(
        formulaCell(r, 6,
                    "=" + call("IF", {none, kEmpty,
                                      call("SUM", {r == a ? cellName(a, 5) : rangeName(range(a, 5, r, 5))}) +
                                          "/" + call("SUM", {lines})}),
                    kPercent));
  }

  // Line, quantity and order OTIF side by side.
  const int m = t + 9;
  rv.text(m, 4, "Measure", kHeader);
  rv.add(textCell(m, 5, "", kHeader));
  rv.text(m, 6, "Value", kHeader);
  auto measure = [&](int r, const char* label, std::string_view name) {
    rv.text(r, 4, label);
    rv.add(formulaCell(r, 6, "=" + formula::ifna(renderCall(*fn(name), kpi, rv.todayLit)), kPercent));
  };
  measure(m + 1, "Order lines (OTIF)", kLineFunction);
  measure(m + 2, "Quantity (OTIFQTY)", kQuantityFunction);
  if (kpi.hasOption("Orders"))
    measure(m + 3, "Orders (OTIFORDERS)", kOrdersFunction);
  else
    rv.text(m + 3, 4, "Orders: add Orders=<order number column> to the Options", kNote);

  sheet::Chart chart;
  chart.name = "qkpi reasons " + std::to_string(sec.index + 1);
  chart.anchor = range(h, 8, t + 13, kCols - 1);
  chart.title = (p.o->id.empty() ? std::string() : p.o->id + " ") + rv.t("why lines failed (Pareto)");
  chart.categories = range(a, 4, a + 5, 4);
  chart.series = {range(a, 5, a + 5, 5)};
  chart.seriesNames = {rv.t("Lines")};
  chart.bars = true;
  rv.spec.charts.push_back(chart);
  rv.keep(t, t + 13);  // down to the chart's last row
  return t + 15;
}

// ---- 12-month trend ----------------------------------------------------------------------

}  // namespace

// The 12 complete calendar months before the review date's month, oldest
// first, then - when the review date is not the 1st - the month to date.
std::vector<detail::TrendMonth> detail::trendMonths(long today, long off, Lang lang) {
  std::vector<TrendMonth> months;
  const long first = dates::firstOfMonth(today, off);
  auto label = [&](long serial) {
    const Ymd d = ymdOf(serial, off);
    char lab[16];
    std::snprintf(lab, sizeof lab, "%s %04d", monthName(d.m, lang).c_str(), d.y);
    return std::string(lab);
  };
  for (int k = kMonths; k >= 1; --k) {
    TrendMonth m;
    m.from = dates::addMonths(first, -k, off);
    m.to = dates::lastOfMonth(m.from, off);
    m.label = label(m.from);
    months.push_back(std::move(m));
  }
  if (today != first) months.push_back({label(first) + " " + tr(lang, "(to date)"), first, today, false});
  return months;
}

namespace {

// A trend table: header row, then one row per complete month (first..last),
// then the month to date (toDate, or -1), with the XmR centre line and limits
// in columns 3..5 (computed in the first row, repeated in the other complete
// months' rows) and for the turnaround KPIs the open rows in column 6.
struct Trend {
  int header = 0, first = 0, last = 0, toDate = -1;
  std::string label;  // of the value column
  const char* style = "";
  bool open = false;  // an "Open" column
};

// The XmR centre line and limits, in the first month's row: from the complete
// months only (the month to date is in none of them).
void addLimits(ReviewDraft& rv, const KpiCall& call, const Trend& tr) {
  using formula::kEmpty;
  const int a = tr.first;
  const std::string valR = absRangeName(range(a, 1, tr.last, 1));
  const std::string mrR = absRangeName(range(a + 1, 2, tr.last, 2));
  const std::string centre = cellName(a, 3), spread = "2.66*" + formula::call("AVERAGE", {mrR});
  rv.add(formulaCell(a, 3, "=" + formula::call("IFERROR", {formula::call("AVERAGE", {valR}), kEmpty}),
                     tr.style));
  rv.add(formulaCell(
      a, 4, "=" + formula::call("IFERROR", {formula::call("MAX", {"0", centre + "-" + spread}), kEmpty}),
      tr.style));
  std::string ucl = centre + "+" + spread;
  if (call.measure == Measure::Ratio) ucl = formula::call("MIN", {"1", ucl});
  rv.add(formulaCell(a, 5, "=" + formula::call("IFERROR", {ucl, kEmpty}), tr.style));
}

// The month's value: the KPI from its first to its last day (or the review
// date), as of that day (KpiFacts::asOfArgument).
std::string monthValue(const ReviewDraft& rv, const KpiCall& call, const TrendMonth& m) {
  std::vector<std::pair<std::string, std::string>> ov = {{"From", dateLiteral(m.from, rv.off)},
                                                         {"To", dateLiteral(m.to, rv.off)}};
  const std::string_view asOf = call.fn->kpi->asOfArgument;
  if (!asOf.empty() && asOf != "To") ov.emplace_back(std::string(asOf), dateLiteral(m.to, rv.off));
  return "=" + formula::ifna(renderCall(*call.fn, call, rv.todayLit, ov));
}

// Row r of the trend: label, value, then the limits (first row) or the moving
// range and references to the limits; the month to date has neither.
void addTrendRow(ReviewDraft& rv, const KpiCall& call, const Trend& tr, int r, const TrendMonth& m) {
  using formula::kEmpty;
  const char* style = m.complete ? tr.style : toDateStyle(tr.style);
  rv.add(textCell(r, 0, m.label, m.complete ? "" : kToDate));
  rv.add(formulaCell(r, 1, monthValue(rv, call, m), style));
  if (tr.open)
    if (auto open = openRowsFormula(call, dateLiteral(m.from, rv.off), dateLiteral(m.to, rv.off)))
      rv.add(formulaCell(r, 6, "=" + *open, m.complete ? kInteger : kToDate));
  if (!m.complete) {
    rv.text(r, 3, "not in the limits", kToDate);
    return;
  }
  if (r == tr.first) {
    addLimits(rv, call, tr);
    return;
  }
  const std::string cur = cellName(r, 1), prev = cellName(r - 1, 1);
  rv.add(
      formulaCell(r, 2,
                  "=" + formula::call("IF", {formula::call("OR", {cur + "=" + kEmpty, prev + "=" + kEmpty}),
                                             kEmpty, formula::call("ABS", {cur + "-" + prev})}),
                  tr.style));
  for (int c = 3; c <= 5; ++c) rv.add(formulaCell(r, c, "=" + absCellName(tr.first, c), tr.style));
}

// Complete months outside the limits in red (the month to date never), and
// the chart of the complete months beside the table.
void addTrendChart(ReviewDraft& rv, const Objective& o, const Section& sec, const Trend& tr) {
  const int a = tr.first, b = tr.last;
  const std::string v = cellName(a, 1), lcl = absCellName(a, 4), ucl = absCellName(a, 5);
  rv.spec.conditionalFormats.push_back(
      {range(a, 1, b, 1),
       formula::call("AND", {formula::call("ISNUMBER", {v}), formula::call("ISNUMBER", {lcl}),
                             formula::call("OR", {v + "<" + lcl, v + ">" + ucl})}),
       kSignal});
  sheet::Chart chart;
  chart.name = "qkpi trend " + std::to_string(sec.index + 1);
  chart.anchor = range(tr.header, 7, tr.header + kChartRows - 1, kCols - 1);
  chart.title = (o.id.empty() ? std::string() : o.id + " ") +
                trf(rv.lang, "{1} per month (complete months)", {tr.label});
  chart.categories = range(a, 0, b, 0);
  for (int c : {1, 3, 4, 5}) chart.series.push_back(range(a, c, b, c));
  chart.seriesNames = {tr.label, rv.t("Centre line"), rv.t("Lower limit"), rv.t("Upper limit")};
  rv.spec.charts.push_back(chart);
}

// The trend block at row t; returns the first row of the next section.
int addTrend(ReviewDraft& rv, const Prepared& p, const Section& sec, int t) {
  const KpiCall& call = p.call;
  rv.text(t, 0, "12-month trend", kSubheader);
  const bool hasPeriod = std::any_of(call.fn->args.begin(), call.fn->args.end(),
                                     [](const ArgSpec& x) { return x.name == "From"; });
  if (!hasPeriod) {
    rv.add(textCell(t + 1, 0, trf(rv.lang, "{1} has no period: no monthly trend.", {call.fn->name}), kNote));
    rv.keep(t, t + 1);
    return t + 3;
  }
  const std::vector<TrendMonth> months = trendMonths(rv.today, rv.off, rv.lang);
  Trend tr;
  tr.header = t + 1;
  tr.first = t + 2;
  tr.last = t + 1 + kMonths;  // the complete months
  if (!months.back().complete) tr.toDate = tr.last + 1;
  tr.label = call.reduction ? rv.t("Returns value") : measureLabel(call, rv.lang);
  tr.style = call.reduction ? kNumber : measureStyle(call.measure);
  tr.open = openRowsFormula(call, "0", "0").has_value();
  rv.add(textCell(
      t, 2,
      rv.t(
          "XmR chart of the 12 complete months: centre line = their mean; limits = centre +/- 2.66 x average moving range; red = outside the limits (a signal).") +
          (tr.toDate >= 0 ? " " + rv.t("Month to date (grey): not in the limits.") : "") +
          (tr.open ? " " + rv.t("Open: received in the month, not closed by its end.") : ""),
      kNote));
  const char* const trendHeaders[] = {"Month",       nullptr,       "Moving range", "Centre line",
                                      "Lower limit", "Upper limit", "Open"};
  const int headers = tr.open ? 7 : 6;
  for (int j = 0; j < headers; ++j)
    rv.add(textCell(tr.header, j, j == 1 ? tr.label : rv.t(trendHeaders[j]), kHeader));
  for (int k = 0; k < static_cast<int>(months.size()); ++k)
    addTrendRow(rv, call, tr, tr.first + k, months[k]);
  addTrendChart(rv, *p.o, sec, tr);
  const int end = std::max(std::max(tr.last, tr.toDate), tr.header + kChartRows - 1);
  rv.keep(t, end);  // the title, the table and the chart beside it
  return end + 2;
}

// ---- page setup ------------------------------------------------------------------------

void addPageSetup(sheet::SheetSpec& spec, int lastRow) {
  // A: labels and segment names; B: objective texts (two lines at most), Data and Responsible of the
  // facts; E: the "Review frequency" label; H: a Segment by range; K: "im Rückstand" (German
  // "behind"); I: "Schlechtester Wert" (German "Worst value") in one word a line; M: Responsible (name
  // and role). A..H (the facts) are 287 mm: in view at 100 % on a 1366-pixel-wide screen.
  const int widths[kCols] = {4000, 6800, 3300, 2400, 3800, 2100, 2300,
                             4000, 2800, 2300, 2700, 2200, 5600, 2400};
  for (int j = 0; j < kCols; ++j) spec.columns.push_back({j, widths[j], false});
  // Scrolling keeps the title, the review date and the summary's header in view.
  spec.freezeRows = kSummaryHeaderRow + 1;
  spec.printRange = range(0, 0, lastRow, kCols - 1);
  spec.printLandscape = true;
  spec.repeatRows = {0, 1};
  spec.fitPagesWide = 1;
}

}  // namespace

std::vector<std::string> segmentTableProbes(const std::vector<Objective>& objectives, Lang lang) {
  std::vector<std::string> probes;
  for (const Objective& o : objectives) {
    KpiCall call = parseKpi(o, lang);
    if (call.segmentBy.empty())
      probes.emplace_back();
    else if (call.byFn)
      probes.push_back("=" + formula::call("ROWS", {byProbeCall(call)}));
    else
      probes.push_back("=" + formula::call("ROWS", {formula::call("SEGMENTS", {call.segmentBy})}));
  }
  return probes;
}

sheet::SheetSpec review(const std::vector<Objective>& objectives, const std::vector<int>& segmentTableRows,
                        long today, long off, const std::string& sheetName, Lang lang) {
  if (objectives.empty())
    throw UserError(trf(
        lang,
        "The \"{1}\" register has no objectives yet: add one objective per row (ID, Objective, KPI, Data, Target ...), then create the review.",
        {kRegisterSheet}));
  if (segmentTableRows.size() != objectives.size())
    throw std::invalid_argument("review: one probe result per objective expected");
  std::vector<Prepared> prep;
  for (const Objective& o : objectives) prep.push_back(prepare(o, off, lang));

  sheet::SheetSpec spec;
  spec.name = sheetName;
  spec.styles = standardStyles();
  spec.tabColor = "#2E75B6";
  ReviewDraft rv{spec, today, off, dateLiteral(today, off), lang};
  const int n = static_cast<int>(prep.size());
  addTitle(rv);
  addSummaryHeader(rv, n);
  rv.keep(0, kFirstSummaryRow + n - 1);  // the summary under the title (never moved: the first rows)
  int s = kFirstSummaryRow + n + 1;      // first section row
  for (int i = 0; i < n; ++i) {
    // One objective per printed page: the first shares page 1 with the summary.
    if (i > 0) spec.rowBreaks.push_back(s);
    const Section sec{i, kFirstSummaryRow + i, s};
    addFacts(rv, prep[i], sec);
    addSummaryRow(rv, prep[i], sec);
    const int t = addSegmentTable(rv, prep[i], sec, segmentTableRows[i]);
    s = addDeliverySystem(rv, prep[i], sec, addTrend(rv, prep[i], sec, t));
  }
  std::string stale;
  for (const Objective& o : objectives)
    if (actualDiffers(o)) stale += (stale.empty() ? "" : ", ") + (o.id.empty() ? rowLabel(o, lang) : o.id);
  if (!stale.empty())
    rv.add(textCell(
        3, 0,
        trf(lang,
            "Register check: {1} - the register's Actual differs from its Options; this review measures the Options. Run Update Actuals or edit the Options.",
            {stale}),
        kWarning));
  addPageSetup(spec, s - 2);
  spec.pageFrame = reviewPageFrame(sheetName, isoDate(today, off), false, lang);
  return spec;
}

}  // namespace qkpi::objectives
