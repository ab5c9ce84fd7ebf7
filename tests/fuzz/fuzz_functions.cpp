// Every function of the function table with fuzzed arguments of every shape.
// A call must give a value, #N/A (NoValue), Err:502 (ArgumentError) or
// #VALUE! (DataError) — never another exception, a crash or undefined
// behaviour (ASan/UBSan), and never a number that is not finite.
#include <cstdio>
#include <cstdlib>

#include "fuzz_input.h"
#include "kpi/function_table.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider p(data, size);
  auto table = qkpi::functionTable();
  const qkpi::FunctionSpec& f = table[p.ConsumeIntegralInRange<std::size_t>(0, table.size() - 1)];
  qkpi::fuzz::Input in(p);
  const std::size_t rows = p.ConsumeIntegralInRange<std::size_t>(0, 40);
  std::vector<qkpi::Arg> args;
  for (const qkpi::ArgSpec& spec : f.args)
    args.push_back(spec.type == qkpi::ArgType::Table ? in.table(rows) : in.any(rows));
  qkpi::Context ctx;
  ctx.nullDateOffset = p.ConsumeBool() ? 0 : 1462;
  try {
    qkpi::Value v = qkpi::evaluate(f, ctx, args);
    if (const double* d = std::get_if<double>(&v); d && !std::isfinite(*d)) {
      std::fprintf(stderr, "%.*s gave a non-finite number\n", static_cast<int>(f.name.size()), f.name.data());
      std::abort();
    }
  } catch (const qkpi::ArgumentError&) {
  } catch (const qkpi::DataError&) {
  }
  return 0;
}
