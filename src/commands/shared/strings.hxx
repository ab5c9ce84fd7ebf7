// Text between the core (UTF-8 std::string) and UNO (rtl::OUString): the one
// conversion every file of the commands uses. Invalid UTF-8 is converted as
// rtl does (replacement characters), never an exception.
#pragma once

#include <rtl/ustring.hxx>
#include <string>

namespace qkpi::commands {

using rtl::OUString;

OUString u(const std::string& utf8);
std::string utf8(const OUString& s);

}  // namespace qkpi::commands
