#include "kpi/arg_kinds.h"

#include "kpi/args.h"
#include "kpi/calendar.h"
#include "kpi/targets.h"

namespace qkpi {

void checkArgument(ArgKind kind, const Arg& value, const Context& ctx, std::string_view what) {
  switch (kind) {
    case ArgKind::Date:
      (void)optionalDate(value, ctx, what);
      return;
    case ArgKind::Count:
      (void)optionalCount(value, what);
      return;
    case ArgKind::Fraction:
      (void)optionalFraction(value, what);
      return;
    case ArgKind::Percentile:
      (void)optionalPercentile(value, what);
      return;
    case ArgKind::Number:
      (void)optionalNumber(value, what);
      return;
    case ArgKind::Columns:
      checkColumnPositions(value);
      return;
    case ArgKind::Weekend:
      (void)parseWeekend(value);
      return;
    case ArgKind::Holidays:
      (void)WorkCalendar(Arg::omitted(), value, ctx);
      return;
    case ArgKind::Direction:
      (void)readDirection(value);
      return;
    case ArgKind::Actual:
      (void)readActual(value);
      return;
    case ArgKind::Table:
    case ArgKind::Cells:
    case ArgKind::Segments:
    case ArgKind::Keys:
    case ArgKind::Segment:
      return;
  }
}

}  // namespace qkpi
