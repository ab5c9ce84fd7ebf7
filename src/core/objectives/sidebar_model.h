// The sidebar deck "Quality Objectives" as plain data (no UNO): what each of
// its three panels shows, built from the document's tables. src/sidebar only
// reads the document into objectives::Table, calls these functions and draws
// the result; every text, colour, count and formula comes from here.
//
//  - Objectives: one line per register row (ID, short name, the Actual and
//    Target as the register shows them, the status as colour AND word).
//  - Actions: the open and overdue actions of the "Action Log" and the next
//    due date; the labels of the command buttons (org.qkpi:* URLs).
//  - Insert KPI: the functions a user may insert, their main options, and the
//    formula built from the user's inputs — the same formula text the
//    register's Actual would use (parseKpi/renderCall), so a user could type it.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kpi/function_table.h"
#include "objectives/objectives.h"

namespace qkpi::objectives::sidebar {

// The panel texts' language: "de" for a German UI, anything else = English.
// From a BCP 47 tag such as "de-DE" (the office's UI locale).
std::string panelLanguage(std::string_view uiLocale);

// One fixed panel text in the panel language. `key` is one of the keys in
// sidebar_model.cpp (e.g. "no-register"); an unknown key is returned as is.
std::string text(std::string_view key, std::string_view language);

// ---- Objectives panel -----------------------------------------------------------

enum class Light { Green, Amber, Red, Grey };

struct ObjectiveLine {
  int row = 0;                 // 0-based register row (to select it)
  std::string id;              // "Q-01"
  std::string name;            // short name: the Objective text cut at a word (max. kShortName characters)
  std::string fullName;        // the whole Objective text (tooltip)
  std::string actual, target;  // as the register shows them ("95.4 %"); "–" when empty
  Light light = Light::Grey;
  std::string code;        // the KPISTATUS code "GREEN" ... (the register's Status, in every language)
  std::string statusWord;  // the status in words: "GREEN" (en, the code itself) / "grün" (de)
  std::string chip;        // the chip's text: the code, and in German the word below it ("AMBER\ngelb")
  std::uint32_t background = 0, foreground = 0;  // 0xRRGGBB of the status chip
  // The Actual formula differs from the one its KPI, Data and Options give now
  // (objectives::actualDiffers, the review's stale-Actual check): its value,
  // and the status computed from it, are not what the row asks for.
  bool stale = false;
  std::string staleNote;  // "Actual is stale: run Update Actuals" ("" when not stale)
};
inline constexpr std::size_t kShortName = 28;  // characters (UTF-8 code points)

struct ObjectivesView {
  bool hasRegister = false;  // false: offer "Insert sample data" and "New register"
  std::string message;       // shown above the lines (no register, a bad header, no rows ...); "" = none
  std::vector<ObjectiveLine> lines;
  int green = 0, amber = 0, red = 0, grey = 0, stale = 0;
  std::string summary;  // "3 objectives: 1 GREEN, 1 AMBER, 1 RED; 1 stale Actual"
};

// How the register shows a cell: (0-based sheet row, column) -> its text.
using ShownText = std::function<std::string(int row, int col)>;

// `reg`: the register sheet's values (row 0 = headers), or nullptr when the
// document has no "Objectives" sheet. `shown` gives the formatted text of
// the Actual and Target cells (called only for those). `formula` gives the
// formula of an Actual cell as XCell::getFormula returns it ("" when empty;
// called only for the Actual cells): with it, a stale Actual is marked; without
// (an empty function) nothing is marked stale.
ObjectivesView objectivesView(const Table* reg, const ShownText& shown, std::string_view language,
                              const ShownText& formula = {});

// Light of a KPISTATUS code as the register's Status cell holds it (case and
// spaces ignored); anything else (empty, an error, another text) is Grey.
Light lightOf(std::string_view status);
// Chip colours, the same hues as the register's conditional formats.
std::uint32_t lightBackground(Light);
std::uint32_t lightForeground(Light);
// The KPISTATUS code: "GREEN", "AMBER", "RED", "GREY" (the same in every language).
std::string lightCode(Light);
// The status in words: en the code itself; de "grün", "gelb", "rot", "grau".
std::string lightWord(Light, std::string_view language);
// How the panel names a status: the code, and in German the word after it
// ("GREEN" / "AMBER (gelb)"): the code stays the register's, the word is
// what a German reader says.
std::string lightLabel(Light, std::string_view language);

// The short name: `s` trimmed, cut at the last space before `max` code points
// (or at `max` when there is none) with "…" appended.
std::string shortName(std::string_view s, std::size_t max = kShortName);

// ---- Actions panel --------------------------------------------------------------

struct ActionButton {
  std::string command;  // "SampleData": the URL is "org.qkpi:" + command
  std::string label;    // "Sample Data" / "Beispieldaten"
  std::string help;     // tooltip
};
// SampleData, NewRegister, Review, ReviewRecord, ActionLog, UpdateActuals, Explain, ExportPdf (the menu's
// commands).
std::vector<ActionButton> actionButtons(std::string_view language);

struct ActionSummary {
  bool hasLog = false;
  int open = 0;                 // Status Open or In progress (the action log's own rule)
  int overdue = 0;              // open with a Due date before today
  std::optional<long> nextDue;  // earliest Due, today or later, of an open action
};
// `log`: the "Action Log" sheet's values (row 0 = headers) or nullptr. Columns
// found by their headers (actionLogHeaders()), in any order.
ActionSummary actionSummary(const Table* log, long todaySerial, long nullDateOffset);
// "2 open actions, 1 overdue. Next due: 2026-12-01." / "No action log yet."
std::string describe(const ActionSummary&, long nullDateOffset, std::string_view language);

// The line shown after a command ran: "Review: <message>" / "Review failed: <message>".
std::string outcomeLine(std::string_view commandLabel, bool ok, std::string_view message,
                        std::string_view language);

// ---- Insert KPI panel -----------------------------------------------------------

// The functions Insert KPI offers: those a register row may name (KpiFacts), table order.
std::vector<const FunctionSpec*> insertableFunctions();

// The main options of `fn` shown as fields: its arguments after Data, except
// Segments, Segment, From, To and Columns (those have fields of their own or
// keep their default).
struct OptionField {
  std::string name;  // the argument name ("LateDays")
  std::string help;  // argumentDescription in the panel language
};
std::vector<OptionField> optionFields(const FunctionSpec& fn, std::string_view language);

// The preview of a value of `fn`: a ratio as "95.4 %", days as "3.2", an amount as "1234.50"
// ("95,4 %" ... in German), whatever the C library's locale.
std::string previewText(double value, const FunctionSpec& fn, std::string_view language);

struct KpiInputs {
  std::string function;  // "OTIF"
  std::string data;      // "$Deliveries.D2:G20001" (also "Deliveries.D2:G20001", "D2:G200")
  std::string segments;  // the segment column, or ""
  std::string segment;   // the segment value to keep ("North", "7"), or ""
  std::string from, to;  // "2026-01-01", a date cell reference, or ""
  std::vector<std::pair<std::string, std::string>> options;  // (name, value as typed), "" = default
};
struct KpiFormula {
  std::string formula;  // "=OTIF($Deliveries.D2:G20001;$Deliveries.A2:A20001;\"North\";\"2026-01-01\")"
  std::string error;    // what to fix ("" when formula is set), in the panel language as the register says it
  // The number format code (en-US) the register gives such a value, for a
  // fraction (a ratio KPI: "0.00%", the "qkpi Percent" style); "" = leave the cell's format.
  std::string numberFormat;
};
// A range as typed into a range field, read as the register reads its Data
// column ("$Deliveries.A2:D20001", "Deliveries.A2:A9", "'My sheet'.A2:A9", a
// named range). Whether that sheet or name exists is the document's question:
// src/sidebar asks it and says kpi-no-sheet / kpi-no-name.
struct RangeCheck {
  std::string reference;  // normalised ("$Deliveries.A2:D20001"); "" when not a range
  std::string sheet;      // its sheet ("Deliveries"); "" for a named range
  bool named = false;     // a named range
  int columns = 0;        // columns of a cell range (0 for a name)
  std::string problem;    // "" = fine; else what to fix, in the panel language
};
// `oneColumn`: the field wants one column (the segment column). An empty field is fine.
RangeCheck checkRange(std::string_view typed, bool oneColumn, std::string_view language);

// The formula of the inputs, built as the register builds its Actual
// (parseKpi + renderCall: same option syntax, same checks); errors in `language`.
KpiFormula kpiFormula(const KpiInputs&, std::string_view language);

}  // namespace qkpi::objectives::sidebar
