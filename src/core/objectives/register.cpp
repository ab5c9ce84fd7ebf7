// The Objectives register: headers, reading, the Actual/Status/Complete
// formulas, and the NewRegister sheet.
#include <algorithm>

#include "objectives/formula.h"
#include "objectives/internal.h"
#include "objectives/objectives.h"
#include "objectives/texts.h"

namespace qkpi::objectives {

using namespace detail;

namespace {

constexpr int kFirstDataRow = 1;
constexpr int kPrefilledRows = 50;    // rows with Status/Complete formulas in a new register
constexpr int kValidationRows = 999;  // dropdowns and conditional formats down to row 1000

const char* const kHeaderComments[kFieldCount] = {
    // ID
    "A short, unique identifier of the objective, e.g. Q-01. The review and the Action Log refer to it.",
    // Objective
    "What will be achieved, in one sentence (ISO 9001 clause 6.2: what will be done), e.g. \"Deliver on time and in full to every customer\".",
    // KPI
    "The qkpi function that measures the objective: OTIF, ONTIME, INFULL, RFT, RFTJOBS, RTY, RETURNS, TURNAROUND or TURNAROUNDDAYS (see Insert > Function, category Add-In). For a reduction target use RETURNS with a Baseline.",
    // Data
    "The KPI's table as a range with its sheet, e.g. $Deliveries.D2:G20001 (OTIF: Due, Delivered, OrderedQty, DeliveredQty; RFT: Good, Inspected, Date; RETURNS: Date, Value; TURNAROUND: Received, Closed). Other column orders: the Columns option.",
    // Segment by
    "Optional: the column that splits the data into segments (customer, site, product), as long as Data, e.g. $Deliveries.A2:A20001. The review then shows every segment with its own value and status.",
    // Options
    "Optional: the KPI's other arguments as Name=value separated by ';', names as in the function's help, e.g. From=2026-01-01; LateDays=2; QtyTolerance=0.02; Columns={6;8;5;7}. Dates as 2026-01-01, DATE(2026;1;1) or TODAY()-30; Holidays=Holidays uses the named range. As of today: OTIF, ONTIME and INFULL without To get To=TODAY() (lines not due yet are left out), TURNAROUND and TURNAROUNDDAYS without AsOf get AsOf=TODAY(); the review measures as of its date. Give To or AsOf to fix another date. After editing Options run Update Actuals.",
    // Target
    "The value to reach: a fraction for ratios (95% = 0.95), a value for RETURNS, working days for TURNAROUNDDAYS. RETURNS with a Baseline: the reduction to reach (50% = halved).",
    // Direction
    "higher (default) or lower: which way is better. Returns value and turnaround days: lower. A reduction (RETURNS with a Baseline): higher.",
    // Amber
    "Optional: the boundary between AMBER and RED. Between Amber and Target the status is AMBER; empty = no AMBER (below Target is RED).",
    // Baseline
    "Optional: where the KPI stood at Start (e.g. last year's value). The review checks whether the KPI is on track on the straight line from Baseline at Start to Target at Due (TARGETPATH). RETURNS with a Baseline measures the reduction against it, pro rata for the elapsed part of Start to Due.",
    // Start
    "The date work on the objective starts (the baseline date).",
    // Due
    "When the objective will be completed (ISO 9001 6.2: when).",
    // Responsible
    "Who is responsible (ISO 9001 6.2: who). Proposed actions in the Action Log are assigned to this person.",
    // Resources
    "What resources are required (ISO 9001 6.2): people, budget, tools, training.",
    // Evaluation
    "How the results will be evaluated (ISO 9001 6.2): data source, who reviews them, in which meeting.",
    // Review frequency
    "How often the objective is reviewed: Weekly, Monthly, Quarterly, Half-yearly or Yearly.",
    // Actual
    "The live KPI value: a formula built from KPI, Data and Options by the Quality Objectives commands (you may edit it). #N/A = no data to measure yet.",
    // Status
    "GREEN = target met, AMBER = between Amber and Target, RED = below Amber, GREY = no value yet: KPISTATUS(Actual; Target; Direction; Amber).",
    // Complete
    "Flags what ISO 9001 clause 6.2 requires and the row misses: what (Objective), resources, who (Responsible), when (Due), how evaluated (Evaluation).",
    // Check
    "Written by Review, Action Log and Update Actuals: flags a row whose Actual formula is not the one its KPI, Data, Segment by and Options give (e.g. Options edited after the Actual was written). Update Actuals rewrites those Actuals; empty = Actual matches its Options.",
};

const int kWidths[kFieldCount] = {1600, 6500, 3300, 4600, 4600, 6500, 2000, 2200, 2000, 2700,
                                  2400, 2400, 5200, 5500, 5500, 3300, 2400, 2200, 5200, 5200};

std::string c(Field f, int row) {
  return cellName(row, static_cast<int>(f));
}

// What ISO 9001 clause 6.2 requires of an objective, in the order the
// Complete column lists what is missing.
struct Required {
  Field field;
  const char* what;
};
const Required kRequired[] = {
    {Field::Objective, "what (Objective)"},
    {Field::Resources, "resources (Resources)"},
    {Field::Responsible, "who (Responsible)"},
    {Field::Due, "when (Due)"},
    {Field::Evaluation, "how evaluated (Evaluation)"},
};

bool given(const Objective& o, Field f) {
  switch (f) {
    case Field::Objective:
      return !trim(o.objective).empty();
    case Field::Resources:
      return !trim(o.resources).empty();
    case Field::Responsible:
      return !trim(o.responsible).empty();
    case Field::Due:
      return !isEmpty(o.due);
    case Field::Evaluation:
      return !trim(o.evaluation).empty();
    default:
      return true;
  }
}

// Status for a row not filled in yet: empty until Actual has a value.
std::string prefilledStatus(int row) {
  const std::string actual = c(Field::Actual, row);
  return "=" + formula::kpiStatusOnceFilled(actual, c(Field::Target, row), c(Field::Direction, row),
                                            c(Field::Amber, row));
}

}  // namespace

namespace {
// Function-local statics (not namespace-scope objects whose construction could throw before main).
const std::vector<std::string>& registerHeadersEn() {
  static const std::vector<std::string> h = {
      "ID",     "Objective", "KPI",      "Data", "Segment by",  "Options",   "Target",     "Direction",
      "Amber",  "Baseline",  "Start",    "Due",  "Responsible", "Resources", "Evaluation", "Review frequency",
      "Actual", "Status",    "Complete", "Check"};
  return h;
}
const std::vector<std::string>& actionLogHeadersEn() {
  static const std::vector<std::string> h = {"Action ID", "Objective", "Finding",      "Action",
                                             "Owner",     "Resources", "Start",        "Due",
                                             "Status",    "Completed", "Effectiveness"};
  return h;
}
std::vector<std::string> translated(const std::vector<std::string>& en, Lang lang) {
  std::vector<std::string> r;
  for (const std::string& h : en) r.push_back(tr(lang, h));
  return r;
}
}  // namespace

const std::vector<std::string>& registerHeaders() {
  return registerHeadersEn();
}

const std::vector<std::string>& registerHeaders(Lang lang) {
  static const std::vector<std::string> de = translated(registerHeadersEn(), Lang::De);
  return lang == Lang::De ? de : registerHeadersEn();
}

const std::vector<std::string>& actionLogHeaders() {
  return actionLogHeadersEn();
}

const std::vector<std::string>& actionLogHeaders(Lang lang) {
  static const std::vector<std::string> de = translated(actionLogHeadersEn(), Lang::De);
  return lang == Lang::De ? de : actionLogHeadersEn();
}

namespace detail {

HeaderMatch matchHeaders(const std::vector<Value>& row, const std::vector<std::string>& en,
                         const std::vector<std::string>& de, std::string_view sheet, Lang lang) {
  HeaderMatch m;
  m.col.assign(en.size(), -1);
  int enOnly = 0, deOnly = 0;
  for (std::size_t f = 0; f < en.size(); ++f)
    for (std::size_t j = 0; j < row.size(); ++j) {
      const std::string h = valueText(row[j]);
      const bool isEn = iequals(h, en[f]), isDe = iequals(h, de[f]);
      if (!isEn && !isDe) continue;
      // A header given twice: reading or writing either column could be the wrong one.
      if (m.col[f] >= 0)
        throw UserError(repeatedHeaderMessage(sheet, (isEn ? en : de)[f], m.col[f], j, lang));
      m.col[f] = static_cast<int>(j);
      if (isEn && !isDe) ++enOnly;
      if (isDe && !isEn) ++deOnly;
    }
  m.lang = deOnly > enOnly ? Lang::De : Lang::En;
  return m;
}

}  // namespace detail

std::vector<Objective> readRegister(const Table& t, Lang lang) {
  const auto& headers = registerHeaders(lang);
  if (t.empty())
    throw UserError(trf(
        lang,
        "The \"{1}\" sheet is empty. Use Quality Objectives > New Register to create the register with its headers, then add one objective per row.",
        {kRegisterSheet}));
  const HeaderMatch match =
      matchHeaders(t[0], registerHeaders(Lang::En), registerHeaders(Lang::De), kRegisterSheet, lang);
  std::array<int, kFieldCount> cols;
  std::copy(match.col.begin(), match.col.end(), cols.begin());
  std::vector<std::string> missing;
  for (int f = 0; f < kFieldCount; ++f)
    if (cols[f] < 0 && f != static_cast<int>(Field::Complete) && f != static_cast<int>(Field::Check))
      missing.push_back(headers[f]);
  if (!missing.empty()) {
    std::string list;
    for (const auto& m : missing) list += (list.empty() ? "\"" : ", \"") + m + "\"";
    std::string all;
    for (int f = 0; f < static_cast<int>(Field::Complete); ++f) all += (f ? ", " : "") + headers[f];
    throw UserError(trf(
        lang,
        missing.size() > 1
            ? "The \"{1}\" sheet has no {2} columns in row 1. The register needs the headers {3} (any order). Add the missing headers, or start from Quality Objectives > New Register."
            : "The \"{1}\" sheet has no {2} column in row 1. The register needs the headers {3} (any order). Add the missing header, or start from Quality Objectives > New Register.",
        {kRegisterSheet, list, all}));
  }
  std::vector<Objective> out;
  for (std::size_t r = 1; r < t.size(); ++r) {
    const auto& row = t[r];
    auto get = [&](Field f) -> Value {
      int j = cols[static_cast<int>(f)];
      if (j < 0 || static_cast<std::size_t>(j) >= row.size()) return std::monostate{};
      const Value& v = row[j];
      if (const auto* s = std::get_if<std::string>(&v)) {
        std::string tt = trim(*s);
        if (tt.empty()) return std::monostate{};
        return tt;
      }
      return v;
    };
    auto text = [&](Field f) { return valueText(get(f)); };
    Objective o;
    o.row = static_cast<int>(r);
    o.col = cols;
    o.lang = match.lang;
    o.id = text(Field::Id);
    o.objective = text(Field::Objective);
    o.kpi = text(Field::Kpi);
    o.data = text(Field::Data);
    if (o.id.empty() && o.objective.empty() && o.kpi.empty() && o.data.empty()) continue;
    o.segmentBy = text(Field::SegmentBy);
    // Options keep their line breaks (they separate options); only the ends are trimmed.
    o.options = text(Field::Options);
    o.direction = text(Field::Direction);
    o.responsible = text(Field::Responsible);
    o.resources = text(Field::Resources);
    o.evaluation = text(Field::Evaluation);
    o.reviewFrequency = text(Field::ReviewFrequency);
    o.status = text(Field::Status);
    o.check = text(Field::Check);
    o.target = get(Field::Target);
    o.amber = get(Field::Amber);
    o.baseline = get(Field::Baseline);
    o.start = get(Field::Start);
    o.due = get(Field::Due);
    o.actual = get(Field::Actual);
    out.push_back(std::move(o));
  }
  return out;
}

std::string actualFormula(const Objective& o, Lang lang) {
  KpiCall call = parseKpi(o, lang);
  CallRefs refs{"TODAY()", o.cell(Field::Baseline), o.cell(Field::Start), o.cell(Field::Due)};
  return "=" + actualExpression(call, refs);
}

std::string statusFormula(const Objective& o) {
  return "=" + formula::kpiStatus(o.cell(Field::Actual), o.cell(Field::Target), o.cell(Field::Direction),
                                  o.cell(Field::Amber));
}

sheet::SheetSpec registerFormulas(const std::vector<Objective>& objectives, Lang lang) {
  sheet::SheetSpec spec;
  spec.name = kRegisterSheet;
  spec.styles = standardStyles();
  for (const Objective& o : objectives) {
    KpiCall call = parseKpi(o, lang);
    spec.cells.push_back(formulaCell(o.row, o.col[static_cast<int>(Field::Actual)], actualFormula(o, lang),
                                     measureStyle(call.measure)));
    spec.cells.push_back(formulaCell(o.row, o.col[static_cast<int>(Field::Status)], statusFormula(o)));
  }
  return spec;
}

std::vector<std::string> missingFields(const Objective& o, Lang lang) {
  std::vector<std::string> m;
  for (const Required& r : kRequired)
    if (!given(o, r.field)) m.push_back(tr(lang, r.what));
  return m;
}

namespace detail {

std::string completenessFormula(int row, Lang lang) {
  using formula::call, formula::kEmpty, formula::text;
  std::vector<std::string> filled;
  std::string missing;  // ", what (Objective), when (Due)" ...
  for (const Required& r : kRequired) {
    const std::string ref = c(r.field, row);
    filled.push_back(ref + "<>" + kEmpty);
    if (!missing.empty()) missing += "&";
    missing += call("IF", {ref + "=" + kEmpty, text(", " + tr(lang, r.what)), kEmpty});
  }
  const std::string inputs = c(Field::Id, row) + ":" + c(Field::ReviewFrequency, row);
  return "=" +
         call("IF",
              {call("COUNTA", {inputs}) + "=0", kEmpty,
               call("IF", {formula::callList("AND", filled), text("OK"),
                           text(tr(lang, "Missing:") + " ") + "&" + call("MID", {missing, "3", "300"})})});
}

namespace {

// An input column of a new register, from the first data row down to the
// last formatted row.
sheet::Range inputColumn(Field f) {
  const int j = static_cast<int>(f);
  return range(kFirstDataRow, j, kValidationRows, j);
}

// Headers with their comments, column widths, and the formats of the input
// columns (also for the rows still empty).
void addHeaderRow(sheet::SheetSpec& spec, Lang lang) {
  const auto& headers = registerHeaders(lang);
  for (int f = 0; f < kFieldCount; ++f) {
    spec.cells.push_back(textCell(0, f, headers[f], kHeader));
    spec.comments.push_back({{0, f}, tr(lang, kHeaderComments[f])});
    spec.columns.push_back({f, kWidths[f], false});
  }
  for (Field f : {Field::Objective, Field::Options, Field::Responsible, Field::Resources, Field::Evaluation,
                  Field::Check})
    spec.rangeStyles.push_back({inputColumn(f), kText});
  for (Field f : {Field::Start, Field::Due}) spec.rangeStyles.push_back({inputColumn(f), kDate});
}

// The entry as the register row `r` (standard column order) it becomes.
Objective objectiveOf(const RegisterEntry& e, int r) {
  Objective o;
  o.row = r;
  for (int f = 0; f < kFieldCount; ++f) o.col[f] = f;
  o.id = e.id;
  o.objective = e.objective;
  o.kpi = e.kpi;
  o.data = e.data;
  o.segmentBy = e.segmentBy;
  o.options = e.options;
  o.direction = e.direction;
  if (e.baseline) o.baseline = *e.baseline;
  if (e.start) o.start = static_cast<double>(*e.start);
  if (e.due) o.due = static_cast<double>(*e.due);
  return o;
}

// An entry's cells in row r, with its Actual and Status formulas.
void addEntry(sheet::SheetSpec& spec, const RegisterEntry& e, int r, Lang lang) {
  const Objective o = objectiveOf(e, r);
  KpiCall call = parseKpi(o, lang);
  const char* valueStyle = measureStyle(call.measure);
  auto text = [&](Field f, const std::string& s, const char* style = "") {
    if (!s.empty()) spec.cells.push_back(textCell(r, static_cast<int>(f), s, style));
  };
  auto number = [&](Field f, const std::optional<double>& v, const char* style) {
    if (v) spec.cells.push_back(numberCell(r, static_cast<int>(f), *v, style));
  };
  text(Field::Id, e.id);
  text(Field::Objective, e.objective, kText);
  text(Field::Kpi, e.kpi);
  text(Field::Data, e.data);
  text(Field::SegmentBy, e.segmentBy);
  text(Field::Options, e.options, kText);
  number(Field::Target, e.target, valueStyle);
  text(Field::Direction, e.direction);
  number(Field::Amber, e.amber, valueStyle);
  number(Field::Baseline, e.baseline, call.reduction ? kNumber : valueStyle);
  if (e.start) number(Field::Start, static_cast<double>(*e.start), kDate);
  if (e.due) number(Field::Due, static_cast<double>(*e.due), kDate);
  text(Field::Responsible, e.responsible, kText);
  text(Field::Resources, e.resources, kText);
  text(Field::Evaluation, e.evaluation, kText);
  text(Field::ReviewFrequency, e.frequency);
  spec.cells.push_back(formulaCell(r, static_cast<int>(Field::Actual), actualFormula(o, lang), valueStyle));
  spec.cells.push_back(formulaCell(r, static_cast<int>(Field::Status), statusFormula(o)));
}

// Dropdowns: KPI, Direction, Review frequency.
void addValidations(sheet::SheetSpec& spec, Lang lang) {
  sheet::Validation kpi;
  kpi.range = inputColumn(Field::Kpi);
  kpi.values = kpiNames();
  kpi.inputTitle = tr(lang, "KPI");
  kpi.inputHelp = tr(lang, "The qkpi function that measures this objective.");
  kpi.errorMessage = tr(lang, "Choose a KPI from the list:");
  const std::string orWord = " " + tr(lang, "or") + " ";
  for (std::size_t i = 0; i < kpi.values.size(); ++i)
    kpi.errorMessage += (i == 0 ? " " : i + 1 == kpi.values.size() ? orWord : ", ") + kpi.values[i];
  kpi.errorMessage += '.';
  spec.validations.push_back(kpi);
  sheet::Validation dir;
  dir.range = inputColumn(Field::Direction);
  dir.values = {"higher", "lower"};
  dir.inputTitle = tr(lang, "Direction");
  dir.inputHelp = tr(
      lang, "higher: a higher value is better (OTIF, RFT); lower: a lower value is better (returns value).");
  dir.errorMessage = tr(lang, "Direction is higher or lower.");
  spec.validations.push_back(dir);
  sheet::Validation freq;
  freq.range = inputColumn(Field::ReviewFrequency);
  for (const char* v : {"Weekly", "Monthly", "Quarterly", "Half-yearly", "Yearly"})
    freq.values.push_back(tr(lang, v));
  freq.strict = false;
  freq.inputTitle = tr(lang, "Review frequency");
  freq.inputHelp = tr(lang, "How often this objective is reviewed.");
  spec.validations.push_back(freq);
}

// Status colours, completeness flags, and the missing cells of a started row.
void addRowFormats(sheet::SheetSpec& spec, Lang lang) {
  using formula::call, formula::kEmpty, formula::text;
  addRagFormats(spec, inputColumn(Field::Status));
  const sheet::Range complete = inputColumn(Field::Complete);
  const std::string s2 = "$" + c(Field::Complete, kFirstDataRow);
  const std::string missingMark = tr(lang, "Missing:");
  spec.conditionalFormats.push_back(
      {complete, call("LEFT", {s2, std::to_string(missingMark.size())}) + "=" + text(missingMark), kMissing});
  spec.conditionalFormats.push_back({complete, s2 + "=" + text("OK"), kComplete});
  const sheet::Range check = inputColumn(Field::Check);
  spec.conditionalFormats.push_back({check, "$" + c(Field::Check, kFirstDataRow) + "<>" + kEmpty, kStale});
  const std::string started =
      call("COUNTA", {"$" + c(Field::Id, kFirstDataRow) + ":$" + c(Field::ReviewFrequency, kFirstDataRow)}) +
      ">0";
  for (Field f : {Field::Objective, Field::Due, Field::Responsible, Field::Resources, Field::Evaluation}) {
    const std::string first = "$" + c(f, kFirstDataRow);
    spec.conditionalFormats.push_back(
        {inputColumn(f), call("AND", {started, first + "=" + kEmpty}), kMissing});
  }
}

}  // namespace

sheet::SheetSpec registerSheet(const std::vector<RegisterEntry>& entries, long nullDateOffset, Lang lang) {
  (void)nullDateOffset;
  sheet::SheetSpec spec;
  spec.name = kRegisterSheet;
  spec.styles = standardStyles();
  spec.tabColor = "#1F4E79";
  addHeaderRow(spec, lang);
  const int rows = std::max<int>(kPrefilledRows, static_cast<int>(entries.size()));
  for (int i = 0; i < rows; ++i) {
    const int r = kFirstDataRow + i;
    if (static_cast<std::size_t>(i) < entries.size())
      addEntry(spec, entries[i], r, lang);
    else
      spec.cells.push_back(formulaCell(r, static_cast<int>(Field::Status), prefilledStatus(r)));
    spec.cells.push_back(
        formulaCell(r, static_cast<int>(Field::Complete), completenessFormula(r, lang), kText));
  }
  addValidations(spec, lang);
  addRowFormats(spec, lang);
  spec.freezeRows = 1;
  spec.freezeCols = 2;
  spec.printLandscape = true;
  spec.repeatRows = {0};
  spec.fitPagesWide = 1;
  return spec;
}

}  // namespace detail

sheet::SheetSpec newRegister(Lang lang) {
  return registerSheet({}, 0, lang);
}

}  // namespace qkpi::objectives
