// The help pages' availability (objectives/help.h).
#include "objectives/help.h"

#include <charconv>

namespace qkpi::objectives {

std::optional<OfficeVersion> parseOfficeVersion(std::string_view v) {
  OfficeVersion out;
  const char* p = v.data();
  const char* end = p + v.size();
  auto r = std::from_chars(p, end, out.major);
  if (r.ec != std::errc() || r.ptr == end || *r.ptr != '.') return std::nullopt;
  r = std::from_chars(r.ptr + 1, end, out.minor);
  if (r.ec != std::errc() || out.major <= 0 || out.minor < 0) return std::nullopt;
  return out;
}

bool showsExtensionHelp(const std::optional<OfficeVersion>& v) {
  return v && (v->major < 7 || (v->major == 7 && v->minor < 6));
}

std::string versionText(const std::optional<OfficeVersion>& v) {
  return v ? std::to_string(v->major) + "." + std::to_string(v->minor) : "?";
}

}  // namespace qkpi::objectives
