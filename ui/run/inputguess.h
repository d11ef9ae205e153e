#pragma once

#include <QString>

namespace ptscope {
struct ModelInfo;
}

// A first input for forward, read off the model's first layer when nothing better is known:
// Linear in_features N -> float32[1,N]; Conv2d in_channels C -> float32[1,C,224,224]; Embedding
// -> int64[1,16]; LSTM input_size N -> float32[5,1,N] ([1,5,N] when batch_first). Only a guess:
// the first leaf module decides, and forward may do anything before it. The sizes come from the
// attributes when the archive has them, else from the weights' shapes (scripted layers keep
// in_features and the like as constants, which archives do not list); a grouped Conv2d gets no
// guess.
struct InputGuess
{
    QString spec;   // empty: no guess
    QString reason; // for people: "from fc1 (Linear, in_features 10)"
};

InputGuess guessFirstInput(const ptscope::ModelInfo& info);
