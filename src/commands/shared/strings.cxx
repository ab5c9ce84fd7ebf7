// UTF-8 <-> OUString (see strings.hxx).
#include "strings.hxx"

#include <rtl/string.hxx>

namespace qkpi::commands {

OUString u(const std::string& s) {
  return OUString(s.data(), static_cast<sal_Int32>(s.size()), RTL_TEXTENCODING_UTF8);
}

std::string utf8(const OUString& s) {
  rtl::OString o = rtl::OUStringToOString(s, RTL_TEXTENCODING_UTF8);
  return std::string(o.getStr(), static_cast<std::size_t>(o.getLength()));
}

}  // namespace qkpi::commands
