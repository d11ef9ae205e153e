#pragma once

#include <string>
#include <vector>

namespace ptscope {

// Loads a shared library that registers TorchScript operators (torchvision's _C.so,
// torchaudio's libtorchaudio.so, a user's custom ops) into this process, the way LibTorch
// users do with dlopen. Throws ptscope::Error (LibraryLoadFailed).
void loadOperatorLibrary(const std::string& path);

// Libraries loaded so far, in order.
std::vector<std::string> loadedOperatorLibraries();

// Installed libraries known to provide operators of namespace ns ("torchvision", "torchaudio").
std::vector<std::string> operatorLibraryCandidates(const std::string& ns);

} // namespace ptscope
