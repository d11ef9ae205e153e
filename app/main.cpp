#include "controllers/operatorlibrarycontroller.h"
#include "widgets/mainwindow.h"
#include "widgets/screenshot.h"

#include <QApplication>
#include <QCommandLineParser>

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
    screenshot.setFlags(QCommandLineOption::HiddenFromHelp);
    selectModule.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({library, screenshot, selectModule});
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
    if (parser.isSet(screenshot))
        saveScreenshotWhenLoaded(&window, parser.value(screenshot),
                                 parser.isSet(selectModule) ? parser.value(selectModule) : QString());
    if (!files.isEmpty())
        window.openFile(files.first());
    return app.exec();
}
