// The command interface: what each org.qkpi:* command gets (Env) and returns
// (Outcome), the table of the commands, and the one way a command writes
// a sheet spec (writeSpec: the core's row layout, then the writer).
//
// A command reads the document into plain tables, calls the pure sheet specs
// of objectives/objectives.h and writes them. One that changes the document
// does it in one UndoStep (undo_step.hxx), so a failure leaves nothing
// half-written. It throws objectives::UserError for anything the user must
// fix (the message is shown as is); the protocol handler turns that and any
// other exception into a failed Outcome.
#pragma once

#include <com/sun/star/frame/XController.hpp>
#include <com/sun/star/sheet/XSpreadsheet.hpp>
#include <com/sun/star/sheet/XSpreadsheetDocument.hpp>
#include <com/sun/star/uno/Reference.hxx>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <string_view>

#include "dispatch_args.hxx"
#include "message.hxx"
#include "objectives/lang.h"
#include "objectives/sheet_spec.h"
#include "writer.hxx"

namespace qkpi::commands {

struct Env {
  Reference<css::uno::XComponentContext> ctx;
  Reference<css::sheet::XSpreadsheetDocument> doc;  // a Calc document
  Reference<css::frame::XController> controller;
  long nullDate = 0;  // the document's, days from 1899-12-30
  long today = 0;     // serial: the Date argument or the local date
  DispatchArgs args;
  bool silent = false;  // the Silent argument: no dialog of any kind
  // The UI language (ui_language.hxx): new sheets' texts and the messages.
  objectives::Lang lang = objectives::Lang::En;
  // The command's menu path, a catalogue key (Command::menu): what a refusal tells the user to run again.
  const char* menu = "";
};

using CommandFn = Outcome (*)(const Env&);
struct Command {
  const char* name;  // the URL is "org.qkpi:" + name
  const char* menu;  // its menu path, a catalogue key: "Quality Objectives > Review"
  CommandFn run;
};
// SampleData, NewRegister, Review, ReviewRecord, UpdateActuals, ActionLog, ExportPdf, Explain, Help;
// nullptr for any other name.
const Command* findCommand(std::string_view name);

// Sets spec.rowLayout to objectives::rowLayout(spec), then applySpec.
Reference<css::sheet::XSpreadsheet> writeSpec(const Reference<css::sheet::XSpreadsheetDocument>& doc,
                                              sheet::SheetSpec& spec, Target target);

// The commands (cmd_*.cxx).
Outcome sampleDataCommand(const Env& e);
Outcome newRegisterCommand(const Env& e);
Outcome reviewCommand(const Env& e);
Outcome reviewRecordCommand(const Env& e);  // Review with its values-only record (Freeze)
Outcome actionLogCommand(const Env& e);
Outcome exportPdfCommand(const Env& e);
Outcome updateActualsCommand(const Env& e);
Outcome explainCommand(const Env& e);
Outcome helpCommand(const Env& e);

// The URL of a qkpi help page (cmd_help.cxx: "index", or a function's name) for a UI language tag
// ("de-DE" gives the German page).
OUString helpIndexUrl(const std::string& uiLocaleTag, const std::string& page = "index");

}  // namespace qkpi::commands
