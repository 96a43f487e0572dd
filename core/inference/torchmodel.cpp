#include "torchmodel.h"

#include <torch/script.h>
#include <torch/version.h>

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace stills::inference {

namespace {

// libtorch messages carry a C++ backtrace after the first line; the user needs the first line.
std::string firstLine(const char *what)
{
    std::string text(what ? what : "");
    const auto end = text.find('\n');
    return end == std::string::npos ? text : text.substr(0, end);
}

} // namespace

struct TorchModel::Private {
    torch::jit::Module module;
    std::vector<std::string> labels;
};

TorchModel::TorchModel() : d(std::make_unique<Private>()) {}

TorchModel::~TorchModel() = default;

std::string TorchModel::torchVersion()
{
    return TORCH_VERSION;
}

std::unique_ptr<TorchModel> TorchModel::load(const std::string &path)
{
    std::unique_ptr<TorchModel> model(new TorchModel);
    try {
        model->d->module = torch::jit::load(path, torch::kCPU);
    } catch (const c10::Error &e) {
        throw ModelError(ModelError::Kind::NotTorchScript, path, firstLine(e.what()));
    } catch (const std::exception &e) {
        // torch::jit::load also throws plain C++ errors for files that are no ZIP archive at all.
        throw ModelError(ModelError::Kind::NotTorchScript, path, firstLine(e.what()));
    }
    model->d->module.eval();
    if (!model->d->module.find_method("forward"))
        throw ModelError(ModelError::Kind::NoForward, path, {});
    if (auto labels = model->d->module.find_method("labels")) {
        try {
            const c10::IValue value = (*labels)(std::vector<c10::IValue>{});
            for (const c10::IValue &label : value.toListRef())
                model->d->labels.push_back(label.toStringRef());
        } catch (const c10::Error &e) {
            throw ModelError(ModelError::Kind::BadLabels, path, firstLine(e.what()));
        }
    }
    return model;
}

Prediction TorchModel::run(const std::vector<float> &pixels, int size, int topK)
{
    if (size <= 0 || pixels.size() != size_t(3) * size_t(size) * size_t(size))
        throw ModelError(ModelError::Kind::BadInput, {}, {});
    torch::NoGradGuard noGradients;
    const torch::Tensor input =
        torch::from_blob(const_cast<float *>(pixels.data()), {1, 3, size, size}, torch::kFloat32).clone();
    c10::IValue output;
    try {
        output = d->module.forward({input});
    } catch (const c10::Error &e) {
        throw ModelError(ModelError::Kind::RunFailed, {}, firstLine(e.what()));
    } catch (const std::exception &e) {
        throw ModelError(ModelError::Kind::RunFailed, {}, firstLine(e.what()));
    }

    Prediction prediction;
    if (output.isString()) {
        prediction.caption = output.toStringRef();
        return prediction;
    }
    if (!output.isTensor())
        throw ModelError(ModelError::Kind::BadOutput, {}, output.tagKind());
    const torch::Tensor scores = output.toTensor().detach().to(torch::kFloat64).flatten().contiguous();
    const int64_t count = scores.numel();
    if (count == 0)
        throw ModelError(ModelError::Kind::NoScores, {}, {});
    const double *values = scores.data_ptr<double>();
    std::vector<int64_t> order(size_t(count), 0);
    std::iota(order.begin(), order.end(), 0);
    const auto keep = std::min<int64_t>(count, std::max(topK, 1));
    std::partial_sort(order.begin(), order.begin() + keep, order.end(),
                      [values](int64_t a, int64_t b) { return values[a] > values[b]; });
    for (int64_t i = 0; i < keep; ++i) {
        const int64_t index = order[size_t(i)];
        const std::string label =
            size_t(index) < d->labels.size() ? d->labels[size_t(index)] : "class " + std::to_string(index);
        prediction.tags.emplace_back(label, values[index]);
    }
    return prediction;
}

} // namespace stills::inference
