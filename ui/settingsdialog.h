#pragma once

#include "consolesettings.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;
class QTreeWidget;

namespace evalx {
class LanguageCatalogue;
}

namespace evalx::ui {

// Edits ConsoleSettings: judging (limits, pool size, languages), the API
// inside the window, Redis, a remote server to watch, and the window's
// language and palette.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
public:
    // languages: the full catalogue, detected, so that versions show.
    SettingsDialog(const ConsoleSettings &settings, const LanguageCatalogue &languages,
                   QWidget *parent = nullptr);

    ConsoleSettings settings() const;

    // The translations built in: code -> the language's own name ("de" -> "Deutsch").
    static QList<QPair<QString, QString>> uiLanguages();

private:
    ConsoleSettings m_initial;
    QSpinBox *m_poolSize;
    QDoubleSpinBox *m_time;
    QSpinBox *m_memory;
    QTreeWidget *m_languages;
    QCheckBox *m_apiEnabled;
    QLineEdit *m_apiAddress;
    QSpinBox *m_apiPort;
    QLineEdit *m_apiToken;
    QLineEdit *m_redis;
    QLineEdit *m_remote;
    QLineEdit *m_remoteToken;
    QComboBox *m_uiLanguage;
    QComboBox *m_theme;
};

} // namespace evalx::ui
