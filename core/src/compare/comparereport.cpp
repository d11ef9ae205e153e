#include "ptscope/compare/comparereport.h"

#include "compare/comparejsonparts.h"
#include "io/jsontext.h"
#include "ptscope/common/error.h"
#include "ptscope/compare/comparejson.h"

namespace ptscope {

std::string compareReportToJson(const CompareReport& report)
{
    json doc = outputComparisonJson(report.outputs);
    doc["verdict"] = report.matches() ? "match" : "mismatch";
    if (report.perNode)
        addPerNode(doc, *report.perNode);
    if (report.search)
        addSearch(doc, *report.search);
    return jsonText(doc, 2);
}

CompareReport compareReportFromJson(const std::string& text)
{
    try {
        const json doc = json::parse(text);
        CompareReport report;
        report.outputs = outputComparisonFrom(doc);
        if (doc.contains("per_node"))
            report.perNode = perNodeFromJson(doc);
        if (doc.contains("search"))
            report.search = searchFromJson(doc);
        return report;
    } catch (const nlohmann::json::exception& e) {
        throw Error(ErrorKind::ProtocolError, std::string("Cannot read the comparison: ") + e.what());
    }
}

std::string compareReportToText(const CompareReport& report)
{
    std::string text = outputComparisonToText(report.outputs, nullptr);
    if (!report.matches() && report.outputs.matches)
    {
        const size_t end = text.find('\n');
        text = "Mismatch" + text.substr(5, end - 5) +
               " (the given inputs agree; the search found one on which they do not)" + text.substr(end);
    }
    if (report.search)
        text += searchText(*report.search);
    if (report.perNode)
        text += perNodeText(*report.perNode, !report.matches());
    return text;
}

} // namespace ptscope
