#include "submitdialog.h"
#include "consolesource.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace evalx::ui {

namespace {
constexpr qint64 kMaxSourceBytes = 1024 * 1024;
}

SubmitDialog::SubmitDialog(ConsoleSource *source, RunLimits limits, QWidget *parent)
    : QDialog(parent)
    , m_source(source)
    , m_limits(limits)
    , m_language(new QComboBox(this))
    , m_code(new QPlainTextEdit(this))
    , m_input(new QPlainTextEdit(this))
    , m_expected(new QPlainTextEdit(this))
    , m_error(new QLabel(this))
{
    setWindowTitle(tr("Submit a program"));
    resize(720, 600);
    const LanguageCatalogue &languages = m_source->languages();
    for (const Language &l : languages.languages()) {
        const LanguageStatus status = languages.status(l.id);
        if (languages.isDetected() && !status.available)
            continue;
        m_language->addItem(status.version.isEmpty()
                                ? l.name
                                : QStringLiteral("%1 (%2)").arg(l.name, status.version),
                            l.id);
    }
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (QPlainTextEdit *edit : {m_code, m_input, m_expected})
        edit->setFont(mono);
    m_code->setPlaceholderText(tr("The program's source"));
    m_input->setPlaceholderText(tr("What the program reads"));
    m_expected->setPlaceholderText(tr("What it should print (empty: any output is accepted)"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #d73a49"));
    m_error->hide();

    auto *open = new QPushButton(tr("&Open file…"), this);
    connect(open, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open a source file"));
        QString error;
        if (!path.isEmpty() && !openFile(path, &error)) {
            m_error->setText(error);
            m_error->show();
        }
    });

    auto *form = new QFormLayout;
    auto *languageRow = new QHBoxLayout;
    languageRow->addWidget(m_language, 1);
    languageRow->addWidget(open);
    form->addRow(tr("&Language:"), languageRow);
    form->addRow(tr("&Source:"), m_code);
    form->addRow(tr("&Input:"), m_input);
    form->addRow(tr("&Expected output:"), m_expected);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Sub&mit"));
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (submit())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
}

void SubmitDialog::setLanguage(const QString &id)
{
    const int index = m_language->findData(id);
    if (index >= 0)
        m_language->setCurrentIndex(index);
}

void SubmitDialog::setSource(const QString &text)
{
    m_code->setPlainText(text);
}

void SubmitDialog::setInput(const QString &text)
{
    m_input->setPlainText(text);
}

void SubmitDialog::setExpected(const QString &text)
{
    m_expected->setPlainText(text);
}

bool SubmitDialog::openFile(const QString &path, QString *error)
{
    QFile file(path);
    if (file.size() > kMaxSourceBytes) {
        *error = tr("%1 is larger than 1 MiB: not a source file?").arg(path);
        return false;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("%1 cannot be read: %2").arg(path, file.errorString());
        return false;
    }
    m_code->setPlainText(QString::fromUtf8(file.readAll()));
    if (const Language *l = m_source->languages().forFileName(QFileInfo(path).fileName()))
        setLanguage(l->id);
    return true;
}

std::optional<BatchRequest> SubmitDialog::request(QString *error) const
{
    const Language *language = m_source->languages().find(m_language->currentData().toString());
    if (!language) {
        *error = tr("Choose a language: none is available here.");
        return std::nullopt;
    }
    const QByteArray code = m_code->toPlainText().toUtf8();
    if (code.trimmed().isEmpty()) {
        *error = tr("The source is empty.");
        return std::nullopt;
    }
    BatchRequest r;
    r.submission = Submission::fromSource(*language, code);
    r.submission.origin = QStringLiteral("window");
    TestData test;
    test.name = QStringLiteral("1");
    test.input = m_input->toPlainText().toUtf8();
    test.answer = m_expected->toPlainText().toUtf8();
    test.hasAnswer = !test.answer.isEmpty();
    r.tests << test;
    r.limits = m_limits;
    return r;
}

std::optional<QByteArray> SubmitDialog::submit()
{
    QString error;
    std::optional<QByteArray> token;
    if (const std::optional<BatchRequest> r = request(&error)) {
        SubmitOptions options;
        options.labels.insert(QLatin1String(kOriginLabel), QStringLiteral("window"));
        token = m_source->submit(*r, options, &error);
    }
    m_error->setText(error);
    m_error->setVisible(!token);
    return token;
}

} // namespace evalx::ui
