// org.qkpi:NewRegister: an empty register sheet "Objectives"; an existing
// register is never replaced (a notice says so, nothing changes).
#include <string>

#include "command.hxx"
#include "document.hxx"
#include "undo_step.hxx"

namespace qkpi::commands {

Outcome newRegisterCommand(const Env& e) {
  if (Reference<css::sheet::XSpreadsheet> reg = sheetByName(e.doc, objectives::kRegisterSheet); reg.is()) {
    activate(e.controller, reg);
    return {
        true,
        objectives::trf(
            e.lang,
            "The register \"{1}\" exists already and was left as it is (qkpi never replaces a register). Add your objectives as new rows there.",
            {objectives::kRegisterSheet}),
        true};
  }
  sheet::SheetSpec spec = objectives::newRegister(e.lang);
  refuseIfStructureProtected(e.doc, objectives::trf(e.lang, "add the sheet \"{1}\"", {spec.name}), e.menu,
                             e.lang);
  UndoStep step(e.doc, objectives::tr(e.lang, "qkpi: New Register"));
  step.creatingSheet(spec.name);
  Reference<css::sheet::XSpreadsheet> sh = writeSpec(e.doc, spec, Target::NewSheet);
  step.commit();
  applyView(e.controller, sh, spec);
  activate(e.controller, sh);
  return {true, objectives::trf(e.lang, "Created the register \"{1}\".", {spec.name}), false};
}

}  // namespace qkpi::commands
