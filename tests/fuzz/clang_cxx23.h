// Force-included into every translation unit of the fuzz build (tests/fuzz/CMakeLists.txt).
// libstdc++ 12 enables std::expected only when __cpp_concepts >= 202002L (conditionally trivial
// special members, P0848). Debian 12's clang 16 implements P0848 but still reports 201907L, so its
// <expected> is empty; clang 16 compiles libstdc++'s std::expected correctly once the macro says so.
#pragma once

#if defined(__clang__) && defined(__cpp_concepts) && __cpp_concepts < 202002L && __clang_major__ >= 16
#undef __cpp_concepts
#define __cpp_concepts 202002L
#endif
