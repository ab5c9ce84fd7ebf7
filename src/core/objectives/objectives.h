// Quality objectives (ISO 9001 clause 6.2): the register, the sample data, the
// review sheet and the action log, as pure sheet specs (no UNO). The commands
// in src/commands read the document into `Table`s, call these functions and
// apply the returned sheet::SheetSpec.
//
// Register ("Objectives" sheet), one objective per row, row 0 = headers (any
// order; extra columns are kept and ignored):
//   ID, Objective, KPI, Data, Segment by, Options, Target, Direction, Amber,
//   Baseline, Start, Due, Responsible, Resources, Evaluation,
//   Review frequency, Actual, Status, Complete, Check
//  - KPI: a qkpi function name: OTIF, ONTIME, INFULL, RFT, RFTJOBS, RTY,
//    RETURNS, TURNAROUND, TURNAROUNDDAYS.
//  - Data: the function's table range, sheet-qualified, e.g.
//    $Deliveries.D2:G20001 (RTY: the yields range).
//  - Segment by: the segment column range, e.g. $Deliveries.A2:A20001; empty =
//    no per-segment breakdown.
//  - Options: the function's remaining arguments as `Name=value` pairs
//    separated by ';' (or new lines), names as in the function table (case
//    ignored): `From=2026-01-01; LateDays=2; QtyTolerance=0.02;
//    Columns={6;8;5;7}`. Values: a number (2, 0.02, 5%), a date
//    (2026-01-01, written into the formula as the text "2026-01-01", which
//    every qkpi function accepts), a quoted text ("0000011"), an inline array
//    ({6;8;5;7}) or a reference ($Holidays.A2:A40) or a named range
//    (Holidays). Lists, Segment and Segments are not options (Data, Segment by).
//  - Target, Amber: numbers (ratios as fractions, shown as %); Direction
//    "higher" (default) or "lower"; Baseline, Start, Due: see below.
//  - Actual: the live formula built from KPI, Data and Options (actualFormula);
//    Status: =KPISTATUS(IFNA(Actual;"");Target;Direction;Amber) with the
//    possibly-empty cells wrapped as IF(ISBLANK(x);"";x).
//  - Complete: formula flagging what is missing of what (Objective),
//    resources, who (Responsible), when (Due), how evaluated (Evaluation).
//  - Check (optional; registers before it work without): written by Review,
//    Action Log and Update Actuals: "Actual differs from its Options ..." when
//    the Actual cell's formula is not the one KPI, Data, Segment by and
//    Options give (actualDiffers), else empty.
//
// As of the review date: a KPI with an as-of argument (OTIF, ONTIME, INFULL:
// To; TURNAROUND, TURNAROUNDDAYS: AsOf; KpiFacts::asOfArgument) whose Options
// do not set it is measured with it = TODAY() in the Actual, and so as of the
// review date in the review; Options that set it win.
//
// Reduction objectives ("returns value -50 % per site against last year"):
// KPI RETURNS with a Baseline. The Baseline is the value of the baseline
// span (last year's returns value) for a span as long as Start..Due; the
// Actual is then the reduction achieved so far, compared like with like:
//   REDUCTION(Baseline * elapsed share of Start..Due;
//             RETURNS(Data; ...; From=Start; To=MIN(TODAY();Due)))
// (elapsed share = (MIN(TODAY();Due) - Start + 1) / (Due - Start + 1)), so
// Target 50 % with Direction higher means "halved". The review's on-track
// check compares it with TARGETPATH(0; Target; Start; Due; review date), and
// each segment (site) is measured against its own baseline: the same span
// one year earlier (EDATE(Start;-12) .. EDATE(Due;-12)), pro rata.
// Without a Baseline, RETURNS is a plain value (usually Direction lower).
// Any other KPI with a Baseline is measured as is; the Baseline only drives
// the on-track check TARGETPATH(Baseline; Target; Start; Due; review date).
#pragma once

#include <array>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "kpi/value.h"
#include "objectives/lang.h"
#include "objectives/sheet_spec.h"

namespace qkpi::objectives {

// A cell value read from the document (XCellRange::getDataArray of the used
// area): empty, number, or text (UTF-8).
using Value = std::variant<std::monostate, double, std::string>;
using Table = std::vector<std::vector<Value>>;  // rows; row 0 = headers

// Thrown for anything the user must fix (missing register, incomplete row,
// unknown KPI/option ...): the message is shown to the user as is (in the
// language the command was given, objectives/texts.h; a few rare ones English).
struct UserError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Sheet names are the same in every UI language: formulas refer to them
// ($Objectives.$Q$2, $Deliveries.D2:G20001) and every command finds its sheets
// by them, so a document made in a German office works in an English one and
// the other way round. Only the texts on the sheets follow the language.
inline constexpr const char* kRegisterSheet = "Objectives";
inline constexpr const char* kActionLogSheet = "Action Log";

// ID, Objective, KPI, Data, Segment by, Options, Target, Direction, Amber,
// Baseline, Start, Due, Responsible, Resources, Evaluation, Review frequency,
// Actual, Status, Complete, Check.
const std::vector<std::string>& registerHeaders();
// Action ID, Objective, Finding, Action, Owner, Resources, Start, Due, Status,
// Completed, Effectiveness.
const std::vector<std::string>& actionLogHeaders();
// The same in `lang` (German: Ziel, Kennzahl ...). A sheet's headers are found
// in either language, whatever the UI language.
const std::vector<std::string>& registerHeaders(Lang lang);
const std::vector<std::string>& actionLogHeaders(Lang lang);

// The register's columns, in registerHeaders() order.
enum class Field : int {
  Id,
  Objective,
  Kpi,
  Data,
  SegmentBy,
  Options,
  Target,
  Direction,
  Amber,
  Baseline,
  Start,
  Due,
  Responsible,
  Resources,
  Evaluation,
  ReviewFrequency,
  Actual,
  Status,
  Complete,
  Check,
};
inline constexpr int kFieldCount = 20;

// One register row, every field as read.
struct Objective {
  int row = 0;  // 0-based sheet row
  // 0-based sheet column of each Field (index: static_cast<int>(Field)); -1 = no such column.
  std::array<int, kFieldCount> col = [] {
    std::array<int, kFieldCount> a{};
    a.fill(-1);
    return a;
  }();
  // Text fields (a number read from the sheet is given as its shortest text).
  std::string id, objective, kpi, data, segmentBy, options, direction, responsible, resources, evaluation,
      reviewFrequency, status, check;
  // Values as read (numbers, dates as serials, or text).
  Value target, amber, baseline, start, due, actual;
  // The Actual cell's formula as the commands read it (XCell::getFormula:
  // API grammar, add-in functions by their programmatic names); "" = not read
  // or an empty cell. Compared with actualFormula() by actualDiffers().
  std::string actualRead;
  // The register's language, by its headers (German headers: De): what qkpi
  // writes into the register (the Check column) is in it.
  Lang lang = Lang::En;

  // "G4": this row's cell of `f` on the register sheet (no sheet prefix).
  std::string cell(Field f) const;
  // "$Objectives.$G$4": the same cell from another sheet.
  std::string absCell(Field f) const;
};

// Reads the register (row 0 = headers, in any order, case and surrounding
// spaces ignored, each in English or German). UserError (in `lang`) when a
// header is missing (naming it). Rows whose ID, Objective, KPI and Data are
// all empty are skipped.
std::vector<Objective> readRegister(const Table& registerSheet, Lang lang = Lang::En);

// The live Actual formula, API grammar, e.g.
// "=OTIF($Deliveries.D2:G20001;;;\"2026-01-01\";;;2)". UserError (naming the
// row) on an unknown KPI, unknown or repeated option, a bad option value, an
// empty Data, or an option the KPI does not take.
std::string actualFormula(const Objective&, Lang lang = Lang::En);
// =KPISTATUS(IFNA(Q2;"");G2;IF(ISBLANK(H2);"";H2);IF(ISBLANK(I2);"";I2)),
// same-sheet references to the row's cells.
std::string statusFormula(const Objective&);
// The Actual and Status cells (Formula) of every objective, to write into the
// register (e.g. after the user filled KPI/Data/Options of a new row).
// UserError as actualFormula.
sheet::SheetSpec registerFormulas(const std::vector<Objective>&, Lang lang = Lang::En);

// ---- stale Actuals: the register's formula against its Options --------------
// A formula normalised for comparison: without the leading '=', white space
// and case outside text literals, and the add-in prefix ORG.QKPI.QUALITYKPI.
// that getFormula() gives qkpi functions.
std::string normalizedFormula(std::string_view formula);
// Whether two formulas mean the same by normalizedFormula.
bool sameFormula(std::string_view a, std::string_view b);
// Whether the row's Actual as read (actualRead, not empty) differs from
// actualFormula(o). A row whose KPI, Data or Options cannot be parsed counts
// as differing (actualFormula's UserError is the message of the command that
// rewrites it).
bool actualDiffers(const Objective&);
// "Q-05: Actual differs from its Options; run Update Actuals or edit the Options."
std::string actualDiffersMessage(const Objective&, Lang lang = Lang::En);
// Whether a Status cell's formula as read is neither statusFormula(o) nor the
// form a new register pre-fills (IF(ISBLANK(Actual);"";KPISTATUS(...))); an
// empty one differs.
bool statusDiffers(const Objective& o, std::string_view statusRead);
// The text the Check column shows for the row ("" = nothing to check).
// In the register's language (Objective::lang).
std::string checkText(const Objective&);
// The Check cells to write (text, or empty text to clear) where the register
// has a Check column and the cell's current text (`o.check`) differs.
std::vector<sheet::Cell> checkCells(const std::vector<Objective>&);

// What the row misses, of "what (Objective)", "resources (Resources)",
// "who (Responsible)", "when (Due)", "how evaluated (Evaluation)"; empty = complete.
std::vector<std::string> missingFields(const Objective&, Lang lang = Lang::En);

// NewRegister: an empty, finished-looking register sheet named kRegisterSheet
// (headers with comments, dropdowns, completeness and status formulas for
// the first rows, conditional formats, styles, widths, frozen header, print setup).
sheet::SheetSpec newRegister(Lang lang = Lang::En);

struct NamedRange {
  std::string name;
  std::string content;  // e.g. "$Holidays.$A$2:$A$40"
};
struct SampleData {
  std::vector<sheet::SheetSpec> sheets;  // Deliveries, Quality, Returns, Holidays, Objectives
  std::vector<NamedRange> namedRanges;
};
// SampleData: the data of the 12 months up to today plus last year's returns
// (baseline), deterministic (fixed seed) for a given todaySerial. Big data
// blocks are emitted row-major, row by row, so the writer can batch them.
// `lang`: the texts (headers, comments, the register's objectives); the
// numbers are the same in every language.
SampleData sampleData(long todaySerial, long nullDateOffset, Lang lang = Lang::En);

// Review, phase 1: per objective a formula whose value is the number of rows
// of the objective's per-segment table ("" for an objective without Segment
// by), e.g. "=ROWS(OTIFBY($Deliveries.D2:G20001;$Deliveries.A2:A20001))";
// for a KPI without a ...BY function: "=ROWS(SEGMENTS(<Segment by>))".
std::vector<std::string> segmentTableProbes(const std::vector<Objective>&, Lang lang = Lang::En);
// Review, phase 2: the sheet, given each probe's result (0 where no probe).
sheet::SheetSpec review(const std::vector<Objective>&, const std::vector<int>& segmentTableRows,
                        long todaySerial, long nullDateOffset, const std::string& sheetName,
                        Lang lang = Lang::En);

// The worst segments a finding names ("Castell Automotive 88.2%, Evergreen
// Retail 91.7%"): per objective, the segments of its per-segment table (the
// review's ...BY call) that miss the target, worst first (at most
// kWorstSegmentsNamed), or when none misses it the single worst; "(all)",
// "(blank)" and segments without a value are not named.
struct SegmentValue {
  std::string segment;
  double value = 0;
  bool operator==(const SegmentValue&) const = default;
};
inline constexpr std::size_t kWorstSegmentsNamed = 3;
// Per objective (same order): the call whose result worstSegments() reads,
// e.g. function "OTIFBY", formula
// "=OTIFBY($Deliveries.D2:G20001;$Deliveries.A2:A20001;;;DATE(2026;11;25);;2)"
// as of `todaySerial`; both "" for an objective that is not AMBER or RED
// (it gets no proposal), has no Segment by or ...BY function, is a reduction
// objective, or whose KPI does not parse (its finding says "See the review").
struct SegmentCall {
  std::string function, formula;
  bool operator==(const SegmentCall&) const = default;
};
std::vector<SegmentCall> findingSegmentCalls(const std::vector<Objective>&, long todaySerial,
                                             long nullDateOffset);
// The ...BY result's rows: the segment in the first column, the value in the last.
std::vector<SegmentValue> worstSegments(const Objective&, const Table& byResult);
std::vector<SegmentValue> worstSegments(const Objective&, const qkpi::Value& byResult);

// ActionLog: `existing` = the current "Action Log" sheet's used area (row 0 =
// headers), or nullptr when there is none. nullptr: the whole sheet plus the
// proposed rows; otherwise ONLY the cells of newly appended rows. A new log is
// in `lang`; rows appended to an existing one are in the log's language (by
// its headers), so its Status dropdown takes them. `worst`: per objective
// (same order, may be shorter or empty) the worstSegments() its finding
// names; an objective with a Segment by and none named says "See the review
// for the worst segments."
sheet::SheetSpec actionLog(const Table* existing, const std::vector<Objective>&, long todaySerial,
                           long nullDateOffset, Lang lang = Lang::En,
                           const std::vector<std::vector<SegmentValue>>& worst = {});
// An action log Status that counts as open: "Open" or "In progress" (German
// "Offen", "In Bearbeitung"; case and surrounding spaces ignored). Such an
// objective gets no new proposed action.
bool isOpenAction(std::string_view status);

// ---- sheet names (built and read back in one place, common.cpp) -------------

// `base`, or else "<base> (2)", "<base> (3)" ... : the first name not among the
// document's sheet names (compared ignoring case, as Calc does).
std::string uniqueSheetName(const std::string& base, const std::vector<std::string>& existing);
std::string isoDate(long serial, long nullDateOffset);  // "2026-11-25"
// uniqueSheetName("Review " + isoDate(today), existing): "Review 2026-11-25",
// then "Review 2026-11-25 (2)" ...
std::string reviewSheetName(long todaySerial, long nullDateOffset, const std::vector<std::string>& existing);
// The freeze option: "<review sheet name> record", made unique.
std::string frozenSheetName(const std::string& reviewSheet, const std::vector<std::string>& existing);

// The values-only record of `review` among a document's sheet names: the
// sheet "<review> record", or the last of its numbered variants
// "<review> record (n)" (the highest n) — what frozenSheetName made; nullopt: none.
std::optional<std::string> reviewRecordSheet(const std::string& review,
                                             const std::vector<std::string>& names);

// A review sheet's name read back (the inverse of reviewSheetName).
struct ReviewSheet {
  std::string date;  // "2026-11-25": four, two and two digits (not checked as a calendar date)
  int number = 1;    // 1 = the day's first review, n = "... (n)"
  bool operator==(const ReviewSheet&) const = default;
};
// "Review 2026-11-25" -> {"2026-11-25", 1}; "Review 2026-11-25 (3)" -> {.., 3}.
// nullopt for any other name: other case, extra text or spaces, a frozen
// record ("... record"), a number that does not fit an int.
std::optional<ReviewSheet> parseReviewSheetName(std::string_view name);
// The newest review sheet among `names` (a document's sheet names): the latest
// date, then the highest number; of equal ones the first. nullopt: none.
std::optional<std::string> latestReviewSheet(const std::vector<std::string>& names);

}  // namespace qkpi::objectives
