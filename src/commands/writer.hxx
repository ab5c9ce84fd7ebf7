// The one writer that applies a qkpi::sheet::SheetSpec to a Calc document
// through UNO, and the few document reads the commands need. No KPI rule and
// no sheet layout here: those are in src/core (objectives.h, sheet_spec.h).
#pragma once

#include <com/sun/star/frame/XController.hpp>
#include <com/sun/star/sheet/XSpreadsheet.hpp>
#include <com/sun/star/sheet/XSpreadsheetDocument.hpp>
#include <com/sun/star/uno/Reference.hxx>
#include <rtl/ustring.hxx>
#include <string>
#include <vector>

#include "objectives/objectives.h"
#include "objectives/sheet_spec.h"

namespace qkpi::commands {

using css::uno::Reference;
using rtl::OUString;

OUString u(const std::string& utf8);
std::string utf8(const OUString& s);

enum class Target {
  NewSheet,    // create sheet spec.name at the end; the name must be free (the
               // writer never overwrites a sheet: callers pick unique names)
  FreshSheet,  // sheet spec.name was just created empty by the caller
  Append,      // the existing sheet spec.name (the action log): cells, styles,
               // validations, conditional formats, comments, print range; column
               // widths, tab colour, page style and charts are left alone
};

// Applies `spec` to the document. Cell text is always written as text
// (setString / setDataArray strings), never interpreted. Big blocks of
// Text/Number cells on new sheets go through setDataArray.
Reference<css::sheet::XSpreadsheet> applySpec(const Reference<css::sheet::XSpreadsheetDocument>& doc,
                                              const sheet::SheetSpec& spec, Target target);

// View settings of a written sheet (frozen header): needs a controller (a
// document loaded with a view, also hidden); does nothing without one.
void applyView(const Reference<css::frame::XController>& controller,
               const Reference<css::sheet::XSpreadsheet>& sheet, const sheet::SheetSpec& spec);
// Makes `sheet` the active sheet of the view, if there is one.
void activate(const Reference<css::frame::XController>& controller,
              const Reference<css::sheet::XSpreadsheet>& sheet);

// ---- reading ---------------------------------------------------------------

// The document's NullDate as days from 1899-12-30.
long nullDateOffset(const Reference<css::sheet::XSpreadsheetDocument>& doc);
std::vector<std::string> sheetNames(const Reference<css::sheet::XSpreadsheetDocument>& doc);
bool hasSheet(const Reference<css::sheet::XSpreadsheetDocument>& doc, const std::string& name);
Reference<css::sheet::XSpreadsheet> sheetByName(const Reference<css::sheet::XSpreadsheetDocument>& doc,
                                                const std::string& name);
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

}  // namespace qkpi::commands
