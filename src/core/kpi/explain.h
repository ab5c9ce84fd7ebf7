// Explain: the judgement of every table row of a record function (OTIF,
// RFT, TURNAROUND ...), made by the same per-row classification that the
// function uses to compute its value (one rule, one place: each module's
// explain hook calls its own classify()/row rule, never a copy of it).
//
// For every row of the function's table the judgement says whether it
// succeeded, failed, was counted (a measure without success, RETURNS), was
// left out (and why), belongs to another segment (count only), or holds bad
// data (the DataError text that row gives; every offending row is listed, not
// only the first). A row's reason is a short fixed text, e.g. the OTIFREASONS
// texts "late", "short" ... for the delivery KPIs, "over 20 working days" or
// "inspected blank or 0" for the others.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace qkpi {

enum class RowStatus : std::uint8_t {
  Succeeded,     // eligible, success (on time in full, right first time, in time ...)
  Failed,        // eligible, a failure
  Counted,       // eligible in a measure without success or failure (RETURNS: its value is summed)
  LeftOut,       // not eligible: the reason says why
  OtherSegment,  // not in the Segment asked for (counted only, never listed)
  BadData,       // bad data: the function gives #VALUE! because of this row
};

// The judgements of one call, row by row (row = 0-based row of the table).
struct RowJudgements {
  // The table's fields the function reads, in the documented order, and the
  // 0-based column of each inside the table (a field the layout lacks is not listed).
  std::vector<std::pair<std::string, std::size_t>> fields;
  // Distinct reason texts; reason[row] indexes them.
  std::vector<std::string> reasons;
  std::vector<RowStatus> status;
  std::vector<std::uint16_t> reason;
  // Bad data rows: (row, the DataError's text), in row order.
  std::vector<std::pair<std::size_t, std::string>> badData;
  // An optional number per row (e.g. "Days late", "Working days"): the name,
  // and one value per row (NaN = none). Empty name = no such column.
  std::string detailName;
  std::vector<double> detail;
  // The function's own totals (numerator and denominator, sum ...), with a label.
  std::vector<std::pair<std::string, double>> totals;

  explicit RowJudgements(std::size_t rows = 0) : status(rows, RowStatus::LeftOut), reason(rows, 0) {}

  std::size_t rowCount() const { return status.size(); }
  // The id of a reason text (added when new); call once per text, not per row.
  std::uint16_t reasonId(std::string_view text);
  void set(std::size_t row, RowStatus s, std::uint16_t r) {
    status[row] = s;
    reason[row] = r;
  }
  void setBad(std::size_t row, std::string text);
  // Turns the detail column on (all NaN).
  void withDetail(std::string name) {
    detailName = std::move(name);
    detail.assign(status.size(), std::numeric_limits<double>::quiet_NaN());
  }
  const std::string& reasonOf(std::size_t row) const { return reasons[reason[row]]; }
};

// The counts of a call's judgements.
struct JudgementCounts {
  std::size_t rows = 0, eligible = 0, succeeded = 0, failed = 0, counted = 0, otherSegment = 0, badData = 0;
  // Left out, per reason, in the order the reasons first appear; and failed per reason.
  std::vector<std::pair<std::string, std::size_t>> leftOut, failedBy;
  std::size_t leftOutTotal() const {
    std::size_t n = 0;
    for (const auto& p : leftOut) n += p.second;
    return n;
  }
};
JudgementCounts countJudgements(const RowJudgements& j);

// The texts every module uses for a row left out by the period.
inline constexpr std::string_view kOutsidePeriod = "outside the period";

}  // namespace qkpi
