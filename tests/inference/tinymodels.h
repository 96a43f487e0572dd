#pragma once

// Tiny TorchScript modules made by the test with torch::jit::Module::define (no weights are
// downloaded anywhere). Kept apart from the Qt test code: libtorch and Qt headers do not mix.

#include <string>

namespace stills::test {

// tagger.pt: scores = the mean of each RGB plane, labels() = red, green, blue.
// captioner.pt: "a still of N pixels" (N = the input width).
// moody.pt: "dark" for a dark input; for a bright one it computes for hours (a hung model).
// Throws std::runtime_error when libtorch cannot build or save them.
void writeTinyModels(const std::string &folder);

} // namespace stills::test
