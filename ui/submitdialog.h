#pragma once

#include "batchjudge.h"

#include <QDialog>
#include <optional>

class QComboBox;
class QLabel;
class QPlainTextEdit;

namespace evalx::ui {

class ConsoleSource;

// Submits one program from the window: a language, a source (typed or
// opened), an input and, optionally, the output it should print.
class SubmitDialog final : public QDialog
{
    Q_OBJECT
public:
    SubmitDialog(ConsoleSource *source, RunLimits limits, QWidget *parent = nullptr);

    void setLanguage(const QString &id);
    void setSource(const QString &text);
    void setInput(const QString &text);
    void setExpected(const QString &text);
    bool openFile(const QString &path, QString *error);

    // The request the fields describe, or nothing and why.
    std::optional<BatchRequest> request(QString *error) const;
    // Submits (as the OK button does); the token, or nothing with the error shown.
    std::optional<QByteArray> submit();

private:
    ConsoleSource *m_source;
    RunLimits m_limits;
    QComboBox *m_language;
    QPlainTextEdit *m_code;
    QPlainTextEdit *m_input;
    QPlainTextEdit *m_expected;
    QLabel *m_error;
};

} // namespace evalx::ui
