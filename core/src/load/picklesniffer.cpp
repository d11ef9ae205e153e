#include "load/picklesniffer.h"

#include "ptscope/common/error.h"

namespace ptscope {

namespace {

const char* const kHowToFix =
    "Make TorchScript in Python: torch.jit.save(torch.jit.script(model), 'model.pt') "
    "(or torch.jit.trace(model, example_inputs)).";

struct Global
{
    std::string module;
    std::string name;
};

// The first object a pickle builds tells what was saved. Protocol 2 (torch.save's default)
// names classes with GLOBAL: 'c' module '\n' name '\n'.
bool firstGlobal(const std::string& pkl, Global& out)
{
    size_t pos = 0;
    if (pkl.size() >= 2 && static_cast<unsigned char>(pkl[0]) == 0x80)
        pos = 2;
    if (pos >= pkl.size() || pkl[pos] != 'c')
        return false;
    const size_t nl1 = pkl.find('\n', pos + 1);
    if (nl1 == std::string::npos)
        return false;
    const size_t nl2 = pkl.find('\n', nl1 + 1);
    if (nl2 == std::string::npos)
        return false;
    out.module = pkl.substr(pos + 1, nl1 - pos - 1);
    out.name = pkl.substr(nl1 + 1, nl2 - nl1 - 1);
    return true;
}

char firstOpcode(const std::string& pkl)
{
    const size_t pos = (pkl.size() >= 2 && static_cast<unsigned char>(pkl[0]) == 0x80) ? 2 : 0;
    return pos < pkl.size() ? pkl[pos] : '\0';
}

} // namespace

Error classifyTorchSavePickle(const std::string& pkl, const std::string& path)
{
    Global global;
    if (firstGlobal(pkl, global)) {
        if (global.module == "collections" && global.name == "OrderedDict")
            return Error(ErrorKind::StateDictPickle,
                         "This is a state_dict saved with torch.save, not a TorchScript model: " + path,
                         std::string("A state_dict holds only weights. ") + kHowToFix);
        if (global.module.rfind("torch", 0) == 0 && global.name.rfind("_rebuild", 0) == 0)
            return Error(ErrorKind::TensorPickle,
                         "This is a tensor saved with torch.save, not a TorchScript model: " + path,
                         "Tensors like this can be given to a model as input instead.");
        // A pickled nn.Module keeps its children under "_modules".
        if (pkl.find("_modules") != std::string::npos)
            return Error(ErrorKind::EagerModulePickle,
                         "This is an eager nn.Module (" + global.name + " from " + global.module +
                             ") pickled by torch.save, not a TorchScript model: " + path,
                         kHowToFix);
        return Error(ErrorKind::TensorPickle,
                     "This is a " + global.module + "." + global.name +
                         " object saved with torch.save, not a TorchScript model: " + path,
                     kHowToFix);
    }
    if (firstOpcode(pkl) == '}')
        return Error(ErrorKind::StateDictPickle,
                     "This is a dictionary (a state_dict or training checkpoint) saved with torch.save, "
                     "not a TorchScript model: " + path,
                     std::string("It holds weights, not code. ") + kHowToFix);
    return Error(ErrorKind::TensorPickle,
                 "This is data saved with torch.save, not a TorchScript model: " + path, kHowToFix);
}

Error legacyPickleError(const std::string& path)
{
    return Error(ErrorKind::LegacyPickle,
                 "This is a pickle written by torch.save in its legacy (non-zip) format, not a "
                 "TorchScript model: " + path,
                 kHowToFix);
}

} // namespace ptscope
