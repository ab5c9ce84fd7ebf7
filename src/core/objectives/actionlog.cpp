// The Action Log: the detailed actions of the objectives (ISO 9001 6.2 "what
// will be done"), created once with its headers, dropdown and overdue
// highlighting, then only extended: for every AMBER or RED objective without
// an open action (Open or In progress) one proposed row is appended.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <regex>

#include "kpi/by_table.h"
#include "objectives/formula.h"
#include "objectives/internal.h"
#include "objectives/objectives.h"
#include "objectives/report.h"

namespace qkpi::objectives {

using namespace detail;

namespace {

enum Col {
  kId,
  kObjective,
  kFinding,
  kAction,
  kOwner,
  kResources,
  kStart,
  kDue,
  kStatus,
  kCompleted,
  kEffect,
  kNCols
};
constexpr int kFormatRows = 4999;  // dropdown and highlighting down to row 5000

const char* const kComments[kNCols] = {
    "A-001, A-002 ...: the action's number. New actions continue the numbering.",
    "The ID of the objective in the Objectives register this action serves.",
    "What was found: the KPI against its target when the action was raised.",
    "What will be done (ISO 9001 6.2): the action, specific enough to check later.",
    "Who does it (by default the objective's Responsible).",
    "Resources needed: people, budget, tools.",
    "When the action started.",
    "When it will be completed. Rows past Due and not Done or Cancelled are highlighted in red.",
    "Open, In progress, Done or Cancelled. An objective with an Open or In progress action gets no new proposal.",
    "The date the action was completed.",
    "How effective it was (ISO 9001 10.2): the KPI after the action, verified at the next review.",
};
const int kWidths[kNCols] = {2900, 2200, 7000, 7500, 5600, 5600, 2500, 2500, 2800, 2600, 6000};

// Fixed-point text with a '.', whatever the process's C locale (a visible
// office under a German LC_ALL has LC_NUMERIC de_DE: snprintf would give ',').
std::string fixedText(double v, int decimals) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
  return ec == std::errc() ? std::string(buf, end) : std::string("?");
}

std::string percentText(double v, int decimals) {
  return fixedText(v * 100, decimals) + "%";
}

std::string groupedNumber(double v) {
  std::string digits = fixedText(std::fabs(v), 0), r;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) r += ',';
    r += digits[i];
  }
  return (v < 0 ? "-" : "") + r;
}

// A number text with German separators ("1,234.5" -> "1.234,5") for De.
std::string localNumber(std::string s, Lang lang) {
  if (lang == Lang::De)
    for (char& c : s) c = c == '.' ? ',' : c == ',' ? '.' : c;
  return s;
}

std::string finding(const Objective& o, const std::string& status, const std::string& date, Lang lang,
                    const std::vector<SegmentValue>& worst) {
  std::optional<KpiCall> call;
  try {
    call = parseKpi(o, lang);
  } catch (const UserError&) {
  }
  auto actual = valueNumber(o.actual);
  auto target = valueNumber(o.target);
  const Measure m = call ? call->measure : Measure::Value;
  // Percentages with 1 decimal, or 2 for a target such as 99.8 %, and more
  // while the actual would read the same as the target.
  int decimals = 1;
  if (target && std::fabs(*target * 100 - std::round(*target * 100)) > 1e-9) decimals = 2;
  if (target && actual && *target != *actual)
    while (decimals < 4 && percentText(*target, decimals) == percentText(*actual, decimals)) ++decimals;
  auto fmt = [&](double v) {
    switch (m) {
      case Measure::Ratio:
      case Measure::Reduction:
        return localNumber(percentText(v, decimals), lang);
      case Measure::Days:
        return trf(lang, "{1} working days", {localNumber(numberText(std::round(v * 10) / 10), lang)});
      case Measure::Value:
        break;
    }
    return localNumber(groupedNumber(v), lang);
  };
  const std::string kpi = call ? measureLabel(*call, lang) : o.kpi;
  std::string r;
  if (call && call->reduction) {
    if (!actual)
      r = tr(lang, "Returns value");
    else if (*actual >= 0)
      r = trf(lang, "Returns value reduced by {1} against the baseline (pro rata)", {fmt(*actual)});
    else
      r = trf(lang, "Returns value increased by {1} against the baseline (pro rata)", {fmt(-*actual)});
    if (target) r += trf(lang, ", target {1} reduction", {fmt(*target)});
  } else {
    r = actual ? trf(lang, "{1} is {2}", {kpi, fmt(*actual)}) : trf(lang, "{1} has no value", {kpi});
    if (target) r += trf(lang, " against a target of {1}", {fmt(*target)});
  }
  r += trf(lang, " ({1}) on {2}.", {status, date});
  if (!worst.empty()) {
    r += " " + tr(lang, worst.size() == 1 ? "Worst segment:" : "Worst segments:") + " ";
    for (std::size_t i = 0; i < worst.size(); ++i)
      r += (i ? ", " : "") + worst[i].segment + " " + fmt(worst[i].value);
    r += ".";
  } else if (!trim(o.segmentBy).empty()) {
    r += " " + tr(lang, "See the review for the worst segments.");
  }
  if (actualDiffers(o))
    r +=
        " " +
        tr(lang,
           "Note: the register's Actual differs from its Options, so this value may not be the one the Options measure; run Update Actuals or edit the Options.");
  return r;
}

std::string proposal(const Objective& o, Lang lang) {
  return proposedAction(o.kpi, lang);
}

bool isOpenStatus(const std::string& s) {
  return isOpenAction(s);
}

// What the log holds so far: where its columns are, the row after its last
// used row, the highest A-nnn number, and the objectives with an open action.
struct Log {
  std::array<int, kNCols> col;
  int nextRow = 1;
  int maxNumber = 0;
  std::vector<std::string> openFor;  // objective IDs with an open action
  Lang lang = Lang::En;              // of its headers: what is appended is in it
};

// An existing sheet with nothing in it is treated like no sheet.
bool hasContent(const Table* existing) {
  if (existing)
    for (const auto& row : *existing)
      for (const auto& v : row)
        if (!isEmpty(v)) return true;
  return false;
}

// A new log: the standard column order.
Log newLog(Lang lang) {
  Log log;
  log.lang = lang;
  for (int j = 0; j < kNCols; ++j) log.col[j] = j;
  return log;
}

// The log in an existing sheet; UserError when a header qkpi needs is missing.
Log readLog(const Table& t, Lang lang) {
  const auto& headers = actionLogHeaders(lang);
  Log log;
  const HeaderMatch match =
      matchHeaders(t[0], actionLogHeaders(Lang::En), actionLogHeaders(Lang::De), kActionLogSheet, lang);
  std::copy(match.col.begin(), match.col.end(), log.col.begin());
  log.lang = match.lang;
  std::string missing;
  for (int j : {kId, kObjective, kStatus})
    if (log.col[j] < 0) missing += (missing.empty() ? "\"" : ", \"") + headers[j] + "\"";
  if (!missing.empty())
    throw UserError(trf(
        lang,
        "The \"{1}\" sheet has no {2} header in row 1, so qkpi cannot tell which objectives already have open actions. Put the header back (the columns may be in any order) or rename the sheet to start a new log.",
        {kActionLogSheet, missing}));
  static const std::regex kNumbered(R"(^A-([0-9]{1,9})$)", std::regex::icase);
  auto at = [&](const std::vector<Value>& row, int c) -> Value {
    return c >= 0 && static_cast<std::size_t>(c) < row.size() ? row[c] : Value{};
  };
  for (std::size_t r = 1; r < t.size(); ++r) {
    const auto& row = t[r];
    if (std::any_of(row.begin(), row.end(), [](const Value& v) { return !isEmpty(v); }))
      log.nextRow = static_cast<int>(r) + 1;
    std::smatch m;
    std::string id = valueText(at(row, log.col[kId]));
    if (std::regex_match(id, m, kNumbered)) log.maxNumber = std::max(log.maxNumber, std::stoi(m[1]));
    if (isOpenStatus(valueText(at(row, log.col[kStatus]))))
      log.openFor.push_back(valueText(at(row, log.col[kObjective])));
  }
  return log;
}

// The header row, formats, Status dropdown, highlighting and page setup of a
// new log.
void addLayout(sheet::SheetSpec& spec, Lang lang) {
  using formula::call;
  const auto& headers = actionLogHeaders(lang);
  auto text = [&](const char* s) { return formula::text(tr(lang, s)); };
  for (int j = 0; j < kNCols; ++j) {
    spec.cells.push_back(textCell(0, j, headers[j], kHeader));
    spec.comments.push_back({{0, j}, tr(lang, kComments[j])});
    spec.columns.push_back({j, kWidths[j], false});
  }
  for (int j : {kFinding, kAction, kOwner, kResources, kEffect})
    spec.rangeStyles.push_back({range(1, j, kFormatRows, j), kText});
  for (int j : {kStart, kDue, kCompleted}) spec.rangeStyles.push_back({range(1, j, kFormatRows, j), kDate});
  sheet::Validation v;
  v.range = range(1, kStatus, kFormatRows, kStatus);
  for (const char* s : {"Open", "In progress", "Done", "Cancelled"}) v.values.push_back(tr(lang, s));
  v.inputTitle = tr(lang, "Status");
  v.inputHelp = tr(lang, "Open, In progress, Done or Cancelled.");
  v.errorMessage = tr(lang, "Choose Open, In progress, Done or Cancelled.");
  spec.validations.push_back(v);
  const sheet::Range all = range(1, 0, kFormatRows, kNCols - 1);
  const std::string due = "$" + cellName(1, kDue), status = "$" + cellName(1, kStatus);
  spec.conditionalFormats.push_back(
      {all,
       call("AND", {call("ISNUMBER", {due}), due + "<TODAY()", status + "<>" + text("Done"),
                    status + "<>" + text("Cancelled")}),
       kOverdue});
  spec.conditionalFormats.push_back(
      {all, call("OR", {status + "=" + text("Done"), status + "=" + text("Cancelled")}), kClosed});
  spec.freezeRows = 1;
  spec.freezeCols = 1;
  spec.tabColor = "#C55A11";
}

// One proposed row for every AMBER or RED objective without an open action.
void addProposals(sheet::SheetSpec& spec, Log& log, const std::vector<Objective>& objectives, long today,
                  long off, Lang uiLang, const std::vector<std::vector<SegmentValue>>& worst) {
  const Lang lang = log.lang;
  const std::string date = isoDate(today, off);
  std::vector<std::string> done;  // objective IDs handled in this run
  int row = log.nextRow;
  static const std::vector<SegmentValue> kNone;
  for (std::size_t index = 0; index < objectives.size(); ++index) {
    const Objective& o = objectives[index];
    std::string status = trim(o.status);
    for (char& c : status) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (status != "AMBER" && status != "RED") continue;
    if (o.id.empty())
      throw UserError(trf(
          uiLang, "{1} is {2} but has no ID: give it an ID (e.g. Q-05) so that its actions can refer to it.",
          {rowLabel(o, uiLang), status}));
    auto same = [&](const std::string& x) { return iequals(trim(x), o.id); };
    if (std::any_of(log.openFor.begin(), log.openFor.end(), same) ||
        std::any_of(done.begin(), done.end(), same))
      continue;
    done.push_back(o.id);
    char id[24];
    std::snprintf(id, sizeof id, "A-%03d", ++log.maxNumber);
    long dueDay = today + 30;
    if (auto objDue = valueDate(o.due, off)) dueDay = std::max(today, std::min(dueDay, *objDue));
    auto put = [&](int c, sheet::Cell cell) {
      if (log.col[c] < 0) return;
      cell.pos = {row, log.col[c]};
      spec.cells.push_back(std::move(cell));
    };
    put(kId, textCell(0, 0, id));
    put(kObjective, textCell(0, 0, o.id));
    put(kFinding,
        textCell(0, 0, finding(o, status, date, lang, index < worst.size() ? worst[index] : kNone), kText));
    put(kAction, textCell(0, 0, proposal(o, lang), kText));
    if (!o.responsible.empty()) put(kOwner, textCell(0, 0, o.responsible, kText));
    if (!o.resources.empty()) put(kResources, textCell(0, 0, o.resources, kText));
    put(kStart, numberCell(0, 0, static_cast<double>(today), kDate));
    put(kDue, numberCell(0, 0, static_cast<double>(dueDay), kDate));
    put(kStatus, textCell(0, 0, tr(lang, "Open")));
    ++row;
  }
}

}  // namespace

std::vector<SegmentCall> findingSegmentCalls(const std::vector<Objective>& objectives, long today, long off) {
  std::vector<SegmentCall> out;
  for (const Objective& o : objectives) {
    SegmentCall c;
    const std::string status = lower(trim(o.status));
    if ((status == "amber" || status == "red") && !trim(o.segmentBy).empty()) try {
        const KpiCall call = parseKpi(o, Lang::En);  // a row that does not parse has no segment call
        if (call.byFn && !call.reduction) {
          c.function = std::string(call.byFn->name);
          c.formula =
              "=" + renderCall(*call.byFn, call, dateLiteral(today, off), {{"Segments", call.segmentBy}});
        }
      } catch (const UserError&) {
      }
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<SegmentValue> worstSegments(const Objective& o, const qkpi::Value& byResult) {
  const auto* m = std::get_if<qkpi::Matrix>(&byResult);
  if (!m) return {};
  Table table(m->rows);
  for (std::size_t r = 0; r < m->rows; ++r)
    for (std::size_t c = 0; c < m->cols; ++c) {
      const qkpi::OutCell& cell = m->at(r, c);
      if (const double* d = std::get_if<double>(&cell))
        table[r].emplace_back(*d);
      else
        table[r].emplace_back(utf8(std::get<std::u16string>(cell)));
    }
  return worstSegments(o, table);
}

std::vector<SegmentValue> worstSegments(const Objective& o, const Table& table) {
  bool lower = false;
  try {
    lower = parseKpi(o, Lang::En).lowerIsBetter;  // the error is not shown
  } catch (const UserError&) {
    return {};
  }
  std::vector<SegmentValue> all;
  for (const auto& row : table) {
    if (row.size() < 2) continue;
    const std::string segment = valueText(row.front());
    const double* v = std::get_if<double>(&row.back());
    if (!v || !std::isfinite(*v) || segment.empty() || segment == kAllSegmentUtf8 ||
        segment == kBlankSegmentUtf8)
      continue;
    all.push_back({segment, *v});
  }
  // worst first; equal values keep the table's order
  std::stable_sort(all.begin(), all.end(), [&](const SegmentValue& a, const SegmentValue& b) {
    return lower ? a.value > b.value : a.value < b.value;
  });
  std::size_t missing = 0;
  if (auto target = valueNumber(o.target))
    while (missing < all.size() && (lower ? all[missing].value > *target : all[missing].value < *target))
      ++missing;
  all.resize(std::min(all.size(), missing ? std::min(missing, kWorstSegmentsNamed) : std::size_t{1}));
  return all;
}

sheet::SheetSpec actionLog(const Table* existing, const std::vector<Objective>& objectives, long today,
                           long off, Lang lang, const std::vector<std::vector<SegmentValue>>& worst) {
  sheet::SheetSpec spec;
  spec.name = kActionLogSheet;
  spec.styles = standardStyles();
  const bool full = !hasContent(existing);
  Log log = full ? newLog(lang) : readLog(*existing, lang);
  if (full) addLayout(spec, lang);
  addProposals(spec, log, objectives, today, off, lang, worst);
  // The print setup, also when rows are appended (the writer then brings the sheet's own page
  // style up to date: the header's date, a log made by an older qkpi gets its page frame).
  spec.printLandscape = true;
  spec.repeatRows = {0};
  spec.fitPagesWide = 1;
  spec.pageFrame = actionLogPageFrame(kActionLogSheet, isoDate(today, off), log.lang);
  return spec;
}

bool isOpenAction(std::string_view status) {
  std::string t = detail::lower(detail::trim(status));
  for (Lang l : {Lang::En, Lang::De})
    for (const char* s : {"Open", "In progress"})
      if (t == detail::lower(tr(l, s))) return true;
  return false;
}

}  // namespace qkpi::objectives
