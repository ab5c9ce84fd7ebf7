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
//   s+1   KPI | Target | Direction | Amber | Baseline | Start | Due (label, value pairs)
//   s+2   Data | Segment by | Options          s+3  Responsible | Review frequency | Complete
//   s+4   Evaluation                          s+5  Resources
//   s+6   "Per segment" (+ elapsed share for a reduction objective)
//   s+7   table header; s+8 .. s+7+N the array (N = probed rows); s+8+N cut-off flag
//   t     "12-month trend" (t = s+10+N, or s+9 without a table)
//   t+1   Month | value | Moving range | Centre line | Lower limit | Upper limit
//   t+2 .. t+13 the 12 months up to the review date; chart at H(t+1):N(t+16)
//   next section at t+18
#include <algorithm>
#include <stdexcept>

#include "objectives/objectives.h"
#include "objectives/internal.h"

namespace qkpi::objectives {

using namespace detail;

namespace {

constexpr int kCols = 14;  // A..N
constexpr int kSummaryHeaderRow = 4;
constexpr int kMonths = 12;
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

Prepared prepare(const Objective& o, long off) {
  Prepared p;
  p.o = &o;
  const std::string where = rowLabel(o);
  p.call = parseKpi(o);
  auto t = valueNumber(o.target);
  if (!t)
    throw UserError(where +
                    (isEmpty(o.target) ? std::string(": Target is empty")
                                       : ": Target \"" + valueText(o.target) + "\" is not a number") +
                    ". Give the value to reach, e.g. 95% or 0.95 for a ratio.");
  p.target = *t;
  // Direction and Amber by KPISTATUS's own rules (kpi/targets.h), as the Status formula reads them.
  const std::string dir = trim(o.direction);
  const std::u16string dirText = utf16(dir);
  Direction direction = Direction::Higher;
  try {
    direction =
        readDirection(dir.empty() ? Arg::omitted() : Arg::scalar(Cell::of(std::u16string_view(dirText))));
  } catch (const ArgumentError&) {
    throw UserError(where + ": Direction \"" + dir + "\" must be higher or lower (or empty for higher).");
  }
  p.lower = direction == Direction::Lower;
  if (!isEmpty(o.amber)) {
    p.amber = valueNumber(o.amber);
    if (!p.amber) throw UserError(where + ": Amber \"" + valueText(o.amber) + "\" is not a number.");
    try {
      checkAmberSide(*p.amber, p.target, direction);
    } catch (const ArgumentError&) {
      throw UserError(where + ": Amber must lie on the worse side of Target (" +
                      std::string(p.lower ? "above" : "below") + " it, as Direction is " +
                      (p.lower ? "lower" : "higher") + ").");
    }
  }
  if (!isEmpty(o.baseline)) {
    p.baseline = valueNumber(o.baseline);
    if (!p.baseline) throw UserError(where + ": Baseline \"" + valueText(o.baseline) + "\" is not a number.");
  }
  if (!isEmpty(o.start)) {
    p.start = valueDate(o.start, off);
    if (!p.start) throw UserError(where + ": Start \"" + valueText(o.start) + "\" is not a date.");
  }
  if (!isEmpty(o.due)) {
    p.due = valueDate(o.due, off);
    if (!p.due) throw UserError(where + ": Due \"" + valueText(o.due) + "\" is not a date.");
  }
  if (p.start && p.due && *p.due <= *p.start) throw UserError(where + ": Due must be after Start.");
  return p;
}

std::string wrapBlank(const std::string& ref) {
  return "IF(ISBLANK(" + ref + ");\"\";" + ref + ")";
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

const char* monthName(int m) {
  static const char* const k[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  return k[m - 1];
}

}  // namespace

std::vector<std::string> segmentTableProbes(const std::vector<Objective>& objectives) {
  std::vector<std::string> probes;
  for (const Objective& o : objectives) {
    KpiCall call = parseKpi(o);
    if (call.segmentBy.empty())
      probes.emplace_back();
    else if (call.byFn)
      probes.push_back("=ROWS(" + byProbeCall(call) + ")");
    else
      probes.push_back("=ROWS(SEGMENTS(" + call.segmentBy + "))");
  }
  return probes;
}

sheet::SheetSpec review(const std::vector<Objective>& objectives, const std::vector<int>& segmentTableRows,
                        long today, long off, const std::string& sheetName) {
  if (objectives.empty())
    throw UserError(std::string("The \"") + kRegisterSheet +
                    "\" register has no objectives yet: add one objective per row (ID, Objective, KPI, Data, "
                    "Target ...), then create the review.");
  if (segmentTableRows.size() != objectives.size())
    throw std::invalid_argument("review: one probe result per objective expected");
  std::vector<Prepared> prep;
  for (const Objective& o : objectives) prep.push_back(prepare(o, off));

  sheet::SheetSpec spec;
  spec.name = sheetName;
  spec.styles = standardStyles();
  spec.tabColor = "#2E75B6";
  const std::string todayLit = dateLiteral(today, off);
  auto& cells = spec.cells;
  auto label = [&](int r, int c, const char* text) { cells.push_back(textCell(r, c, text, kLabel)); };
  auto userText = [&](int r, int c, const std::string& text, const char* style = "") {
    if (!text.empty()) cells.push_back(textCell(r, c, text, style));
  };

  // ---- title and summary header ------------------------------------------------
  cells.push_back(textCell(0, 0, "Quality objectives review", kTitle));
  label(1, 0, "Review date");
  cells.push_back(numberCell(1, 1, static_cast<double>(today), kDate));
  cells.push_back(
      textCell(1, 3,
               "ISO 9001 clause 6.2 - from the Objectives register. Every value is a live formula on the "
               "data, as of the review date.",
               kNote));
  cells.push_back(
      textCell(2, 0,
               "Status: GREEN = target met, AMBER = between Amber and Target, RED = below Amber, GREY = no "
               "value. Gap to target: + = better than target. On track: against the straight line from "
               "Baseline at Start to Target at Due.",
               kNote));
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
      "TARGETPATH: where the KPI should be at the review date on the straight line from Baseline at Start to "
      "Target "
      "at Due (a reduction objective starts at 0 % reduction).",
      "Whether Actual is on or better than the on-track line.",
      "Data rows the KPI did not count: outside the period, blank or not eligible (rows minus rows used, "
      "from the "
      "(all) row of the per-segment table).",
      "Who is responsible.",
      "When the objective is due."};
  for (int j = 0; j < kCols; ++j) {
    cells.push_back(textCell(kSummaryHeaderRow, j, summaryHeaders[j], kHeader));
    spec.comments.push_back({{kSummaryHeaderRow, j}, summaryComments[j]});
  }
  const int n = static_cast<int>(prep.size());
  const int firstSummary = kSummaryHeaderRow + 1;
  addRagFormats(spec, range(firstSummary, 5, firstSummary + n - 1, 5));
  {
    std::string k = "$K" + std::to_string(firstSummary + 1);
    spec.conditionalFormats.push_back(
        {range(firstSummary, 10, firstSummary + n - 1, 10), k + "=\"on track\"", kGreen});
    spec.conditionalFormats.push_back(
        {range(firstSummary, 10, firstSummary + n - 1, 10), k + "=\"behind\"", kRed});
  }

  int s = firstSummary + n + 1;  // first section row
  for (int i = 0; i < n; ++i) {
    // One objective per printed page: the first shares page 1 with the summary.
    if (i > 0) spec.rowBreaks.push_back(s);
    const Prepared& p = prep[i];
    const Objective& o = *p.o;
    const KpiCall& call = p.call;
    const int sr = firstSummary + i;  // summary row
    const int f = s + 1;              // facts row
    const char* valueStyle = measureStyle(call.measure);
    auto cell = [](int r, int c) { return cellName(r, c); };
    auto abs = [](int r, int c) { return absCellName(r, c); };
    const std::string targetRef = abs(f, 3), dirRef = wrapBlank(abs(f, 5)), amberRef = wrapBlank(abs(f, 7));
    CallRefs refs{todayLit, cell(f, 9), cell(f, 11), cell(f, 13)};

    // ---- section header and facts ----------------------------------------------
    spec.rangeStyles.push_back({range(s, 0, s, kCols - 1), kSection});
    userText(s, 0, o.id, kSection);
    userText(s, 1, o.objective, kSection);
    label(f, 0, "KPI");
    userText(f, 1, o.kpi);
    label(f, 2, "Target");
    cells.push_back(numberCell(f, 3, p.target, valueStyle));
    label(f, 4, "Direction");
    userText(f, 5, trim(o.direction));
    label(f, 6, "Amber");
    if (p.amber) cells.push_back(numberCell(f, 7, *p.amber, valueStyle));
    label(f, 8, "Baseline");
    if (p.baseline) cells.push_back(numberCell(f, 9, *p.baseline, call.reduction ? kNumber : valueStyle));
    label(f, 10, "Start");
    if (p.start) cells.push_back(numberCell(f, 11, static_cast<double>(*p.start), kDate));
    label(f, 12, "Due");
    if (p.due) cells.push_back(numberCell(f, 13, static_cast<double>(*p.due), kDate));
    label(s + 2, 0, "Data");
    userText(s + 2, 1, o.data);
    label(s + 2, 4, "Segment by");
    userText(s + 2, 5, o.segmentBy);
    label(s + 2, 8, "Options");
    userText(s + 2, 9, o.options);
    label(s + 3, 0, "Responsible");
    userText(s + 3, 1, o.responsible);
    label(s + 3, 4, "Review frequency");
    userText(s + 3, 5, o.reviewFrequency);
    label(s + 3, 8, "Complete");
    {
      auto missing = missingFields(o);
      std::string text = "OK";
      if (!missing.empty()) {
        text = "Missing: ";
        for (std::size_t k = 0; k < missing.size(); ++k) text += (k ? ", " : "") + missing[k];
      }
      cells.push_back(textCell(s + 3, 9, text, missing.empty() ? kComplete : kMissing));
    }
    // Evaluation and Resources are sentences: each on its own row, with B..N to run into.
    label(s + 4, 0, "Evaluation");
    userText(s + 4, 1, o.evaluation);
    label(s + 5, 0, "Resources");
    userText(s + 5, 1, o.resources);

    // ---- summary row -------------------------------------------------------------
    const std::string actual = cell(sr, 3), target = cell(sr, 4);
    userText(sr, 0, o.id);
    userText(sr, 1, o.objective, kText);
    userText(sr, 2, o.kpi);
    cells.push_back(formulaCell(sr, 3, "=" + actualExpression(call, refs), valueStyle));
    cells.push_back(formulaCell(sr, 4, "=" + cell(f, 3), valueStyle));
    cells.push_back(formulaCell(sr, 5,
                                "=KPISTATUS(IFNA(" + actual + ";\"\");" + target + ";" +
                                    wrapBlank(cell(f, 5)) + ";" + wrapBlank(cell(f, 7)) + ")"));
    cells.push_back(formulaCell(sr, 6,
                                "=IF(ISNUMBER(" + actual + ");" +
                                    (p.lower ? target + "-" + actual : actual + "-" + target) + ";\"\")",
                                valueStyle));
    if ((p.baseline || call.reduction) && p.start && p.due) {
      std::string base = call.reduction ? "0" : cell(f, 9);
      cells.push_back(formulaCell(
          sr, 9,
          "=TARGETPATH(" + base + ";" + target + ";" + cell(f, 11) + ";" + cell(f, 13) + ";" + todayLit + ")",
          valueStyle));
      const std::string line = cell(sr, 9);
      cells.push_back(formulaCell(sr, 10,
                                  "=IF(AND(ISNUMBER(" + actual + ");ISNUMBER(" + line + "));IF(" + actual +
                                      (p.lower ? "<=" : ">=") + line + ";\"on track\";\"behind\");\"\")"));
    } else {
      cells.push_back(textCell(sr, 10, p.baseline ? "no Start/Due" : "no baseline", kNote));
    }
    userText(sr, 12, o.responsible, kText);
    if (p.due) cells.push_back(numberCell(sr, 13, static_cast<double>(*p.due), kDate));

    // ---- per-segment table ---------------------------------------------------------
    const int rows = segmentTableRows[i];
    label(s + 6, 0, "Per segment");
    cells.back().style = kSubheader;
    int t = 0;  // trend row
    if (call.segmentBy.empty() || rows <= 0) {
      cells.push_back(
          textCell(s + 7, 0,
                   call.segmentBy.empty()
                       ? "No Segment by: the KPI is measured over all data only."
                       : "The per-segment table could not be sized (its probe formula gave no result): "
                         "check Data, Segment by and Options.",
                   kNote));
      t = s + 9;
    } else {
      const int hr = s + 7, a = s + 8, b = s + 7 + rows;  // header row, first and last array row
      const std::string segs = call.segmentBy;
      std::vector<std::string> headers;
      int valueCol = 0, statusCol = 0;
      // Segment labels of a ...BY array are compared as lastSeg&"": in LibreOffice 7.4 the texts of an
      // add-in's array result do not compare equal to anything (=, EXACT, MATCH, VLOOKUP all fail)
      // until they pass through a text operation.
      std::string lastSegCell = cell(b, 0) + "&\"\"";
      std::string leftOut;
      if (call.reduction) {
        // Share of Start..Due elapsed, for the pro-rata baselines.
        cells.push_back(textCell(s + 6, 3, "Elapsed share of Start to Due", kLabel));
        const std::string share = abs(s + 6, 5);
        cells.push_back(formulaCell(s + 6, 5, "=" + elapsedShareExpression(refs), kPercent));
        const std::string st = cell(f, 11), du = cell(f, 13);
        std::string now =
            renderCall(*call.byFn, call, todayLit,
                       {{"Segments", segs}, {"From", st}, {"To", "MIN(" + todayLit + ";" + du + ")"}});
        std::string lastYear =
            renderCall(*call.byFn, call, todayLit,
                       {{"Segments", segs},
                        {"From", "DATE(YEAR(" + st + ")-1;MONTH(" + st + ");DAY(" + st + "))"},
                        {"To", "DATE(YEAR(" + du + ")-1;MONTH(" + du + ");DAY(" + du + "))"}});
        cells.push_back(arrayCell(a, 0, rows, 4, "=" + now));
        cells.push_back(arrayCell(a, 4, rows, 1, "=INDEX(" + lastYear + ";0;4)"));
        for (int r = a; r <= b; ++r) {
          cells.push_back(formulaCell(
              r, 5, "=IF(ISNUMBER(" + cell(r, 4) + ");" + cell(r, 4) + "*" + share + ";\"\")", kNumber));
          cells.push_back(formulaCell(r, 6,
                                      "=IF(AND(ISNUMBER(" + cell(r, 5) + ");ISNUMBER(" + cell(r, 3) +
                                          "));IF(" + cell(r, 5) + ">0;REDUCTION(" + cell(r, 5) + ";" +
                                          cell(r, 3) + ");\"\");\"\")",
                                      kPercent));
        }
        headers = {"Segment",         "Returns",           "Returns so far", "Value so far",
                   "Value last year", "Baseline pro rata", "Reduction",      "Status"};
        spec.rangeStyles.push_back({range(a, 1, b, 2), kInteger});
        spec.rangeStyles.push_back({range(a, 3, b, 4), kNumber});
        valueCol = 6;
        statusCol = 7;
        leftOut = "=IF(" + lastSegCell + "=\"(all)\";" + cell(b, 1) + "-" + cell(b, 2) + ";\"\")";
      } else if (call.byFn) {
        std::string by = renderCall(*call.byFn, call, todayLit, {{"Segments", segs}});
        const bool isReturns = call.measure == Measure::Value;
        const int w = isReturns ? 4 : 6;
        cells.push_back(arrayCell(a, 0, rows, w, "=" + by));
        headers = segmentTableHeaders(call);
        spec.rangeStyles.push_back({range(a, 1, b, 2), kInteger});
        if (isReturns) {
          spec.rangeStyles.push_back({range(a, 3, b, 3), kNumber});
        } else {
          spec.rangeStyles.push_back({range(a, 3, b, 4), kInteger});
          spec.rangeStyles.push_back({range(a, 5, b, 5), valueStyle});
        }
        valueCol = w - 1;
        statusCol = w;
        leftOut = "=IF(" + lastSegCell + "=\"(all)\";" + cell(b, 1) + "-" + cell(b, 2) + ";\"\")";
      } else {
        cells.push_back(arrayCell(a, 0, rows, 1, "=SEGMENTS(" + segs + ")"));
        for (int r = a; r <= b; ++r)
          cells.push_back(formulaCell(
              r, 1,
              "=IFNA(" + renderCall(*call.fn, call, todayLit, {{"Segments", segs}, {"Segment", cell(r, 0)}}) +
                  ";\"\")",
              valueStyle));
        headers = {"Segment", measureLabel(call), "Status"};
        valueCol = 1;
        statusCol = 2;
      }
      for (int j = 0; j < static_cast<int>(headers.size()); ++j)
        cells.push_back(textCell(hr, j, headers[j], kHeader));
      for (int r = a; r <= b; ++r)
        cells.push_back(formulaCell(r, statusCol,
                                    "=KPISTATUS(IFNA(" + cell(r, valueCol) + ";\"\");" + targetRef + ";" +
                                        dirRef + ";" + amberRef + ")"));
      addRagFormats(spec, range(a, statusCol, b, statusCol));
      // Cut-off flag.
      std::string flag = call.byFn ? "=IF(" + lastSegCell + "=\"(all)\";\"\";\"" + kCutOff + "\")"
                                   : "=IF(ROWS(SEGMENTS(" + segs + "))>" + std::to_string(rows) + ";\"" +
                                         kCutOff + "\";\"\")";
      cells.push_back(formulaCell(b + 1, 0, flag, kWarning));
      // Worst segment (summary).
      const std::string segR = cell(a, 0) + ":" + cell(b, 0);
      const std::string valR = cell(a, valueCol) + ":" + cell(b, valueCol);
      const std::string cond =
          "ISNUMBER(" + valR + ")*IFERROR((" + segR + "&\"\"<>\"(all)\")*(" + segR + "&\"\"<>\"(blank)\");0)";
      const std::string worstValue = cell(sr, 8);
      cells.push_back(arrayCell(sr, 8, 1, 1,
                                "=IF(SUMPRODUCT(" + cond + ")=0;\"\";" + (p.lower ? "MAX" : "MIN") + "(IF(" +
                                    cond + ";" + valR + ";\"\")))",
                                valueStyle));
      cells.push_back(arrayCell(sr, 7, 1, 1,
                                "=IF(ISNUMBER(" + worstValue + ");INDEX(" + segR + ";MATCH(1;" + cond +
                                    "*IFERROR(" + valR + "=" + worstValue + ";0);0));\"\")"));
      if (!leftOut.empty()) cells.push_back(formulaCell(sr, 11, leftOut, kInteger));
      t = b + 3;
    }

    // ---- 12-month trend -------------------------------------------------------------
    cells.push_back(textCell(t, 0, "12-month trend", kSubheader));
    const bool hasPeriod = std::any_of(call.fn->args.begin(), call.fn->args.end(),
                                       [](const ArgSpec& x) { return x.name == "From"; });
    if (!hasPeriod) {
      cells.push_back(
          textCell(t + 1, 0, std::string(call.fn->name) + " has no period: no monthly trend.", kNote));
      s = t + 3;
      continue;
    }
    cells.push_back(
        textCell(t, 2,
                 "Process behaviour chart (XmR): centre line = mean of the months; limits = centre +/- "
                 "2.66 x average moving range; red = outside the limits (a signal, not noise).",
                 kNote));
    const std::string trendLabel = call.reduction ? "Returns value" : measureLabel(call);
    const char* trendStyle = call.reduction ? kNumber : valueStyle;
    const char* const trendHeaders[] = {"Month",       nullptr,       "Moving range",
                                        "Centre line", "Lower limit", "Upper limit"};
    for (int j = 0; j < 6; ++j)
      cells.push_back(textCell(t + 1, j, j == 1 ? trendLabel : trendHeaders[j], kHeader));
    const int a = t + 2, b = t + 1 + kMonths;
    const Ymd td = ymdOf(today, off);
    const std::string valR = absCellName(a, 1) + ":" + absCellName(b, 1);
    const std::string mrR = absCellName(a + 1, 2) + ":" + absCellName(b, 2);
    for (int k = 0; k < kMonths; ++k) {
      const int r = a + k;
      const long from = serialOf(td.y, td.m - (kMonths - 1 - k), 1, off);
      const Ymd fm = ymdOf(from, off);
      const long to = std::min<long>(serialOf(fm.y, fm.m + 1, 1, off) - 1, today);
      char lab[16];
      std::snprintf(lab, sizeof lab, "%s %04d", monthName(fm.m), fm.y);
      cells.push_back(textCell(r, 0, lab));
      cells.push_back(
          formulaCell(r, 1,
                      "=IFNA(" +
                          renderCall(*call.fn, call, todayLit,
                                     {{"From", dateLiteral(from, off)}, {"To", dateLiteral(to, off)}}) +
                          ";\"\")",
                      trendStyle));
      if (k > 0)
        cells.push_back(formulaCell(r, 2,
                                    "=IF(OR(" + cell(r, 1) + "=\"\";" + cell(r - 1, 1) + "=\"\");\"\";ABS(" +
                                        cell(r, 1) + "-" + cell(r - 1, 1) + "))",
                                    trendStyle));
      if (k == 0) {
        cells.push_back(formulaCell(r, 3, "=IFERROR(AVERAGE(" + valR + ");\"\")", trendStyle));
        cells.push_back(formulaCell(
            r, 4, "=IFERROR(MAX(0;" + cell(a, 3) + "-2.66*AVERAGE(" + mrR + "));\"\")", trendStyle));
        std::string ucl = cell(a, 3) + "+2.66*AVERAGE(" + mrR + ")";
        if (call.measure == Measure::Ratio) ucl = "MIN(1;" + ucl + ")";
        cells.push_back(formulaCell(r, 5, "=IFERROR(" + ucl + ";\"\")", trendStyle));
      } else {
        for (int c = 3; c <= 5; ++c) cells.push_back(formulaCell(r, c, "=" + absCellName(a, c), trendStyle));
      }
    }
    spec.conditionalFormats.push_back({range(a, 1, b, 1),
                                       "AND(ISNUMBER(" + cell(a, 1) + ");ISNUMBER(" + abs(a, 4) + ");OR(" +
                                           cell(a, 1) + "<" + abs(a, 4) + ";" + cell(a, 1) + ">" + abs(a, 5) +
                                           "))",
                                       kSignal});
    sheet::Chart chart;
    chart.name = "qkpi trend " + std::to_string(i + 1);
    chart.anchor = range(t + 1, 7, t + 16, kCols - 1);
    chart.title = (o.id.empty() ? std::string() : o.id + " ") + trendLabel + " per month";
    chart.categories = range(a, 0, b, 0);
    for (int c : {1, 3, 4, 5}) chart.series.push_back(range(a, c, b, c));
    chart.seriesNames = {trendLabel, "Centre line", "Lower limit", "Upper limit"};
    spec.charts.push_back(chart);
    s = t + 18;
  }

  const int lastRow = s - 2;
  // A: labels and segment names; B: objective texts (two lines at most); E: the "Review frequency"
  // label; M: Responsible (name and role).
  const int widths[kCols] = {4000, 6200, 3300, 2400, 3800, 2100, 2300,
                             3600, 2300, 2300, 2200, 2200, 5600, 2400};
  for (int j = 0; j < kCols; ++j) spec.columns.push_back({j, widths[j], false});
  spec.freezeRows = 2;
  spec.printRange = range(0, 0, lastRow, kCols - 1);
  spec.printLandscape = true;
  spec.repeatRows = {0, 1};
  spec.fitPagesWide = 1;
  return spec;
}

}  // namespace qkpi::objectives
