// KPISTATUS's rules for its Direction and Amber arguments, exposed so that
// the objectives register checks a row exactly as the Status formula will
// (targets.cpp; kpi-rules.md, "Targets and segments").
#pragma once

#include <optional>

#include "kpi/value.h"

namespace qkpi {

// Actual: a number -> it; "" (no value, GREY) -> nullopt; omitted, another
// text or a block -> ArgumentError.
std::optional<double> readActual(const Arg& actual);

enum class Direction : unsigned char { Higher, Lower };  // which value is better

// Direction: not given (omitted or "") -> Higher; "higher" or "lower" (ASCII
// case ignored, no surrounding spaces) -> that; a number, a block or another
// text -> ArgumentError.
Direction readDirection(const Arg& direction);

// Amber lies on the worse side of Target (below it for Higher, above it for
// Lower) or equals it as Calc compares (relative 2^-48); ArgumentError
// otherwise.
void checkAmberSide(double amber, double target, Direction direction);

}  // namespace qkpi
