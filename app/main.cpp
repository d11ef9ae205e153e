#include "controllers/operatorlibrarycontroller.h"
#include "widgets/mainwindow.h"
#include "widgets/screenshot.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QHash>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("ptscope"));
    QApplication::setApplicationName(QStringLiteral("ptscope"));
    QApplication::setApplicationVersion(QStringLiteral(PTSCOPE_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Inspects and profiles PyTorch TorchScript models."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("model"), QStringLiteral("TorchScript model to open."),
                                 QStringLiteral("[MODEL.pt]"));
    const QCommandLineOption library(
        QStringLiteral("load-library"),
        QStringLiteral("Load an operator library (.so) for this session; repeatable."),
        QStringLiteral("PATH"));
    QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QStringLiteral("Save the window to FILE once the model has loaded, then quit."),
        QStringLiteral("FILE"));
    QCommandLineOption selectModule(QStringLiteral("select-module"),
                                    QStringLiteral("Module to select before the screenshot."),
                                    QStringLiteral("PATH"));
    QCommandLineOption tab(QStringLiteral("tab"),
                           QStringLiteral("Central tab before the screenshot: overview, graph, code or run."),
                           QStringLiteral("NAME"));
    QCommandLineOption expand(QStringLiteral("graph-expand"),
                              QStringLiteral("Graph module to expand before the screenshot (* for Expand All); repeatable."),
                              QStringLiteral("PATH"));
    QCommandLineOption search(
        QStringLiteral("graph-search"),
        QStringLiteral("Search the graph and select the first hit before the screenshot."),
        QStringLiteral("TEXT"));
    QCommandLineOption variant(QStringLiteral("graph-variant"),
                               QStringLiteral("Graph variant to show before the screenshot."),
                               QStringLiteral("ID"));
    QCommandLineOption size(QStringLiteral("window-size"), QStringLiteral("Window size for the screenshot."),
                            QStringLiteral("WxH"));
    QCommandLineOption runInput(QStringLiteral("run-input"),
                                QStringLiteral("Run the model before the screenshot; one per argument."),
                                QStringLiteral("SPEC"));
    QCommandLineOption output(QStringLiteral("select-output"),
                              QStringLiteral("Run output to select before the screenshot."),
                              QStringLiteral("PATH"));
    QCommandLineOption profile(QStringLiteral("profile"),
                               QStringLiteral("Profile the model on the --run-input specs before the screenshot."));
    QCommandLineOption profileChart(QStringLiteral("profile-chart"),
                                    QStringLiteral("Profile tab chart to show before the screenshot."),
                                    QStringLiteral("TITLE"));
    QCommandLineOption heatMap(QStringLiteral("heat-map"),
                               QStringLiteral("Show the profile's heat map on the graph before the screenshot."));
    for (QCommandLineOption* option : {&screenshot, &selectModule, &tab, &variant, &expand, &search, &size,
                                       &runInput, &output, &profile, &profileChart, &heatMap})
        option->setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({library, screenshot, selectModule, tab, variant, expand, search, size, runInput, output,
                       profile, profileChart, heatMap});
    parser.process(app);

    const QStringList files = parser.positionalArguments();
    if (files.size() > 1)
        parser.showHelp(1);

    MainWindow window;
    window.show();
    // Libraries first: their operators must be registered before the model loads.
    window.operatorLibraries()->loadSaved();
    for (const QString& path : parser.values(library))
        window.operatorLibraries()->load(path, false);
    if (parser.isSet(screenshot)) {
        ScreenshotOptions options;
        options.file = parser.value(screenshot);
        options.modulePath = parser.isSet(selectModule) ? parser.value(selectModule) : QString();
        const QHash<QString, QString> tabs{{QStringLiteral("overview"), QStringLiteral("summaryView")},
                                           {QStringLiteral("graph"), QStringLiteral("graphPanel")},
                                           {QStringLiteral("code"), QStringLiteral("codeView")},
                                           {QStringLiteral("run"), QStringLiteral("runPanel")},
                                           {QStringLiteral("profile"), QStringLiteral("profilePanel")}};
        options.tab = tabs.value(parser.value(tab), parser.value(tab));
        options.graphVariant = parser.value(variant);
        options.expand = parser.values(expand);
        options.graphSearch = parser.value(search);
        const QStringList wh = parser.value(size).split(QLatin1Char('x'));
        if (wh.size() == 2)
            options.size = QSize(wh[0].toInt(), wh[1].toInt());
        options.runInputs = parser.values(runInput);
        options.outputPath = parser.value(output);
        options.profile = parser.isSet(profile);
        options.profileChart = parser.value(profileChart);
        options.heatMap = parser.isSet(heatMap);
        saveScreenshotWhenLoaded(&window, options);
    }
    if (!files.isEmpty())
        window.openFile(files.first());
    return app.exec();
}
