// The catalogue of the workflow's fixed texts (objectives/texts.h) and the
// UI language (objectives/lang.h).
#include "objectives/texts.h"

#include <stdexcept>
#include <string>
#include <unordered_map>

#include "objectives/internal.h"

namespace qkpi::objectives {

namespace {

// English (the key), German. Sheet names ("Objectives", "Action Log",
// "Deliveries" ...), function names, status codes, Direction values (higher,
// lower) and option names stay English inside the German texts.
constexpr CatalogueEntry kCatalogue[] = {
#include "texts_catalogue.inc"
};

const std::unordered_map<std::string_view, std::string_view>& index() {
  static const auto m = [] {
    std::unordered_map<std::string_view, std::string_view> r;
    for (const CatalogueEntry& e : kCatalogue) r.emplace(e.en, e.de);
    return r;
  }();
  return m;
}

}  // namespace

Lang langOfLocale(std::string_view uiLocale) {
  return uiLocale.size() >= 2 && detail::lower(uiLocale.substr(0, 2)) == "de" &&
                 (uiLocale.size() == 2 || uiLocale[2] == '-' || uiLocale[2] == '_')
             ? Lang::De
             : Lang::En;
}

std::string_view langCode(Lang lang) {
  return lang == Lang::De ? "de" : "en";
}

std::span<const CatalogueEntry> catalogue() {
  return kCatalogue;
}

std::string tr(Lang lang, std::string_view en) {
  const auto& m = index();
  auto it = m.find(en);
  if (it == m.end()) {
    throw std::logic_error("objectives: no text \"" + std::string(en) + "\" in the catalogue (texts.cpp)");
  }
  return std::string(lang == Lang::De ? it->second : it->first);
}

std::string trf(Lang lang, std::string_view en, std::initializer_list<std::string_view> args) {
  const std::string t = tr(lang, en);
  std::string r;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '{' && i + 2 < t.size() && t[i + 1] >= '1' && t[i + 1] <= '9' && t[i + 2] == '}') {
      const std::size_t k = static_cast<std::size_t>(t[i + 1] - '1');
      if (k < args.size()) {
        r += *(args.begin() + k);
        i += 2;
        continue;
      }
    }
    r += t[i];
  }
  return r;
}

std::string in(const LocalText& text, Lang lang) {
  return std::string(lang == Lang::De && !text.de.empty() ? text.de : text.en);
}

}  // namespace qkpi::objectives
