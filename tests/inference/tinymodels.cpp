#include "tinymodels.h"

#include <torch/script.h>

namespace stills::test {

void writeTinyModels(const std::string &folder)
{
    torch::jit::Module tagger("Tagger");
    tagger.define(R"JIT(
def forward(self, x):
    return x.mean(dim=[0, 2, 3])

def labels(self) -> List[str]:
    return ["red", "green", "blue"]
)JIT");
    tagger.save(folder + "/tagger.pt");

    torch::jit::Module captioner("Captioner");
    captioner.define(R"JIT(
def forward(self, x) -> str:
    return "a still of " + str(x.size(3)) + " pixels"
)JIT");
    captioner.save(folder + "/captioner.pt");

    torch::jit::Module moody("Moody");
    moody.define(R"JIT(
def forward(self, x) -> str:
    if bool(x.mean() > 0.5):
        y = x
        for i in range(2000000000):
            y = y + 1.0
        return "bright"
    return "dark"
)JIT");
    moody.save(folder + "/moody.pt");
}

} // namespace stills::test
