// The dispatch arguments of the org.qkpi:* commands, all optional and matched
// ignoring case: Date (ISO text "2026-11-25": the day taken as today; a number
// is taken as a serial, any other text is refused), Freeze (bool), FileName and
// URL (ExportPdf's target), Silent (bool). A bad value is an
// objectives::UserError naming the argument.
#pragma once

#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/uno/Sequence.hxx>
#include <optional>
#include <rtl/ustring.hxx>

#include "objectives/lang.h"

namespace qkpi::commands {

struct DispatchArgs {
  std::optional<long> date;  // serial of the document
  bool freeze = false;
  rtl::OUString fileName, url;
};

// Date, Freeze, FileName, URL; `nullDate`: the document's (days from 1899-12-30).
DispatchArgs parseArgs(const css::uno::Sequence<css::beans::PropertyValue>& args, long nullDate,
                       objectives::Lang lang);
// Silent: true = never a message box (false when not given).
bool silentArg(const css::uno::Sequence<css::beans::PropertyValue>& args, objectives::Lang lang);
// Today (the local calendar day) as a serial of a document with `nullDate`.
long todaySerial(long nullDate);

}  // namespace qkpi::commands
