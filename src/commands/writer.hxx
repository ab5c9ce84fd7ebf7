// The one writer: applies a qkpi::sheet::SheetSpec to a Calc document through
// UNO, exactly as the spec says. It decides nothing: no KPI rule, no sheet
// layout, no row heights (those come in the spec from src/core, the row layout
// in spec.rowLayout from objectives/layout.h). Reading the document is in
// document.hxx.
#pragma once

#include <com/sun/star/frame/XController.hpp>
#include <com/sun/star/sheet/XSpreadsheet.hpp>
#include <com/sun/star/sheet/XSpreadsheetDocument.hpp>
#include <com/sun/star/uno/Reference.hxx>

#include "objectives/sheet_spec.h"
#include "strings.hxx"

namespace qkpi::commands {

using css::uno::Reference;

enum class Target {
  NewSheet,    // create sheet spec.name at the end; the name must be free (the
               // writer never overwrites a sheet: callers pick unique names)
  FreshSheet,  // sheet spec.name was just created empty by the caller
  Append,      // the existing sheet spec.name (the action log): cells, styles,
               // validations, conditional formats, comments, print range, row
               // layout, and the sheet's own page style when the spec has a
               // page frame; column widths, tab colour and charts are left alone
};

// Applies `spec` to the document. Cell text is always written as text
// (setString / setDataArray strings), never interpreted. Big blocks of
// Text/Number cells on new sheets go through setDataArray. Throws
// css::uno::RuntimeException on a malformed spec (bad range, taken name).
Reference<css::sheet::XSpreadsheet> applySpec(const Reference<css::sheet::XSpreadsheetDocument>& doc,
                                              const sheet::SheetSpec& spec, Target target);

// View settings of a written sheet (frozen header): needs a controller (a
// document loaded with a view, also hidden); does nothing without one.
void applyView(const Reference<css::frame::XController>& controller,
               const Reference<css::sheet::XSpreadsheet>& sheet, const sheet::SheetSpec& spec);
// Makes `sheet` the active sheet of the view, if there is one.
void activate(const Reference<css::frame::XController>& controller,
              const Reference<css::sheet::XSpreadsheet>& sheet);

}  // namespace qkpi::commands
