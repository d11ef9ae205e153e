#pragma once

// Internal to core: what each node saw and made during one observed executor run.

#include "profile/nodeexecutor.h"
#include "profile/opcost.h"
#include "ptscope/profile/profile.h"

#include <vector>

namespace ptscope {

class ShapeObserver : public StepObserver
{
public:
    explicit ShapeObserver(size_t nodes);

    void beforeStep(const Step& step, const torch::jit::Stack& inputs) override;
    void afterStep(const Step& step, const c10::IValue* outputs, size_t count) override;

    struct NodeCost
    {
        double flops = 0; // all calls of the run
        double bytesRead = 0;
        double bytesWritten = 0;
        int64_t calls = 0;
        bool known = false;
        bool seen = false;
        std::vector<ValueShape> outputs; // first call
    };
    const std::vector<NodeCost>& nodes() const { return m_nodes; }

private:
    std::vector<NodeCost> m_nodes;
    torch::jit::Stack m_inputs; // the step being run's inputs, kept for its cost
    bool m_haveInputs = false;
};

ValueShape shapeOf(const c10::IValue& value);

} // namespace ptscope
