// Reading a Calc document into the plain values of the core (objectives::Table,
// sheet names, the null date) and the few document-level steps every command
// shares. Nothing here writes a sheet spec (writer.hxx) or decides a rule.
#pragma once

#include <com/sun/star/sheet/XNamedRanges.hpp>
#include <com/sun/star/sheet/XSpreadsheet.hpp>
#include <com/sun/star/sheet/XSpreadsheetDocument.hpp>
#include <com/sun/star/uno/Reference.hxx>
#include <string>
#include <vector>

#include "objectives/objectives.h"
#include "objectives/sheet_spec.h"
#include "objectives/texts.h"
#include "strings.hxx"

namespace qkpi::commands {

using css::uno::Reference;

// The document's NullDate as days from 1899-12-30.
long nullDateOffset(const Reference<css::sheet::XSpreadsheetDocument>& doc);
std::vector<std::string> sheetNames(const Reference<css::sheet::XSpreadsheetDocument>& doc);
bool hasSheet(const Reference<css::sheet::XSpreadsheetDocument>& doc, const std::string& name);
// The sheet, or an empty reference when there is none of that name.
Reference<css::sheet::XSpreadsheet> sheetByName(const Reference<css::sheet::XSpreadsheetDocument>& doc,
                                                const std::string& name);
Reference<css::sheet::XNamedRanges> namedRanges(const Reference<css::sheet::XSpreadsheetDocument>& doc);

// The computed values of A1 .. the end of the used area (row 0 = row 1 of the
// sheet). Empty cells and "" are std::monostate; error cells are their text
// ("#N/A", "Err:502" ...).
objectives::Table readTable(const Reference<css::sheet::XSpreadsheet>& sheet);
// Values of formulas evaluated one after another in cell A1 of `scratch` (an
// empty sheet the caller just created; A1 is cleared again). A probe "" or an
// error gives 0.
std::vector<int> evaluateProbes(const Reference<css::sheet::XSpreadsheet>& scratch,
                                const std::vector<std::string>& formulas);
// Same as the spec with every Formula / ArrayFormula cell replaced by the value
// it shows on `live` (the sheet written from `spec`): the frozen record.
sheet::SheetSpec valuesOnly(const sheet::SheetSpec& spec, const Reference<css::sheet::XSpreadsheet>& live,
                            const std::string& newName);

// Recalculates when the document's AutoCalculate is off (so values read are current).
void recalcIfManual(const Reference<css::sheet::XSpreadsheetDocument>& doc);
// A never-saved document whose only sheet is untouched (the "Sheet1" of
// File > New), or an empty reference: SampleData replaces it.
Reference<css::sheet::XSpreadsheet> untouchedDefaultSheet(
    const Reference<css::sheet::XSpreadsheetDocument>& doc);

// ---- protection: qkpi writes only where the user could type ----
// Calc's API writes into protected sheets and inserts sheets into a document
// whose structure is protected; the commands check first and refuse with a
// UserError (naming the sheet, what qkpi would write and how to go on).
bool isSheetProtected(const Reference<css::sheet::XSpreadsheet>& sheet);
// Whether a cell of a protected sheet is locked (Format Cells > Cell Protection);
// false on a sheet that is not protected.
bool isCellLocked(const Reference<css::sheet::XSpreadsheet>& sheet, int col, int row);
// UserError: 'The sheet "<sheet>" is protected, so qkpi cannot <what>. Remove the
// protection (Tools > Protect Sheet) and run <command> again. Nothing was changed.',
// in `lang`: `what` is in `lang` already, `command` is the menu path as a
// catalogue key ("Quality Objectives > Review").
[[noreturn]] void refuseProtectedSheet(const std::string& sheet, const std::string& what,
                                       const std::string& command, objectives::Lang lang);
bool isStructureProtected(const Reference<css::sheet::XSpreadsheetDocument>& doc);
// UserError when the document's structure is protected (Tools > Protect
// Spreadsheet Structure: no sheet may be added or removed); `what` = what qkpi
// would do, e.g. 'add the sheet "Review 2026-11-25"'.
void refuseIfStructureProtected(const Reference<css::sheet::XSpreadsheetDocument>& doc,
                                const std::string& what, const std::string& command, objectives::Lang lang);

// The register sheet; objectives::UserError (how to create one) when there is none.
Reference<css::sheet::XSpreadsheet> requireRegister(const Reference<css::sheet::XSpreadsheetDocument>& doc,
                                                    objectives::Lang lang = objectives::Lang::En);
// Each objective's Actual formula (Objective::actualRead) as the register holds it.
void readActualFormulas(const Reference<css::sheet::XSpreadsheet>& reg,
                        std::vector<objectives::Objective>& objs);
// The register's objectives (with their Actual formulas), read after a recalculation if needed; UserError
// when there is no register or no objective in it.
// `lang`: the messages' language (the register's headers are read in either).
std::vector<objectives::Objective> readObjectives(const Reference<css::sheet::XSpreadsheetDocument>& doc,
                                                  objectives::Lang lang = objectives::Lang::En);

}  // namespace qkpi::commands
