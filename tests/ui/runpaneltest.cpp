// The Run tab as a user drives it: inputs typed into the table, the Run and Cancel buttons, the
// outputs shown, errors in the banner, and inputs remembered for the next time the model opens.

#include "run/runpanel.h"

#include "appsettings.h"
#include "controllers/profilecontroller.h"
#include "controllers/runcontroller.h"
#include "profile/profilepanel.h"
#include "run/inputguess.h"
#include "run/inputsmodel.h"
#include "run/messagebanner.h"
#include "run/outputspanel.h"
#include "uitestsupport.h"
#include "widgets/mainwindow.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QFileInfo>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTest>
#include <QTreeView>

namespace {

constexpr int OpenTimeoutMs = 120000;
constexpr int RunTimeoutMs = 120000;

QString fixture(const char* name)
{
    return UiTest::fixturePath(QString::fromUtf8(name));
}

// Opens the model in the window and waits until the worker has it too.
bool openAndWaitForWorker(MainWindow& window, const QString& path)
{
    QSignalSpy ready(window.runController(), &RunController::modelReady);
    window.openFile(path);
    QElapsedTimer timer;
    timer.start();
    while (ready.isEmpty() && timer.elapsed() < OpenTimeoutMs)
        QTest::qWait(10);
    return !ready.isEmpty();
}

QPushButton* button(RunPanel* panel, const char* name)
{
    return panel->findChild<QPushButton*>(QString::fromUtf8(name));
}

} // namespace

class RunPanelTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { UiTest::isolateSettings(); }

    void inputsModelChecksSpecsAsTheyAreTyped()
    {
        InputsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        std::vector<ptscope::ArgumentSpec> arguments(3);
        arguments[0].name = "x";
        arguments[0].type = arguments[0].kind = "tensor";
        arguments[1].name = "n";
        arguments[1].type = arguments[1].kind = "int";
        arguments[2].name = "flag";
        arguments[2].type = arguments[2].kind = "bool";
        arguments[2].hasDefault = true;
        arguments[2].defaultValue = "True";
        arguments[2].defaultSpec = "bool:true";
        model.setArguments(arguments);
        QCOMPARE(model.rowCount(), 3);
        QVERIFY(model.firstProblem().startsWith(QStringLiteral("x: needs an input")));
        QVERIFY(model.setData(model.index(0, InputsModel::Input), QStringLiteral("float32[2,3]")));
        QVERIFY(model.firstProblem().startsWith(QStringLiteral("n: ")));
        QVERIFY(model.setData(model.index(1, InputsModel::Input), QStringLiteral("int:x")));
        QVERIFY(!model.index(1, InputsModel::Input).data(InputsModel::ProblemRole).toString().isEmpty());
        QVERIFY(model.setData(model.index(1, InputsModel::Input), QStringLiteral("int:4")));
        QVERIFY(model.firstProblem().isEmpty()); // flag takes its default
        QCOMPARE(model.index(2, InputsModel::Input).data().toString(), QStringLiteral("default: True"));
        QCOMPARE(model.specs(),
                 (QStringList{QStringLiteral("float32[2,3]"), QStringLiteral("int:4"), QString()}));
        QVERIFY(!(model.flags(model.index(0, InputsModel::Argument)) & Qt::ItemIsEditable));
        QVERIFY(model.flags(model.index(0, InputsModel::Input)) & Qt::ItemIsEditable);

        // Remembered inputs are used only when they fit the signature.
        const QStringList remembered{QStringLiteral("float32[1]"), QStringLiteral("int:1"),
                                     QStringLiteral("bool:false")};
        model.setArguments(arguments, remembered);
        QCOMPARE(model.specs(), remembered);
        model.setArguments(arguments, {QStringLiteral("float32[1]")});
        QCOMPARE(model.specs(), (QStringList{QString(), QString(), QString()}));
    }

    void guessesTheFirstInputFromTheFirstLayer()
    {
        auto model = [](const std::string& type, std::vector<ptscope::TensorInfo> parameters,
                        std::vector<ptscope::AttributeInfo> attributes = {}) {
            ptscope::ModelInfo info;
            info.modules.resize(3);
            info.modules[0].shortType = "Net";
            info.modules[0].children = {1, 2};
            info.modules[1].path = info.modules[1].name = "first";
            info.modules[1].shortType = type;
            info.modules[1].parent = 0;
            info.modules[1].parameters = std::move(parameters);
            info.modules[1].attributes = std::move(attributes);
            info.modules[2].path = info.modules[2].name = "second";
            info.modules[2].shortType = "Linear";
            info.modules[2].parent = 0;
            info.modules[2].parameters = {{"weight", {2, 99}, "float32"}};
            return info;
        };
        auto weight = [](const char* name, std::vector<int64_t> shape) {
            return ptscope::TensorInfo{name, std::move(shape), "float32"};
        };
        // From the weights' shapes, as scripted archives have them.
        QCOMPARE(guessFirstInput(model("Linear", {weight("weight", {5, 10})})).spec, QStringLiteral("float32[1,10]"));
        QVERIFY(guessFirstInput(model("Linear", {weight("weight", {5, 10})})).reason.contains(QStringLiteral("first")));
        QCOMPARE(guessFirstInput(model("Conv2d", {weight("weight", {64, 3, 7, 7})})).spec,
                 QStringLiteral("float32[1,3,224,224]"));
        QCOMPARE(guessFirstInput(model("Embedding", {weight("weight", {1000, 32})})).spec, QStringLiteral("int64[1,16]"));
        QCOMPARE(guessFirstInput(model("LSTM", {weight("weight_ih_l0", {80, 7})})).spec, QStringLiteral("float32[5,1,7]"));
        // From attributes, when the archive keeps them.
        QCOMPARE(guessFirstInput(model("Linear", {}, {{"in_features", "int", "12"}})).spec, QStringLiteral("float32[1,12]"));
        QCOMPARE(guessFirstInput(model("LSTM", {}, {{"input_size", "int", "4"}, {"batch_first", "bool", "True"}})).spec,
                 QStringLiteral("float32[1,5,4]"));
        // No guess: an unknown first layer (not the next Linear), no sizes, a grouped convolution.
        QVERIFY(guessFirstInput(model("BatchNorm2d", {weight("weight", {3})})).spec.isEmpty());
        QVERIFY(guessFirstInput(model("Linear", {})).spec.isEmpty());
        QVERIFY(guessFirstInput(model("Conv2d", {weight("weight", {32, 1, 3, 3})}, {{"groups", "int", "32"}})).spec.isEmpty());
        QVERIFY(guessFirstInput(ptscope::ModelInfo{}).spec.isEmpty());
    }

    void theBundledExampleRunsOnItsGuessedInput()
    {
        // The example as installed beside the app; the test fixture of the same net otherwise.
        QString path = QStringLiteral(PTSCOPE_FIXTURES_DIR "/../../resources/examples/simplenet.pt");
        if (!QFileInfo::exists(path))
            path = fixture("simplenet_scripted.pt");
        AppSettings::setLastRunInputs({}); // nothing remembered: the guess is all there is
        MainWindow window;
        window.show();
        QVERIFY(openAndWaitForWorker(window, path));
        RunPanel* panel = window.runPanel();
        QTRY_VERIFY(panel->isInputGuessed());
        QCOMPARE(panel->inputsModel()->specs().value(0), QStringLiteral("float32[1,10]"));
        auto* label = panel->findChild<QLabel*>(QStringLiteral("inputGuess"));
        QVERIFY(label && !label->isHidden());
        QVERIFY(label->text().contains(QStringLiteral("Guessed")));

        QSignalSpy available(window.runController(), &RunController::runAvailable);
        QVERIFY(window.showTab(QStringLiteral("runPanel")));
        QTest::mouseClick(button(panel, "runButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(available.count(), 1, RunTimeoutMs);
        QCOMPARE(panel->outputsPanel()->result()->samples[0].outputs[0].tensor.shape, (std::vector<int64_t>{1, 2}));

        // Typing another spec is no guess any more.
        panel->inputsModel()->setSpec(0, QStringLiteral("float32[3,10]"));
        QVERIFY(!panel->isInputGuessed());
        QVERIFY(label->isHidden());
    }

    void runsCancelsAndRunsAgainFromTheButtons()
    {
        MainWindow window;
        window.show();
        QVERIFY(openAndWaitForWorker(window, fixture("run/spin_scripted.pt")));
        RunPanel* panel = window.runPanel();
        QVERIFY(window.showTab(QStringLiteral("runPanel")));
        InputsModel* inputs = panel->inputsModel();
        QCOMPARE(inputs->argumentCount(), 2);
        QCOMPARE(inputs->argument(1).name, std::string("n"));
        QPushButton* run = button(panel, "runButton");
        QPushButton* cancel = button(panel, "cancelRunButton");
        QVERIFY(run->isEnabled());
        QVERIFY(!cancel->isEnabled());

        // Run on typed inputs: x + 3.
        inputs->setSpec(0, QStringLiteral("float32[3]:ones"));
        inputs->setSpec(1, QStringLiteral("int:3"));
        QSignalSpy available(window.runController(), &RunController::runAvailable);
        QTest::mouseClick(run, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(available.count(), 1, RunTimeoutMs);
        OutputsPanel* outputs = panel->outputsPanel();
        QVERIFY(outputs->result());
        QCOMPARE(outputs->result()->samples[0].outputs[0].tensor.max.value_or(0), 4.0);
        // The one output is on show, not an empty half of the panel.
        QCOMPARE(outputs->currentOutput(), 0);
        QVERIFY(outputs->treeView()->selectionModel()->isRowSelected(0, QModelIndex()));
        QTRY_VERIFY(outputs->currentValues());
        QVERIFY2(panel->statusText().startsWith(QStringLiteral("Done")), qPrintable(panel->statusText()));

        // A forward that never returns: Cancel stops it and the window stays usable.
        inputs->setSpec(1, QStringLiteral("int:-1"));
        QSignalSpy cancelled(window.runController(), &RunController::cancelled);
        QTest::mouseClick(run, Qt::LeftButton);
        QTRY_VERIFY(cancel->isEnabled());
        QVERIFY(!run->isEnabled());
        QTest::qWait(200);
        QTest::mouseClick(cancel, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(cancelled.count(), 1, 5000);
        QTRY_VERIFY(!cancel->isEnabled());
        QVERIFY(panel->banner()->message().contains(QStringLiteral("cancelled")));
        // The last result stays on show until a new one arrives.
        QCOMPARE(outputs->result()->samples[0].outputs[0].tensor.max.value_or(0), 4.0);

        inputs->setSpec(1, QStringLiteral("int:5"));
        QTRY_VERIFY_WITH_TIMEOUT(run->isEnabled(), OpenTimeoutMs);
        QTest::mouseClick(run, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(available.count(), 2, RunTimeoutMs);
        QCOMPARE(outputs->result()->samples[0].outputs[0].tensor.max.value_or(0), 6.0);
    }

    void showsErrorsInTheBannerWithTheTorchScriptLine()
    {
        MainWindow window;
        window.show();
        QVERIFY(openAndWaitForWorker(window, fixture("run/raises_scripted.pt")));
        RunPanel* panel = window.runPanel();
        panel->inputsModel()->setSpec(0, QStringLiteral("float32[2]:5"));
        panel->inputsModel()->setSpec(1, QStringLiteral("float:1.0"));
        QSignalSpy failed(window.runController(), &RunController::failed);
        QVERIFY(panel->run());
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, RunTimeoutMs);
        const QString message = panel->banner()->message();
        QVERIFY2(message.contains(QStringLiteral("input exceeds limit")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("raise ValueError")), qPrintable(message));
        QVERIFY(!panel->banner()->detail().isEmpty()); // the whole TorchScript traceback

        // An input the table already knows is wrong never reaches the worker.
        panel->inputsModel()->setSpec(0, QStringLiteral("float32[2"));
        QVERIFY(!panel->run());
        QCOMPARE(failed.count(), 1);
        QVERIFY(panel->banner()->message().startsWith(QStringLiteral("x: ")));
    }

    void picksAMethodWhenThereIsNoForward()
    {
        // A scripted nn.LSTM(8, 16, num_layers=2) has forward__0 and forward__1, no forward.
        AppSettings::setLastRunInputs({});
        const QString lstm = fixture("lstm_scripted.pt");
        MainWindow window;
        window.show();
        QVERIFY(openAndWaitForWorker(window, lstm));
        RunPanel* panel = window.runPanel();
        QVERIFY(window.showTab(QStringLiteral("runPanel")));
        QAbstractItemModelTester tester(panel->inputsModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto* picker = panel->findChild<QComboBox*>(QStringLiteral("methodCombo"));
        QVERIFY(picker && picker->isVisibleTo(panel)); // the tabs show once the model's facts are read
        QStringList listed;
        for (int i = 0; i < picker->count(); ++i)
            listed << picker->itemText(i);
        QCOMPARE(listed.mid(0, 2), (QStringList{QStringLiteral("forward__0"), QStringLiteral("forward__1")}));
        QVERIFY(listed.contains(QStringLiteral("check_input")));
        // The first method is chosen, its arguments in the table, its input guessed from the LSTM.
        QCOMPARE(panel->method(), QStringLiteral("forward__0"));
        QCOMPARE(panel->inputsModel()->argumentCount(), 2);
        QCOMPARE(panel->inputsModel()->argument(1).name, std::string("hx"));
        auto* signature = panel->findChild<QLabel*>(QStringLiteral("forwardSignature"));
        QVERIFY2(signature->text().contains(QStringLiteral("forward__0(input: Tensor")),
                 qPrintable(signature->text()));
        QTRY_VERIFY(panel->isInputGuessed());
        QCOMPARE(panel->inputsModel()->specs().value(0), QStringLiteral("float32[5,1,8]"));
        QVERIFY(button(panel, "runButton")->isEnabled());

        // Run from the button: the worker runs forward__0, as ptscope-cli run --method does.
        auto* seed = panel->findChild<QSpinBox*>(QStringLiteral("seedSpin"));
        auto* threads = panel->findChild<QSpinBox*>(QStringLiteral("threadsSpin"));
        seed->setValue(5);
        threads->setValue(1);
        QSignalSpy available(window.runController(), &RunController::runAvailable);
        QTest::mouseClick(button(panel, "runButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(available.count(), 1, RunTimeoutMs);
        const RunResultPtr result = panel->outputsPanel()->result();
        QVERIFY(result);
        QCOMPARE(result->samples[0].outputs[0].tensor.shape, (std::vector<int64_t>{5, 1, 16}));
        const QString difference = UiTest::differenceFromCli(
            *result, lstm,
            {QStringLiteral("--method"), QStringLiteral("forward__0"), QStringLiteral("--input"),
             QStringLiteral("float32[5,1,8]"), QStringLiteral("--seed"), QStringLiteral("5"),
             QStringLiteral("--threads"), QStringLiteral("1")});
        QVERIFY2(difference.isEmpty(), qPrintable(difference));

        // The Profile tab profiles the same method on the same inputs.
        QSignalSpy profiled(window.profileController(), &ProfileController::profileAvailable);
        QSignalSpy profileFailed(window.profileController(), &ProfileController::failed);
        emit window.profilePanel()->profileRequested(); // the Profile tab's button
        auto* profileInputs = window.profilePanel()->findChild<QLabel*>(QStringLiteral("profileInputs"));
        QVERIFY2(profileInputs->text().contains(QStringLiteral("forward__0")),
                 qPrintable(profileInputs->text()));
        QTRY_VERIFY_WITH_TIMEOUT(!profiled.isEmpty() || !profileFailed.isEmpty(), RunTimeoutMs);
        QVERIFY2(profileFailed.isEmpty(), qPrintable(profileFailed.value(0).value(0).toString()));
        const ProfileResultPtr profile = profiled.first().first().value<ProfileResultPtr>();
        QVERIFY(profile->nodeLevel);
        QVERIFY(std::any_of(profile->nodes.begin(), profile->nodes.end(),
                            [](const ptscope::NodeProfile& n) { return n.kind == "aten::lstm"; }));
        QVERIFY(profile->outputsEqualForward.value_or(false));

        // Another method: the table follows its arguments, with no guess (it is no forward).
        picker->setCurrentText(QStringLiteral("check_input"));
        QCOMPARE(panel->method(), QStringLiteral("check_input"));
        QCOMPARE(panel->inputsModel()->argumentCount(), 2);
        QCOMPARE(panel->inputsModel()->argument(1).name, std::string("batch_sizes"));
        QVERIFY(panel->inputsModel()->specs().value(0).isEmpty());
        QVERIFY(!panel->isInputGuessed());
        QVERIFY(signature->text().contains(QStringLiteral("check_input(")));
        QCOMPARE(panel->request().method, QStringLiteral("check_input"));
        // Back on forward__0, the inputs run on it last are there again.
        picker->setCurrentText(QStringLiteral("forward__0"));
        QCOMPARE(panel->inputsModel()->specs().value(0), QStringLiteral("float32[5,1,8]"));
    }

    void remembersTheMethodAndItsInputsForTheNextOpen()
    {
        const QString lstm = fixture("lstm_scripted.pt");
        {
            MainWindow window;
            QVERIFY(openAndWaitForWorker(window, lstm));
            window.runPanel()
                ->findChild<QComboBox*>(QStringLiteral("methodCombo"))
                ->setCurrentText(QStringLiteral("check_input"));
            window.runPanel()->inputsModel()->setSpec(0, QStringLiteral("float32[5,1,8]:ones"));
            window.runPanel()->inputsModel()->setSpec(1,
                                                      QStringLiteral("none")); // batch_sizes has no default
            QSignalSpy available(window.runController(), &RunController::runAvailable);
            QVERIFY(window.runPanel()->run());
            QTRY_COMPARE_WITH_TIMEOUT(available.count(), 1, RunTimeoutMs);
            // check_input returns None.
            QCOMPARE(window.runPanel()->outputsPanel()->result()->samples[0].outputs[0].kind,
                     ptscope::OutputInfo::Kind::None);
        }
        MainWindow window;
        QVERIFY(openAndWaitForWorker(window, lstm));
        QCOMPARE(window.runPanel()->method(), QStringLiteral("check_input"));
        QCOMPARE(window.runPanel()->inputsModel()->specs(),
                 (QStringList{QStringLiteral("float32[5,1,8]:ones"), QStringLiteral("none")}));

        // A model with forward shows no picker and runs forward.
        QVERIFY(openAndWaitForWorker(window, fixture("simplenet_scripted.pt")));
        QVERIFY(window.runPanel()->findChild<QWidget*>(QStringLiteral("methodRow"))->isHidden());
        QVERIFY(window.runPanel()->method().isEmpty());
        QVERIFY(window.runPanel()->request().method.isEmpty());
    }

    void remembersInputsForTheNextOpen()
    {
        {
            MainWindow window;
            QVERIFY(openAndWaitForWorker(window, fixture("run/spin_scripted.pt")));
            window.runPanel()->inputsModel()->setSpec(0, QStringLiteral("float32[4]:zeros"));
            window.runPanel()->inputsModel()->setSpec(1, QStringLiteral("int:2"));
            QSignalSpy available(window.runController(), &RunController::runAvailable);
            QVERIFY(window.runPanel()->run());
            QTRY_COMPARE_WITH_TIMEOUT(available.count(), 1, RunTimeoutMs);
        }
        MainWindow window;
        QVERIFY(openAndWaitForWorker(window, fixture("run/spin_scripted.pt")));
        QCOMPARE(window.runPanel()->inputsModel()->specs(),
                 (QStringList{QStringLiteral("float32[4]:zeros"), QStringLiteral("int:2")}));
    }
};

QTEST_MAIN(RunPanelTest)
#include "runpaneltest.moc"
