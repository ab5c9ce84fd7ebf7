// SampleData: synthetic, deterministic data for the four example objectives
// and a filled register, relative to today so the demo always looks current.
//
// The objective year runs from the first day of the month ten months before
// today's month to the day before the same date a year later (today is in its
// eleventh month). Data:
//  - Deliveries: exactly 20 000 order lines due from 364 days before today to
//    20 days after, on working days; 5 customers with different delivery
//    performance, improving slowly over the year; some lines late, short,
//    cancelled (OrderedQty 0), not yet delivered (future) or back-ordered.
//  - Quality: inspection batches of the last 12 months per customer.
//  - Returns: returns of the previous objective year (the baseline) and of
//    this one, 3 sites reducing their returns by different amounts; turnaround
//    in working days (weekends and the Holidays list); recent returns still open.
//  - Holidays: public holidays (fixed dates, Good Friday, Easter Monday) of
//    every year the data touches, named range Holidays.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <set>

#include "kpi/calendar.h"
#include "objectives/internal.h"
#include "objectives/objectives.h"

namespace qkpi::objectives {

using namespace detail;

namespace {

// splitmix64: tiny, fast, and the same on every platform (unlike std distributions).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : s_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (s_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)
  // A whole number in [lo, hi]; lo <= hi (the span is computed in 64 bits).
  int range(int lo, int hi) {
    if (hi <= lo) return lo;
    const auto span = static_cast<std::uint64_t>(static_cast<std::int64_t>(hi) - lo) + 1;
    return lo + static_cast<int>(next() % span);
  }
  bool chance(double p) { return uniform() < p; }
  template <std::size_t N>
  int weighted(const std::array<int, N>& weights) {
    int total = 0;
    for (int w : weights) total += w;
    int x = range(0, total - 1);
    for (std::size_t i = 0; i < weights.size(); ++i) {
      if (x < weights[i]) return static_cast<int>(i);
      x -= weights[i];
    }
    return static_cast<int>(weights.size()) - 1;
  }

 private:
  std::uint64_t s_;
};

constexpr std::uint64_t kSeed = 0x51C0FFEE2026ULL;
constexpr int kDeliveryLines = 20000;

constexpr std::array<const char*, 5> kCustomers = {"Acme Industrial", "Borealis Foods", "Castell Automotive",
                                                   "Delta Medical", "Evergreen Retail"};
constexpr std::array<int, 5> kCustomerWeights = {30, 25, 20, 15, 10};
constexpr std::array<const char*, 3> kSites = {"North", "South", "East"};

Ymd easterSunday(int y) {
  int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
  int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
  return {y, month, day};
}

struct Holiday {
  long serial;
  std::string name;
};

std::vector<Holiday> holidays(int fromYear, int toYear, long off) {
  std::vector<Holiday> h;
  for (int y = fromYear; y <= toYear; ++y) {
    long easter = serialOf(easterSunday(y), off);
    h.push_back({serialOf(y, 1, 1, off), "New Year's Day"});
    h.push_back({easter - 2, "Good Friday"});
    h.push_back({easter + 1, "Easter Monday"});
    h.push_back({serialOf(y, 5, 1, off), "Labour Day"});
    h.push_back({serialOf(y, 12, 25, off), "Christmas Day"});
    h.push_back({serialOf(y, 12, 26, off), "Boxing Day"});
  }
  std::sort(h.begin(), h.end(), [](const Holiday& a, const Holiday& b) { return a.serial < b.serial; });
  return h;
}

// Working days of the sample data: kpi's WorkCalendar (Saturday and Sunday off, the holidays).
class Calendar {
 public:
  Calendar(const std::vector<Holiday>& h, long off) : cal_(makeCalendar(h, off)) {}
  bool workday(long s) const { return cal_.isWorkday(s); }
  long addWorkdays(long s, int n) const {
    while (n > 0) {
      ++s;
      if (workday(s)) --n;
    }
    return s;
  }

 private:
  static WorkCalendar makeCalendar(const std::vector<Holiday>& h, long off) {
    std::vector<Cell> cells;
    for (const auto& x : h) cells.push_back(Cell::of(static_cast<double>(x.serial)));
    const std::size_t n = cells.size();
    return WorkCalendar(Arg::omitted(), Arg::cells(n, 1, std::move(cells)), Context{off});
  }
  WorkCalendar cal_;
};

void dataSheetSetup(sheet::SheetSpec& spec, const std::vector<std::string>& headers,
                    const std::vector<int>& widths, const std::vector<std::string>& comments, Lang lang) {
  spec.styles = standardStyles();
  for (int j = 0; j < static_cast<int>(headers.size()); ++j) {
    spec.cells.push_back(textCell(0, j, tr(lang, headers[j]), kHeader));
    spec.columns.push_back({j, widths[j], false});
    if (!comments[j].empty()) spec.comments.push_back({{0, j}, tr(lang, comments[j])});
  }
  spec.freezeRows = 1;
  spec.printLandscape = false;
  spec.repeatRows = {0};
}

// The objective year around today (see the file comment) and the year before
// it (the returns baseline).
struct ObjectiveYear {
  long start = 0, due = 0;  // this objective year, inclusive
  long lastStart = 0;       // the baseline year: lastStart .. start - 1
};

ObjectiveYear objectiveYear(long today, long off) {
  ObjectiveYear y;
  const Ymd t = ymdOf(today, off);
  y.start = serialOf(t.y, t.m - 10, 1, off);
  const Ymd s = ymdOf(y.start, off);
  y.due = serialOf(s.y, s.m + 12, 1, off) - 1;
  y.lastStart = serialOf(s.y - 1, s.m, 1, off);
  return y;
}

// A data sheet and its last row (1-based, so the row count with the header).
struct DataSheet {
  sheet::SheetSpec spec;
  int end = 0;
};

sheet::SheetSpec holidaySheet(const std::vector<Holiday>& hol, Lang lang) {
  sheet::SheetSpec spec;
  spec.name = "Holidays";
  dataSheetSetup(
      spec, {"Date", "Holiday"}, {2600, 4500},
      {"Public holidays: not working days for the turnaround KPIs. The named range Holidays covers A2:A40: add dates below, the formulas pick them up.",
       ""},
      lang);
  int r = 1;
  for (const auto& h : hol) {
    spec.cells.push_back(numberCell(r, 0, static_cast<double>(h.serial)));
    spec.cells.push_back(textCell(r, 1, tr(lang, h.name)));
    ++r;
  }
  spec.rangeStyles.push_back({range(1, 0, 39, 0), kDate});
  spec.printRange = range(0, 0, 39, 1);
  return spec;
}

// One order line's outcome; deliveredDay 0 = not delivered.
struct DeliveryLine {
  double ordered = 0, delivered = 0;
  long deliveredDay = 0;
};

// A line of customer `cust` due on dueDay; `improve` scales the failure rates.
DeliveryLine deliveryLine(Rng& rng, int cust, long dueDay, long today, double improve) {
  const double pLate[] = {0.025, 0.055, 0.10, 0.035, 0.065};
  const double pShort[] = {0.012, 0.025, 0.045, 0.015, 0.030};
  DeliveryLine l;
  l.ordered = 5.0 * rng.range(2, 100);
  l.delivered = l.ordered;
  if (rng.chance(0.003)) {
    l.ordered = 0;  // cancelled line
    l.delivered = 0;
  } else if (dueDay > today) {
    if (rng.chance(0.12)) l.deliveredDay = dueDay - rng.range(1, 6);  // some ship early
  } else if (rng.chance(0.004)) {
    // back-ordered: past due, nothing delivered
  } else {
    if (rng.chance(pLate[cust] * improve))
      l.deliveredDay = dueDay + rng.range(3, 14);
    else if (rng.chance(0.2))
      l.deliveredDay = dueDay - rng.range(1, 4);
    else if (rng.chance(0.12))
      l.deliveredDay = dueDay + rng.range(1, 2);  // within the 2 days allowed
    else
      l.deliveredDay = dueDay;
    if (rng.chance(pShort[cust] * improve))
      l.delivered = std::floor(l.ordered * (0.5 + 0.45 * rng.uniform()));
    else if (rng.chance(0.01))
      l.delivered = std::ceil(l.ordered * 0.98);  // short, but within the 2 % tolerance
  }
  if (l.deliveredDay > today) l.deliveredDay = 0;
  if (l.deliveredDay == 0) l.delivered = 0;
  return l;
}

// Exactly kDeliveryLines order lines, spread over the working days.
DataSheet deliveriesSheet(Rng& rng, const Calendar& cal, long today, Lang lang) {
  DataSheet out;
  sheet::SheetSpec& spec = out.spec;
  spec.name = "Deliveries";
  dataSheetSetup(
      spec, {"Customer", "Order", "Line", "Due", "Delivered", "Ordered qty", "Delivered qty", "Promised"},
      {4200, 2600, 1400, 2600, 2600, 2400, 2400, 2600},
      {"", "Order number: OTIFORDERS groups the lines by it (register Options: Orders=$Deliveries.B2:B...).",
       "", "Due date requested by the customer (OTIF period date).",
       "Delivery date; empty = not delivered yet.", "Ordered quantity; 0 = line cancelled.",
       "Delivered quantity.",
       "Date confirmed to the customer. To measure against it instead of the requested date, take Data D:H with Columns={5;2;3;4} (Promised, Delivered, Ordered qty, Delivered qty)."},
      lang);
  // The promised dates come from a stream of their own, so that adding them
  // left every other sample value as it was.
  Rng promisedRng(0x50524F4D49534544ULL);
  const long first = today - 364, last = today + 20;
  std::vector<long> days;
  for (long d = first; d <= last; ++d)
    if (cal.workday(d)) days.push_back(d);
  int lines = 0, order = 0;
  int r = 1;
  for (std::size_t k = 0; k < days.size() && lines < kDeliveryLines; ++k) {
    const long dueDay = days[k];
    const int target = static_cast<int>((static_cast<long long>(k + 1) * kDeliveryLines) / days.size());
    // Improvement over the year: 40 % fewer failures at the end than at the start.
    const double improve =
        1.0 - 0.4 * static_cast<double>(dueDay - first) / static_cast<double>(last - first);
    while (lines < target) {
      ++order;
      const int cust = rng.weighted(kCustomerWeights);
      const int nLines = std::min(rng.range(1, 6), target - lines);
      char orderNo[16];
      std::snprintf(orderNo, sizeof orderNo, "SO-%06d", 240000 + order);
      // Most orders are confirmed for the requested day; some later (capacity), never earlier.
      const long promisedDay = dueDay + (promisedRng.chance(0.8) ? 0 : promisedRng.range(1, 7));
      for (int ln = 1; ln <= nLines; ++ln, ++lines, ++r) {
        const DeliveryLine l = deliveryLine(rng, cust, dueDay, today, improve);
        spec.cells.push_back(textCell(r, 0, kCustomers[cust]));
        spec.cells.push_back(textCell(r, 1, orderNo));
        spec.cells.push_back(numberCell(r, 2, ln));
        spec.cells.push_back(numberCell(r, 3, static_cast<double>(dueDay)));
        if (l.deliveredDay) spec.cells.push_back(numberCell(r, 4, static_cast<double>(l.deliveredDay)));
        spec.cells.push_back(numberCell(r, 5, l.ordered));
        spec.cells.push_back(numberCell(r, 6, l.delivered));
        spec.cells.push_back(numberCell(r, 7, static_cast<double>(promisedDay)));
      }
    }
  }
  spec.rangeStyles.push_back({range(1, 3, r - 1, 4), kDate});
  spec.rangeStyles.push_back({range(1, 7, r - 1, 7), kDate});
  out.end = kDeliveryLines + 1;
  return out;
}

// Inspection batches of the last 12 months per customer.
DataSheet qualitySheet(Rng& rng, const Calendar& cal, long today, Lang lang) {
  DataSheet out;
  sheet::SheetSpec& spec = out.spec;
  spec.name = "Quality";
  dataSheetSetup(
      spec, {"Customer", "Batch", "Good", "Inspected", "Date"}, {4200, 2400, 2200, 2200, 2600},
      {"", "", "Parts right first time (no rework, no scrap).", "Parts inspected.", "Inspection date."},
      lang);
  const double rate[] = {0.9, 0.8, 0.6, 0.5, 0.4};                    // batches per working day
  const double defects[] = {0.0012, 0.0022, 0.0062, 0.0009, 0.0017};  // defect rate per part
  int r = 1, batch = 0;
  for (long d = today - 364; d <= today; ++d) {
    if (!cal.workday(d)) continue;
    for (int cust = 0; cust < static_cast<int>(kCustomers.size()); ++cust) {
      if (!rng.chance(rate[cust])) continue;
      const int inspected = 50 * rng.range(4, 40);
      int bad = 0;
      for (int i = 0; i < inspected; ++i)
        if (rng.chance(defects[cust])) ++bad;
      char id[16];
      std::snprintf(id, sizeof id, "B-%05d", 10000 + ++batch);
      spec.cells.push_back(textCell(r, 0, kCustomers[cust]));
      spec.cells.push_back(textCell(r, 1, id));
      spec.cells.push_back(numberCell(r, 2, inspected - bad));
      spec.cells.push_back(numberCell(r, 3, inspected));
      spec.cells.push_back(numberCell(r, 4, static_cast<double>(d)));
      ++r;
    }
  }
  out.end = r;
  spec.rangeStyles.push_back({range(1, 4, r - 1, 4), kDate});
  return out;
}

// Returns of the baseline year and this one, and the baseline year's value.
struct ReturnsSheet : DataSheet {
  double baseline = 0;
};

ReturnsSheet returnsSheet(Rng& rng, const Calendar& cal, const ObjectiveYear& year, long today, Lang lang) {
  ReturnsSheet out;
  sheet::SheetSpec& spec = out.spec;
  spec.name = "Returns";
  dataSheetSetup(
      spec, {"Site", "Customer", "Received", "Closed", "Value"}, {2400, 4200, 2600, 2600, 2400},
      {"Site that handles the return.", "", "Date the return was received.",
       "Date the return was closed; empty = still open.", "Value of the returned goods (credit note)."},
      lang);
  const double perYear[] = {190, 150, 120};
  const double thisYear[] = {0.45, 0.56, 0.75};  // share of last year's returns this year
  const double pLate[] = {0.04, 0.10, 0.20};
  int r = 1;
  for (long d = year.lastStart; d <= today; ++d) {
    if (!cal.workday(d)) continue;
    for (int site = 0; site < 3; ++site) {
      double p = perYear[site] / 250.0 * (d >= year.start ? thisYear[site] : 1.0);
      if (!rng.chance(p)) continue;
      const int cust = rng.weighted(kCustomerWeights);
      const double u = rng.uniform();
      const double value = std::round(150 + 1200 * std::pow(u, 1.5));
      const int days = rng.chance(pLate[site]) ? rng.range(21, 40) : rng.range(2, 19);
      long closed = cal.addWorkdays(d, days);
      if (closed > today || (d < today - 60 && rng.chance(0.006))) closed = 0;  // still open
      spec.cells.push_back(textCell(r, 0, kSites[site]));
      spec.cells.push_back(textCell(r, 1, kCustomers[cust]));
      spec.cells.push_back(numberCell(r, 2, static_cast<double>(d)));
      if (closed) spec.cells.push_back(numberCell(r, 3, static_cast<double>(closed)));
      spec.cells.push_back(numberCell(r, 4, value));
      if (d >= year.lastStart && d < year.start) out.baseline += value;
      ++r;
    }
  }
  out.end = r;
  spec.rangeStyles.push_back({range(1, 2, r - 1, 3), kDate});
  spec.rangeStyles.push_back({range(1, 4, r - 1, 4), kNumber});
  return out;
}

// ---- the four example objectives ----------------------------------------------------

RegisterEntry rftObjective(const ObjectiveYear& year, int qualityEnd, long off) {
  const std::string q = std::to_string(qualityEnd);
  RegisterEntry e;
  e.id = "Q-01";
  e.objective = "Right first time of 99.8 % for every customer";
  e.kpi = "RFT";
  e.data = "$Quality.C2:E" + q;
  e.segmentBy = "$Quality.A2:A" + q;
  e.options = "From=" + isoDate(year.start, off);
  e.target = 0.998;
  e.direction = "higher";
  e.amber = 0.995;
  e.baseline = 0.996;
  e.start = year.start;
  e.due = year.due;
  e.responsible = "Maria Lopez (Quality Manager)";
  e.resources = "2 inspectors; SPC software; 8D training for team leaders (EUR 6,000)";
  e.evaluation = "RFT per customer from the inspection records (Quality sheet); monthly quality meeting";
  e.frequency = "Monthly";
  return e;
}

RegisterEntry otifObjective(const ObjectiveYear& year, int deliveryEnd, long off) {
  const std::string d = std::to_string(deliveryEnd);
  RegisterEntry e;
  e.id = "Q-02";
  e.objective = "Deliver on time and in full to every customer (95 %)";
  e.kpi = "OTIF";
  e.data = "$Deliveries.D2:G" + d;
  e.segmentBy = "$Deliveries.A2:A" + d;
  e.options = "From=" + isoDate(year.start, off) +
              "; To=TODAY(); LateDays=2; QtyTolerance=0.02; Orders=$Deliveries.B2:B" + d;
  e.target = 0.95;
  e.direction = "higher";
  e.amber = 0.92;
  e.baseline = 0.91;
  e.start = year.start;
  e.due = year.due;
  e.responsible = "Tom Becker (Logistics Manager)";
  e.resources = "Planning and logistics team; ERP delivery report; weekly S&OP meeting";
  e.evaluation =
      "OTIF per customer from the ERP order lines (2 days late and 2 % short allowed); monthly quality meeting, quarterly management review";
  e.frequency = "Monthly";
  return e;
}

RegisterEntry returnsObjective(const ObjectiveYear& year, int returnsEnd, double baseline) {
  const std::string rt = std::to_string(returnsEnd);
  RegisterEntry e;
  e.id = "Q-03";
  e.objective = "Halve the value of customer returns at every site against last year";
  e.kpi = "RETURNS";
  e.data = "$Returns.C2:E" + rt;
  e.segmentBy = "$Returns.A2:A" + rt;
  e.options = "Columns={1;3}";
  e.target = 0.5;
  e.direction = "higher";
  e.amber = 0.4;
  e.baseline = baseline;
  e.start = year.start;
  e.due = year.due;
  e.responsible = "Sven Olsen (Operations Director)";
  e.resources = "Site quality engineers; 8D problem solving; EUR 25,000 for error-proofing";
  e.evaluation =
      "Returns value per site from the returns log, year to date against last year pro rata; quarterly management review";
  e.frequency = "Quarterly";
  return e;
}

RegisterEntry turnaroundObjective(const ObjectiveYear& year, int returnsEnd, long today, long off) {
  const std::string rt = std::to_string(returnsEnd);
  RegisterEntry e;
  e.id = "Q-04";
  e.objective = "Turn round 90 % of customer returns within 20 working days at every site";
  e.kpi = "TURNAROUND";
  e.data = "$Returns.C2:D" + rt;
  e.segmentBy = "$Returns.A2:A" + rt;
  e.options = "From=" + isoDate(year.start, off) + "; Days=20; Holidays=Holidays; AsOf=TODAY()";
  e.target = 0.9;
  e.direction = "higher";
  e.amber = 0.85;
  e.baseline = 0.82;
  e.start = year.start;
  e.due = today + 20;
  e.responsible = "Aisha Khan (Customer Service Lead)";
  e.resources = "Customer service team (3 people); returns workflow in the ERP";
  e.evaluation =
      "Share of returns closed within 20 working days; open returns already late count as failures; monthly quality meeting";
  e.frequency = "Monthly";
  return e;
}

// The entry's texts in `lang` (IDs, KPI, references, options and Direction are the same in every language).
RegisterEntry translated(RegisterEntry e, Lang lang) {
  for (std::string* s : {&e.objective, &e.responsible, &e.resources, &e.evaluation, &e.frequency})
    *s = tr(lang, *s);
  return e;
}

}  // namespace

SampleData sampleData(long today, long off, Lang lang) {
  SampleData out;
  Rng rng(kSeed);
  const ObjectiveYear year = objectiveYear(today, off);
  const auto hol = holidays(ymdOf(year.lastStart, off).y, ymdOf(year.due, off).y + 1, off);
  const Calendar cal(hol, off);
  out.namedRanges.push_back({"Holidays", "$Holidays.$A$2:$A$40"});
  // The generator's draws run in this order: deliveries, quality, returns.
  DataSheet deliveries = deliveriesSheet(rng, cal, today, lang);
  DataSheet quality = qualitySheet(rng, cal, today, lang);
  ReturnsSheet returns = returnsSheet(rng, cal, year, today, lang);
  const std::vector<RegisterEntry> entries = {
      translated(rftObjective(year, quality.end, off), lang),
      translated(otifObjective(year, deliveries.end, off), lang),
      translated(returnsObjective(year, returns.end, returns.baseline), lang),
      translated(turnaroundObjective(year, returns.end, today, off), lang),
  };
  out.sheets.push_back(registerSheet(entries, off, lang));
  out.sheets.push_back(std::move(deliveries.spec));
  out.sheets.push_back(std::move(quality.spec));
  out.sheets.push_back(std::move(returns.spec));
  out.sheets.push_back(holidaySheet(hol, lang));
  return out;
}

}  // namespace qkpi::objectives
