#pragma once

#include <string>

namespace ptscope {

class Error;

// Given data.pkl of a torch.save zip (an archive without TorchScript code), works out what was
// saved (a state_dict, an eager module, a tensor...) and returns the error that tells the user.
Error classifyTorchSavePickle(const std::string& dataPkl, const std::string& path);

// The error for a file in torch.save's legacy (pre-1.6, non-zip) pickle format.
Error legacyPickleError(const std::string& path);

} // namespace ptscope
