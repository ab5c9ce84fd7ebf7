// The command table and writeSpec (see command.hxx).
#include "command.hxx"

#include "objectives/layout.h"

namespace qkpi::commands {

namespace {
const Command kCommands[] = {
    {"SampleData", "Quality Objectives > Sample Data", sampleDataCommand},
    {"NewRegister", "Quality Objectives > New Register", newRegisterCommand},
    {"Review", "Quality Objectives > Review", reviewCommand},
    {"ReviewRecord", "Quality Objectives > Review (record)", reviewRecordCommand},
    {"UpdateActuals", "Quality Objectives > Update Actuals", updateActualsCommand},
    {"ActionLog", "Quality Objectives > Action Log", actionLogCommand},
    {"ExportPdf", "Quality Objectives > Export Review as PDF", exportPdfCommand},
    {"Explain", "Quality Objectives > Explain Selected KPI", explainCommand},
    {"Help", "Quality Objectives > Help", helpCommand},
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
