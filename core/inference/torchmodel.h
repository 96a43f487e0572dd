#pragma once

// No Qt here: this library is compiled against libtorch only, and linked only by stills-infer
// (see DESIGN.md, "libtorch stays out of the app process").

#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace stills::inference {

// What a model answered for one image: a caption (the module returned a string) or tags with
// scores (it returned a tensor of scores; labels from its `labels()` method, else "class N").
struct Prediction {
    std::string caption;
    std::vector<std::pair<std::string, double>> tags; // best first
};

// What went wrong, for the worker to say in the user's language (this library has no Qt and no
// translations): the kind, and the detail (a file path, libtorch's own first line, a type name).
struct ModelError : std::runtime_error {
    enum class Kind { NotTorchScript, NoForward, BadLabels, BadInput, RunFailed, BadOutput, NoScores };
    ModelError(Kind k, std::string path, std::string d)
        : std::runtime_error(d), kind(k), file(std::move(path)), detail(std::move(d))
    {
    }
    Kind kind;
    std::string file;
    std::string detail;
};

// A TorchScript module loaded from a file, run on the CPU without gradients.
//
// Failures throw ModelError.
// Thread contract: one thread at a time (the worker answers one request at a time).
class TorchModel
{
public:
    ~TorchModel();
    TorchModel(const TorchModel &) = delete;
    TorchModel &operator=(const TorchModel &) = delete;

    static std::unique_ptr<TorchModel> load(const std::string &path);

    // `pixels`: 3 x size x size floats, channel-major (RGB planes), already normalised.
    // `topK` limits the tags returned.
    Prediction run(const std::vector<float> &pixels, int size, int topK = 10);

    static std::string torchVersion();

private:
    TorchModel();
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace stills::inference
