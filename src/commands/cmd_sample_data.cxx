// org.qkpi:SampleData: the sample sheets (Deliveries, Quality, Returns,
// Holidays, the register) and the named range Holidays, in one undo step.
// Refused, changing nothing, when any of those names is taken; the untouched
// default sheet of a new document is replaced.
#include <com/sun/star/container/XNamed.hpp>
#include <com/sun/star/sheet/XSpreadsheets.hpp>
#include <com/sun/star/table/CellAddress.hpp>
#include <string>
#include <vector>

#include "command.hxx"
#include "document.hxx"
#include "undo_step.hxx"

namespace qkpi::commands {

using namespace css;
using css::uno::UNO_QUERY_THROW;
using objectives::UserError;

namespace {

std::vector<std::string> sheetNamesOf(const objectives::SampleData& data) {
  std::vector<std::string> all;
  for (const sheet::SheetSpec& s : data.sheets) all.push_back(s.name);
  return all;
}

// UserError naming the sheets and named ranges of the sample the document has already.
void refuseIfTaken(const Env& e, const objectives::SampleData& data) {
  std::vector<std::string> taken;
  for (const sheet::SheetSpec& s : data.sheets)
    if (hasSheet(e.doc, s.name)) taken.push_back(s.name);
  Reference<css::sheet::XNamedRanges> names = namedRanges(e.doc);
  std::vector<std::string> takenNames;
  for (const objectives::NamedRange& n : data.namedRanges)
    if (names->hasByName(u(n.name))) takenNames.push_back(n.name);
  if (taken.empty() && takenNames.empty()) return;
  using objectives::tr, objectives::trf;
  const objectives::Lang l = e.lang;
  std::string needs = joinNames(sheetNamesOf(data), e.lang);
  if (!data.namedRanges.empty())
    needs += trf(l, " and the named range \"{1}\"", {data.namedRanges.front().name});
  std::string has;
  if (!taken.empty())
    has = trf(l, taken.size() == 1 ? "the sheet {1}" : "the sheets {1}", {joinNames(taken, l)});
  if (!taken.empty() && !takenNames.empty()) has += " " + tr(l, "and") + " ";
  if (!takenNames.empty()) has += trf(l, "the named range {1}", {joinNames(takenNames, l)});
  throw UserError(trf(
      l,
      "Sample data not added: it needs the sheets {1}, but this document already has {2}. Nothing was changed. Open a new spreadsheet (File > New > Spreadsheet) and run Sample Data there.",
      {needs, has}));
}

}  // namespace

Outcome sampleDataCommand(const Env& e) {
  objectives::SampleData data = objectives::sampleData(e.today, e.nullDate, e.lang);
  refuseIfTaken(e, data);
  refuseIfStructureProtected(e.doc, objectives::tr(e.lang, "add the sample sheets"), e.menu, e.lang);

  UndoStep step(e.doc, objectives::tr(e.lang, "qkpi: Sample Data"));
  Reference<css::sheet::XSpreadsheet> blank = untouchedDefaultSheet(e.doc);
  Reference<css::sheet::XSpreadsheets> sheets = e.doc->getSheets();
  // All sheets first (empty), then the named ranges, then the contents: every
  // formula finds its sheets and names when it is written.
  for (const sheet::SheetSpec& s : data.sheets) {
    step.creatingSheet(s.name);
    sheets->insertNewByName(u(s.name), static_cast<sal_Int16>(sheets->getElementNames().getLength()));
  }
  // The untouched default sheet goes right after the inserts: removed last, Calc's undo of the whole step
  // restored only that sheet and left the sample sheets.
  if (blank.is()) {
    const std::string blankName = utf8(Reference<container::XNamed>(blank, UNO_QUERY_THROW)->getName());
    step.removingSheet(blankName);
    sheets->removeByName(u(blankName));
  }
  Reference<css::sheet::XNamedRanges> names = namedRanges(e.doc);
  for (const objectives::NamedRange& n : data.namedRanges) {
    step.addingName(n.name);
    names->addNewByName(u(n.name), u(n.content), table::CellAddress(0, 0, 0), 0);
  }
  std::vector<Reference<css::sheet::XSpreadsheet>> written;
  for (sheet::SheetSpec& s : data.sheets) written.push_back(writeSpec(e.doc, s, Target::FreshSheet));
  step.commit();
  for (std::size_t i = 0; i < written.size(); ++i) applyView(e.controller, written[i], data.sheets[i]);
  activate(e.controller, sheetByName(e.doc, objectives::kRegisterSheet));
  return {true,
          objectives::trf(e.lang, "Added the sample sheets {1}.", {joinNames(sheetNamesOf(data), e.lang)}),
          false};
}

}  // namespace qkpi::commands
