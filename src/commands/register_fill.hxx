// The register's Actual and Status formulas that are missing in objective rows
// the user added by hand (a typed-in row has no Actual, and beyond the
// pre-filled rows no Status either). Review and ActionLog fill them first, in
// their own undo step, so such a row is reviewed and gets its proposed action.
// Only EMPTY cells are filled; a cell with anything in it (an edited formula,
// a value, a text) is never changed.
#pragma once

#include <com/sun/star/sheet/XSpreadsheetDocument.hpp>
#include <com/sun/star/uno/Reference.hxx>
#include <string>
#include <vector>

#include "objectives/objectives.h"
#include "objectives/sheet_spec.h"
#include "objectives/texts.h"
#include "undo_step.hxx"

namespace qkpi::commands {

struct RegisterFill {
  std::vector<sheet::Cell> cells;    // Formula cells of the register sheet
  std::vector<sheet::Style> styles;  // the qkpi styles those cells use
  int actuals = 0, statuses = 0;
  std::vector<std::string> rows;  // the objectives filled in: ID, or "row N"
};

// Pure reading: what is to be filled. Throws the UserError of
// objectives::actualFormula (unknown KPI, bad option ...) for a row whose
// Actual is to be filled, before anything changes.
RegisterFill missingRegisterFormulas(const css::uno::Reference<css::sheet::XSpreadsheetDocument>& doc,
                                     const std::vector<objectives::Objective>& objs, objectives::Lang lang);

// The register's Check column (objectives::checkCells: the cells whose text
// changes, none without a Check column) and in `rows` the message of every
// row whose Actual differs from its Options
// ("Q-05: Actual differs from its Options; run Update Actuals or edit the Options.").
RegisterFill registerCheck(const std::vector<objectives::Objective>& objs,
                           objectives::Lang lang = objectives::Lang::En);
// The check's messages, each with a leading space; "" when every Actual matches.
std::string checkMessage(const RegisterFill& check);

// Writes the fill into the register (each cell registered with `step`: an
// empty cell as filled, any other as replaced; Text cells as text),
// recalculates and returns the register read again, so computed Actuals and
// Statuses are current.
std::vector<objectives::Objective> applyRegisterFill(
    const css::uno::Reference<css::sheet::XSpreadsheetDocument>& doc, UndoStep& step,
    const RegisterFill& fill);

// Whether a cell of the fill is locked on a protected register (a cell the
// user could not type into either; isCellLocked).
bool fillLocked(const css::uno::Reference<css::sheet::XSpreadsheetDocument>& doc, const RegisterFill& fill);
// UserError (refuseProtectedSheet) when fillLocked: "... so qkpi cannot add
// 1 Actual formula and 1 Status formula (H-1) ...", in `lang`; `command` is
// the menu path as a catalogue key ("Quality Objectives > Review").
enum class FillVerb { Add, Rewrite };
void refuseIfFillLocked(const css::uno::Reference<css::sheet::XSpreadsheetDocument>& doc,
                        const RegisterFill& fill, FillVerb verb, const std::string& command,
                        objectives::Lang lang);
// Said instead of writing the Check column into a protected register, with a leading space.
std::string checkNotWrittenMessage(objectives::Lang lang = objectives::Lang::En);

// The sentence the command appends to its message, with a leading space:
// " Added 1 Actual formula and 1 Status formula to the register "Objectives" (H-1)."
// "" when nothing was filled.
std::string fillMessage(const RegisterFill& fill, objectives::Lang lang = objectives::Lang::En);

}  // namespace qkpi::commands
