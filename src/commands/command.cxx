// The command table and writeSpec (see command.hxx).
#include "command.hxx"

#include "objectives/layout.h"

namespace qkpi::commands {

namespace {
const Command kCommands[] = {
    {"SampleData", sampleDataCommand},
    {"NewRegister", newRegisterCommand},
    {"Review", reviewCommand},
    {"ReviewRecord", reviewRecordCommand},
    {"UpdateActuals", updateActualsCommand},
    {"ActionLog", actionLogCommand},
    {"ExportPdf", exportPdfCommand},
    {"Explain", explainCommand},
    {"Help", helpCommand},
};
}  // namespace

const Command* findCommand(std::string_view name) {
  for (const Command& c : kCommands)
    if (name == c.name) return &c;
  return nullptr;
}

Reference<css::sheet::XSpreadsheet> writeSpec(const Reference<css::sheet::XSpreadsheetDocument>& doc,
                                              sheet::SheetSpec& spec, Target target) {
  spec.rowLayout = objectives::rowLayout(spec);
  return applySpec(doc, spec, target);
}

}  // namespace qkpi::commands
