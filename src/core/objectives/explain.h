// Explain <sheet> <cell>: why a qkpi record function has the value it has,
// row by row. Pure model (no UNO): src/commands/cmd_explain.cxx reads the
// selected cell's formula and the cells its arguments refer to, this file
// does the rest.
//
//  1. parseExplainCall(): finds, in a cell formula, the first call of a
//     function that can be explained (FunctionSpec::explain: OTIF, ONTIME,
//     INFULL, OTIFQTY, OTIFORDERS, OTIFREASONS, RFT, RFTJOBS, RETURNS,
//     TURNAROUND, TURNAROUNDDAYS), directly (=OTIF(...)), by its programmatic
//     name as getFormula() gives it (=ORG.QKPI.QUALITYKPI.OTIF(...)) or
//     inside other calls and operators (IFNA(OTIF(...);""), the register's
//     REDUCTION(...;RETURNS(...))). Its arguments are parsed as expressions:
//     references (A1, $Sheet.A1:B9, $'My sheet'.A1), named ranges, numbers,
//     "text", TRUE/FALSE, DATE(y;m;d), TODAY(), MIN/MAX of those, inline
//     arrays {6;8;5;7}. Anything else is a UserError naming the argument
//     (nothing is ever evaluated in a cell of the user's).
//  2. The command resolves ExplainCall::references into CellBlocks (values and
//     cell types: a text where a number or date is expected is listed).
//  3. explainSheet(): the arguments as the function receives them from Calc
//     (the same conversion as src/uno: an empty single cell is 0, an empty
//     cell of a range ""), the function's value (kpi evaluate), its
//     per-row judgements (kpi explain, the same rules) and the sheet.
//
// The sheet: a title, the formula, the value, the resolved arguments, the
// counts (rows, counted, succeeded, failed by reason, left out by reason,
// other segment, bad data, text cells, the function's totals), then one row
// per failed, counted (RETURNS), left-out or bad-data row and per row with a
// text cell in a field (never the rows of another segment; left-out rows
// whose fields are all empty are counted only): Row (the data sheet's row
// number as a HYPERLINK to it), Status, Reason, the fields, the detail
// (days late, working days ...), the row's segment and order. At most
// kExplainMaxListed rows are listed, with a note; the counts are complete.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kpi/function_table.h"
#include "objectives/lang.h"
#include "objectives/sheet_spec.h"

namespace qkpi::objectives {

inline constexpr std::size_t kExplainMaxListed = 50000;

// One parsed expression of a formula.
struct Expr {
  enum class Kind : std::uint8_t {
    Empty,   // an argument left out: ;;
    Number,  // 2, 0.02, 5%
    Text,    // "2026-01-01"
    Bool,    // TRUE, FALSE
    Ref,     // a cell or range reference (ref)
    Name,    // a named range (text = the name)
    Call,    // NAME(args): text = the upper-case name without the add-in prefix
    Array,   // {1;2|3;4}: rows of elements
    Neg,     // -x (args[0])
    Other,   // anything else (operators ...); args = the operands found inside
  };
  Kind kind = Kind::Empty;
  double number = 0;
  std::string text;
  std::vector<Expr> args;
  std::vector<std::vector<Expr>> rows;
  std::string source;  // the expression's text in the formula, trimmed
  // Ref: the sheet ("" = the formula's own sheet) and the 0-based block.
  std::string sheet;
  int firstRow = 0, firstCol = 0, lastRow = 0, lastCol = 0;
};

// A reference an argument needs: resolved by the command into a CellBlock.
struct ExplainRef {
  std::string source;  // as written, e.g. "$Deliveries.D2:G20001", "Holidays"
  bool isName = false;
  std::string sheet;  // "" = the formula's sheet (not for names)
  int firstRow = 0, firstCol = 0, lastRow = 0, lastCol = 0;
};

struct ExplainCall {
  const FunctionSpec* fn = nullptr;
  std::string callText;                // "OTIF($Deliveries.D2:G20001;;;DATE(2026;1;1))", as written
  std::vector<Expr> args;              // one per argument written (maybe fewer than fn->args)
  std::vector<ExplainRef> references;  // every Ref/Name inside args, in order, without repeats
};

// The cell the user asked about.
struct ExplainSource {
  std::string sheet;
  int row = 0, col = 0;  // 0-based
  std::string formula;   // XCell::getFormula ("" = no formula)
};

// UserError saying what Explain can explain when the formula calls no such
// function; UserError naming the argument when one cannot be read.
ExplainCall parseExplainCall(const ExplainSource& source, Lang lang = Lang::En);

// The values and cell types of a referenced block, row-major.
struct CellBlock {
  enum Kind : std::uint8_t { Empty, Number, Text, Error };
  std::string sheet;  // the sheet the block is on
  int firstRow = 0, firstCol = 0, rows = 0, cols = 0;
  std::vector<double> numbers;      // Number cells; 0 for the others
  std::vector<std::uint8_t> kinds;  // Kind per cell
  // The text of Text cells (and the shown error of Error cells), by cell index, ascending.
  std::vector<std::pair<std::size_t, std::string>> texts;
  const std::string* textAt(std::size_t index) const;
};

// The first call of `fn` (any function of the table) in a formula the
// workflow built, e.g. the review's per-segment "=OTIFBY(...)"; the same
// expressions as parseExplainCall. std::invalid_argument when the formula has
// no such call or cannot be read (a defect of the caller, not the user's).
ExplainCall parseCallOf(std::string_view formula, const FunctionSpec& fn);

// The name of the first function of the table (any qkpi function, e.g. "OTIF"
// or "KPISTATUS") that `formula` calls, directly or inside other calls
// (=IFNA(OTIF(...);""), =ORG.QKPI.QUALITYKPI.RFT(...)); nullopt when it calls
// none or cannot be read. For context help.
std::optional<std::string> firstQkpiFunction(std::string_view formula);

// "Explain Objectives Q3" (then made unique by the caller with uniqueSheetName).
std::string explainSheetBase(const ExplainSource& source);

struct ExplainResult {
  sheet::SheetSpec spec;
  std::string message;  // for the user: what was explained, the main counts
  std::size_t listed = 0;
};

// The sheet `sheetName` for the call. `blocks[i]` is references[i]'s block.
// `today` (TODAY() in arguments) and the null date are the document's.
// UserError when an argument is not what the function takes (the formula
// shows Err:502) or a block is missing.
// The call's value as the function gives it in the cell: the arguments as Calc
// hands them to the add-in (the same conversion as explainSheet), then kpi
// evaluate. Throws UserError for an argument it cannot read, and the
// function's ArgumentError / DataError as they are.
qkpi::Value evaluateCall(const ExplainCall& call, const std::vector<CellBlock>& blocks, long today,
                         long nullDateOffset, Lang lang = Lang::En);

ExplainResult explainSheet(const ExplainCall& call, const std::vector<CellBlock>& blocks,
                           const ExplainSource& source, long today, long nullDateOffset,
                           const std::string& sheetName, Lang lang = Lang::En);

}  // namespace qkpi::objectives
